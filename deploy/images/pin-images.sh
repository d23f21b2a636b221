#!/usr/bin/env bash
# Pins an overlay's images to the digests Jib wrote for the images just built (and pushed), so the
# cluster runs exactly what CI built and tested, never whatever a tag points to later:
#   deploy/images/build-images.sh && <push the tarballs> && deploy/images/pin-images.sh overlays/prod
# Rewrites each `- {name: ai-agents/<module>, newName: ..., newTag|digest: ...}` line of the overlay's
# kustomization.yaml to `digest: sha256:...` from <module>/target/jib-image.digest.
set -euo pipefail
cd "$(dirname "$0")/../.."
overlay="deploy/kubernetes/${1:?usage: pin-images.sh overlays/<name>}/kustomization.yaml"
for module in tenant-service webhook-gateway enhancement-worker provisioning-service gates-runner; do
  digest_file="$module/target/jib-image.digest"
  [ -s "$digest_file" ] || { echo "no $digest_file: run deploy/images/build-images.sh first" >&2; exit 1; }
  digest=$(cat "$digest_file")
  sed -i -E "s#^(  - \{name: ai-agents/$module, newName: [^,]+), (newTag|digest): [^}]+\}#\1, digest: $digest}#" "$overlay"
  grep -q "ai-agents/$module, .*digest: $digest" "$overlay" || { echo "$overlay has no images entry for $module" >&2; exit 1; }
done
echo "pinned $overlay:"; grep 'digest:' "$overlay"
