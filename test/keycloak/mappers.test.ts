import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertOneLineError } from '../support/assert-error.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// Mappers (audience, groups, client roles, attributes), client scopes, client roles, service
// accounts and the read-only reports, against the Keycloak test server.
const test = suite('keycloak mapper, scope and role recipes');
let sc: Scenario;
const PASSWORD = 'role-user-pass-1';
test.before(async () => {
  sc = await startScenario();
  for (const args of [
    ['keycloak:create-client', 'buunstack', 'app', 'https://app.example/cb', 'app-secret-xyz-42'],
    ['keycloak:create-system-user', 'erin'],
  ]) {
    const r = await sc.run(args, { KEYCLOAK_USER_PASSWORD: PASSWORD });
    assert.is(r.code, 0, r.stderr);
  }
});
test.after(() => sc.close());

const state = () => sc.keycloak.realm('buunstack')!;
const client = () => sc.keycloak.clients('buunstack').find((c) => c.clientId === 'app')!;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const mappers = (): any[] => state().clientMappers.get(client().id) ?? [];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const scope = (name: string): { rep: any; mappers: any[] } =>
  state().scopes.find((s) => s.rep.name === name)!;
const writes = (since: number) =>
  sc.keycloak
    .requests()
    .slice(since)
    .filter((e) => e.method !== 'GET' && !e.path.endsWith('/token'))
    .map((e) => `${e.method} ${e.path}`);

test('add-audience-mapper / add-groups-mapper: the mappers upstream adds, once', async () => {
  assert.is((await sc.run(['keycloak:add-audience-mapper', 'app', 'api'])).code, 0);
  assert.is((await sc.run(['keycloak:add-groups-mapper', 'app'])).code, 0);
  const [aud, groups] = mappers();
  assert.equal(
    { name: aud.name, protocolMapper: aud.protocolMapper, config: aud.config },
    {
      name: 'aud-mapper-api',
      protocolMapper: 'oidc-audience-mapper',
      config: {
        'included.client.audience': 'api',
        'id.token.claim': 'false',
        'access.token.claim': 'true',
      },
    },
  );
  assert.equal(
    [groups.name, groups.protocolMapper, groups.config['claim.name'], groups.config['full.path']],
    ['groups', 'oidc-group-membership-mapper', 'groups', 'false'],
  );
  const n = sc.keycloak.requests().length;
  const again = await sc.run(['keycloak:add-audience-mapper', 'app', 'api']);
  assert.equal(
    [again.code, again.stderr],
    [0, '  mapper "aud-mapper-api" already exists on client app\n'],
  );
  assert.equal(writes(n), []);
  assertOneLineError(
    await sc.run(['keycloak:add-groups-mapper', 'nope']),
    '✗ Keycloak client nope not found in realm buunstack',
  );
});

test('add-client-roles-mapper, then update-client-roles-mapper replaces it', async () => {
  assert.is((await sc.run(['keycloak:add-client-roles-mapper', 'app'])).code, 0);
  const first = mappers().find((m) => m.name === 'app client roles')!;
  assert.equal(first.config, {
    'userinfo.token.claim': 'true',
    'id.token.claim': 'true',
    'access.token.claim': 'true',
    'claim.name': 'client_roles',
    'jsonType.label': 'String',
    multivalued: 'true',
    'usermodel.clientRoleMapping.clientId': 'app',
  });
  const n = sc.keycloak.requests().length;
  const r = await sc.run(['keycloak:update-client-roles-mapper', 'app', 'claim_name=roles']);
  assert.is(r.code, 0, r.stderr);
  const now = mappers().filter((m) => m.name === 'app client roles');
  assert.is(now.length, 1);
  assert.is(now[0].config['claim.name'], 'roles');
  assert.equal(writes(n), [
    `DELETE /admin/realms/buunstack/clients/${client().id}/protocol-mappers/models/${first.id}`,
    `POST /admin/realms/buunstack/clients/${client().id}/protocol-mappers/models`,
  ]);
});

test('add-attribute-mapper: profile attribute with options and permissions, mapper, default value', async () => {
  const r = await sc.run([
    'keycloak:add-attribute-mapper',
    'app',
    'department',
    'Department',
    'dept',
    'eng,ops',
    'eng',
  ]);
  assert.is(r.code, 0, r.stderr);
  const attr = (state().profile.attributes as any[]).find((a) => a.name === 'department');
  assert.equal(attr, {
    name: 'department',
    displayName: 'Department',
    permissions: { view: ['admin', 'user'], edit: ['admin'] },
    validations: { options: { options: ['eng', 'ops'] } },
  });
  const m = mappers().find((x) => x.name === 'Department Mapper')!;
  assert.equal(
    [m.protocolMapper, m.config['user.attribute'], m.config['claim.name']],
    ['oidc-usermodel-attribute-mapper', 'department', 'dept'],
  );
  const erin = state().users.find((u) => u.rep.username === 'erin')!;
  assert.equal((erin.rep.attributes as Record<string, string[]>).department, ['eng']);
});

test('client scopes: create, mappers on the scope, link as default, get-client-scope report', async () => {
  const created = await sc.run(['keycloak:create-client-scope', 'buunstack', 'api-access']);
  assert.is(created.code, 0, created.stderr);
  assert.equal(
    [scope('api-access').rep.description, scope('api-access').rep.attributes],
    ['api-access scope', { 'include.in.token.scope': 'true' }],
  );
  assert.is(
    (await sc.run(['keycloak:add-audience-mapper-to-scope', 'buunstack', 'api-access', 'api']))
      .code,
    0,
  );
  assert.is(
    (await sc.run(['keycloak:add-groups-mapper-to-scope', 'buunstack', 'api-access'])).code,
    0,
  );
  assert.equal(
    scope('api-access').mappers.map((m) => m.name),
    ['aud-mapper-api', 'groups'],
  );
  const link = await sc.run(['keycloak:add-scope-to-client', 'buunstack', 'app', 'api-access']);
  assert.is(link.code, 0, link.stderr);
  assert.ok((client().defaultClientScopes as string[]).includes('api-access'));
  const report = await sc.run(['keycloak:get-client-scope', 'buunstack', 'api-access']);
  assert.is(report.code, 0, report.stderr);
  assert.match(report.stdout, '=== Client Scope Details ===\nName: api-access\n');
  assert.match(report.stdout, '\nMapper 1:\n  Name: aud-mapper-api\n');
  const raw = JSON.parse(report.stdout.slice(report.stdout.indexOf('=== Raw JSON ===') + 17));
  assert.equal(raw.protocolMappers.length, 2);
  const details = await sc.run(['keycloak:check-mapper-details', 'buunstack', 'app']);
  assert.match(details.stdout, "=== All Protocol Mappers for client 'app' ===");
  assert.match(details.stdout, /Default scopes: .*api-access/);
  assertOneLineError(
    await sc.run(['keycloak:add-scope-to-client', 'buunstack', 'app', 'nope']),
    '✗ client scope nope not found in realm buunstack',
  );
  const twice = await sc.run(['keycloak:create-client-scope', 'buunstack', 'api-access']);
  assert.equal(twice.stderr, '  client scope api-access already exists\n');
});

test('add-client-roles-to-profile-scope: one mapper per client on scope profile', async () => {
  const r = await sc.run(['keycloak:add-client-roles-to-profile-scope', 'buunstack', 'app']);
  assert.is(r.code, 0, r.stderr);
  const m = scope('profile').mappers.find((x) => x.name === 'app Client Roles')!;
  assert.is(m.config['usermodel.clientRoleMapping.clientId'], 'app');
  const again = await sc.run([
    'keycloak:add-client-roles-to-profile-scope',
    'buunstack',
    'app',
    'other',
  ]);
  assert.match(again.stderr, 'already exists on client scope profile');
  assert.is(scope('profile').mappers.length, 1);
});

test('client roles: create, assign, list, report, remove', async () => {
  assert.is((await sc.run(['keycloak:create-client-role', 'buunstack', 'app', 'editor'])).code, 0);
  assert.is((await sc.run(['keycloak:create-client-role', 'buunstack', 'app', 'viewer'])).code, 0);
  const again = await sc.run(['keycloak:create-client-role', 'buunstack', 'app', 'editor']);
  assert.equal(again.stderr, '  role editor already exists for client app\n');
  const grant = await sc.run([
    'keycloak:add-user-to-client-role',
    'buunstack',
    'erin',
    'app',
    'editor',
  ]);
  assert.is(grant.code, 0, grant.stderr);
  const erin = () => state().users.find((u) => u.rep.username === 'erin')!;
  const editor = state()
    .clientRoles.get(client().id)!
    .find((r) => r.name === 'editor')!;
  assert.ok(erin().clientRoles.get(client().id)?.has(String(editor.id)));
  const list = await sc.run(['keycloak:list-user-client-roles', 'buunstack', 'erin', 'app']);
  assert.is(
    list.stdout,
    "Client roles for user 'erin' in client 'app':\n  - editor\n\nAvailable client roles in 'app':\n  ✓ assigned: editor\n    available: viewer\n",
  );
  const info = await sc.run(['keycloak:get-user-token-info', 'buunstack', 'erin', 'app']);
  assert.match(info.stdout, '=== Client Configuration ===\nClient ID: app\n');
  assert.match(info.stdout, `=== User's Client Roles ===\n- editor (${String(editor.id)})`);
  assertOneLineError(
    await sc.run(['keycloak:add-user-to-client-role', 'buunstack', 'erin', 'app', 'admin']),
    '✗ role admin not found for client app',
  );
  const rm = await sc.run([
    'keycloak:remove-user-from-client-role',
    'buunstack',
    'erin',
    'app',
    'editor',
  ]);
  assert.is(rm.code, 0, rm.stderr);
  assert.not.ok(erin().clientRoles.get(client().id)?.has(String(editor.id)));
});

test('enable-service-account and get-client-secret', async () => {
  const r = await sc.run(['keycloak:enable-service-account', 'buunstack', 'app']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(
    [client().serviceAccountsEnabled, client().authorizationServicesEnabled],
    [true, false],
  );
  assert.ok(state().users.some((u) => u.rep.username === 'service-account-app'));
  const secret = await sc.run(['keycloak:get-client-secret', 'buunstack', 'app']);
  assert.equal([secret.code, secret.stdout], [0, "Client 'app' secret: app-secret-xyz-42\n"]);
  assert.not.match(secret.stderr, 'app-secret-xyz-42');
});

test('--dry-run: mapper, scope and role changes are planned, nothing is written', async () => {
  const n = sc.keycloak.requests().length;
  const runs = await Promise.all([
    sc.run(['keycloak:add-audience-mapper', 'app', 'other', '--dry-run']),
    sc.run(['keycloak:create-client-scope', 'buunstack', 'dry-scope', '--dry-run']),
    sc.run(['keycloak:create-client-role', 'buunstack', 'app', 'dry-role', '--dry-run']),
  ]);
  for (const r of runs) assert.is(r.code, 0, r.stderr);
  assert.match(
    runs[0].stdout,
    '# would add oidc-audience-mapper mapper "aud-mapper-other" to client app',
  );
  assert.match(runs[1].stdout, '# would create client scope dry-scope in realm buunstack');
  assert.match(runs[2].stdout, '# would create role dry-role of client app in realm buunstack');
  assert.equal(writes(n), []);
});

test.run();
