// Issue 14's day-2 views on the real stack: status all ok on a healthy install; one thing
// broken at a time (the Keycloak redirect URI, the hub's Vault admin token, an
// ExternalSecret) is named with its fix command, and running that command makes status
// ok again; diff shows nothing after install and exactly the changed key after one
// variable changes; check-spawn passes every enabled profile through the real API
// server's admission and reports one a privileged container makes it reject.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  bao,
  env,
  helm,
  keycloakClients,
  keycloakToken,
  kubectl,
  kvGet,
  tasks,
} from '../support/stack.js';
import { CLIENT_ID, fullInstall, HOST, NS } from './fixture.js';

const test = suite('stack: day-2 views (status, diff, check-spawn)');
const vars = fullInstall();
const dir = mkdtempSync(join(tmpdir(), 'stack-day2-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

interface Check {
  name: string;
  level: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

async function report(recipe: string, over: Record<string, string> = {}) {
  const r = await tasks([`jupyterhub:${recipe}`, '--json'], { ...vars, ...over });
  assert.ok(r.code === 0 || r.code === 1, `${recipe} exit ${r.code}: ${r.stderr}`);
  const parsed = JSON.parse(r.stdout) as { ok: boolean; checks: Check[] };
  return { code: r.code, ...parsed };
}

const notOk = (checks: Check[]) => checks.filter((c) => c.level !== 'ok');

/** Runs a fix line as an operator would paste it: `a; b`, a trailing `  (…)` is a comment. */
async function runFix(fix: string): Promise<void> {
  for (const command of fix.replace(/\s{2}\(.*\)$/, '').split('; ')) {
    const words = command.trim().split(/\s+/);
    if (words[0] === 'npx' && words[1] === 'tasks') {
      const r = await tasks([...words.slice(2), '--yes'], vars);
      assert.is(r.code, 0, `${command}: ${r.stderr}`);
    } else if (words[0] === 'kubectl') {
      kubectl(...words.slice(1));
    } else {
      throw new Error(`a fix this test cannot run: ${command}`);
    }
  }
}

/**
 * Status fails exactly the checks `names` (the first is the broken thing, the rest what
 * went with it), each with a fix; running the first one's fix makes it all ok.
 */
async function brokenThenFixed(names: string[], fixPattern: RegExp): Promise<void> {
  const broken = await report('status');
  assert.is(broken.code, 1, 'exit 1 on a fail');
  const failing = notOk(broken.checks);
  assert.equal(
    failing.map((c) => c.name),
    names,
    JSON.stringify(failing),
  );
  assert.ok(failing.every((c) => c.level === 'fail' && c.fix));
  assert.match(failing[0]!.fix ?? '', fixPattern);
  await runFix(failing[0]!.fix!);
  const fixed = await report('status');
  assert.equal(notOk(fixed.checks), [], 'status ok again after the fix');
  assert.is(fixed.code, 0);
}

test('install, then status: every line ok, exit 0', async () => {
  const r = await tasks(['jupyterhub:install', '--yes'], vars);
  assert.is(r.code, 0, r.stderr);
  const s = await report('status');
  assert.equal(notOk(s.checks), []);
  assert.is(s.code, 0);
  const names = s.checks.map((c) => c.name);
  for (const n of [
    'helm release',
    'deployment hub',
    'values drift',
    'externalsecret jupyterhub-crypt-key',
    'hub vault admin token',
    'keycloak redirect URI',
    'oidc discovery',
    'cull age vs token max TTL',
  ])
    assert.ok(names.includes(n), n);
  // Plain output: one line per check, the count at the end, no secret.
  const plain = await tasks(['jupyterhub:status'], vars);
  assert.is(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /^ok {4}helm release +jupyterhub-4\.3\.2, revision \d+, deployed$/m);
  assert.match(plain.stdout, new RegExp(`\\n${s.checks.length} ok, 0 warn, 0 fail\\n?$`));
  const token = (await kvGet('jupyterhub/vault-token'))!.token!;
  assert.not.ok(plain.stdout.includes(token) || plain.stderr.includes(token));
});

test('diff right after install: no change at all', async () => {
  const r = await tasks(['jupyterhub:diff', '--json'], vars);
  assert.is(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.is(d.changed, false);
  assert.equal(d.release.changes, []);
  assert.is(d.release.diff, '');
  assert.equal(
    d.objects.filter((o: any) => o.action !== 'unchanged'),
    [],
  );
  assert.ok(d.objects.some((o: any) => o.object === 'Vault policy jupyterhub-admin'));
});

test('diff after one variable changes: exactly that key, as a unified diff', async () => {
  const r = await tasks(['jupyterhub:diff', '--json'], {
    ...vars,
    JUPYTERHUB_CULL_MAX_AGE: '3600',
  });
  assert.is(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.equal(d.release.changes, [{ path: 'cull.maxAge', kind: 'changed' }]);
  assert.match(d.release.diff, /\n-  maxAge: 604800\n\+  maxAge: 3600\n/);
  assert.equal(
    d.release.diff.split('\n').filter((l: string) => /^[-+][^-+]/.test(l)),
    ['-  maxAge: 604800', '+  maxAge: 3600'],
  );
  // diff changed nothing: the release still has the old value.
  const deployed = JSON.parse(helm('get', 'values', 'jupyterhub', '-n', NS, '-o', 'json'));
  assert.is(deployed.cull.maxAge, 604800);
});

test('redirect URI removed in Keycloak: status names it; update-client fixes it', async () => {
  const [client] = await keycloakClients(CLIENT_ID);
  const res = await fetch(
    `https://${env.KEYCLOAK_HOST}/admin/realms/${env.KEYCLOAK_REALM}/clients/${client.id}`,
    {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${await keycloakToken()}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ ...client, redirectUris: [] }),
      signal: AbortSignal.timeout(15_000),
    },
  );
  assert.is(res.status, 204);
  await brokenThenFixed(
    ['keycloak redirect URI'],
    new RegExp(
      `^npx tasks keycloak:update-client buunstack ${CLIENT_ID} https://${HOST}/hub/oauth_callback$`,
    ),
  );
  const [after] = await keycloakClients(CLIENT_ID);
  assert.equal(after.redirectUris, [`https://${HOST}/hub/oauth_callback`]);
});

test("the hub's Vault admin token revoked: status names it; its fix issues a new one", async () => {
  const old = (await kvGet('jupyterhub/vault-token'))!.token!;
  assert.is((await bao('POST', 'auth/token/revoke', { token: old })).status, 204);
  await brokenThenFixed(['hub vault admin token'], /^npx tasks jupyterhub:install/);
  const now = (await kvGet('jupyterhub/vault-token'))!.token!;
  assert.is.not(now, old);
  assert.is((await bao('GET', 'auth/token/lookup-self', undefined, now)).status, 200);
});

test('an ExternalSecret deleted: status names it; the fix recreates it from Vault', async () => {
  const before = (await kvGet('jupyterhub/admin-service'))!.token;
  kubectl('delete', 'externalsecret', 'jupyterhub-admin-service-token', '-n', NS);
  // The API server's garbage collector removes the Secret ESO owned along with it.
  await brokenThenFixed(
    ['externalsecret jupyterhub-admin-service-token', 'jupyterhub-admin-service-token'],
    /^kubectl delete secret jupyterhub-admin-service-token -n datastack --ignore-not-found; npx tasks jupyterhub:install/,
  );
  assert.is((await kvGet('jupyterhub/admin-service'))!.token, before, 'the same token, from Vault');
});

test('check-spawn: every enabled profile admitted by the API server', async () => {
  const r = await report('check-spawn');
  assert.is(r.code, 0, JSON.stringify(r.checks));
  assert.equal(notOk(r.checks), []);
  assert.ok(r.checks.some((c) => c.name.startsWith('profile ')));
});

test('check-spawn: a profile allowing privilege escalation is reported with the admission message', async () => {
  // What a hand edit of the release could add: a profile whose pod may gain privileges.
  const values = JSON.parse(helm('get', 'values', 'jupyterhub', '-n', NS, '-o', 'json'));
  values.singleuser.profileList.push({
    display_name: 'Privileged',
    slug: 'privileged',
    kubespawner_override: {
      image: 'quay.io/jupyter/base-notebook',
      allow_privilege_escalation: true,
    },
  });
  const file = join(dir, 'values.json');
  writeFileSync(file, JSON.stringify(values));
  helm(
    'upgrade',
    'jupyterhub',
    'jupyterhub/jupyterhub',
    '--version',
    '4.3.2',
    '-n',
    NS,
    '-f',
    file,
  );
  const r = await report('check-spawn');
  assert.is(r.code, 1);
  const bad = notOk(r.checks);
  assert.equal(
    bad.map((c) => c.name),
    ['profile privileged'],
  );
  assert.match(
    bad[0]!.detail,
    /^rejected: pods "jupyter-check-spawn-privileged" is forbidden: violates PodSecurity "restricted:[^"]+": allowPrivilegeEscalation != false \(container "notebook" must set securityContext.allowPrivilegeEscalation=false\)$/,
    bad[0]!.detail,
  );
  assert.ok(
    r.checks.some(
      (c) => c.name === 'profile jupyter-notebook-data-science-stack' && c.level === 'ok',
    ),
  );
  await runFix(bad[0]!.fix!);
  const again = await report('check-spawn');
  assert.is(again.code, 0, JSON.stringify(again.checks));
});

test('leave the stack as found: uninstall --purge', async () => {
  const u = await tasks(['jupyterhub:uninstall', '--purge', '--yes'], vars);
  assert.is(u.code, 0, u.stderr);
});

test.run();
