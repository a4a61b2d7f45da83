"""Helpers shared by the buunstack tests: plain-HTTP access to the Vault test server
(independent of the code under test) and the environment of a simulated notebook server.

A module of its own, with a name no other test folder uses: when pytest collects
several folders in one run, ``import conftest`` may find another folder's conftest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = PACKAGE_DIR.parent
SRC_DIR = PACKAGE_DIR / "src"
USER_POLICY_TEMPLATE = REPO_ROOT / "templates" / "jupyterhub" / "user_policy.hcl"
# Identical copy used only while the project's template does not exist.
USER_POLICY_FALLBACK = PACKAGE_DIR / "tests" / "fixtures" / "user_policy.hcl"


def user_policy_text() -> str:
    path = USER_POLICY_TEMPLATE if USER_POLICY_TEMPLATE.exists() else USER_POLICY_FALLBACK
    return path.read_text(encoding="utf-8")


class VaultHTTPError(Exception):
    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body


@dataclass
class VaultAdmin:
    """Talks to the test server with plain HTTP (independent of the code under test)."""

    addr: str
    root_token: str

    def request(
        self, method: str, path: str, body: Any = None, token: str | None = None
    ) -> dict[str, Any]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            f"{self.addr}/v1/{path.lstrip('/')}",
            data=data,
            method=method,
            headers={"X-Vault-Token": token or self.root_token, "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                raw = resp.read().decode()
        except urllib.error.HTTPError as exc:
            raise VaultHTTPError(exc.code, exc.read().decode()) from None
        answer: dict[str, Any] = json.loads(raw) if raw.strip() else {}
        return answer

    def _control(self, path: str, body: dict[str, Any]) -> None:
        req = urllib.request.Request(
            f"{self.addr}/_test/{path}",
            data=json.dumps(body).encode(),
            method="POST",
            headers={"X-Vault-Token": self.root_token, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            resp.read()

    def advance_clock(self, seconds: int) -> None:
        self._control("clock", {"advance": seconds})

    def set_sealed(self, sealed: bool) -> None:
        self._control("seal", {"sealed": sealed})

    def create_user_token(
        self,
        username: str,
        ttl: str = "24h",
        explicit_max_ttl: str = "168h",
        renewable: bool = True,
    ) -> str:
        """What the pre-spawn hook does: the user's policy, then an orphan token."""
        policy = f"jupyter-user-{username}"
        self.request(
            "PUT",
            f"sys/policies/acl/{policy}",
            {"policy": user_policy_text().replace("{username}", username)},
        )
        answer = self.request(
            "POST",
            "auth/token/create-orphan",
            {
                "policies": [policy],
                "ttl": ttl,
                "explicit_max_ttl": explicit_max_ttl,
                "renewable": renewable,
                "display_name": f"notebook-{username}",
            },
        )
        token = answer["auth"]["client_token"]
        assert isinstance(token, str) and token
        return token

    def lookup_self(self, token: str) -> dict[str, Any]:
        data = self.request("GET", "auth/token/lookup-self", token=token)["data"]
        assert isinstance(data, dict)
        return data

    def kv_read(self, path: str) -> dict[str, Any] | None:
        try:
            data = self.request("GET", f"secret/data/{path}")["data"]["data"]
        except VaultHTTPError as exc:
            if exc.status == 404:
                return None
            raise
        assert isinstance(data, dict)
        return data

    def kv_metadata_exists(self, path: str) -> bool:
        try:
            self.request("GET", f"secret/metadata/{path}")
        except VaultHTTPError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def kv_write(self, path: str, data: dict[str, str]) -> None:
        self.request("POST", f"secret/data/{path}", {"data": data})


@dataclass
class Notebook:
    """One simulated notebook server: its user, token and environment."""

    username: str
    token: str
    admin: VaultAdmin

    def path(self, key: str) -> str:
        return f"jupyter/users/{self.username}/{key}"

    def env(self) -> dict[str, str]:
        return {
            "JUPYTERHUB_USER": self.username,
            "VAULT_ADDR": self.admin.addr,
            "NOTEBOOK_VAULT_TOKEN": self.token,
        }


def run_cli(
    nb: Notebook | None,
    *args: str,
    stdin: str | None = None,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the console script's module in a clean environment (plus the notebook's)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOTEBOOK_VAULT", "BUUNSTACK"))}
    env.pop("JUPYTERHUB_USER", None)
    env["PYTHONPATH"] = str(SRC_DIR)
    if nb is not None:
        env.update(nb.env())
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "buunstack.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
