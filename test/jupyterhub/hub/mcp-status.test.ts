// jupyterhub:mcp-status over the fake cluster: pod running?, the jupyter_mcp_server line of
// `jupyter server extension list`, and an HTTP probe of localhost:8888/mcp inside the pod
// that authenticates with the pod's own JUPYTERHUB_API_TOKEN (expanded by the pod's shell).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CannedResult } from '../../fakes/index.js';
import { startScenario, type Scenario } from '../../support/scenario.js';
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

const McpStatus = suite('jupyterhub:mcp-status');

const TOKEN = secret();
const GET_PODS = `kubectl get pods -n ${NS} -l app=jupyterhub,component=singleuser-server,hub.jupyter.org/username=alice -o json`;
const EXT = 'jupyter server extension list';
// `$JUPYTERHUB_API_TOKEN` is literal here: the pod's shell expands it.
const PROBE =
  'sh -c curl -s -o /dev/null -w "%{http_code}" -H "Authorization: token $JUPYTERHUB_API_TOKEN" http://localhost:8888/mcp';

// jupyter_server writes the list to stderr.
const extensions = (mcp: boolean): CannedResult => ({
  code: 0,
  stderr: [
    'Config dir: /home/jovyan/.jupyter',
    '',
    'Config dir: /opt/conda/etc/jupyter',
    '    jupyter_lsp enabled',
    '    - Validating jupyter_lsp...',
    '      jupyter_lsp 2.2.5 OK',
    ...(mcp
      ? [
          '    jupyter_mcp_server enabled',
          '    - Validating jupyter_mcp_server...',
          '      jupyter_mcp_server 0.17.0 OK',
        ]
      : []),
    '    jupyterlab enabled',
    '    - Validating jupyterlab...',
    '      jupyterlab 4.4.3 OK',
    '',
    'Config dir: /usr/local/etc/jupyter',
    '',
  ].join('\n'),
});
const http = (code: string, exit = 0): CannedResult => ({ code: exit, stdout: code });

let sc: Scenario | undefined;
async function scenario(): Promise<Scenario> {
  sc ??= await startScenario({ cluster: (s) => withHub(s) });
  return sc;
}
McpStatus.after(async () => sc?.close());

async function mcpStatus(
  pod: Parameters<typeof setUserPods>[1][number] | undefined,
  args = ['alice'],
) {
  const s = await scenario();
  setUserPods(s.fc, [
    { user: 'bob', env: { JUPYTERHUB_API_TOKEN: secret() } },
    ...(pod ? [pod] : []),
  ]);
  const calls = mark(s.fc);
  const r = await s.run(['jupyterhub:mcp-status', ...args]);
  const all = calls();
  // The token never crosses argv (nor stdin, nor the recorded env) and is never printed.
  assertNotPassed(all, TOKEN, 'the user token');
  assert.not.ok(r.stdout.includes(TOKEN) || r.stderr.includes(TOKEN), 'the token was printed');
  return { ...r, calls: all };
}

const running = (ext: CannedResult, probe: CannedResult) => ({
  user: 'alice',
  env: { JUPYTERHUB_API_TOKEN: TOKEN },
  exec: { [EXT]: ext, [PROBE]: probe },
});

McpStatus('no pod → exit 1 with the hub URL to start one', async () => {
  const r = await mcpStatus(undefined);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.match(r.stderr, 'no running server for alice\n');
  assert.match(r.stderr, `start one at https://${HOST}/hub/home`);
  assert.equal(argvs(r.calls), [GET_PODS]);
});

McpStatus('Pending pod → exit 1 naming the phase, nothing exec-ed', async () => {
  const r = await mcpStatus({ ...running(extensions(true), http('200')), phase: 'Pending' });
  assert.is(r.code, 1);
  assert.match(r.stderr, 'no running server for alice (pod jupyter-alice is Pending)');
  assert.match(r.stderr, `https://${HOST}/hub/home`);
  assert.equal(argvs(r.calls), [GET_PODS]);
});

for (const code of ['200', '405']) {
  McpStatus(`running, extension listed, endpoint ${code} → all ok`, async () => {
    const r = await mcpStatus(running(extensions(true), http(code)));
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, '');
    assert.match(r.stderr, '✓ pod jupyter-alice is Running\n');
    assert.match(r.stderr, '✓ extension: jupyter_mcp_server enabled\n');
    assert.match(r.stderr, `✓ MCP endpoint responds (HTTP ${code})\n`);
    assert.not.match(r.stderr, /^! /m, 'no warning');
    assert.equal(argvs(r.calls), [
      GET_PODS,
      `kubectl exec -n ${NS} jupyter-alice -- ${EXT}`,
      `kubectl exec -n ${NS} jupyter-alice -- ${PROBE}`,
    ]);
    // The probe's header names the pod's variable: the token itself is never sent.
    assert.ok(r.calls[2].argv.at(-1)?.includes('$JUPYTERHUB_API_TOKEN'));
  });
}

McpStatus('extension missing → a warning, the probe still runs', async () => {
  const r = await mcpStatus(running(extensions(false), http('200')));
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /^! jupyter_mcp_server is not in the server extension list$/m);
  assert.not.match(r.stderr, '✓ extension');
  assert.match(r.stderr, '✓ MCP endpoint responds (HTTP 200)');
  assert.is(r.calls.length, 3);
});

McpStatus('endpoint 500 → a warning with the code', async () => {
  const r = await mcpStatus(running(extensions(true), http('500')));
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, '✓ extension: jupyter_mcp_server enabled');
  assert.match(r.stderr, /^! MCP endpoint answered 500$/m);
  assert.not.match(r.stderr, 'responds');
});

McpStatus('nothing listening (curl 000, exit 7) → a warning with both', async () => {
  const r = await mcpStatus(running(extensions(true), http('000', 7)));
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /^! MCP endpoint answered 000 \(exec exit 7\)$/m);
  assert.not.match(r.stderr, 'responds');
});

McpStatus(
  'username missing (no terminal) → exit 1 naming the argument; bad one → exit 2',
  async () => {
    const r = await mcpStatus(running(extensions(true), http('200')), []);
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, 'argument <username> is required');
    assert.equal(r.calls, []);
    const bad = await mcpStatus(running(extensions(true), http('200')), ['x?y']);
    assert.is(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, 'invalid username "x?y"');
    assert.equal(bad.calls, []);
  },
);

McpStatus.run();
