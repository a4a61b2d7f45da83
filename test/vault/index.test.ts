import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertOneLineError } from '../support/assert-error.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// Every vault recipe through the CLI against the Vault test server; state is checked on the server.
const test = suite('vault recipes against the Vault test server');
let sc: Scenario;
let root: Record<string, string>;
test.before(async () => {
  sc = await startScenario();
  root = { VAULT_TOKEN: sc.vault.rootToken };
});
test.after(() => sc.close());

test('put writes the fields at secret/data/<path>, replacing the data like `vault kv put`', async () => {
  const r = await sc.run(['vault:put', 'app/db', 'user=alice', 'password=s3cret-pw-1'], root);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '');
  assert.is(
    r.stderr,
    '! user, password came from the command line, where `ps` shows them to every user of this machine: give - instead and the value on stdin (vault:put)\n' +
      '✓ wrote secret/app/db (user, password)\n',
  );
  assert.equal(sc.vault.kvRead('app/db'), { user: 'alice', password: 's3cret-pw-1' });
  const again = await sc.run(['vault:put', 'app/db', 'password=s3cret-pw-2'], root);
  assert.is(again.code, 0, again.stderr);
  assert.equal(
    sc.vault.kvRead('app/db'),
    { password: 's3cret-pw-2' },
    'user is gone: the data was replaced',
  );
  assert.is(sc.vault.kvVersions('app/db'), 2);
});

test('put: key=- takes that value from stdin, off the command line, with no warning', async () => {
  const r = await sc.run(['vault:put', 'app/stdin', 'password=-'], root, {
    input: 'from-stdin-pw-9\n',
  });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '✓ wrote secret/app/stdin (password)\n');
  assert.equal(sc.vault.kvRead('app/stdin'), { password: 'from-stdin-pw-9' });
  const two = await sc.run(['vault:put', 'app/stdin2', 'a=-', 'b=-'], root, { input: 'x-value\n' });
  assert.is(two.code, 2, two.stderr);
  assert.match(two.stderr, 'b and a both ask for stdin');
  assert.is(sc.vault.kvRead('app/stdin2'), undefined);
  const empty = await sc.run(['vault:put', 'app/stdin3', 'a=-'], root);
  assert.is(empty.code, 2, empty.stderr);
  assert.match(empty.stderr, 'a is - but stdin was empty');
  assert.is(sc.vault.kvRead('app/stdin3'), undefined);
});

test('put-root writes with the root token; a value may contain = and spaces', async () => {
  const r = await sc.run(['vault:put-root', 'app/root', 'dsn=host=db port=5432', 'empty='], root);
  assert.is(r.code, 0, r.stderr);
  assert.equal(sc.vault.kvRead('app/root'), { dsn: 'host=db port=5432', empty: '' });
});

test('get and get-root print exactly the field on stdout', async () => {
  sc.vault.kvWrite('app/get', { token: 'tok-abc-123', n: 5, obj: { a: 1 } });
  const [get, getRoot, n, obj] = await Promise.all([
    sc.run(['vault:get', 'app/get', 'token'], root),
    sc.run(['vault:get-root', 'app/get', 'token'], root),
    sc.run(['vault:get', 'app/get', 'n'], root),
    sc.run(['vault:get', 'app/get', 'obj'], root),
  ]);
  for (const r of [get, getRoot])
    assert.equal([r.code, r.stdout, r.stderr], [0, 'tok-abc-123\n', '']);
  assert.is(n.stdout, '5\n');
  assert.is(obj.stdout, '{"a":1}\n', 'non-text fields as JSON, like `vault kv get -field`');
});

test('get: a missing path and a missing field are exit 1 with a message', async () => {
  sc.vault.kvWrite('app/one', { only: 'x1234' });
  const [path, field] = await Promise.all([
    sc.run(['vault:get', 'app/none', 'x'], root),
    sc.run(['vault:get-root', 'app/one', 'other'], root),
  ]);
  assertOneLineError(path, /^✗ no secret at secret\/app\/none$/);
  assertOneLineError(field, /^✗ secret\/app\/one has no field "other"$/);
  assert.match(field.stderr, /^ {2}fields: only$/m, 'field names, never values');
});

test('exist / exist-root: 0 when present, 1 when absent or deleted, nothing printed', async () => {
  sc.vault.kvWrite('app/exists', { k: 'value-1' });
  const runs = await Promise.all(
    ['vault:exist', 'vault:exist-root'].flatMap((recipe) => [
      sc.run([recipe, 'app/exists'], root),
      sc.run([recipe, 'app/absent'], root),
    ]),
  );
  assert.equal(
    runs.map((r) => [r.code, r.stdout, r.stderr]),
    [
      [0, '', ''],
      [1, '', ''],
      [0, '', ''],
      [1, '', ''],
    ],
  );
  await sc.run(['vault:delete', 'app/exists'], root);
  const gone = await sc.run(['vault:exist', 'app/exists'], root);
  assert.equal([gone.code, gone.stdout, gone.stderr], [1, '', '']);
});

test('delete / delete-root remove the latest version only (older versions stay)', async () => {
  sc.vault.kvWrite('app/del', { v: 'one' });
  sc.vault.kvWrite('app/del', { v: 'two' });
  sc.vault.kvWrite('app/del-root', { v: 'x' });
  const [r, rootRun] = await Promise.all([
    sc.run(['vault:delete', 'app/del'], root),
    sc.run(['vault:delete-root', 'app/del-root'], root),
  ]);
  assert.equal([r.code, r.stderr], [0, '✓ deleted secret/app/del\n']);
  assert.is(sc.vault.kvRead('app/del'), undefined);
  assert.is(sc.vault.kvVersions('app/del'), 2, 'metadata and versions are kept');
  assert.is(rootRun.code, 0);
  assert.is(sc.vault.kvRead('app/del-root'), undefined);
});

test('write-policy uploads the HCL file (path relative to the working directory)', async () => {
  const hcl = 'path "secret/data/app/*" {\n  capabilities = ["read", "list"]\n}\n';
  writeFileSync(join(sc.dir, 'app.hcl'), hcl);
  const r = await sc.run(['vault:write-policy', 'app-reader', 'app.hcl'], root);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '✓ policy app-reader written\n');
  assert.is(sc.vault.policy('app-reader'), hcl);
  // The policy is live: a token holding it reads app/* and nothing else.
  const reader = sc.vault.createToken({ policies: ['app-reader'] });
  sc.vault.kvWrite('app/policy-check', { k: 'readable' });
  const [read, write, missing] = await Promise.all([
    sc.run(['vault:get', 'app/policy-check', 'k'], { VAULT_TOKEN: reader }),
    sc.run(['vault:put', 'app/policy-check', 'k=v'], { VAULT_TOKEN: reader }),
    sc.run(['vault:write-policy', 'x', 'nope.hcl'], root),
  ]);
  assert.is(read.stdout, 'readable\n');
  assert.is(write.code, 1);
  assertOneLineError(missing, /^✗ cannot read policy file nope\.hcl \(ENOENT\)$/);
  assert.ok(!sc.vault.policy('x'));
});

test('write: a Kubernetes auth role as the jupyterhub recipes write it', async () => {
  const r = await sc.run(
    [
      'vault:write',
      'auth/kubernetes/role/jupyterhub',
      'bound_service_account_names=hub',
      'bound_service_account_namespaces=jupyter',
      'policies=app-reader',
      'ttl=1h',
    ],
    root,
  );
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '✓ wrote auth/kubernetes/role/jupyterhub\n');
  const role = sc.vault.kubernetesRole('jupyterhub')!;
  assert.equal(role.bound_service_account_names, ['hub']);
  assert.equal(role.bound_service_account_namespaces, ['jupyter']);
  assert.equal(role.token_policies, ['app-reader']);
  assert.is(role.token_ttl, 3600);
});

test('put/write without key=value fields are usage errors (exit 2) and write nothing', async () => {
  const before = sc.vault.requests().length;
  const [put, write, get] = await Promise.all([
    sc.run(['vault:put', 'app/x'], root),
    sc.run(['vault:write', 'auth/kubernetes/role/x', 'novalue'], root),
    sc.run(['vault:get', 'app/x'], root),
  ]);
  assertOneLineError(put, 'give at least one key=value field', 2);
  assertOneLineError(write, 'expected key=value (got "novalue")', 2);
  assertOneLineError(get, 'missing argument <field>', 2);
  assert.match(get.stderr, 'usage: npx tasks vault:get <path> <field>');
  assert.is(sc.vault.requests().length, before);
});

test.run();
