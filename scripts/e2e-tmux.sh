#!/usr/bin/env bash
# End-to-end test of the reader in a real terminal: builds sitrep, runs
# `sitrep --demo` inside tmux at several sizes, drives it with send-keys and
# asserts on capture-pane. Polls the screen; never sleeps a fixed time.
# Exits 0 with a message when tmux is not installed.
#
#   scripts/e2e-tmux.sh            # build and run
#   SITREP_BIN=/path/to/sitrep scripts/e2e-tmux.sh
set -euo pipefail

if ! command -v tmux >/dev/null 2>&1; then
	echo "e2e-tmux: tmux not installed; skipping"
	exit 0
fi

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
sock="sitrep-e2e-$$"
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

bin=${SITREP_BIN:-}
if [[ -z "$bin" ]]; then
	bin="$work/sitrep"
	(cd "$root" && go build -o "$bin" .)
fi

t() { tmux -L "$sock" "$@"; }
# A session that outlives each size's run: killing the last session stops a
# tmux server, and starting the next one while it exits fails ("server
# exited unexpectedly").
t new-session -d -s keeper "sleep 3600"
fail() {
	echo "e2e-tmux FAIL ($size): $*" >&2
	echo "---- screen ----" >&2
	t capture-pane -p -t e2e >&2 || true
	exit 1
}
screen() { t capture-pane -p -t e2e; }
# poll MESSAGE CMD...: run CMD every 0.1 s until it succeeds; fail with
# MESSAGE after 15 s.
poll() {
	local msg=$1
	shift
	for _ in $(seq 150); do
		"$@" && return 0
		sleep 0.1
	done
	fail "$msg"
}
# onscreen F|E PATTERN: PATTERN (fixed text or extended regexp) is on screen.
onscreen() { screen | grep -q"$1" -- "$2"; }
offscreen() { ! onscreen F "$1"; }
waitfor() { poll "timeout waiting for: $1" onscreen F "$1"; }
waitre() { poll "timeout waiting for /$1/" onscreen E "$1"; }
waitgone() { poll "still on screen: $1" offscreen "$1"; }
# fits: the frame sits exactly in the terminal: pane headers on the first
# row, the status line (with the help key) on the last. A line that
# overflowed would wrap and push one of them off. (Cell-exact widths at
# every size are checked by the Go tests in ui/.)
fits() {
	local first last
	first=$(screen | head -n 1)
	last=$(t capture-pane -p -t e2e -S "$(( $2 - 1 ))" -E "$(( $2 - 1 ))")
	[[ "$first" == *Article* || "$first" == *"All articles"* || "$first" == *Feeds* || "$first" == *"Facts & quotes"* || "$first" == *Keys* ]] ||
		fail "first row is not the pane headers: $first"
	[[ "$last" == *help* ]] || fail "last row is not the status line: $last"
}
keys() { t send-keys -t e2e "$@"; }
# (the one short sleep above paces key repeats while polling for a result)

run_size() {
	size="$1x$2"
	local w=$1 h=$2
	# XDG dirs in the work dir: --demo must not touch the user's files.
	t new-session -d -s e2e -x "$w" -y "$h" \
		"env HOME=$work XDG_CONFIG_HOME=$work/cfg XDG_DATA_HOME=$work/data TERM=xterm-256color $bin --demo; echo EXITED \$?; sleep 30"
	waitfor "new articles"          # first refresh through the feed engine finished
	waitfor "Peace negotiations"    # the seed article is listed
	fits "$w" "$h"
	# Search for the seed article through FTS5, as you type.
	keys /
	keys -l Durand
	waitfor "/Durand"
	waitfor "Peace negotiations"
	# Narrow it to the seed article, then close the search box.
	keys -l " Mujahid"
	waitre '(^| )1/1( |$)'           # exactly one result ("1/13" is the old list)
	keys Enter
	# Open it: facts and quotes in the sidebar.
	keys Enter
	if (( w < 80 )); then
		waitfor "Article"
		keys Tab
	fi
	waitfor "KEY FACTS"
	waitfor "ceasefire"
	waitfor "talks"
	if (( w < 80 )); then
		# One pane: walk the sidebar down to the quotes.
		for _ in $(seq 30); do
			screen | grep -qF Mujahid && break
			keys j
			sleep 0.1
		done
	fi
	waitfor "Mujahid"
	fits "$w" "$h"
	# Star it, from the reader.
	keys s
	waitfor "starred"
	# Help overlay lists the live keymap.
	keys '?'
	waitfor "filter by fact"
	keys '?'
	waitgone "filter by fact"
	# Back to the list and clear the search.
	# h is "back" too; two Escapes in a row would read as alt+esc.
	keys h
	if (( w < 80 )); then keys h; fi
	keys h
	waitfor "filters cleared"
	waitgone "/Durand"
	fits "$w" "$h"
	keys q
	waitfor "EXITED 0"
	t kill-session -t e2e
	echo "e2e-tmux ok ($size)"
}

run_size 120 40
run_size 90 30
run_size 70 24
echo "e2e-tmux: all sizes passed"
