import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertOneLineError } from '../support/assert-error.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// k8s:install (k3sup), configure-registry and setup-oidc-auth against fake k3sup, ssh, kubectl.
const test = suite('k8s k3s recipes: install, configure-registry, setup-oidc-auth');
const HOST = 'k8s-node';
const ok = { code: 0 };
let sc: Scenario;
test.before.each(async () => {
  sc = await startScenario({
    cluster: (s) => {
      s.simulations.ssh = {
        [HOST]: {
          'sudo mkdir -p /etc/rancher/k3s': ok,
          'sudo tee /etc/rancher/k3s/registries.yaml > /dev/null': ok,
          'sudo tee /etc/rancher/k3s/config.yaml > /dev/null': ok,
          'sudo systemctl restart k3s': ok,
        },
      };
      s.simulations.kubeconfig = { contexts: [], clusters: [], users: [] };
    },
  });
});
test.after.each(() => sc.close());
const env = { LOCAL_K8S_HOST: HOST, EXTERNAL_K8S_HOST: 'k8s.example.com', USER: 'ops' };
const ssh = () => sc.fc.calls().filter((c) => c.tool === 'ssh');

test('install without a terminal: k3sup with the hosts and $USER, no kubeconfig change, then the registry', async () => {
  const r = await sc.run(['k8s:install'], env);
  assert.is(r.code, 0, r.stderr);
  const k3sup = sc.fc.calls().find((c) => c.tool === 'k3sup')!;
  assert.equal(k3sup.argv, [
    'install',
    '--host',
    HOST,
    '--tls-san',
    'k8s.example.com',
    '--user',
    'ops',
  ]);
  assert.match(r.stderr, 'Update KUBECONFIG? → no (non-interactive default)');
  assert.ok(sc.fc.object('Deployment', 'registry', 'registry'));
  const tee = ssh().find(
    (c) => c.argv[1] === 'sudo tee /etc/rancher/k3s/registries.yaml > /dev/null',
  )!;
  assert.is(
    tee.stdin,
    'configs:\n  "localhost:30500":\n    tls:\n      insecure_skip_verify: true\n',
  );
  assert.equal(
    ssh().map((c) => c.argv[1]),
    [
      'sudo mkdir -p /etc/rancher/k3s',
      'sudo tee /etc/rancher/k3s/registries.yaml > /dev/null',
      'sudo systemctl restart k3s',
    ],
  );
});

test('install: K3S_ENABLE_REGISTRY=false skips the registry; EXTERNAL_K8S_HOST is required first', async () => {
  const r = await sc.run(['k8s:install'], { ...env, K3S_ENABLE_REGISTRY: 'false' });
  assert.is(r.code, 0, r.stderr);
  assert.is(sc.fc.object('Namespace', 'registry'), undefined);
  assert.equal(ssh(), []);
  const n = sc.fc.calls().length;
  assertOneLineError(
    await sc.run(['k8s:install'], { ...env, EXTERNAL_K8S_HOST: '' }),
    '✗ EXTERNAL_K8S_HOST is required',
  );
  assert.equal(
    sc.fc
      .calls()
      .slice(n)
      .filter((c) => c.tool !== 'kubectl'),
    [],
  );
});

test('setup-oidc-auth: config.yaml for the API server on stdin, k3s restarted, an oidc-login context', async () => {
  const r = await sc.run(['k8s:setup-oidc-auth'], { ...env, KEYCLOAK_REALM: 'team' });
  assert.is(r.code, 0, r.stderr);
  const tee = ssh().find((c) => c.argv[1] === 'sudo tee /etc/rancher/k3s/config.yaml > /dev/null')!;
  assert.is(
    tee.stdin,
    'kube-apiserver-arg:\n  - "oidc-issuer-url=https://auth.example.com/realms/team"\n  - "oidc-client-id=k8s"\n  - "oidc-username-claim=preferred_username"\n  - "oidc-groups-claim=groups"\n  - "oidc-groups-prefix=oidc:"\n',
  );
  const creds = sc.fc.calls().find((c) => c.argv[1] === 'set-credentials')!;
  assert.ok(
    creds.argv.includes('--exec-arg=--oidc-issuer-url=https://auth.example.com/realms/team'),
  );
  const kc = sc.fc.state().simulations.kubeconfig!;
  assert.equal(kc.contexts, [
    { name: `${HOST}-oidc`, cluster: `${HOST}-oidc`, user: `${HOST}-oidc` },
  ]);
  assert.is(kc.currentContext, `${HOST}-oidc`);
});

test('setup-oidc-auth with K8S_FEATURE_GATES=true adds ImageVolume; the token cache is kept without a terminal', async () => {
  mkdirSync(join(sc.dir, '.kube', 'cache', 'oidc-login'), { recursive: true });
  const r = await sc.run(['k8s:setup-oidc-auth'], { ...env, K8S_FEATURE_GATES: 'true' });
  assert.is(r.code, 0, r.stderr);
  const tee = ssh().find((c) => c.argv[1] === 'sudo tee /etc/rancher/k3s/config.yaml > /dev/null')!;
  assert.match(
    tee.stdin,
    '  - "feature-gates=ImageVolume=true"\nkubelet-arg:\n  - "feature-gates=ImageVolume=true"\n',
  );
  assert.match(
    r.stderr,
    'Clear the OIDC token cache? (recommended after a Keycloak reinstall) → no',
  );
  assert.not.ok(sc.fc.calls().some((c) => c.tool === 'rm'));
});

test.run();
