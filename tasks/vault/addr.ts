import { TaskError, type Ctx } from '../core/index.js';

/** VAULT_ADDR when set, else https://VAULT_HOST. */
export async function vaultAddr(ctx: Ctx): Promise<string> {
  const explicit = await ctx.config.text('VAULT_ADDR');
  if (explicit) return explicit.replace(/\/+$/, '');
  const host = await ctx.config.text('VAULT_HOST');
  if (!host)
    throw new TaskError(
      'VAULT_HOST is not set',
      'run `npx tasks vault:check-env` or set VAULT_HOST in .env.local',
    );
  return `https://${host}`;
}
