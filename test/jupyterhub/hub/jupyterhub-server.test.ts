// The real-JupyterHub harness itself (test/support/jupyterhub-server.ts): the admin-service
// registered exactly as the values template does it, the request log, clean shutdown, and
// failures that say why (a missing package fails, never skips).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  adminServiceSnippet,
  startJupyterHub,
  type JupyterHub,
} from '../../support/jupyterhub-server.js';
import { secret, waitUntil } from './fixtures.js';

const Harness = suite('test harness: a real JupyterHub');

const ADMIN = secret();
let hub: Promise<JupyterHub> | undefined;
const started = (): Promise<JupyterHub> => (hub ??= startJupyterHub({ adminToken: ADMIN }));
Harness.after(async () => (await hub?.catch(() => undefined))?.close());

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

Harness('the config runs the values template snippet verbatim', async () => {
  const h = await started();
  const snippet = adminServiceSnippet();
  assert.is(snippet.key, 'admin-service');
  assert.match(snippet.code, 'c.JupyterHub.services.append(');
  assert.match(snippet.code, "'scopes': ['admin:users', 'tokens', 'admin:servers']");
  const config = readFileSync(`${h.dir}/jupyterhub_config.py`, 'utf8');
  assert.match(config, JSON.stringify(snippet.code));
  assert.not.ok(config.includes(ADMIN), 'the admin token reaches the hub by env only');
});

Harness('admin-service has exactly the role of the values, and nothing more', async () => {
  const h = await started();
  assert.match(h.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.is(h.apiUrl, `${h.url}/hub/api`);
  assert.is(h.target, h.url.slice('http://'.length));
  const me = await h.api('GET', 'user', ADMIN);
  assert.is(me.status, 200, JSON.stringify(me.json));
  assert.is(me.json.kind, 'service');
  assert.is(me.json.name, 'admin-service');
  for (const scope of ['admin:users', 'tokens', 'admin:servers']) {
    assert.ok(me.json.scopes.includes(scope), `${scope} in ${me.json.scopes}`);
  }
  assert.not.ok(me.json.scopes.includes('admin:groups'), 'not a hub admin');
  assert.is((await h.api('GET', 'groups', ADMIN)).status, 403);
  assert.equal(await h.users(), []);
});

Harness('requests(): what went through the front, bodies included; answers unchanged', async () => {
  const h = await started();
  const before = h.requestCount();
  const viaFront = await fetch(`${h.apiUrl}/users/zed`, {
    headers: { Authorization: `token ${ADMIN}` },
  });
  assert.is(viaFront.status, 404);
  assert.equal(await viaFront.json(), (await h.api('GET', 'users/zed', ADMIN)).json);
  const refused = await fetch(`${h.apiUrl}/users`, {
    method: 'POST',
    body: '{"usernames": ["zed"]}',
  });
  assert.is(refused.status, 403);
  assert.match(
    ((await refused.json()) as { message: string }).message,
    'requires any of [admin:users]',
  );
  await h.users(); // direct: not recorded
  assert.equal(h.requests().slice(before), [
    { method: 'GET', path: '/hub/api/users/zed', token: ADMIN, status: 404 },
    {
      method: 'POST',
      path: '/hub/api/users',
      contentType: 'text/plain;charset=UTF-8',
      body: { usernames: ['zed'] },
      status: 403,
    },
  ]);
  assert.is(h.requestCount(), before + 2);
  assert.equal(await h.users(), [], 'nothing created');
  assert.not.ok(h.log().includes(ADMIN), 'the hub logs no token');
});

Harness('close(): the hub is gone and its temp dir removed', async () => {
  const h = await started();
  await h.close();
  assert.not.ok(alive(h.pid), 'hub process still alive');
  assert.not.ok(existsSync(h.dir), 'temp dir left behind');
  await h.close(); // idempotent
});

Harness('a missing /usr/bin/jupyterhub fails with the install command', async () => {
  try {
    await startJupyterHub({ adminToken: ADMIN, bin: '/nonexistent/jupyterhub' });
    assert.unreachable('started without a binary');
  } catch (err) {
    assert.instance(err, Error);
    assert.match((err as Error).message, 'run: apt-get install -y jupyterhub');
  }
});

Harness('a hub that exits while starting → the reason with the log tail', async () => {
  const t0 = Date.now();
  try {
    await startJupyterHub({
      adminToken: ADMIN,
      extraConfig: 'raise SystemExit("config broken on purpose")',
    });
    assert.unreachable('a broken config started');
  } catch (err) {
    const message = (err as Error).message;
    assert.match(
      message,
      /JupyterHub \(\/usr\/bin\/jupyterhub\) exited \(code \d+\) before it was ready/,
    );
    assert.match(message, '--- hub log (tail) ---');
    assert.match(message, 'config broken on purpose');
  }
  assert.ok(Date.now() - t0 < 10_000, 'did not wait for the readiness deadline');
});

/** A test process that starts a hub, prints its pid and dir, then ends as `how` says. */
function orphan(how: 'exit' | 'sigkill'): Promise<{ pid: number; dir: string }> {
  const harness = new URL('../../support/jupyterhub-server.js', import.meta.url).href;
  const script = `
    const { startJupyterHub } = await import(${JSON.stringify(harness)});
    const hub = await startJupyterHub({ adminToken: 'x'.repeat(48) });
    process.stdout.write(hub.pid + ' ' + hub.dir + '\\n');
    if (${JSON.stringify(how)} === 'exit') process.exit(0);
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^(\d+) (\S+)\n/.exec(out);
      if (!m) return;
      if (how === 'sigkill') child.kill('SIGKILL');
      resolve({ pid: Number(m[1]), dir: m[2] });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!/^\d+ \S+\n/.test(out))
        reject(new Error(`no hub started (${code ?? signal}): ${out}\n${err}`));
    });
  });
}

Harness('a test process that exits or is killed without close() takes its hub along', async () => {
  const [viaExit, viaKill] = await Promise.all([orphan('exit'), orphan('sigkill')]);
  await waitUntil(() => !alive(viaExit.pid), 'hub of a process.exit()', 5_000);
  await waitUntil(() => !alive(viaKill.pid), 'hub of a SIGKILLed test process (watchdog)', 10_000);
  for (const { dir } of [viaExit, viaKill]) assert.not.ok(existsSync(dir), `${dir} left behind`);
});

Harness.run();
