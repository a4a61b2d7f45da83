// The token lifecycle against a REAL JupyterHub (Debian's 3.0): get-token's --expires-in,
// --scopes and --note reach the hub; list-tokens prints the hub's own view (table and
// --json); revoke-token ends one token or, confirmed, all of them. Exit codes and
// refusals included. One hub and one fake cluster for the file (JUPYTERHUB_API_URL).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startScenario, type Scenario } from '../../support/scenario.js';
import { startJupyterHub, type JupyterHub } from '../../support/jupyterhub-server.js';
import { secret, setAdminSecret, withHub } from './fixtures.js';

const test = suite('jupyterhub:get-token options, list-tokens, revoke-token (real JupyterHub)');

const ADMIN = secret();
let hub: JupyterHub;
let sc: Scenario;

test.before(async () => {
  hub = await startJupyterHub({ adminToken: ADMIN });
  sc = await startScenario({ cluster: (s) => withHub(s, hub.target) });
  setAdminSecret(sc.fc, ADMIN);
});
test.after(async () => void (await Promise.all([hub?.close(), sc?.close()])));

const run = (args: string[]) => sc.run(args, { JUPYTERHUB_API_URL: hub.apiUrl });
const hubTokens = async (user: string) =>
  (await hub.api('GET', `users/${user}/tokens`, ADMIN)).json.api_tokens as any[];

test('get-token --expires-in 2h --scopes --note: the hub stores that lifetime, those scopes, that note', async () => {
  const r = await run([
    'jupyterhub:get-token',
    'alice',
    '--expires-in',
    '2h',
    '--scopes=read:users:name!user=alice, access:servers!user=alice',
    '--note',
    'ci token',
  ]);
  assert.is(r.code, 0, r.stderr);
  const token = r.stdout.trim();
  const request = hub.requests().find((q) => q.method === 'POST' && q.path.endsWith('/tokens'));
  assert.equal(request?.body, {
    note: 'ci token',
    scopes: ['read:users:name!user=alice', 'access:servers!user=alice'],
    expires_in: 7200,
  });
  const [t] = (await hubTokens('alice')).filter((x) => x.note === 'ci token');
  assert.ok(t, 'stored with its note');
  const life = Date.parse(t.expires_at) - Date.parse(t.created);
  assert.ok(Math.abs(life - 7_200_000) < 60_000, `expires 2h after creation (${life} ms)`);
  assert.is((await hub.api('GET', 'user', token)).status, 200);
});

test("get-token without options keeps today's request: no expiry, the MCP note and scopes", async () => {
  const before = hub.requestCount();
  const r = await run(['jupyterhub:get-token', 'alice']);
  assert.is(r.code, 0, r.stderr);
  const request = hub
    .requests()
    .slice(before)
    .find((q) => q.method === 'POST' && q.path.endsWith('/tokens'));
  assert.equal(request?.body, {
    note: 'MCP server token',
    scopes: ['access:servers!user=alice', 'self'],
  });
});

test('get-token: a bad --expires-in or an empty --scopes is a usage error (exit 2) before any call', async () => {
  for (const args of [['--expires-in', 'soon'], ['--scopes', ' , '], ['--expires-in']]) {
    const before = hub.requestCount();
    const r = await run(['jupyterhub:get-token', 'alice', ...args]);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.is(r.stdout, '');
    assert.is(hub.requestCount(), before, 'nothing sent to the hub');
  }
});

test("list-tokens --json: the hub's tokens of alice, fields as the hub gives them, no token value", async () => {
  const r = await run(['jupyterhub:list-tokens', 'alice', '--json']);
  assert.is(r.code, 0, r.stderr);
  const listed = JSON.parse(r.stdout) as any[];
  const theirs = await hubTokens('alice');
  assert.equal(
    listed.map((t) => [t.id, t.note, t.scopes, t.created, t.expires_at, t.last_activity]),
    theirs.map((t) => [
      String(t.id),
      t.note,
      t.scopes ?? [],
      t.created,
      t.expires_at ?? null,
      t.last_activity ?? null,
    ]),
  );
  assert.equal(Object.keys(listed[0]).sort(), [
    'created',
    'expires_at',
    'id',
    'last_activity',
    'note',
    'scopes',
  ]);
});

test('list-tokens: a table, one line per token; "never" for no expiry', async () => {
  const r = await run(['jupyterhub:list-tokens', 'alice']);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^ID\s+NOTE\s+SCOPES\s+CREATED\s+EXPIRES\s+LAST USED$/);
  const theirs = await hubTokens('alice');
  assert.is(lines.length, theirs.length + 1);
  const mcp = theirs.find((t) => t.note === 'MCP server token');
  const row = lines.find((l) => l.startsWith(`${mcp.id} `));
  assert.match(row ?? '', /MCP server token\s/);
  assert.match(row ?? '', / never\s/);
});

test('list-tokens of an unknown user: exit 1 naming it', async () => {
  const r = await run(['jupyterhub:list-tokens', 'nobody']);
  assert.is(r.code, 1);
  assert.match(r.stderr, 'JupyterHub has no user nobody');
});

test('revoke-token <user> <id>: that token stops working, the others stay', async () => {
  const kept = (await run(['jupyterhub:get-token', 'alice', '--note', 'keep'])).stdout.trim();
  const doomed = (await run(['jupyterhub:get-token', 'alice', '--note', 'doomed'])).stdout.trim();
  const id = (await hubTokens('alice')).find((t) => t.note === 'doomed').id;
  const r = await run(['jupyterhub:revoke-token', 'alice', String(id)]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '');
  assert.match(r.stderr, `revoked JupyterHub API token ${id} of alice (doomed)`);
  assert.is((await hub.api('GET', 'user', doomed)).status, 403);
  assert.is((await hub.api('GET', 'user', kept)).status, 200);
  const again = await run(['jupyterhub:revoke-token', 'alice', String(id)]);
  assert.is(again.code, 1);
  assert.match(again.stderr, `alice has no API token with id ${id}`);
  assert.match(again.stderr, 'jupyterhub:list-tokens alice');
});

test('revoke-token: neither or both of <id> and --all is a usage error (exit 2), nothing revoked', async () => {
  const count = (await hubTokens('alice')).length;
  for (const args of [['alice'], ['alice', 'a1', '--all']]) {
    const r = await run(['jupyterhub:revoke-token', ...args]);
    assert.is(r.code, 2, r.stderr);
  }
  assert.is((await hubTokens('alice')).length, count);
});

test('revoke-token --all: refused without --yes (no terminal), a plan with --dry-run, done with --yes', async () => {
  const count = (await hubTokens('alice')).length;
  assert.ok(count >= 2);
  const refused = await run(['jupyterhub:revoke-token', 'alice', '--all']);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, `This revokes ${count} API token(s) of alice`);
  assert.match(refused.stderr, 'pass --yes');
  const dry = await run(['jupyterhub:revoke-token', 'alice', '--all', '--dry-run']);
  assert.is(dry.code, 0, dry.stderr);
  assert.is(dry.stdout.match(/# would revoke JupyterHub API token /g)?.length, count);
  assert.is((await hubTokens('alice')).length, count, 'nothing revoked yet');
  const yes = await run(['jupyterhub:revoke-token', 'alice', '--all', '--yes']);
  assert.is(yes.code, 0, yes.stderr);
  assert.equal(await hubTokens('alice'), []);
  const none = await run(['jupyterhub:revoke-token', 'alice', '--all', '--yes']);
  assert.is(none.code, 0, none.stderr);
  assert.match(none.stderr, 'alice has no API tokens');
});

test('the admin token is never printed', () => {
  assert.not.ok(sc.printed().includes(ADMIN));
});

test.run();
