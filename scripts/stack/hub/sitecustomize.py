"""The hub pod's file system view, for the hub run by the stack's hub runner.

In the pod, the chart's volumes are mounted at fixed paths (/usr/local/etc/jupyterhub/...,
/srv/jupyterhub, the service-account token under /var/run/secrets/...), and the chart's
code, our values' extraConfig and the libraries read them there by absolute path. On this
machine those paths do not exist and must not be created: the runner materialises each
mount under its state dir, and this module (imported at interpreter start-up because its
folder is on PYTHONPATH) maps the mount paths, and the directories above them that the
host lacks, onto those files. Nothing of the chart's code is changed.

BUUN_HUB_PODFS names a JSON file {"root": HOST_DIR, "mounts": [POD_PATH, ...]}: the
runner lays each mount out at HOST_DIR + POD_PATH (persistent volumes as symlinks), and a
path at or under a mount, or a folder above one that the host lacks, is read there.
Only Python-level file access is mapped (open, os.stat/lstat/listdir/scandir/access,
os.readlink, imports, the files given to ssl); Python children (the idle culler) inherit it through PYTHONPATH.
"""

import builtins
import io
import json
import os
import posixpath
import sys


def _install():
    spec = os.environ.get("BUUN_HUB_PODFS")
    if not spec:
        return
    with open(spec) as f:
        cfg = json.load(f)
    root = cfg["root"].rstrip("/")
    mounts = [posixpath.normpath(p) for p in cfg["mounts"]]
    # folders above a mount that the host does not have (the runner made them under root)
    ancestors = set()
    for m in mounts:
        parent = posixpath.dirname(m)
        while parent != "/" and not os.path.lexists(parent):
            ancestors.add(parent)
            parent = posixpath.dirname(parent)

    def remap(path):
        if isinstance(path, int) or not path:
            return path
        is_bytes = isinstance(path, bytes)
        p = os.fsdecode(path) if is_bytes else os.fspath(path)
        if not p.startswith("/"):
            return path
        n = posixpath.normpath(p)
        if n in ancestors or any(n == m or n.startswith(m + "/") for m in mounts):
            return os.fsencode(root + n) if is_bytes else root + n
        return path

    def wrap(fn):
        def mapped(*args, **kwargs):
            if args:
                args = (remap(args[0]),) + args[1:]
            return fn(*args, **kwargs)

        mapped.__name__ = fn.__name__
        mapped.__doc__ = fn.__doc__
        return mapped

    builtins.open = io.open = wrap(io.open)
    for name in ("open", "stat", "lstat", "listdir", "scandir", "access", "readlink"):
        setattr(os, name, wrap(getattr(os, name)))

    # TLS files named by pod path (the service-account ca.crt that kubernetes_asyncio's
    # in-cluster config hands to ssl) are opened by OpenSSL, not by Python
    import ssl

    load_verify_locations = ssl.SSLContext.load_verify_locations
    load_cert_chain = ssl.SSLContext.load_cert_chain

    def _load_verify_locations(self, cafile=None, capath=None, cadata=None):
        return load_verify_locations(self, remap(cafile), remap(capath), cadata)

    def _load_cert_chain(self, certfile, keyfile=None, password=None):
        return load_cert_chain(self, remap(certfile), remap(keyfile), password)

    ssl.SSLContext.load_verify_locations = _load_verify_locations
    ssl.SSLContext.load_cert_chain = _load_cert_chain

    # imports from a mapped folder (the chart's config puts its own folder on sys.path
    # to import z2jh): the import system uses the unwrapped functions, so give it a
    # finder for the host folder
    from importlib.machinery import (
        BYTECODE_SUFFIXES,
        EXTENSION_SUFFIXES,
        SOURCE_SUFFIXES,
        ExtensionFileLoader,
        FileFinder,
        SourceFileLoader,
        SourcelessFileLoader,
    )

    loaders = [
        (ExtensionFileLoader, EXTENSION_SUFFIXES),
        (SourceFileLoader, SOURCE_SUFFIXES),
        (SourcelessFileLoader, BYTECODE_SUFFIXES),
    ]

    def path_hook(entry):
        host = remap(entry) if isinstance(entry, str) else entry
        if host is entry or host == entry:
            raise ImportError("not a pod path")
        return FileFinder(host, *loaders)

    sys.path_hooks.insert(0, path_hook)
    sys.path_importer_cache.clear()


_install()
