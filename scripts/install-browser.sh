#!/usr/bin/env bash
# Installs what the end-to-end browser test needs when it is missing: Debian's headless-capable
# Chromium (driven through playwright-core, which cannot download its own browser here).
# Idempotent; `./mvnw verify` runs it before the tests (and .ci/run before that, to fail early).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  chromium --version 2>/dev/null || true
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "chromium is missing and installing it needs root: sudo apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-liberation >/dev/null
chromium --version
