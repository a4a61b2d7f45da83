import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startVaultServer, type VaultTestServer } from './index.js';
import { Acl } from './acl.js';
import { parsePolicy } from './policy.js';
import { call, tokenWith } from './test-helpers.js';

const test = suite<{ server: VaultTestServer }>(
  'vault ACL rules',
  {} as { server: VaultTestServer },
);

test.before.each(async (ctx) => {
  ctx.server = await startVaultServer();
});
test.after.each(async (ctx) => {
  await ctx.server.close();
});

const allowed = (rules: string, path: string, op: 'read' | 'list' | 'update' | 'create' = 'read') =>
  new Acl([parsePolicy(rules)]).allowOperation(path, op, {}).allowed;

test('"+" matches exactly one segment', async ({ server }) => {
  const rules = 'path "secret/data/+/config" { capabilities = ["read"] }';
  assert.ok(allowed(rules, 'secret/data/team1/config'));
  assert.not.ok(allowed(rules, 'secret/data/team1/x/config'));
  assert.not.ok(allowed(rules, 'secret/data/config'));
  assert.not.ok(allowed(rules, 'secret/data/team1/configs'));
  assert.ok(allowed('path "secret/+/team/*" { capabilities = ["read"] }', 'secret/data/team/a/b'));
  server.kvWrite('team1/config', { k: 'v' });
  server.kvWrite('team1/x/config', { k: 'v' });
  const token = await tokenWith(server, { plus: rules });
  assert.is((await call(server, 'GET', 'secret/data/team1/config', { token })).status, 200);
  assert.is((await call(server, 'GET', 'secret/data/team1/x/config', { token })).status, 403);
});

test('Vault priority rules pick the most specific matching rule', () => {
  const rules = `
    path "secret/*"          { capabilities = ["deny"] }
    path "secret/data/*"     { capabilities = ["read"] }
    path "secret/data/+/x"   { capabilities = ["update"] }
    path "secret/data/a/x*"  { capabilities = ["list"] }
    path "secret/+/+/y"      { capabilities = ["create"] }
    path "secret/data/+/y"   { capabilities = ["delete"] }
  `;
  const acl = new Acl([parsePolicy(rules)]);
  // longest prefix wins among "*" rules
  assert.equal(acl.capabilities('secret/data/zzz'), ['read']);
  assert.equal(acl.capabilities('secret/other'), ['deny']);
  // rule 1: a later first wildcard wins (secret/data/a/x* beats secret/data/+/x)
  assert.equal(acl.capabilities('secret/data/a/x'), ['list']);
  // rule 2: not ending in "*" beats "*" at the same position (secret/data/+/x vs secret/data/*)
  assert.equal(acl.capabilities('secret/data/b/x'), ['update']);
  // rule 1 again: secret/data/+/y beats secret/+/+/y; rule 2: secret/+/+/y beats secret/*
  assert.equal(acl.capabilities('secret/data/b/y'), ['delete']);
  assert.equal(acl.capabilities('secret/kv/b/y'), ['create']);
  // rule 3: fewer "+" segments win; rule 4: the longer pattern wins
  const more = new Acl([
    parsePolicy(`
      path "secret/+/+/z" { capabilities = ["read"] }
      path "secret/+/b/z" { capabilities = ["patch"] }
      path "secret/+/bar/b*" { capabilities = ["read"] }
      path "secret/+/bar/ba*" { capabilities = ["update"] }
    `),
  ]);
  assert.equal(more.capabilities('secret/a/b/z'), ['patch']);
  assert.equal(more.capabilities('secret/a/c/z'), ['read']);
  assert.equal(more.capabilities('secret/x/bar/baz'), ['update']);
  assert.equal(more.capabilities('secret/x/bar/bz'), ['read']);
  // exact rules beat everything
  const exact = new Acl([
    parsePolicy('path "secret/data/a/x" { capabilities = ["sudo"] }\n' + rules),
  ]);
  assert.equal(exact.capabilities('secret/data/a/x'), ['sudo']);
});

test('policy parsing: comments, old-style policy, JSON, and errors Vault reports', async ({
  server,
}) => {
  const hcl = `
    # hash comment
    // slash comment
    /* block
       comment */
    path "/secret/data/old/*" { policy = "read" }
    path "secret/data/trailing-comma" {
      capabilities = ["read",]
    }
  `;
  const acl = new Acl([parsePolicy(hcl)]);
  assert.ok(acl.allowOperation('secret/data/old/x', 'list', {}).allowed);
  assert.not.ok(acl.allowOperation('secret/data/old/x', 'update', {}).allowed);
  assert.ok(acl.allowOperation('secret/data/trailing-comma', 'read', {}).allowed);
  const json = JSON.stringify({ path: { 'secret/data/j/*': { capabilities: ['read'] } } });
  assert.ok(allowed(json, 'secret/data/j/1'));

  const put = (policy: string) => call(server, 'PUT', 'sys/policies/acl/bad', { body: { policy } });
  const badCap = await put('path "secret/*" { capabilities = ["reed"] }');
  assert.is(badCap.status, 400);
  assert.match(
    badCap.body.errors[0],
    /^failed to parse policy: path "secret\/\*": invalid capability "reed"/,
  );
  const badKey = await put('path "secret/*" { capabilites = ["read"] }');
  assert.is(badKey.status, 400);
  assert.match(badKey.body.errors[0], /invalid key "capabilites"/);
  assert.is((await put('path "secret/*" { capabilities = ["read"]')).status, 400);
  assert.is((await put('path "secret/+*" { capabilities = ["read"] }')).status, 400);
  assert.is((await put('')).status, 400);
  assert.is(server.policy('bad'), undefined);
});

test('allowed, denied and required parameters restrict writes', () => {
  const acl = new Acl([
    parsePolicy(`
      path "auth/token/create" {
        capabilities = ["update"]
        allowed_parameters = { "policies" = [] "ttl" = ["1h", "2h"] }
        denied_parameters = { "no_parent" = [] }
        required_parameters = ["ttl"]
      }
    `),
  ]);
  const ok = (data: Record<string, unknown>) =>
    acl.allowOperation('auth/token/create', 'update', data).allowed;
  assert.ok(ok({ policies: ['a'], ttl: '1h' }));
  assert.not.ok(ok({ policies: ['a'] })); // ttl required
  assert.not.ok(ok({ ttl: '3h' }));
  assert.not.ok(ok({ ttl: '1h', no_parent: true }));
  assert.not.ok(ok({ ttl: '1h', meta: {} }));
});

test.run();
