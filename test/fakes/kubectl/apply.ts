// kubectl apply -f -|FILE... [-n NS]: client-side apply as kubectl does it — create, or a three-way
// merge of last-applied, new manifest and live object (kept in the last-applied annotation),
// reported as created/configured/unchanged. Every object is tried; errors come at the end.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { list, parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { mutate } from '../lib/store.js';
import { kindString, mapKind, type KindInfo } from '../lib/kinds.js';
import {
  findObject,
  namespaceExists,
  nextResourceVersion,
  reconcileVolumes,
  stampNew,
} from '../lib/objects.js';
import { decodeError, fieldErrors, invalidMessage } from '../lib/validate.js';
import { immutableErrors, initialStatus, normalize } from '../lib/admission.js';
import { setNotReady } from '../lib/deployments.js';
import { enumErrors, schemaError } from '../lib/schema.js';
import type { ClusterState, K8sObject } from '../lib/types.js';
import { sortKeys } from '../lib/print.js';
import { parseManifests } from './manifests.js';
import { reconcileExternalSecrets } from './eso.js';

const LAST = 'kubectl.kubernetes.io/last-applied-configuration';
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
const isMap = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** JSON merge of (last → desired) onto live: what the computed apply patch does. */
function merge(live: any, last: any, desired: any): any {
  const out: Record<string, unknown> = { ...live };
  for (const k of Object.keys(isMap(last) ? last : {})) if (!(k in desired)) delete out[k];
  for (const [k, v] of Object.entries(desired)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(live?.[k]))
      out[k] = merge(live[k], isMap(last?.[k]) ? last[k] : {}, v);
    else out[k] = clone(v);
  }
  return out;
}

const gvr = (i: KindInfo, apiVersion: string): string =>
  `${i.group}/${apiVersion.split('/').pop()}, Resource=${i.plural}`;
const gvk = (i: KindInfo, apiVersion: string): string =>
  `${i.group}/${apiVersion.split('/').pop()}, Kind=${i.kind}`;

interface Outcome {
  lines: string[];
  errors: string[];
  externalSecrets: Array<{ namespace: string; name: string }>;
}

function applyOne(s: ClusterState, doc: K8sObject, flagNs: string | undefined, res: Outcome): void {
  const name = doc.metadata.name ?? '';
  const info = mapKind(doc.apiVersion, doc.kind, s);
  if (!info) {
    res.errors.push(
      `error: resource mapping not found for name: "${name}" namespace: "${doc.metadata.namespace ?? ''}" from "STDIN": ` +
        `no matches for kind "${doc.kind}" in version "${doc.apiVersion}"\nensure CRDs are installed first`,
    );
    return;
  }
  let ns: string | undefined;
  if (info.namespaced) {
    const own = doc.metadata.namespace;
    if (own && flagNs && own !== flagNs) {
      res.errors.push(
        `error: the namespace from the provided object "${own}" does not match the namespace "${flagNs}". You must pass '--namespace=${own}' to perform this operation.`,
      );
      return;
    }
    ns = own || flagNs || 'default';
  }
  const where = `Resource: "${gvr(info, doc.apiVersion)}", GroupVersionKind: "${gvk(info, doc.apiVersion)}"\nName: "${name}", Namespace: "${ns ?? ''}"`;
  if (!name) {
    res.errors.push(
      `error: error when retrieving current configuration of:\n${where}\nfrom server for: "STDIN": resource name may not be empty`,
    );
    return;
  }
  const desired = clone(doc);
  desired.metadata = { ...desired.metadata };
  if (ns) desired.metadata.namespace = ns;
  else delete desired.metadata.namespace;
  delete desired.status;
  const annotations = { ...(desired.metadata.annotations ?? {}) };
  delete annotations[LAST];
  const lastApplied = clone(desired);
  if (Object.keys(annotations).length) lastApplied.metadata.annotations = annotations;
  else delete lastApplied.metadata.annotations;
  desired.metadata.annotations = { ...annotations, [LAST]: `${JSON.stringify(lastApplied)}\n` };

  const live = findObject(s, info, name, ns);
  const action = live
    ? `applying patch:\n${JSON.stringify(lastApplied)}\nto:\n${where}\nfor: "STDIN": error when patching`
    : 'creating';
  const bad = decodeError(desired) ?? schemaError(desired);
  if (bad) {
    res.errors.push(`Error from server (BadRequest): error when ${action} "STDIN": ${bad}`);
    return;
  }
  if (!live) {
    if (ns && !namespaceExists(s, ns)) {
      res.errors.push(
        `Error from server (NotFound): error when creating "STDIN": namespaces "${ns}" not found`,
      );
      return;
    }
    const errs = [...fieldErrors(desired), ...enumErrors(desired)];
    if (errs.length) {
      res.errors.push(
        `Error from server (Invalid): error when creating "STDIN": ${invalidMessage(doc.kind, name, errs)}`,
      );
      return;
    }
    const obj = clone(desired);
    normalize(obj);
    stampNew(s, obj);
    initialStatus(s, obj);
    s.objects.push(obj);
    res.lines.push(`${kindString(info)}/${name} created`);
  } else {
    let last: unknown = {};
    try {
      last = JSON.parse(live.metadata.annotations?.[LAST] ?? '{}');
    } catch {
      /* a hand-edited annotation: treat as absent */
    }
    const merged = merge(live, last, desired);
    if (same(merged, live)) {
      res.lines.push(`${kindString(info)}/${name} unchanged`);
      return;
    }
    const next = clone(merged) as K8sObject;
    normalize(next);
    const errs = [...fieldErrors(next), ...enumErrors(next), ...immutableErrors(live, next)];
    if (errs.length) {
      res.errors.push(
        `Error from server (Invalid): error when ${action} "STDIN": ${invalidMessage(doc.kind, name, errs)}`,
      );
      return;
    }
    if (!same(next, live)) {
      if (!same(next.spec, live.spec) && next.metadata.generation) next.metadata.generation += 1;
      next.metadata.resourceVersion = nextResourceVersion(s);
      s.objects[s.objects.indexOf(live)] = next;
      if (next.kind === 'Deployment' && !same(next.spec, live.spec)) setNotReady(s, next);
    }
    res.lines.push(`${kindString(info)}/${name} configured`);
  }
  if (info.kind === 'ExternalSecret') res.externalSecrets.push({ namespace: ns as string, name });
}

export default async function apply(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'filename', short: 'f', type: 'list' },
      { name: 'namespace', short: 'n', type: 'string' },
    ],
    { tool: 'kubectl', cmd: 'apply', errPrefix: 'error: ' },
  );
  if (p.rest) throw new Unsupported('kubectl', '"--" in kubectl apply');
  if (p.positional.length)
    throw new CliError(
      1,
      `error: Unexpected args: [${p.positional.join(' ')}]\nSee 'kubectl apply -h' for help and examples`,
    );
  const files = list(p, 'filename');
  if (!files.length) throw new CliError(1, 'error: must specify one of -f and -k');
  const docs: K8sObject[] = [];
  for (const f of files) {
    if (f === '-') {
      docs.push(...(await parseManifests(ctx.stdin())));
      continue;
    }
    const file = resolve(ctx.cwd, f);
    if (!existsSync(file)) throw new CliError(1, `error: the path "${f}" does not exist`);
    if (statSync(file).isDirectory())
      throw new Unsupported('kubectl', `kubectl apply -f ${f} (a directory)`);
    docs.push(...(await parseManifests(readFileSync(file, 'utf8'))));
  }
  const path = await connect(ctx.env, 'kubectl');
  if (!docs.length) throw new CliError(1, 'error: no objects passed to apply');
  const res = mutate(path, (s) => {
    const res: Outcome = { lines: [], errors: [], externalSecrets: [] };
    for (const doc of docs) applyOne(s, doc, str(p, 'namespace'), res);
    reconcileVolumes(s);
    return res;
  });
  ctx.out(res.lines.map((l) => `${l}\n`).join(''));
  // The operator would now sync them from Vault (asynchronously, in reality).
  if (res.externalSecrets.length) await reconcileExternalSecrets(path, res.externalSecrets);
  for (const e of res.errors) ctx.err(`${e}\n`);
  return res.errors.length ? 1 : 0;
}
