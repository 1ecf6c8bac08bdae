#!/usr/bin/env bash
# Installs what the alert and dashboard checks need when it is missing: Debian's Prometheus server and
# promtool (`promtool test rules` in scripts/check-alerts.sh; the real scrape in
# observability.PrometheusScrapeTest). Idempotent; `./mvnw verify` runs it before the tests (and .ci/run
# before that, to fail early). The package's own service is not wanted: tests start prometheus themselves.
set -euo pipefail
if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  promtool --version 2>&1 | head -1
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "prometheus/promtool are missing and installing them needs root: sudo apt-get install -y --no-install-recommends prometheus" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# RUNLEVEL=1: the package's init script must not start a server in the background (containers usually
# refuse it through policy-rc.d already; this covers machines that do not).
RUNLEVEL=1 apt-get install -y -qq --no-install-recommends prometheus >/dev/null
# A machine with systemd may still have started the packaged service: stop it, the tests bring their own.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
promtool --version 2>&1 | head -1
