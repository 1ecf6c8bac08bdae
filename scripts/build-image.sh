#!/usr/bin/env bash
# Builds the service's container image here, without Docker or a registry: an offline Debian JRE base
# (scripts/build-base-image.sh), then Jib writes target/passkey-bff-image.tar (docker-save format:
# `docker load -i` or `skopeo copy docker-archive:…` it anywhere).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-base-image.sh target/base-image/jre17.tar
./mvnw -B -q package -Pimage -DskipTests -Dimage.base="tar://$PWD/target/base-image/jre17.tar"
ls -la target/passkey-bff-image.tar
