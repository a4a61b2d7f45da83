// kubectl create --dry-run=server -n NS -f - -o name: a Pod admitted (or not) without being
// stored: the namespace must exist, and its pod-security enforce=restricted label applies
// the restricted checks with the API server's message. `create namespace|secret
// generic|configmap` (the just module's forms) are in create-resource.ts.
import { CliError, Unsupported, type Ctx } from '../lib/io.js';
import { list, parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { readState } from '../lib/store.js';
import { namespaceExists } from '../lib/objects.js';
import { restrictedViolations } from '../lib/pod-security.js';
import { parseManifests } from './manifests.js';

export default async function create(ctx: Ctx, args: string[]): Promise<number> {
  // The imperative forms (namespace, secret generic, configmap) the just module uses are elsewhere.
  const serverDryRun = args.some(
    (a, i) => a === '--dry-run=server' || (a === '--dry-run' && args[i + 1] === 'server'),
  );
  if (!serverDryRun) return (await import('./create-resource.js')).default(ctx, args);
  const p = parseArgs(
    args,
    [
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'filename', short: 'f', type: 'list' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'dry-run', type: 'string' },
    ],
    { tool: 'kubectl', cmd: 'create', errPrefix: 'error: ' },
  );
  if (
    str(p, 'dry-run') !== 'server' ||
    list(p, 'filename').join(',') !== '-' ||
    str(p, 'output') !== 'name' ||
    p.positional.length ||
    p.rest
  )
    throw new Unsupported('kubectl', `kubectl create ${args.join(' ')}`);
  const ns = str(p, 'namespace') ?? 'default';
  const docs = await parseManifests(ctx.stdin());
  if (docs.length !== 1 || docs[0]!.kind !== 'Pod')
    throw new Unsupported('kubectl', 'kubectl create of anything but one Pod');
  const pod = docs[0]!;
  const s = readState(await connect(ctx.env, 'kubectl'));
  if (!namespaceExists(s, ns))
    throw new CliError(
      1,
      `Error from server (NotFound): error when creating "STDIN": namespaces "${ns}" not found`,
    );
  const nsObj = s.objects.find((o) => o.kind === 'Namespace' && o.metadata.name === ns);
  const level = nsObj?.metadata.labels?.['pod-security.kubernetes.io/enforce'];
  const violations = level === 'restricted' ? restrictedViolations(pod) : [];
  if (violations.length)
    throw new CliError(
      1,
      `Error from server (Forbidden): error when creating "STDIN": pods "${pod.metadata.name}" is forbidden: violates PodSecurity "restricted:latest": ${violations.join(', ')}`,
    );
  ctx.out(`pod/${pod.metadata.name}\n`);
  return 0;
}
