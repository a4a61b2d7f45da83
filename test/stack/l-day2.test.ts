// Longer than 200 lines: the day-2 recipes in the order an operator meets them, on one install.
// Day-2 recipes against the real stack: API tokens with a lifecycle in the real hub, the
// users' Vault tokens found in real OpenBao by accessor, the crypt key guarded and rotated
// (the hub restarted by the stack's runner), and uninstall's inventory compared with what
// a real uninstall then removes. Ends with JupyterHub installed again, as it started.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  bao,
  eventually,
  getObject,
  hubApi,
  keycloakClients,
  kvGet,
  listObjects,
  loginAs,
  releases,
  secretData,
  stateRoot,
  tasks,
} from '../support/stack.js';
import { CLIENT_ID, fullInstall, NS } from './fixture.js';
import { hubSettled } from './hub-restart.js';

const test = suite('stack: day-2 operations (tokens, crypt key, uninstall inventory)');

// Whatever the suite before left (k-day2 ends with uninstall --purge): an installed hub
// that answers.
test.before(async () => {
  const r = await tasks(['jupyterhub:install', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  await hubSettled();
});

const admin = () => secretData(getObject('secret', 'jupyterhub-admin-service-token', NS), 'token');
const cryptKey = () => secretData(getObject('secret', 'jupyterhub-crypt-key', NS), 'crypt-key');

test('get-token --expires-in --scopes --note: the hub stores them; list-tokens shows it; revoke-token ends it', async () => {
  await loginAs('alice');
  const r = await tasks(
    [
      'jupyterhub:get-token',
      'alice',
      '--expires-in',
      '1h',
      '--scopes',
      'read:users:name!user=alice,access:servers!user=alice',
      '--note=l-day2',
    ],
    fullInstall(),
  );
  assert.is(r.code, 0, r.stderr);
  const token = r.stdout.trim();
  const me = await hubApi('user', token);
  assert.is(me.status, 200, JSON.stringify(me.json));
  assert.ok(me.json.scopes.includes('access:servers!user=alice'), me.json.scopes.join(' '));
  assert.not.ok(me.json.scopes.includes('self'), 'only the scopes asked for');

  const listed = await tasks(['jupyterhub:list-tokens', 'alice', '--json'], fullInstall());
  assert.is(listed.code, 0, listed.stderr);
  assert.not.match(listed.stdout, token);
  const mine = (JSON.parse(listed.stdout) as any[]).filter((t) => t.note === 'l-day2');
  assert.is(mine.length, 1, listed.stdout);
  const expires = Date.parse(mine[0].expires_at) - Date.parse(mine[0].created);
  assert.ok(Math.abs(expires - 3_600_000) < 120_000, `expires ~1h after creation: ${expires} ms`);
  assert.ok(mine[0].scopes.includes('read:users:name!user=alice'), mine[0].scopes.join(' '));
  assert.not.ok(mine[0].scopes.includes('self'), 'not the default scopes');
  // The hub's own answer agrees, field by field.
  const hubList = await hubApi('users/alice/tokens', admin());
  const theirs = hubList.json.api_tokens.find((t: any) => t.id === mine[0].id);
  assert.ok(theirs, JSON.stringify(hubList.json));
  assert.equal(
    [theirs.note, theirs.scopes, theirs.created, theirs.expires_at],
    [mine[0].note, mine[0].scopes, mine[0].created, mine[0].expires_at],
  );

  const table = await tasks(['jupyterhub:list-tokens', 'alice'], fullInstall());
  assert.match(table.stdout, /^ID\s+NOTE\s+SCOPES\s+CREATED\s+EXPIRES\s+LAST USED$/m);
  assert.match(table.stdout, new RegExp(`^${mine[0].id}\\s+l-day2\\s`, 'm'));

  const revoked = await tasks(['jupyterhub:revoke-token', 'alice', mine[0].id], fullInstall());
  assert.is(revoked.code, 0, revoked.stderr);
  assert.is((await hubApi('user', token)).status, 403, 'the revoked token no longer works');
  const after = await hubApi('users/alice/tokens', admin());
  assert.not.ok(after.json.api_tokens.some((t: any) => t.id === mine[0].id));

  const unknown = await tasks(['jupyterhub:revoke-token', 'alice', mine[0].id], fullInstall());
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, `no API token with id ${mine[0].id}`);
});

test('revoke-token --all: refused without --yes (no terminal); with --yes every API token of bob is gone', async () => {
  for (let i = 0; i < 2; i++)
    assert.is((await tasks(['jupyterhub:get-token', 'bob'], fullInstall())).code, 0);
  const count = async () => (await hubApi('users/bob/tokens', admin())).json.api_tokens.length;
  assert.ok((await count()) >= 2);
  const refused = await tasks(['jupyterhub:revoke-token', 'bob', '--all'], fullInstall());
  assert.is(refused.code, 1);
  assert.match(refused.stderr, '--yes');
  assert.ok((await count()) >= 2, 'nothing revoked');
  const dry = await tasks(['jupyterhub:revoke-token', 'bob', '--all', '--dry-run'], fullInstall());
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout + dry.stderr, '# would revoke JupyterHub API token');
  assert.ok((await count()) >= 2, 'a preview revokes nothing');
  const all = await tasks(['jupyterhub:revoke-token', 'bob', '--all', '--yes'], fullInstall());
  assert.is(all.code, 0, all.stderr);
  assert.is(await count(), 0);
});

test("list-vault-tokens after a spawn: alice's hook-minted token by accessor, with its TTLs; no token printed", async () => {
  const key = admin();
  const started = (await hubApi('users/alice/server', key, 'POST', {})).status;
  assert.ok([201, 202].includes(started), `spawn answered ${started}`);
  try {
    const pod = await eventually(
      'pod jupyter-alice',
      () => getObject('pod', 'jupyter-alice', NS),
      30_000,
    );
    const main =
      pod.spec.containers.find((c: any) => c.name === 'notebook') ?? pod.spec.containers[0];
    const token = main.env.find((e: any) => e.name === 'NOTEBOOK_VAULT_TOKEN')?.value;
    assert.ok(token, 'NOTEBOOK_VAULT_TOKEN in the pod');
    const self = (await bao('GET', 'auth/token/lookup-self', undefined, token)).json.data;

    const r = await tasks(['jupyterhub:list-vault-tokens', '--json'], fullInstall());
    assert.is(r.code, 0, r.stderr);
    assert.not.match(r.stdout + r.stderr, token);
    const listed = JSON.parse(r.stdout) as any[];
    const entry = listed.find((t) => t.accessor === self.accessor);
    assert.ok(entry, `accessor ${self.accessor} listed: ${r.stdout}`);
    assert.is(entry.user, 'alice');
    assert.ok(entry.policies.includes('jupyter-user-alice'));
    assert.ok(entry.ttl > 0 && entry.ttl <= self.creation_ttl, `ttl ${entry.ttl}`);
    assert.is(entry.explicit_max_ttl, self.explicit_max_ttl);
    assert.is(entry.renewable, true);
    // Only the users' tokens: the hub's admin token and the root token are not listed.
    assert.ok(listed.every((t) => t.policies.some((p: string) => p.startsWith('jupyter-user-'))));

    const table = await tasks(['jupyterhub:list-vault-tokens'], fullInstall());
    assert.match(table.stdout, new RegExp(`^alice\\s+${self.accessor}\\s`, 'm'));
    assert.not.match(table.stdout + table.stderr, token);
  } finally {
    await hubApi('users/alice/server', key, 'DELETE');
  }
});

const runnerLog = () => readFileSync(join(stateRoot, 'logs', 'hub-runner.log'), 'utf8');
const hubStarts = (log: string) => log.match(/hub of datastack\/hub \(pod [^)]+\) started/g) ?? [];

test('create-crypt-key-secret refuses to replace the key (even with --yes), naming what would be lost', async () => {
  const before = cryptKey();
  const stored = (await kvGet('jupyterhub/config'))?.['crypt-key'];
  assert.ok(before && stored);
  const r = await tasks(['jupyterhub:create-crypt-key-secret', '--yes'], fullInstall());
  assert.is(r.code, 1);
  assert.match(r.stderr, 'stored auth state');
  assert.match(r.stderr, 'rotate-crypt-key');
  assert.is(cryptKey(), before);
  assert.is((await kvGet('jupyterhub/config'))?.['crypt-key'], stored);
});

test('rotate-crypt-key: new key first, old kept, in Vault and the Secret; the hub restarts; alice still works', async () => {
  await loginAs('alice');
  const old = cryptKey();
  const starts = hubStarts(runnerLog()).length;
  const r = await tasks(['jupyterhub:rotate-crypt-key'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout + r.stderr, old);
  const keys = cryptKey().split(';');
  assert.is(keys.length, 2);
  assert.match(keys[0]!, /^[0-9a-f]{64}$/, 'a key CryptKeeper accepts (32 bytes, hex)');
  assert.is(keys[1], old);
  assert.is((await kvGet('jupyterhub/config'))?.['crypt-key'], keys.join(';'));
  assert.ok(
    getObject('deployment', 'hub', NS).spec.template.metadata.annotations?.[
      'kubectl.kubernetes.io/restartedAt'
    ],
    'rollout restart',
  );
  await eventually('the runner restarted the hub', () => hubStarts(runnerLog()).length > starts);
  await eventually('the hub answers again', async () => (await hubApi('', admin())).status === 200);
  // The hub refuses a user's token when it cannot read the user's auth state: get-token
  // without that warning means alice's stored login was read after the restart, with the
  // old key now second (o-crypt-key shows the keys' effect on auth state in detail).
  const t = await tasks(['jupyterhub:get-token', 'alice'], fullInstall());
  assert.is(t.code, 0, t.stderr);
  assert.not.match(t.stderr, 'refuses this token');
  assert.is((await hubApi('user', t.stdout.trim())).status, 200);

  const drop = await tasks(['jupyterhub:rotate-crypt-key', '--drop-old', '--yes'], fullInstall());
  assert.is(drop.code, 0, drop.stderr);
  assert.is(cryptKey(), keys[0]);
  assert.is((await kvGet('jupyterhub/config'))?.['crypt-key'], keys[0]);
  await eventually('the hub answers again', async () => (await hubApi('', admin())).status === 200);
});

/** `kind/name` of the inventory block `title` for one system. */
function block(stderr: string, title: string, system: string): string[] {
  return (stderr.split(`${title}:\n`)[1] ?? '')
    .split('\n')
    .filter((l) => l.startsWith(`  - ${system}: `))
    .map((l) => l.slice(`  - ${system}: `.length).replace(/ \(.*\)$/, ''));
}

const KINDS = ['secret', 'configmap', 'externalsecret', 'persistentvolumeclaim', 'servicemonitor'];
const managedByRelease = (o: any) =>
  o.metadata.annotations?.['meta.helm.sh/release-name'] === 'jupyterhub';

test('uninstall --dry-run (no --yes, no terminal) lists exactly what a real uninstall then removes', async () => {
  const dry = await tasks(['jupyterhub:uninstall', '--dry-run'], fullInstall());
  assert.is(dry.code, 0, dry.stderr);
  const removed = block(dry.stderr, 'Removed', 'kubernetes');
  const stays = block(dry.stderr, 'Stays', 'kubernetes');
  assert.ok(removed.includes('helm-release/jupyterhub'), removed.join('\n'));
  assert.ok(
    releases().some((x) => x.name === 'jupyterhub'),
    'the preview removed nothing',
  );

  // Before: every object of the tracked kinds in the namespace, outside the chart's own.
  const before = KINDS.flatMap((k) =>
    listObjects(k, NS)
      .filter((o) => !managedByRelease(o))
      .map((o) => `${k}/${o.metadata.name}`),
  );
  const r = await tasks(['jupyterhub:uninstall', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  assert.equal(block(r.stderr, 'Removed', 'kubernetes'), removed, 'the prompt lists the same');
  const after = new Set(
    KINDS.flatMap((k) => listObjects(k, NS).map((o) => `${k}/${o.metadata.name}`)),
  );
  const vanished = before.filter((x) => !after.has(x));
  const listedObjects = removed.filter((x) => KINDS.includes(x.split('/')[0]!));
  assert.equal(vanished.sort(), listedObjects.slice().sort(), 'removed = listed, nothing more');
  assert.not.ok(releases().some((x) => x.name === 'jupyterhub' && x.namespace === NS));
  for (const x of stays) {
    const [kind, name] = x.split('/');
    assert.ok(getObject(kind!, name!, kind === 'namespace' ? undefined : NS), `${x} stays`);
  }
  assert.ok(stays.includes(`namespace/${NS}`));
  // Vault: the listed soft-deletes happened; what was listed as staying stays.
  for (const path of block(dry.stderr, 'Removed', 'vault')) {
    const m = /^soft-delete secret\/(.+)$/.exec(path);
    if (m) assert.is(await kvGet(m[1]!), undefined, `${path} done`);
  }
  for (const what of block(dry.stderr, 'Stays', 'vault')) {
    if (what.startsWith('policy/'))
      assert.is((await bao('GET', `sys/policies/acl/${what.slice(7)}`)).status, 200, what);
    if (what.startsWith('secret/jupyterhub/')) assert.ok(await kvGet(what.slice(7)), what);
  }
  assert.ok(block(dry.stderr, 'Stays', 'keycloak').includes(`client/${CLIENT_ID}`));
  assert.is((await keycloakClients(CLIENT_ID)).length, 1);
});

test('install again: the stack is left installed for later suites', async () => {
  const r = await tasks(['jupyterhub:install', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  assert.ok(releases().some((x) => x.name === 'jupyterhub' && x.namespace === NS));
});

test.run();
