"""Renewal before operations, and what the user is told when the token is gone.

The test server's clock is moved with POST /_test/clock, so token TTLs run out
without waiting.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from buunstack_harness import Notebook, VaultAdmin

from buunstack import SecretStore, VaultTokenExpiredError, VaultUnavailableError


def ttl_of(vault: VaultAdmin, nb: Notebook) -> int:
    ttl = vault.lookup_self(nb.token)["ttl"]
    assert isinstance(ttl, int)
    return ttl


def test_token_with_under_600s_left_is_renewed_before_the_operation(
    notebook: Callable[..., Notebook], vault: VaultAdmin
) -> None:
    nb = notebook(ttl="15m", max_ttl="2h")
    secrets = SecretStore()
    secrets.put("k", v="1")
    assert 890 <= ttl_of(vault, nb) <= 900  # 15 min left: no renewal

    vault.advance_clock(400)  # 500 s left, under the 600 s threshold
    assert secrets.get("k", field="v") == "1"
    assert ttl_of(vault, nb) >= 890  # renewed back to the full TTL

    # Without that renewal the token would have expired at 900 s.
    vault.advance_clock(800)
    assert secrets.get("k", field="v") == "1"


def test_token_with_more_than_600s_left_is_not_renewed(
    notebook: Callable[..., Notebook], vault: VaultAdmin
) -> None:
    nb = notebook(ttl="1h", max_ttl="2h")
    secrets = SecretStore()
    vault.advance_clock(100)
    secrets.list()
    assert 3495 <= ttl_of(vault, nb) <= 3500


def test_non_renewable_token_is_used_until_it_expires(
    notebook: Callable[..., Notebook], vault: VaultAdmin
) -> None:
    nb = notebook(ttl="15m", max_ttl="1h", renewable=False)
    secrets = SecretStore()
    vault.advance_clock(400)
    assert secrets.list() == []
    assert ttl_of(vault, nb) <= 500  # no renewal attempted
    vault.advance_clock(600)
    with pytest.raises(VaultTokenExpiredError) as info:
        secrets.list()
    assert info.value.max_ttl_reached is False


def test_token_at_max_ttl_gets_the_full_explanation(
    notebook: Callable[..., Notebook], vault: VaultAdmin
) -> None:
    notebook(ttl="15m", max_ttl="20m")
    secrets = SecretStore()
    secrets.put("k", v="1")  # expiry at 15 min, max TTL at 20 min: still extendable
    vault.advance_clock(400)
    secrets.get("k")  # renewed, but only up to the 20 min boundary
    vault.advance_clock(900)  # 21m40s after creation: past the max TTL

    with pytest.raises(VaultTokenExpiredError) as info:
        secrets.get("k")
    message = str(info.value)
    assert info.value.max_ttl_reached is True
    assert "maximum lifetime (max TTL)" in message
    assert "created:" in message
    # How old: at least the 20 minute max TTL.
    age = re.search(r"created: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \((\d+)m \d+s ago\)", message)
    assert age is not None, message
    assert int(age.group(1)) >= 20
    assert "TTL (renewal period, NOTEBOOK_VAULT_TOKEN_TTL): 15m" in message
    assert "max TTL (maximum lifetime, NOTEBOOK_VAULT_TOKEN_MAX_TTL): 20m" in message
    assert "How renewal works" in message
    assert "restart your notebook server" in message


def test_token_expired_by_inactivity_gets_the_short_message(
    notebook: Callable[..., Notebook], vault: VaultAdmin
) -> None:
    notebook(ttl="15m", max_ttl="168h")
    secrets = SecretStore()
    secrets.list()
    vault.advance_clock(1000)  # unused for longer than its TTL; max TTL far away

    with pytest.raises(VaultTokenExpiredError) as info:
        secrets.list()
    message = str(info.value)
    assert info.value.max_ttl_reached is False
    assert "invalid or has expired" in message
    assert "15m" in message and "168h" in message
    assert "restart your notebook server" in message
    assert "How renewal works" not in message


def test_garbage_token_gets_the_short_message(notebook: Callable[..., Notebook]) -> None:
    notebook(token="hvs.this-token-was-never-issued")
    with pytest.raises(VaultTokenExpiredError) as info:
        SecretStore().get("anything")
    assert info.value.max_ttl_reached is False
    assert "restart your notebook server" in str(info.value)
    assert "maximum lifetime" not in str(info.value)


def test_sealed_vault_is_reported_as_unavailable(
    store: tuple[SecretStore, object], vault: VaultAdmin
) -> None:
    secrets, _ = store
    secrets.put("k", v="1")
    vault.set_sealed(True)
    try:
        with pytest.raises(VaultUnavailableError, match="sealed or down"):
            secrets.get("k")
    finally:
        vault.set_sealed(False)
    assert secrets.get("k", field="v") == "1"


def test_unreachable_vault_is_reported_as_unavailable(
    notebook: Callable[..., Notebook], monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook()
    # Port 9 (discard) on localhost: nothing listens there in the test environment.
    monkeypatch.setenv("VAULT_ADDR", "http://127.0.0.1:9")
    with pytest.raises(VaultUnavailableError, match="Cannot reach Vault"):
        SecretStore().list()
