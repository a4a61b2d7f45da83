import { TaskError, type Ctx } from '../core/index.js';
import { vaultAddr } from './addr.js';
import { vaultError } from './errors.js';
import { nodeVaultClient } from './tls.js';
import { vaultVars } from './vars.js';

/**
 * Unseals through sys/unseal over the HTTP API: the key travels in a request body, never on
 * a command line (upstream passes it to `vault operator unseal` inside the pod).
 */
export async function unsealOverHttp(ctx: Ctx): Promise<void> {
  const v = await ctx.config.read(vaultVars);
  const addr = await vaultAddr(ctx);
  const client = await nodeVaultClient(ctx, addr, '', v);
  const status = async () => {
    try {
      return (await ctx.effects.query({ describe: 'read the seal status' }, () =>
        client.read('sys/seal-status'),
      )) as { sealed: boolean; initialized: boolean };
    } catch (err) {
      throw vaultError(err, addr, 'read the seal status');
    }
  };
  const before = await status();
  if (!before.initialized)
    throw new TaskError(`Vault at ${addr} is not initialized`, 'run `npx tasks vault:install`');
  if (!before.sealed) {
    ctx.log.ok(`Vault at ${addr} is already unsealed`);
    return;
  }
  // Asked only when Vault is sealed (upstream asks first, even for an unsealed Vault).
  const key =
    (await ctx.config.text('VAULT_UNSEAL_KEY', vaultVars.VAULT_UNSEAL_KEY)) ||
    (await ctx.prompt.password({ variable: 'VAULT_UNSEAL_KEY', message: 'Vault unseal key' }));
  ctx.log.step('unsealing Vault');
  let after: { sealed: boolean; progress?: number; t?: number } | undefined;
  try {
    after = await ctx.effects.change(
      {
        describe: `unseal Vault at ${addr} with the unseal key`,
        command: {
          cmd: 'vault',
          args: ['write', 'sys/unseal', '-'],
          input: `${JSON.stringify({ key })}\n`,
        },
      },
      () => client.write('sys/unseal', { key }),
    );
  } catch (err) {
    throw vaultError(err, addr, 'unseal');
  }
  if (!after) return; // planned
  if (after.sealed)
    throw new TaskError(
      `Vault is still sealed (${after.progress ?? 0} of ${after.t ?? '?'} keys given)`,
      'run unseal again with the next key share',
    );
  ctx.log.ok('Vault unsealed');
}
