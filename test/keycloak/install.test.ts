import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withObject } from '../fakes/index.js';
import type { ClusterState } from '../fakes/lib/types.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// keycloak:install (planned), create-database-secret and uninstall with the database, against
// fake kubectl with a CloudNativePG pod whose psql answers come from the test's table.
const test = suite('keycloak install, uninstall, database Secret');
const SUPERUSER_PW = 'pg-superuser-pw-9';
const EXISTS = "SELECT 1 FROM pg_database WHERE datname = 'keycloak'";
const psql = (...args: string[]) => ['psql', ...args].join(' ');

const postgres = (s: ClusterState, exists: boolean) => {
  for (const name of ['postgres', 'keycloak'])
    withObject(s, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  withObject(s, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'postgres-cluster-superuser', namespace: 'postgres' },
    data: {
      username: Buffer.from('postgres').toString('base64'),
      password: Buffer.from(SUPERUSER_PW).toString('base64'),
    },
  });
  withObject(s, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'postgres-cluster-1', namespace: 'postgres' },
    spec: { containers: [{ name: 'postgres', image: 'cnpg' }] },
    status: { phase: 'Running' },
  });
  s.simulations.exec = {
    'postgres/postgres-cluster-1': {
      [psql('-tA', '-c', EXISTS)]: { code: 0, stdout: exists ? '1\n' : '\n' },
      [psql('-c', 'CREATE DATABASE keycloak;')]: { code: 0, stdout: 'CREATE DATABASE\n' },
      [psql(
        '-U',
        'postgres',
        '-P',
        'pager=off',
        '-c',
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'keycloak' AND pid <> pg_backend_pid();",
      )]: { code: 0 },
      [psql('-U', 'postgres', '-c', 'DROP DATABASE keycloak;')]: {
        code: 0,
        stdout: 'DROP DATABASE\n',
      },
    },
  };
  s.crds.push('keycloaks.k8s.keycloak.org');
};
const execs = (sc: Scenario) =>
  sc.fc
    .calls()
    .filter((c) => c.tool === 'kubectl' && c.argv[0] === 'exec')
    .map((c) => c.argv.slice(c.argv.indexOf('--') + 1).at(-1));

test('create-database-secret: the superuser password from the postgres Secret, over stdin', async () => {
  const sc = await startScenario({ cluster: (s) => postgres(s, true) });
  try {
    const r = await sc.run(['keycloak:create-database-secret']);
    assert.is(r.code, 0, r.stderr);
    const data = sc.fc.object('Secret', 'database-config', 'keycloak')!.data as Record<
      string,
      string
    >;
    const decoded = Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
    );
    assert.equal(decoded, {
      host: 'postgres-cluster-rw.postgres',
      port: '5432',
      user: 'postgres',
      password: SUPERUSER_PW,
      database: 'keycloak',
    });
    assert.not.match(JSON.stringify(sc.fc.calls().map((c) => c.argv)), SUPERUSER_PW);
    assert.not.match(r.stderr, SUPERUSER_PW);
  } finally {
    await sc.close();
  }
});

test('uninstall: asks; then the CR, the namespace and (delete-db=true) the database', async () => {
  const sc = await startScenario({ cluster: (s) => postgres(s, true) });
  try {
    assert.is((await sc.run(['keycloak:uninstall'])).code, 1);
    assert.ok(sc.fc.object('Namespace', 'keycloak'));
    const r = await sc.run(['keycloak:uninstall', '--yes']);
    assert.is(r.code, 0, r.stderr);
    assert.is(sc.fc.object('Namespace', 'keycloak'), undefined);
    assert.equal(execs(sc), [
      EXISTS,
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'keycloak' AND pid <> pg_backend_pid();",
      'DROP DATABASE keycloak;',
    ]);
    const keep = await sc.run(['keycloak:uninstall', 'delete-db=false', '--yes']);
    assert.is(keep.code, 0, keep.stderr);
    assert.is(execs(sc).length, 3, 'delete-db=false leaves the database');
  } finally {
    await sc.close();
  }
});

test('install --dry-run: operator, credentials, database, its Secret, the CR for KEYCLOAK_HOST, the wait', async () => {
  const sc = await startScenario({ cluster: (s) => postgres(s, false) });
  try {
    const r = await sc.run(['keycloak:install', '--dry-run'], {
      KEYCLOAK_ADMIN_USER: 'admin',
      KEYCLOAK_ADMIN_PASSWORD: 'kc-admin-pw-7',
    });
    assert.is(r.code, 0, r.stderr);
    const order = [
      'kubectl label namespace keycloak pod-security.kubernetes.io/enforce=baseline --overwrite',
      'kubectl wait --for=condition=available deployment/keycloak-operator',
      'name: keycloak-bootstrap-admin',
      "psql -c 'CREATE DATABASE keycloak;'",
      'name: database-config',
      'kind: Keycloak',
      '# would wait up to 600s for keycloak/keycloak in keycloak to be Ready',
    ].map((needle) => r.stdout.indexOf(needle));
    assert.ok(
      order.every((i) => i >= 0),
      `every step planned: ${order.join(',')}`,
    );
    assert.equal(
      [...order].sort((a, b) => a - b),
      order,
      'in upstream order',
    );
    assert.match(r.stdout, 'hostname: auth.example.com');
    assert.not.match(r.stderr + r.stdout, 'kc-admin-pw-7');
    assert.not.match(r.stderr + r.stdout, SUPERUSER_PW);
    assert.equal(execs(sc), [EXISTS], 'only the read ran');
    assert.is(sc.fc.object('Secret', 'database-config', 'keycloak'), undefined);
  } finally {
    await sc.close();
  }
});

test.run();
