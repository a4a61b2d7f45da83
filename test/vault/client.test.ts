import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { connectVault } from '../../tasks/vault/client.js';
import { testContext } from '../support/context.js';
import { closedPort } from '../support/ports.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// VaultApi: --dry-run sends no write and plans every one (paths and field names, never
// values); nothing a run prints, nor the fakes' call log, holds a token or a written value.
const test = suite('vault client: dry-run plans and redaction');
let sc: Scenario;
let root: Record<string, string>;
test.before(async () => {
  sc = await startScenario();
  root = { VAULT_TOKEN: sc.vault.rootToken };
  writeFileSync(
    join(sc.dir, 'dry.hcl'),
    'path "secret/data/dry/*" {\n  capabilities = ["read"]\n}\n',
  );
});
test.after(() => sc.close());

const writesSince = (n: number) =>
  sc.vault
    .requests()
    .slice(n)
    .filter((e) => e.method !== 'GET' && e.method !== 'LIST');

test('--dry-run: every write recipe plans its write and nothing reaches the server', async () => {
  sc.vault.kvWrite('dry/kept', { password: 'original-value' });
  const before = sc.vault.requests().length;
  // [args, warnings on stderr, the plan's steps on stdout]
  const cases: Array<[string[], string, string]> = [
    [
      ['vault:put', 'dry/new', 'user=dry-user-value', 'password=dry-pass-value'],
      '! user, password came from the command line, where `ps` shows them to every user of this machine: give - instead and the value on stdin (vault:put)\n',
      '# write secret/dry/new (fields: user, password)\n' +
        'vault write secret/data/dry/new - <<EOF\n' +
        '{\n  "data": {\n    "user": "${ARG_USER:?set ARG_USER}",\n    "password": "${ARG_PASSWORD:?set ARG_PASSWORD}"\n  }\n}\nEOF\n',
    ],
    [
      ['vault:put-root', 'dry/kept', 'password=dry-root-value'],
      '! password came from the command line, where `ps` shows it to every user of this machine: give - instead and the value on stdin (vault:put-root)\n',
      '# write secret/dry/kept (fields: password)\n' +
        'vault write secret/data/dry/kept - <<EOF\n' +
        '{\n  "data": {\n    "password": "${ARG_PASSWORD:?set ARG_PASSWORD}"\n  }\n}\nEOF\n',
    ],
    [
      ['vault:delete', 'dry/kept'],
      '',
      '# delete secret/dry/kept (latest version)\nvault delete secret/data/dry/kept\n',
    ],
    [
      ['vault:delete-root', 'dry/kept'],
      '',
      '# delete secret/dry/kept (latest version)\nvault delete secret/data/dry/kept\n',
    ],
    [
      ['vault:write', 'auth/kubernetes/role/dry', 'policies=dry', 'token=dry-role-secret'],
      '',
      '# write auth/kubernetes/role/dry (fields: policies, token)\n' +
        'vault write auth/kubernetes/role/dry - <<EOF\n' +
        '{\n  "policies": "dry",\n  "token": "${ARG_TOKEN:?set ARG_TOKEN}"\n}\nEOF\n',
    ],
    [
      ['vault:write-policy', 'dry', 'dry.hcl'],
      '',
      "# write policy dry\nvault write sys/policies/acl/dry - <<'EOF'\n" +
        '{\n  "policy": "path \\"secret/data/dry/*\\" {\\n  capabilities = [\\"read\\"]\\n}\\n"\n}\nEOF\n',
    ],
  ];
  const runs = await Promise.all(cases.map(([args]) => sc.run([...args, '--dry-run'], root)));
  runs.forEach((r, i) => {
    const [args, warnings, steps] = cases[i]!;
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stderr, warnings, args.join(' '));
    assert.match(r.stdout, /^#!\/usr\/bin\/env bash\n/);
    assert.ok(r.stdout.endsWith(`\n\n${steps}`), `${args.join(' ')}:\n${r.stdout}`);
    for (const value of [
      'dry-user-value',
      'dry-pass-value',
      'dry-root-value',
      'dry-role-secret',
      sc.vault.rootToken,
    ]) {
      assert.not.ok(
        r.stderr.includes(value) || r.stdout.includes(value),
        `${value} printed by ${args[0]}`,
      );
    }
  });
  assert.equal(sc.vault.requests().slice(before), [], 'not even a read was needed');
  assert.equal(sc.vault.kvRead('dry/kept'), { password: 'original-value' });
  assert.is(sc.vault.kvRead('dry/new'), undefined);
  assert.is(sc.vault.policy('dry'), undefined);
  assert.is(sc.vault.kubernetesRole('dry'), undefined);
});

test('--dry-run in process: token, policy and destroy plans; reads still run', async () => {
  sc.vault.kvWrite('dry/read', { a: 'read-in-dry-run' });
  const { ctx, err } = testContext({ dryRun: true, env: { VAULT_ADDR: sc.vault.url, ...root } });
  const vault = await connectVault(ctx);
  const before = sc.vault.requests().length;
  assert.equal(await vault.kvGet('dry/read'), { a: 'read-in-dry-run' });
  assert.equal(await vault.kvList('dry'), ['kept', 'read']);
  const token = await vault.createToken({
    policies: ['a', 'b'],
    ttl: '24h',
    explicitMaxTtl: '168h',
    displayName: 'hub',
    renewable: true,
    orphan: true,
  });
  assert.is(token, undefined);
  await vault.kvDestroy('dry/read');
  await vault.deletePolicy('dry');
  await vault.revokeToken('some-token-value', '(the old hub token)');
  await vault.deletePath('auth/kubernetes/role/dry');
  assert.is(err(), '');
  const plan = ctx.plan.render();
  assert.ok(
    plan.endsWith(
      [
        '# create token "hub" (policies: a, b, ttl 24h)',
        "vault write auth/token/create-orphan - <<'EOF'",
        '{\n  "policies": [\n    "a",\n    "b"\n  ],\n  "ttl": "24h",\n  "explicit_max_ttl": "168h",\n  "display_name": "hub",\n  "renewable": true\n}',
        'EOF',
        '# destroy secret/dry/read (all versions and metadata)',
        'vault delete secret/metadata/dry/read',
        '# delete policy dry',
        'vault delete sys/policies/acl/dry',
        '# revoke token (the old hub token)',
        'vault write auth/token/revoke - <<EOF',
        '{\n  "token": "${VAULT_TOKEN_TO_REVOKE:?set VAULT_TOKEN_TO_REVOKE}"\n}',
        'EOF',
        '# delete auth/kubernetes/role/dry',
        'vault delete auth/kubernetes/role/dry',
        '',
      ].join('\n'),
    ),
    plan,
  );
  assert.not.match(plan, 'some-token-value');
  assert.equal(writesSince(before), []);
  assert.equal(
    sc.vault
      .requests()
      .slice(before)
      .map((e) => e.method),
    ['GET', 'LIST'],
    'the two reads, nothing else',
  );
  assert.equal(sc.vault.kvRead('dry/read'), { a: 'read-in-dry-run' });
});

test('--dry-run with Vault unreachable: reads plan as empty, said once', async () => {
  const addr = `http://127.0.0.1:${await closedPort()}`;
  const { ctx, err } = testContext({ dryRun: true, env: { VAULT_ADDR: addr, ...root } });
  const vault = await connectVault(ctx);
  assert.is(await vault.kvGet('x'), undefined);
  assert.equal(await vault.listPolicies(), []);
  assert.is(err(), `! Vault at ${addr} is not reachable: planning as if it were empty\n`);
});

test('redaction: tokens and written values never printed (also with --verbose and VAULT_DEBUG) nor in the call log', async () => {
  const ref = 'op://Private/vault/root-token';
  sc.fc.update((s) => (s.simulations.op = { items: { [ref]: sc.vault.rootToken } }));
  const values = ['redact-me-value-1', 'redact-me-value-2'];
  const loud = { VAULT_TOKEN: ref, VAULT_DEBUG: 'true' };
  const put = await sc.run(
    ['vault:put', 'red/x', `a=${values[0]}`, `b=${values[1]}`, '--verbose'],
    loud,
  );
  assert.is(put.code, 0, put.stderr);
  assert.match(put.stderr, 'vault: write secret/red/x (fields: a, b)');
  const get = await sc.run(['vault:get', 'red/x', 'a', '--verbose'], loud);
  assert.is(get.stdout, `${values[0]}\n`, 'the one deliberate result');
  const exist = await sc.run(['vault:exist', 'red/x', '-v'], loud);
  assert.is(exist.code, 0);
  const failed = await sc.run(['vault:put', 'red/y', `a=${values[0]}`, '-v'], {
    VAULT_TOKEN: sc.vault.createToken({ policies: ['default'] }),
  });
  assert.is(failed.code, 1);
  const printed = [
    put.stdout,
    put.stderr,
    get.stderr,
    exist.stdout,
    exist.stderr,
    failed.stdout,
    failed.stderr,
  ].join('\n');
  for (const secret of [sc.vault.rootToken, ...values])
    assert.not.ok(printed.includes(secret), `${secret} was printed`);
  const log = readFileSync(sc.fc.env.FAKE_CALL_LOG!, 'utf8');
  assert.match(log, '"op"', 'op was called');
  for (const secret of [sc.vault.rootToken, ...values])
    assert.not.ok(log.includes(secret), `${secret} in the call log`);
  assert.equal(sc.vault.kvRead('red/x'), { a: values[0], b: values[1] });
});

test.run();
