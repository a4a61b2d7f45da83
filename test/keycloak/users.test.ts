import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertOneLineError } from '../support/assert-error.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// Users and groups: create-user (password never an argument, cluster-admin binding,
// vault-admins), create-system-user, user-exists, delete-user, groups and membership.
const test = suite('keycloak user and group recipes');
let sc: Scenario;
test.before(async () => {
  sc = await startScenario();
});
test.after(() => sc.close());

const PASSWORD = 'alice-Pa55-word-xyz';
const state = () => sc.keycloak.realm('buunstack')!;
const user = (name: string) => state().users.find((u) => u.rep.username === name);
const group = (name: string) => state().groups.find((g) => g.name === name);
const binding = (name: string) => sc.fc.object('ClusterRoleBinding', `oidc-${name}`);

test('create-user: the user with a permanent password, cluster-admin binding, vault-admins membership', async () => {
  const r = await sc.run(
    [
      'keycloak:create-user',
      'Alice',
      '',
      'Alice@Example.com',
      'Alice',
      'Liddell',
      'vault_admin=true',
    ],
    { KEYCLOAK_USER_PASSWORD: PASSWORD },
  );
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '');
  assert.not.match(r.stderr, PASSWORD);
  const u = user('alice')!;
  assert.ok(u, 'usernames are stored in lower case');
  assert.equal(
    [u.rep.email, u.rep.firstName, u.rep.lastName, u.rep.enabled, u.rep.emailVerified, u.password],
    ['alice@example.com', 'Alice', 'Liddell', true, true, PASSWORD],
  );
  const crb = binding('alice');
  assert.ok(crb, 'ClusterRoleBinding oidc-alice (lower case, as Keycloak stores the name)');
  assert.equal(crb!.roleRef, {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: 'cluster-admin',
  });
  assert.equal(crb!.subjects, [
    {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'User',
      name: 'https://auth.example.com/realms/buunstack#alice',
    },
  ]);
  const admins = group('vault-admins')!;
  assert.equal(admins.attributes, { description: ['Vault administrators group'] });
  assert.ok(u.groups.has(admins.id), 'alice is in vault-admins');
});

test('create-user: a password argument is refused, a missing answer is an error; nothing is created', async () => {
  const before = state().users.length;
  assertOneLineError(
    await sc.run(['keycloak:create-user', 'bob', 'secret-on-argv', 'b@x.org', 'B', 'Ob']),
    '✗ a password is never taken as an argument',
    2,
  );
  assertOneLineError(
    await sc.run(['keycloak:create-user', 'bob'], { KEYCLOAK_USER_PASSWORD: 'x-y-z-123' }),
    '✗ argument <email> is required',
  );
  assertOneLineError(
    await sc.run(['keycloak:create-user', 'carol', '', 'c@x.org', 'C', 'Arol']),
    '✗ KEYCLOAK_USER_PASSWORD is required',
  );
  assert.is(state().users.length, before);
  assert.is(binding('bob'), undefined);
  const dup = await sc.run(['keycloak:create-user', 'alice', '', 'a2@x.org', 'A', 'B'], {
    KEYCLOAK_USER_PASSWORD: 'another-one-1',
  });
  assert.is(dup.code, 1);
  assert.match(dup.stderr, '✗ Keycloak user alice already exists in realm buunstack');
});

test('create-user --dry-run plans every step and changes nothing', async () => {
  const n = sc.keycloak.requests().length;
  const r = await sc.run(
    ['keycloak:create-user', 'dave', '', 'd@x.org', 'D', 'Ave', 'true', '--dry-run'],
    { KEYCLOAK_USER_PASSWORD: 'dave-secret-9' },
  );
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, '# would create Keycloak user dave in realm buunstack');
  assert.match(r.stdout, '# would set the password of dave (permanent)');
  assert.match(r.stdout, 'kubectl apply -f -');
  assert.match(r.stdout, '# would add user dave to group vault-admins');
  assert.not.match(r.stderr + r.stdout, 'dave-secret-9');
  assert.is(user('dave'), undefined);
  assert.equal(
    sc.keycloak
      .requests()
      .slice(n)
      .filter((e) => e.method !== 'GET' && !e.path.endsWith('/token')),
    [],
  );
});

test('create-system-user: no email or names; user-exists prints upstream lines', async () => {
  const r = await sc.run(['keycloak:create-system-user', 'svc-bot'], {
    KEYCLOAK_USER_PASSWORD: 'bot-pass-77',
  });
  assert.is(r.code, 0, r.stderr);
  const u = user('svc-bot')!;
  assert.equal([u.rep.email, u.rep.firstName, u.password], [undefined, undefined, 'bot-pass-77']);
  assert.ok(binding('svc-bot'));
  const yes = await sc.run(['keycloak:user-exists', 'svc-bot']);
  assert.equal([yes.code, yes.stdout], [0, `User 'svc-bot' exists with ID: ${String(u.rep.id)}\n`]);
  const no = await sc.run(['keycloak:user-exists', 'nobody']);
  assert.equal([no.code, no.stdout], [1, "User 'nobody' does not exist.\n"]);
});

test('groups: create (child under a parent, description), membership both ways, idempotent', async () => {
  assert.is((await sc.run(['keycloak:create-group', 'eng', '', 'Engineering'])).code, 0);
  const child = await sc.run(['keycloak:create-group', 'data', 'eng']);
  assert.is(child.code, 0, child.stderr);
  const eng = group('eng')!;
  assert.equal(eng.attributes, { description: ['Engineering'] });
  assert.is(group('data')!.parentId, eng.id);
  const again = await sc.run(['keycloak:create-group', 'eng']);
  assert.match(again.stderr, 'group eng already exists');
  assertOneLineError(
    await sc.run(['keycloak:create-group', 'x', 'no-parent']),
    '✗ group no-parent not found',
  );

  const add = await sc.run(['keycloak:add-user-to-group', 'svc-bot', 'eng']);
  assert.equal([add.code, add.stderr], [0, '✓ user svc-bot added to group eng\n']);
  assert.ok(user('svc-bot')!.groups.has(eng.id));
  const twice = await sc.run(['keycloak:add-user-to-group', 'svc-bot', 'eng']);
  assert.equal(twice.stderr, '  user svc-bot is already a member of group eng\n');
  const rm = await sc.run(['keycloak:remove-user-from-group', 'svc-bot', 'eng']);
  assert.equal([rm.code, rm.stderr], [0, '✓ user svc-bot removed from group eng\n']);
  assert.not.ok(user('svc-bot')!.groups.has(eng.id));
  assertOneLineError(
    await sc.run(['keycloak:add-user-to-group', 'ghost', 'eng']),
    '✗ Keycloak user ghost not found in realm buunstack',
  );
});

test('delete-group names members and subgroups, asks, and deletes the subtree with --yes', async () => {
  await sc.run(['keycloak:add-user-to-group', 'svc-bot', 'eng']);
  const no = await sc.run(['keycloak:delete-group', 'eng']);
  assert.is(no.code, 1);
  assert.match(no.stderr, 'group eng has 1 members');
  assert.match(no.stderr, '  - svc-bot');
  assert.match(no.stderr, 'group eng has 1 subgroups');
  assert.ok(group('eng'));
  const yes = await sc.run(['keycloak:delete-group', 'eng', '--yes']);
  assert.is(yes.code, 0, yes.stderr);
  assert.equal([group('eng'), group('data')], [undefined, undefined]);
  assert.equal(user('svc-bot')!.groups.size, 0);
});

test('delete-user asks first; --yes deletes; a missing user is a warning', async () => {
  const no = await sc.run(['keycloak:delete-user', 'svc-bot']);
  assert.is(no.code, 1);
  assert.ok(user('svc-bot'));
  const yes = await sc.run(['keycloak:delete-user', 'svc-bot', '--yes']);
  assert.is(yes.code, 0, yes.stderr);
  assert.is(user('svc-bot'), undefined);
  const again = await sc.run(['keycloak:delete-user', 'svc-bot', '--yes']);
  assert.equal([again.code, again.stderr], [0, '! user svc-bot not found in realm buunstack\n']);
  assertOneLineError(await sc.run(['keycloak:delete-user']), '✗ argument <username> is required');
});

test.run();
