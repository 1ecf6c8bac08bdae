#!/usr/bin/env bash
# Benchmark 2: ID-token verification throughput per core (one JMH thread) with a warm JWKS, full
# verification and through the service's verified-token cache, measured side by side in one run.
# Not part of ./mvnw verify. Usage: bench/token-verification.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main \
  IdTokenVerificationBenchmark -t 1 -f 1 -wi 3 -w 2s -i 5 -r 2s -tu s "$@" | tee target/token-verification.txt
awk '/verifyFully +thrpt/ {full=$(NF-3)} /verifyThroughCache +thrpt/ {cache=$(NF-3)}
     END { if (full) printf "RESULT full verification %.0f/s per core (target >= 30,000); cached %.0f/s; ratio %.1fx\n", full, cache, cache/full }' \
  target/token-verification.txt
