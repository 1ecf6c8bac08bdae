#!/usr/bin/env bash
# Checks the image tarball without a container runtime: unpacks it (skopeo + umoci), verifies the
# config (non-root user, entrypoint), then runs the entrypoint in the unpacked root filesystem as
# uid 1001 with a read-only view of it (chroot in a private mount+pid namespace, /tmp as tmpfs)
# and waits for /q/health/live on the management port (and checks it is not on the API port, and that
# native crypto loaded), with -XX:AOTMode=on so the start fails unless the JVM uses the AOT cache built
# into the image, and at least 95 % of the classes it loads come from that cache.
# Loopback only; stops by itself: the namespace's PID 1 is a root shell that runs the chroot as a
# child (exec'ing it would make the JVM PID 1, which ignores signals it has no handler for, and its
# uid change would clear --kill-child's parent-death signal). Cleanup SIGKILLs that PID 1, which ends
# every process in the namespace; unshare's own death does the same through --kill-child. (Killing
# unshare with SIGTERM alone does nothing: it ignores SIGTERM while it waits for its child.)
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-target/passkey-bff-image.tar}
port=${PORT:-18080}
management_port=${MANAGEMENT_PORT:-19000}
work=$(mktemp -d)
cleanup() {
  if [ -n "${pid:-}" ]; then
    # PID 1 of the namespace first (its death kills everything in it), then unshare itself.
    ns_init=$(pgrep -P "$pid" || true)
    [ -n "$ns_init" ] && kill -KILL $ns_init 2>/dev/null
    kill -KILL "$pid" 2>/dev/null
  fi
  wait 2>/dev/null
  umount -R "$work/bundle/rootfs" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

user=$(skopeo inspect --config "docker-archive:$image" | python3 -c 'import json,sys; print(json.load(sys.stdin)["config"]["User"])')
[ "$user" = "1001:1001" ] || { echo "image user is '$user', expected 1001:1001" >&2; exit 1; }
skopeo copy -q "docker-archive:$image" "oci:$work/oci:app"
umoci unpack --image "$work/oci:app" "$work/bundle" >/dev/null
entrypoint=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["process"]["args"]))' "$work/bundle/config.json")
echo "entrypoint: $entrypoint"; echo
# The AOT cache the entrypoint names is in the image; the JVM below runs with -XX:AOTMode=on, so a
# cache that does not match this runtime, these jars or these flags stops it instead of being ignored.
aot_cache=$(printf '%s\n' $entrypoint | sed -n 's/^-XX:AOTCache=//p')
[ -n "$aot_cache" ] || { echo "the entrypoint names no AOT cache (-XX:AOTCache=)" >&2; exit 1; }
[ -s "$work/bundle/rootfs$aot_cache" ] || { echo "AOT cache $aot_cache missing from the image" >&2; exit 1; }
# The image's SBOM names the Quarkus, AWS SDK, Netty and Java versions this image runs.
sbom=/deployments/sbom/passkey-bff-image.cdx.json
[ -s "$work/bundle/rootfs$sbom" ] || { echo "SBOM $sbom missing from the image" >&2; exit 1; }
echo "the image's SBOM $sbom names what the image runs:"
python3 scripts/sbom.py check "$work/bundle/rootfs" "$work/bundle/rootfs$sbom"

unshare --mount --pid --fork --kill-child bash -ec "
  # One command a line: under -e a failed mount (say the read-only remount) stops here, not later.
  mount --bind '$work/bundle/rootfs' '$work/bundle/rootfs'
  mount -o remount,bind,ro '$work/bundle/rootfs'
  if touch '$work/bundle/rootfs/.writable' 2>/dev/null; then echo 'root filesystem is writable' >&2; exit 1; fi
  mount -t proc proc '$work/bundle/rootfs/proc'
  mount -t tmpfs -o size=64m tmpfs '$work/bundle/rootfs/tmp'
  mount --bind /dev '$work/bundle/rootfs/dev'
  chroot --userspec=1001:1001 '$work/bundle/rootfs' env -i PATH=/usr/bin:/bin HOME=/deployments JDK_JAVA_OPTIONS='-XX:AOTMode=on -Xlog:aot -Xlog:class+load=info:stdout' \
    QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$management_port QUARKUS_MANAGEMENT_HOST=127.0.0.1 AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=none AWS_SECRET_ACCESS_KEY=none \
    COGNITO_USER_POOL_ID=us-east-1_imagecheck COGNITO_CLIENT_ID=imagecheck SSM_ENDPOINT=http://127.0.0.1:9 \
    COGNITO_JWKS_URL=http://127.0.0.1:9/jwks.json sh -c 'cd /deployments && exec $entrypoint' &
  wait \$!
" > "$work/app.log" 2>&1 < /dev/null &
pid=$!
for _ in $(seq 1 360); do  # up to 3 minutes: generous on two busy cores
  if curl -fsS "http://127.0.0.1:$management_port/q/health/live" >/dev/null 2>&1; then
    echo "image runs as uid 1001 on a read-only root: /q/health/live UP on the management port"
    for path in /q/health/live /q/health/ready /q/metrics; do
      status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
      [ "$status" = 404 ] || { echo "the API port serves $path ($status)" >&2; exit 1; }
    done
    echo "the API port serves neither health nor metrics (404)"
    curl -s "http://127.0.0.1:$management_port/q/health/ready" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("readiness:", r["status"], [(c["name"], c["status"]) for c in r["checks"]])'
    for path in /local/corbado/v2/connectTokens /local/corbado-frontend/.well-known/jwks /local/corbado-frontend/v2/connect/login/init \
        /local/corbado-frontend/v2/connect/login/start /local/corbado-frontend/v2/connect/login/finish \
        /local/corbado-frontend/v2/connect/append/init /local/corbado-frontend/v2/connect/append/start \
        /local/corbado-frontend/v2/connect/append/finish /local/corbado-frontend/v2/connect/manage/init \
        /local/corbado-frontend/v2/connect/manage/list /local/corbado-frontend/v2/connect/manage/delete \
        /local/corbado-frontend/v2/connect/events /local/corbado-frontend/v2/connect/process/clear \
        /2015-03-31/functions/x/invocations; do
      status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$port$path")
      [ "$status" = 404 ] || { echo "production build serves $path ($status)" >&2; exit 1; }
    done
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/local/dev-environment")
    [ "$status" = 404 ] || { echo "production build serves /local/dev-environment ($status)" >&2; exit 1; }
    echo "production build serves neither the Corbado stub, its Frontend API stand-in (every connect operation), the trigger host nor the dev environment (404)"
    if ls "$work/bundle/rootfs/deployments/lib/main" | grep -q webauthn4j; then echo "production image ships webauthn4j" >&2; exit 1; fi
    # Native RSA (ACCP) unpacks its library into the writable /tmp of this read-only root and loads.
    grep -q 'ID-token signatures are verified by AmazonCorrettoCryptoProvider' "$work/app.log" \
      || { echo "native crypto (ACCP) did not load on the read-only root; the log:" >&2; cat "$work/app.log" >&2; exit 1; }
    echo "ID-token signatures are verified by Amazon Corretto Crypto Provider (native library unpacked into /tmp)"
    grep -q 'Using AOT-linked classes: true' "$work/app.log" || { echo "the JVM did not use the AOT cache $aot_cache" >&2; exit 1; }
    echo "the JVM uses the image's AOT cache $aot_cache ($(du -h "$work/bundle/rootfs$aot_cache" | cut -f1); -XX:AOTMode=on):"
    grep -E 'Opened AOT cache|Using AOT-linked classes' "$work/app.log" | sed 's/^/  /'
    # The entrypoint's jar puts the application on the application class loader (scripts/aot-launcher.py):
    # then nearly every class of the start comes from the cache. Through quarkus-run.jar's own class
    # loader about 85 % did (the lambdas of every library class were spun at start).
    loaded=$(grep -c '\[class,load\]' "$work/app.log" || true)
    cached=$(grep -c '\[class,load\].*source: shared objects file' "$work/app.log" || true)
    [ "$loaded" -gt 0 ] && [ $((cached * 100 / loaded)) -ge 95 ] \
      || { echo "only $cached of $loaded classes came from the AOT cache (expected at least 95 %)" >&2; exit 1; }
    echo "$cached of $loaded classes loaded at start came from the AOT cache"
    grep -m1 '^{' "$work/app.log"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break  # the JVM exited (e.g. -XX:AOTMode=on refused the cache)
  sleep 0.5
done
echo "the image did not become live; its log:" >&2
cat "$work/app.log" >&2
exit 1
