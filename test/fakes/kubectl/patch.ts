// kubectl patch pv NAME --type=json|merge -p PATCH: RFC 6902 JSON patch or RFC 7386 merge
// patch, applied by the "server" with its error texts; then the PV controller runs
// (a cleared claimRef makes a Released volume Available again).
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { mutate } from '../lib/store.js';
import { kindString, notFound, resolveType } from '../lib/kinds.js';
import { findObject, nextResourceVersion, reconcileVolumes } from '../lib/objects.js';
import { immutableErrors } from '../lib/admission.js';
import { invalidMessage } from '../lib/validate.js';
import { applyJsonPatch, applyMergePatch } from '../lib/patching.js';

export default async function patch(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'type', type: 'string' },
      { name: 'patch', short: 'p', type: 'string' },
      { name: 'namespace', short: 'n', type: 'string' },
    ],
    { tool: 'kubectl', cmd: 'patch', errPrefix: 'error: ' },
  );
  if (p.rest) throw new Unsupported('kubectl', '"--" in kubectl patch');
  const [typeToken, name, ...extra] = p.positional;
  if (!typeToken || typeToken.includes('/') || extra.length)
    throw new Unsupported('kubectl', `kubectl patch ${p.positional.join(' ')}`);
  const type = str(p, 'type') ?? 'strategic';
  if (!['json', 'merge', 'strategic'].includes(type))
    throw new CliError(1, `error: --type must be one of [json merge strategic], not "${type}"`);
  if (type === 'strategic')
    throw new Unsupported('kubectl', 'strategic merge patch (give --type=json or --type=merge)');
  const text = str(p, 'patch');
  if (text === undefined) throw new CliError(1, 'error: must specify -p to patch');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new CliError(1, `error: unable to parse "${text}": ${(e as Error).message}`);
  }
  const path = await connect(ctx.env, 'kubectl');
  const msg = mutate(path, (s) => {
    const info = resolveType(typeToken, s);
    if (info.kind !== 'PersistentVolume')
      throw new Unsupported('kubectl', `kubectl patch ${typeToken}`);
    if (!name) throw new CliError(1, 'error: resource(s) were provided, but no name was specified');
    const live = findObject(s, info, name, str(p, 'namespace') ?? 'default');
    if (!live) throw new CliError(1, notFound(info, name));
    const result = type === 'json' ? applyJsonPatch(live, body) : applyMergePatch(live, body);
    if (typeof result === 'string') throw new CliError(1, `Error from server: ${result}`);
    const errs = immutableErrors(live, result);
    if (errs.length)
      throw new CliError(
        1,
        `Error from server (Invalid): ${invalidMessage(live.kind, name, errs)}`,
      );
    const changed = JSON.stringify(result) !== JSON.stringify(live);
    if (changed) {
      result.metadata.resourceVersion = nextResourceVersion(s);
      s.objects[s.objects.indexOf(live)] = result;
      reconcileVolumes(s);
    }
    return `${kindString(info)}/${name} patched${changed ? '' : ' (no change)'}`;
  });
  ctx.out(`${msg}\n`);
  return 0;
}
