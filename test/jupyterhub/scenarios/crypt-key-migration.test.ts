// Issue 14.4: the hub encrypts auth state with our crypt keys. An install made before that
// (a 48-character key CryptKeeper refuses, values without the `crypt-keys` snippet, the
// hub on the chart's own key) is migrated by install: a valid key first, the chart's key
// kept after it, in Vault and the Secret alike, shown by --dry-run without a key value;
// a second install changes nothing, and a key dropped with --drop-old stays dropped.
// rotate-crypt-key refuses keys the hub does not read or would refuse.
import { Buffer } from 'node:buffer';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { isQuery, line, mark, NS, secretValue, stateBytes, vaultWrites } from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite('jupyterhub scenario: the crypt key migrated to one the hub really uses');

type Shape = 'eso' | 'plain';
const worlds = {} as Record<Shape, { sc: Scenario; leaks: LeakWatch }>;
const ENV = { ...ALL_OFF, JUPYTERHUB_NAMESPACE: NS };
const OLD = 'Old0key0of0the0first0releases0ABCDEFGHIJKLMNOPQR';
const HEX64 = /^[0-9a-f]{64}$/;

const b64 = (v: string) => Buffer.from(v).toString('base64');
const key = (sc: Scenario) => secretValue(sc, 'jupyterhub-crypt-key', 'crypt-key') ?? '';
const stored = (sc: Scenario) => String(sc.vault.kvRead('jupyterhub/config')?.['crypt-key']);
const chartKey = (sc: Scenario) => secretValue(sc, 'hub', 'hub.config.CryptKeeper.keys') ?? '';
const deployedSnippet = (sc: Scenario) =>
  parse(secretValue(sc, 'hub', 'values.yaml') ?? '')?.hub?.extraConfig?.['crypt-keys'];
const vars = (sc: Scenario) => ({ ...ENV, VAULT_TOKEN: sc.vault.rootToken });
const run = (shape: Shape, args: string[]) => worlds[shape].sc.run(args, vars(worlds[shape].sc));

/** status's crypt key check: [level, detail, fix]. */
async function cryptCheck(shape: Shape): Promise<[string, string, string | undefined]> {
  const r = await run(shape, ['jupyterhub:status', '--json']);
  type Line = { name: string; level: string; detail: string; fix?: string };
  const { checks } = JSON.parse(r.stdout) as { checks: Line[] };
  const c = checks.find((x) => x.name === 'jupyterhub-crypt-key');
  assert.ok(c, r.stdout + r.stderr);
  return [c!.level, c!.detail, c!.fix];
}

/** The state an install of the earlier releases left: old key, values without the snippet. */
function makeOld(sc: Scenario, value = OLD): void {
  sc.fc.update((s) => {
    for (const o of s.objects) {
      if (o.kind !== 'Secret' || o.metadata.namespace !== NS) continue;
      if (o.metadata.name === 'jupyterhub-crypt-key') o.data = { 'crypt-key': b64(value) };
      if (o.metadata.name === 'hub') {
        const values = parse(Buffer.from(o.data['values.yaml'], 'base64').toString());
        delete values.hub.extraConfig['crypt-keys'];
        o.data['values.yaml'] = b64(stringify(values));
      }
    }
  });
  sc.vault.kvWrite('jupyterhub/config', { 'crypt-key': value });
}

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
    const r = await sc.run(['jupyterhub:install'], vars(sc));
    assert.is(r.code, 0, r.stderr);
  }
});
test.after(async () => void (await Promise.all(Object.values(worlds).map((w) => w.sc.close()))));

for (const shape of ['eso', 'plain'] as const) {
  test(`${shape}: a new install: one valid key, the hub set to read it, the chart's key not used`, () => {
    const { sc } = worlds[shape];
    assert.match(key(sc), HEX64);
    assert.is(stored(sc), key(sc));
    assert.match(chartKey(sc), HEX64);
    assert.not.equal(chartKey(sc), key(sc));
    assert.match(deployedSnippet(sc), 'c.CryptKeeper.keys = [');
  });

  test(`${shape}: status: ok when the hub reads valid keys; fail for a refused key, warn while the hub reads the chart's`, async () => {
    const { sc } = worlds[shape];
    const [level, detail] = await cryptCheck(shape);
    assert.is(level, 'ok', detail);
    assert.match(detail, '1 valid key(s); the hub reads it (extraConfig crypt-keys)');
    makeOld(sc);
    const [l2, d2, f2] = await cryptCheck(shape);
    assert.equal([l2, d2.split(':')[0]], ['fail', 'key 1 of 1 (48 characters)']);
    assert.match(f2 ?? '', 'npx tasks jupyterhub:install');
    makeOld(sc, 'f'.repeat(64));
    const [l3, d3, f3] = await cryptCheck(shape);
    assert.is(l3, 'warn');
    assert.match(d3, "the deployed hub encrypts auth state with the chart's own key");
    assert.match(f3 ?? '', 'npx tasks jupyterhub:install');
  });

  test(`${shape}: rotate-crypt-key on an old install: refused before any change, naming install`, async () => {
    const { sc } = worlds[shape];
    makeOld(sc);
    let state = stateBytes(sc);
    const writes = vaultWrites(sc).length;
    const refused = await run(shape, ['jupyterhub:rotate-crypt-key']);
    assert.is(refused.code, 1);
    assert.match(refused.stderr, 'key 1 of 1 (48 characters)');
    assert.match(refused.stderr, 'npx tasks jupyterhub:install');
    assert.is(stateBytes(sc), state);
    // a valid key the hub does not read yet: refused too
    makeOld(sc, 'f'.repeat(64));
    state = stateBytes(sc);
    const unused = await run(shape, ['jupyterhub:rotate-crypt-key']);
    assert.is(unused.code, 1);
    assert.match(unused.stderr, 'the deployed hub does not read jupyterhub-crypt-key');
    assert.is(stateBytes(sc), state);
    assert.is(vaultWrites(sc).length, writes, 'rotate wrote nothing to Vault');
    makeOld(sc);
  });

  test(`${shape}: install --dry-run shows the migration, writes nothing, prints no key`, async () => {
    const { sc } = worlds[shape];
    const state = stateBytes(sc);
    const writes = vaultWrites(sc).length;
    const r = await run(shape, ['jupyterhub:install', '--dry-run']);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, 'crypt key: key 1 of 1 (48 characters) dropped');
    assert.match(r.stdout, "the chart's own key (Secret hub)");
    assert.match(r.stdout, 'JUPYTERHUB_CRYPT_KEY');
    assert.is(stateBytes(sc), state);
    assert.is(vaultWrites(sc).length, writes);
    assert.not.match(r.stdout + r.stderr, OLD);
    assert.not.match(r.stdout + r.stderr, chartKey(sc));
  });

  test(`${shape}: install migrates: a valid key first, the chart's after it, Vault and Secret alike`, async () => {
    const { sc, leaks } = worlds[shape];
    const chart = chartKey(sc);
    const versions = sc.vault.kvVersions('jupyterhub/config');
    const m = mark(sc);
    const r = await run(shape, ['jupyterhub:install']);
    assert.is(r.code, 0, r.stderr);
    const keys = key(sc).split(';');
    leaks.add(...keys);
    assert.is(keys.length, 2);
    assert.match(keys[0]!, HEX64);
    assert.is(keys[1], chart);
    assert.is(stored(sc), key(sc));
    assert.is(sc.vault.kvVersions('jupyterhub/config'), versions + 1);
    assert.ok(deployedSnippet(sc), 'the upgrade deployed the snippet');
    assert.is(chartKey(sc), chart, "the chart's own key stays as it was");
    assert.match(r.stderr, 'Crypt key: key 1 of 1 (48 characters) dropped');
    // the upgrade itself replaces the hub pod (the chart's Secret changed): no extra restart
    assert.not.ok(m.since().some((c) => line(c).includes('rollout restart')));
    assert.is((await cryptCheck(shape))[0], 'ok');
  });

  test(`${shape}: a second install changes no key; after --drop-old the chart's key stays out`, async () => {
    const { sc } = worlds[shape];
    const before = [key(sc), sc.vault.kvVersions('jupyterhub/config')];
    const again = await run(shape, ['jupyterhub:install']);
    assert.is(again.code, 0, again.stderr);
    assert.equal([key(sc), sc.vault.kvVersions('jupyterhub/config')], before);
    assert.not.match(again.stderr, 'Crypt key:');

    const first = key(sc).split(';')[0]!;
    const drop = await run(shape, ['jupyterhub:rotate-crypt-key', '--drop-old', '--yes']);
    assert.is(drop.code, 0, drop.stderr);
    assert.is(key(sc), first);
    const third = await run(shape, ['jupyterhub:install']);
    assert.is(third.code, 0, third.stderr);
    assert.is(key(sc), first);
    assert.is(stored(sc), first);
  });

  test(`${shape}: the hub already reads our keys but one is refused: dropped, and the hub restarted`, async () => {
    const { sc } = worlds[shape];
    const good = key(sc);
    sc.fc.update((s) => {
      const o = s.objects.find(
        (x) => x.kind === 'Secret' && x.metadata.name === 'jupyterhub-crypt-key',
      )!;
      o.data = { 'crypt-key': b64(`${OLD};${good}`) };
    });
    sc.vault.kvWrite('jupyterhub/config', { 'crypt-key': `${OLD};${good}` });
    const m = mark(sc);
    const r = await run(shape, ['jupyterhub:install']);
    assert.is(r.code, 0, r.stderr);
    assert.is(key(sc), good);
    assert.is(stored(sc), good);
    const changes = m
      .since()
      .filter((c) => !isQuery(c))
      .map(line);
    assert.ok(
      changes.includes(`kubectl rollout restart deployment/hub -n ${NS}`),
      changes.join('\n'),
    );
  });
}

test('no key value in any argv or printed byte', () => {
  for (const { sc, leaks } of Object.values(worlds)) {
    leaks.add(OLD);
    assert.ok(sc.printed().length > 0);
    leaks.assertClean();
  }
});

test.run();
