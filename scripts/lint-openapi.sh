#!/usr/bin/env bash
# Lints the committed OpenAPI contract with Redocly's recommended rules (npm, pinned in openapi/lint).
set -euo pipefail
cd "$(dirname "$0")/.."
(cd openapi/lint && npm ci --no-audit --no-fund --silent)
openapi/lint/node_modules/.bin/redocly lint --config openapi/redocly.yaml openapi/openapi.yaml
