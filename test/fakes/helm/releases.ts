// helm list -A -o json, helm status, helm uninstall, helm get values: reading and removing
// the release records in the state, with helm's output shapes and error texts.
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { bool, parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { mutate, readState } from '../lib/store.js';
import { ansic, goTime } from '../lib/print.js';
import { deleteObject } from '../lib/objects.js';
import type { HelmRelease } from '../lib/types.js';

const NOT_FOUND = 'Error: release: not found';
const opts = (cmd: string) => ({ tool: 'helm', cmd, errPrefix: 'Error: ' });

function checkFormat(format: string | undefined, allowed: string[], cmd: string): void {
  const f = format ?? 'table';
  if (allowed.includes(f)) return;
  if (['table', 'json', 'yaml'].includes(f)) throw new Unsupported('helm', `helm ${cmd} -o ${f}`);
  throw new CliError(
    1,
    `Error: invalid argument "${f}" for "-o, --output" flag: invalid format type`,
  );
}

export async function list(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'output', short: 'o', type: 'string' },
    ],
    opts('list'),
  );
  if (!bool(p, 'all-namespaces') || p.positional.length || p.rest)
    throw new Unsupported(
      'helm',
      `helm list ${args.join(' ')} (only "helm list -A -o json" is used)`,
    );
  checkFormat(str(p, 'output'), ['json'], 'list');
  const s = readState(await connect(ctx.env, 'helm'));
  const rows = s.releases
    .filter((r) => r.status !== 'uninstalled' && r.status !== 'superseded')
    .sort((a, b) =>
      a.name === b.name ? a.namespace.localeCompare(b.namespace) : a.name < b.name ? -1 : 1,
    )
    .map((r) => ({
      name: r.name,
      namespace: r.namespace,
      revision: String(r.revision ?? 1),
      updated: goTime(r.lastDeployed),
      status: r.status ?? 'deployed',
      chart: `${r.chart}-${r.version}`,
      app_version: r.appVersion ?? '',
    }));
  ctx.out(`${JSON.stringify(rows)}\n`);
  return 0;
}

export function statusText(r: HelmRelease): string {
  return (
    `NAME: ${r.name}\nLAST DEPLOYED: ${ansic(r.lastDeployed)}\nNAMESPACE: ${r.namespace}\n` +
    `STATUS: ${r.status}\nREVISION: ${r.revision}\nTEST SUITE: None\n`
  );
}

export async function status(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'output', short: 'o', type: 'string' },
    ],
    opts('status'),
  );
  if (p.positional.length !== 1 || p.rest)
    throw new CliError(
      1,
      'Error: "helm status" requires 1 argument\n\nUsage:  helm status RELEASE_NAME [flags]',
    );
  const format = str(p, 'output') ?? 'table';
  checkFormat(format, ['table', 'json'], 'status');
  const s = readState(await connect(ctx.env, 'helm'));
  const ns = str(p, 'namespace') ?? 'default';
  const r = s.releases.find((x) => x.name === p.positional[0] && x.namespace === ns);
  if (!r) throw new CliError(1, NOT_FOUND);
  if (format === 'json') {
    const info = {
      first_deployed: r.firstDeployed ?? r.lastDeployed,
      last_deployed: r.lastDeployed,
      deleted: '',
      description: r.description ?? (r.revision > 1 ? 'Upgrade complete' : 'Install complete'),
      status: r.status,
    };
    const chart = {
      metadata: { name: r.chart, version: r.version, appVersion: r.appVersion, apiVersion: 'v2' },
    };
    ctx.out(
      `${JSON.stringify({ name: r.name, info, chart, config: r.values ?? {}, version: r.revision, namespace: r.namespace })}\n`,
    );
  } else ctx.out(statusText(r));
  return 0;
}

export async function uninstall(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'wait', type: 'bool' },
      { name: 'ignore-not-found', type: 'bool' },
    ],
    opts('uninstall'),
  );
  if (!p.positional.length || p.rest)
    throw new CliError(
      1,
      'Error: "helm uninstall" requires at least 1 argument\n\nUsage:  helm uninstall RELEASE_NAME [...] [flags]',
    );
  const ns = str(p, 'namespace') ?? 'default';
  const path = await connect(ctx.env, 'helm');
  const res = mutate(path, (s) => {
    const lines: string[] = [];
    for (const name of p.positional) {
      const r = s.releases.find((x) => x.name === name && x.namespace === ns);
      if (!r) {
        if (!bool(p, 'ignore-not-found'))
          return {
            lines,
            error: `Error: uninstall: Release not loaded: ${name}: release: not found`,
          };
      } else {
        for (const ref of r.resources ?? []) {
          const o = s.objects.find(
            (x) =>
              x.kind === ref.kind &&
              x.metadata.name === ref.name &&
              x.metadata.namespace === ref.namespace,
          );
          if (o) deleteObject(s, o);
        }
        s.releases = s.releases.filter((x) => x !== r);
      }
      lines.push(`release "${name}" uninstalled`);
    }
    return { lines, error: undefined };
  });
  ctx.out(res.lines.map((l) => `${l}\n`).join(''));
  if (res.error) throw new CliError(1, res.error);
  return 0;
}

export async function getValues(ctx: Ctx, args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'values') throw new Unsupported('helm', `helm get ${what ?? ''}`);
  const p = parseArgs(
    rest,
    [
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'output', short: 'o', type: 'string' },
    ],
    opts('get values'),
  );
  if (p.positional.length !== 1 || p.rest)
    throw new CliError(
      1,
      'Error: "helm get values" requires 1 argument\n\nUsage:  helm get values RELEASE_NAME [flags]',
    );
  checkFormat(str(p, 'output'), ['json'], 'get values');
  const s = readState(await connect(ctx.env, 'helm'));
  const ns = str(p, 'namespace') ?? 'default';
  const r = s.releases.find((x) => x.name === p.positional[0] && x.namespace === ns);
  if (!r) throw new CliError(1, NOT_FOUND);
  ctx.out(`${JSON.stringify(r.values ?? null)}\n`);
  return 0;
}
