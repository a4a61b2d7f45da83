"""Exceptions raised by buunstack.

Missing secrets and fields raise the built-in ``KeyError`` and bad arguments raise
``ValueError``, so notebook code can use the idioms it already knows; everything that
is about Vault itself derives from :class:`SecretStoreError`.
"""

from __future__ import annotations


class SecretStoreError(Exception):
    """Base class of the errors that come from Vault or from the notebook's setup."""


class ConfigurationError(SecretStoreError):
    """A required environment variable (JUPYTERHUB_USER, VAULT_ADDR) is missing."""


class VaultTokenMissingError(SecretStoreError):
    """The notebook server was started without a Vault token."""


class VaultTokenExpiredError(SecretStoreError):
    """Vault no longer accepts the notebook's token (expired, revoked or invalid).

    ``max_ttl_reached`` is true when the token is known to have reached its max TTL,
    i.e. no amount of renewing could have kept it alive.
    """

    def __init__(self, message: str, *, max_ttl_reached: bool) -> None:
        super().__init__(message)
        self.max_ttl_reached = max_ttl_reached


class SecretAccessDeniedError(SecretStoreError, PermissionError):
    """The token is valid but its policy does not allow this path."""


class VaultUnavailableError(SecretStoreError, ConnectionError):
    """Vault cannot be reached, or it is sealed."""
