#!/usr/bin/env bash
# Times `sitrep fetch` against newsboat on the same generated feeds, served
# from loopback with a per-request latency: a cold refresh (empty store) and
# a warm one (every feed answers 304). Usage:
#   bench/refresh/run.sh                 # N=500 and N=2000, 50 ms latency
#   NS="500" LATENCY=50ms bench/refresh/run.sh
# Needs Go and newsboat (apt-get install -y newsboat; skipped if absent).
# Prints a Markdown table; raw timings go to $OUT/results.tsv.
set -euo pipefail

NS=${NS:-"500 2000"}
LATENCY=${LATENCY:-50ms}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$(mktemp -d /tmp/sitrep-bench.XXXXXX)}
mkdir -p "$OUT/bin"
echo "building into $OUT/bin" >&2
(cd "$ROOT" && go build -o "$OUT/bin/sitrep" . && go build -o "$OUT/bin/server" ./bench/refresh)

have_newsboat=0
command -v newsboat >/dev/null && have_newsboat=1

# timeit LABEL CMD... : wall seconds, user+sys CPU seconds, max RSS MB
timeit() {
	local label=$1; shift
	/usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@" >"$OUT/$label.out" 2>"$OUT/$label.err" || {
		echo "$label failed:" >&2; tail -5 "$OUT/$label.err" >&2; }
	read -r wall user sys rss <"$OUT/time.txt"
	printf "%s\t%s\t%s\t%s\n" "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" | tee -a "$OUT/results.tsv" >&2
}

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
: >"$OUT/results.tsv"
for n in $NS; do
	d="$OUT/n$n"; mkdir -p "$d"
	"$OUT/bin/server" -n "$n" -latency "$LATENCY" -dir "$d" 2>"$d/server.log" &
	server=$!
	trap 'kill $server 2>/dev/null || true' EXIT
	for _ in $(seq 600); do [ -f "$d/ready" ] && break; sleep 0.1; done
	export XDG_CONFIG_HOME="$d/xdg" XDG_DATA_HOME="$d/xdg" HOME="$d/home"
	mkdir -p "$HOME"

	timeit "sitrep-n$n-cold" "$OUT/bin/sitrep" --config "$d/sitrep.yaml" --db "$d/sitrep.db" fetch -q
	timeit "sitrep-n$n-warm" "$OUT/bin/sitrep" --config "$d/sitrep.yaml" --db "$d/sitrep.db" fetch -q
	# The same without extracting facts during the fetch (the reader or the
	# next fetch analyses them later).
	timeit "sitrepna-n$n-cold" "$OUT/bin/sitrep" --config "$d/sitrep.yaml" --db "$d/sitrep-na.db" fetch -q --no-analyze
	timeit "sitrepna-n$n-warm" "$OUT/bin/sitrep" --config "$d/sitrep.yaml" --db "$d/sitrep-na.db" fetch -q --no-analyze

	if [ $have_newsboat = 1 ]; then
		for t in 1 16; do
			printf 'reload-threads %s\nshow-read-feeds yes\n' "$t" >"$d/newsboat-$t.conf"
			rm -f "$d/newsboat-$t.db"
			timeit "newsboat$t-n$n-cold" newsboat -u "$d/urls" -c "$d/newsboat-$t.db" -C "$d/newsboat-$t.conf" -x reload
			timeit "newsboat$t-n$n-warm" newsboat -u "$d/urls" -c "$d/newsboat-$t.db" -C "$d/newsboat-$t.conf" -x reload
		done
	fi
	kill $server; wait $server 2>/dev/null || true
	trap - EXIT
	articles=$(sqlite3 "$d/sitrep.db" 'select count(*) from articles' 2>/dev/null || echo "?")
	echo "n=$n: sitrep stored $articles articles; server: $(tail -1 "$d/server.log")" >&2
done

echo
echo "| feeds | run | sitrep fetch | sitrep fetch --no-analyze | newsboat 1 thread | newsboat 16 threads | speed-up vs newsboat's best |"
echo "|---:|---|---:|---:|---:|---:|---:|"
get() { awk -v l="$1" '$1==l{print $2}' "$OUT/results.tsv"; }
for n in $NS; do
	for run in cold warm; do
		s=$(get "sitrep-n$n-$run"); na=$(get "sitrepna-n$n-$run")
		n1=$(get "newsboat1-n$n-$run"); n16=$(get "newsboat16-n$n-$run")
		best=$(printf '%s\n%s\n' "${n1:-}" "${n16:-}" | grep . | sort -g | head -1 || true)
		ratio="—"
		[ -n "$best" ] && ratio="$(echo "scale=1; $best / $s" | bc)x ($(echo "scale=1; $best / $na" | bc)x without analysis)"
		echo "| $n | $run | ${s}s | ${na}s | ${n1:-—}s | ${n16:-—}s | $ratio |"
	done
done
echo
echo "| run | wall s | CPU s (user+sys) | peak RSS MB |"
echo "|---|---:|---:|---:|"
awk -F'\t' '{printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4}' "$OUT/results.tsv"
echo
echo "Raw: $OUT/results.tsv (label, wall s, cpu s, max RSS MB); machine: $(nproc) cores, load before the run: $LOAD0."
