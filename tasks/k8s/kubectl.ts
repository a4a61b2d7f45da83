import { CommandError, type Ctx } from '../core/index.js';

/** Reading the cluster with kubectl (changes are in kubectl-changes.ts). */

/** The parts of a Kubernetes object the recipes read. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  data?: Record<string, string>;
  spec?: Record<string, any>;
  status?: Record<string, any>;
  [key: string]: unknown;
}

export const ns = (namespace?: string): string[] => (namespace ? ['-n', namespace] : []);

// A CRD that is not installed (ExternalSecret, ServiceMonitor) means "none of those exist".
export const missingType = (err: unknown): boolean =>
  err instanceof CommandError &&
  /doesn't have a resource type|no matches for kind/.test(err.stderrTail);

function parseList(stdout: string): K8sObject[] {
  if (!stdout.trim()) return [];
  const doc = JSON.parse(stdout) as K8sObject & { items?: K8sObject[] };
  return doc.kind === 'List' || Array.isArray(doc.items) ? (doc.items ?? []) : [doc];
}

/**
 * The named objects that exist (missing ones are simply absent). In a dry-run
 * without a cluster, nothing exists.
 */
export async function getObjects(
  ctx: Ctx,
  kind: string,
  names: readonly string[],
  namespace?: string,
  opts: { secret?: boolean } = {},
): Promise<K8sObject[]> {
  if (await ctx.exec.planningOffline()) return [];
  try {
    const r = await ctx.exec.query(
      'kubectl',
      ['get', kind, ...names, ...ns(namespace), '-o', 'json', '--ignore-not-found'],
      {
        secretOutput: opts.secret ?? kind.startsWith('secret'),
      },
    );
    return parseList(r.stdout);
  } catch (err) {
    if (missingType(err)) return [];
    throw err;
  }
}

export async function getObject(
  ctx: Ctx,
  kind: string,
  name: string,
  namespace?: string,
  opts: { secret?: boolean } = {},
): Promise<K8sObject | undefined> {
  return (await getObjects(ctx, kind, [name], namespace, opts))[0];
}

/** Objects of a kind, optionally filtered by a label selector. */
export async function listObjects(
  ctx: Ctx,
  kind: string,
  namespace?: string,
  selector?: string,
): Promise<K8sObject[]> {
  if (await ctx.exec.planningOffline()) return [];
  try {
    const r = await ctx.exec.query('kubectl', [
      'get',
      kind,
      ...ns(namespace),
      ...(selector ? ['-l', selector] : []),
      '-o',
      'json',
    ]);
    return parseList(r.stdout);
  } catch (err) {
    if (missingType(err)) return [];
    throw err;
  }
}

/** Decoded `data` of a Secret (values registered as secrets before anyone can print them). */
export async function readSecret(
  ctx: Ctx,
  name: string,
  namespace: string,
): Promise<Record<string, string> | undefined> {
  const secret = await getObject(ctx, 'secret', name, namespace, { secret: true });
  if (!secret) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {}))
    out[k] = ctx.secrets.add(Buffer.from(v, 'base64').toString('utf8'));
  return out;
}
