import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { childEnvironment } from '../../tasks/core/child-env.js';

const test = suite('core/child-env: what a child process may see');

const RUN_ENV = {
  PATH: '/bin',
  HOME: '/home/op',
  LC_ALL: 'C.UTF-8',
  KUBECONFIG: '/k',
  HELM_CACHE_HOME: '/h',
  VAULT_TOKEN: 'hvs.secret',
  VAULT_ADDR: 'https://vault.example.com',
  KEYCLOAK_ADMIN_PASSWORD: 'pw',
  JUPYTERHUB_HOST: 'jupyter.example.com',
  OP_SERVICE_ACCOUNT_TOKEN: 'ops',
  DOCKER_HOST: 'unix:///d.sock',
};

test('kubectl and helm: general names and their own, no token, password or setting', () => {
  for (const cmd of ['kubectl', 'helm'])
    assert.equal(childEnvironment(cmd, RUN_ENV), {
      PATH: '/bin',
      HOME: '/home/op',
      LC_ALL: 'C.UTF-8',
      KUBECONFIG: '/k',
      HELM_CACHE_HOME: '/h',
    });
});

test('each tool its own: vault the address but not the token, op its OP_*, podman DOCKER_*', () => {
  assert.is(childEnvironment('vault', RUN_ENV).VAULT_ADDR, 'https://vault.example.com');
  assert.not.ok('VAULT_TOKEN' in childEnvironment('vault', RUN_ENV));
  assert.is(childEnvironment('op', RUN_ENV).OP_SERVICE_ACCOUNT_TOKEN, 'ops');
  assert.not.ok('OP_SERVICE_ACCOUNT_TOKEN' in childEnvironment('kubectl', RUN_ENV));
  assert.is(childEnvironment('podman', RUN_ENV).DOCKER_HOST, 'unix:///d.sock');
});

test('values a call passes explicitly arrive; TASKS_CHILD_ENV adds names and prefixes', () => {
  assert.is(childEnvironment('kubectl', RUN_ENV, { EXTRA: '1' }).EXTRA, '1');
  const env = { ...RUN_ENV, TASKS_CHILD_ENV: 'JUPYTERHUB_HOST, WRAP_*', WRAP_X: 'y' };
  const out = childEnvironment('kubectl', env);
  assert.is(out.JUPYTERHUB_HOST, 'jupyter.example.com');
  assert.is(out.WRAP_X, 'y');
  assert.not.ok('VAULT_TOKEN' in out);
});

test.run();
