import { TaskError, type Ctx } from '../core/index.js';
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
 * recipes, not in CI), else a password prompt. The answer is kept for the rest of the run,
 * so chained recipes use the same token.
 */
export async function vaultToken(
  ctx: Ctx,
  addr: string,
  source: TokenSource = {},
): Promise<string> {
  let token = source.explicit
    ? ctx.secrets.add(source.explicit)
    : await ctx.config.text('VAULT_TOKEN', vaultVars.VAULT_TOKEN);
  // In CI no one can finish a browser login: it would only hang until its timeout.
  const canLogin = !source.root && ctx.env.CI !== 'true' && ctx.exec.has('vault');
  if (!token && canLogin) token = await oidcLogin(ctx, addr);
  token ||= await ctx.prompt.password({
    variable: 'VAULT_TOKEN',
    message: source.root ? 'Vault root token' : 'Vault token',
  });
  ctx.config.set('VAULT_TOKEN', token);
  return token;
}

const NO_LOGIN_HINT = 'set VAULT_TOKEN in .env.local or the environment (op:// references work)';

/** The last line of the vault CLI's complaint that says what went wrong. */
const lastWords = (stderr: string) =>
  stderr
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s*/, '').trim())
    .filter(Boolean)
    .pop() ?? '';

async function oidcLogin(ctx: Ctx, addr: string): Promise<string> {
  ctx.log.step(`logging in to Vault at ${addr} with OIDC (a browser window opens)`);
  const env = { VAULT_ADDR: addr };
  const login = await ctx.exec.query('vault', ['login', '-method=oidc', '-no-print'], {
    env,
    timeoutMs: 5 * 60_000,
    allowFailure: true,
  });
  if (login.status !== 0) {
    const why =
      login.status === null
        ? 'timed out'
        : ctx.secrets.redact(lastWords(login.stderr)) || `exit ${login.status}`;
    throw new TaskError(`Vault OIDC login failed (${why})`, NO_LOGIN_HINT);
  }
  const r = await ctx.exec.query('vault', ['print', 'token'], {
    env,
    secretOutput: true,
    allowFailure: true,
  });
  const token = r.status === 0 ? r.stdout.trim() : '';
  if (!token)
    throw new TaskError('`vault print token` gave no token after the OIDC login', NO_LOGIN_HINT);
  return ctx.secrets.add(token);
}
