"""The buunstack logger: level from BUUNSTACK_LOG_LEVEL, never a secret or a token."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from buunstack_harness import Notebook, VaultAdmin, run_cli

from buunstack import SecretStore, VaultTokenExpiredError, get_env_from_secrets, put_env_to_secrets

SECRET_VALUES = ("sk-live-0123456789", "hunter2-password", "postgres://u:pw@db/x")


def test_no_token_or_secret_value_in_debug_logs(
    notebook: Callable[..., Notebook],
    vault: VaultAdmin,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG, logger="buunstack")
    nb = notebook(ttl="15m", max_ttl="20m")
    secrets = SecretStore()
    secrets.put("keys", openai=SECRET_VALUES[0], db=SECRET_VALUES[1])
    secrets.get("keys")
    secrets.get("keys", field="openai")
    vault.advance_clock(400)  # forces a renewal, pinned to the max TTL (warning)
    secrets.list_fields("keys")
    secrets.delete("keys", field="db")
    put_env_to_secrets(secrets, {"DATABASE_URL": SECRET_VALUES[2]})
    monkeypatch.setenv("DATABASE_URL", "before")
    get_env_from_secrets(secrets)
    secrets.get_status()
    vault.advance_clock(900)
    with pytest.raises(VaultTokenExpiredError):
        secrets.list()

    text = caplog.text
    # The log is not empty: the renewal and the operations were logged...
    assert "Renewed the Vault token" in text
    assert "max TTL" in text
    assert "Stored secret 'keys'" in text
    # ...but never the token or a value.
    assert nb.token not in text
    for value in SECRET_VALUES:
        assert value not in text
    for record in caplog.records:
        assert nb.token not in record.getMessage()


def test_level_comes_from_buunstack_log_level(notebook: Callable[..., Notebook]) -> None:
    nb = notebook()
    quiet = run_cli(nb, "put", "k", f"v={SECRET_VALUES[0]}")
    assert quiet.returncode == 0
    assert "INFO" not in quiet.stderr  # default level: warning

    loud = run_cli(nb, "get", "k", extra_env={"BUUNSTACK_LOG_LEVEL": "debug"})
    assert loud.returncode == 0
    assert "INFO buunstack: Read secret 'k'" in loud.stderr
    assert SECRET_VALUES[0] in loud.stdout  # `get` prints the value on stdout...
    assert SECRET_VALUES[0] not in loud.stderr  # ...the log does not
    assert nb.token not in loud.stderr
