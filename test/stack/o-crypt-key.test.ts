// The crypt key the real hub uses (issue 14.4), shown by what the hub can still read of
// alice's auth state (her Keycloak tokens, read through the admin API) as keys change.
// It starts from an install as the earlier releases left it — values without the
// `crypt-keys` snippet, a 48-character key CryptKeeper would refuse, the hub on the chart's
// own key — then: install migrates (a valid key first, the chart's key kept after it: the
// stored state stays readable, and the read re-encrypts it under the first key, as the hub
// does while it has several); a second install changes nothing; --drop-old then keeps it
// readable; after a rotation the old key still reads; after a re-encrypting login
// --drop-old keeps it readable; rotated and dropped with no read or login between, it is
// gone — which it could not be if the hub still used the chart's key. Ends installed,
// alice logged in.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import {
  bao,
  eventually,
  getObject,
  helm,
  hubApi,
  kubectl,
  loginAs,
  secretData,
  tasks,
} from '../support/stack.js';
import { fullInstall, NS, outDir } from './fixture.js';
import { hubSettled, runnerHub } from './hub-restart.js';

const test = suite('stack: the crypt key the hub really uses (migration, rotation, --drop-old)');

const OLD = 'Old0key0of0the0first0releases0ABCDEFGHIJKLMNOPQR';
const HEX64 = /^[0-9a-f]{64}$/;

const cryptKey = () => secretData(getObject('secret', 'jupyterhub-crypt-key', NS), 'crypt-key');
const chartKey = () => secretData(getObject('secret', 'hub', NS), 'hub.config.CryptKeeper.keys');
const admin = () => secretData(getObject('secret', 'jupyterhub-admin-service-token', NS), 'token');
const kvMeta = async () =>
  (await bao('GET', 'secret/metadata/jupyterhub/config')).json?.data?.current_version;
const kvKey = async () =>
  (await bao('GET', 'secret/data/jupyterhub/config')).json?.data?.data?.['crypt-key'];

/** alice's auth state as the hub decrypts it now (null when it cannot). */
async function authState(): Promise<any> {
  const r = await hubApi('users/alice', admin());
  assert.is(r.status, 200, JSON.stringify(r.json));
  assert.ok('auth_state' in r.json, 'the admin API shows auth_state');
  return r.json.auth_state;
}

/** Runs `step`, then waits until the runner has started a new hub and it is ready. */
async function restarted<T>(step: () => Promise<T>): Promise<T> {
  const before = runnerHub().since;
  const out = await step();
  await eventually(
    'the hub restarted and ready',
    () => {
      const h = runnerHub();
      return h.since !== before && h.phase === 'ready';
    },
    120_000,
  );
  return out;
}

async function rotate(...args: string[]): Promise<void> {
  const r = await tasks(['jupyterhub:rotate-crypt-key', ...args], fullInstall());
  assert.is(r.code, 0, r.stderr);
}

/** The key store of the earlier releases: a refused key in Vault, synced to the Secret. */
async function putOldKey(): Promise<void> {
  const w = await bao('POST', 'secret/data/jupyterhub/config', { data: { 'crypt-key': OLD } });
  assert.is(w.status, 200, JSON.stringify(w.json));
  // the External Secrets controller recreates a deleted target from Vault
  kubectl('delete', 'secret', 'jupyterhub-crypt-key', '-n', NS);
  await eventually('the Secret synced with the old key', () => cryptKey() === OLD, 60_000);
}

/** The release upgraded with its values minus the snippet, as the earlier releases wrote them. */
function deployWithoutSnippet(): void {
  const values = parse(helm('get', 'values', 'jupyterhub', '-n', NS, '-o', 'yaml'));
  assert.ok(values.hub.extraConfig['crypt-keys'], 'installed with the snippet');
  delete values.hub.extraConfig['crypt-keys'];
  const file = join(outDir, 'values-without-crypt-keys.yaml');
  writeFileSync(file, stringify(values));
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
}

let before: any;
let chart: string;

test.before(async () => {
  const r = await tasks(['jupyterhub:install', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  await hubSettled();
});

test('an install of the earlier releases: the hub starts with the refused key beside the chart key, alice logs in', async () => {
  await putOldKey();
  await restarted(async () => deployWithoutSnippet());
  chart = chartKey();
  assert.match(chart, HEX64);
  await loginAs('alice');
  before = await authState();
  assert.ok(before?.access_token, 'alice has auth state, encrypted with the chart key');
});

test('install --dry-run shows the migration, changes nothing, prints no key', async () => {
  const version = await kvMeta();
  const r = await tasks(['jupyterhub:install', '--dry-run'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, 'crypt key: key 1 of 1 (48 characters) dropped');
  assert.match(r.stdout, "the chart's own key (Secret hub)");
  for (const secret of [OLD, chart]) assert.not.match(r.stdout + r.stderr, secret);
  assert.is(cryptKey(), OLD);
  assert.is(await kvMeta(), version);
});

test("install migrates: a valid key first, the chart's after it, in Vault and the Secret; alice's state still reads", async () => {
  const r = await restarted(() => tasks(['jupyterhub:install', '--yes'], fullInstall()));
  assert.is(r.code, 0, r.stderr);
  const keys = cryptKey().split(';');
  assert.is(keys.length, 2);
  assert.match(keys[0]!, HEX64);
  assert.is(keys[1], chart);
  assert.is(await kvKey(), cryptKey());
  assert.not.match(r.stdout + r.stderr, keys[0]!);
  // decrypted with the chart key, now second; with several keys the hub then stores it
  // again under the first (JupyterHub's User.get_auth_state), so the read re-encrypts it
  assert.equal(await authState(), before);
});

test('a second install changes no key, in Vault or the Secret', async () => {
  const [key, version] = [cryptKey(), await kvMeta()];
  const r = await tasks(['jupyterhub:install', '--yes'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, 'Crypt key:');
  assert.equal([cryptKey(), await kvMeta()], [key, version]);
  await hubSettled();
});

test('--drop-old after that read: the state still reads, now under our key alone', async () => {
  const first = cryptKey().split(';')[0];
  await restarted(() => rotate('--drop-old', '--yes'));
  assert.is(cryptKey(), first);
  assert.equal(await authState(), before);
});

test('rotate: a new key first; after the restart the state under the old key still reads', async () => {
  const old = cryptKey();
  await restarted(() => rotate());
  const keys = cryptKey().split(';');
  assert.equal(keys.slice(1), [old]);
  assert.match(keys[0]!, HEX64);
  assert.equal(await authState(), before);
});

test('a login re-encrypts with the new key: --drop-old then keeps it readable', async () => {
  await loginAs('alice');
  before = await authState();
  assert.ok(before?.access_token);
  const first = cryptKey().split(';')[0];
  await restarted(() => rotate('--drop-old', '--yes'));
  assert.is(cryptKey(), first);
  assert.equal(await authState(), before);
});

test('rotate and drop the old key before a login: the state is gone; a login brings it back', async () => {
  await restarted(() => rotate());
  await restarted(() => rotate('--drop-old', '--yes'));
  assert.is(cryptKey().split(';').length, 1);
  assert.is(await authState(), null);
  await loginAs('alice');
  assert.ok((await authState())?.access_token);
});

test('status: the crypt key check is ok, in Vault too', async () => {
  const r = await tasks(['jupyterhub:status', '--json'], fullInstall());
  const { checks } = JSON.parse(r.stdout) as {
    checks: { name: string; level: string; detail: string }[];
  };
  const check = checks.find((c) => c.name === 'jupyterhub-crypt-key');
  assert.ok(check, r.stdout);
  assert.is(check!.level, 'ok', check!.detail);
  assert.match(check!.detail, 'the hub reads it');
  assert.not.match(r.stdout + r.stderr, cryptKey());
});

test.run();
