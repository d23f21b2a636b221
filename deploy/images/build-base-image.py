#!/usr/bin/env python3
"""Builds the services' base image as a `docker save`-format tarball, without a Docker engine.

Why: the production base is a JRE image pulled from a registry by digest (the parent pom's
`image.base`), but CI and developer machines here reach no container registry. Jib accepts a
local tarball as base (`-Dimage.base=tar://...`), so this script assembles an equivalent base
from the machine's own JDK and Debian's packages, and `.ci/run` builds every service image on it.

The image holds:
  /opt/java   a JRE made by jlink from the local JDK 17 (only the modules the services use)
  glibc, libstdc++, libgcc, zlib and bash from Debian's packages (`apt-get download`, unpacked
              with `dpkg -x`, never installed); bash serves the Compose healthchecks' /dev/tcp probe
  /etc/ssl/certs/java/cacerts  the machine's Java trust store (Debian's ca-certificates)
  /etc/passwd with the unprivileged user 10001 (`app`) the services run as, /tmp, and
  /var/lib/ai-agents/manifests owned by it (provisioning-service's manifests mode)

Entries carry fixed timestamps and owners, so the same inputs give the same layer digest.
Usage: build-base-image.py OUTPUT.tar   (prints the layer's sha256 and the package versions used)
"""
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

PACKAGES = ["libc6", "libgcc-s1", "libstdc++6", "zlib1g", "bash", "libtinfo6"]
# The JDK modules the services need (Dropwizard, Jetty, Jersey, JDBC, Jedis, OkHttp, fabric8,
# OpenTelemetry, JMX/JFR for metrics and profiling, TLS with EC ciphers, DNS lookups).
MODULES = [
    "java.base", "java.desktop", "java.instrument", "java.logging", "java.management",
    "java.management.rmi", "java.naming", "java.net.http", "java.prefs", "java.scripting",
    "java.security.jgss", "java.security.sasl", "java.sql", "java.transaction.xa", "java.xml",
    "jdk.crypto.cryptoki", "jdk.crypto.ec", "jdk.jfr", "jdk.management", "jdk.management.jfr",
    "jdk.naming.dns", "jdk.net", "jdk.unsupported", "jdk.zipfs",
]
APP_UID = 10001
REPO_TAG = "ai-agents/jre17-base:local"


def run(*cmd, cwd=None):
    return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True).stdout


def java_home():
    home = os.environ.get("JAVA_HOME")
    if not home:
        javac = os.path.realpath(shutil.which("javac") or "")
        home = os.path.dirname(os.path.dirname(javac))
    if not os.path.isdir(os.path.join(home, "jmods")):
        sys.exit(f"{home} has no jmods/: install the JDK's jmods (Debian: openjdk-17-jmods)")
    return home


def assemble_rootfs(rootfs, work):
    debs = os.path.join(work, "debs")
    os.makedirs(debs)
    try:
        run("apt-get", "download", *PACKAGES, cwd=debs)
    except subprocess.CalledProcessError:
        run("apt-get", "update", "-qq")
        run("apt-get", "download", *PACKAGES, cwd=debs)
    versions = []
    for deb in sorted(os.listdir(debs)):
        run("dpkg", "-x", os.path.join(debs, deb), rootfs)
        versions.append(deb)
    home = java_home()
    run(os.path.join(home, "bin", "jlink"), "--add-modules", ",".join(MODULES),
        "--strip-debug", "--no-man-pages", "--no-header-files", "--compress=2",
        "--output", os.path.join(rootfs, "opt", "java"))
    # Debian's JDK links its trust store to /etc/ssl/certs/java/cacerts; the image gets a copy.
    certs = os.path.join(rootfs, "etc", "ssl", "certs", "java")
    os.makedirs(certs, exist_ok=True)
    shutil.copyfile(os.path.realpath(os.path.join(home, "lib", "security", "cacerts")),
                    os.path.join(certs, "cacerts"))
    security = os.path.join(rootfs, "opt", "java", "lib", "security", "cacerts")
    if os.path.lexists(security):
        os.remove(security)
    os.symlink("/etc/ssl/certs/java/cacerts", security)
    etc = os.path.join(rootfs, "etc")
    with open(os.path.join(etc, "passwd"), "w") as f:
        f.write(f"root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:{APP_UID}:{APP_UID}:app:/tmp:/usr/sbin/nologin\n")
    with open(os.path.join(etc, "group"), "w") as f:
        f.write(f"root:x:0:\napp:x:{APP_UID}:\n")
    for d in ("tmp", "var/lib/ai-agents/manifests"):
        os.makedirs(os.path.join(rootfs, d), exist_ok=True)
    # Debian's packages drop documentation that a runtime image never reads.
    shutil.rmtree(os.path.join(rootfs, "usr", "share", "doc"), ignore_errors=True)
    shutil.rmtree(os.path.join(rootfs, "usr", "share", "man"), ignore_errors=True)
    shutil.rmtree(os.path.join(rootfs, "usr", "share", "info"), ignore_errors=True)
    return versions


def layer_tar(rootfs):
    buf = io.BytesIO()

    def normalize(info):
        info.mtime = 0
        info.uname = info.gname = ""
        owned_by_app = info.name.startswith("./var/lib/ai-agents")
        info.uid = info.gid = APP_UID if owned_by_app else 0
        if info.name == "./tmp":
            info.mode = 0o1777
        return info

    # tarfile adds a directory's entries in sorted order, so the layer is reproducible
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.add(rootfs, arcname=".", filter=normalize)
    return buf.getvalue()


def write_image(output, layer):
    diff_id = hashlib.sha256(layer).hexdigest()
    config = {
        "architecture": "amd64",
        "os": "linux",
        "config": {
            "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
            "User": f"{APP_UID}:{APP_UID}",
        },
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff_id]},
        "history": [{"created": "1970-01-01T00:00:00Z",
                     "created_by": "deploy/images/build-base-image.py"}],
    }
    config_bytes = json.dumps(config, sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    manifest = [{"Config": config_name, "RepoTags": [REPO_TAG], "Layers": [diff_id + "/layer.tar"]}]
    with tarfile.open(output, "w") as out:
        for name, data in ((diff_id + "/layer.tar", layer), (config_name, config_bytes),
                           ("manifest.json", json.dumps(manifest).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    return diff_id


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    output = os.path.abspath(sys.argv[1])
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        rootfs = os.path.join(work, "rootfs")
        os.makedirs(rootfs)
        versions = assemble_rootfs(rootfs, work)
        layer = layer_tar(rootfs)
    diff_id = write_image(output, layer)
    print(f"base image {output}: one layer, sha256:{diff_id}, {len(layer) / 1048576:.1f} MiB")
    print("from: " + ", ".join(versions))


if __name__ == "__main__":
    main()
