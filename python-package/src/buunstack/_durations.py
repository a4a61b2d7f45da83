"""Durations for messages."""

from __future__ import annotations


def format_seconds(seconds: float) -> str:
    """A short human form: 45s, 12m 5s, 3h 20m, 6d 23h."""
    value = max(0, int(seconds))
    days, rest = divmod(value, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    if minutes:
        return f"{minutes}m {secs}s"
    return f"{secs}s"
