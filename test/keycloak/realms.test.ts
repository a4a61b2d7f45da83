import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertOneLineError } from '../support/assert-error.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// create-realm (with the k8s client), show/update-realm-token-settings, delete-realm and
// list-clients against the Keycloak test server, through the CLI.
const test = suite('keycloak realm recipes');
let sc: Scenario;
test.before(async () => {
  sc = await startScenario();
});
test.after(() => sc.close());

const realm = (name: string) => sc.keycloak.realm(name);
const writes = (since: number) =>
  sc.keycloak
    .requests()
    .slice(since)
    .filter((e) => e.method !== 'GET' && !e.path.endsWith('/token'));

test('create-realm: token settings derived as upstream does, then the public k8s client', async () => {
  const r = await sc.run(['keycloak:create-realm'], { KEYCLOAK_REALM: 'team' });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '');
  const s = realm('team')!.settings;
  assert.equal(
    {
      enabled: s.enabled,
      accessTokenLifespan: s.accessTokenLifespan,
      accessTokenLifespanForImplicitFlow: s.accessTokenLifespanForImplicitFlow,
      ssoSessionIdleTimeout: s.ssoSessionIdleTimeout,
      ssoSessionMaxLifespan: s.ssoSessionMaxLifespan,
      offlineSessionMaxLifespan: s.offlineSessionMaxLifespan,
      offlineSessionMaxLifespanEnabled: s.offlineSessionMaxLifespanEnabled,
      clientSessionMaxLifespan: s.clientSessionMaxLifespan,
      clientSessionIdleTimeout: s.clientSessionIdleTimeout,
      refreshTokenMaxReuse: s.refreshTokenMaxReuse,
    },
    {
      enabled: true,
      accessTokenLifespan: 43200,
      accessTokenLifespanForImplicitFlow: 43200,
      ssoSessionIdleTimeout: 7200,
      ssoSessionMaxLifespan: 86400,
      offlineSessionMaxLifespan: 172800,
      offlineSessionMaxLifespanEnabled: true,
      clientSessionMaxLifespan: 86400,
      clientSessionIdleTimeout: 7200,
      refreshTokenMaxReuse: 0,
    },
  );
  const k8s = sc.keycloak.clients('team').find((c) => c.clientId === 'k8s');
  assert.ok(k8s, 'the k8s client exists');
  assert.is(k8s.publicClient, true);
  assert.equal(k8s.redirectUris, ['http://localhost:8000', 'http://localhost:18000']);
  assert.match(r.stderr, '✓ realm team created');
  assert.match(r.stderr, 'access token lifespan: 43200s (12h)');
});

test('create-realm again changes nothing; create-client-for-k8s=false skips the client', async () => {
  const n = sc.keycloak.requests().length;
  const again = await sc.run(['keycloak:create-realm'], { KEYCLOAK_REALM: 'team' });
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stderr, 'realm team already exists: left unchanged');
  assert.equal(writes(n), []);
  const r = await sc.run(
    ['keycloak:create-realm', 'create-client-for-k8s=false', 'access_token_lifespan=600'],
    { KEYCLOAK_REALM: 'solo', K8S_OIDC_CLIENT_ID: 'kube' },
  );
  assert.is(r.code, 0, r.stderr);
  assert.is(realm('solo')!.settings.accessTokenLifespan, 600);
  assert.equal(sc.keycloak.clients('solo'), []);
  assertOneLineError(
    await sc.run(['keycloak:create-realm', 'true', '12h'], { KEYCLOAK_REALM: 'bad' }),
    '✗ access_token_lifespan must be a number of seconds (got "12h")',
    2,
  );
  assert.is(realm('bad'), undefined);
});

test('show-realm-token-settings prints the settings on stdout', async () => {
  const r = await sc.run(['keycloak:show-realm-token-settings', 'team']);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.ok(lines.includes('=== Current Token Settings for Realm: team ==='));
  assert.ok(lines.includes('Access Token Lifespan: 43200 seconds (720 minutes)'));
  assert.ok(lines.includes('SSO Session Idle Timeout: 7200 seconds (120 minutes)'));
  assert.ok(lines.includes('Offline Session Max Lifespan: 172800 seconds'));
  assertOneLineError(
    await sc.run(['keycloak:show-realm-token-settings', 'nope']),
    '✗ realm nope not found',
  );
});

test('update-realm-token-settings: sets the three and what follows from them; asks nothing without a terminal', async () => {
  const r = await sc.run([
    'keycloak:update-realm-token-settings',
    'team',
    '3600',
    '1800',
    '604800',
  ]);
  assert.is(r.code, 0, r.stderr);
  const s = realm('team')!.settings;
  assert.equal(
    [
      s.accessTokenLifespan,
      s.ssoSessionIdleTimeout,
      s.ssoSessionMaxLifespan,
      s.offlineSessionMaxLifespan,
      s.clientSessionIdleTimeout,
    ],
    [3600, 1800, 604800, 1209600, 1800],
  );
  const n = sc.keycloak.requests().length;
  assertOneLineError(
    await sc.run(['keycloak:update-realm-token-settings', 'team', '3600']),
    '✗ argument <sso_session_idle_timeout> is required',
  );
  assert.equal(sc.keycloak.requests().slice(n), [], 'checked before Keycloak was asked');
});

test('list-clients prints every client as upstream does, never a secret', async () => {
  await sc.run([
    'keycloak:create-client',
    'team',
    'conf',
    'https://a.example/cb',
    'conf-secret-123',
  ]);
  const r = await sc.run(['keycloak:list-clients', 'team']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, "Found 2 clients in realm 'team':\n\n 1. k8s\n");
  assert.match(r.stdout, ' 2. conf\n');
  assert.match(
    r.stdout,
    '    Type: Confidential\n    Protocol: openid-connect\n    Status: Enabled\n    Redirect URIs: https://a.example/cb\n',
  );
  assert.not.match(r.stdout + r.stderr, 'conf-secret-123');
});

test('delete-realm: never master; asks (refused without --yes); --dry-run plans; --yes deletes', async () => {
  assertOneLineError(
    await sc.run(['keycloak:delete-realm', 'master', '--yes']),
    "✗ deleting the 'master' realm is not allowed",
    2,
  );
  const no = await sc.run(['keycloak:delete-realm', 'solo']);
  assert.is(no.code, 1);
  assert.match(no.stderr, 'realm solo was not deleted');
  const dry = await sc.run(['keycloak:delete-realm', 'solo', '--dry-run']);
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, '# would delete Keycloak realm solo');
  assert.ok(realm('solo'));
  const yes = await sc.run(['keycloak:delete-realm', 'solo', '--yes']);
  assert.is(yes.code, 0, yes.stderr);
  assert.is(realm('solo'), undefined);
  const gone = await sc.run(['keycloak:delete-realm', 'solo', '--yes']);
  assert.equal([gone.code, gone.stderr.trim()], [0, '! realm solo not found: nothing to delete']);
});

test.run();
