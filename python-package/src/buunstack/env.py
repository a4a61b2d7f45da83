"""Keep a set of environment variables in Vault and load them back into os.environ."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ._logging import logger
from .secrets import BASE_PATH, SecretStore

DEFAULT_KEY = "environment"


def _validate_name(name: object) -> str:
    # os.environ rejects these at load time; refuse them at store time instead.
    if not isinstance(name, str) or not name or "=" in name or "\0" in name:
        raise ValueError(f"{name!r} is not a valid environment variable name.")
    return name


def put_env_to_secrets(
    store: SecretStore, env_dict: Mapping[str, object], key: str = DEFAULT_KEY
) -> str:
    """Store ``env_dict`` (values converted with ``str``) as the secret ``key``.

    Replaces the secret's previous content. Returns the Vault path,
    ``jupyter/users/<user>/<key>``.
    """
    values = {_validate_name(name): str(value) for name, value in env_dict.items()}
    if not values:
        raise ValueError("put_env_to_secrets() needs at least one variable.")
    store.put(key, **values)
    logger.info("Stored %d environment variable name(s) under '%s'", len(values), key)
    return f"{BASE_PATH}/{store.username}/{key}"


def get_env_from_secrets(store: SecretStore, key: str = DEFAULT_KEY) -> list[str]:
    """Set every field of the secret ``key`` in ``os.environ``; returns the names.

    KeyError when the secret does not exist.
    """
    values = store.get(key)
    for name, value in values.items():
        os.environ[_validate_name(name)] = str(value)
    logger.info("Loaded %d environment variable(s) from '%s'", len(values), key)
    return list(values)
