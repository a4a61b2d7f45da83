// kubectl get: `--raw /readyz`, and KIND[,KIND…] [NAME…] with -n/-A, -l, -o json|yaml|name,
// --ignore-not-found. Output and errors follow kubectl's printGeneric: one named object is
// printed as itself, anything else as a v1 List; missing names are NotFound on stderr.
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { bool, parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { mutate } from '../lib/store.js';
import { forbidden, kindString, notFound, resolveType, type KindInfo } from '../lib/kinds.js';
import { findObject, listObjects } from '../lib/objects.js';
import { parseSelector } from '../lib/selector.js';
import { poll } from '../lib/deployments.js';
import { kubectlJson, kubectlList, kubectlYaml } from '../lib/print.js';
import { parseRequestTimeout } from '../lib/duration.js';
import type { K8sObject } from '../lib/types.js';

const FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function checkOutput(format: string | undefined, cmd: string): 'json' | 'yaml' | 'name' {
  if (format === undefined)
    throw new Unsupported('kubectl', `table output of "kubectl ${cmd}" (use -o json|yaml|name)`);
  if (format === 'json' || format === 'yaml' || format === 'name') return format;
  const base = format.split('=')[0];
  if (FORMATS.split(',').includes(base))
    throw new Unsupported('kubectl', `output format "${format}"`);
  throw new CliError(
    1,
    `error: unable to match a printer suitable for the output format "${format}", allowed formats are: ${FORMATS}`,
  );
}

/** `{.a.b.c}` as its path; any other jsonpath is not supported. */
function jsonpathField(template: string): string[] {
  const m = /^\{\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\}$/.exec(template.replace(/^'|'$/g, ''));
  if (!m) throw new Unsupported('kubectl', `jsonpath ${template}`);
  return m[1].split('.');
}

export default async function get(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'ignore-not-found', type: 'bool' },
      { name: 'raw', type: 'string' },
      { name: 'request-timeout', type: 'string' },
    ],
    { tool: 'kubectl', cmd: 'get', errPrefix: 'error: ' },
  );
  if (p.rest) throw new Unsupported('kubectl', '"--" in kubectl get');
  const timeout = str(p, 'request-timeout');
  if (timeout !== undefined && typeof parseRequestTimeout(timeout) !== 'number')
    throw new CliError(
      1,
      'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)',
    );
  const raw = str(p, 'raw');
  if (raw !== undefined) {
    const others = Object.keys(p.flags).filter((f) => f !== 'raw' && f !== 'request-timeout');
    if (raw !== '/readyz' || others.length || p.positional.length)
      throw new Unsupported(
        'kubectl',
        `kubectl get --raw ${raw} ${others.map((f) => `--${f}`).join(' ')}`.trim(),
      );
    await connect(ctx.env, 'kubectl');
    ctx.out('ok');
    return 0;
  }
  const [typeToken, ...names] = p.positional;
  const output = str(p, 'output');
  // The just module's forms: a table of named objects (only its exit code is read) and
  // one field of one object by jsonpath.
  const jsonpath = output?.startsWith('jsonpath=') ? jsonpathField(output.slice(9)) : undefined;
  const format =
    jsonpath !== undefined
      ? 'jsonpath'
      : output === undefined && names.length
        ? 'table'
        : checkOutput(output, 'get');
  if (!typeToken)
    throw new CliError(
      1,
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples",
    );
  if (typeToken.includes('/')) throw new Unsupported('kubectl', `TYPE/NAME form "${typeToken}"`);
  const selector = str(p, 'selector');
  const allNs = bool(p, 'all-namespaces');
  if (names.length && selector !== undefined)
    throw new CliError(1, 'error: name cannot be provided when a selector is specified');
  if (names.length && allNs)
    throw new CliError(1, 'error: a resource cannot be retrieved by name across all namespaces');
  const match = selector !== undefined ? parseSelector(selector) : () => true;
  const ignore = bool(p, 'ignore-not-found');
  const ns = str(p, 'namespace') ?? 'default';

  const path = await connect(ctx.env, 'kubectl');
  const { items, errors, infos } = mutate(path, (s) => {
    const infos: KindInfo[] = typeToken.split(',').map((t) => resolveType(t, s));
    const denied = s.simulations.forbidden;
    const refused = denied && infos.find((i) => denied.resources.includes(i.plural));
    if (denied && refused)
      throw new CliError(1, forbidden(refused, denied.user, names[0], allNs ? undefined : ns));
    const found: Array<[KindInfo, K8sObject]> = [];
    const errors: string[] = [];
    for (const info of infos) {
      if (names.length) {
        for (const name of names) {
          const o = findObject(s, info, name, ns);
          if (o) found.push([info, o]);
          else if (!ignore) errors.push(notFound(info, name));
        }
      } else {
        for (const o of listObjects(s, info, allNs ? undefined : ns))
          if (match(o.metadata.labels ?? {})) found.push([info, o]);
      }
    }
    for (const [, o] of found) if (o.kind === 'Deployment') poll(s, o);
    return {
      items: JSON.parse(JSON.stringify(found)) as Array<[KindInfo, K8sObject]>,
      errors,
      infos,
    };
  });

  const single = names.length === 1 && infos.length === 1;
  if (single && errors.length) throw new CliError(1, errors[0]);
  if (!(items.length === 0 && ignore)) {
    const objs = items.map(([, o]) => o);
    if (format === 'name')
      ctx.out(items.map(([i, o]) => `${kindString(i)}/${o.metadata.name}\n`).join(''));
    else if (format === 'table')
      ctx.out(items.length ? `NAME\n${objs.map((o) => `${o.metadata.name}\n`).join('')}` : '');
    else if (format === 'jsonpath') {
      if (!single) throw new Unsupported('kubectl', 'jsonpath over a list');
      const v = jsonpath!.reduce<any>((o, k) => (o == null ? undefined : o[k]), objs[0]);
      ctx.out(v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    } else {
      const doc = single ? objs[0] : kubectlList(objs);
      ctx.out(format === 'json' ? kubectlJson(doc) : await kubectlYaml(doc));
    }
  }
  for (const e of errors) ctx.err(`${e}\n`);
  return errors.length ? 1 : 0;
}
