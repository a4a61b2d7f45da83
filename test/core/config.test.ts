import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadEnvFile, locateEnvFile } from '../../tasks/core/env-file.js';
import { TaskError } from '../../tasks/core/errors.js';
import { bool, duration, int, oneOf, secret, str } from '../../tasks/core/vars.js';
import { tempDir } from '../support/cli.js';
import { testContext } from '../support/context.js';
import { FakeBin } from '../support/fake-bin.js';

const config = suite('core/config: .env.local, precedence, typed variables, op://');
let dir: ReturnType<typeof tempDir>;
config.before.each(() => {
  dir = tempDir();
});
config.after.each(() => dir.remove());

const table = {
  HOST: str('host'),
  NAMESPACE: str('ns', 'jupyter'),
  ENABLED: bool('switch'),
  PROFILE: bool('profile', 'true'),
  LIMIT: int('limit', '1'),
  TTL: duration('ttl', '24h'),
  TOOL: oneOf(['docker', 'podman'], 'tool', 'docker'),
  TOKEN: secret('token'),
};

function withFile(text: string) {
  const path = join(dir.path, '.env.local');
  writeFileSync(path, text);
  return loadEnvFile(path);
}

config('.env.local is found walking up from the working directory; --env-file overrides', () => {
  const nested = join(dir.path, 'a', 'b');
  writeFileSync(join(dir.path, '.env.local'), 'X=1\n');
  mkdirSync(nested, { recursive: true });
  assert.is(locateEnvFile(nested, undefined), join(dir.path, '.env.local'));
  writeFileSync(join(dir.path, 'other.env'), 'X=2\n');
  assert.is(locateEnvFile(nested, join(dir.path, 'other.env')), join(dir.path, 'other.env'));
  assert.throws(() => locateEnvFile(nested, 'missing.env'), /env file not found/);
});

config(
  'the environment wins over the file, which wins over the default; empty means default',
  async () => {
    const envFile = withFile('HOST=file.example.com\nNAMESPACE=from-file\nLIMIT=\nENABLED=true\n');
    const { ctx } = testContext({ env: { NAMESPACE: 'from-env' }, envFile });
    const v = await ctx.config.read(table);
    assert.is(v.HOST, 'file.example.com');
    assert.is(v.NAMESPACE, 'from-env');
    assert.is(v.LIMIT, 1);
    assert.is(v.ENABLED, true);
    assert.is(v.PROFILE, true);
    assert.is(v.TTL, '24h');
    assert.is(ctx.config.source('NAMESPACE'), 'environment');
    assert.is(ctx.config.source('HOST'), 'env file');
    assert.is(ctx.config.source('TTL', table.TTL), 'default');
  },
);

config('an empty boolean without default is "not decided" (undefined)', async () => {
  const { ctx } = testContext({ env: { ENABLED: '' } });
  assert.is((await ctx.config.read(table)).ENABLED, undefined);
});

config('invalid values are reported together, each naming its variable', async () => {
  const { ctx } = testContext({
    env: { ENABLED: 'yes', LIMIT: 'two', TTL: '1 day', TOOL: 'nerdctl' },
  });
  try {
    await ctx.config.read(table);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, TaskError);
    const m = (err as Error).message;
    assert.match(m, 'ENABLED must be true or false (got "yes")');
    assert.match(m, 'LIMIT must be an integer (got "two")');
    assert.match(m, 'TTL must be a duration');
    assert.match(m, 'TOOL must be one of docker, podman (got "nerdctl")');
  }
});

config('secret variables are registered for redaction when read', async () => {
  const t = testContext({ env: { TOKEN: 'root-token-xyz' } });
  await t.ctx.config.read(table);
  t.ctx.log.info('using root-token-xyz');
  assert.is(t.err(), 'using ***\n');
});

config('op:// values are read with `op read` and become secrets', async () => {
  const fakes = new FakeBin(dir.path);
  fakes.add(
    'op',
    '[ "$1" = read ] && [ "$2" = "op://vault/item/token" ] && printf "resolved-secret-1\\n" && exit 0; echo "[ERROR] item not found" >&2; exit 1',
  );
  const t = testContext({
    env: { PATH: fakes.path(), TOKEN: 'op://vault/item/token', HOST: 'op://vault/item/missing' },
  });
  assert.is(await t.ctx.config.text('TOKEN', table.TOKEN), 'resolved-secret-1');
  assert.is(await t.ctx.config.text('TOKEN', table.TOKEN), 'resolved-secret-1');
  assert.is(fakes.calls().length, 1, 'resolved once per run');
  t.ctx.log.info('x resolved-secret-1 y');
  assert.match(t.err(), 'x *** y');
  try {
    await t.ctx.config.text('HOST');
    assert.unreachable();
  } catch (err) {
    assert.match(
      (err as Error).message,
      'op read op://vault/item/missing failed: [ERROR] item not found',
    );
  }
});

config('op:// without the op CLI is a clear error', async () => {
  const { ctx } = testContext({ env: { PATH: '/nonexistent', TOKEN: 'op://v/i/f' } });
  try {
    await ctx.config.text('TOKEN');
    assert.unreachable();
  } catch (err) {
    assert.instance(err, TaskError);
    assert.match((err as Error).message, 'the 1Password CLI (op) is not installed');
  }
});

config('values set during the run (answers) win and are visible to chained recipes', async () => {
  const { ctx } = testContext({ env: { HOST: '' } });
  ctx.config.set('HOST', 'asked.example.com');
  assert.is((await ctx.config.read(table)).HOST, 'asked.example.com');
  assert.is(ctx.config.source('HOST'), 'this run');
});

config.run();
