#!/usr/bin/env python3
"""Runs an OCI image tarball's entrypoint with `check <its config>` in a chroot, without a
container engine: unpacks the layers in order, mounts /proc (the JVM's launcher finds its
libraries through /proc/self/exe) and runs the image's own entrypoint as its own user.
Dropwizard's `check` loads the application class, every dependency it touches at start-up and
the image's config.yml, so a missing layer, library or JDK module fails here instead of in a pod.

Usage (as root: chroot and mount need it): smoke-test-image.py IMAGE.tar [IMAGE.tar ...]
"""
import json
import shutil
import os
import subprocess
import sys
import tarfile
import tempfile


def blob(root, digest):
    return os.path.join(root, "blobs", *digest.split(":"))


def unpack(image, workdir):
    oci = os.path.join(workdir, "oci")
    rootfs = os.path.join(workdir, "rootfs")
    os.makedirs(rootfs)
    with tarfile.open(image) as tar:
        tar.extractall(oci)
    with open(os.path.join(oci, "index.json")) as f:
        index = json.load(f)
    with open(blob(oci, index["manifests"][0]["digest"])) as f:
        manifest = json.load(f)
    with open(blob(oci, manifest["config"]["digest"])) as f:
        config = json.load(f)["config"]
    for layer in manifest["layers"]:
        with tarfile.open(blob(oci, layer["digest"])) as tar:
            tar.extractall(rootfs, numeric_owner=True)
    return rootfs, config


def smoke(image):
    with tempfile.TemporaryDirectory() as workdir:
        rootfs, config = unpack(image, workdir)
        cmd = list(config.get("Cmd") or [])
        if len(cmd) != 2 or cmd[0] != "server":
            print(f"{image}: unexpected command {cmd}; expected ['server', <config>]")
            return False
        proc = os.path.join(rootfs, "proc")
        os.makedirs(proc, exist_ok=True)
        subprocess.run(["mount", "-t", "proc", "proc", proc], check=True)
        try:
            env = dict(e.split("=", 1) for e in config.get("Env", []))
            argv = ([shutil.which("chroot"), "--userspec=" + config.get("User", "0:0"), rootfs]
                    + config["Entrypoint"] + ["check", cmd[1]])
            run = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
            for _ in range(3):
                if not said_nothing(run):
                    break
                # Dropwizard's logging flush at exit waits until its async appender's queue is
                # empty, not until the last event is written, so about 1 check in 12 printed nothing
                # and exited 0. The services stop logging before they exit (CommandLines); the SDP
                # simulator does not, and a machine under load can still lose a run. A broken image
                # says nothing every time, or fails with output: four silent runs are taken as broken.
                print(f"{image}: exited {run.returncode} with no output; running the check again")
                run = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
        finally:
            subprocess.run(["umount", proc], check=False)
        ok = run.returncode == 0 and "Configuration is OK" in run.stdout + run.stderr
        print(f"{image}: {'OK' if ok else 'FAILED'} (check {cmd[1]} as user {config.get('User')})")
        if not ok:
            print(f"exit code {run.returncode}")
            print((run.stdout + run.stderr)[-3000:])
        return ok


def said_nothing(run):
    return not (run.stdout + run.stderr).strip()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    results = [smoke(image) for image in sys.argv[1:]]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
