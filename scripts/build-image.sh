#!/usr/bin/env bash
# Builds the service's container image here, without Docker or a registry, and writes
# target/passkey-bff-image.tar (docker-save format: `docker load -i` or `skopeo copy docker-archive:…` it):
#  1. the Quarkus fast-jar (./mvnw package);
#  2. the offline base: Debian minbase + a jlinked Java 25 runtime of the modules the jar needs
#     (scripts/build-base-image.sh);
#  3. Jib puts the fast-jar on it (pom profile `image`; its entrypoint has the JVM flags), started through
#     scripts/aot-launcher.py's quarkus-aot-run.jar (the same files on the application class loader);
#  4. the AOT cache (JEP 483/514/515): scripts/aot-train.py runs the image's own java on the image's own
#     files, chrooted into the unpacked image as uid 1001 (the same runtime, the same /deployments jar
#     paths with Jib's fixed file times, the entrypoint's flags at the Deployment's 512 Mi limit), drives
#     every endpoint against the local emulators and writes the cache on a graceful stop; it is then
#     added as one more layer at /deployments/app.aot, where the entrypoint's -XX:AOTCache points.
#     A rebuilt jar or runtime makes the cache useless, so it is made here, after the image's files;
#  5. the image's SBOM (scripts/sbom.py image) at /deployments/sbom/passkey-bff-image.cdx.json.
# scripts/check-image.sh proves the image uses it (-XX:AOTMode=on). About 5 minutes on 2 busy cores.
# Needs root (chroot, mounts in a private mount namespace); loopback only; stops everything it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
train_seconds=${AOT_TRAIN_SECONDS:-30}
memory_limit=${AOT_TRAIN_MAX_RAM:-512m}  # the Deployment's memory limit (k8s/base/deployment.yaml)
image=target/passkey-bff-image.tar

# --skip-package: target/quarkus-app is fresh (./mvnw verify or package just built it).
[ "${1:-}" = --skip-package ] || ./mvnw -B -q package -DskipTests
python3 scripts/aot-launcher.py target/quarkus-app >/dev/null  # the entrypoint's jar
scripts/build-base-image.sh target/base-image/jlink-java25.tar target/quarkus-app
./mvnw -B -q -Pimage jib:buildTar -Dimage.base="tar://$PWD/target/base-image/jlink-java25.tar"

work=$(mktemp -d)
trap 'umount -R "$work/bundle/rootfs" 2>/dev/null || true; rm -rf "$work"' EXIT
skopeo copy -q "docker-archive:$image" "oci:$work/oci:app"
umoci unpack --image "$work/oci:app" "$work/bundle" >/dev/null
read -r java flags jar < <(python3 - "$work/bundle/config.json" <<'EOF'
import json, sys
args = json.load(open(sys.argv[1]))["process"]["args"]
jar = args[args.index("-jar") + 1]
flags = [a for a in args[1:args.index("-jar")] if not a.startswith("-XX:AOTCache=")]
print(args[0], ",".join(flags), jar)
EOF
)
flags=${flags//,/ }
cache=$(python3 -c 'import json,sys; print(next(a.split("=",1)[1] for a in json.load(open(sys.argv[1]))["process"]["args"] if a.startswith("-XX:AOTCache=")))' "$work/bundle/config.json")
echo "training the AOT cache for $cache: $java $flags -XX:MaxRAM=$memory_limit -jar $jar"
mkdir -p target/image-aot
# Private mount namespace: /proc, /dev and a tmpfs /tmp for the chrooted JVM vanish with it.
unshare --mount --propagation private bash -ec "
  mount --bind /proc '$work/bundle/rootfs/proc'
  mount --bind /dev '$work/bundle/rootfs/dev'
  mount -t tmpfs -o size=512m tmpfs '$work/bundle/rootfs/tmp'
  python3 scripts/aot-train.py --chroot '$work/bundle/rootfs' --java '$java' --jar '$jar' --out /tmp/app.aot \
    --jvm '$flags -XX:MaxRAM=$memory_limit' --seconds $train_seconds
  cp '$work/bundle/rootfs/tmp/app.aot' target/image-aot/app.aot
"
# One more layer with the cache, world-readable; the image keeps its config (user, entrypoint).
chmod 0644 target/image-aot/app.aot
umoci insert --image "$work/oci:app" target/image-aot/app.aot "$cache"
# The image's CycloneDX SBOM (the fast-jar's jars as shipped, the Java runtime, the Debian packages), derived
# from the service's (./mvnw package) and shipped at /deployments/sbom/passkey-bff-image.cdx.json.
mkdir -p target/image-sbom
python3 scripts/sbom.py image target/passkey-bff-sbom.json "$work/bundle/rootfs" target/image-sbom/passkey-bff-image.cdx.json
chmod 0644 target/image-sbom/passkey-bff-image.cdx.json
umoci insert --image "$work/oci:app" target/image-sbom /deployments/sbom
name=$(tar -xOf "$image" manifest.json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["RepoTags"][0])')
rm -f "$image"
skopeo copy -q "oci:$work/oci:app" "docker-archive:$image:$name"
ls -la "$image"
