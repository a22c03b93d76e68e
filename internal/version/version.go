// Package version reports what build of sitrep is running. Release builds set
// Version, Commit and Date with -ldflags; a plain `go install` falls back to
// the module version recorded in the binary's build info.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Set by -ldflags "-X github.com/sitrep-news/sitrep/internal/version.Version=..." at release.
var (
	Version = ""
	Commit  = ""
	Date    = ""
)

// Info is the resolved build description.
type Info struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	Date      string `json:"date"`
	GoVersion string `json:"go"`
	Platform  string `json:"platform"`
}

// Get resolves the build info, preferring ldflags over debug.ReadBuildInfo.
func Get() Info {
	i := Info{Version: Version, Commit: Commit, Date: Date, GoVersion: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if i.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			i.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if i.Commit == "" {
					i.Commit = s.Value
				}
			case "vcs.time":
				if i.Date == "" {
					i.Date = s.Value
				}
			}
		}
	}
	if i.Version == "" {
		i.Version = "dev"
	}
	if i.Commit == "" {
		i.Commit = "unknown"
	}
	if i.Date == "" {
		i.Date = "unknown"
	}
	return i
}

// UserAgent is the User-Agent header sitrep sends on every request.
func UserAgent() string {
	return fmt.Sprintf("sitrep/%s (+https://github.com/sitrep-news/sitrep)", Get().Version)
}
