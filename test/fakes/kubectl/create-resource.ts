// kubectl create namespace NAME | create secret generic NAME [-n NS] --from-literal=K=V… |
// create configmap NAME [-n NS] --from-file=[K=]PATH… --dry-run=client -o yaml: the
// imperative forms the just module uses (the bench runs it against these fakes).
// AlreadyExists and a missing namespace fail with the API server's words.
import { Buffer } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { stringify } from 'yaml';
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { list, parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { mutate } from '../lib/store.js';
import { kindByName, type KindInfo } from '../lib/kinds.js';
import { addObject, findObject, namespaceExists } from '../lib/objects.js';

export default async function createResource(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'from-literal', type: 'list' },
      { name: 'from-file', type: 'list' },
      { name: 'dry-run', type: 'string' },
      { name: 'output', short: 'o', type: 'string' },
    ],
    { tool: 'kubectl', cmd: 'create', errPrefix: 'error: ' },
  );
  if (p.rest) throw new Unsupported('kubectl', '"--" in kubectl create');
  const [what, ...rest] = p.positional;
  if (what === 'configmap') return printConfigMap(ctx, p, rest);
  if (str(p, 'dry-run') !== undefined || str(p, 'output') !== undefined)
    throw new Unsupported('kubectl', `kubectl create ${p.positional.join(' ')} --dry-run/-o`);
  const path = await connect(ctx.env, 'kubectl');
  if (what === 'namespace') {
    const [name] = rest;
    if (!name || rest.length > 1)
      throw new CliError(1, 'error: exactly one NAME is required, got ' + rest.length);
    const info = kindByName('Namespace') as KindInfo;
    mutate(path, (s) => {
      if (findObject(s, info, name))
        throw new CliError(
          1,
          `Error from server (AlreadyExists): namespaces "${name}" already exists`,
        );
      addObject(s, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
        spec: {},
        status: { phase: 'Active' },
      });
    });
    ctx.out(`namespace/${name} created\n`);
    return 0;
  }
  if (what === 'secret' && rest[0] === 'generic') {
    const name = rest[1];
    if (!name || rest.length > 2)
      throw new CliError(1, 'error: exactly one NAME is required, got ' + (rest.length - 1));
    const ns = str(p, 'namespace') ?? 'default';
    const data: Record<string, string> = {};
    for (const lit of list(p, 'from-literal')) {
      const eq = lit.indexOf('=');
      if (eq <= 0)
        throw new CliError(1, `error: invalid literal source ${lit}, expected key=value`);
      data[lit.slice(0, eq)] = Buffer.from(lit.slice(eq + 1)).toString('base64');
    }
    const info = kindByName('Secret') as KindInfo;
    mutate(path, (s) => {
      if (!namespaceExists(s, ns))
        throw new CliError(1, `error: failed to create secret namespaces "${ns}" not found`);
      if (findObject(s, info, name, ns))
        throw new CliError(1, `error: failed to create secret secrets "${name}" already exists`);
      addObject(s, {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'Opaque',
        metadata: { name, namespace: ns },
        data,
      });
    });
    ctx.out(`secret/${name} created\n`);
    return 0;
  }
  throw new Unsupported('kubectl', `kubectl create ${p.positional.join(' ')}`);
}

/** `--dry-run=client -o yaml`: the ConfigMap printed, never sent (the module pipes it to apply). */
function printConfigMap(ctx: Ctx, p: ReturnType<typeof parseArgs>, rest: string[]): number {
  const name = rest[0];
  if (!name || rest.length > 1)
    throw new CliError(1, 'error: exactly one NAME is required, got ' + rest.length);
  if (
    str(p, 'dry-run') !== 'client' ||
    str(p, 'output') !== 'yaml' ||
    list(p, 'from-literal').length
  )
    throw new Unsupported(
      'kubectl',
      'kubectl create configmap other than --from-file --dry-run=client -o yaml',
    );
  const data: Record<string, string> = {};
  for (const src of list(p, 'from-file')) {
    const eq = src.indexOf('=');
    const [key, file] = eq > 0 ? [src.slice(0, eq), src.slice(eq + 1)] : [basename(src), src];
    const full = resolve(ctx.cwd, file);
    if (!existsSync(full))
      throw new CliError(1, `error: error reading ${file}: no such file or directory`);
    data[key] = readFileSync(full, 'utf8');
  }
  const ns = str(p, 'namespace');
  ctx.out(
    stringify({
      apiVersion: 'v1',
      data,
      kind: 'ConfigMap',
      metadata: { name, ...(ns !== undefined && { namespace: ns }) },
    }),
  );
  return 0;
}
