"""SecretStore: the notebook user's own secrets in Vault.

JupyterHub's pre-spawn hook gives every notebook server an orphan Vault token
(``NOTEBOOK_VAULT_TOKEN``) whose policy only reaches ``secret/jupyter/users/<user>/*``.
Secrets are KV v2 entries at ``secret/jupyter/users/<user>/<key>``; each entry holds
string fields.
"""

from __future__ import annotations

import builtins
import os
import threading
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, overload

import hvac.exceptions

from . import _vault
from ._durations import format_seconds
from ._logging import logger
from ._token import (
    RESTART_HINT,
    TokenInfo,
    invalid_token_message,
    max_ttl_message,
)
from .errors import (
    ConfigurationError,
    SecretAccessDeniedError,
    SecretStoreError,
    VaultTokenExpiredError,
    VaultTokenMissingError,
    VaultUnavailableError,
)

USER_ENV = "JUPYTERHUB_USER"
ADDR_ENV = "VAULT_ADDR"
TOKEN_ENV = "NOTEBOOK_VAULT_TOKEN"
BASE_PATH = "jupyter/users"
AUTH_METHOD = "Vault token issued to this notebook server at spawn (NOTEBOOK_VAULT_TOKEN)"
# Warn once when the token cannot be renewed past this horizon any more.
_MAX_TTL_WARNING_SECONDS = 3600

T = TypeVar("T")


def _validate_key(key: object) -> str:
    if not isinstance(key, str) or not key.strip():
        raise ValueError("The secret key must be a non-empty string, e.g. 'api-keys'.")
    # One path segment only: a slash would address a folder, not a secret, and ".."
    # must never climb out of the user's own folder.
    if "/" in key or key in (".", "..") or any(ord(ch) < 32 for ch in key):
        raise ValueError(
            f"Invalid secret key {key!r}: use a single name without '/' or control characters."
        )
    return key


def _validate_field(field: object) -> str:
    if not isinstance(field, str) or not field:
        raise ValueError("The field name must be a non-empty string.")
    return field


class SecretStore:
    """Store and read your own secrets in Vault.

    There is one shared instance per process: ``SecretStore()`` always returns the
    same object, so every cell and every imported module shares one token and its
    renewal state.

    >>> secrets = SecretStore()
    >>> secrets.put("api-keys", openai="sk-...", github="ghp_...")
    >>> secrets.get("api-keys", field="openai")
    'sk-...'
    """

    _instance: ClassVar[SecretStore | None] = None
    _instance_lock: ClassVar[threading.Lock] = threading.Lock()

    username: str
    vault_addr: str
    base_path: str
    client: Any
    _lock: threading.RLock
    _token_info: TokenInfo | None
    _warned_max_ttl: bool

    def __new__(cls) -> SecretStore:
        with cls._instance_lock:
            # Only a fully set-up store becomes the shared one: a failed first attempt
            # (no token yet) must not leave a broken instance behind.
            if cls._instance is None:
                instance = super().__new__(cls)
                instance._setup()
                cls._instance = instance
            return cls._instance

    @classmethod
    def reset(cls) -> None:
        """Forget the shared instance; the next ``SecretStore()`` re-reads the environment."""
        with cls._instance_lock:
            cls._instance = None

    def _setup(self) -> None:
        token = os.environ.get(TOKEN_ENV, "").strip()
        if not token:
            raise VaultTokenMissingError(
                f"This notebook server has no Vault token ({TOKEN_ENV} is not set). "
                + RESTART_HINT
                + " If the token is still missing afterwards, Vault integration is not "
                "enabled for this JupyterHub; ask your administrator."
            )
        username = os.environ.get(USER_ENV, "").strip()
        if not username:
            raise ConfigurationError(
                f"{USER_ENV} is not set: SecretStore works inside a JupyterHub notebook server."
            )
        addr = os.environ.get(ADDR_ENV, "").strip()
        if not addr:
            raise ConfigurationError(
                f"{ADDR_ENV} is not set: the notebook server does not know where Vault is. "
                + RESTART_HINT
            )
        self.username = username
        self.vault_addr = addr
        self.base_path = f"{BASE_PATH}/{username}"
        self.client = _vault.make_client(addr, token)
        self._lock = threading.RLock()
        self._token_info = None
        self._warned_max_ttl = False
        logger.info("SecretStore ready for user %s (Vault at %s)", username, addr)

    def __repr__(self) -> str:
        return f"SecretStore(username={self.username!r}, vault_addr={self.vault_addr!r})"

    # -- token handling ----------------------------------------------------------

    def _token_error(self) -> VaultTokenExpiredError:
        info = self._token_info
        if info is not None and info.pinned_to_max_ttl:
            # Pinned at the last lookup and now past the boundary by Vault's clock:
            # the max TTL ended it. Before the boundary it was revoked some other way.
            now = _vault.server_time(self.client)
            if info.max_ttl_passed(now):
                return VaultTokenExpiredError(max_ttl_message(info, now), max_ttl_reached=True)
        return VaultTokenExpiredError(invalid_token_message(info), max_ttl_reached=False)

    def _lookup(self) -> TokenInfo:
        try:
            return TokenInfo.from_lookup(_vault.lookup_self(self.client))
        except (hvac.exceptions.Forbidden, hvac.exceptions.Unauthorized):
            # Vault answers 403 for tokens it does not know (expired, revoked, garbage).
            raise self._token_error() from None
        except hvac.exceptions.VaultDown:
            raise VaultUnavailableError(f"Vault at {self.vault_addr} is sealed or down.") from None
        except _vault.NETWORK_ERRORS as exc:
            raise VaultUnavailableError(
                f"Cannot reach Vault at {self.vault_addr}: {type(exc).__name__}"
            ) from None

    def _ensure_token(self) -> TokenInfo:
        """Check the token before an operation and renew it when it is close to expiry."""
        with self._lock:
            info = self._lookup()
            if info.needs_renewal:
                ttl_before = info.ttl
                try:
                    _vault.renew_self(self.client)
                except hvac.exceptions.VaultError as exc:
                    # Still valid for ttl_before seconds; the operation can go ahead.
                    logger.warning(
                        "Could not renew the Vault token (%s); it expires in %s",
                        type(exc).__name__,
                        format_seconds(ttl_before),
                    )
                else:
                    info = self._lookup()
                    logger.info(
                        "Renewed the Vault token: TTL %s -> %s",
                        format_seconds(ttl_before),
                        format_seconds(info.ttl),
                    )
            self._token_info = info
            if (
                info.pinned_to_max_ttl
                and info.ttl < _MAX_TTL_WARNING_SECONDS
                and not self._warned_max_ttl
            ):
                self._warned_max_ttl = True
                logger.warning(
                    "The Vault token reaches its max TTL in %s and cannot be renewed "
                    "further; restart your notebook server before then.",
                    format_seconds(info.ttl),
                )
            return info

    def _call(self, what: str, action: Callable[[], T]) -> T:
        """Run one Vault request with a valid token, translating Vault's refusals."""
        self._ensure_token()
        try:
            return action()
        except hvac.exceptions.Forbidden:
            raise SecretAccessDeniedError(
                f"Vault denied {what}: your token's policy only covers "
                f"secret/{self.base_path}/*."
            ) from None
        except hvac.exceptions.VaultDown:
            raise VaultUnavailableError(f"Vault at {self.vault_addr} is sealed or down.") from None
        except _vault.NETWORK_ERRORS as exc:
            raise VaultUnavailableError(
                f"Cannot reach Vault at {self.vault_addr}: {type(exc).__name__}"
            ) from None

    def _path(self, key: str) -> str:
        return f"{self.base_path}/{key}"

    def _read(self, key: str) -> tuple[dict[str, Any], int | None]:
        path = self._path(key)
        try:
            return self._call(
                f"reading secret '{key}'", lambda: _vault.read_secret(self.client, path)
            )
        except hvac.exceptions.InvalidPath:
            raise KeyError(f"Secret '{key}' not found") from None

    # -- public API --------------------------------------------------------------

    def put(self, key: str, **fields: str) -> None:
        """Store ``fields`` under ``key``, replacing whatever the secret held before.

        Every value must be a str; encode other data first, e.g. ``json.dumps(value)``.
        """
        key = _validate_key(key)
        if not fields:
            raise ValueError(
                f"put('{key}') needs at least one field, e.g. put('{key}', token='...')."
            )
        for name, value in fields.items():
            if not isinstance(value, str):
                raise ValueError(
                    f"Field '{name}' of secret '{key}' must be a str, not "
                    f"{type(value).__name__}. JSON-encode complex values first, "
                    "e.g. json.dumps(value)."
                )
        path = self._path(key)
        self._call(
            f"writing secret '{key}'", lambda: _vault.write_secret(self.client, path, fields)
        )
        logger.info("Stored secret '%s' (%d field(s))", key, len(fields))

    @overload
    def get(self, key: str) -> dict[str, Any]:
        ...

    @overload
    def get(self, key: str, field: str) -> str:
        ...

    def get(self, key: str, field: str | None = None) -> dict[str, Any] | str:
        """The secret's fields as a dict, or one field's value; KeyError when missing."""
        key = _validate_key(key)
        data, _version = self._read(key)
        if field is None:
            logger.info("Read secret '%s' (%d field(s))", key, len(data))
            return data
        if field not in data:
            raise KeyError(f"Field '{field}' not found in secret '{key}'")
        logger.info("Read field '%s' of secret '%s'", field, key)
        value: str = data[field]
        return value

    def delete(self, key: str, field: str | None = None) -> None:
        """Delete the secret with all its versions, or only one of its fields.

        Deleting the last remaining field deletes the whole secret. KeyError when the
        secret or the field does not exist.
        """
        key = _validate_key(key)
        path = self._path(key)
        if field is None:
            if not self._call(
                f"reading secret '{key}'", lambda: _vault.secret_exists(self.client, path)
            ):
                raise KeyError(f"Secret '{key}' not found")
            self._call(f"deleting secret '{key}'", lambda: _vault.destroy_secret(self.client, path))
            logger.info("Deleted secret '%s' and all its versions", key)
            return
        field = _validate_field(field)
        data, version = self._read(key)
        if field not in data:
            raise KeyError(f"Field '{field}' not found in secret '{key}'")
        del data[field]
        if not data:
            self._call(f"deleting secret '{key}'", lambda: _vault.destroy_secret(self.client, path))
            logger.info("Deleted secret '%s' (its last field '%s' was removed)", key, field)
            return
        try:
            # Check-and-set: a concurrent writer must not be silently overwritten.
            self._call(
                f"writing secret '{key}'",
                lambda: _vault.write_secret(self.client, path, data, cas=version),
            )
        except hvac.exceptions.InvalidRequest as exc:
            raise SecretStoreError(
                f"Secret '{key}' changed while field '{field}' was being deleted; "
                f"try again ({exc.errors or exc})."
            ) from None
        logger.info("Deleted field '%s' of secret '%s'", field, key)

    # `list` is a method name here, so annotations spell the type builtins.list.
    def list(self) -> builtins.list[str]:
        """Names of your secrets (an empty list when you have none)."""
        names = self._call(
            "listing your secrets", lambda: _vault.list_keys(self.client, self.base_path)
        )
        # Entries ending in '/' are folders written by other tools; they are not
        # secrets this API can address.
        secrets = [name for name in names if not name.endswith("/")]
        logger.info("Listed %d secret(s)", len(secrets))
        return secrets

    def list_fields(self, key: str) -> builtins.list[str]:
        """Field names of one secret; KeyError when it does not exist."""
        key = _validate_key(key)
        data, _version = self._read(key)
        return list(data)

    def get_status(self) -> dict[str, Any]:
        """Who and where, and whether Vault currently accepts the token. Never raises."""
        status: dict[str, Any] = {
            "username": self.username,
            "vault_addr": self.vault_addr,
            "authentication_method": AUTH_METHOD,
            "vault_authenticated": False,
        }
        try:
            info = self._ensure_token()
        except SecretStoreError as exc:
            status["error"] = str(exc).splitlines()[0]
            return status
        status.update(
            vault_authenticated=True,
            token_ttl_seconds=info.ttl,
            token_renewable=info.renewable,
            token_at_max_ttl=info.pinned_to_max_ttl,
        )
        return status
