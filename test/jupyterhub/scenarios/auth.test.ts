// Issue 16 points 3 and 4 through the CLI against the fakes: native login installs and
// uninstalls without one Keycloak request; the admin group adds one groups mapper to the
// hub's client (once, however often install runs); combinations that cannot work stop
// before any call.
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { parseHelmYaml } from '../../support/z2jh.js';
import { keycloakWrites, line, mark, outFile } from './helpers.js';

const test = suite('jupyterhub scenario: native login and the Keycloak admin group');

let sc: Scenario;
test.before(async () => {
  sc = await startScenario();
});
test.after(() => sc.close());

const NATIVE = { ...ALL_OFF, JUPYTERHUB_AUTH: 'native', JUPYTERHUB_ADMIN_USERS: 'admin' };
const hubConfig = (): any =>
  (parseHelmYaml(readFileSync(outFile(sc, 'jupyterhub-values.yaml'), 'utf8')) as any).hub.config;
const groupMappers = (): any[] => {
  const realm = sc.keycloak.realm('buunstack')!;
  const client = realm.clients.find((c: any) => c.clientId === 'jupyterhub') as any;
  return (realm.clientMappers.get(client?.id) ?? []).filter(
    (m: any) => m.protocolMapper === 'oidc-group-membership-mapper',
  );
};

const REFUSED: Array<[string, Record<string, string>, RegExp]> = [
  [
    'native + JUPYTERHUB_ADMIN_GROUP',
    { ...NATIVE, JUPYTERHUB_ADMIN_GROUP: 'hub-admins' },
    /JUPYTERHUB_ADMIN_GROUP \("hub-admins"\) needs JUPYTERHUB_AUTH=keycloak/,
  ],
  [
    'native + admin approval without admins',
    { ...NATIVE, JUPYTERHUB_ADMIN_USERS: '' },
    /JUPYTERHUB_NATIVE_ADMIN_APPROVAL=true needs an admin .*JUPYTERHUB_ADMIN_USERS/,
  ],
  [
    'an admin user name with a space',
    { ...NATIVE, JUPYTERHUB_ADMIN_USERS: 'admin, bad name' },
    /JUPYTERHUB_ADMIN_USERS must be .*"bad name"/,
  ],
  [
    'a group path',
    { ...ALL_OFF, JUPYTERHUB_ADMIN_GROUP: '/staff/admins' },
    /JUPYTERHUB_ADMIN_GROUP must be one Keycloak group name/,
  ],
  [
    'JUPYTERHUB_AUTH=ldap',
    { ...ALL_OFF, JUPYTERHUB_AUTH: 'ldap' },
    /JUPYTERHUB_AUTH must be one of keycloak, native/,
  ],
];

for (const [what, vars, message] of REFUSED) {
  test(`${what} → exit 1 before any cluster, Vault or Keycloak call`, async () => {
    const m = mark(sc);
    const kc = sc.keycloak.requests().length;
    const r = await sc.run(['jupyterhub:install'], vars);
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(m.since().map(line), []);
    assert.is(sc.keycloak.requests().length, kc);
  });
}

test('native install: NativeAuthenticator values, the release, and no Keycloak request at all', async () => {
  const kc = sc.keycloak.requests().length;
  const r = await sc.run(['jupyterhub:install'], {
    ...NATIVE,
    // Keycloak-only settings are ignored under native login, with a warning.
    JUPYTERHUB_OIDC_CLIENT_ID: 'other-client',
    // Would fail the run if anything still tried to reach Keycloak.
    KEYCLOAK_URL: 'http://127.0.0.1:9',
  });
  assert.is(r.code, 0, r.stderr);
  assert.is(sc.keycloak.requests().length, kc, 'no Keycloak request');
  assert.match(
    r.stderr,
    /JUPYTERHUB_AUTH=native: JUPYTERHUB_OIDC_CLIENT_ID only apply to Keycloak/,
  );
  assert.match(
    r.stderr,
    /login: +NativeAuthenticator \(sign-up open, admin approval on\); admins admin/,
  );
  const c = hubConfig();
  assert.is(c.JupyterHub.authenticator_class, 'nativeauthenticator.NativeAuthenticator');
  assert.equal(c.NativeAuthenticator, { enable_signup: true, open_signup: false });
  assert.equal(c.Authenticator.admin_users, ['admin']);
  assert.not.ok('GenericOAuthenticator' in c);
  assert.ok(sc.fc.state().releases.some((rel: any) => rel.name === 'jupyterhub'));
  assert.equal(
    sc.keycloak.clients('buunstack').filter((c) => c.clientId === 'jupyterhub'),
    [],
  );
});

test('native: approval off is warned as open to anyone; sign-up off renders enable_signup false', async () => {
  let r = await sc.run(['jupyterhub:install', '--dry-run'], {
    ...NATIVE,
    JUPYTERHUB_NATIVE_ADMIN_APPROVAL: 'false',
  });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /anyone who reaches the hub can create an account/);
  assert.equal(hubConfig().NativeAuthenticator, { enable_signup: true, open_signup: true });
  r = await sc.run(['jupyterhub:install', '--dry-run'], {
    ...NATIVE,
    JUPYTERHUB_ADMIN_USERS: '',
    JUPYTERHUB_NATIVE_SIGNUP_ENABLED: 'false',
  });
  assert.is(r.code, 0, r.stderr);
  assert.equal(hubConfig().NativeAuthenticator, { enable_signup: false, open_signup: false });
});

test('native uninstall --purge: no Keycloak request, the Keycloak client is not named', async () => {
  const kc = sc.keycloak.requests().length;
  const r = await sc.run(['jupyterhub:uninstall', '--purge', '--yes'], {
    JUPYTERHUB_AUTH: 'native',
    VAULT_TOKEN: sc.vault.rootToken,
    KEYCLOAK_URL: 'http://127.0.0.1:9',
  });
  assert.is(r.code, 0, r.stderr);
  assert.is(sc.keycloak.requests().length, kc);
  assert.not.match(r.stderr, /Keycloak client/);
});

test('keycloak + admin group: client with one groups mapper, admin_groups in the values', async () => {
  const r = await sc.run(['jupyterhub:install'], {
    ...ALL_OFF,
    JUPYTERHUB_ADMIN_GROUP: 'hub-admins',
  });
  assert.is(r.code, 0, r.stderr);
  // The group does not exist in the realm yet: said, not refused.
  assert.match(r.stderr, /no group hub-admins yet/);
  const mappers = groupMappers();
  assert.is(mappers.length, 1);
  assert.equal(mappers[0].config['claim.name'], 'groups');
  assert.equal(mappers[0].config['userinfo.token.claim'], 'true');
  assert.equal(mappers[0].config['full.path'], 'false');
  const g = hubConfig().GenericOAuthenticator;
  assert.is(g.manage_groups, true);
  assert.equal(g.admin_groups, ['hub-admins']);
  assert.is(g.auth_state_groups_key, 'oauth_user.groups');
});

test('keycloak + admin group again: the mapper is kept, no Keycloak write at all', async () => {
  const writes = keycloakWrites(sc).length;
  const r = await sc.run(['jupyterhub:install'], {
    ...ALL_OFF,
    JUPYTERHUB_ADMIN_GROUP: 'hub-admins',
  });
  assert.is(r.code, 0, r.stderr);
  assert.is(keycloakWrites(sc).length, writes);
  assert.is(groupMappers().length, 1);
  assert.match(r.stderr, /mapper "groups" already exists on client jupyterhub/);
});

test('keycloak without admin group: no mapper added, values as before (no group settings)', async () => {
  const u = await sc.run(['jupyterhub:uninstall', '--purge', '--yes'], {
    VAULT_TOKEN: sc.vault.rootToken,
  });
  assert.is(u.code, 0, u.stderr);
  const r = await sc.run(['jupyterhub:install'], ALL_OFF);
  assert.is(r.code, 0, r.stderr);
  assert.is(groupMappers().length, 0);
  assert.not.ok('manage_groups' in hubConfig().GenericOAuthenticator);
});

test.run();
