import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planSteps } from '../support/plan.js';
import { createClient } from '../../tasks/keycloak/clients.js';
import { assertOneLineError } from '../support/assert-error.js';
import { testContext } from '../support/context.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// get-client, client-exists, update-client, delete-client and --dry-run against the Keycloak test server.
const test = suite('keycloak client recipes: get, exists, update, delete, dry-run');
let sc: Scenario;
const SECRET = 'client-secret-value-42';
test.before(async () => {
  sc = await startScenario();
  const { ctx } = kcContext();
  await createClient(ctx, {
    realm: 'buunstack',
    clientId: 'pub',
    redirectUrl: 'https://a.example/cb',
  });
  await createClient(ctx, {
    realm: 'buunstack',
    clientId: 'full',
    redirectUrl: 'https://a.example/cb,https://b.example/cb',
    clientSecret: SECRET,
    pkceMethod: 'S256',
    clientSessionIdle: '86400',
  });
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

test('get-client prints the client as JSON on stdout, the secret masked; exit 1 when missing', async () => {
  const r = await sc.run(['keycloak:get-client', 'buunstack', 'full']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  const printed = JSON.parse(r.stdout);
  const stored = client('full');
  assert.is(printed.id, stored.id);
  assert.equal(printed.redirectUris, stored.redirectUris);
  assert.equal(printed.attributes, stored.attributes);
  assert.is(printed.secret, '**********');
  assert.not.ok(r.stdout.includes(SECRET));
  assert.equal(
    JSON.parse((await sc.run(['keycloak:get-client', 'buunstack', 'pub'])).stdout).secret,
    undefined,
  );
  assertOneLineError(
    await sc.run(['keycloak:get-client', 'buunstack', 'nope']),
    '✗ Keycloak client nope not found in realm buunstack',
  );
});

test("client-exists: 0 / 1 with upstream's line on stdout", async () => {
  const [yes, no] = await Promise.all([
    sc.run(['keycloak:client-exists', 'buunstack', 'pub']),
    sc.run(['keycloak:client-exists', 'buunstack', 'nope']),
  ]);
  assert.equal(
    [yes.code, yes.stdout, yes.stderr],
    [0, "Client 'pub' exists in realm 'buunstack'\n", ''],
  );
  assert.equal(
    [no.code, no.stdout, no.stderr],
    [1, "Client 'nope' does not exist in realm 'buunstack'\n", ''],
  );
});

test('update-client sets the redirect URIs and keeps the rest', async () => {
  const before = client('full');
  const n = sc.keycloak.requests().length;
  const r = await sc.run([
    'keycloak:update-client',
    'buunstack',
    'full',
    'https://c.example/cb,https://d.example/cb',
  ]);
  assert.equal([r.code, r.stdout, r.stderr], [0, '', '✓ redirect URIs of full updated\n']);
  const after = client('full');
  assert.equal(after.redirectUris, ['https://c.example/cb', 'https://d.example/cb']);
  assert.equal({ ...after, redirectUris: before.redirectUris }, before);
  const requests = sc.keycloak
    .requests()
    .slice(n)
    .map((e) => `${e.method} ${e.path}`);
  assert.equal(requests, [
    'POST /realms/master/protocol/openid-connect/token',
    'GET /admin/realms/buunstack/clients/',
    `PUT /admin/realms/buunstack/clients/${before.id}`,
  ]);
  assertOneLineError(
    await sc.run(['keycloak:update-client', 'buunstack', 'nope', 'https://x/cb']),
    '✗ Keycloak client nope not found in realm buunstack',
  );
});

test('delete-client deletes; a missing client is fine', async () => {
  await sc.run(['keycloak:create-client', 'buunstack', 'doomed', 'https://x.example/cb']);
  const r = await sc.run(['keycloak:delete-client', 'buunstack', 'doomed']);
  assert.equal([r.code, r.stderr], [0, '✓ Keycloak client doomed deleted from realm buunstack\n']);
  assert.is(client('doomed'), undefined);
  const again = await sc.run(['keycloak:delete-client', 'buunstack', 'doomed']);
  assert.equal(
    [again.code, again.stdout, again.stderr],
    [0, '', '  Keycloak client doomed does not exist in realm buunstack\n'],
  );
});

test('--dry-run: the plan names each change, no secret, and the server is unchanged', async () => {
  const list = JSON.stringify(sc.keycloak.clients('buunstack'));
  const n = sc.keycloak.requests().length;
  const secret = 'dry-run-client-secret';
  const [create, update, del] = await Promise.all([
    sc.run([
      'keycloak:create-client',
      'buunstack',
      'dry',
      'https://a.example/cb,https://b.example/cb',
      secret,
      '',
      '',
      'true',
      'S256',
      'https://a.example/',
      '--dry-run',
    ]),
    sc.run(['keycloak:update-client', 'buunstack', 'full', 'https://new.example/cb', '--dry-run']),
    sc.run(['keycloak:delete-client', 'buunstack', 'pub', '--dry-run']),
  ]);
  assert.is(
    create.stderr,
    '! client_secret came from the command line, where `ps` shows it to every user of this machine: give - instead and the value on stdin (keycloak:create-client)\n',
  );
  assert.is(
    planSteps(create.stdout),
    '# would create Keycloak confidential client dry in realm buunstack (redirect https://a.example/cb, https://b.example/cb; direct access grants; ' +
      'attributes pkce.code.challenge.method=S256, post.logout.redirect.uris=https://a.example/)\n',
  );
  assert.is(
    planSteps(update.stdout),
    '# would set redirect URIs of Keycloak client full to https://new.example/cb\n',
  );
  assert.is(planSteps(del.stdout), '# would delete Keycloak client pub in realm buunstack\n');
  for (const r of [update, del]) assert.equal([r.code, r.stderr], [0, '']);
  assert.is(create.code, 0);
  assert.not.ok(create.stderr.includes(secret) || create.stdout.includes(secret));
  assert.is(JSON.stringify(sc.keycloak.clients('buunstack')), list);
  assert.equal(changes(n), []);
});

test.run();
