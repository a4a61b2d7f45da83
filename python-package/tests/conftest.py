"""Fixtures: the project's Vault HTTP-API test server, per-user tokens, notebook env.

The server is the TypeScript one in test/servers/vault (compiled by `npm run build`).
Its launcher prints one JSON line {"addr", "rootToken"} and runs until SIGTERM or until
its stdin closes. Users get what JupyterHub's pre-spawn hook gives them: a policy
``jupyter-user-<name>`` from user_policy.hcl and an orphan, renewable token.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from buunstack_harness import REPO_ROOT, SRC_DIR, Notebook, VaultAdmin

# Test the source tree, not whatever buunstack might be installed.
sys.path.insert(0, str(SRC_DIR))

from buunstack import SecretStore  # noqa: E402

LAUNCH_TIMEOUT_SECONDS = 30


def _find_launcher() -> Path:
    configured = os.environ.get("VAULT_TEST_LAUNCHER", "").strip()
    launcher = Path(configured) if configured else REPO_ROOT / "dist/test/servers/vault/launch.js"
    if not launcher.is_file():
        pytest.fail(
            f"Vault test server launcher not found at {launcher}. Build the project first "
            "with `npm run build` (or point VAULT_TEST_LAUNCHER at a compiled launch.js).",
            pytrace=False,
        )
    return launcher


@pytest.fixture(scope="session")
def vault() -> Iterator[VaultAdmin]:
    launcher = _find_launcher()
    node = shutil.which("node")
    if node is None:
        pytest.fail("`node` is not on PATH; the Vault test server needs Node.js.", pytrace=False)
    stderr_log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [node, str(launcher)],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr_log,
    )
    lines: queue.Queue[bytes] = queue.Queue()
    assert proc.stdout is not None
    stdout = proc.stdout
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()

    def server_stderr() -> str:
        stderr_log.seek(0)
        return stderr_log.read().decode(errors="replace")[-2000:]

    try:
        first = lines.get(timeout=LAUNCH_TIMEOUT_SECONDS)
    except queue.Empty:
        proc.kill()
        pytest.fail(
            f"Vault test server printed nothing in {LAUNCH_TIMEOUT_SECONDS}s:\n{server_stderr()}",
            pytrace=False,
        )
    try:
        info = json.loads(first)
        admin = VaultAdmin(addr=info["addr"].rstrip("/"), root_token=info["rootToken"])
    except (ValueError, KeyError, TypeError):
        proc.kill()
        pytest.fail(
            f"Vault test server's first line is not the expected JSON: {first!r}\n"
            f"{server_stderr()}",
            pytrace=False,
        )
    try:
        yield admin
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
        stderr_log.close()


@pytest.fixture
def unique_user() -> Callable[[str], str]:
    """A fresh username per call: tests share one server and must not see each other."""

    def make(base: str = "user") -> str:
        return f"{base}-{uuid.uuid4().hex[:8]}"

    return make


@pytest.fixture
def notebook(
    vault: VaultAdmin, unique_user: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Notebook]:
    """Set up the environment JupyterHub gives a notebook server; returns a factory."""

    def start(
        base: str = "alice",
        *,
        ttl: str = "24h",
        max_ttl: str = "168h",
        renewable: bool = True,
        token: str | None = None,
        username: str | None = None,
    ) -> Notebook:
        name = username or unique_user(base)
        tok = token or vault.create_user_token(
            name, ttl=ttl, explicit_max_ttl=max_ttl, renewable=renewable
        )
        nb = Notebook(username=name, token=tok, admin=vault)
        for key, value in nb.env().items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv("NOTEBOOK_VAULT_TOKEN_TTL", ttl)
        monkeypatch.setenv("NOTEBOOK_VAULT_TOKEN_MAX_TTL", max_ttl)
        SecretStore.reset()
        return nb

    return start


@pytest.fixture(autouse=True)
def _fresh_store() -> Iterator[None]:
    # The shared instance outlives a test otherwise, with another test's token.
    SecretStore.reset()
    yield
    SecretStore.reset()


@pytest.fixture
def store(notebook: Callable[..., Notebook]) -> tuple[SecretStore, Notebook]:
    nb = notebook()
    return SecretStore(), nb
