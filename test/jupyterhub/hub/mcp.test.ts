// jupyterhub:setup-mcp-server and setup-claude-mcp-server over the fake cluster: exact
// output, `--json` alone on stdout, the username asked (terminal) or required (none).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startScenario, type Scenario } from '../../support/scenario.js';
import { runInTerminal } from '../../support/terminal.js';
import {
  HOST,
  NS,
  argvs,
  assertNotPassed,
  mark,
  secret,
  setUserPods,
  withHub,
} from './fixtures.js';

const Mcp = suite('jupyterhub:setup-mcp-server, setup-claude-mcp-server');

const TOKEN = secret();
const URL = `https://${HOST}/user/alice/mcp`;
const POD_CALLS = [
  `kubectl get pods -n ${NS} -l app=jupyterhub,component=singleuser-server,hub.jupyter.org/username=alice -o json`,
  `kubectl exec -n ${NS} jupyter-alice -- printenv JUPYTERHUB_API_TOKEN`,
];
const CLAUDE_JSON = {
  mcpServers: {
    'jupyter-alice': {
      type: 'http',
      url: URL,
      headers: { Authorization: 'token ${JUPYTERHUB_TOKEN}' },
    },
  },
};

let sc: Scenario | undefined;
async function scenario(): Promise<Scenario> {
  if (!sc) {
    sc = await startScenario({ cluster: (s) => withHub(s) });
    setUserPods(sc.fc, [
      { user: 'alice', env: { JUPYTERHUB_API_TOKEN: TOKEN } },
      { user: 'bob', env: { JUPYTERHUB_API_TOKEN: secret() } },
      { user: 'carol', phase: 'Pending' },
    ]);
  }
  return sc;
}
Mcp.after(async () => sc?.close());

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  const s = await scenario();
  const calls = mark(s.fc);
  const r = await s.run(args, env);
  const all = calls();
  assertNotPassed(all, TOKEN, 'the user token');
  assert.not.ok(r.stderr.includes(TOKEN), 'the token on stderr');
  return { ...r, calls: all };
}

Mcp('setup-mcp-server alice → URL, transport, token, header form, export line, tools', async () => {
  const r = await run(['jupyterhub:setup-mcp-server', 'alice']);
  assert.is(r.code, 0, r.stderr);
  assert.is(
    r.stdout,
    [
      'MCP server for alice',
      `  URL:        ${URL}`,
      '  Transport:  HTTP (streamable-http)',
      `  Token:      ${TOKEN}`,
      '  Header:     Authorization: token <token>',
      '',
      `export JUPYTERHUB_TOKEN=${TOKEN}`,
      '',
      'Tools: list_files, list_kernels, use_notebook, list_notebooks, insert_cell, execute_cell, read_cell, delete_cell, execute_code',
      'Start with list_files, then use_notebook to open or create a notebook.',
      '',
    ].join('\n'),
  );
  assert.equal(argvs(r.calls), POD_CALLS);
});

Mcp('setup-claude-mcp-server alice → the .mcp.json object and the export line', async () => {
  const r = await run(['jupyterhub:setup-claude-mcp-server', 'alice']);
  assert.is(r.code, 0, r.stderr);
  assert.is(
    r.stdout,
    [
      'Add this to .mcp.json:',
      '{',
      '  "mcpServers": {',
      '    "jupyter-alice": {',
      '      "type": "http",',
      `      "url": "${URL}",`,
      '      "headers": {',
      '        "Authorization": "token ${JUPYTERHUB_TOKEN}"',
      '      }',
      '    }',
      '  }',
      '}',
      '',
      'Then, in the shell that starts Claude Code:',
      `export JUPYTERHUB_TOKEN=${TOKEN}`,
      '',
    ].join('\n'),
  );
  assert.equal(argvs(r.calls), POD_CALLS);
});

for (const args of [
  ['alice', '--json'],
  ['--json', 'alice'],
]) {
  Mcp(`setup-claude-mcp-server ${args.join(' ')} → only valid JSON on stdout`, async () => {
    const r = await run(['jupyterhub:setup-claude-mcp-server', ...args]);
    assert.is(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout), CLAUDE_JSON);
    assert.is(r.stdout, `${JSON.stringify(CLAUDE_JSON, null, 2)}\n`);
    assert.match(r.stdout, '"token ${JUPYTERHUB_TOKEN}"', 'stays literal');
    assert.not.ok(r.stdout.includes(TOKEN), 'the token is not in the JSON');
    assert.match(r.stderr, 'npx tasks jupyterhub:setup-mcp-server alice', 'where to get the token');
  });
}

for (const recipe of ['setup-mcp-server', 'setup-claude-mcp-server']) {
  Mcp(`${recipe}: no username and no terminal → exit 1 naming the argument`, async () => {
    const r = await run([`jupyterhub:${recipe}`, ...(recipe.includes('claude') ? ['--json'] : [])]);
    assert.is(r.code, 1, r.stderr);
    assert.is(r.stdout, '');
    assert.match(r.stderr, 'argument <username> is required');
    assert.equal(r.calls, []);
  });

  Mcp(`${recipe}: no JUPYTERHUB_HOST and no terminal → exit 1 naming it`, async () => {
    const r = await run([`jupyterhub:${recipe}`, 'alice'], { JUPYTERHUB_HOST: undefined });
    assert.is(r.code, 1, r.stderr);
    assert.is(r.stdout, '');
    assert.match(r.stderr, 'JUPYTERHUB_HOST is required');
    assert.equal(r.calls, []);
  });

  Mcp(`${recipe}: bad username → exit 2 before any kubectl call`, async () => {
    const r = await run([`jupyterhub:${recipe}`, 'Alice/../x']);
    assert.is(r.code, 2, r.stderr);
    assert.is(r.stdout, '');
    assert.match(r.stderr, 'invalid username "Alice/../x"');
    assert.equal(r.calls, []);
  });

  Mcp(`${recipe}: no running pod → exit 1, nothing on stdout`, async () => {
    for (const [user, message] of [
      ['dave', `no server pod for user dave in ${NS}`],
      ['carol', 'the server pod of carol (jupyter-carol) is Pending, not Running'],
    ]) {
      const r = await run([
        `jupyterhub:${recipe}`,
        user,
        ...(recipe.includes('claude') ? ['--json'] : []),
      ]);
      assert.is(r.code, 1, r.stderr);
      assert.is(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, `https://${HOST}/hub/home`);
    }
  });
}

Mcp('setup-claude-mcp-server in a terminal without username → asks for it', async () => {
  const s = await scenario();
  const calls = mark(s.fc);
  const r = await runInTerminal(
    ['jupyterhub:setup-claude-mcp-server', '--json'],
    s.env,
    'JupyterHub username',
    'alice',
  );
  assert.is(r.code, 0, r.out);
  assert.match(r.out, '? JupyterHub username');
  const json = r.out
    .slice(r.out.indexOf('{\r\n'), r.out.lastIndexOf('}') + 1)
    .replace(/\r\n/g, '\n');
  assert.equal(JSON.parse(json), CLAUDE_JSON);
  assert.equal(argvs(calls()), POD_CALLS);
});

Mcp.run();
