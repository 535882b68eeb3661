#!/bin/bash
# CPU per thread of a running JVM over a window, from /proc, native threads included (JIT compilers, GC workers:
# ThreadMXBean, which CpuProfiler uses, does not see them). Names are /proc's 15-character ones, digits dropped.
#   benchmarks/thread-cpu.sh <pid> <seconds>
# e.g. the fork of a running JMH benchmark: benchmarks/thread-cpu.sh "$(jcmd -l | awk '/ForkedMain/ {print $1}')" 6
set -euo pipefail
pid=$1
seconds=$2
ticks=$(getconf CLK_TCK)
snapshot() {
  for task in /proc/"$pid"/task/*; do
    name=$(tr ' ' '_' < "$task/comm" 2>/dev/null) || continue
    fields=($(sed 's/.*) //' "$task/stat" 2>/dev/null)) || continue
    echo "$(basename "$task") $name $(( fields[11] + fields[12] ))" # utime + stime, in ticks
  done | LC_ALL=C sort
}
before=$(snapshot)
sleep "$seconds"
after=$(snapshot)
LC_ALL=C join <(echo "$before") <(echo "$after") \
  | awk -v ms=$((1000 / ticks)) '{ name = $2; gsub(/[0-9]+$/, "", name); used[name] += ($5 - $3) * ms }
      END { for (n in used) if (used[n] > 0) printf "%-16s %7d ms\n", n, used[n] }' \
  | sort -k2 -n -r
