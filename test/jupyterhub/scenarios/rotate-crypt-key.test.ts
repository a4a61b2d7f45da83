// jupyterhub:rotate-crypt-key in the two shapes that hold the key: External Secrets (Vault is
// the source, the Secret synced from it) and a plain Secret with a copy in Vault. A new key
// goes first and the old ones stay after it (`;`), the hub is restarted and awaited;
// --drop-old keeps only the first key, asked first. No key value is ever printed.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { isQuery, line, mark, NS, secretValue, stateBytes, vaultWrites } from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite('jupyterhub:rotate-crypt-key (External Secrets / plain Secret + Vault)');

type Shape = 'eso' | 'plain';
const worlds = {} as Record<Shape, { sc: Scenario; leaks: LeakWatch }>;
const ENV = { ...ALL_OFF, JUPYTERHUB_NAMESPACE: NS };

test.before(async () => {
  const [eso, plain] = await Promise.all([
    startScenario({ eso: true, vault: true }),
    startScenario({ vault: true }),
  ]);
  for (const [shape, sc] of [
    ['eso', eso],
    ['plain', plain],
  ] as const) {
    worlds[shape] = { sc, leaks: watchLeaks(sc) };
    const r = await sc.run(['jupyterhub:install'], { ...ENV, VAULT_TOKEN: sc.vault.rootToken });
    assert.is(r.code, 0, r.stderr);
  }
});
test.after(async () => void (await Promise.all(Object.values(worlds).map((w) => w.sc.close()))));

const key = (sc: Scenario) => secretValue(sc, 'jupyterhub-crypt-key', 'crypt-key') ?? '';
const stored = (sc: Scenario) => String(sc.vault.kvRead('jupyterhub/config')?.['crypt-key']);
const run = (shape: Shape, args: string[]) =>
  worlds[shape].sc.run(['jupyterhub:rotate-crypt-key', ...args], {
    ...ENV,
    VAULT_TOKEN: worlds[shape].sc.vault.rootToken,
  });

for (const shape of ['eso', 'plain'] as const) {
  test(`${shape}: a new key first, the old one after it, in the Secret and in Vault; the hub restarted`, async () => {
    const { sc, leaks } = worlds[shape];
    const old = key(sc);
    assert.match(old, /^[0-9a-f]{64}$/, 'install made a key CryptKeeper takes');
    const m = mark(sc);
    const r = await run(shape, []);
    assert.is(r.code, 0, r.stderr);
    const keys = key(sc).split(';');
    leaks.add(...keys);
    assert.is(keys.length, 2);
    assert.match(keys[0], /^[0-9a-f]{64}$/, 'a key CryptKeeper takes: 32 bytes, hex');
    assert.is(keys[1], old);
    assert.is(stored(sc), keys.join(';'));
    const changes = m
      .since()
      .filter((c) => !isQuery(c))
      .map(line);
    assert.equal(changes.slice(-2), [
      `kubectl rollout restart deployment/hub -n ${NS}`,
      `kubectl rollout status deployment/hub -n ${NS} --timeout=600s`,
    ]);
    const hub = sc.fc.object('Deployment', 'hub', NS);
    assert.ok(hub?.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']);
    assert.ok(hub?.status.readyReplicas, 'awaited until ready');
  });

  test(`${shape}: a second rotation keeps both older keys; --drop-old asks, then keeps the first only`, async () => {
    const { sc, leaks } = worlds[shape];
    const before = key(sc).split(';');
    assert.is((await run(shape, [])).code, 0);
    const three = key(sc).split(';');
    leaks.add(...three);
    assert.equal(three.slice(1), before);

    const state = stateBytes(sc);
    const writes = vaultWrites(sc).length;
    const m = mark(sc);
    const refused = await run(shape, ['--drop-old']);
    assert.is(refused.code, 1);
    assert.match(refused.stderr, 'drops 2 old crypt key(s)');
    assert.match(refused.stderr, 'pass --yes');
    assert.ok(m.since().every(isQuery), m.since().map(line).join('\n'));
    assert.is(stateBytes(sc), state);
    assert.is(vaultWrites(sc).length, writes);

    const dropped = await run(shape, ['--drop-old', '--yes']);
    assert.is(dropped.code, 0, dropped.stderr);
    assert.is(key(sc), three[0]);
    assert.is(stored(sc), three[0]);

    const again = await run(shape, ['--drop-old']);
    assert.is(again.code, 0, again.stderr);
    assert.match(again.stderr, 'holds one key only: nothing to drop');
  });

  test(`${shape}: --dry-run plans the rotation and the restart, changes nothing`, async () => {
    const { sc } = worlds[shape];
    const state = stateBytes(sc);
    const writes = vaultWrites(sc).length;
    const r = await run(shape, ['--dry-run']);
    assert.is(r.code, 0, r.stderr);
    // The plan is the dry run's result: on stdout.
    const plan = r.stdout;
    assert.match(plan, `kubectl rollout restart deployment/hub -n ${NS}`);
    if (shape === 'eso') assert.match(plan, 'vault write secret/data/jupyterhub/config -');
    assert.is(stateBytes(sc), state);
    assert.is(vaultWrites(sc).length, writes);
  });
}

test('no key at all: exit 1 naming where it looked, nothing changed', async () => {
  const sc = await startScenario();
  try {
    const r = await sc.run(['jupyterhub:rotate-crypt-key'], ENV);
    assert.is(r.code, 1);
    assert.match(r.stderr, 'no crypt key to rotate');
    assert.match(r.stderr, `Secret jupyterhub-crypt-key in ${NS}`);
    assert.ok(sc.fc.calls().every(isQuery), sc.fc.calls().map(line).join('\n'));
  } finally {
    await sc.close();
  }
});

test('no key value in any argv or printed byte', () => {
  for (const { leaks } of Object.values(worlds)) leaks.assertClean();
});

test.run();
