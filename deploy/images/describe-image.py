#!/usr/bin/env python3
"""Prints an OCI image tarball's layers (what each holds and its size) and checks its shape.

Usage: describe-image.py IMAGE.tar [IMAGE.tar ...]
Exits non-zero when an image lacks a layer the services rely on (the base, the dependencies in a
layer of their own, the classes, the config), so a build that stops layering is noticed in CI.
"""
import json
import sys
import tarfile

REQUIRED = ("base", "dependencies", "classes", "extra files")


def read_json(tar, name):
    return json.load(tar.extractfile(name))


def describe(path):
    with tarfile.open(path) as tar:
        index = read_json(tar, "index.json")
        manifest = read_json(tar, "blobs/" + index["manifests"][0]["digest"].replace(":", "/"))
        config = read_json(tar, "blobs/" + manifest["config"]["digest"].replace(":", "/"))
    # history entries with empty_layer add no layer; the rest pair up with the manifest's layers
    history = [h for h in config.get("history", []) if not h.get("empty_layer")]
    rows = []
    for i, layer in enumerate(manifest["layers"]):
        entry = history[i] if i < len(history) else {}
        what = entry.get("comment") or ("base" if "jib" not in entry.get("created_by", "") else "?")
        if "jib" not in entry.get("created_by", ""):
            what = "base"
        rows.append((what, layer["size"], layer["digest"][7:19]))
    total = sum(size for _, size, _ in rows)
    print(f"{path}: {total / 1048576:.1f} MiB compressed, {len(rows)} layers, "
          f"entrypoint {' '.join(config['config'].get('Entrypoint', [])[:1])} ..., "
          f"user {config['config'].get('User')}")
    for what, size, digest in rows:
        print(f"  {what:<26} {size / 1048576:8.2f} MiB  {digest}")
    missing = [r for r in REQUIRED if r not in {what for what, _, _ in rows}]
    return missing


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    failed = False
    for path in sys.argv[1:]:
        missing = describe(path)
        if missing:
            print(f"  MISSING layers: {', '.join(missing)}")
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
