// get-token against the real JupyterHub the stack runs from the deployed release, reached
// the way an operator's run reaches it: kubectl port-forward to svc/hub (KWOK forwards the
// pod port to the local hub process).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { env, hubApi, loginAs, tasks } from '../support/stack.js';
import { fullInstall } from './fixture.js';

const test = suite('stack: get-token');

test('get-token alice (logged in through Keycloak) prints a token the hub accepts, scoped to alice', async () => {
  await loginAs('alice');
  const r = await tasks(['jupyterhub:get-token', 'alice'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  // The stack names its context (KUBE_CONTEXT): it reaches the port-forward too.
  assert.match(r.stderr, `kubectl --context ${env.KUBE_CONTEXT} port-forward`);
  const token = r.stdout.trim();
  assert.match(token, /^[A-Za-z0-9_]{16,}$/);
  assert.not.match(r.stderr, 'refuses this token');
  const me = await hubApi('user', token);
  assert.is(me.status, 200);
  assert.is(me.json.name, 'alice');
  const scopes: string[] = me.json.scopes;
  assert.ok(scopes.includes('access:servers!user=alice'), scopes.join(' '));
  assert.not.ok(
    scopes.some((s) => s.startsWith('admin')),
    scopes.join(' '),
  );
  assert.is((await hubApi('users', token)).status, 403, "alice's token cannot list users");
});

test('get-token bob (never logged in): the token, with a warning that the hub refuses it until bob logs in', async () => {
  const r = await tasks(['jupyterhub:get-token', 'bob'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, 'refuses this token until bob logs in');
  const token = r.stdout.trim();
  assert.is((await hubApi('user', token)).status, 403);
  await loginAs('bob');
  const me = await hubApi('user', token);
  assert.is(me.status, 200, 'after the login the same token works');
  assert.is(me.json.name, 'bob');
});

test.run();
