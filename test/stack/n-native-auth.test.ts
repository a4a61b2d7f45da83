// Issue 16 point 3 on the real hub: JUPYTERHUB_AUTH=native installs without one Keycloak
// call (Keycloak's address is made unreachable for the run), JupyterHub 5 loads
// NativeAuthenticator, and users sign up and log in through the hub's own forms: the
// admin named in JUPYTERHUB_ADMIN_USERS at once, anyone else only after the admin
// authorized them. At the end the stack is back as it was (on Keycloak login).
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HubBrowser } from '../support/hub-browser.js';
import {
  getObject,
  helm,
  hubApi,
  keycloakClients,
  releases,
  secretData,
  tasks,
} from '../support/stack.js';
import { CLIENT_ID, fullInstall, NS } from './fixture.js';
import { installAndWaitForHub } from './hub-restart.js';

const test = suite('stack: native login (NativeAuthenticator, no Keycloak)');

// Fresh names each run: the hub's database may outlive an uninstall.
const tag = Date.now().toString(36);
const ADMIN = `admin${tag}`;
const CAROL = `carol${tag}`;
const password = () => randomBytes(12).toString('base64url');
const pw = { [ADMIN]: password(), [CAROL]: password() };

const hadHub = releases().some((r) => r.name === 'jupyterhub' && r.namespace === NS);
const hadClient = async () => (await keycloakClients(CLIENT_ID)).length > 0;
let clientBefore: boolean;

const NATIVE = {
  JUPYTERHUB_AUTH: 'native',
  JUPYTERHUB_ADMIN_USERS: ADMIN,
  // Any Keycloak call during the run would fail on these.
  KEYCLOAK_HOST: '127.0.0.1:9',
  KEYCLOAK_URL: 'https://127.0.0.1:9',
};

async function hubUser(name: string) {
  const admin = secretData(getObject('secret', 'jupyterhub-admin-service-token', NS), 'token');
  return hubApi(`users/${name}`, admin);
}

test('install with JUPYTERHUB_AUTH=native: no Keycloak, and JupyterHub 5 loads NativeAuthenticator', async () => {
  clientBefore = await hadClient();
  const stderr = await installAndWaitForHub(fullInstall(NATIVE));
  assert.match(stderr, /Login: NativeAuthenticator \(no Keycloak client\)/);
  const values = JSON.parse(helm('get', 'values', 'jupyterhub', '-n', NS, '-o', 'json'));
  assert.is(
    values.hub.config.JupyterHub.authenticator_class,
    'nativeauthenticator.NativeAuthenticator',
  );
  assert.equal(values.hub.config.Authenticator.admin_users, [ADMIN]);
  assert.is(await hadClient(), clientBefore, 'the Keycloak client neither made nor removed');
  // The sign-up page exists only when NativeAuthenticator is the hub's authenticator.
  const signup = await new HubBrowser().go('/hub/signup');
  assert.is(signup.status, 200);
  assert.match(signup.html, 'name="signup_password"');
});

test('the admin signs up and logs in at once, and is a hub admin', async () => {
  const b = new HubBrowser();
  assert.match(await b.signUp(ADMIN, pw[ADMIN]), 'The signup was successful');
  assert.equal(await b.logIn(ADMIN, 'not-the-password'), {
    ok: false,
    error: 'Invalid username or password.',
  });
  assert.is((await b.logIn(ADMIN, pw[ADMIN])).ok, true);
  const u = await hubUser(ADMIN);
  assert.is(u.status, 200);
  assert.is(u.json.admin, true);
  // get-token needs no Keycloak login state with native login.
  const t = await tasks(['jupyterhub:get-token', ADMIN], fullInstall(NATIVE));
  assert.is(t.code, 0, t.stderr);
  const me = await hubApi('user', t.stdout.trim());
  assert.is(me.status, 200);
  assert.is(me.json.name, ADMIN);
});

test('another user waits for approval, is authorized by the admin, then logs in (not admin)', async () => {
  const carol = new HubBrowser();
  assert.match(await carol.signUp(CAROL, pw[CAROL]), 'Your information has been sent to the admin');
  assert.equal(await carol.logIn(CAROL, pw[CAROL]), {
    ok: false,
    error: `User ${CAROL} has not been authorized by an administrator yet.`,
  });
  assert.is((await hubUser(CAROL)).status, 404, 'not a hub user before approval');
  // Carol cannot approve herself: the authorization page is for admins only.
  assert.is((await carol.go(`/hub/authorize/${CAROL}`)).status, 403);
  assert.is((await carol.logIn(CAROL, pw[CAROL])).ok, false);

  const admin = new HubBrowser();
  assert.is((await admin.logIn(ADMIN, pw[ADMIN])).ok, true);
  const area = await admin.go('/hub/authorize');
  assert.is(area.status, 200);
  assert.match(area.html, CAROL);
  const toggled = await admin.go(`/hub/authorize/${CAROL}`);
  assert.is(toggled.status, 302);
  assert.match(toggled.location ?? '', `authorize#${CAROL}`);

  assert.is((await carol.logIn(CAROL, pw[CAROL])).ok, true);
  const u = await hubUser(CAROL);
  assert.is(u.status, 200);
  assert.is(u.json.admin, false);
});

test('back to Keycloak login as the stack was: the hub again, or nothing, as before', async () => {
  const admin = secretData(getObject('secret', 'jupyterhub-admin-service-token', NS), 'token');
  for (const name of [ADMIN, CAROL]) await hubApi(`users/${name}`, admin, 'DELETE');
  if (hadHub) {
    await installAndWaitForHub(fullInstall());
    const values = JSON.parse(helm('get', 'values', 'jupyterhub', '-n', NS, '-o', 'json'));
    assert.is(values.hub.config.JupyterHub.authenticator_class, 'generic-oauth');
    assert.ok(await hadClient(), 'the Keycloak client');
  } else {
    const r = await tasks(['jupyterhub:uninstall', '--purge', '--yes'], fullInstall(NATIVE));
    assert.is(r.code, 0, r.stderr);
    assert.not.ok(releases().some((rel) => rel.name === 'jupyterhub'));
    assert.is(await hadClient(), clientBefore);
  }
});

test.run();
