"""The few hvac calls buunstack makes, written to work with hvac 0.11 through 2.x.

Only calls present in every supported version are used: ``auth.token.lookup_self``,
``auth.token.renew_self``, ``secrets.kv.v2.*``, ``sys.read_health_status``.
"""

from __future__ import annotations

import inspect
import os
import time
from collections.abc import Mapping
from typing import Any

import hvac
import hvac.exceptions
import requests

MOUNT_POINT = "secret"

# Network-level failures that mean "Vault is not reachable" rather than "Vault said no".
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    requests.exceptions.ConnectionError,
    requests.exceptions.Timeout,
)


def _verify_setting() -> bool | str:
    # Same variables as the Vault CLI, so a private CA works without code changes.
    cacert = os.environ.get("VAULT_CACERT", "").strip()
    if cacert:
        return cacert
    skip = os.environ.get("VAULT_SKIP_VERIFY", "").strip().lower()
    return skip not in ("1", "true", "yes")


def make_client(addr: str, token: str) -> Any:
    return hvac.Client(url=addr, token=token, verify=_verify_setting())


def _accepts_raise_on_deleted_version(client: Any) -> bool:
    # hvac >= 1.1 warns unless this is passed explicitly; hvac 0.11 rejects it.
    try:
        params = inspect.signature(client.secrets.kv.v2.read_secret_version).parameters
    except (TypeError, ValueError):
        return False
    return "raise_on_deleted_version" in params


def read_secret(client: Any, path: str) -> tuple[dict[str, Any], int | None]:
    """Latest version's data and version number; hvac's InvalidPath when there is none.

    A soft-deleted latest version counts as missing (404 from Vault, InvalidPath here).
    """
    kwargs: dict[str, Any] = {"path": path, "mount_point": MOUNT_POINT}
    if _accepts_raise_on_deleted_version(client):
        kwargs["raise_on_deleted_version"] = True
    response = client.secrets.kv.v2.read_secret_version(**kwargs)
    body = response.get("data") if isinstance(response, Mapping) else None
    data = body.get("data") if isinstance(body, Mapping) else None
    if not isinstance(data, Mapping):
        raise hvac.exceptions.InvalidPath(f"no data at {MOUNT_POINT}/data/{path}")
    metadata = body.get("metadata") if isinstance(body, Mapping) else None
    version = metadata.get("version") if isinstance(metadata, Mapping) else None
    return dict(data), version if isinstance(version, int) else None


def write_secret(client: Any, path: str, data: Mapping[str, Any], cas: int | None = None) -> None:
    client.secrets.kv.v2.create_or_update_secret(
        path=path, secret=dict(data), cas=cas, mount_point=MOUNT_POINT
    )


def secret_exists(client: Any, path: str) -> bool:
    try:
        client.secrets.kv.v2.read_secret_metadata(path=path, mount_point=MOUNT_POINT)
    except hvac.exceptions.InvalidPath:
        return False
    return True


def destroy_secret(client: Any, path: str) -> None:
    """Remove the secret with all its versions and metadata."""
    client.secrets.kv.v2.delete_metadata_and_all_versions(path=path, mount_point=MOUNT_POINT)


def list_keys(client: Any, path: str) -> list[str]:
    """Names under ``path``; an empty folder is a 404 in Vault, an empty list here."""
    try:
        response = client.secrets.kv.v2.list_secrets(path=path, mount_point=MOUNT_POINT)
    except hvac.exceptions.InvalidPath:
        return []
    body = response.get("data") if isinstance(response, Mapping) else None
    keys = body.get("keys") if isinstance(body, Mapping) else None
    return [k for k in keys if isinstance(k, str)] if isinstance(keys, list) else []


def lookup_self(client: Any) -> Mapping[str, Any]:
    response = client.auth.token.lookup_self()
    data = response.get("data") if isinstance(response, Mapping) else None
    return data if isinstance(data, Mapping) else {}


def renew_self(client: Any) -> None:
    client.auth.token.renew_self()


def server_time(client: Any) -> float:
    """Vault's clock (``sys/health`` reports it), else ours.

    Token ages are measured against the clock that issued the token; a pod whose clock
    drifts would otherwise report nonsense ages.
    """
    try:
        health = client.sys.read_health_status(method="GET")
    except (hvac.exceptions.VaultError, *NETWORK_ERRORS):
        return time.time()
    if not isinstance(health, Mapping):
        # hvac hands back the raw response for non-200 answers (sealed, standby).
        try:
            health = health.json()
        except (AttributeError, ValueError):
            return time.time()
    value = health.get("server_time_utc") if isinstance(health, Mapping) else None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return float(value)
    return time.time()
