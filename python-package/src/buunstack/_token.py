"""What we know about the notebook's Vault token, and how to explain its expiry.

Vault forgets a token the moment it expires, so after the fact nobody can ask Vault
*why* it expired. We therefore remember the last successful ``lookup-self``: if the
token's expiry was already pinned to its max TTL then (renewing could not move it),
an expiry afterwards means the max TTL was reached.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ._durations import format_seconds

# Renew when less than this many seconds of the TTL remain.
RENEW_THRESHOLD_SECONDS = 600
TTL_ENV = "NOTEBOOK_VAULT_TOKEN_TTL"
MAX_TTL_ENV = "NOTEBOOK_VAULT_TOKEN_MAX_TTL"
# Vault rounds; an expiry within this many seconds of the max-TTL boundary is "at" it.
_BOUNDARY_SLACK_SECONDS = 2

# JupyterHub's pre-spawn hook issues a new token at every server start.
RESTART_HINT = (
    "Please restart your notebook server to get a fresh token "
    "(File > Hub Control Panel > Stop My Server, then Start My Server)."
)


def _parse_time(value: object) -> float | None:
    """Unix seconds from Vault's RFC 3339 timestamps (nanosecond precision, Z suffix)."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    # datetime only takes microseconds; Vault writes up to nanoseconds.
    if "." in text:
        head, _, tail = text.partition(".")
        digits = len(tail) - len(tail.lstrip("0123456789"))
        text = f"{head}.{tail[:digits][:6]}{tail[digits:]}"
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        return None


def _int(value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return 0


@dataclass(frozen=True)
class TokenInfo:
    """The parts of a ``lookup-self`` answer that matter for renewal and messages."""

    ttl: int
    renewable: bool
    explicit_max_ttl: int
    creation_ttl: int
    creation_time: float | None
    expire_time: float | None

    @classmethod
    def from_lookup(cls, data: Mapping[str, Any]) -> TokenInfo:
        creation = data.get("creation_time")
        creation_time: float | None
        if isinstance(creation, (int, float)) and not isinstance(creation, bool) and creation > 0:
            creation_time = float(creation)
        else:
            creation_time = _parse_time(data.get("issue_time"))
        return cls(
            ttl=_int(data.get("ttl")),
            renewable=bool(data.get("renewable")),
            explicit_max_ttl=_int(data.get("explicit_max_ttl")),
            creation_ttl=_int(data.get("creation_ttl")),
            creation_time=creation_time,
            expire_time=_parse_time(data.get("expire_time")),
        )

    @property
    def max_expiry(self) -> float | None:
        """When the token dies at the latest (None: no explicit max TTL)."""
        if self.explicit_max_ttl <= 0 or self.creation_time is None:
            return None
        return self.creation_time + self.explicit_max_ttl

    @property
    def pinned_to_max_ttl(self) -> bool:
        """True when the current expiry is the max-TTL boundary: renewing cannot extend it."""
        boundary = self.max_expiry
        if boundary is None or self.expire_time is None:
            return False
        return self.expire_time >= boundary - _BOUNDARY_SLACK_SECONDS

    def max_ttl_passed(self, now: float) -> bool:
        boundary = self.max_expiry
        return boundary is not None and now >= boundary - _BOUNDARY_SLACK_SECONDS

    @property
    def needs_renewal(self) -> bool:
        return self.renewable and 0 < self.ttl < RENEW_THRESHOLD_SECONDS


def _setting(env_name: str, fallback_seconds: int) -> str:
    """The configured duration as the operator wrote it, else what the token told us."""
    value = os.environ.get(env_name, "").strip()
    if value:
        return value
    if fallback_seconds > 0:
        return format_seconds(fallback_seconds)
    return "unknown"


def _utc(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def max_ttl_message(info: TokenInfo, server_now: float) -> str:
    ttl = _setting(TTL_ENV, info.creation_ttl)
    max_ttl = _setting(MAX_TTL_ENV, info.explicit_max_ttl)
    created = info.creation_time if info.creation_time is not None else server_now
    age = server_now - created
    return "\n".join(
        [
            "Your Vault token has expired: it reached its maximum lifetime (max TTL) "
            "and can no longer be renewed.",
            "",
            "Token details:",
            f"  - created: {_utc(created)} ({format_seconds(age)} ago)",
            f"  - TTL (renewal period, {TTL_ENV}): {ttl}",
            f"  - max TTL (maximum lifetime, {MAX_TTL_ENV}): {max_ttl}",
            "",
            "How renewal works:",
            f"  - every SecretStore call renews the token when less than "
            f"{RENEW_THRESHOLD_SECONDS // 60} minutes of its TTL remain;",
            f"  - each renewal extends it by up to {ttl}, but never past {max_ttl} after "
            "its creation;",
            f"  - so regular use keeps the token alive for at most {max_ttl}.",
            "",
            RESTART_HINT,
        ]
    )


def invalid_token_message(info: TokenInfo | None) -> str:
    ttl = _setting(TTL_ENV, info.creation_ttl if info else 0)
    max_ttl = _setting(MAX_TTL_ENV, info.explicit_max_ttl if info else 0)
    return "\n".join(
        [
            "Vault does not accept your notebook's token: it is invalid or has expired.",
            f"A token expires when it is not used for longer than its TTL ({ttl}) or when "
            f"it reaches its max TTL ({max_ttl}).",
            RESTART_HINT,
        ]
    )
