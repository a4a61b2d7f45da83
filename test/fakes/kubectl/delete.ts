// kubectl delete KIND NAME… | KIND -l SELECTOR, with -n, --ignore-not-found, --wait.
// Deletion cascades like the control plane: namespace contents, owned objects (GC).
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { bool, parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { mutate } from '../lib/store.js';
import { kindString, notFound, resolveType } from '../lib/kinds.js';
import { deleteObject, findObject, listObjects } from '../lib/objects.js';
import { parseSelector } from '../lib/selector.js';

export default async function del(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'ignore-not-found', type: 'bool' },
      { name: 'wait', type: 'bool' },
      { name: 'cascade', type: 'string' },
    ],
    { tool: 'kubectl', cmd: 'delete', errPrefix: 'error: ' },
  );
  if (p.rest) throw new Unsupported('kubectl', '"--" in kubectl delete');
  const cascade = str(p, 'cascade');
  if (cascade !== undefined && !['background', 'foreground', 'orphan'].includes(cascade))
    throw new CliError(
      1,
      `error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`,
    );
  if (cascade === 'orphan') throw new Unsupported('kubectl', '--cascade=orphan');
  const [typeToken, ...names] = p.positional;
  if (!typeToken)
    throw new CliError(
      1,
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  if (typeToken.includes('/')) throw new Unsupported('kubectl', `TYPE/NAME form "${typeToken}"`);
  const selector = str(p, 'selector');
  if (names.length && selector !== undefined)
    throw new CliError(1, 'error: name cannot be provided when a selector is specified');
  const match = selector !== undefined ? parseSelector(selector) : undefined;
  const ns = str(p, 'namespace') ?? 'default';
  // With -l, kubectl ignores NotFound unless --ignore-not-found was given explicitly.
  const ignore = 'ignore-not-found' in p.flags ? bool(p, 'ignore-not-found') : !!match;

  if (!names.length && !match)
    throw new CliError(1, 'error: resource(s) were provided, but no name was specified');
  const path = await connect(ctx.env, 'kubectl');
  const { lines, errors } = mutate(path, (s) => {
    const infos = typeToken.split(',').map((t) => resolveType(t, s));
    const lines: string[] = [];
    const errors: string[] = [];
    for (const info of infos) {
      const targets = match
        ? listObjects(s, info, ns).filter((o) => match(o.metadata.labels ?? {}))
        : names.map((n) => findObject(s, info, n, ns) ?? n);
      for (const t of targets) {
        if (typeof t === 'string') {
          if (!ignore) errors.push(notFound(info, t));
          continue;
        }
        deleteObject(s, t);
        lines.push(`${kindString(info)} "${t.metadata.name}" deleted`);
      }
    }
    return { lines, errors };
  });
  // Named deletes count as "found" even when the DELETE then 404s (kubectl does not GET first).
  if (match && !lines.length && !errors.length) ctx.out('No resources found\n');
  ctx.out(lines.map((l) => `${l}\n`).join(''));
  for (const e of errors) ctx.err(`${e}\n`);
  return errors.length ? 1 : 0;
}
