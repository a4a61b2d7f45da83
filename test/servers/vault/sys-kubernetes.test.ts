import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startVaultServer, type VaultTestServer } from './index.js';
import { call, client, failure } from './test-helpers.js';

const test = suite<{ server: VaultTestServer }>(
  'vault sys policies and kubernetes roles',
  {} as { server: VaultTestServer },
);

test.before.each(async (ctx) => {
  ctx.server = await startVaultServer();
});
test.after.each(async (ctx) => {
  await ctx.server.close();
});

const HCL = 'path "secret/data/x/*" {\n  capabilities = ["read"]\n}\n';

test('sys/policies/acl: write, read, LIST, delete; names are lower-cased', async ({ server }) => {
  assert.is(
    (await call(server, 'PUT', 'sys/policies/acl/Team-A', { body: { policy: HCL } })).status,
    204,
  );
  const read = await call(server, 'GET', 'sys/policies/acl/team-a');
  assert.equal(read.body.data, { name: 'team-a', policy: HCL });
  assert.is(server.policy('team-a'), HCL);
  const list = await call(server, 'LIST', 'sys/policies/acl');
  assert.equal(list.body.data.keys, ['default', 'root', 'team-a']);
  assert.is((await call(server, 'DELETE', 'sys/policies/acl/team-a')).status, 204);
  assert.equal((await call(server, 'GET', 'sys/policies/acl/team-a')).body, { errors: [] });
  assert.is(server.policy('team-a'), undefined);
  // base64 policy bodies are decoded, like Vault does
  await call(server, 'PUT', 'sys/policies/acl/b64', {
    body: { policy: Buffer.from(HCL).toString('base64') },
  });
  assert.is(server.policy('b64'), HCL);
});

test('old sys/policy API (node-vault addPolicy/getPolicy/policies) answers "rules"', async ({
  server,
}) => {
  const nv = client(server, server.rootToken);
  await nv.addPolicy({ name: 'legacy', rules: HCL });
  const got = await nv.getPolicy({ name: 'legacy' });
  assert.equal([got.rules, got.data.rules, got.name], [HCL, HCL, 'legacy']);
  const all = await nv.policies();
  assert.equal(all.policies, ['default', 'legacy', 'root']);
  assert.equal(all.data.keys, ['default', 'legacy', 'root']);
  await nv.removePolicy({ name: 'legacy' });
  assert.is((await failure(nv.getPolicy({ name: 'legacy' }))).status, 404);
});

test('root and default cannot be deleted, root cannot be changed; default can be', async ({
  server,
}) => {
  assert.equal((await call(server, 'DELETE', 'sys/policies/acl/root')).body, {
    errors: ['cannot delete "root" policy'],
  });
  assert.equal((await call(server, 'DELETE', 'sys/policy/default')).body, {
    errors: ['cannot delete "default" policy'],
  });
  assert.is(
    (await call(server, 'PUT', 'sys/policies/acl/root', { body: { policy: HCL } })).status,
    400,
  );
  assert.match(server.policy('default')!, /auth\/token\/lookup-self/);
  assert.is(
    (await call(server, 'PUT', 'sys/policies/acl/default', { body: { policy: HCL } })).status,
    204,
  );
});

test('policy changes apply to existing tokens at once', async ({ server }) => {
  server.kvWrite('x/1', { v: '1' });
  await call(server, 'PUT', 'sys/policies/acl/p', { body: { policy: '# empty' } });
  const token = server.createToken({ policies: ['p'] });
  assert.is((await call(server, 'GET', 'secret/data/x/1', { token })).status, 403);
  await call(server, 'PUT', 'sys/policies/acl/p', { body: { policy: HCL } });
  assert.is((await call(server, 'GET', 'secret/data/x/1', { token })).status, 200);
});

test('kubernetes role: written as the project does, read back normalised', async ({ server }) => {
  const w = await call(server, 'POST', 'auth/kubernetes/role/jupyterhub-admin', {
    body: {
      bound_service_account_names: 'hub',
      bound_service_account_namespaces: ['jupyter'],
      policies: 'JupyterHub-Admin',
      audience: 'vault',
      ttl: '24h',
      max_ttl: '720h',
    },
  });
  assert.is(w.status, 204);
  const r = await call(server, 'GET', 'auth/kubernetes/role/jupyterhub-admin');
  assert.equal(r.body.data, {
    alias_name_source: 'serviceaccount_uid',
    audience: 'vault',
    bound_service_account_names: ['hub'],
    bound_service_account_namespace_selector: '',
    bound_service_account_namespaces: ['jupyter'],
    max_ttl: 2592000,
    policies: ['jupyterhub-admin'],
    token_bound_cidrs: [],
    token_explicit_max_ttl: 0,
    token_max_ttl: 2592000,
    token_no_default_policy: false,
    token_num_uses: 0,
    token_period: 0,
    token_policies: ['jupyterhub-admin'],
    token_type: 'default',
    token_ttl: 86400,
    ttl: 86400,
  });
  assert.equal(server.kubernetesRole('jupyterhub-admin'), r.body.data);
  // an update keeps what it does not mention
  await call(server, 'POST', 'auth/kubernetes/role/jupyterhub-admin', {
    body: { token_ttl: 3600 },
  });
  const after = server.kubernetesRole('jupyterhub-admin')!;
  assert.equal([after.token_ttl, after.bound_service_account_namespaces], [3600, ['jupyter']]);
  assert.equal((await call(server, 'LIST', 'auth/kubernetes/role')).body.data.keys, [
    'jupyterhub-admin',
  ]);
  assert.is((await call(server, 'DELETE', 'auth/kubernetes/role/jupyterhub-admin')).status, 204);
  assert.is((await call(server, 'GET', 'auth/kubernetes/role/jupyterhub-admin')).status, 404);
  assert.is((await call(server, 'LIST', 'auth/kubernetes/role')).status, 404);
});

test('kubernetes role validation errors', async ({ server }) => {
  const post = (body: Record<string, unknown>) =>
    call(server, 'POST', 'auth/kubernetes/role/r', { body });
  assert.equal((await post({ bound_service_account_namespaces: ['a'] })).body, {
    errors: ['"bound_service_account_names" can not be empty'],
  });
  assert.equal((await post({ bound_service_account_names: ['hub'] })).status, 400);
  assert.equal(
    (
      await post({
        bound_service_account_names: ['hub', '*'],
        bound_service_account_namespaces: 'a',
      })
    ).status,
    400,
  );
  assert.equal(
    (
      await post({
        bound_service_account_names: 'hub',
        bound_service_account_namespaces: 'a',
        ttl: '2h',
        max_ttl: '1h',
      })
    ).status,
    400,
  );
  assert.equal(
    (
      await post({
        bound_service_account_names: 'hub',
        bound_service_account_namespaces: 'a',
        ttl: 'soon',
      })
    ).status,
    400,
  );
  assert.is(server.kubernetesRole('r'), undefined);
  const warned = await post({
    bound_service_account_names: 'hub',
    bound_service_account_namespaces: 'a',
    max_ttl: '1000h',
  });
  assert.is(warned.status, 200);
  assert.is(warned.body.warnings.length, 1);
});

test.run();
