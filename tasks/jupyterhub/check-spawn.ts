import { TaskError, type Ctx } from '../core/index.js';
import { getObject } from '../k8s/kubectl.js';
import { fail, ok, warn, type Check } from './check-report.js';
import { deployedValues, desiredState } from './desired.js';
import { loadSettings } from './settings.js';
import { buildUserPod, profilesOf, type Profile } from './spawn-pod.js';

/** The user the test pods are built for (never created: the API server only admits them). */
export const TEST_USER = 'check-spawn';
const ENFORCE = 'pod-security.kubernetes.io/enforce';
const INSTALL = 'npx tasks jupyterhub:install';

/** The profiles asked for: all, or the one named by slug, display name, or a word of its image. */
export function selectProfiles(all: Profile[], wanted?: string): Profile[] {
  if (!wanted) return all;
  const w = wanted.toLowerCase();
  const exact = all.filter((p) => p.slug === w || p.displayName.toLowerCase() === w);
  if (exact.length) return exact;
  const image = (p: Profile) => String(p.override.image ?? '').toLowerCase();
  const loose = all.filter((p) => p.slug.includes(w) || image(p).includes(w));
  if (loose.length === 1) return loose;
  throw new TaskError(
    `no${loose.length > 1 ? ' single' : ''} profile "${wanted}" among the enabled ones`,
    `one of: ${all.map((p) => p.slug).join(', ')}`,
  );
}

/** The admission's own words from kubectl's error, without kubectl's framing. */
export const admissionMessage = (stderr: string): string =>
  stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Warning:/.test(l))
    .join(' ')
    .replace(/^Error from server \([^)]*\): (error when creating "STDIN": )?/, '');

/**
 * For each enabled profile, the pod the hub would create for a test user, admitted by the
 * API server with a server-side dry run in the hub's namespace (its pod-security level,
 * quotas, runtime classes, webhooks): a profile users could not start shows here first.
 * The values are the deployed release's (what the hub runs), else what install renders.
 */
export async function checkSpawn(ctx: Ctx, wanted?: string): Promise<Check[]> {
  const s = await loadSettings(ctx);
  const ns = s.JUPYTERHUB_NAMESPACE;
  const deployed = await deployedValues(ctx, ns);
  const values = (deployed ?? (await desiredState(ctx)).values) as Record<string, any>;
  const source = deployed === undefined ? 'values install would render' : 'deployed values';
  const checks: Check[] = [];
  const namespace = await getObject(ctx, 'namespace', ns);
  if (!namespace)
    return [fail(`namespace ${ns}`, 'does not exist: nothing can be admitted there', INSTALL)];
  const level = namespace.metadata.labels?.[ENFORCE];
  checks.push(
    level === 'restricted'
      ? ok(`namespace ${ns}`, `pod-security enforce=${level}`)
      : warn(
          `namespace ${ns}`,
          `pod-security enforce=${level ?? '(none)'}, not restricted`,
          INSTALL,
        ),
  );
  for (const profile of selectProfiles(profilesOf(values), wanted)) {
    const name = `jupyter-${TEST_USER}-${profile.slug}`.slice(0, 63).replace(/-+$/, '');
    const pod = buildUserPod(values, profile, TEST_USER, ns, name);
    const r = await ctx.exec.query(
      'kubectl',
      ['create', '--dry-run=server', '-n', ns, '-f', '-', '-o', 'name'],
      { input: JSON.stringify(pod), allowFailure: true, timeoutMs: 60_000 },
    );
    const label = `profile ${profile.slug}`;
    const warnings = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('Warning:'))
      .map((l) => l.replace(/^Warning:\s*/, ''));
    if (r.status === 0 && !warnings.length)
      checks.push(ok(label, `admitted (${source}, image ${pod.spec.containers[0].image})`));
    else if (r.status === 0)
      checks.push(warn(label, `admitted with warnings: ${warnings.join('; ')}`, INSTALL));
    else
      checks.push(
        fail(
          label,
          `rejected: ${admissionMessage(r.stderr) || `kubectl exit ${r.status}`}`,
          `${INSTALL}  (renders the profiles anew; a profile added outside install must meet pod-security restricted)`,
        ),
      );
  }
  return checks;
}
