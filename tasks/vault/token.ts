import type { Ctx } from '../core/context.js';
import { vaultVars } from './vars.js';

export interface TokenSource {
  /** a token given on the command line (install's root_token argument) */
  explicit?: string;
  /** root/admin recipes never try an OIDC login */
  root?: boolean;
}

/**
 * The Vault token for this run: the argument, else VAULT_TOKEN (op:// resolved),
 * else an OIDC login through the vault CLI when installed (not for root
 * recipes), else a password prompt. The answer is kept for the rest of the run,
 * so chained recipes use the same token.
 */
export async function vaultToken(ctx: Ctx, addr: string, source: TokenSource = {}): Promise<string> {
  let token = source.explicit ? ctx.secrets.add(source.explicit) : await ctx.config.text('VAULT_TOKEN', vaultVars.VAULT_TOKEN);
  if (!token && !source.root && ctx.exec.has('vault')) token = await oidcLogin(ctx, addr);
  token ||= await ctx.prompt.password({ variable: 'VAULT_TOKEN', message: source.root ? 'Vault root token' : 'Vault token' });
  ctx.config.set('VAULT_TOKEN', token);
  return token;
}

async function oidcLogin(ctx: Ctx, addr: string): Promise<string> {
  ctx.log.step(`logging in to Vault at ${addr} with OIDC (a browser window opens)`);
  const env = { VAULT_ADDR: addr };
  await ctx.exec.query('vault', ['login', '-method=oidc', '-no-print'], { env, timeoutMs: 5 * 60_000 });
  const r = await ctx.exec.query('vault', ['print', 'token'], { env, secretOutput: true });
  return ctx.secrets.add(r.stdout.trim());
}
