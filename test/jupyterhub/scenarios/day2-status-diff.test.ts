// status and diff against the fakes and test servers: all ok and no change after install;
// one thing broken at a time (an ExternalSecret gone, the admin token expired on Vault's
// moved clock, a wrong redirect URI) is a fail with its fix and exit 1; and neither recipe
// changes anything anywhere (state bytes, Vault and Keycloak writes, kubectl verbs).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_ON, startScenario, type Scenario } from '../../support/scenario.js';
import { CALLBACK, keycloakWrites, line, mark, NS, stateBytes, vaultWrites } from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';
import { run as runFake } from '../../fakes/testkit.js';

const test = suite('jupyterhub scenario: status and diff');

let sc: Scenario;
let leaks: LeakWatch;
let vars: Record<string, string>;
const RENEWED = '2026-01-02T03:04:05Z';

interface Check {
  name: string;
  level: string;
  detail: string;
  fix?: string;
}
const status = async (over: Record<string, string> = {}) => {
  const r = await sc.run(['jupyterhub:status', '--json'], { ...vars, ...over });
  return {
    code: r.code,
    stderr: r.stderr,
    ...(JSON.parse(r.stdout) as { ok: boolean; checks: Check[] }),
  };
};
const notOk = (checks: Check[]) => checks.filter((c) => c.level !== 'ok');

test.before(async () => {
  sc = await startScenario({ eso: true, vault: true, prometheus: true, nvidia: true });
  leaks = watchLeaks(sc);
  const r = await sc.run(['jupyterhub:install', sc.vault.rootToken], ALL_ON);
  assert.is(r.code, 0, r.stderr);
  vars = { ...ALL_ON, VAULT_TOKEN: sc.vault.rootToken };
  sc.fc.update((s) => {
    s.simulations.logs = {
      [`${NS}/deployment/hub/vault-token-renewer`]: [
        '2026-01-02T01:00:00Z [vault-token-renewer] Starting (VAULT_ADDR=https://vault.example.com)',
        '2026-01-02T01:00:01Z [vault-token-renewer] Token renewed',
        `${RENEWED} [vault-token-renewer] Token renewed`,
      ].join('\n'),
    };
  });
});
test.after(() => sc.close());

test('after install: every check ok, exit 0, the last renewal read from the renewer log', async () => {
  const s = await status();
  assert.is(s.code, 0, s.stderr);
  assert.is(s.ok, true);
  assert.equal(notOk(s.checks), []);
  const token = s.checks.find((c) => c.name === 'hub vault admin token');
  // The test server's clock stands still: exactly the TTL install asked for is left.
  assert.is(token?.detail, `ttl 24h left, renewable, last renewal ${RENEWED}`);
  assert.ok(s.checks.some((c) => c.name === 'keycloak redirect URI' && c.detail === CALLBACK));
});

test('status and diff change nothing: state bytes, Vault, Keycloak; only reading commands', async () => {
  const before = stateBytes(sc);
  const vw = vaultWrites(sc).length;
  const kw = keycloakWrites(sc).length;
  const m = mark(sc);
  assert.is((await sc.run(['jupyterhub:status'], vars)).code, 0);
  const d = await sc.run(['jupyterhub:diff'], vars);
  assert.is(d.code, 0, d.stderr);
  assert.is(stateBytes(sc), before);
  assert.is(vaultWrites(sc).length, vw);
  assert.is(keycloakWrites(sc).length, kw);
  const verbs = new Set(m.since().map((c) => `${c.tool} ${c.argv[0]}`));
  assert.equal([...verbs].sort(), ['helm get', 'helm list', 'kubectl get', 'kubectl logs']);
});

test('diff right after install: values unchanged, every object unchanged', async () => {
  const r = await sc.run(['jupyterhub:diff', '--json'], vars);
  assert.is(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.is(d.changed, false, r.stdout);
  assert.equal(d.release.changes, []);
  assert.equal(
    d.objects.filter((o: { action: string }) => o.action !== 'unchanged'),
    [],
  );
  const plain = await sc.run(['jupyterhub:diff'], vars);
  assert.match(plain.stdout, /^Helm release jupyterhub: values unchanged\n\n/);
});

test('diff after one variable changes: exactly that key, and the unified diff of it', async () => {
  const r = await sc.run(['jupyterhub:diff', '--json'], { ...vars, JUPYTERHUB_GPU_LIMIT: '3' });
  const d = JSON.parse(r.stdout);
  assert.is(d.changed, true);
  assert.equal(d.release.changes, [
    { path: 'singleuser.extraResource.limits["nvidia.com/gpu"]', kind: 'changed' },
  ]);
  assert.equal(
    d.release.diff.split('\n').filter((l: string) => /^[-+][^-+]/.test(l)),
    ['-      nvidia.com/gpu: "2"', '+      nvidia.com/gpu: "3"'],
  );
  const s = await status({ JUPYTERHUB_GPU_LIMIT: '3' });
  const drift = s.checks.find((c) => c.name === 'values drift');
  assert.is(drift?.level, 'warn');
  assert.is(s.code, 0, 'a warning alone is exit 0');
});

test('an ExternalSecret gone: fail naming it, with the fix; exit 1', async () => {
  const saved = sc.fc.object('ExternalSecret', 'jupyterhub-crypt-key', NS)!;
  sc.fc.update((s) => {
    s.objects = s.objects.filter(
      (o) =>
        o !== undefined &&
        !(o.kind === 'ExternalSecret' && o.metadata.name === 'jupyterhub-crypt-key'),
    );
  });
  const s = await status();
  assert.is(s.code, 1);
  assert.equal(notOk(s.checks), [
    {
      name: 'externalsecret jupyterhub-crypt-key',
      level: 'fail',
      detail: `missing in ${NS}`,
      fix: `kubectl delete secret jupyterhub-crypt-key -n ${NS} --ignore-not-found; npx tasks jupyterhub:install`,
    },
  ]);
  const plain = await sc.run(['jupyterhub:status'], vars);
  assert.is(plain.code, 1);
  assert.match(
    plain.stdout,
    /\nfail  externalsecret jupyterhub-crypt-key +missing in datastack\n +fix: kubectl delete secret/,
  );
  assert.match(plain.stdout, /\n\d+ ok, 0 warn, 1 fail\n?$/);
  sc.fc.update((s) => void s.objects.push(saved));
});

test('a wrong redirect URI: fail with update-client; running it makes status ok', async () => {
  const wrong = await sc.run(
    ['keycloak:update-client', 'buunstack', 'jupyterhub', 'https://old.example.com/cb'],
    vars,
  );
  assert.is(wrong.code, 0, wrong.stderr);
  const s = await status();
  assert.is(s.code, 1);
  const bad = notOk(s.checks);
  assert.equal(
    bad.map((c) => c.name),
    ['keycloak redirect URI'],
  );
  assert.is(bad[0]!.fix, `npx tasks keycloak:update-client buunstack jupyterhub ${CALLBACK}`);
  const fix = await sc.run(bad[0]!.fix!.split(' ').slice(2), vars);
  assert.is(fix.code, 0, fix.stderr);
  assert.equal(notOk((await status()).checks), []);
});

test('the admin token expired on a moved clock: fail with install as the fix, which replaces it', async () => {
  sc.vault.clock.advance(25 * 3600);
  const s = await status();
  assert.is(s.code, 1);
  const bad = notOk(s.checks);
  assert.equal(
    bad.map((c) => [c.name, c.detail]),
    [['hub vault admin token', 'not valid in Vault (expired or revoked)']],
  );
  assert.match(bad[0]!.fix!, /^npx tasks jupyterhub:install {2}\(/);
  const fix = await sc.run(['jupyterhub:install', sc.vault.rootToken], ALL_ON);
  assert.is(fix.code, 0, fix.stderr);
  assert.equal(notOk((await status()).checks), []);
});

test('an admin token near its max TTL: warn; the three-step fix gives the hub a new one', async () => {
  // A token whose explicit max TTL (30h) is less than two of its TTLs (24h) away.
  const near = sc.vault.createToken({
    policies: ['jupyterhub-admin'],
    ttl: '24h',
    explicitMaxTtl: '30h',
    renewable: true,
    orphan: true,
  });
  leaks.add(near);
  sc.vault.kvWrite('jupyterhub/vault-token', { token: near });
  sc.fc.update((s) => {
    const secret = s.objects.find(
      (o) => o.kind === 'Secret' && o.metadata.name === 'jupyterhub-vault-token',
    )!;
    secret.data = { token: Buffer.from(near).toString('base64') };
  });
  const s = await status();
  assert.is(s.code, 0, 'a warning is exit 0');
  const bad = notOk(s.checks);
  assert.equal(
    bad.map((c) => [c.name, c.level]),
    [['hub vault admin token', 'warn']],
  );
  assert.match(bad[0]!.detail, /reaches its max TTL in 30h, after which it cannot be renewed$/);
  assert.is(
    bad[0]!.fix,
    `npx tasks jupyterhub:create-jupyterhub-vault-token; kubectl delete secret jupyterhub-vault-token -n ${NS}; npx tasks jupyterhub:install`,
  );
  for (const command of bad[0]!.fix!.split('; ')) {
    const words = command.split(' ');
    if (words[0] === 'kubectl') {
      const r = await runFake(sc.fc, words);
      assert.is(r.code, 0, `${command}: ${r.stderr}`);
    } else {
      const r = await sc.run(words.slice(2), { ...vars, VAULT_TOKEN: sc.vault.rootToken });
      assert.is(r.code, 0, `${command}: ${r.stderr}`);
    }
  }
  const after = await status();
  assert.equal(notOk(after.checks), []);
  assert.is(sc.vault.token(near)?.revoked, true, 'the old token is revoked');
});

test('an admin token not renewed for 13 hours: warn that renewals are not happening', async () => {
  sc.vault.clock.advance(13 * 3600);
  const s = await status();
  const bad = notOk(s.checks);
  assert.equal(
    bad.map((c) => [c.name, c.level]),
    [['hub vault admin token', 'warn']],
  );
  assert.match(bad[0]!.detail, /^ttl 11h left, .*; not renewed on schedule \(every 12h\)$/);
  assert.is(
    bad[0]!.fix,
    `kubectl logs -n ${NS} deployment/hub -c vault-token-renewer; kubectl rollout restart deployment/hub -n ${NS}`,
  );
});

test('no secret in any argv or printed byte', () => {
  leaks.assertClean();
});

test.run();
