#!/usr/bin/env bash
# Builds and runs Adjoint's JMH benchmarks, then prints a Markdown table of ratios.
#
# Usage (from anywhere):   benchmarks/run.sh [JMH benchmark regex or other JMH arguments]
#   benchmarks/run.sh                                  everything, default settings
#   benchmarks/run.sh Straight20                       only benchmarks matching a regex
#   JMH_SETTINGS="-f 3 -wi 5 -w 1 -i 5 -r 1" benchmarks/run.sh    other run lengths
#
#   JMH_SETTINGS="-f 1 -wi 3 -w 1 -i 3 -r 1" benchmarks/run.sh 'Newton|Ode|Gmm|Rosenbrock'
#                                                      the loop workloads, short runs (~4 minutes)
#
# Workloads (active inputs): straight-line BlackScholes (5) and Straight20 (20); loops: Newton
# (Kepler solves, 5), Ode (1,000 RK4 steps, 6), Gmm (ADBench GMM, d=10 K=25 n=1000, 1,650; its
# hipparchus variant takes 4-9 s per call and runs as single shots) and Rosenbrock (n = 10, 100,
# 1,000 via @Param). Variants:
#   primal       the plain @Differentiable method
#   pullback     the generated fPullback, preallocated accumulators (not zeroed between calls)
#   gradient     the generated fGradient (allocates its result record)
#   handAdjoint  a hand-written reverse-mode adjoint of the same function (the speed target)
#   hipparchus   Hipparchus forward mode (Gradient), value and full gradient
#   handAdjointImplicit   Newton only: implicit-function-theorem hand adjoint (reference)
#
# Default JMH_SETTINGS: 2 forks (the JIT's choices differ from fork to fork by up to 20%, so
# one fork can mislead), 4 x 1 s warm-up and 4 x 1 s measurement per fork: about 3 minutes
# on 2 cores for the straight-line workloads, about 15 minutes for everything. The GC profiler
# (for B/op) and the JSON output are always on.
# Needs a JDK (17+) and Maven; nothing else. Run it on an otherwise idle machine.
# Outputs: benchmarks/target/results.json (raw JMH), benchmarks/target/results.md (the table).
set -euo pipefail

cd "$(dirname "$0")/.."

JMH_SETTINGS="${JMH_SETTINGS:--f 2 -wi 4 -w 1 -i 4 -r 1}"

# clean: the compiler plugin does not notice a changed processor, so generated code could be stale.
mvn -B -q -DskipTests clean package -pl benchmarks -am

# shellcheck disable=SC2086 # JMH_SETTINGS is a list of options on purpose
java -jar benchmarks/target/benchmarks.jar \
  $JMH_SETTINGS \
  -prof gc \
  -rf json -rff benchmarks/target/results.json \
  "$@"

java -cp benchmarks/target/benchmarks.jar dev.adjoint.bench.Report benchmarks/target/results.json \
  | tee benchmarks/target/results.md
