import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createClient } from '../../tasks/keycloak/clients.js';
import { testContext } from '../support/context.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// keycloak:create-client against the Keycloak test server, exactly as modules.md says.
const test = suite('keycloak create-client');
let sc: Scenario;
test.before(async () => {
  sc = await startScenario();
});
test.after(() => sc.close());

const client = (id: string) => sc.keycloak.clients('buunstack').find((c) => c.clientId === id);
const kcContext = () =>
  testContext({
    env: {
      PATH: sc.env.PATH,
      KEYCLOAK_URL: sc.keycloak.url,
      KEYCLOAK_ADMIN_USER: sc.keycloak.adminUser,
      KEYCLOAK_ADMIN_PASSWORD: sc.keycloak.adminPassword,
    },
  });
const changes = (since: number) =>
  sc.keycloak
    .requests()
    .slice(since)
    .filter((e) => e.method !== 'GET' && !e.path.endsWith('/token'));

test('create-client, minimal: an enabled public client, no grants, no attributes', async () => {
  const r = await sc.run([
    'keycloak:create-client',
    'realm=buunstack',
    'client_id=pub',
    'redirect_url=https://a.example/cb',
  ]);
  assert.equal(
    [r.code, r.stdout, r.stderr],
    [0, '', '✓ Keycloak public client pub created in realm buunstack\n'],
  );
  const c = client('pub');
  assert.is(c.enabled, true);
  assert.is(c.publicClient, true);
  assert.is(c.secret, undefined);
  assert.is(c.protocol, 'openid-connect');
  assert.equal(c.redirectUris, ['https://a.example/cb']);
  assert.is(c.directAccessGrantsEnabled, false);
  assert.equal(c.attributes, {}, 'no attribute unless given');
});

test('create-client, every option: confidential with the secret, grants, attributes, ## post-logout URIs', async () => {
  const secret = 'client-secret-value-42';
  // The secret on stdin (client_secret=-): nothing to warn about.
  const r = await sc.run(
    [
      'keycloak:create-client',
      'realm=buunstack',
      'client_id=full',
      'redirect_url=https://a.example/cb, https://b.example/cb',
      'client_secret=-',
      'client_session_idle=3600',
      'client_session_max=43200',
      'client_direct_access_grants=true',
      'client_pkce_method=S256',
      'post_logout_redirect_uris=https://a.example/,https://b.example/bye',
      'access_token_lifespan=300',
    ],
    {},
    { input: `${secret}\n` },
  );
  assert.equal(
    [r.code, r.stdout, r.stderr],
    [0, '', '✓ Keycloak confidential client full created in realm buunstack\n'],
  );
  const c = client('full');
  assert.is(c.publicClient, false);
  assert.is(c.clientAuthenticatorType, 'client-secret');
  assert.is(c.secret, secret);
  assert.is(c.directAccessGrantsEnabled, true);
  assert.equal(c.redirectUris, ['https://a.example/cb', 'https://b.example/cb']);
  assert.equal(c.attributes, {
    'pkce.code.challenge.method': 'S256',
    'client.session.idle.timeout': '3600',
    'client.session.max.lifespan': '43200',
    'post.logout.redirect.uris': 'https://a.example/##https://b.example/bye',
    'access.token.lifespan': '300',
  });
});

test("session timeouts beyond the realm's SSO session are capped at the realm's, with a warning", async () => {
  // Realm buunstack as `keycloak::create-realm` makes it: SSO idle 7200 s, max 86400 s.
  // Keycloak 26 refuses longer client values outright (400 invalid_input).
  const r = await sc.run([
    'keycloak:create-client',
    'realm=buunstack',
    'client_id=long-sessions',
    'redirect_url=https://a.example/cb',
    'client_session_idle=86400',
    'client_session_max=604800',
  ]);
  assert.is(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    "client.session.idle.timeout 86400 s exceeds realm buunstack's SSO Session Idle (7200 s); using 7200 s",
  );
  assert.match(
    r.stderr,
    "client.session.max.lifespan 604800 s exceeds realm buunstack's SSO Session Max (86400 s); using 86400 s",
  );
  const c = client('long-sessions');
  assert.is(c.attributes['client.session.idle.timeout'], '7200');
  assert.is(c.attributes['client.session.max.lifespan'], '86400');
});

test('create-client positional form: PKCE plain; direct access grants off for "TRUE"', async () => {
  const r = await sc.run([
    'keycloak:create-client',
    'buunstack',
    'plain',
    'https://p.example/cb',
    '',
    '',
    '',
    'TRUE',
    'plain',
  ]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(client('plain').attributes, { 'pkce.code.challenge.method': 'plain' });
  assert.is(client('plain').publicClient, true);
  assert.is(client('plain').directAccessGrantsEnabled, false);
});

test('createClient in process: grants only for exactly "true"; one attribute when one is given', async () => {
  const { ctx, err } = kcContext();
  await createClient(ctx, {
    realm: 'buunstack',
    clientId: 'yes',
    redirectUrl: 'https://y.example/cb',
    directAccessGrants: 'yes',
  });
  await createClient(ctx, {
    realm: 'buunstack',
    clientId: 'idle-only',
    redirectUrl: 'https://i.example/cb',
    clientSessionIdle: '60',
  });
  await createClient(ctx, {
    realm: 'buunstack',
    clientId: 'lifespan',
    redirectUrl: 'https://l.example/cb',
    accessTokenLifespan: '120',
    clientSecret: '',
  });
  assert.is(client('yes').directAccessGrantsEnabled, false);
  assert.equal(client('idle-only').attributes, { 'client.session.idle.timeout': '60' });
  assert.equal(client('lifespan').attributes, { 'access.token.lifespan': '120' });
  assert.is(client('lifespan').publicClient, true, 'an empty secret means public');
  assert.is(
    err()
      .split('\n')
      .filter((l) => l.startsWith('✓')).length,
    3,
  );
});

test('create-client: a PKCE method other than S256/plain is a warning and no PKCE attribute', async () => {
  const r = await sc.run([
    'keycloak:create-client',
    'buunstack',
    'pkce-bad',
    'https://x.example/cb',
    'client_pkce_method=S512',
  ]);
  assert.is(r.code, 0, r.stderr);
  assert.is(
    r.stderr,
    '! client_pkce_method "S512" is not S256 or plain: PKCE not configured\n✓ Keycloak public client pkce-bad created in realm buunstack\n',
  );
  assert.equal(client('pkce-bad').attributes, {});
  const { ctx, err } = kcContext();
  await createClient(ctx, {
    realm: 'buunstack',
    clientId: 'pkce-lower',
    redirectUrl: 'https://x.example/cb',
    pkceMethod: 's256',
    clientSessionMax: '99',
  });
  assert.match(err(), '! client_pkce_method "s256" is not S256 or plain: PKCE not configured\n');
  assert.equal(client('pkce-lower').attributes, { 'client.session.max.lifespan': '99' });
});

test('create-client on an existing client: a warning, and nothing changes', async () => {
  const before = JSON.stringify(client('pub'));
  const n = sc.keycloak.requests().length;
  const r = await sc.run([
    'keycloak:create-client',
    'buunstack',
    'pub',
    'https://other.example/cb',
    'client_secret=would-be-secret',
    'client_pkce_method=S256',
  ]);
  assert.equal([r.code, r.stdout], [0, '']);
  assert.is(
    r.stderr,
    '! client_secret came from the command line, where `ps` shows it to every user of this machine: give - instead and the value on stdin (keycloak:create-client)\n' +
      '! Keycloak client pub already exists in realm buunstack: left unchanged\n',
  );
  assert.not.match(r.stderr, 'would-be-secret');
  assert.is(JSON.stringify(client('pub')), before);
  assert.equal(changes(n), []);
});

test.run();
