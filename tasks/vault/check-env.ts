import type { Ctx } from '../core/index.js';
import { set as setEnv } from '../env/index.js';

/** Asks VAULT_HOST when it is unset and saves it in .env.local. */
export async function checkEnv(ctx: Ctx): Promise<void> {
  if (await ctx.config.text('VAULT_HOST')) return;
  const host = await ctx.prompt.input({ variable: 'VAULT_HOST', message: 'Vault host (FQDN)' });
  await setEnv(ctx, 'VAULT_HOST', host);
}
