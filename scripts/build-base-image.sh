#!/usr/bin/env bash
# Builds the container base image offline, for machines that reach no container registry: a minimal
# Debian bookworm root filesystem (glibc, no JRE package) with a jlinked Java 25 runtime of exactly the
# modules the service needs at /opt/java and a non-root user (uid 1001), written as a docker-save
# tarball that Jib takes as `tar://` base. The AOT cache that goes with it is made by
# scripts/build-image.sh from the finished image (a cache is only valid for this very runtime).
#
# Modules: jdeps over every jar of the Quarkus fast-jar (module-info stripped from copies, so modular
# jars are read as plain class-path jars, as the fast-jar loads them), minus jdk.compiler (only
# vertx-codegen's annotation processor uses it, never at run time), plus the service providers jdeps
# cannot see: jdk.zipfs (SmallRye's ClassPathUtils looks the "jar" file system provider up at start). The training run of
# scripts/build-image.sh drives every endpoint on this runtime and scripts/check-image.sh starts it,
# so a missing module fails the build, not production.
#
# Usage: scripts/build-base-image.sh [out.tar] [quarkus-app dir]; JDK: $JLINK_JDK (default Temurin 25).
# Needs root and the Debian packages mmdebstrap, umoci and skopeo (installed when missing), and zip.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/base-image/jlink-java25.tar}
app=${2:-target/quarkus-app}
jdk=${JLINK_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$jdk/bin/jlink" ] || { echo "no JDK with jlink at $jdk (set JLINK_JDK)" >&2; exit 1; }
[ -f "$app/quarkus-run.jar" ] || { echo "$app/quarkus-run.jar missing: run ./mvnw package -DskipTests first" >&2; exit 1; }
need=()
for tool in mmdebstrap umoci skopeo zip; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/jars"
find "$app" -name '*.jar' ! -name quarkus-run.jar ! -name quarkus-aot-run.jar -exec cp {} "$work/jars/" \;
for jar in "$work"/jars/*.jar; do zip -q -d "$jar" module-info.class 'META-INF/versions/*/module-info.class' >/dev/null 2>&1 || true; done
modules=$("$jdk/bin/jdeps" -q --ignore-missing-deps --multi-release 25 --print-module-deps "$work"/jars/*.jar \
  | tr ',' '\n' | grep -vx 'jdk.compiler'; echo jdk.zipfs)
modules=$(echo "$modules" | sort -u | paste -sd, -)
release=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
echo "runtime $release, modules: $modules"

# The same JDK build, module list and this script give the same base image: reuse it.
stamp="$release $modules $(sha256sum "$0" | cut -c1-12)"
if [ -s "$out" ] && [ "$(cat "$out.modules" 2>/dev/null)" = "$stamp" ]; then echo "base image exists: $out"; exit 0; fi

# Uncompressed modules (compression costs start-up time), no debug symbols, no default CDS archive
# (the image always starts with its AOT cache, which replaces it: 27 MB less).
"$jdk/bin/jlink" --add-modules "$modules" --output "$work/java" --strip-debug --no-man-pages --no-header-files
mkdir -p "$(dirname "$out")"
sources=/etc/apt/sources.list.d/debian.sources
[ -f "$sources" ] || sources=/etc/apt/sources.list
mmdebstrap --variant=minbase \
  --customize-hook="copy-in $work/java /opt" \
  --customize-hook='chroot "$1" ln -s /opt/java/bin/java /usr/bin/java' \
  --customize-hook='chroot "$1" groupadd --system --gid 1001 app' \
  --customize-hook='chroot "$1" useradd --system --uid 1001 --gid 1001 --home-dir /deployments --no-create-home app' \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/*' \
  --format=tar bookworm "$work/rootfs.tar" - < "$sources"
umoci init --layout "$work/oci"
umoci new --image "$work/oci:java25"
umoci raw add-layer --image "$work/oci:java25" "$work/rootfs.tar"
umoci config --image "$work/oci:java25" --config.user 1001:1001 \
  --config.env JAVA_HOME=/opt/java \
  --config.env PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
rm -f "$out"
skopeo copy --quiet "oci:$work/oci:java25" "docker-archive:$out:passkey-bff-base:java25"
echo "$stamp" > "$out.modules"
echo "base image written: $out ($(du -h "$out" | cut -f1); runtime $(du -sh "$work/java" | cut -f1))"
