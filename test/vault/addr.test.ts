import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Ctx } from '../../tasks/core/context.js';
import { checkEnv } from '../../tasks/vault/index.js';
import { assertOneLineError } from '../support/assert-error.js';
import { runCli, tempDir } from '../support/cli.js';
import { testContext } from '../support/context.js';

// Where Vault is: vault:vault-addr (VAULT_ADDR > https://VAULT_HOST) and vault:check-env.
const test = suite('vault address: vault-addr and check-env');
let dir: ReturnType<typeof tempDir>;
test.before.each(() => {
  dir = tempDir();
});
test.after.each(() => dir.remove());
const run = (args: string[], env: Record<string, string | undefined> = {}, cwd = dir.path) =>
  runCli(args, { cwd, env });

test('vault-addr: VAULT_ADDR wins, else https://VAULT_HOST, else an error', async () => {
  const fromFile = tempDir();
  writeFileSync(join(fromFile.path, '.env.local'), 'VAULT_HOST=vault.file.example\n');
  const none = { VAULT_ADDR: undefined, VAULT_HOST: undefined };
  const [explicit, derived, file, unset] = await Promise.all([
    run(['vault:vault-addr'], {
      VAULT_ADDR: 'http://10.0.0.1:8200/',
      VAULT_HOST: 'vault.example.com',
    }),
    run(['vault:vault-addr'], { VAULT_ADDR: undefined, VAULT_HOST: 'vault.example.com' }),
    run(['vault:vault-addr'], none, fromFile.path),
    run(['vault:vault-addr'], none),
  ]);
  fromFile.remove();
  assert.equal(
    [explicit.code, explicit.stdout, explicit.stderr],
    [0, 'http://10.0.0.1:8200\n', ''],
  );
  assert.equal([derived.code, derived.stdout], [0, 'https://vault.example.com\n']);
  assert.is(file.stdout, 'https://vault.file.example\n');
  assertOneLineError(unset, /^✗ VAULT_HOST is not set$/);
});

test('check-env: without VAULT_HOST and a terminal it names the variable; with it nothing is asked', async () => {
  const [none, set] = await Promise.all([
    run(['vault:check-env'], { VAULT_HOST: undefined }),
    run(['vault:check-env'], { VAULT_HOST: 'vault.example.com' }),
  ]);
  assertOneLineError(none, /^✗ VAULT_HOST is required: set it in \.env\.local or the environment$/);
  assert.equal([set.code, set.stdout, set.stderr], [0, '', '']);
  assert.not.ok(existsSync(join(dir.path, '.env.local')));
});

test('check-env: an answered question is saved in .env.local with env:set', async () => {
  writeFileSync(join(dir.path, '.env.local'), '# mine\nOTHER=1\n');
  const { ctx } = testContext({
    cwd: dir.path,
    env: {},
    envFile: { path: join(dir.path, '.env.local'), values: { OTHER: '1' } },
  });
  const asked: string[] = [];
  const prompt = {
    ...ctx.prompt,
    input: async (q: { variable: string }) => (asked.push(q.variable), 'vault.asked.example'),
  };
  await checkEnv({ ...ctx, prompt } as unknown as Ctx);
  assert.equal(asked, ['VAULT_HOST']);
  assert.is(
    readFileSync(join(dir.path, '.env.local'), 'utf8'),
    '# mine\nOTHER=1\nVAULT_HOST=vault.asked.example\n',
  );
});

test.run();
