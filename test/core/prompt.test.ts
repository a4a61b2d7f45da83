import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TaskError } from '../../tasks/core/errors.js';
import { testContext } from '../support/context.js';

const prompt = suite('core/prompt: questions without a terminal');

prompt('a missing text value is an error naming the variable to set', async () => {
  const { ctx } = testContext();
  try {
    await ctx.prompt.input({ variable: 'JUPYTERHUB_HOST', message: 'JupyterHub host (FQDN)' });
    assert.unreachable();
  } catch (err) {
    assert.instance(err, TaskError);
    assert.is(
      (err as Error).message,
      'JUPYTERHUB_HOST is required: set it in .env.local or the environment',
    );
  }
  try {
    await ctx.prompt.password({ variable: 'VAULT_TOKEN', message: 'Vault root token' });
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, 'VAULT_TOKEN is required');
  }
});

prompt('a missing argument names the argument', async () => {
  const { ctx } = testContext();
  try {
    await ctx.prompt.input({ variable: 'username', argument: true, message: 'user' });
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, 'argument <username> is required');
  }
});

prompt('a feature switch takes its non-interactive default and says which', async () => {
  const t = testContext();
  assert.is(
    await t.ctx.prompt.confirm({
      message: 'Enable GPU?',
      variable: 'JUPYTERHUB_GPU_ENABLED',
      nonInteractive: false,
    }),
    false,
  );
  assert.is(
    t.err(),
    'Enable GPU? → no (non-interactive default) (set JUPYTERHUB_GPU_ENABLED to decide)\n',
  );
});

prompt('destructive confirmations: yes only with --yes', async () => {
  assert.is(await testContext().ctx.prompt.confirmDestructive('Delete?'), false);
  assert.is(await testContext({ yes: true }).ctx.prompt.confirmDestructive('Delete?'), true);
});

prompt('--yes makes a run non-interactive: text values are still required', async () => {
  const { ctx } = testContext({ interactive: true, yes: true });
  assert.not.ok(ctx.prompt.interactive);
  try {
    await ctx.prompt.input({ variable: 'JUPYTER_NFS_IP', message: 'NFS server' });
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, 'JUPYTER_NFS_IP is required');
  }
});

prompt('a select with a default takes it without a terminal', async () => {
  const { ctx } = testContext();
  assert.is(
    await ctx.prompt.select({
      variable: 'X',
      message: 'pick',
      default: '',
      choices: [{ value: '' }, { value: 'a' }],
    }),
    '',
  );
});

prompt.run();
