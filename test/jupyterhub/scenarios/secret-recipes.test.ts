// The two secret recipes run on their own, in the three cluster shapes: no ESO and no Vault
// (plain Secret), no ESO but a Vault release (Secret + Vault KV), ESO present (Vault KV +
// ExternalSecret + synced Secret). Replacing an existing Secret needs --yes (the crypt key
// also --replace).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withNamespace } from '../../fakes/index.js';
import { startScenario, type Scenario } from '../../support/scenario.js';
import {
  isQuery,
  line,
  mark,
  NS,
  readyCondition,
  secretValue,
  stateBytes,
  vaultWrites,
} from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite(
  'jupyterhub scenario: create-crypt-key-secret / create-admin-service-token-secret, ESO absent vs present',
);

const RECIPES = [
  {
    recipe: 'jupyterhub:create-crypt-key-secret',
    name: 'jupyterhub-crypt-key',
    key: 'crypt-key',
    path: 'jupyterhub/config',
    field: 'crypt-key',
    // a key CryptKeeper takes: 32 random bytes, hex
    format: /^[0-9a-f]{64}$/,
  },
  {
    recipe: 'jupyterhub:create-admin-service-token-secret',
    name: 'jupyterhub-admin-service-token',
    key: 'token',
    path: 'jupyterhub/admin-service',
    format: /^[A-Za-z0-9]{48}$/,
    field: 'token',
  },
] as const;

type Shape = 'plain' | 'vault' | 'eso';
const scenarios: Partial<Record<Shape, { sc: Scenario; leaks: LeakWatch }>> = {};

test.before(async () => {
  const [plain, vault, eso] = await Promise.all([
    startScenario(),
    startScenario({ vault: true }),
    startScenario({ eso: true, vault: true }),
  ]);
  for (const [shape, sc] of [
    ['plain', plain],
    ['vault', vault],
    ['eso', eso],
  ] as const) {
    // The namespace exists (install creates it before these recipes run).
    sc.fc.update((s) => withNamespace(s, NS));
    scenarios[shape] = { sc, leaks: watchLeaks(sc) };
  }
});
test.after(async () => void (await Promise.all(Object.values(scenarios).map((s) => s.sc.close()))));

const get = (shape: Shape) => scenarios[shape]!;
const withToken = (sc: Scenario) => ({ VAULT_TOKEN: sc.vault.rootToken });

// The three clusters are independent: each test runs its recipe in all of them at once.
for (const r of RECIPES) {
  test(`${r.recipe}: plain Secret / Secret + Vault KV / Vault KV + ExternalSecret + synced Secret`, async () => {
    const [plain, vault, eso] = (['plain', 'vault', 'eso'] as const).map((shape) => get(shape).sc);
    const m = mark(plain);
    const results = await Promise.all([
      plain.run([r.recipe]),
      vault.run([r.recipe], withToken(vault)),
      eso.run([r.recipe], withToken(eso)),
    ]);
    for (const res of results) assert.is(res.code, 0, res.stderr);

    // No ESO, no Vault: one apply with the value on stdin; Vault never contacted.
    const value = secretValue(plain, r.name, r.key) ?? '';
    assert.match(value, r.format);
    assert.equal(plain.fc.object('Secret', r.name, NS)?.metadata.ownerReferences, undefined);
    const changes = m.since().filter((c) => !isQuery(c));
    assert.equal(changes.map(line), ['kubectl apply -f -']);
    assert.match(changes[0].stdin, value);
    assert.equal(plain.vault.requests(), []);
    assert.is(plain.fc.object('ExternalSecret', r.name, NS), undefined);

    // No ESO, Vault release: the Secret and Vault KV hold the same new value.
    const both = secretValue(vault, r.name, r.key);
    assert.match(both ?? '', r.format);
    assert.equal(vault.vault.kvRead(r.path), { [r.field]: both });
    assert.is(vault.fc.object('ExternalSecret', r.name, NS), undefined);

    // ESO: Vault KV, the ExternalSecret Ready, its Secret synced from Vault and owned by it.
    const stored = eso.vault.kvRead(r.path)?.[r.field];
    assert.match(String(stored), r.format);
    const es = eso.fc.object('ExternalSecret', r.name, NS);
    assert.is(readyCondition(es)?.status, 'True');
    assert.equal(es?.spec.data, [
      { secretKey: r.key, remoteRef: { key: r.path, property: r.field } },
    ]);
    assert.is(secretValue(eso, r.name, r.key), stored);
    assert.is(
      eso.fc.object('Secret', r.name, NS)?.metadata.ownerReferences?.[0]?.kind,
      'ExternalSecret',
    );
  });
}

/** Both recipes once more in one cluster, one after the other. */
async function both(sc: Scenario, extra: string[]) {
  const results = [];
  for (const r of RECIPES) {
    // The crypt key is replaced only when told to (--replace), on top of the confirmation.
    const told = r.key === 'crypt-key' && extra.includes('--yes') ? ['--replace'] : [];
    results.push(await sc.run([r.recipe, ...told, ...extra], withToken(sc)));
  }
  return results;
}

for (const shape of ['plain', 'eso'] as const) {
  test(`${shape}: replacing an existing Secret without --yes (no terminal) → exit 1, nothing changed`, async () => {
    const { sc } = get(shape);
    const state = stateBytes(sc);
    const vaultChanges = vaultWrites(sc).length;
    const m = mark(sc);
    const results = await both(sc, []);
    RECIPES.forEach((r, i) => {
      assert.is(results[i].code, 1, results[i].stderr);
      assert.match(results[i].stderr, `${r.name} was not replaced`);
      assert.match(results[i].stderr, r.key === 'crypt-key' ? '--replace' : '--yes');
    });
    assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
    assert.is(stateBytes(sc), state);
    // Vault is read (a value stored there also needs the confirmation), never written.
    assert.is(vaultWrites(sc).length, vaultChanges, 'Vault not changed');
  });

  test(`${shape}: with --yes the value is replaced (cluster${shape === 'eso' ? ' and Vault' : ''})`, async () => {
    const { sc } = get(shape);
    const old = RECIPES.map((r) => secretValue(sc, r.name, r.key));
    const results = await both(sc, ['--yes']);
    RECIPES.forEach((r, i) => {
      assert.is(results[i].code, 0, results[i].stderr);
      const now = secretValue(sc, r.name, r.key);
      assert.match(now ?? '', r.format);
      assert.is.not(now, old[i]);
      if (shape === 'eso') {
        assert.equal(sc.vault.kvRead(r.path), { [r.field]: now });
        assert.is(sc.vault.kvVersions(r.path), 2);
      }
    });
  });
}

test('no secret in any argv or printed byte (all three clusters)', () => {
  for (const { leaks } of Object.values(scenarios)) leaks.assertClean();
});

test.run();
