// Fake vault CLI: `token lookup`, `token renew`, `login -method=oidc`, `print token`, as the
// token-renewer script and the OIDC login path call them. Answers come from the test's
// table (simulations.vaultCli). Tokens are never written to the call log in clear.
import { CliError, SetupError, Unsupported, type Ctx } from './lib/io.js';
import { bool, parseArgs, str } from './lib/args.js';
import { localState } from './lib/cluster.js';
import { mutate, readState } from './lib/store.js';
import { parseGoDuration } from './lib/duration.js';
import type { VaultCliSim } from './lib/types.js';

const go = { tool: 'vault', errPrefix: '', goStyle: true };

function apiError(
  what: string,
  method: string,
  addr: string,
  path: string,
  code: number,
  msg: string,
): CliError {
  return new CliError(
    2,
    `Error ${what}: Error making API request.\n\nURL: ${method} ${addr}/v1/${path}\nCode: ${code}. Errors:\n\n* ${msg}`,
  );
}

function table(rows: Array<[string, string]>): string {
  const w = Math.max(3, ...rows.map(([k]) => k.length)) + 4;
  return (
    [['Key', 'Value'], ['---', '-----'], ...rows]
      .map(([k, v]) => `${k.padEnd(w)}${v}`.trimEnd())
      .join('\n') + '\n'
  );
}

export async function run(ctx: Ctx): Promise<number> {
  const [a, b, ...more] = ctx.argv;
  const cmd = a === 'token' || a === 'print' ? `${a} ${b ?? ''}` : (a ?? '');
  const args = a === 'token' || a === 'print' ? more : [b, ...more].filter((x) => x !== undefined);
  const path = localState(ctx.env);
  if (!path) throw new SetupError('vault', 'FAKE_CLUSTER_STATE is not set');
  const sim: VaultCliSim | undefined = readState(path).simulations.vaultCli;
  const addr = ctx.env.VAULT_ADDR ?? 'https://127.0.0.1:8200';
  const envToken = ctx.env.VAULT_TOKEN || undefined;

  if (cmd === 'token lookup' || cmd === 'token renew') {
    const p = parseArgs(
      args,
      [
        { name: 'format', type: 'string' },
        ...(cmd === 'token renew' ? [{ name: 'increment', type: 'string' as const }] : []),
      ],
      { ...go, cmd },
    );
    if (p.positional.length > 1)
      throw new CliError(1, `Too many arguments (expected 0 or 1, got ${p.positional.length})`);
    const format = str(p, 'format') ?? ctx.env.VAULT_FORMAT ?? 'table';
    if (!['table', 'json'].includes(format)) throw new Unsupported('vault', `-format=${format}`);
    // argv is logged verbatim: a token passed as an argument is a leak the tests must see.
    const inc = str(p, 'increment');
    const incMs =
      inc === undefined ? undefined : parseGoDuration(/^\d+$/.test(inc) ? `${inc}s` : inc);
    if (typeof incMs === 'object')
      throw new CliError(1, `invalid duration "${inc}": ${incMs.error}`);
    const override = sim?.results?.[cmd];
    if (override) return canned(ctx, override);
    if (!sim)
      throw new CliError(
        2,
        `Error ${cmd === 'token lookup' ? 'looking up' : 'renewing'} token: Get "${addr}/v1/auth/token/lookup-self": dial tcp 127.0.0.1:8200: connect: connection refused`,
      );
    const token = p.positional[0] ?? envToken ?? sim.storedToken;
    const info = token ? sim.tokens?.[token] : undefined;
    const self = p.positional[0]
      ? cmd === 'token lookup'
        ? 'auth/token/lookup'
        : 'auth/token/renew'
      : cmd === 'token lookup'
        ? 'auth/token/lookup-self'
        : 'auth/token/renew-self';
    if (!info)
      throw apiError(
        cmd === 'token lookup' ? 'looking up token' : 'renewing token',
        cmd === 'token lookup' ? 'GET' : 'PUT',
        addr,
        self,
        403,
        'permission denied',
      );
    if (cmd === 'token renew') {
      if (!info.renewable)
        throw apiError('renewing token', 'PUT', addr, self, 400, 'lease is not renewable');
      const ttl = typeof incMs === 'number' ? Math.round(incMs / 1000) : info.ttl;
      mutate(path, (s) => {
        const t = s.simulations.vaultCli?.tokens?.[token as string];
        if (t) t.ttl = ttl;
      });
      info.ttl = ttl;
    }
    const policies = info.policies ?? ['default'];
    if (format === 'json') {
      const body =
        cmd === 'token lookup'
          ? {
              data: {
                ttl: info.ttl,
                renewable: info.renewable,
                policies,
                display_name: info.displayName ?? 'token',
                id: token,
              },
            }
          : {
              auth: {
                client_token: token,
                lease_duration: info.ttl,
                renewable: info.renewable,
                policies,
              },
            };
      ctx.out(`${JSON.stringify(body, null, 2)}\n`);
    } else if (cmd === 'token lookup')
      ctx.out(
        table([
          ['display_name', info.displayName ?? 'token'],
          ['id', token as string],
          ['policies', `[${policies.join(' ')}]`],
          ['renewable', String(info.renewable)],
          ['ttl', `${info.ttl}s`],
        ]),
      );
    else
      ctx.out(
        table([
          ['token', token as string],
          ['token_duration', `${info.ttl}s`],
          ['token_renewable', String(info.renewable)],
          ['token_policies', `[${policies.map((x) => `"${x}"`).join(' ')}]`],
        ]),
      );
    return 0;
  }
  if (cmd === 'login') {
    const p = parseArgs(
      args,
      [
        { name: 'method', type: 'string' },
        { name: 'no-print', type: 'bool' },
      ],
      { ...go, cmd },
    );
    if (str(p, 'method') !== 'oidc' || p.positional.length)
      throw new Unsupported('vault', `vault login ${args.join(' ')}`);
    const override = sim?.results?.login;
    if (override) return canned(ctx, override);
    if (!sim?.oidcToken)
      throw new CliError(
        2,
        `Error authenticating: Error making API request.\n\nURL: PUT ${addr}/v1/auth/oidc/oidc/auth_url\nCode: 400. Errors:\n\n* missing role`,
      );
    const token = sim.oidcToken;
    mutate(path, (s) => {
      s.simulations.vaultCli = { ...(s.simulations.vaultCli ?? {}), storedToken: token };
    });
    if (!bool(p, 'no-print'))
      ctx.out(
        'Success! You are now authenticated. The token information displayed below\nis already stored in the token helper. You do NOT need to run "vault login"\nagain. Future Vault requests will automatically use this token.\n\n' +
          table([['token', token]]),
      );
    return 0;
  }
  if (cmd === 'print token') {
    if (args.length) throw new Unsupported('vault', `vault print token ${args.join(' ')}`);
    const override = sim?.results?.['print token'];
    if (override) return canned(ctx, override);
    ctx.out(`${envToken ?? sim?.storedToken ?? ''}\n`);
    return 0;
  }
  throw new Unsupported('vault', `command ${JSON.stringify(cmd)}`);
}

function canned(ctx: Ctx, r: { stdout?: string; stderr?: string; code: number }): number {
  if (r.stdout) ctx.out(r.stdout);
  if (r.stderr) ctx.err(r.stderr);
  return r.code;
}
