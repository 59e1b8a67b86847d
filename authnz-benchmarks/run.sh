#!/usr/bin/env bash
# Builds authnz and runs every benchmark: the in-process JMH benchmarks and the HTTP load test
# against a real sidecar and the Fernet echo baseline. Writes the results as Markdown to
# authnz-benchmarks/target/results.md and, unless --quick, into docs/benchmarks.md between the
# results markers. About 10 minutes; --quick takes about 3 and only checks that everything runs.
#
# Usage: authnz-benchmarks/run.sh [--quick] [--offline]
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$root"

quick=false
maven_flags=(-q -B -ntp)
for arg in "$@"; do
  case "$arg" in
    --quick) quick=true ;;
    --offline) maven_flags+=(-o) ;;
    *) echo "usage: $0 [--quick] [--offline]" >&2; exit 2 ;;
  esac
done

jar="$root/authnz-benchmarks/target/benchmarks.jar"
out="$root/authnz-benchmarks/target/results.md"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "run.sh: building ..." >&2
./mvnw "${maven_flags[@]}" -DskipTests package -pl authnz-transport-http,authnz-benchmarks -am
# the launcher rebuilds its jar when sources are newer; it was just built
touch "$root/authnz-transport-http/target/authnzrv.jar"

if $quick; then
  jmh_fast=(-f 1 -wi 1 -i 1 -w 1s -r 1s)
  jmh_slow=(-f 1 -wi 1 -i 1 -w 1s -r 1s)
  load_flags=(--quick)
else
  jmh_fast=(-f 1 -wi 3 -i 5 -w 1s -r 2s)
  jmh_slow=(-f 1 -wi 1 -i 3 -w 2s -r 4s)
  load_flags=()
fi

load_before="$(uptime | sed 's/.*load average: //')"
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

echo "run.sh: JMH benchmarks ..." >&2
java -jar "$jar" 'ServiceBenchmark|FernetBenchmark|AccessDecisionBenchmark' "${jmh_fast[@]}" \
  -rf csv -rff "$work/fast.csv" >"$work/fast.log" 2>&1
java -jar "$jar" 'PasswordBenchmark' "${jmh_slow[@]}" \
  -rf csv -rff "$work/slow.csv" >"$work/slow.log" 2>&1

echo "run.sh: HTTP load test ..." >&2
java -cp "$jar" org.authnz.benchmarks.HttpLoad "$root/authnzrv" "$jar" "${load_flags[@]}" \
  >"$work/http.log" 2>&1 || { cat "$work/http.log" >&2; exit 1; }

load_after="$(uptime | sed 's/.*load average: //')"

# JMH CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"[,"Param: x"]
jmh_table() {
  echo "| benchmark | parameter | score | error (99.9 %) | unit |"
  echo "|---|---|---|---|---|"
  tail -n +2 "$1" | tr -d '"\r' | awk -F, '{
    name = $1; sub(/^org\.authnz\.benchmarks\./, "", name)
    param = ""; for (i = 8; i <= NF; i++) if ($i != "") param = param (param == "" ? "" : ", ") $i
    err = ($6 == "NaN" || $6 == "") ? "" : sprintf("± %.3g", $6)
    printf "| %s | %s | %.4g | %s | %s |\n", name, param, $5, err, $7
  }'
}

{
  echo "Run of \`authnz-benchmarks/run.sh$($quick && echo ' --quick')\`, started $started."
  echo
  echo "Machine: $(nproc) processors ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')),"
  echo "$(free -m | awk '/^Mem:/ {printf "%d MiB memory", $2}'), $(uname -sr);"
  echo "$(java -version 2>&1 | sed -n 2p)."
  echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after."
  echo
  echo "### In-process (JMH, one thread, SQLite file)"
  echo
  jmh_table "$work/fast.csv"
  jmh_table "$work/slow.csv" | tail -n +3
  echo
  sed -n '/^### HTTP results/,$p' "$work/http.log"
} >"$out"

if ! $quick; then
  awk -v results="$out" '
    /<!-- results:begin -->/ { print; while ((getline line < results) > 0) print line; skip = 1; next }
    /<!-- results:end -->/ { skip = 0 }
    !skip { print }
  ' docs/benchmarks.md >"$work/benchmarks.md"
  cp "$work/benchmarks.md" docs/benchmarks.md
fi
cat "$out"
