// Issue 16 points 3 and 4: login by NativeAuthenticator (no Keycloak) and hub admins from a
// Keycloak group. Valid values for both charts in each case; today's values when neither is set.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHART_VERSIONS, parseHelmYaml, validateValues } from '../../support/z2jh.js';
import { baseEnv, type TemplateEnv } from './env.js';
import { renderValues } from './render.js';

const Auth = suite('jupyterhub values: native login and the Keycloak admin group');

function values(overrides: Partial<TemplateEnv>): any {
  const { yaml } = renderValues(baseEnv(overrides));
  for (const version of CHART_VERSIONS) {
    const r = validateValues(yaml, version);
    assert.ok(r.valid, `${version}:\n${r.errors.join('\n')}`);
  }
  return parseHelmYaml(yaml);
}

Auth('default: GenericOAuthenticator, no admin users, no group management', () => {
  const c = values({}).hub.config;
  assert.is(c.JupyterHub.authenticator_class, 'generic-oauth');
  assert.not.ok('admin_users' in c.Authenticator);
  assert.not.ok('NativeAuthenticator' in c);
  for (const key of ['manage_groups', 'admin_groups', 'auth_state_groups_key'])
    assert.not.ok(key in c.GenericOAuthenticator, key);
});

Auth('native with admin approval: NativeAuthenticator, sign-up on, open_signup off, admins', () => {
  const c = values({
    JUPYTERHUB_AUTH: 'native',
    ADMIN_USERS_YAML: '["admin","ops.lead"]',
  }).hub.config;
  assert.is(c.JupyterHub.authenticator_class, 'nativeauthenticator.NativeAuthenticator');
  assert.equal(c.NativeAuthenticator, { enable_signup: true, open_signup: false });
  assert.equal(c.Authenticator.admin_users, ['admin', 'ops.lead']);
  assert.is(c.Authenticator.allow_all, true);
  assert.not.ok('GenericOAuthenticator' in c, 'no Keycloak settings');
  assert.not.ok('OAuthenticator' in c, 'no Keycloak settings');
});

Auth('native without approval, and with sign-up closed', () => {
  let c = values({ JUPYTERHUB_AUTH: 'native', NATIVE_OPEN_SIGNUP: 'true' }).hub.config;
  assert.equal(c.NativeAuthenticator, { enable_signup: true, open_signup: true });
  c = values({ JUPYTERHUB_AUTH: 'native', NATIVE_SIGNUP: 'false' }).hub.config;
  assert.equal(c.NativeAuthenticator, { enable_signup: false, open_signup: false });
});

Auth('admin group: groups managed from the userinfo groups claim, members are admins', () => {
  const c = values({ JUPYTERHUB_ADMIN_GROUP: 'hub admins' }).hub.config;
  assert.is(c.JupyterHub.authenticator_class, 'generic-oauth');
  assert.is(c.GenericOAuthenticator.manage_groups, true);
  assert.equal(c.GenericOAuthenticator.admin_groups, ['hub admins']);
  assert.is(c.GenericOAuthenticator.auth_state_groups_key, 'oauth_user.groups');
  assert.is(c.GenericOAuthenticator.client_id, 'jupyterhub');
  assert.is(c.Authenticator.enable_auth_state, true);
});

Auth('admin group and admin users together', () => {
  const c = values({ JUPYTERHUB_ADMIN_GROUP: 'admins', ADMIN_USERS_YAML: '["root"]' }).hub.config;
  assert.equal(c.Authenticator.admin_users, ['root']);
  assert.equal(c.GenericOAuthenticator.admin_groups, ['admins']);
});

Auth.run();
