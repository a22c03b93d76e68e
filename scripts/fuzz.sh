#!/usr/bin/env bash
# Runs every fuzz target for a while (default 60s each) and reports, per
# target, the time run and whether it found a crasher. Crashers land in the
# package's testdata/fuzz/<Target>/ and become regression tests: commit them.
#
#   scripts/fuzz.sh            # 60s per target
#   FUZZTIME=10m scripts/fuzz.sh
#   scripts/fuzz.sh ./feed FuzzParse   # one target
#
# CI runs only the seed corpora (plain `go test` does that).
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-60s}"

targets=()
if [ $# -eq 2 ]; then
  targets=("$1 $2")
else
  while IFS= read -r line; do
    file=${line%%:*}
    name=$(sed -E 's/.*func (Fuzz[A-Za-z0-9_]+).*/\1/' <<<"$line")
    targets+=("./$(dirname "$file") $name")
  done < <(grep -rn --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]+\(' . | sed 's|^\./||')
fi

printf '%-18s %-22s %-8s %s\n' package target time result
fail=0
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  log=$(mktemp)
  if go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" >"$log" 2>&1; then
    res=ok
  else
    res="FAILED (see $log)"
    fail=1
  fi
  printf '%-18s %-22s %-8s %s\n' "$pkg" "$name" "$fuzztime" "$res"
done
exit $fail
