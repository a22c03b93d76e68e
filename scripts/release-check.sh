#!/usr/bin/env bash
# release-check: prove the release configuration works on this machine.
#
#   1. goreleaser check                      (the pinned goreleaser, from tools/go.mod)
#   2. goreleaser build --snapshot --clean --single-target
#   3. run the built binary's `version` and check the ldflags landed:
#      version is not "dev", commit is this checkout's HEAD, date is set,
#      and the binary is static (CGO_ENABLED=0) and built with -trimpath.
#
# Needs only Go and git: goreleaser is a Go tool pinned in tools/go.mod and is
# compiled on first use (several minutes on 2 cores; cached afterwards).
# Leaves dist/ and build/release/ behind; both are build output.
set -euo pipefail
cd "$(dirname "$0")/.."

gr() { go tool -modfile=tools/go.mod goreleaser "$@"; }

# goreleaser reads the commit from git but, in a snapshot, gives up on every
# git fact (commit "none") when the repository has no remote (git init, or a
# remote removed). Lend it the project URL for this run only, through git's
# environment config; the repository is not changed.
if [ -z "$(git remote)" ]; then
	export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=remote.origin.url \
		GIT_CONFIG_VALUE_0=https://github.com/sitrep-news/sitrep.git
fi
step() { printf '\nrelease-check: %s\n' "$*"; }
fail() { printf 'release-check: FAIL: %s\n' "$*" >&2; exit 1; }
t0=$SECONDS

step "compiling the pinned goreleaser (tools/go.mod) if not cached"
gr --version | sed -n 's/^GitVersion:/goreleaser/p'
echo "($((SECONDS - t0))s)"

step "goreleaser check"
t=$SECONDS
gr check
echo "($((SECONDS - t))s)"

step "goreleaser build --snapshot --clean --single-target"
t=$SECONDS
gr build --snapshot --clean --single-target
echo "($((SECONDS - t))s)"

exe=sitrep
[ "$(go env GOOS)" = windows ] && exe=sitrep.exe
bin=$(find dist -type f -name "$exe" -path "dist/sitrep_$(go env GOOS)_$(go env GOARCH)*" | head -n 1)
[ -n "$bin" ] || fail "no $exe for $(go env GOOS)/$(go env GOARCH) under dist/"

step "$bin version"
out=$("$bin" version)
printf '%s\n' "$out"
field() { printf '%s\n' "$out" | sed -n "s/^$1 *//p"; }
ver=$(printf '%s\n' "$out" | sed -n 's/^sitrep //p')
commit=$(field commit:)
date=$(field built:)
platform=$(field platform:)
head=$(git rev-parse HEAD)

[ -n "$ver" ] && [ "$ver" != dev ] || fail "version is '${ver}': -X .../internal/version.Version did not land"
[ "$commit" = "$head" ] || fail "commit is '${commit}', want HEAD ${head}: -X .../internal/version.Commit did not land"
[ -n "$date" ] && [ "$date" != unknown ] || fail "build date is '${date}': -X .../internal/version.Date did not land"
[ "$platform" = "$(go env GOOS)/$(go env GOARCH)" ] || fail "platform is '${platform}'"
"$bin" version --json | grep -q "\"version\": \"$ver\"" || fail "version --json disagrees with version"

info=$(go version -m "$bin")
printf '%s\n' "$info" | grep -q 'CGO_ENABLED=0' || fail "binary was not built with CGO_ENABLED=0"
printf '%s\n' "$info" | grep -q -- '-trimpath=true' || fail "binary was not built with -trimpath"

step "generated man pages and completions"
for f in build/release/man/sitrep.1.gz build/release/completions/sitrep.bash \
	build/release/completions/_sitrep build/release/completions/sitrep.fish \
	build/release/completions/sitrep.ps1; do
	[ -s "$f" ] || fail "before hook did not produce $f"
done
gzip -dc build/release/man/sitrep.1.gz | grep -q '^\.SH NAME' || fail "sitrep.1 has no NAME section"
ls build/release/man build/release/completions

printf '\nrelease-check: ok, %s %s (%ss in all)\n' "$bin" "$ver" "$((SECONDS - t0))"
