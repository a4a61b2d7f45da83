"""SecretStore's API against the Vault test server."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from buunstack_harness import Notebook, VaultAdmin

from buunstack import (
    ConfigurationError,
    SecretStore,
    VaultTokenExpiredError,
    VaultTokenMissingError,
)


def test_put_then_get_whole_secret_and_one_field(store: tuple[SecretStore, Notebook]) -> None:
    secrets, nb = store
    secrets.put("api-keys", openai="sk-1", github="ghp-2")

    assert secrets.get("api-keys") == {"openai": "sk-1", "github": "ghp-2"}
    assert secrets.get("api-keys", field="github") == "ghp-2"
    # Stored where the spec says, as KV v2 data.
    assert nb.admin.kv_read(nb.path("api-keys")) == {"openai": "sk-1", "github": "ghp-2"}


def test_put_replaces_the_previous_fields(store: tuple[SecretStore, Notebook]) -> None:
    secrets, nb = store
    secrets.put("db", user="a", password="p1")
    secrets.put("db", password="p2")
    assert secrets.get("db") == {"password": "p2"}
    assert nb.admin.kv_read(nb.path("db")) == {"password": "p2"}


def test_put_needs_at_least_one_field(store: tuple[SecretStore, Notebook]) -> None:
    secrets, _ = store
    with pytest.raises(ValueError, match="at least one field"):
        secrets.put("empty")


@pytest.mark.parametrize("value", [42, 1.5, True, None, {"a": "b"}, ["x"], b"bytes"])
def test_put_rejects_non_string_values_and_says_to_json_encode(
    store: tuple[SecretStore, Notebook], value: object
) -> None:
    secrets, nb = store
    with pytest.raises(ValueError, match="JSON-encode") as info:
        secrets.put("cfg", good="ok", bad=value)  # type: ignore[arg-type]
    assert "'bad'" in str(info.value)
    # Validation happens before anything is written.
    assert nb.admin.kv_read(nb.path("cfg")) is None


@pytest.mark.parametrize("key", ["", "   ", "a/b", "..", ".", "x\ny"])
def test_invalid_keys_are_rejected(store: tuple[SecretStore, Notebook], key: str) -> None:
    secrets, _ = store
    with pytest.raises(ValueError):
        secrets.put(key, a="b")
    with pytest.raises(ValueError):
        secrets.get(key)


def test_get_missing_secret_or_field_raises_key_error(store: tuple[SecretStore, Notebook]) -> None:
    secrets, _ = store
    with pytest.raises(KeyError, match="Secret 'nope' not found"):
        secrets.get("nope")
    secrets.put("present", a="1")
    with pytest.raises(KeyError, match="Field 'b' not found in secret 'present'"):
        secrets.get("present", field="b")


def test_list_is_empty_without_secrets_then_names_them(
    store: tuple[SecretStore, Notebook],
) -> None:
    secrets, _ = store
    assert secrets.list() == []
    secrets.put("one", a="1")
    secrets.put("two", b="2")
    assert sorted(secrets.list()) == ["one", "two"]


def test_list_fields(store: tuple[SecretStore, Notebook]) -> None:
    secrets, _ = store
    secrets.put("creds", user="u", password="p", host="h")
    assert sorted(secrets.list_fields("creds")) == ["host", "password", "user"]
    with pytest.raises(KeyError, match="Secret 'missing' not found"):
        secrets.list_fields("missing")


def test_delete_removes_the_secret_with_all_versions(store: tuple[SecretStore, Notebook]) -> None:
    secrets, nb = store
    secrets.put("old", a="1")
    secrets.put("old", a="2")
    secrets.delete("old")
    assert "old" not in secrets.list()
    # Not a soft delete: the metadata (and with it every version) is gone.
    assert not nb.admin.kv_metadata_exists(nb.path("old"))
    with pytest.raises(KeyError):
        secrets.get("old")


def test_delete_missing_secret_raises_key_error(store: tuple[SecretStore, Notebook]) -> None:
    secrets, _ = store
    with pytest.raises(KeyError, match="Secret 'ghost' not found"):
        secrets.delete("ghost")
    with pytest.raises(KeyError, match="Secret 'ghost' not found"):
        secrets.delete("ghost", field="a")


def test_delete_one_field_keeps_the_others(store: tuple[SecretStore, Notebook]) -> None:
    secrets, nb = store
    secrets.put("keys", a="1", b="2")
    secrets.delete("keys", field="a")
    assert secrets.get("keys") == {"b": "2"}
    assert nb.admin.kv_read(nb.path("keys")) == {"b": "2"}
    with pytest.raises(KeyError, match="Field 'a' not found in secret 'keys'"):
        secrets.delete("keys", field="a")


def test_deleting_the_last_field_deletes_the_secret(store: tuple[SecretStore, Notebook]) -> None:
    secrets, nb = store
    secrets.put("single", only="x")
    secrets.delete("single", field="only")
    assert secrets.list() == []
    assert not nb.admin.kv_metadata_exists(nb.path("single"))


def test_singleton(store: tuple[SecretStore, Notebook]) -> None:
    first, _ = store
    assert SecretStore() is first
    SecretStore.reset()
    assert SecretStore() is not first


def test_no_token_tells_the_user_to_restart(
    notebook: Callable[..., Notebook], monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook()
    monkeypatch.delenv("NOTEBOOK_VAULT_TOKEN")
    with pytest.raises(VaultTokenMissingError, match="restart your notebook server"):
        SecretStore()
    # An empty value is no token either.
    monkeypatch.setenv("NOTEBOOK_VAULT_TOKEN", "  ")
    with pytest.raises(VaultTokenMissingError):
        SecretStore()


def test_failed_construction_is_not_remembered(
    notebook: Callable[..., Notebook], monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = notebook()
    monkeypatch.delenv("NOTEBOOK_VAULT_TOKEN")
    with pytest.raises(VaultTokenMissingError):
        SecretStore()
    monkeypatch.setenv("NOTEBOOK_VAULT_TOKEN", nb.token)
    secrets = SecretStore()
    secrets.put("k", v="1")
    assert secrets.get("k", field="v") == "1"


def test_missing_user_or_vault_addr(
    notebook: Callable[..., Notebook], monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook()
    monkeypatch.delenv("JUPYTERHUB_USER")
    with pytest.raises(ConfigurationError, match="JUPYTERHUB_USER"):
        SecretStore()
    notebook()
    monkeypatch.delenv("VAULT_ADDR")
    with pytest.raises(ConfigurationError, match="VAULT_ADDR"):
        SecretStore()


def test_get_status_when_authenticated(store: tuple[SecretStore, Notebook]) -> None:
    secrets, nb = store
    status = secrets.get_status()
    assert status["username"] == nb.username
    assert status["vault_addr"] == nb.admin.addr
    assert "NOTEBOOK_VAULT_TOKEN" in status["authentication_method"]
    assert status["vault_authenticated"] is True
    assert status["token_renewable"] is True
    assert 0 < status["token_ttl_seconds"] <= 24 * 3600


def test_get_status_with_a_bad_token_does_not_raise(
    notebook: Callable[..., Notebook], vault: VaultAdmin
) -> None:
    notebook(token="hvs.not-a-real-token")
    status = SecretStore().get_status()
    assert status["vault_authenticated"] is False
    assert "invalid or has expired" in status["error"]
    # Operations, unlike get_status, raise.
    with pytest.raises(VaultTokenExpiredError):
        SecretStore().list()
