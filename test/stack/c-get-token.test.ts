// get-token against the real JupyterHub the stack runs from the deployed release.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hubApi, tasks } from '../support/stack.js';
import { fullInstall } from './fixture.js';

const test = suite('stack: get-token');

test('get-token alice prints a token the real hub accepts, with the expected scopes', async () => {
  const r = await tasks(['jupyterhub:get-token', 'alice'], fullInstall());
  assert.is(r.code, 0, r.stderr);
  const token = r.stdout.trim();
  assert.match(token, /^[A-Za-z0-9_]{16,}$/);
  const me = await hubApi('user', token);
  assert.is(me.status, 200);
  assert.is(me.json.name, 'alice');
  const scopes: string[] = me.json.scopes;
  assert.ok(scopes.includes('access:servers!user=alice'), scopes.join(' '));
  // No admin power leaks into the user's token.
  assert.not.ok(
    scopes.some((s) => s === 'admin:users' || s.startsWith('admin')),
    scopes.join(' '),
  );
  const others = await hubApi('users', token);
  assert.is(others.status, 403);
});

test.run();
