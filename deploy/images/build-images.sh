#!/usr/bin/env bash
# Builds every deployable's OCI image tarball without a Docker engine (docs/images.md), then
# describes each (layers and sizes) and smoke-tests it (its entrypoint runs `check` on its config
# in a chroot, as its own user). .ci/run calls this after the tests.
#
# No container registry is reachable here, so the base comes from deploy/images/build-base-image.py
# (a local tarball made from this machine's JDK and Debian's packages). Where a registry is
# reachable, leave IMAGE_BASE unset to build on the digest-pinned base the parent pom names:
#   IMAGE_BASE=registry deploy/images/build-images.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

MODULES=(tenant-service webhook-gateway enhancement-worker provisioning-service gates-runner operator-console deploy/sdp-simulator)
BASE_TAR="target/images/jre17-base.tar"
args=()
if [ "${IMAGE_BASE:-local}" = "local" ]; then
  python3 deploy/images/build-base-image.py "$BASE_TAR"
  args+=("-Dimage.base=tar://$PWD/$BASE_TAR")
fi

modules=$(IFS=,; echo "${MODULES[*]}")
mvn -B -q -Pimages -DskipTests -pl "$modules" -am package "${args[@]}"

tars=()
for m in "${MODULES[@]}"; do tars+=("$m/target/jib-image.tar"); done
python3 deploy/images/describe-image.py "${tars[@]}"
if [ "$(id -u)" = 0 ] && command -v chroot >/dev/null; then
  python3 deploy/images/smoke-test-image.py "${tars[@]}"
else
  echo "not root: the images were built and described but not smoke-tested (chroot needs root)"
fi
