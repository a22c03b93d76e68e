package config

import (
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
)

// EnvConfig names the environment variable that overrides the config path
// when no --config flag is given.
const EnvConfig = "SITREP_CONFIG"

// ConfigPath resolves the config file: the --config flag value if set, else
// $SITREP_CONFIG, else $XDG_CONFIG_HOME/sitrep/config.yaml.
func ConfigPath(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv(EnvConfig); env != "" {
		return env
	}
	return filepath.Join(configHome(), "sitrep", "config.yaml")
}

// DBPath resolves the database file: the --db flag value if set, else
// $XDG_DATA_HOME/sitrep/sitrep.db.
func DBPath(flag string) string {
	if flag != "" {
		return flag
	}
	return filepath.Join(dataHome(), "sitrep", "sitrep.db")
}

// PacksDir is the directory of the user's rule packs (<config dir>/packs,
// files *.yaml) for the config file at cfgPath.
func PacksDir(cfgPath string) string {
	return filepath.Join(filepath.Dir(cfgPath), "packs")
}

// configHome and dataHome read the environment at call time (xdg reads it
// once at init), so tests and long-lived callers see changes; xdg supplies
// the platform default when the variable is unset or not absolute, as the
// XDG spec requires.
func configHome() string {
	if v := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(v) {
		return v
	}
	return xdg.ConfigHome
}

func dataHome() string {
	if v := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(v) {
		return v
	}
	return xdg.DataHome
}
