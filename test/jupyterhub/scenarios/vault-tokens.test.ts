// jupyterhub:list-vault-tokens against the Vault test server: the users' tokens (policy
// jupyter-user-<name>) found by accessor, with their TTLs, as a table or --json; other
// tokens (root, the hub's admin token) left out; no token value ever printed. A token
// without sudo on auth/token/accessors is refused by Vault: exit 1 with its message.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startScenario, type Scenario } from '../../support/scenario.js';

const test = suite('jupyterhub:list-vault-tokens (Vault test server)');

let sc: Scenario;
const minted: Record<string, string> = {};

test.before(async () => {
  sc = await startScenario({ vault: true });
  for (const [user, ttl] of [
    ['alice', '24h'],
    ['bob', '1h'],
  ] as const)
    minted[user] = sc.vault.createToken({
      policies: [`jupyter-user-${user}`],
      ttl,
      explicitMaxTtl: '168h',
      renewable: true,
      orphan: true,
      displayName: `notebook-${user}`,
    });
  minted.admin = sc.vault.createToken({
    policies: ['jupyterhub-admin'],
    ttl: '720h',
    renewable: true,
    orphan: true,
    displayName: 'jupyterhub-admin',
  });
});
test.after(() => sc.close());

const accessorOf = (token: string) => sc.vault.token(token)!.accessor;

test('--json: one entry per user token with accessor, policies, TTLs; admin and root left out', async () => {
  const r = await sc.run(['jupyterhub:list-vault-tokens', '--json'], {
    VAULT_TOKEN: sc.vault.rootToken,
  });
  assert.is(r.code, 0, r.stderr);
  const listed = JSON.parse(r.stdout) as any[];
  assert.equal(
    listed.map((t) => [t.user, t.accessor, t.policies, t.ttl, t.explicit_max_ttl, t.renewable]),
    [
      ['alice', accessorOf(minted.alice), ['default', 'jupyter-user-alice'], 86_400, 604_800, true],
      ['bob', accessorOf(minted.bob), ['default', 'jupyter-user-bob'], 3_600, 604_800, true],
    ],
  );
  for (const t of listed) assert.type(t.expires, 'string');
});

test('table: a header and one line per user token; after a clock move the TTL left shrinks', async () => {
  sc.vault.clock.advance(1800);
  const r = await sc.run(['jupyterhub:list-vault-tokens'], { VAULT_TOKEN: sc.vault.rootToken });
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^USER\s+ACCESSOR\s+TTL\s+EXPIRES\s+MAX TTL\s+RENEWABLE\s+ISSUED$/);
  assert.is(lines.length, 3);
  assert.match(lines[1], new RegExp(`^alice\\s+${accessorOf(minted.alice)}\\s+23h30m\\s`));
  assert.match(
    lines[2],
    new RegExp(`^bob\\s+${accessorOf(minted.bob)}\\s+30m\\s.*\\s168h\\s+yes\\s`),
  );
});

test('no token value is printed, and none reaches a command line', () => {
  for (const token of [...Object.values(minted), sc.vault.rootToken])
    assert.not.ok(sc.printed().includes(token), 'a token was printed');
  for (const c of sc.fc.calls()) assert.not.match(c.argv.join(' '), minted.alice);
});

test("a token that may not list accessors (the hub's admin token): exit 1 with Vault's refusal", async () => {
  const r = await sc.run(['jupyterhub:list-vault-tokens'], { VAULT_TOKEN: minted.admin });
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.match(r.stderr, 'permission denied');
});

test.run();
