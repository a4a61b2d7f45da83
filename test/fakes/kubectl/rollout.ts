// kubectl rollout status deployment/NAME [-n NS] [--timeout=D] [--watch=true]: watches one
// deployment until it has rolled out, printing kubectl's progress lines (texts from its
// rollout_status.go) and exiting 0, or fails as kubectl does on a timeout or NotFound.
// The fake looks at the state every 10 ms, so readiness is seen within that of happening.
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { mutate } from '../lib/store.js';
import { notFound, resolveType } from '../lib/kinds.js';
import { findObject } from '../lib/objects.js';
import { poll, readyAt, wouldBecomeReady } from '../lib/deployments.js';
import { parseGoDuration } from '../lib/duration.js';
import type { K8sObject } from '../lib/types.js';

const LOOK_MS = 10;
const TIMED_OUT = 'error: timed out waiting for the condition';

/** kubectl's DeploymentStatusViewer: the line to print, and whether the rollout is done. */
function view(d: K8sObject): { line: string; done: boolean } {
  const name = d.metadata.name;
  const st = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  if ((d.metadata.generation ?? 1) > (st.observedGeneration ?? 0))
    return { line: 'Waiting for deployment spec update to be observed...\n', done: false };
  const updated = st.updatedReplicas ?? 0;
  if (updated < want)
    return {
      line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`,
      done: false,
    };
  if ((st.replicas ?? 0) > updated)
    return {
      line: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`,
      done: false,
    };
  if ((st.availableReplicas ?? 0) < updated)
    return {
      line: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`,
      done: false,
    };
  return { line: `deployment "${name}" successfully rolled out\n`, done: true };
}

export default async function rollout(ctx: Ctx, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'status') throw new Unsupported('kubectl', `kubectl rollout ${action ?? ''}`);
  const p = parseArgs(
    rest,
    [
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'timeout', type: 'string' },
      { name: 'watch', short: 'w', type: 'bool' },
    ],
    { tool: 'kubectl', cmd: 'rollout status', errPrefix: 'error: ' },
  );
  if (p.rest) throw new Unsupported('kubectl', '"--" in kubectl rollout status');
  if (p.flags.watch === false) throw new Unsupported('kubectl', 'rollout status --watch=false');
  const target = p.positional.length === 2 ? p.positional.join('/') : p.positional[0];
  if (p.positional.length > 2 || !target?.includes('/'))
    throw new Unsupported('kubectl', `kubectl rollout status ${p.positional.join(' ')}`);
  const [typeToken, name] = target.split('/');
  const timeout = str(p, 'timeout') ?? '0s';
  const timeoutMs = parseGoDuration(timeout);
  if (typeof timeoutMs !== 'number')
    throw new CliError(
      1,
      `error: invalid argument "${timeout}" for "--timeout" flag: ${timeoutMs.error}`,
    );
  const ns = str(p, 'namespace') ?? 'default';
  const path = await connect(ctx.env, 'kubectl');
  const started = Date.now();
  let last = '';
  for (;;) {
    const seen = mutate(path, (s) => {
      const info = resolveType(typeToken, s);
      if (info.kind !== 'Deployment')
        throw new Unsupported('kubectl', `kubectl rollout status on ${typeToken}`);
      const d = findObject(s, info, name, ns);
      if (!d) throw new CliError(1, notFound(info, name));
      poll(s, d);
      const never = readyAt(s, d) === undefined && !wouldBecomeReady(s, name);
      return { ...view(d), never };
    });
    if (seen.line !== last) ctx.out(seen.line);
    last = seen.line;
    if (seen.done) return 0;
    const waited = Date.now() - started;
    // A deployment that never becomes ready: fail as a timeout would, without sitting it out.
    if (seen.never && timeoutMs > 0) {
      await new Promise((r) => setTimeout(r, Math.min(timeoutMs, 50)));
      throw new CliError(1, TIMED_OUT);
    }
    if (timeoutMs > 0 && waited >= timeoutMs) throw new CliError(1, TIMED_OUT);
    await new Promise((r) => setTimeout(r, LOOK_MS));
  }
}
