"""The per-user policy (user_policy.hcl) really isolates users on the Vault server."""

from __future__ import annotations

from collections.abc import Callable

import hvac
import hvac.exceptions
import pytest
from buunstack_harness import Notebook, VaultAdmin

from buunstack import SecretAccessDeniedError, SecretStore


def test_alice_cannot_read_list_or_write_bobs_secrets(
    notebook: Callable[..., Notebook], vault: VaultAdmin
) -> None:
    bob = notebook("bob")
    SecretStore().put("db", password="bobs-password")
    alice = notebook("alice")

    client = hvac.Client(url=vault.addr, token=alice.token)
    # Her own folder works, so the refusals below are the policy, not a broken token.
    client.secrets.kv.v2.create_or_update_secret(
        path=alice.path("mine"), secret={"a": "1"}, mount_point="secret"
    )
    assert client.secrets.kv.v2.read_secret_version(path=alice.path("mine"), mount_point="secret")[
        "data"
    ]["data"] == {"a": "1"}

    with pytest.raises(hvac.exceptions.Forbidden):
        client.secrets.kv.v2.read_secret_version(path=bob.path("db"), mount_point="secret")
    with pytest.raises(hvac.exceptions.Forbidden):
        client.secrets.kv.v2.list_secrets(
            path=f"jupyter/users/{bob.username}", mount_point="secret"
        )
    with pytest.raises(hvac.exceptions.Forbidden):
        client.secrets.kv.v2.create_or_update_secret(
            path=bob.path("db"), secret={"password": "overwritten"}, mount_point="secret"
        )
    with pytest.raises(hvac.exceptions.Forbidden):
        client.secrets.kv.v2.delete_metadata_and_all_versions(
            path=bob.path("db"), mount_point="secret"
        )
    assert vault.kv_read(bob.path("db")) == {"password": "bobs-password"}


def test_secret_store_pointed_at_another_user_is_denied(
    notebook: Callable[..., Notebook], vault: VaultAdmin
) -> None:
    bob = notebook("bob")
    SecretStore().put("db", password="bobs-password")
    alice = notebook("alice")
    # Alice's token with JUPYTERHUB_USER claiming to be bob.
    notebook(token=alice.token, username=bob.username)

    secrets = SecretStore()
    with pytest.raises(SecretAccessDeniedError) as info:
        secrets.get("db")
    assert isinstance(info.value, PermissionError)
    with pytest.raises(SecretAccessDeniedError):
        secrets.put("db", password="mine-now")
    with pytest.raises(SecretAccessDeniedError):
        secrets.list()
    assert vault.kv_read(bob.path("db")) == {"password": "bobs-password"}


def test_shared_secrets_are_readable_but_not_writable(
    notebook: Callable[..., Notebook], vault: VaultAdmin
) -> None:
    vault.kv_write("jupyter/shared/endpoints", {"llm": "http://litellm:4000"})
    alice = notebook("alice")
    client = hvac.Client(url=vault.addr, token=alice.token)
    data = client.secrets.kv.v2.read_secret_version(
        path="jupyter/shared/endpoints", mount_point="secret"
    )["data"]["data"]
    assert data == {"llm": "http://litellm:4000"}
    with pytest.raises(hvac.exceptions.Forbidden):
        client.secrets.kv.v2.create_or_update_secret(
            path="jupyter/shared/endpoints", secret={"llm": "x"}, mount_point="secret"
        )


def test_user_token_cannot_touch_policies_or_mint_tokens(
    notebook: Callable[..., Notebook], vault: VaultAdmin
) -> None:
    alice = notebook("alice")
    client = hvac.Client(url=vault.addr, token=alice.token)
    with pytest.raises(hvac.exceptions.Forbidden):
        client.sys.create_or_update_policy(
            name=f"jupyter-user-{alice.username}", policy='path "*" {}'
        )
    with pytest.raises(hvac.exceptions.Forbidden):
        client.adapter.post("/v1/auth/token/create-orphan", json={"policies": ["root"]})
