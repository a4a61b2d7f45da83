import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withNamespace, withObject } from '../fakes/index.js';
import { assertOneLineError } from '../support/assert-error.js';
import { closedPort } from '../support/ports.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// Admin credentials (variables, else Secret keycloak-credentials), admin-username/-password,
// and the failures of the login: wrong credentials (401), unreachable, none found.
const test = suite('keycloak admin credentials and login errors');
let sc: Scenario;
const FROM_SECRET = { KEYCLOAK_ADMIN_USER: undefined, KEYCLOAK_ADMIN_PASSWORD: undefined };
const b64 = (s: string) => Buffer.from(s).toString('base64');
test.before(async () => {
  sc = await startScenario();
  sc.fc.update((s) => {
    for (const ns of ['keycloak', 'auth']) {
      withNamespace(s, ns);
      // Only the one in "keycloak" holds the right password.
      const password = ns === 'keycloak' ? sc.keycloak.adminPassword : 'stale-password-x';
      withObject(s, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'keycloak-credentials', namespace: ns },
        type: 'Opaque',
        data: { 'admin-user': b64(sc.keycloak.adminUser), password: b64(password) },
      });
    }
  });
});
test.after(() => sc.close());

const kubectlArgv = () =>
  sc.fc
    .calls()
    .filter((c) => c.tool === 'kubectl')
    .map((c) => c.argv.join(' '));

test('admin-username / admin-password print the credential from the variables on stdout only', async () => {
  const [user, password] = await Promise.all([
    sc.run(['keycloak:admin-username']),
    sc.run(['keycloak:admin-password']),
  ]);
  assert.equal([user.code, user.stdout, user.stderr], [0, `${sc.keycloak.adminUser}\n`, '']);
  assert.equal(
    [password.code, password.stdout, password.stderr],
    [0, `${sc.keycloak.adminPassword}\n`, ''],
  );
  assert.equal(kubectlArgv(), [], 'no Secret read when the variables are set');
});

test('empty variables: Secret keycloak-credentials (keys admin-user, password) in KEYCLOAK_NAMESPACE', async () => {
  const [user, password] = await Promise.all([
    sc.run(['keycloak:admin-username'], FROM_SECRET),
    sc.run(['keycloak:admin-password'], FROM_SECRET),
  ]);
  // stderr holds only the command echo (runner.md); the data it returned is not echoed.
  const echo = '$ kubectl get secret keycloak-credentials -n keycloak -o json --ignore-not-found\n';
  assert.equal([user.code, user.stdout, user.stderr], [0, `${sc.keycloak.adminUser}\n`, echo]);
  assert.equal(
    [password.code, password.stdout, password.stderr],
    [0, `${sc.keycloak.adminPassword}\n`, echo],
  );
  const other = await sc.run(['keycloak:admin-password'], {
    ...FROM_SECRET,
    KEYCLOAK_NAMESPACE: 'auth',
  });
  assert.is(other.stdout, 'stale-password-x\n');
  assert.equal(kubectlArgv().slice(-1), [
    'get secret keycloak-credentials -n auth -o json --ignore-not-found',
  ]);
});

test('credentials from the Secret log in and create a client; the password is never printed', async () => {
  const r = await sc.run(
    ['keycloak:create-client', 'buunstack', 'via-secret', 'https://x.example/cb', '--verbose'],
    FROM_SECRET,
  );
  assert.is(r.code, 0, r.stderr);
  assert.ok(sc.keycloak.clients('buunstack').some((c) => c.clientId === 'via-secret'));
  assert.match(
    r.stderr,
    '$ kubectl get secret keycloak-credentials -n keycloak -o json --ignore-not-found',
  );
  for (const text of [r.stdout, r.stderr, readFileSync(sc.fc.env.FAKE_CALL_LOG!, 'utf8')]) {
    assert.not.ok(text.includes(sc.keycloak.adminPassword), 'admin password printed or logged');
    assert.not.ok(text.includes(b64(sc.keycloak.adminPassword)), 'base64 admin password printed');
  }
});

test('a user from the variable and the password from the Secret', async () => {
  const r = await sc.run(['keycloak:client-exists', 'buunstack', 'via-secret'], {
    KEYCLOAK_ADMIN_PASSWORD: undefined,
  });
  assert.equal(
    [r.code, r.stderr],
    [0, '$ kubectl get secret keycloak-credentials -n keycloak -o json --ignore-not-found\n'],
  );
});

test('no variables and no Secret: one line naming both', async () => {
  const r = await sc.run(['keycloak:admin-username'], {
    ...FROM_SECRET,
    KEYCLOAK_NAMESPACE: 'nowhere',
  });
  assertOneLineError(
    r,
    /^✗ no Keycloak admin credentials: KEYCLOAK_ADMIN_USER\/KEYCLOAK_ADMIN_PASSWORD are empty and Secret keycloak-credentials in nowhere was not found$/,
  );
});

test('wrong credentials: one line (401), the wrong password not printed', async () => {
  const wrong = 'wrong-admin-password';
  const runs = await Promise.all([
    sc.run(['keycloak:get-client', 'buunstack', 'via-secret'], { KEYCLOAK_ADMIN_PASSWORD: wrong }),
    sc.run(['keycloak:create-client', 'buunstack', 'never', 'https://x/cb'], {
      KEYCLOAK_ADMIN_PASSWORD: wrong,
    }),
    sc.run(['keycloak:client-exists', 'buunstack', 'via-secret'], {
      ...FROM_SECRET,
      KEYCLOAK_NAMESPACE: 'auth',
    }),
  ]);
  for (const r of runs) {
    assertOneLineError(
      r,
      '✗ Keycloak rejected the admin credentials (401) while trying to log in as the admin',
    );
    assert.not.ok(r.stderr.includes(wrong) || r.stderr.includes('stale-password-x'));
  }
  assert.ok(!sc.keycloak.clients('buunstack').some((c) => c.clientId === 'never'));
});

test('unreachable Keycloak: one line naming the address', async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  const r = await sc.run(['keycloak:get-client', 'buunstack', 'x'], { KEYCLOAK_URL: url });
  assertOneLineError(r, `✗ cannot reach Keycloak at ${url} (ECONNREFUSED)`);
});

test('an unknown realm: one line (404)', async () => {
  const r = await sc.run(['keycloak:client-exists', 'no-such-realm', 'x']);
  assertOneLineError(
    r,
    '✗ Keycloak: not found while trying to look up client x in realm no-such-realm (404: Realm not found.)',
  );
});

test.run();
