// pre_spawn_hook.gomplate.py renders to Python that compiles with Vault on and off.
// Its behaviour against the Vault test server is tested by test/python/.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { baseEnv } from './env.js';
import { renderTemplate } from './render.js';
import { python3, run } from './tools.js';

const Hook = suite('jupyterhub pre_spawn_hook.py');

const COMPILE = 'import sys; compile(sys.stdin.read(), "pre_spawn_hook.py", "exec")';

// Executes the rendered hook with a stand-in `c` and spawner; prints the environment.
const EXECUTE = `
import asyncio, json, logging, sys, types
c = types.SimpleNamespace(KubeSpawner=types.SimpleNamespace())
exec(compile(sys.stdin.read(), "pre_spawn_hook.py", "exec"), {"c": c})
spawner = types.SimpleNamespace(
    user=types.SimpleNamespace(name="alice"), environment={"KEEP": "1"}, log=logging.getLogger("t")
)
asyncio.run(c.KubeSpawner.pre_spawn_hook(spawner))
print(json.dumps(spawner.environment, sort_keys=True))
`;

for (const vault of ['true', 'false']) {
  Hook(`Vault ${vault === 'true' ? 'on' : 'off'}: compiles with python3`, () => {
    const hook = renderTemplate('pre_spawn_hook.gomplate.py', baseEnv({ JUPYTERHUB_VAULT_INTEGRATION_ENABLED: vault }));
    const r = run(python3(), ['-c', COMPILE], { input: hook });
    assert.is(r.status, 0, r.stderr);
    assert.ok(hook.endsWith('\n') && !hook.endsWith('\n\n'), 'exactly one final newline');
    assert.match(hook, 'c.KubeSpawner.pre_spawn_hook = _pre_spawn_hook');
    assert.is(hook.includes('NOTEBOOK_VAULT_TOKEN'), vault === 'true');
    assert.is(hook.includes('import hvac'), vault === 'true');
  });
}

Hook('Vault off: sets only the fixed variables and the log level, quoted safely', () => {
  const level = 'de"bug\\\'';
  const hook = renderTemplate('pre_spawn_hook.gomplate.py', baseEnv({ JUPYTER_BUUNSTACK_LOG_LEVEL: level }));
  const r = run(python3(), ['-c', EXECUTE], { input: hook });
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), {
    BUUNSTACK_LOG_LEVEL: level,
    JUPYTERHUB_API_URL: 'http://hub:8081/hub/api',
    KEEP: '1',
    POSTGRES_HOST: 'postgres-cluster-rw.postgres',
    POSTGRES_PORT: '5432',
  });
});

Hook.run();
