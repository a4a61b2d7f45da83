"""The rendered pre-spawn hook (templates/jupyterhub/pre_spawn_hook.gomplate.py), run
with real hvac (Debian's python3-hvac 0.11) against the Vault HTTP-API test server.

Run with Debian's python: /usr/bin/python3 -m pytest test/python
Needs the compiled project (`npm run build`): the hook is rendered by the project's
template engine and the Vault test server is started from its compiled launcher.
  TASKS_BUILD_DIR      compiled output to use (default: <repo>/dist)
  VAULT_TEST_LAUNCHER  the launcher (default: <TASKS_BUILD_DIR>/test/servers/vault/launch.js)
"""

import asyncio
import io
import json
import logging
import os
import pathlib
import select
import shutil
import subprocess
import types
import urllib.error
import urllib.request
import uuid

import hvac
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates" / "jupyterhub"
BUILD = pathlib.Path(os.environ.get("TASKS_BUILD_DIR") or REPO / "dist")
ENGINE = BUILD / "tasks" / "gomplate" / "index.js"
LAUNCHER = pathlib.Path(
    os.environ.get("VAULT_TEST_LAUNCHER") or BUILD / "test" / "servers" / "vault" / "launch.js"
)
USER_POLICY = (TEMPLATES / "user_policy.hcl").read_text()
USER_TOKEN_ROLE = {
    "allowed_policies": "default",
    "allowed_policies_glob": "jupyter-user-*",
    "orphan": True,
    "renewable": True,
    "token_explicit_max_ttl": "168h",
    "token_type": "service",
}
ADMIN_POLICY = (TEMPLATES / "jupyterhub-admin-policy.hcl").read_text()

# Renders one template through the project's engine (cwd = the output folder).
NODE_RENDER = """
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [engine, template] = process.argv.slice(1);
const { render } = await import(pathToFileURL(engine).href);
process.stdout.write(render(readFileSync(template, 'utf8'), {
  name: 'pre_spawn_hook.gomplate.py',
  env: JSON.parse(process.env.TEMPLATE_ENV),
  cwd: process.cwd(),
  readFile: (p) => readFileSync(p, 'utf8'),
}));
"""


def node():
    path = shutil.which("node")
    if not path:
        pytest.fail("node is not on PATH (Node 20 is needed to render the template)")
    return path


def require_built(path):
    if not path.exists():
        pytest.fail(f"{path} is missing: run `npm run build` first (or set TASKS_BUILD_DIR)")


def render_hook(vault_enabled, log_level="debug"):
    require_built(ENGINE)
    env = {
        "JUPYTERHUB_VAULT_INTEGRATION_ENABLED": "true" if vault_enabled else "false",
        "JUPYTER_BUUNSTACK_LOG_LEVEL": log_level,
    }
    result = subprocess.run(
        [node(), "--input-type=module", "-e", NODE_RENDER, str(ENGINE),
         str(TEMPLATES / "pre_spawn_hook.gomplate.py")],
        env={"PATH": os.environ.get("PATH", ""), "TEMPLATE_ENV": json.dumps(env)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def hook_on():
    return render_hook(True)


@pytest.fixture(scope="module")
def hook_off():
    return render_hook(False)


class Vault:
    """A Vault test server process and a minimal HTTP client for it."""

    def __init__(self):
        require_built(LAUNCHER)
        self.proc = subprocess.Popen(
            [node(), str(LAUNCHER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        ready, _, _ = select.select([self.proc.stdout], [], [], 20)
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            self.stop()
            pytest.fail(f"the Vault test server did not start: {self.proc.stderr.read()}")
        info = json.loads(line)
        self.addr, self.root = info["addr"], info["rootToken"]
        # Never through a proxy: the server is on 127.0.0.1.
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            stream.close()

    def call(self, method, path, token=None, body=None):
        """Returns (status, parsed JSON body or None)."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.addr + path, data=data, method=method)
        req.add_header("X-Vault-Token", token or self.root)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(req, timeout=10) as resp:
                raw = resp.read()
                return resp.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as err:
            raw = err.read()
            return err.code, (json.loads(raw) if raw else None)

    def ok(self, method, path, token=None, body=None):
        status, payload = self.call(method, path, token, body)
        assert status in (200, 204), f"{method} {path}: {status} {payload}"
        return payload

    def create_token(self, policies, ttl="24h"):
        payload = self.ok(
            "POST",
            "/v1/auth/token/create",
            body={"policies": policies, "ttl": ttl, "display_name": "jupyterhub-admin"},
        )
        return payload["auth"]["client_token"]

    def advance(self, seconds):
        self.ok("POST", "/_test/clock", body={"advance": seconds})


@pytest.fixture
def vault():
    server = Vault()
    server.ok("PUT", "/v1/sys/policies/acl/jupyterhub-admin", body={"policy": ADMIN_POLICY})
    # The token role as jupyterhub:setup-vault-integration writes it (max TTL: the default).
    server.ok("POST", "/v1/auth/token/roles/jupyterhub-user", body=USER_TOKEN_ROLE)
    yield server
    server.stop()


@pytest.fixture
def hub(vault, tmp_path, monkeypatch):
    """The hub's environment: admin token file, Vault address, the policy file, TTLs."""
    admin_token = vault.create_token(["jupyterhub-admin"])
    token_file = tmp_path / "vault-token"
    token_file.write_text(admin_token + "\n")
    monkeypatch.delenv("VAULT_TOKEN", raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("VAULT_ADDR", vault.addr)
    monkeypatch.setenv("VAULT_TOKEN_FILE", str(token_file))
    monkeypatch.setenv("JUPYTERHUB_USER_POLICY_FILE", str(TEMPLATES / "user_policy.hcl"))
    monkeypatch.setenv("NOTEBOOK_VAULT_TOKEN_TTL", "2h")
    monkeypatch.setenv("NOTEBOOK_VAULT_TOKEN_MAX_TTL", "5h")
    return types.SimpleNamespace(admin_token=admin_token, token_file=token_file)


class Spawner:
    """Stands in for KubeSpawner: the user's name, the environment, a logger."""

    def __init__(self, name):
        self.user = types.SimpleNamespace(name=name)
        self.environment = {"FROM_CONFIG": "kept"}
        self.stream = io.StringIO()
        self.log = logging.getLogger(f"pre-spawn-test-{uuid.uuid4()}")
        self.log.propagate = False
        self.log.setLevel(logging.DEBUG)
        handler = logging.StreamHandler(self.stream)
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        self.log.addHandler(handler)

    @property
    def logs(self):
        return self.stream.getvalue()


def spawn(hook_text, name="alice"):
    """Loads the hook as the hub's extraConfig does and runs it for one spawn."""
    c = types.SimpleNamespace(KubeSpawner=types.SimpleNamespace())
    exec(compile(hook_text, "pre_spawn_hook.py", "exec"), {"c": c})
    spawner = Spawner(name)
    asyncio.run(c.KubeSpawner.pre_spawn_hook(spawner))
    return spawner


BASE_ENV = {
    "FROM_CONFIG": "kept",
    "POSTGRES_HOST": "postgres-cluster-rw.postgres",
    "POSTGRES_PORT": "5432",
    "JUPYTERHUB_API_URL": "http://hub:8081/hub/api",
    "BUUNSTACK_LOG_LEVEL": "debug",
}


def assert_no_secrets(logs, *secrets):
    for secret in secrets:
        assert secret and secret not in logs, "a token appears in the log"


def test_vault_on_writes_the_user_policy_and_an_orphan_renewable_token(vault, hub, hook_on):
    spawner = spawn(hook_on)

    token = spawner.environment.pop("NOTEBOOK_VAULT_TOKEN")
    assert spawner.environment == BASE_ENV

    policy = vault.ok("GET", "/v1/sys/policies/acl/jupyter-user-alice")
    assert policy["data"]["policy"] == USER_POLICY.replace("{username}", "alice")

    info = vault.ok("GET", "/v1/auth/token/lookup-self", token=token)["data"]
    assert "jupyter-user-alice" in info["policies"]
    assert info["orphan"] is True
    assert info["renewable"] is True
    assert info["creation_ttl"] == 2 * 3600
    assert info["explicit_max_ttl"] == 5 * 3600
    assert 0 < info["ttl"] <= 2 * 3600
    assert info["display_name"] == "token-notebook-alice"

    assert "lease duration 7200s" in spawner.logs
    assert "Vault admin token present" in spawner.logs
    assert "ERROR" not in spawner.logs and "WARNING" not in spawner.logs
    assert_no_secrets(spawner.logs, token, hub.admin_token, vault.root)


def test_ttl_defaults_are_24h_and_168h(vault, hub, hook_on, monkeypatch):
    monkeypatch.delenv("NOTEBOOK_VAULT_TOKEN_TTL")
    monkeypatch.setenv("NOTEBOOK_VAULT_TOKEN_MAX_TTL", "")
    token = spawn(hook_on).environment["NOTEBOOK_VAULT_TOKEN"]
    info = vault.ok("GET", "/v1/auth/token/lookup-self", token=token)["data"]
    assert info["creation_ttl"] == 24 * 3600
    assert info["explicit_max_ttl"] == 168 * 3600


def test_the_token_renews_up_to_its_max_ttl_and_outlives_the_admin_token(vault, hub, hook_on):
    token = spawn(hook_on).environment["NOTEBOOK_VAULT_TOKEN"]
    # An orphan: revoking the admin token that created it leaves it alive.
    vault.ok("POST", "/v1/auth/token/revoke-self", token=hub.admin_token)
    # Renewable by itself (ttl 2h each time) ...
    vault.advance(3600)
    renewed = vault.ok("POST", "/v1/auth/token/renew-self", token=token, body={})
    assert renewed["auth"]["client_token"] == token
    assert renewed["auth"]["lease_duration"] == 2 * 3600
    vault.advance(5400)
    vault.ok("POST", "/v1/auth/token/renew-self", token=token, body={})
    # ... but never beyond the 5 h explicit max TTL (now at 4 h: 1 h left).
    vault.advance(5400)
    capped = vault.ok("POST", "/v1/auth/token/renew-self", token=token, body={})
    assert capped["auth"]["lease_duration"] == 3600
    vault.advance(3600 + 1)
    status, _ = vault.call("GET", "/v1/auth/token/lookup-self", token=token)
    assert status == 403


def test_the_user_policy_isolates_users(vault, hub, hook_on):
    vault.ok("POST", "/v1/secret/data/jupyter/users/bob/x", body={"data": {"k": "bob's"}})
    vault.ok("POST", "/v1/secret/data/jupyter/shared/team", body={"data": {"k": "shared"}})
    token = spawn(hook_on).environment["NOTEBOOK_VAULT_TOKEN"]

    vault.ok("POST", "/v1/secret/data/jupyter/users/alice/x", token=token, body={"data": {"k": "v"}})
    own = vault.ok("GET", "/v1/secret/data/jupyter/users/alice/x", token=token)
    assert own["data"]["data"] == {"k": "v"}
    listed = vault.ok("GET", "/v1/secret/metadata/jupyter/users/alice?list=true", token=token)
    assert listed["data"]["keys"] == ["x"]
    shared = vault.ok("GET", "/v1/secret/data/jupyter/shared/team", token=token)
    assert shared["data"]["data"] == {"k": "shared"}

    for method, path, body in [
        ("GET", "/v1/secret/data/jupyter/users/bob/x", None),
        ("POST", "/v1/secret/data/jupyter/users/bob/x", {"data": {"k": "overwritten"}}),
        ("GET", "/v1/secret/metadata/jupyter/users/bob?list=true", None),
        ("POST", "/v1/secret/data/jupyter/shared/team", {"data": {"k": "changed"}}),
        ("GET", "/v1/secret/data/keycloak/admin", None),
    ]:
        status, _ = vault.call(method, path, token=token, body=body)
        assert status == 403, f"{method} {path} gave {status}"


def test_the_user_token_is_minted_through_the_token_role(vault, hub, hook_on):
    token = spawn(hook_on).environment["NOTEBOOK_VAULT_TOKEN"]
    info = vault.ok("GET", "/v1/auth/token/lookup-self", token=token)["data"]
    assert info["path"] == "auth/token/create/jupyterhub-user"
    assert info["policies"] == ["default", "jupyter-user-alice"]


def test_the_hub_token_can_do_nothing_but_user_policies_and_user_tokens(vault, hub):
    """Issue 11, point 8: with the hub's token one cannot widen anything."""
    admin = hub.admin_token
    vault.ok("POST", "/v1/secret/data/jupyter/users/bob/x", body={"data": {"k": "bob's"}})
    vault.ok("POST", "/v1/secret/data/keycloak/admin", body={"data": {"password": "kc"}})
    vault.ok("POST", "/v1/secret/data/jupyterhub/config", body={"data": {"crypt-key": "ck"}})
    everything = 'path "*" { capabilities = ["create", "read", "update", "delete", "list", "sudo"] }'
    # No policy other than jupyter-user-*, in either policy API, default included.
    for path in [
        "/v1/sys/policies/acl/everything",
        "/v1/sys/policy/everything",
        "/v1/sys/policies/acl/default",
        "/v1/sys/policy/default",
        "/v1/sys/policies/acl/jupyterhub-admin",
    ]:
        status, _ = vault.call("PUT", path, token=admin, body={"policy": everything})
        assert status == 403, f"PUT {path} gave {status}"
    status, _ = vault.call("GET", "/v1/sys/policies/acl/everything")
    assert status == 404
    # No token with another policy: not through the role, not directly, not as an orphan.
    for path in [
        "/v1/auth/token/create/jupyterhub-user",
        "/v1/auth/token/create",
        "/v1/auth/token/create-orphan",
    ]:
        for policies in (["jupyterhub-admin"], ["root"], ["jupyter-user-alice", "other"]):
            status, _ = vault.call("POST", path, token=admin, body={"policies": policies})
            assert status in (400, 403), f"POST {path} {policies} gave {status}"
    # No token role of its own.
    status, _ = vault.call(
        "POST", "/v1/auth/token/roles/mine", token=admin, body={"allowed_policies": "root"}
    )
    assert status == 403
    # No secret to read, the users' included.
    for path in [
        "/v1/secret/data/jupyter/users/bob/x",
        "/v1/secret/data/keycloak/admin",
        "/v1/secret/data/jupyterhub/config",
        "/v1/secret/metadata/jupyter/users?list=true",
    ]:
        status, _ = vault.call("GET", path, token=admin)
        assert status == 403, f"GET {path} gave {status}"


def test_missing_token_file_is_logged_and_the_spawn_goes_on(vault, hub, hook_on):
    hub.token_file.unlink()
    spawner = spawn(hook_on)
    assert spawner.environment == BASE_ENV
    assert "ERROR No Vault token for alice" in spawner.logs
    assert "Traceback" in spawner.logs and "FileNotFoundError" in spawner.logs
    status, _ = vault.call("GET", "/v1/sys/policies/acl/jupyter-user-alice")
    assert status == 404


def test_an_invalid_admin_token_is_logged_and_the_spawn_goes_on(vault, hub, hook_on):
    vault.ok("POST", "/v1/auth/token/revoke-self", token=hub.admin_token)
    spawner = spawn(hook_on)
    assert spawner.environment == BASE_ENV
    assert "the Vault admin token is not valid" in spawner.logs
    assert_no_secrets(spawner.logs, hub.admin_token, vault.root)


def test_a_policy_write_failure_is_a_warning(vault, hub, hook_on):
    # An admin that may mint through the role but not write policies.
    vault.ok(
        "PUT",
        "/v1/sys/policies/acl/role-only",
        body={
            "policy": 'path "auth/token/create/jupyterhub-user" { capabilities = ["update"] }\n'
            'path "auth/token/lookup-self" { capabilities = ["read"] }\n'
        },
    )
    limited = vault.create_token(["role-only"])
    hub.token_file.write_text(limited)
    spawner = spawn(hook_on)
    assert "WARNING Could not write Vault policy jupyter-user-alice" in spawner.logs
    assert "NOTEBOOK_VAULT_TOKEN" in spawner.environment
    assert "ERROR" not in spawner.logs
    assert_no_secrets(spawner.logs, limited, spawner.environment["NOTEBOOK_VAULT_TOKEN"])


@pytest.mark.parametrize("name", ["*", "bob/../alice", 'a"b', "{username}", ".hidden"])
def test_a_username_unsafe_in_policy_paths_gets_no_token(vault, hub, hook_on, name):
    spawner = spawn(hook_on, name)
    assert spawner.environment == BASE_ENV
    assert "cannot be used in a Vault policy path" in spawner.logs
    listed = vault.ok("GET", "/v1/sys/policies/acl?list=true")
    assert [p for p in listed["data"]["keys"] if p.startswith("jupyter-user-")] == []


def test_vault_off_sets_only_the_fixed_variables(monkeypatch, hook_off):
    monkeypatch.setenv("VAULT_TOKEN_FILE", "/nonexistent/vault-token")
    spawner = spawn(hook_off)
    assert spawner.environment == BASE_ENV
    assert spawner.logs == ""


def _captured_verify(hook_on, monkeypatch):
    """The `verify` the hook hands hvac for one spawn (the real client still runs)."""
    seen = []
    real_init = hvac.Client.__init__

    def init(self, *args, **kwargs):
        seen.append(kwargs.get("verify"))
        kwargs["verify"] = True  # the test server is plain HTTP either way
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(hvac.Client, "__init__", init)
    spawner = spawn(hook_on)
    return seen, spawner


def test_tls_verification_is_on_by_default(vault, hub, hook_on, monkeypatch):
    monkeypatch.delenv("VAULT_CACERT", raising=False)
    monkeypatch.delenv("VAULT_SKIP_VERIFY", raising=False)
    seen, spawner = _captured_verify(hook_on, monkeypatch)
    assert seen == [True]
    assert "NOTEBOOK_VAULT_TOKEN" in spawner.environment


def test_a_private_ca_bundle_is_used_for_vault(vault, hub, hook_on, monkeypatch, tmp_path):
    ca = tmp_path / "vault-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n")
    monkeypatch.setenv("VAULT_CACERT", str(ca))
    monkeypatch.delenv("VAULT_SKIP_VERIFY", raising=False)
    seen, _ = _captured_verify(hook_on, monkeypatch)
    assert seen == [str(ca)]


def test_the_insecure_switch_turns_verification_off_and_warns(vault, hub, hook_on, monkeypatch):
    monkeypatch.setenv("VAULT_SKIP_VERIFY", "true")
    seen, spawner = _captured_verify(hook_on, monkeypatch)
    assert seen == [False]
    assert "WARNING VAULT_SKIP_VERIFY=true: Vault's certificate is not verified" in spawner.logs
