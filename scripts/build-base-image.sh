#!/usr/bin/env bash
# Builds the container base image offline from Debian packages, for machines that reach no container
# registry: a minimal bookworm root filesystem with the OpenJDK 17 JRE and a non-root user (uid 1001),
# written as a docker-save tarball that Jib takes as `tar://` base.
# Needs root and the Debian packages mmdebstrap, umoci and skopeo (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/base-image/jre17.tar}
if [ -s "$out" ]; then echo "base image exists: $out"; exit 0; fi
need=()
for tool in mmdebstrap umoci skopeo; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"
sources=/etc/apt/sources.list.d/debian.sources
[ -f "$sources" ] || sources=/etc/apt/sources.list
mmdebstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
  --customize-hook='chroot "$1" groupadd --system --gid 1001 app' \
  --customize-hook='chroot "$1" useradd --system --uid 1001 --gid 1001 --home-dir /deployments --no-create-home app' \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/*' \
  --format=tar bookworm "$work/rootfs.tar" - < "$sources"
umoci init --layout "$work/oci"
umoci new --image "$work/oci:jre17"
umoci raw add-layer --image "$work/oci:jre17" "$work/rootfs.tar"
umoci config --image "$work/oci:jre17" --config.user 1001:1001 \
  --config.env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
skopeo copy --quiet "oci:$work/oci:jre17" "docker-archive:$out:passkey-bff-base:jre17"
echo "base image written: $out ($(du -h "$out" | cut -f1))"
