"""Pure helpers: duration formatting, token bookkeeping, hvac signature compatibility."""

from __future__ import annotations

import pytest

from buunstack._durations import format_seconds
from buunstack._token import TokenInfo


@pytest.mark.parametrize(
    ("seconds", "text"), [(45, "45s"), (725, "12m 5s"), (12000, "3h 20m"), (604799, "6d 23h")]
)
def test_format_seconds(seconds: int, text: str) -> None:
    assert format_seconds(seconds) == text


def lookup(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "ttl": 500,
        "renewable": True,
        "explicit_max_ttl": 1200,
        "creation_ttl": 900,
        "creation_time": 1_700_000_000,
        "expire_time": "2023-11-14T22:33:20.123456789Z",  # creation + 1200 s
    }
    data.update(overrides)
    return data


def test_token_info_pinned_to_max_ttl() -> None:
    info = TokenInfo.from_lookup(lookup())
    assert info.max_expiry == 1_700_001_200
    assert info.pinned_to_max_ttl
    early = TokenInfo.from_lookup(lookup(expire_time="2023-11-14T22:28:20Z"))  # + 900 s
    assert not early.pinned_to_max_ttl
    unlimited = TokenInfo.from_lookup(lookup(explicit_max_ttl=0))
    assert not unlimited.pinned_to_max_ttl


def test_needs_renewal_only_when_renewable_and_under_600s() -> None:
    assert TokenInfo.from_lookup(lookup(ttl=599)).needs_renewal
    assert not TokenInfo.from_lookup(lookup(ttl=600)).needs_renewal
    assert not TokenInfo.from_lookup(lookup(ttl=0)).needs_renewal  # root-like, never expires
    assert not TokenInfo.from_lookup(lookup(ttl=100, renewable=False)).needs_renewal


def test_creation_time_falls_back_to_issue_time() -> None:
    info = TokenInfo.from_lookup(lookup(creation_time=None, issue_time="2023-11-14T22:13:20Z"))
    assert info.creation_time == 1_700_000_000


class _KV011:
    """hvac 0.11's read_secret_version signature."""

    def __init__(self) -> None:
        self.calls: list[dict[str, object]] = []

    def read_secret_version(
        self, path: str, version: object = None, mount_point: str = "secret"
    ) -> dict[str, object]:
        self.calls.append({"path": path, "mount_point": mount_point})
        return {"data": {"data": {"a": "1"}, "metadata": {"version": 3}}}


class _KV2x(_KV011):
    """hvac >= 1.1: warns unless raise_on_deleted_version is passed."""

    def read_secret_version(
        self,
        path: str,
        version: object = None,
        mount_point: str = "secret",
        raise_on_deleted_version: object = None,
    ) -> dict[str, object]:
        self.calls.append(
            {"path": path, "mount_point": mount_point, "raise": raise_on_deleted_version}
        )
        return {"data": {"data": {"a": "1"}, "metadata": {"version": 3}}}


@pytest.mark.parametrize("kv_class", [_KV011, _KV2x])
def test_read_secret_works_with_both_hvac_signatures(kv_class: type[_KV011]) -> None:
    from types import SimpleNamespace

    from buunstack import _vault

    kv = kv_class()
    client = SimpleNamespace(secrets=SimpleNamespace(kv=SimpleNamespace(v2=kv)))
    assert _vault.read_secret(client, "jupyter/users/a/k") == ({"a": "1"}, 3)
    expected: dict[str, object] = {"path": "jupyter/users/a/k", "mount_point": "secret"}
    if kv_class is _KV2x:
        expected["raise"] = True  # explicit, so hvac 2.x neither warns nor changes behaviour
    assert kv.calls == [expected]


def test_max_ttl_message_only_once_the_boundary_has_passed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A token pinned to its max TTL but refused earlier was revoked, not expired."""
    import hvac.exceptions

    from buunstack import SecretStore, VaultTokenExpiredError, _vault

    for name, value in {
        "JUPYTERHUB_USER": "dave",
        "VAULT_ADDR": "http://127.0.0.1:9",
        "NOTEBOOK_VAULT_TOKEN": "hvs.x",
    }.items():
        monkeypatch.setenv(name, value)
    store = SecretStore()
    store._token_info = TokenInfo.from_lookup(lookup())  # pinned: expires at creation + 1200

    def refused(_client: object) -> dict[str, object]:
        raise hvac.exceptions.Forbidden("permission denied")

    monkeypatch.setattr(_vault, "lookup_self", refused)
    monkeypatch.setattr(_vault, "server_time", lambda _client: 1_700_000_000 + 600.0)
    with pytest.raises(VaultTokenExpiredError) as early:
        store.list()
    assert early.value.max_ttl_reached is False

    monkeypatch.setattr(_vault, "server_time", lambda _client: 1_700_000_000 + 1300.0)
    with pytest.raises(VaultTokenExpiredError) as late:
        store.list()
    assert late.value.max_ttl_reached is True
    assert "(21m 40s ago)" in str(late.value)
