"""The ``buunstack`` logger.

Rules for every module: log key and field *names*, counts and TTLs only — never a
secret value and never a token.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TextIO

LOGGER_NAME = "buunstack"
LOG_LEVEL_ENV = "BUUNSTACK_LOG_LEVEL"
_DEFAULT_LEVEL = logging.WARNING


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at emit time.

    Jupyter and pytest replace ``sys.stderr`` after import; binding the stream once
    would write into a stale (or closed) object.
    """

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def _nobody_else_prints(_record: logging.LogRecord) -> bool:
    # In a notebook the root logger has no handlers, so ours must print; when the
    # application (or pytest's caplog) configured logging, the record propagates there
    # and printing it here as well would show it twice.
    return not logging.getLogger().handlers


def level_from_env() -> int:
    name = os.environ.get(LOG_LEVEL_ENV, "").strip().upper()
    if name == "WARN":
        name = "WARNING"
    level = logging.getLevelName(name) if name else _DEFAULT_LEVEL
    return level if isinstance(level, int) else _DEFAULT_LEVEL


def configure_logging() -> logging.Logger:
    """Set the level from BUUNSTACK_LOG_LEVEL and make sure messages are visible."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level_from_env())
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.addFilter(_nobody_else_prints)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    return logger


logger = logging.getLogger(LOGGER_NAME)
