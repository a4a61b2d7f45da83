"""put_env_to_secrets / get_env_from_secrets."""

from __future__ import annotations

import os

import pytest
from buunstack_harness import Notebook

from buunstack import SecretStore, get_env_from_secrets, put_env_to_secrets


def test_round_trip_through_vault(
    store: tuple[SecretStore, Notebook], monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets, nb = store
    path = put_env_to_secrets(secrets, {"PROJECT_NAME": "ml", "MAX_WORKERS": 4, "DEBUG": False})
    assert path == f"jupyter/users/{nb.username}/environment"
    # Stored as strings.
    assert nb.admin.kv_read(nb.path("environment")) == {
        "PROJECT_NAME": "ml",
        "MAX_WORKERS": "4",
        "DEBUG": "False",
    }

    for name in ("PROJECT_NAME", "MAX_WORKERS", "DEBUG"):
        # setenv first so monkeypatch restores the environment afterwards.
        monkeypatch.setenv(name, "before")
    names = get_env_from_secrets(secrets)
    assert sorted(names) == ["DEBUG", "MAX_WORKERS", "PROJECT_NAME"]
    assert os.environ["PROJECT_NAME"] == "ml"
    assert os.environ["MAX_WORKERS"] == "4"
    assert os.environ["DEBUG"] == "False"


def test_custom_key(store: tuple[SecretStore, Notebook], monkeypatch: pytest.MonkeyPatch) -> None:
    secrets, nb = store
    path = put_env_to_secrets(secrets, {"API_URL": "https://x"}, key="prod-config")
    assert path == f"jupyter/users/{nb.username}/prod-config"
    assert "environment" not in secrets.list()
    monkeypatch.setenv("API_URL", "before")
    assert get_env_from_secrets(secrets, key="prod-config") == ["API_URL"]
    assert os.environ["API_URL"] == "https://x"


def test_missing_key_raises_key_error(store: tuple[SecretStore, Notebook]) -> None:
    secrets, _ = store
    with pytest.raises(KeyError, match="Secret 'environment' not found"):
        get_env_from_secrets(secrets)


@pytest.mark.parametrize("env", [{}, {"A=B": "x"}, {"": "x"}])
def test_invalid_input_is_rejected_before_writing(
    store: tuple[SecretStore, Notebook], env: dict[str, str]
) -> None:
    secrets, nb = store
    with pytest.raises(ValueError):
        put_env_to_secrets(secrets, env)
    assert nb.admin.kv_read(nb.path("environment")) is None
