// kubectl label namespace NAME key=value… [--overwrite]: changing an existing value needs
// --overwrite (setting the same value again does not); values are checked client-side,
// keys by the server, with their real messages.
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { bool, parseArgs } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { mutate } from '../lib/store.js';
import { kindString, notFound, resolveType } from '../lib/kinds.js';
import { findObject, nextResourceVersion } from '../lib/objects.js';
import { LABEL_VALUE_MSG, invalidMessage, isLabelValue, labelKeyError } from '../lib/validate.js';

export default async function label(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(args, [{ name: 'overwrite', type: 'bool' }], {
    tool: 'kubectl',
    cmd: 'label',
    errPrefix: 'error: ',
  });
  if (p.rest) throw new Unsupported('kubectl', '"--" in kubectl label');
  const [typeToken, name, ...specs] = p.positional;
  if (!typeToken || typeToken.includes('/'))
    throw new Unsupported('kubectl', `kubectl label ${p.positional.join(' ')}`);
  if (!name || !specs.length) throw new CliError(1, 'error: at least one label update is required');
  const labels: Record<string, string> = {};
  for (const spec of specs) {
    if (!spec.includes('=')) {
      if (spec.endsWith('-')) throw new Unsupported('kubectl', `label removal "${spec}"`);
      throw new CliError(1, `error: unknown label spec: ${spec}`);
    }
    const parts = spec.split('=');
    if (parts.length !== 2) throw new CliError(1, `error: invalid label spec: ${spec}`);
    if (!isLabelValue(parts[1]))
      throw new CliError(1, `error: invalid label value: "${spec}": ${LABEL_VALUE_MSG}`);
    labels[parts[0]] = parts[1];
  }
  const overwrite = bool(p, 'overwrite');
  const path = await connect(ctx.env, 'kubectl');
  const msg = mutate(path, (s) => {
    const info = resolveType(typeToken, s);
    if (info.kind !== 'Namespace') throw new Unsupported('kubectl', `kubectl label ${typeToken}`);
    const o = findObject(s, info, name);
    if (!o) throw new CliError(1, notFound(info, name));
    const current = o.metadata.labels ?? {};
    if (!overwrite) {
      const clashes = Object.entries(labels)
        .filter(([k, v]) => k in current && current[k] !== v)
        .map(([k]) => `'${k}' already has a value (${current[k]}), and --overwrite is false`);
      if (clashes.length === 1) throw new CliError(1, `error: ${clashes[0]}`);
      if (clashes.length > 1) throw new CliError(1, `error: [${clashes.join(', ')}]`);
    }
    const keyErrs = Object.keys(labels)
      .map((k) => [k, labelKeyError(k)])
      .filter(([, e]) => e)
      .map(([k, e]) => `metadata.labels: Invalid value: "${k}": ${e}`);
    if (keyErrs.length)
      throw new CliError(
        1,
        `Error from server (Invalid): ${invalidMessage(o.kind, name, keyErrs)}`,
      );
    const changed = Object.entries(labels).some(([k, v]) => current[k] !== v);
    if (changed) {
      o.metadata.labels = { ...current, ...labels };
      o.metadata.resourceVersion = nextResourceVersion(s);
    }
    return `${kindString(info)}/${name} ${changed ? 'labeled' : 'not labeled'}`;
  });
  ctx.out(`${msg}\n`);
  return 0;
}
