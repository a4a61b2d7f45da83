// Issue 16 point 4 on the real Keycloak and hub: with JUPYTERHUB_ADMIN_GROUP, install adds
// one groups mapper to the hub's client (a second install adds none), and after logging in
// through Keycloak a member of the group is a hub admin and a non-member is not. The group
// is made with the keycloak namespace's own recipes; everything is put back at the end.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  env,
  getObject,
  helm,
  hubApi,
  keycloakAdmin,
  keycloakClients,
  keycloakToken,
  loginAs,
  releases,
  secretData,
  tasks,
} from '../support/stack.js';
import { CLIENT_ID, fullInstall, NS } from './fixture.js';
import { hubSettled, installAndWaitForHub } from './hub-restart.js';

const test = suite('stack: hub admins from a Keycloak group');

const REALM = env.KEYCLOAK_REALM ?? 'buunstack';
const GROUP = `hub-admins-${Date.now().toString(36)}`;
const hadHub = releases().some((r) => r.name === 'jupyterhub' && r.namespace === NS);

async function groupMappers(): Promise<any[]> {
  const [client] = await keycloakClients(CLIENT_ID);
  assert.ok(client, `Keycloak client ${CLIENT_ID}`);
  const mappers = (await keycloakAdmin(
    `${REALM}/clients/${client.id}/protocol-mappers/models`,
  )) as any[];
  return mappers.filter((m) => m.protocolMapper === 'oidc-group-membership-mapper');
}

async function hubUser(name: string) {
  const admin = secretData(getObject('secret', 'jupyterhub-admin-service-token', NS), 'token');
  return (await hubApi(`users/${name}`, admin)).json;
}

test('the group, with alice in it and bob not, through the keycloak recipes', async () => {
  let r = await tasks(['keycloak:create-group', GROUP], { KEYCLOAK_REALM: REALM });
  assert.is(r.code, 0, r.stderr);
  r = await tasks(['keycloak:add-user-to-group', 'alice', GROUP], { KEYCLOAK_REALM: REALM });
  assert.is(r.code, 0, r.stderr);
});

test('install with JUPYTERHUB_ADMIN_GROUP: one groups mapper on the client, the hub loads the config', async () => {
  await installAndWaitForHub(fullInstall({ JUPYTERHUB_ADMIN_GROUP: GROUP }));
  const mappers = await groupMappers();
  assert.is(mappers.length, 1);
  assert.is(mappers[0].config['claim.name'], 'groups');
  assert.is(mappers[0].config['userinfo.token.claim'], 'true');
  const values = JSON.parse(helm('get', 'values', 'jupyterhub', '-n', NS, '-o', 'json'));
  assert.equal(values.hub.config.GenericOAuthenticator.admin_groups, [GROUP]);
  assert.is(values.hub.config.GenericOAuthenticator.manage_groups, true);
});

test('install again: still exactly one groups mapper', async () => {
  const r = await tasks(
    ['jupyterhub:install', '--yes'],
    fullInstall({ JUPYTERHUB_ADMIN_GROUP: GROUP }),
  );
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /mapper "groups" already exists/);
  assert.is((await groupMappers()).length, 1);
  await hubSettled();
});

test('alice (in the group) is a hub admin after logging in; bob (not in it) is not', async () => {
  await loginAs('alice');
  await loginAs('bob');
  const alice = await hubUser('alice');
  const bob = await hubUser('bob');
  assert.is(alice.admin, true);
  assert.ok(alice.groups.includes(GROUP), `alice's hub groups: ${alice.groups}`);
  assert.is(bob.admin, false);
  assert.not.ok(bob.groups.includes(GROUP));
});

test('leaving the group takes admin away at the next login', async () => {
  const r = await tasks(['keycloak:remove-user-from-group', 'alice', GROUP], {
    KEYCLOAK_REALM: REALM,
  });
  assert.is(r.code, 0, r.stderr);
  await loginAs('alice');
  assert.is((await hubUser('alice')).admin, false);
});

test('put back: the group deleted, the hub as before (without the mapper)', async () => {
  const r = await tasks(['keycloak:delete-group', GROUP, '--yes'], { KEYCLOAK_REALM: REALM });
  assert.is(r.code, 0, r.stderr);
  const admin = secretData(getObject('secret', 'jupyterhub-admin-service-token', NS), 'token');
  await hubApi(`groups/${GROUP}`, admin, 'DELETE');
  // The mapper is install's only addition to the client: removed through the admin API.
  const [client] = await keycloakClients(CLIENT_ID);
  const token = await keycloakToken();
  for (const m of await groupMappers()) {
    const res = await fetch(
      `https://${env.KEYCLOAK_HOST}/admin/realms/${REALM}/clients/${client.id}/protocol-mappers/models/${m.id}`,
      { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } },
    );
    assert.is(res.status, 204);
  }
  assert.equal(await groupMappers(), []);
  if (hadHub) {
    await installAndWaitForHub(fullInstall());
  } else {
    // As the suites before left it (i-vault-ca-bundle ends with a purge).
    const u = await tasks(['jupyterhub:uninstall', '--purge', '--yes'], fullInstall());
    assert.is(u.code, 0, u.stderr);
    assert.equal(await keycloakClients(CLIENT_ID), []);
  }
});

test.run();
