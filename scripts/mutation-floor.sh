#!/usr/bin/env bash
# Mutation testing of the security core (docs/development.md, "Mutation testing"): PIT mutates the Lambda code and the
# Quarkus-free units of http, ratelimit, login, auth and config, runs the plain unit tests against each
# mutant (pom.xml lists both), and each package's score must stay at or above its floor in
# scripts/mutation-floors.txt. Compiles what it needs (test-compile, without the demo SPA); about five
# minutes on 2 cores. Report: target/pit-reports/index.html.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile org.pitest:pitest-maven:mutationCoverage -Dspa.skip
python3 scripts/mutation-floor.py target/pit-reports/mutations.xml scripts/mutation-floors.txt
