// jupyterhub:get-token against a REAL JupyterHub (Debian's 3.0, admin-service registered by
// the values template's own snippet), reached through JUPYTERHUB_API_URL and through the
// fake `kubectl port-forward` to service hub. One hub and one fake cluster for the file.
import { createServer, type AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startScenario, type Scenario } from '../../support/scenario.js';
import {
  startJupyterHub,
  type HubRequest,
  type JupyterHub,
} from '../../support/jupyterhub-server.js';
import {
  ADMIN_SECRET,
  NS,
  argvs,
  assertNotPassed,
  mark,
  secret,
  setAdminSecret,
  sleep,
  waitUntil,
  withHub,
} from './fixtures.js';

const GetToken = suite('jupyterhub:get-token (real JupyterHub)');

const ADMIN = secret();
const NOTE = 'MCP server token';
const TOKEN_LINE = /^([0-9a-f]{32})\n$/; // JupyterHub's new_token(): 32 hex characters

interface World {
  hub: JupyterHub;
  sc: Scenario;
}
let world: Promise<World> | undefined;

/** Started once, on first use: a hub that cannot start fails every test with its reason. */
function setup(): Promise<World> {
  world ??= (async () => {
    const hub = await startJupyterHub({ adminToken: ADMIN });
    const sc = await startScenario({ cluster: (s) => withHub(s, hub.target) });
    setAdminSecret(sc.fc, ADMIN);
    return { hub, sc };
  })();
  return world;
}

GetToken.after(async () => {
  if (!world) return;
  const w = await world.catch(() => undefined);
  await Promise.all([w?.hub.close(), w?.sc.close()]);
});

type Mode = 'api-url' | 'port-forward';
const MODES: Mode[] = ['api-url', 'port-forward'];
const modeEnv = (hub: JupyterHub, mode: Mode) =>
  mode === 'api-url' ? { JUPYTERHUB_API_URL: hub.apiUrl } : { JUPYTERHUB_API_URL: undefined };
/** The token the new-user test got, per mode. */
const issued = new Map<Mode, string>();
const PORT_FORWARD = `kubectl port-forward -n ${NS} svc/hub 0:8081`;
const GET_SECRET = `kubectl get secret ${ADMIN_SECRET} -n ${NS} -o json --ignore-not-found`;

/** Runs get-token; returns the result, the fake calls and the hub requests it caused. */
async function getToken(w: World, mode: Mode, args: string[]) {
  const calls = mark(w.sc.fc);
  const before = w.hub.requestCount();
  const r = await w.sc.run(['jupyterhub:get-token', ...args], modeEnv(w.hub, mode));
  const requests = w.hub.requests().slice(before);
  // The fake port-forward logs its call when it ends, after the CLI has stopped it.
  const forwarded = () => calls().some((c) => c.argv[0] === 'port-forward');
  const reachedForward = requests.length > 0 || /cannot reach the JupyterHub API/.test(r.stderr);
  if (mode === 'port-forward' && reachedForward) await waitUntil(forwarded, 'the stopped forward');
  else if (calls().length) await sleep(300); // time for a wrongly started one to show up
  const all = calls();
  // The admin token: nowhere in output, argv, stdin or recorded env.
  assert.not.ok(r.stdout.includes(ADMIN), 'admin token on stdout');
  assert.not.ok(r.stderr.includes(ADMIN), 'admin token on stderr');
  assertNotPassed(all, ADMIN, 'the admin token');
  return { ...r, calls: all, requests };
}

/** A port of 127.0.0.1 where nothing listens. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const JSON_TYPE = 'application/json';
const getUser = (user: string, status: number, token = ADMIN): HubRequest => ({
  method: 'GET',
  path: `/hub/api/users/${user}`,
  token,
  status,
});
const createUser = (user: string): HubRequest => ({
  method: 'POST',
  path: '/hub/api/users',
  token: ADMIN,
  contentType: JSON_TYPE,
  body: { usernames: [user] },
  status: 201,
});
const createToken = (user: string): HubRequest => ({
  method: 'POST',
  path: `/hub/api/users/${user}/tokens`,
  token: ADMIN,
  contentType: JSON_TYPE,
  body: { note: NOTE, scopes: [`access:servers!user=${user}`, 'self'] },
  status: 201,
});

/** get-token's check that the hub accepts the new token (it warns when not). */
const checkToken = (token: string): HubRequest => ({
  method: 'GET',
  path: '/hub/api/user',
  token,
  status: 200,
});

async function mcpTokens(hub: JupyterHub, user: string): Promise<number> {
  const r = await hub.api('GET', `users/${user}/tokens`, ADMIN);
  assert.is(r.status, 200, JSON.stringify(r.json));
  return (r.json.api_tokens as Array<{ note: string }>).filter((t) => t.note === NOTE).length;
}

/** The token is the user's, works on /hub/api/user, and carries the requested scopes. */
async function assertUserToken(hub: JupyterHub, token: string, user: string): Promise<void> {
  const me = await hub.api('GET', 'user', token);
  assert.is(me.status, 200, JSON.stringify(me.json));
  assert.is(me.json.name, user);
  assert.is(me.json.kind, 'user');
  // JupyterHub 3.0 expands `self` into fewer scopes than 5.x: assert "contains".
  assert.ok(me.json.scopes.includes(`access:servers!user=${user}`), JSON.stringify(me.json.scopes));
  assert.not.ok(me.json.scopes.includes('admin:users'), 'a user token, not an admin one');
  const list = await hub.api('GET', 'users', token);
  assert.is(list.status, 403, 'the token cannot list all users');
}

for (const mode of MODES) {
  const user = mode === 'api-url' ? 'alice' : 'bob'; // a new user per mode

  GetToken(`${mode}: new user → created in the hub, token alone on stdout`, async () => {
    const w = await setup();
    assert.not.ok((await w.hub.users()).includes(user));
    const r = await getToken(w, mode, [user]);
    assert.is(r.code, 0, r.stderr);
    const m = TOKEN_LINE.exec(r.stdout);
    assert.ok(m, `stdout is the token and a newline: ${JSON.stringify(r.stdout)}`);
    const token = m![1];
    issued.set(mode, token);
    assert.not.ok(r.stderr.includes(token), 'token on stderr');
    assert.ok((await w.hub.users()).includes(user));
    await assertUserToken(w.hub, token, user);
    assert.is(await mcpTokens(w.hub, user), 1);
    assert.equal(r.requests, [
      getUser(user, 404),
      createUser(user),
      createToken(user),
      checkToken(token),
    ]);
    assert.not.match(r.stderr, 'refuses this token');
    const expected = mode === 'api-url' ? [GET_SECRET] : [GET_SECRET, PORT_FORWARD];
    assert.equal(argvs(r.calls), expected);
    assertNotPassed(r.calls, token, 'the new token');
    if (mode === 'port-forward') {
      const pf = r.calls.find((c) => c.argv[0] === 'port-forward');
      assert.is(pf?.exit, 0, 'the port-forward was stopped (the fake ends cleanly on SIGTERM)');
    }
  });

  GetToken(`${mode}: existing user → no second user, a new token`, async () => {
    const w = await setup();
    const first = issued.get(mode);
    assert.ok(first, 'the token of the previous test');
    const usersBefore = await w.hub.users();
    assert.ok(usersBefore.includes(user), 'created by the previous test');
    const r = await getToken(w, mode, [user]);
    assert.is(r.code, 0, r.stderr);
    const token = TOKEN_LINE.exec(r.stdout)?.[1];
    assert.ok(token, `stdout is the token and a newline: ${JSON.stringify(r.stdout)}`);
    assert.not.ok(r.stderr.includes(token!), 'token on stderr');
    assert.equal(r.requests, [getUser(user, 200), createToken(user), checkToken(token!)]);
    assert.is.not(token, first, 'each run mints a new token');
    assert.equal(await w.hub.users(), usersBefore);
    assert.is(await mcpTokens(w.hub, user), 2);
    await assertUserToken(w.hub, token!, user);
    await assertUserToken(w.hub, first!, user); // the earlier token stays valid
  });

  GetToken(
    `${mode}: missing admin Secret → exit 1 naming it, nothing sent to the hub`,
    async () => {
      const w = await setup();
      setAdminSecret(w.sc.fc, undefined);
      try {
        const users = await w.hub.users();
        const r = await getToken(w, mode, ['carol']);
        assert.is(r.code, 1);
        assert.is(r.stdout, '');
        assert.match(r.stderr, `Secret ${ADMIN_SECRET} (key token) not found in namespace ${NS}`);
        assert.match(r.stderr, 'jupyterhub:create-admin-service-token-secret');
        assert.equal(r.requests, []);
        assert.equal(argvs(r.calls), [GET_SECRET], 'no port-forward either');
        assert.equal(await w.hub.users(), users);
      } finally {
        setAdminSecret(w.sc.fc, ADMIN);
      }
    },
  );

  GetToken(`${mode}: wrong admin token → the hub's 403 message, exit 1`, async () => {
    const w = await setup();
    const wrong = secret();
    setAdminSecret(w.sc.fc, wrong);
    try {
      const users = await w.hub.users();
      const r = await getToken(w, mode, ['dave']);
      assert.is(r.code, 1);
      assert.is(r.stdout, '');
      const direct = await w.hub.api('GET', 'users/dave', wrong);
      assert.is(direct.status, 403);
      assert.type(direct.json.message, 'string');
      assert.match(
        r.stderr,
        `JupyterHub refused to look up user dave (403: ${direct.json.message})`,
      );
      assert.match(
        r.stderr,
        `After replacing it, restart the hub: kubectl rollout restart deployment/hub -n ${NS}`,
      );
      assert.not.ok(r.stderr.includes(wrong), 'the wrong token is printed');
      assertNotPassed(r.calls, wrong, 'the admin token');
      assert.equal(r.requests, [getUser('dave', 403, wrong)]);
      assert.equal(await w.hub.users(), users);
    } finally {
      setAdminSecret(w.sc.fc, ADMIN);
    }
  });
}

GetToken('bad usernames → exit 2, no kubectl call, no hub request', async () => {
  const w = await setup();
  const names = ['../x', 'Alice', 'a b', 'x?y', '', 'users/x', '%2e%2e', 'a'.repeat(129)];
  // All at once (they are independent): any call or request fails every run's check.
  const runs = MODES.flatMap((mode) => names.map((name) => ({ mode, name })));
  const results = await Promise.all(runs.map((x) => getToken(w, x.mode, [x.name])));
  results.forEach((r, i) => {
    const { mode, name } = runs[i];
    const what = `${mode} ${JSON.stringify(name)}`;
    assert.is(r.code, 2, `${what}: ${r.stderr}`);
    assert.is(r.stdout, '', what);
    assert.match(r.stderr, `invalid username "${name.slice(0, 64)}"`, what);
    assert.equal(r.calls, [], `${what}: no kubectl call`);
    assert.equal(r.requests, [], `${what}: no hub request`);
  });
});

GetToken('--dry-run: only the lookup reaches the hub; the plan names user and scopes', async () => {
  const w = await setup();
  const r = await getToken(w, 'api-url', ['--dry-run', 'zed']);
  assert.is(r.code, 0, r.stderr);
  // stdout holds the plan only: no token without a hub change.
  assert.ok(
    r.stdout.endsWith(
      '\n\n# would create JupyterHub user zed\n' +
        '# would create a JupyterHub API token for zed (scopes: access:servers!user=zed, self)\n',
    ),
    r.stdout,
  );
  assert.not.match(r.stderr, '# would');
  assert.equal(r.requests, [getUser('zed', 404)]);
  assert.not.ok((await w.hub.users()).includes('zed'));
});

GetToken('hub not reachable (port-forward to a dead pod port) → exit 1, says so', async () => {
  const w = await setup();
  const closed = await closedPort();
  w.sc.fc.update((s) => void (s.services[`${NS}/hub`] = { target: `127.0.0.1:${closed}` }));
  try {
    const r = await getToken(w, 'port-forward', ['erin']);
    assert.is(r.code, 1, r.stderr);
    assert.is(r.stdout, '');
    assert.match(
      r.stderr,
      /cannot reach the JupyterHub API at http:\/\/127\.0\.0\.1:\d+\/hub\/api/,
    );
    assert.match(r.stderr, 'JUPYTERHUB_API_URL');
    assert.equal(r.requests, []);
    assert.ok(
      r.calls.some((c) => c.argv[0] === 'port-forward' && c.exit === 0),
      'forward stopped',
    );
  } finally {
    w.sc.fc.update((s) => void (s.services[`${NS}/hub`] = { target: w.hub.target }));
  }
});

GetToken(
  '--verbose prints neither token; the hub is left with only the users asked for',
  async () => {
    const w = await setup();
    const r = await getToken(w, 'port-forward', ['--verbose', 'alice']);
    assert.is(r.code, 0, r.stderr);
    const token = TOKEN_LINE.exec(r.stdout)?.[1];
    assert.ok(token, r.stdout);
    assert.not.ok(r.stderr.includes(token!), 'token on stderr with --verbose');
    assert.match(r.stderr, PORT_FORWARD, 'verbose echoes the commands');
    assert.equal(await w.hub.users(), ['alice', 'bob']);
    assertNotPassed(w.sc.fc.calls(), ADMIN, 'the admin token');
    assert.not.ok(w.sc.printed().includes(ADMIN), 'the admin token was printed by some run');
  },
);

GetToken.run();
