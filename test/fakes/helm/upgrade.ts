// helm upgrade --install REL REPO/CHART [--version V] -n NS [--create-namespace]
// [--cleanup-on-fail] [--timeout D] [--wait] -f FILE…: resolves the chart from the added
// repos' index, reads the values files when called (YAML 1.1 like helm), records the
// release (revision+1) and deploys the chart's objects.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { bool, list, parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { mutate, readState } from '../lib/store.js';
import { parseGoDuration } from '../lib/duration.js';
import { addObject, namespaceExists, nowStamp } from '../lib/objects.js';
import { wouldBecomeReady } from '../lib/deployments.js';
import type { ClusterState, HelmRelease } from '../lib/types.js';
import { chartNotes, deepMerge, deployChart } from './chart.js';
import { statusText } from './releases.js';

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function locateChart(s: ClusterState, ref: string, version: string | undefined) {
  if (/^(oci|https?|file):/.test(ref) || ref.startsWith('.') || ref.startsWith('/'))
    throw new Unsupported('helm', `chart reference "${ref}" (only REPO/CHART is used)`);
  const slash = ref.indexOf('/');
  if (slash < 0)
    throw new CliError(
      1,
      `Error: non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`,
    );
  const [repoName, chart] = [ref.slice(0, slash), ref.slice(slash + 1)];
  const repo = s.helmRepos.find((r) => r.name === repoName);
  if (!repo) throw new CliError(1, `Error: repo ${repoName} not found`);
  const versions = s.chartIndex[repo.url]?.[chart];
  const notIn = `Error: chart "${chart}" matching ${version ?? ''} not found in ${repoName} index. (try 'helm repo update'): `;
  if (!versions?.length) throw new CliError(1, `${notIn}no chart name found`);
  const found =
    version === undefined
      ? versions[versions.length - 1]
      : versions.find((v) => v.version === version.replace(/^v/, ''));
  if (!found) throw new CliError(1, `${notIn}no chart version found for ${chart}-${version}`);
  return { chart, ...found };
}

async function readValues(files: string[], cwd: string): Promise<Record<string, unknown>> {
  const YAML = await import('yaml');
  let merged: Record<string, unknown> = {};
  for (const f of files) {
    if (f === '-' || /^https?:/.test(f)) throw new Unsupported('helm', `values from ${f}`);
    let text: string;
    try {
      text = readFileSync(resolve(cwd, f), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(
        1,
        `Error: open ${f}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`,
      );
    }
    const doc = YAML.parseDocument(text, { version: '1.1' });
    if (doc.errors.length) {
      const err = doc.errors[0];
      throw new CliError(
        1,
        `Error: failed to parse ${f}: error converting YAML to JSON: yaml: line ${err.linePos?.[0].line ?? 0}: ${err.message.split('\n')[0]}`,
      );
    }
    const v = doc.toJS({ maxAliasCount: 1000 });
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v))
      throw new CliError(
        1,
        `Error: failed to parse ${f}: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type map[string]interface {}`,
      );
    merged = deepMerge(merged, v);
  }
  return merged;
}

export async function upgrade(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'install', short: 'i', type: 'bool' },
      { name: 'cleanup-on-fail', type: 'bool' },
      { name: 'version', type: 'string' },
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'create-namespace', type: 'bool' },
      { name: 'timeout', type: 'string' },
      { name: 'wait', type: 'bool' },
      { name: 'values', short: 'f', type: 'list' },
    ],
    { tool: 'helm', cmd: 'upgrade', errPrefix: 'Error: ' },
  );
  if (!bool(p, 'install')) throw new Unsupported('helm', 'helm upgrade without --install');
  if (p.positional.length !== 2 || p.rest)
    throw new CliError(
      1,
      'Error: "helm upgrade" requires 2 arguments\n\nUsage:  helm upgrade [RELEASE] [CHART] [flags]',
    );
  const timeout = str(p, 'timeout');
  const ms = timeout === undefined ? 300_000 : parseGoDuration(timeout);
  if (typeof ms !== 'number')
    throw new CliError(1, `Error: invalid argument "${timeout}" for "--timeout" flag: ${ms.error}`);
  const [name, chartRef] = p.positional;
  if (!RELEASE_NAME.test(name) || name.length > 53)
    throw new CliError(
      1,
      `Error: invalid release name, must match regex ${RELEASE_NAME.source} and the length must not be longer than 53`,
    );
  const ns = str(p, 'namespace') ?? 'default';
  // helm's -f is a string slice: "a.yaml,b.yaml" is two files.
  const files = list(p, 'values').flatMap((f) => f.split(','));
  const path = await connect(ctx.env, 'helm');
  const chart = locateChart(readState(path), chartRef, str(p, 'version'));
  const values = await readValues(files, ctx.cwd);
  const out = mutate(path, (s) => {
    const existing = s.releases.find((r) => r.name === name && r.namespace === ns);
    if (!existing && !namespaceExists(s, ns)) {
      if (!bool(p, 'create-namespace'))
        return {
          error: `Error: create: failed to create: namespaces "${ns}" not found`,
          existing: false,
        };
      addObject(s, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    const now = nowStamp();
    const r: HelmRelease = existing ?? {
      name,
      namespace: ns,
      chart: chart.chart,
      version: '',
      appVersion: '',
      revision: 0,
      status: '',
      values: null,
      firstDeployed: now,
    };
    Object.assign(r, {
      chart: chart.chart,
      version: chart.version,
      appVersion: chart.appVersion,
      revision: r.revision + 1,
      values,
      lastDeployed: now,
    });
    if (!existing) s.releases.push(r);
    const wrap = (msg: string) => (existing ? `Error: UPGRADE FAILED: ${msg}` : `Error: ${msg}`);
    const failure = s.simulations.helmFailures?.[name];
    if (failure) {
      Object.assign(r, {
        status: 'failed',
        description: `${existing ? 'Upgrade' : 'Release'} "${name}" failed: ${failure}`,
      });
      return { error: wrap(failure), existing: !!existing };
    }
    const wait = bool(p, 'wait');
    const stuck =
      wait &&
      ['hub', 'proxy', 'user-scheduler'].some(
        (d) => r.chart === 'jupyterhub' && !wouldBecomeReady(s, d),
      );
    deployChart(s, r, wait && !stuck);
    if (stuck) {
      Object.assign(r, { status: 'failed', description: 'context deadline exceeded' });
      return { error: wrap('context deadline exceeded'), existing: !!existing };
    }
    Object.assign(r, {
      status: 'deployed',
      description: existing ? 'Upgrade complete' : 'Install complete',
    });
    return { error: undefined, text: statusText(r) + chartNotes(r), existing: !!existing };
  });
  // helm announces the install before attempting it, so the line precedes a failure too.
  if (!out.existing) ctx.out(`Release "${name}" does not exist. Installing it now.\n`);
  if (out.error) throw new CliError(1, out.error);
  if (out.existing) ctx.out(`Release "${name}" has been upgraded. Happy Helming!\n`);
  ctx.out(out.text ?? '');
  return 0;
}
