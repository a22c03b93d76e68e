#!/usr/bin/env bash
# Reader benchmarks at 100,000 articles (issue 6 targets: first paint
# < 150 ms, list keypress Update+View < 5 ms, open a cached article < 20 ms,
# RSS < 150 MB).
#
#   bench/ui/run.sh              # seed once into $SITREP_BENCH_DIR (default /tmp/sitrep-ui-bench)
#   BENCHTIME=200x bench/ui/run.sh
#
# 1. Go benchmarks (ui/bench_test.go) on the seeded store.
# 2. The real binary in tmux on the same store: time to first paint from
#    exec, then RSS after paging to the last row and opening an article.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${SITREP_BENCH_DIR:-/tmp/sitrep-ui-bench}
mkdir -p "$dir"
db="$dir/bench.db"
cfg="$dir/config.yaml"
cd "$root"

if [[ ! -f "$db" || ! -f "$cfg" ]]; then
	rm -f "$db" "$db"-wal "$db"-shm
	go run ./bench/ui/seed -db "$db" -config "$cfg" -feeds 20 -per 5000
fi

echo "== go test -bench (ui/bench_test.go) =="
SITREP_BENCH_DB="$db" go test ./ui -run '^$' -bench . -benchtime "${BENCHTIME:-50x}" -benchmem | grep -E '^(Benchmark|ok|FAIL)'

if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux not installed: skipping the binary's first paint and RSS"
	exit 0
fi
echo "== the binary in tmux, 120x40 =="
bin="$dir/sitrep"
go build -o "$bin" .
sock="sitrep-bench-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true' EXIT
home="$dir/home"
mkdir -p "$home"
t0=$(date +%s%N)
tmux -L "$sock" new-session -d -s b -x 120 -y 40 \
	"exec env HOME=$home XDG_CONFIG_HOME=$home XDG_DATA_HOME=$home TERM=xterm-256color $bin --config $cfg --db $db"
pid=$(tmux -L "$sock" display -p -t b '#{pane_pid}')
until tmux -L "$sock" capture-pane -p -t b | grep -q ' 1/[0-9]'; do sleep 0.005; done
t1=$(date +%s%N)
echo "first paint (exec to list on screen, tmux polling): $(( (t1 - t0) / 1000000 )) ms"
rss() { awk '/^VmRSS/ { printf "%.1f MB", $2/1024 }' "/proc/$pid/status"; }
echo "RSS at first paint: $(rss)"
tmux -L "$sock" send-keys -t b G
until tmux -L "$sock" capture-pane -p -t b | grep -qE ' ([0-9]+)/\1 '; do sleep 0.05; done
for _ in $(seq 100); do tmux -L "$sock" capture-pane -p -t b | grep -q 'loading' || break; sleep 0.05; done
echo "RSS after G (every row loaded): $(rss)"
tmux -L "$sock" send-keys -t b Enter
until tmux -L "$sock" capture-pane -p -t b | grep -q 'KEY FACTS'; do sleep 0.05; done
echo "RSS after opening an article: $(rss)"
tmux -L "$sock" send-keys -t b q
