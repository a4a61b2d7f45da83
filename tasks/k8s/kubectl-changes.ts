import { stringify } from 'yaml';
import { CommandError, pollUntil, TaskError, type Ctx } from '../core/index.js';
import { getObject, missingType, ns } from './kubectl.js';

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

class StillNotReady extends Error {}

export async function waitExternalSecretReady(
  ctx: Ctx,
  name: string,
  namespace: string,
  timeoutSeconds = 60,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let stderr = '';
  // kubectl's own timeout answers "not Ready"; any other failure (the API server away
  // for a moment) is looked at again until the deadline.
  const ready = await pollUntil({
    timeoutMs: timeoutSeconds * 1000,
    attempt: async () => {
      const left = Math.max(1, Math.ceil((deadline - Date.now()) / 1000));
      const args = ['wait', '--for=condition=Ready', `externalsecret/${name}`, '-n', namespace];
      try {
        await ctx.exec.change('kubectl', [...args, `--timeout=${left}s`], {
          timeoutMs: (left + 30) * 1000,
        });
        return true;
      } catch (err) {
        if (!(err instanceof CommandError)) throw err;
        stderr = err.stderrTail;
        if (/timed out waiting for the condition/.test(err.stderrTail)) return false;
        throw err;
      }
    },
    // The final message needs a look at the ExternalSecret (async): built below.
    timedOut: () => new StillNotReady(),
  }).catch((err: unknown) => {
    if (err instanceof StillNotReady) return false;
    throw err;
  });
  if (!ready) throw await externalSecretNotReady(ctx, name, namespace, timeoutSeconds, stderr);
}

/**
 * Not "timed out waiting for the condition": which ExternalSecret, which store it reads
 * from, what its Ready condition says, and where to look next.
 */
async function externalSecretNotReady(
  ctx: Ctx,
  name: string,
  namespace: string,
  timeoutSeconds: number,
  stderr: string,
): Promise<TaskError> {
  const es = await getObject(ctx, 'externalsecret', name, namespace).catch(() => undefined);
  const store = es?.spec?.secretStoreRef as { kind?: string; name?: string } | undefined;
  const ready = (es?.status?.conditions as Array<Record<string, string>> | undefined)?.find(
    (c) => c.type === 'Ready',
  );
  const storeText = store?.name ? ` (store: ${store.kind ?? 'SecretStore'} ${store.name})` : '';
  const why = ready
    ? `Ready=${ready.status}${ready.reason ? ` ${ready.reason}` : ''}${ready.message ? `: ${ready.message}` : ''}`
    : ctx.secrets.redact(stderr.trim().split('\n').pop() ?? '') || 'no status yet';
  return new TaskError(
    `ExternalSecret ${name} in ${namespace}${storeText} is not Ready after ${timeoutSeconds}s: ${why}`,
    `look further with: kubectl describe externalsecret ${name} -n ${namespace}` +
      (store?.name
        ? `; kubectl get ${(store.kind ?? 'SecretStore').toLowerCase()} ${store.name}${store.kind === 'ClusterSecretStore' ? '' : ` -n ${namespace}`}`
        : ''),
  );
}
