import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const LAUNCHER = fileURLToPath(new URL('./launch.js', import.meta.url));
const PYTHON = '/usr/bin/python3'; // Debian's python sees Debian's hvac; a pyenv python may not

const test = suite('vault launcher and hvac smoke test');

function launch(args: string[] = []): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [LAUNCHER, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve({ child, line }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`launcher exited early with ${code}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null) resolve({ code: child.exitCode, signal: null });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

test('prints exactly one JSON line, serves, and exits 0 on SIGTERM', async () => {
  const { child, line } = await launch(['--root-token', 'launch-root']);
  const info = JSON.parse(line) as { addr: string; rootToken: string };
  assert.equal(Object.keys(info).sort(), ['addr', 'rootToken']);
  assert.match(info.addr, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.is(info.rootToken, 'launch-root');
  const health = await fetch(`${info.addr}/v1/sys/health`);
  assert.is(health.status, 200);
  child.kill('SIGTERM');
  assert.equal(await exited(child), { code: 0, signal: null });
});

test('exits when its stdin closes (parent went away)', async () => {
  const { child } = await launch();
  child.stdin!.end();
  assert.equal(await exited(child), { code: 0, signal: null });
});

test('hvac (Debian python3-hvac) works against the launched server', async () => {
  if (!existsSync(PYTHON) || spawnSync(PYTHON, ['-c', 'import hvac']).status !== 0) {
    assert.unreachable('python3-hvac is missing: run `apt-get install -y python3-hvac`');
  }
  const { child, line } = await launch();
  try {
    const { addr, rootToken } = JSON.parse(line) as { addr: string; rootToken: string };
    const result = spawnSync(PYTHON, ['-c', HVAC_SMOKE], {
      env: { ...process.env, VAULT_ADDR: addr, ROOT_TOKEN: rootToken },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.is(result.status, 0, `hvac smoke failed:\n${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /hvac smoke ok/);
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
});

// What the pre-spawn hook and SecretStore do, in hvac 0.11 calls.
const HVAC_SMOKE = String.raw`
import json, os, urllib.request
import hvac
from hvac import exceptions

addr, root = os.environ["VAULT_ADDR"], os.environ["ROOT_TOKEN"]
admin = hvac.Client(url=addr, token=root)
assert admin.is_authenticated()
policy = 'path "secret/data/jupyter/users/alice/*" { capabilities = ["create", "update", "read", "delete", "list"] }\n' \
         'path "secret/metadata/jupyter/users/alice/*" { capabilities = ["list", "read", "delete", "update"] }\n' \
         'path "secret/metadata/jupyter/users/alice" { capabilities = ["list"] }\n'
admin.sys.create_or_update_policy(name="jupyter-user-alice", policy=policy)
assert "jupyter-user-alice" in admin.sys.list_policies()["data"]["policies"]
created = admin.create_token(policies=["jupyter-user-alice"], ttl="24h", explicit_max_ttl="168h",
                             renewable=True, display_name="notebook-alice", orphan=True)
assert created["auth"]["orphan"] is True and created["auth"]["lease_duration"] == 86400, created
alice = hvac.Client(url=addr, token=created["auth"]["client_token"])
me = alice.auth.token.lookup_self()["data"]
assert me["display_name"] == "token-notebook-alice" and me["explicit_max_ttl"] == 604800, me
kv = alice.secrets.kv.v2
kv.create_or_update_secret(path="jupyter/users/alice/db", secret={"password": "s3cret"})
kv.create_or_update_secret(path="jupyter/users/alice/api", secret={"key": "k"})
assert kv.read_secret_version(path="jupyter/users/alice/db")["data"]["data"] == {"password": "s3cret"}
assert kv.list_secrets(path="jupyter/users/alice")["data"]["keys"] == ["api", "db"]
admin.secrets.kv.v2.create_or_update_secret(path="jupyter/users/bob/db", secret={"password": "b"})
try:
    kv.read_secret_version(path="jupyter/users/bob/db")
    raise SystemExit("alice read bob's secret")
except exceptions.Forbidden:
    pass
kv.delete_metadata_and_all_versions(path="jupyter/users/alice/api")
try:
    kv.read_secret_version(path="jupyter/users/alice/api")
    raise SystemExit("deleted secret still readable")
except exceptions.InvalidPath:
    pass
renewed = alice.auth.token.renew_self(increment=3600)
assert renewed["auth"]["lease_duration"] == 3600, renewed
req = urllib.request.Request(addr + "/_test/clock", data=json.dumps({"advance": 3600}).encode(),
                             headers={"X-Vault-Token": root}, method="POST")
urllib.request.urlopen(req).read()
assert not alice.is_authenticated()
try:
    kv.read_secret_version(path="jupyter/users/alice/db")
    raise SystemExit("expired token still works")
except exceptions.Forbidden as e:
    assert "invalid token" in str(e), str(e)
print("hvac smoke ok")
`;

test.run();
