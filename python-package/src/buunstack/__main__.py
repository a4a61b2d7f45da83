"""``python -m buunstack`` is the same as the ``buunstack-secrets`` command."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
