"""The buunstack-secrets console script, run as a real subprocess."""

from __future__ import annotations

import importlib
import json
import tomllib
from collections.abc import Callable

from buunstack_harness import PACKAGE_DIR, Notebook, run_cli


def test_console_script_entry_point_resolves() -> None:
    project = tomllib.loads((PACKAGE_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    target = project["project"]["scripts"]["buunstack-secrets"]
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    assert callable(getattr(module, attr))


def test_help_lists_the_commands() -> None:
    result = run_cli(None, "--help")
    assert result.returncode == 0, result.stderr
    for command in ("list", "get", "put", "delete"):
        assert command in result.stdout


def test_put_get_list_delete(notebook: Callable[..., Notebook]) -> None:
    nb = notebook()
    assert run_cli(nb, "list").stdout == ""

    put = run_cli(nb, "put", "api-keys", "openai=sk-1", "github=ghp=with=equals")
    assert put.returncode == 0, put.stderr
    assert nb.admin.kv_read(nb.path("api-keys")) == {"openai": "sk-1", "github": "ghp=with=equals"}

    got = run_cli(nb, "get", "api-keys")
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout) == {"openai": "sk-1", "github": "ghp=with=equals"}
    field = run_cli(nb, "get", "api-keys", "--field", "openai")
    assert field.stdout == "sk-1\n"

    assert run_cli(nb, "list").stdout == "api-keys\n"
    assert sorted(run_cli(nb, "fields", "api-keys").stdout.split()) == ["github", "openai"]

    assert run_cli(nb, "delete", "api-keys", "--field", "openai").returncode == 0
    assert nb.admin.kv_read(nb.path("api-keys")) == {"github": "ghp=with=equals"}
    assert run_cli(nb, "delete", "api-keys").returncode == 0
    assert not nb.admin.kv_metadata_exists(nb.path("api-keys"))


def test_put_from_stdin_keeps_values_out_of_argv(notebook: Callable[..., Notebook]) -> None:
    nb = notebook()
    result = run_cli(nb, "put", "db", "--stdin", stdin='{"password": "s3cret"}')
    assert result.returncode == 0, result.stderr
    assert nb.admin.kv_read(nb.path("db")) == {"password": "s3cret"}


def test_missing_secret_is_exit_1_with_a_message(notebook: Callable[..., Notebook]) -> None:
    nb = notebook()
    result = run_cli(nb, "get", "nope")
    assert result.returncode == 1
    assert "error: Secret 'nope' not found" in result.stderr
    assert "Traceback" not in result.stderr
    assert run_cli(nb, "delete", "nope").returncode == 1


def test_usage_errors_are_exit_2() -> None:
    assert run_cli(None, "put", "k", "no-equals-sign").returncode == 2
    assert run_cli(None, "put", "k").returncode == 2
    assert run_cli(None, "frobnicate").returncode == 2


def test_no_token_is_exit_1_with_the_restart_hint(notebook: Callable[..., Notebook]) -> None:
    nb = notebook()
    result = run_cli(nb, "list", extra_env={"NOTEBOOK_VAULT_TOKEN": ""})
    assert result.returncode == 1
    assert "restart your notebook server" in result.stderr
    assert "Traceback" not in result.stderr


def test_status_prints_json(notebook: Callable[..., Notebook]) -> None:
    nb = notebook()
    result = run_cli(nb, "status")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert status["username"] == nb.username
    assert status["vault_authenticated"] is True
