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

Policies('jupyterhub-admin grants exactly the listed paths and capabilities', () => {
  const caps = asObject(readPolicy(templateText('jupyterhub-admin-policy.hcl')));
  assert.equal(
    caps,
    sorted({
      'secret/data/keycloak/admin': ['read'],
      'secret/data/jupyter/*': ['create', 'read', 'update', 'delete', 'list', 'patch'],
      'secret/metadata/jupyter/*': ['list'],
      'auth/token/create': ['create', 'update'],
      'auth/token/create-orphan': ['create', 'update', 'sudo'],
      'auth/token/lookup-self': ['read'],
      'auth/token/renew-self': ['update'],
      'sys/policies/acl/jupyter-user-*': ['create', 'read', 'update', 'delete'],
      'sys/policies/acl/*': ['read', 'list'],
      'sys/policy/*': ['create', 'read', 'update', 'delete', 'list', 'sudo'],
      'sys/capabilities-self': ['read'],
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
