"""``buunstack-secrets``: the SecretStore from a notebook terminal.

    buunstack-secrets list
    buunstack-secrets get api-keys [--field openai]
    buunstack-secrets put api-keys openai=sk-... github=ghp_...
    echo '{"openai": "sk-..."}' | buunstack-secrets put api-keys --stdin
    buunstack-secrets delete api-keys [--field github]

Exit status: 0 success, 1 error (missing secret, Vault refused, no token), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .errors import SecretStoreError
from .secrets import SecretStore


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="buunstack-secrets",
        description="Manage your own secrets in Vault (secret/jupyter/users/<you>/<key>).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("list", help="list your secret names")

    get = commands.add_parser("get", help="print a secret as JSON, or one field's value")
    get.add_argument("key")
    get.add_argument("-f", "--field", help="print only this field's raw value")

    put = commands.add_parser(
        "put",
        help="store a secret (replaces its previous fields)",
        description="Store a secret. Values given as FIELD=VALUE end up in your shell "
        "history; --stdin reads a JSON object of string fields instead.",
    )
    put.add_argument("key")
    put.add_argument("fields", nargs="*", metavar="FIELD=VALUE")
    put.add_argument("--stdin", action="store_true", help="read the fields as a JSON object")

    delete = commands.add_parser("delete", help="delete a secret, or one of its fields")
    delete.add_argument("key")
    delete.add_argument("-f", "--field", help="delete only this field")

    fields = commands.add_parser("fields", help="list the field names of a secret")
    fields.add_argument("key")

    commands.add_parser("status", help="show user, Vault address and token state as JSON")
    return parser


def _read_fields(args: argparse.Namespace, parser: argparse.ArgumentParser) -> dict[str, str]:
    fields: dict[str, str] = {}
    if args.stdin:
        try:
            loaded = json.load(sys.stdin)
        except json.JSONDecodeError as exc:
            parser.error(f"--stdin: not valid JSON ({exc.msg})")
        if not isinstance(loaded, dict):
            parser.error("--stdin: expected a JSON object of fields")
        fields.update(loaded)
    for item in args.fields:
        name, sep, value = item.partition("=")
        if not sep or not name:
            parser.error(f"expected FIELD=VALUE, got {item.split('=', 1)[0]!r}")
        fields[name] = value
    if not fields:
        parser.error("put needs at least one FIELD=VALUE (or --stdin)")
    return fields


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    # Parse input before touching Vault, so usage errors never need a token.
    fields = _read_fields(args, parser) if args.command == "put" else {}
    store = SecretStore()
    if args.command == "list":
        for name in store.list():
            print(name)
    elif args.command == "get":
        if args.field:
            print(store.get(args.key, field=args.field))
        else:
            print(json.dumps(store.get(args.key), indent=2, sort_keys=True))
    elif args.command == "put":
        store.put(args.key, **fields)
        print(f"stored {args.key} ({len(fields)} field(s))", file=sys.stderr)
    elif args.command == "delete":
        store.delete(args.key, field=args.field)
        what = f"field {args.field} of {args.key}" if args.field else args.key
        print(f"deleted {what}", file=sys.stderr)
    elif args.command == "fields":
        for name in store.list_fields(args.key):
            print(name)
    elif args.command == "status":
        print(json.dumps(store.get_status(), indent=2, sort_keys=True))


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        _run(args, parser)
    except KeyError as exc:
        # KeyError's str() adds quotes; show the message as written.
        print(f"error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1
    except (SecretStoreError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
