import { stringify } from 'yaml';
import type { Ctx } from '../core/context.js';
import { CommandError } from '../core/errors.js';

/** The parts of a Kubernetes object the recipes read. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  data?: Record<string, string>;
  spec?: Record<string, any>;
  status?: Record<string, any>;
  [key: string]: unknown;
}

const ns = (namespace?: string) => (namespace ? ['-n', namespace] : []);

// A CRD that is not installed (ExternalSecret, ServiceMonitor) means "none of those exist".
const missingType = (err: unknown) => err instanceof CommandError && /doesn't have a resource type|no matches for kind/.test(err.stderrTail);

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
    const r = await ctx.exec.query('kubectl', ['get', kind, ...names, ...ns(namespace), '-o', 'json', '--ignore-not-found'], {
      secretOutput: opts.secret ?? kind.startsWith('secret'),
    });
    return parseList(r.stdout);
  } catch (err) {
    if (missingType(err)) return [];
    throw err;
  }
}

export async function getObject(ctx: Ctx, kind: string, name: string, namespace?: string, opts: { secret?: boolean } = {}): Promise<K8sObject | undefined> {
  return (await getObjects(ctx, kind, [name], namespace, opts))[0];
}

/** Objects of a kind, optionally filtered by a label selector. */
export async function listObjects(ctx: Ctx, kind: string, namespace?: string, selector?: string): Promise<K8sObject[]> {
  if (await ctx.exec.planningOffline()) return [];
  try {
    const r = await ctx.exec.query('kubectl', ['get', kind, ...ns(namespace), ...(selector ? ['-l', selector] : []), '-o', 'json']);
    return parseList(r.stdout);
  } catch (err) {
    if (missingType(err)) return [];
    throw err;
  }
}

/**
 * `kubectl apply -f -` with the manifests on stdin: the only way a secret
 * reaches the cluster (never `--from-literal`).
 */
export async function apply(ctx: Ctx, manifests: readonly object[] | string, describe?: string): Promise<void> {
  // No line folding: a script in a ConfigMap stays a readable `|` block in plans and on stdin.
  const input = typeof manifests === 'string' ? manifests : manifests.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');
  const r = await ctx.exec.change('kubectl', ['apply', '-f', '-'], { input, describe });
  if (r) ctx.log.output(r.stdout);
}

/** Deletes what exists of the named objects; an uninstalled resource type counts as nothing to delete. */
export async function deleteObjects(ctx: Ctx, kind: string, names: readonly string[], namespace?: string): Promise<void> {
  try {
    await ctx.exec.change('kubectl', ['delete', kind, ...names, ...ns(namespace), '--ignore-not-found']);
  } catch (err) {
    if (!missingType(err)) throw err;
    ctx.log.info(`  (${kind}: resource type not installed, nothing to delete)`);
  }
}

export async function deleteBySelector(ctx: Ctx, kind: string, selector: string, namespace: string): Promise<void> {
  await ctx.exec.change('kubectl', ['delete', kind, '-l', selector, ...ns(namespace), '--ignore-not-found']);
}

export async function labelNamespace(ctx: Ctx, namespace: string, labels: Record<string, string>): Promise<void> {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  await ctx.exec.change('kubectl', ['label', 'namespace', namespace, ...pairs, '--overwrite']);
}

/** Frees a Retain PV for a new claim. */
export async function clearClaimRef(ctx: Ctx, pv: string): Promise<void> {
  await ctx.exec.change('kubectl', ['patch', 'pv', pv, '--type=merge', '-p', '{"spec":{"claimRef":null}}']);
}

export async function waitExternalSecretReady(ctx: Ctx, name: string, namespace: string, timeoutSeconds = 60): Promise<void> {
  await ctx.exec.change(
    'kubectl',
    ['wait', '--for=condition=Ready', `externalsecret/${name}`, '-n', namespace, `--timeout=${timeoutSeconds}s`],
    { timeoutMs: (timeoutSeconds + 30) * 1000 },
  );
}

/** Decoded `data` of a Secret (values registered as secrets before anyone can print them). */
export async function readSecret(ctx: Ctx, name: string, namespace: string): Promise<Record<string, string> | undefined> {
  const secret = await getObject(ctx, 'secret', name, namespace, { secret: true });
  if (!secret) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = ctx.secrets.add(Buffer.from(v, 'base64').toString('utf8'));
  return out;
}
