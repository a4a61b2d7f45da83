"""buunstack: per-user Vault secrets for buun-stack JupyterHub notebooks.

>>> from buunstack import SecretStore, get_env_from_secrets, put_env_to_secrets
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from ._logging import configure_logging
from .env import get_env_from_secrets, put_env_to_secrets
from .errors import (
    ConfigurationError,
    SecretAccessDeniedError,
    SecretStoreError,
    VaultTokenExpiredError,
    VaultTokenMissingError,
    VaultUnavailableError,
)
from .secrets import SecretStore

try:
    __version__ = version("buunstack")
except PackageNotFoundError:  # running from a source checkout
    __version__ = "0+unknown"

configure_logging()

__all__ = [
    "ConfigurationError",
    "SecretAccessDeniedError",
    "SecretStore",
    "SecretStoreError",
    "VaultTokenExpiredError",
    "VaultTokenMissingError",
    "VaultUnavailableError",
    "__version__",
    "get_env_from_secrets",
    "put_env_to_secrets",
]
