import { stringify } from 'yaml';
import type { Ctx } from '../core/index.js';
import { missingType, ns } from './kubectl.js';

/**
 * `kubectl apply -f -` with the manifests on stdin: the only way a secret
 * reaches the cluster (never as a literal on the command line).
 */
export async function apply(
  ctx: Ctx,
  manifests: readonly object[] | string,
  describe?: string,
): Promise<void> {
  // No line folding: a script in a ConfigMap stays a readable `|` block in plans and on stdin.
  const input =
    typeof manifests === 'string'
      ? manifests
      : manifests.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');
  const r = await ctx.exec.change('kubectl', ['apply', '-f', '-'], { input, describe });
  if (r) ctx.log.output(r.stdout);
}

/** Deletes what exists of the named objects; an uninstalled resource type counts as nothing to delete. */
export async function deleteObjects(
  ctx: Ctx,
  kind: string,
  names: readonly string[],
  namespace?: string,
): Promise<void> {
  try {
    await ctx.exec.change('kubectl', [
      'delete',
      kind,
      ...names,
      ...ns(namespace),
      '--ignore-not-found',
    ]);
  } catch (err) {
    if (!missingType(err)) throw err;
    ctx.log.info(`  (${kind}: resource type not installed, nothing to delete)`);
  }
}

export async function deleteBySelector(
  ctx: Ctx,
  kind: string,
  selector: string,
  namespace: string,
): Promise<void> {
  await ctx.exec.change('kubectl', [
    'delete',
    kind,
    '-l',
    selector,
    ...ns(namespace),
    '--ignore-not-found',
  ]);
}

/** Frees a Retain PV for a new claim. */
export async function clearClaimRef(ctx: Ctx, pv: string): Promise<void> {
  await ctx.exec.change('kubectl', [
    'patch',
    'pv',
    pv,
    '--type=merge',
    '-p',
    '{"spec":{"claimRef":null}}',
  ]);
}

export async function waitExternalSecretReady(
  ctx: Ctx,
  name: string,
  namespace: string,
  timeoutSeconds = 60,
): Promise<void> {
  await ctx.exec.change(
    'kubectl',
    [
      'wait',
      '--for=condition=Ready',
      `externalsecret/${name}`,
      '-n',
      namespace,
      `--timeout=${timeoutSeconds}s`,
    ],
    { timeoutMs: (timeoutSeconds + 30) * 1000 },
  );
}
