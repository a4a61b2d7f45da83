import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertOneLineError } from '../support/assert-error.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// The cluster side of the keycloak namespace: credentials Secrets (direct or through External
// Secrets and Vault), namespace, Vault copies of the admin credentials, operator and
// monitoring plans.
const test = suite('keycloak cluster recipes');
const decode = (s: Scenario, name: string) =>
  Object.fromEntries(
    Object.entries(
      (s.fc.object('Secret', name, 'keycloak')?.data ?? {}) as Record<string, string>,
    ).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
const ADMIN = { KEYCLOAK_ADMIN_USER: 'kcadmin', KEYCLOAK_ADMIN_PASSWORD: 'kc-admin-pw-123' };

test('create-credentials without External Secrets: both Secrets directly, a copy in Vault when Vault is installed', async () => {
  const sc = await startScenario({ vault: true });
  try {
    const r = await sc.run(['keycloak:create-credentials'], {
      ...ADMIN,
      VAULT_TOKEN: sc.vault.rootToken,
    });
    assert.is(r.code, 0, r.stderr);
    assert.not.match(r.stdout + r.stderr, ADMIN.KEYCLOAK_ADMIN_PASSWORD);
    assert.equal(decode(sc, 'keycloak-credentials'), {
      'admin-user': 'kcadmin',
      password: 'kc-admin-pw-123',
    });
    assert.equal(decode(sc, 'keycloak-bootstrap-admin'), {
      username: 'kcadmin',
      password: 'kc-admin-pw-123',
    });
    assert.equal(sc.vault.kvRead('keycloak/admin'), {
      username: 'kcadmin',
      password: 'kc-admin-pw-123',
    });
    const argv = sc.fc
      .calls()
      .flatMap((c) => c.argv)
      .join(' ');
    assert.not.match(argv, 'kc-admin-pw-123', 'never on a command line');
    const [user, pass] = await Promise.all([
      sc.run(['keycloak:default-admin-username'], {
        KEYCLOAK_ADMIN_USER: '',
        KEYCLOAK_ADMIN_PASSWORD: '',
      }),
      sc.run(['keycloak:default-admin-password'], {
        KEYCLOAK_ADMIN_USER: '',
        KEYCLOAK_ADMIN_PASSWORD: '',
      }),
    ]);
    assert.equal([user.stdout, pass.stdout], ['kcadmin\n', 'kc-admin-pw-123\n']);
  } finally {
    await sc.close();
  }
});

test('create-credentials with External Secrets: Vault first, the ExternalSecret synced, the bootstrap Secret', async () => {
  const sc = await startScenario({ eso: true });
  try {
    const r = await sc.run(['keycloak:create-credentials'], {
      KEYCLOAK_ADMIN_USER: 'admin',
      KEYCLOAK_ADMIN_PASSWORD: '',
      VAULT_TOKEN: sc.vault.rootToken,
    });
    assert.is(r.code, 0, r.stderr);
    const stored = sc.vault.kvRead('keycloak/admin') as { username: string; password: string };
    assert.is(stored.username, 'admin');
    assert.match(
      stored.password,
      /^[A-Za-z0-9]{48}$/,
      'no answer without a terminal: a random password',
    );
    assert.not.match(r.stderr, stored.password);
    const es = sc.fc.object('ExternalSecret', 'keycloak-credentials', 'keycloak')!;
    assert.equal(es.spec?.data, [
      { secretKey: 'admin-user', remoteRef: { key: 'keycloak/admin', property: 'username' } },
      { secretKey: 'password', remoteRef: { key: 'keycloak/admin', property: 'password' } },
    ]);
    assert.equal(decode(sc, 'keycloak-credentials'), {
      'admin-user': 'admin',
      password: stored.password,
    });
    assert.equal(decode(sc, 'keycloak-bootstrap-admin'), {
      username: 'admin',
      password: stored.password,
    });
  } finally {
    await sc.close();
  }
});

test('put/delete-admin-credentials-to-vault: the password never as an argument', async () => {
  const sc = await startScenario();
  try {
    const root = { VAULT_TOKEN: sc.vault.rootToken };
    assertOneLineError(
      await sc.run(['keycloak:put-admin-credentials-to-vault', 'admin', 'argv-pass'], root),
      '✗ a password is never taken as an argument',
      2,
    );
    assert.is(sc.vault.kvRead('keycloak/admin'), undefined);
    const r = await sc.run(['keycloak:put-admin-credentials-to-vault', 'admin'], {
      ...root,
      KEYCLOAK_USER_PASSWORD: 'env-pass-42',
    });
    assert.is(r.code, 0, r.stderr);
    assert.equal(sc.vault.kvRead('keycloak/admin'), { username: 'admin', password: 'env-pass-42' });
    assert.is((await sc.run(['keycloak:delete-admin-credentials-from-vault'], root)).code, 0);
    assert.is(sc.vault.kvRead('keycloak/admin'), undefined);
  } finally {
    await sc.close();
  }
});

test('namespace and credentials deletion ask first', async () => {
  const sc = await startScenario();
  try {
    assert.is((await sc.run(['keycloak:create-namespace'])).code, 0);
    assert.ok(sc.fc.object('Namespace', 'keycloak'));
    await sc.run(['keycloak:create-credentials'], ADMIN);
    assert.is((await sc.run(['keycloak:delete-credentials'])).code, 1);
    assert.ok(sc.fc.object('Secret', 'keycloak-credentials', 'keycloak'));
    assert.is((await sc.run(['keycloak:delete-credentials', '--yes'])).code, 0);
    assert.is(sc.fc.object('Secret', 'keycloak-credentials', 'keycloak'), undefined);
    assert.is(sc.fc.object('Secret', 'keycloak-bootstrap-admin', 'keycloak'), undefined);
    assert.is((await sc.run(['keycloak:delete-namespace'])).code, 1);
    assert.is((await sc.run(['keycloak:delete-namespace', '--yes'])).code, 0);
    assert.is(sc.fc.object('Namespace', 'keycloak'), undefined);
  } finally {
    await sc.close();
  }
});

test('install-operator / uninstall-operator / monitoring --dry-run: upstream steps in order', async () => {
  const sc = await startScenario();
  try {
    const base =
      'https://raw.githubusercontent.com/keycloak/keycloak-k8s-resources/26.6.3/kubernetes';
    const install = await sc.run(['keycloak:install-operator', '--dry-run']);
    assert.is(install.code, 0, install.stderr);
    const lines = install.stdout.split('\n').filter((l) => l.startsWith('kubectl'));
    assert.equal(lines, [
      "kubectl apply -f - <<'EOF'",
      'kubectl label namespace keycloak pod-security.kubernetes.io/enforce=baseline --overwrite',
      `kubectl apply -f ${base}/keycloaks.k8s.keycloak.org-v1.yml`,
      `kubectl apply -f ${base}/keycloakrealmimports.k8s.keycloak.org-v1.yml`,
      `kubectl apply -n keycloak -f ${base}/kubernetes.yml`,
      'kubectl wait --for=condition=available deployment/keycloak-operator -n keycloak --timeout=300s',
      lines[6]!,
      'kubectl wait --for=condition=available deployment/keycloak-operator -n keycloak --timeout=300s',
    ]);
    assert.match(
      lines[6]!,
      /^kubectl patch deployment keycloak-operator -n keycloak --type=json -p '.*"value":"704Mi".*"value":"1Gi".*'$/,
    );
    const uninstall = await sc.run(['keycloak:uninstall-operator', '--dry-run']);
    assert.equal(
      uninstall.stdout.split('\n').filter((l) => l.startsWith('kubectl')),
      [
        `kubectl delete -n keycloak -f ${base}/kubernetes.yml --ignore-not-found`,
        `kubectl delete -f ${base}/keycloakrealmimports.k8s.keycloak.org-v1.yml --ignore-not-found`,
        `kubectl delete -f ${base}/keycloaks.k8s.keycloak.org-v1.yml --ignore-not-found`,
      ],
    );
    const on = await sc.run(['keycloak:enable-monitoring', '--dry-run']);
    assert.is(on.code, 0, on.stderr);
    assert.match(
      on.stdout,
      'kubectl label namespace keycloak buun.channel/enable-monitoring=true --overwrite',
    );
    assert.match(
      on.stdout,
      '"path":"/spec/additionalOptions/-","value":{"name":"metrics-enabled","value":"true"}',
    );
    assert.match(
      on.stdout,
      'kubectl wait --for=condition=Ready keycloak/keycloak -n keycloak --timeout=600s',
    );
    assert.match(on.stdout, 'kind: ServiceMonitor');
    const off = await sc.run(['keycloak:disable-monitoring', '--dry-run']);
    assert.is(off.code, 0, off.stderr);
    assert.match(off.stdout, '{"name":"proxy","value":"edge"}');
    assert.match(
      off.stdout,
      'kubectl label namespace keycloak buun.channel/enable-monitoring- --overwrite',
    );
    assert.equal(
      sc.fc.calls().filter((c) => c.argv[0] !== 'get' && c.argv[0] !== 'version'),
      [],
    );
  } finally {
    await sc.close();
  }
});

test.run();
