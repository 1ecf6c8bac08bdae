#!/usr/bin/env bash
# Renders every kustomize directory under k8s/ and validates each object offline against the
# Kubernetes schemas (npm kubernetes-models) plus the rules the service relies on.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v kubectl >/dev/null || { echo "kubectl (with kustomize) is required" >&2; exit 1; }
command -v node >/dev/null || { echo "node is required for the schema validator" >&2; exit 1; }
(cd k8s/validate && npm ci --no-audit --no-fund --silent)
for dir in k8s/base k8s/overlays/*/; do
  printf '%s: ' "$dir"
  kubectl kustomize "$dir" | node k8s/validate/validate.mjs
done
