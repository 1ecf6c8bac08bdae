#!/usr/bin/env bash
# Renders every kustomize directory under k8s/ and validates each object offline against the
# Kubernetes schemas (npm kubernetes-models) plus the rules the service relies on; then, for every
# overlay with an Ingress, runs the location rules ingress-nginx would write in a real nginx and checks
# which one each spelling of the service's routes reaches (k8s/validate/nginx-edge.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v kubectl >/dev/null || { echo "kubectl (with kustomize) is required" >&2; exit 1; }
command -v node >/dev/null || { echo "node is required for the schema validator" >&2; exit 1; }
(cd k8s/validate && npm ci --no-audit --no-fund --silent)

# nginx for the edge check: the one on the PATH, else Debian's package unpacked under target/ (no root,
# nothing installed or started system-wide).
nginx_bin() {
  if command -v nginx >/dev/null; then command -v nginx; return; fi
  local dir=target/nginx
  if [ ! -x "$dir/usr/sbin/nginx" ]; then
    command -v apt-get >/dev/null || return 1
    mkdir -p "$dir"
    (cd "$dir" && apt-get download -q nginx >/dev/null 2>&1 && dpkg-deb -x nginx_*.deb .) >&2
  fi
  echo "$dir/usr/sbin/nginx"
}

nginx=""
if ! nginx=$(nginx_bin); then
  echo "WARNING: no nginx and no apt-get: the edge rules are checked by the model only" >&2
fi
for dir in k8s/base k8s/overlays/*/; do
  printf '%s: ' "$dir"
  rendered=$(kubectl kustomize "$dir")
  node k8s/validate/validate.mjs <<<"$rendered"
  if [ -n "$nginx" ] && grep -q '^kind: Ingress' <<<"$rendered"; then
    printf '%s (nginx): ' "$dir"
    NGINX_BIN="$nginx" node k8s/validate/nginx-edge.mjs <<<"$rendered"
  fi
done
