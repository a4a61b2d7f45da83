// The two Vault policy files grant exactly what spec/jupyterhub.md lists.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readPolicy } from './hcl.js';
import { templateText } from './render.js';

const Policies = suite('jupyterhub Vault policies');

const asObject = (paths: Map<string, string[]>): Record<string, string[]> =>
  Object.fromEntries([...paths].map(([p, caps]) => [p, [...caps].sort()]));

const sorted = (o: Record<string, string[]>): Record<string, string[]> =>
  Object.fromEntries(Object.entries(o).map(([p, caps]) => [p, [...caps].sort()]));

Policies('the HCL reader rejects what it does not understand', () => {
  assert.throws(() => readPolicy('path "a" { capabilities = ["read"] '), /end of policy/);
  assert.throws(() => readPolicy('path "a" { capabilites = ["read"] }'), /expected capabilities/);
  assert.throws(() => readPolicy('path "a" { capabilities = [read] }'), /expected a string/);
  assert.throws(() => readPolicy('path "a" { capabilities = ["read"] }\npath "a" { capabilities = [] }'), /twice/);
  assert.equal(asObject(readPolicy('# c\npath "x/*" {\n  capabilities = ["b", "a"] // c\n}\n')), { 'x/*': ['a', 'b'] });
});

Policies('jupyterhub-admin grants exactly the listed paths and capabilities (least privilege)', () => {
  const caps = asObject(readPolicy(templateText('jupyterhub-admin-policy.hcl')));
  assert.equal(
    caps,
    sorted({
      'sys/policies/acl/jupyter-user-*': ['create', 'read', 'update'],
      'sys/policy/jupyter-user-*': ['create', 'read', 'update'],
      'auth/token/create/jupyterhub-user': ['create', 'update'],
      'auth/token/lookup-self': ['read'],
      'auth/token/renew-self': ['update'],
    }),
  );
});

Policies('user_policy.hcl grants exactly the listed paths, per {username}', () => {
  const caps = asObject(readPolicy(templateText('user_policy.hcl')));
  assert.equal(
    caps,
    sorted({
      'secret/data/jupyter/users/{username}/*': ['create', 'update', 'read', 'delete', 'list'],
      'secret/metadata/jupyter/users/{username}/*': ['list', 'read', 'delete', 'update'],
      'secret/metadata/jupyter/users/{username}': ['list'],
      'secret/data/jupyter/shared/*': ['read', 'list'],
      'secret/metadata/jupyter/shared': ['list'],
      'auth/token/lookup-self': ['read'],
      'auth/token/renew-self': ['update'],
    }),
  );
});

Policies('user_policy.hcl has no placeholder other than {username}', () => {
  const text = templateText('user_policy.hcl');
  assert.equal([...new Set(text.match(/\{[^}\n]*\}/g))], ['{username}']);
  const alice = asObject(readPolicy(text.replaceAll('{username}', 'alice')));
  assert.ok('secret/data/jupyter/users/alice/*' in alice);
  assert.not.match(JSON.stringify(alice), '{username}');
});

Policies.run();
