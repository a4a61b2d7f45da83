// kubectl wait --for=condition=Ready[=True] externalsecret/NAME [-n NS] [--timeout=60s].
// The simulated operator gets one chance to sync; if the condition is still not met the
// fake fails exactly as a timeout would, without sleeping the whole timeout.
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { readState } from '../lib/store.js';
import { kindString, notFound, resolveType } from '../lib/kinds.js';
import { findObject } from '../lib/objects.js';
import { parseGoDuration } from '../lib/duration.js';
import { reconcileExternalSecrets } from './eso.js';

export default async function wait(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'for', type: 'string' },
      { name: 'timeout', type: 'string' },
      { name: 'namespace', short: 'n', type: 'string' },
    ],
    { tool: 'kubectl', cmd: 'wait', errPrefix: 'error: ' },
  );
  if (p.rest) throw new Unsupported('kubectl', '"--" in kubectl wait');
  const timeout = str(p, 'timeout') ?? '30s';
  const ms = parseGoDuration(timeout);
  if (typeof ms !== 'number')
    throw new CliError(1, `error: invalid argument "${timeout}" for "--timeout" flag: ${ms.error}`);
  const cond = str(p, 'for');
  if (cond === undefined) throw new CliError(1, 'error: --for must be set');
  if (cond === 'delete') return waitDeleted(ctx, p.positional, str(p, 'namespace') ?? 'default');
  const m = /^condition=([^=]+)(?:=(.*))?$/.exec(cond);
  if (!m) throw new Unsupported('kubectl', `kubectl wait --for=${cond}`);
  const [, condName, condValue = 'true'] = m;
  if (p.positional.length !== 1 || !p.positional[0].includes('/'))
    throw new Unsupported('kubectl', `kubectl wait ${p.positional.join(' ')} (use KIND/NAME)`);
  const [typeToken, name] = p.positional[0].split('/');
  const ns = str(p, 'namespace') ?? 'default';
  const path = await connect(ctx.env, 'kubectl');
  const before = readState(path);
  const info = resolveType(typeToken, before);
  if (info.kind !== 'ExternalSecret')
    throw new Unsupported('kubectl', `kubectl wait on ${typeToken}`);
  if (!findObject(before, info, name, ns)) throw new CliError(1, notFound(info, name));
  await reconcileExternalSecrets(path, [{ namespace: ns, name }]);
  const es = findObject(readState(path), info, name, ns);
  const met = (es?.status?.conditions ?? []).some(
    (c: { type: string; status: string }) =>
      c.type.toLowerCase() === condName.toLowerCase() &&
      c.status.toLowerCase() === condValue.toLowerCase(),
  );
  if (met) {
    ctx.out(`${kindString(info)}/${name} condition met\n`);
    return 0;
  }
  // A short pause keeps "a failed wait takes time" true without slowing the tests down.
  await new Promise((r) => setTimeout(r, Math.min(ms, 50)));
  throw new CliError(1, `error: timed out waiting for the condition on ${info.plural}/${name}`);
}

/** --for=delete: met at once when the object is gone; otherwise a timeout, as kubectl says it. */
async function waitDeleted(ctx: Ctx, positional: string[], ns: string): Promise<number> {
  if (positional.length !== 1 || !positional[0]!.includes('/'))
    throw new Unsupported('kubectl', `kubectl wait --for=delete ${positional.join(' ')}`);
  const [typeToken, name] = positional[0]!.split('/');
  const s = readState(await connect(ctx.env, 'kubectl'));
  const info = resolveType(typeToken!, s);
  if (findObject(s, info, name!, ns))
    throw new CliError(1, `error: timed out waiting for the condition on ${info.plural}/${name}`);
  return 0;
}
