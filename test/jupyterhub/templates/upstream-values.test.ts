// Our values against the just module's: upstream's own templates (values and pre-spawn
// hook, ../shared/reference/upstream/jupyterhub) rendered with our engine for the same
// inputs, parsed, and compared leaf by leaf. Only the differences listed below may
// appear, each exactly where its condition holds, and each is named in README.md's
// section "Differences from the just module".
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { projectRoot, sharedDir } from '../../../tasks/core/paths.js';
import { render } from '../../../tasks/gomplate/index.js';
import { parseHelmYaml } from '../../support/z2jh.js';
import { COMBOS } from './combos.js';
import { baseEnv, type TemplateEnv } from './env.js';
import { renderValues } from './render.js';

const Upstream = suite('jupyterhub values: as the just module renders them');

const UPSTREAM = join(sharedDir(), 'reference', 'upstream', 'jupyterhub');

function renderWith(dir: string, file: string, env: TemplateEnv, cwd: string): string {
  return render(readFileSync(join(dir, file), 'utf8'), {
    name: file,
    env,
    cwd,
    readFile: (absPath) => readFileSync(absPath, 'utf8'),
    fileExists: (p) => existsSync(p),
  });
}

/** What `just jupyterhub::install` writes as jupyterhub-values.yaml for these inputs. */
function upstreamValues(env: TemplateEnv): string {
  const out = mkdtempSync(join(tmpdir(), 'upstream-values-'));
  try {
    const vault = env.JUPYTERHUB_VAULT_INTEGRATION_ENABLED === 'true';
    // The recipe: USER_POLICY_HCL=$(cat user_policy.hcl) with Vault on, else empty.
    const policy = readFileSync(join(UPSTREAM, 'user_policy.hcl'), 'utf8').replace(/\n+$/, '');
    const upstreamEnv = { ...env, USER_POLICY_HCL: vault ? policy : '' };
    const hook = renderWith(UPSTREAM, 'pre_spawn_hook.gomplate.py', upstreamEnv, out);
    writeFileSync(join(out, 'pre_spawn_hook.py'), hook);
    return renderWith(UPSTREAM, 'jupyterhub-values.gomplate.yaml', upstreamEnv, out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Every leaf (or missing/extra key) where the two trees differ, as a dotted path
 * (a dot inside a key is escaped: hub.extraFiles.pre_spawn_hook\.py).
 */
function differences(a: unknown, b: unknown, path = ''): string[] {
  const isTree = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object';
  if (isTree(a) && isTree(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => {
      const step = k.replace(/\./g, '\\.');
      return differences(a[k], b[k], path ? `${path}.${step}` : step);
    });
  }
  return Object.is(a, b) ? [] : [path];
}

/** A YAML scalar written bare would not stay a string (12345, true, 1.5, null). */
const bareIsNotString = (v: string | undefined): boolean =>
  v !== undefined && v !== '' && typeof parse(v) !== 'string';

interface Allowed {
  path: string;
  when: (env: TemplateEnv) => boolean;
}

const always = () => true;
const vaultOn = (env: TemplateEnv) => env.JUPYTERHUB_VAULT_INTEGRATION_ENABLED === 'true';

// The allow-list: our deliberate differences, nothing else.
const ALLOWED: Allowed[] = [
  // services and roles appended, so the idle culler the chart registers survives
  { path: 'hub.extraConfig.admin-service', when: always },
  // the hub encrypts auth state with our keys (Secret jupyterhub-crypt-key), not the chart's
  { path: 'hub.extraConfig.crypt-keys', when: always },
  // our pre-spawn hook: verified TLS, orphan user tokens, safe usernames, no blocking calls
  { path: 'hub.extraFiles.pre_spawn_hook\\.py.stringData', when: always },
  // fsGroup kept in the pod securityContext that extraPodConfig replaces
  { path: 'singleuser.extraPodConfig.securityContext.fsGroup', when: always },
  // the hub's admin Vault token on a memory volume, never on the node's disk
  { path: 'hub.extraVolumes.0.emptyDir.medium', when: vaultOn },
  // quoted values: a numeric-looking client id or capacity stays a string
  {
    path: 'hub.config.GenericOAuthenticator.client_id',
    when: (env) => bareIsNotString(env.JUPYTERHUB_OIDC_CLIENT_ID),
  },
  {
    path: 'singleuser.storage.capacity',
    when: (env) => bareIsNotString(env.JUPYTERHUB_STORAGE_CAPACITY),
  },
];

function compare(env: TemplateEnv): { found: string[]; expected: string[] } {
  const ours = parseHelmYaml(renderValues(env).yaml);
  const theirs = parseHelmYaml(upstreamValues(env));
  const found = differences(theirs, ours);
  const expected = ALLOWED.filter((a) => a.when(env)).map((a) => a.path);
  return { found: found.sort(), expected: expected.sort() };
}

Upstream('the comparison finds a difference it is not told about', () => {
  assert.equal(differences({ a: { b: [1, 2] } }, { a: { b: [1, 3] } }), ['a.b.1']);
  assert.equal(differences({ a: {} }, { a: { c: 'x' } }), ['a.c']);
  assert.equal(differences({ a: '1' }, { a: 1 }), ['a']);
  assert.equal(differences({ a: [] }, { a: {} }), ['a']);
  // upstream's template does render here, and really differs from ours
  const { found } = compare(baseEnv());
  assert.ok(found.includes('hub.extraConfig.admin-service'), found.join('\n'));
});

for (const combo of COMBOS) {
  Upstream(`${combo.name}: only the listed differences, each where it applies`, () => {
    const { found, expected } = compare(combo.env);
    assert.equal(found, expected);
  });
}

Upstream('the other inputs are the same in both renderings: profile texts and GPU limit', () => {
  const env = baseEnv({
    JUPYTERHUB_GPU_ENABLED: 'true',
    JUPYTERHUB_GPU_LIMIT: '2',
    JUPYTER_PROFILE_MINIMAL_ENABLED: 'true',
    JUPYTER_PROFILE_BUUN_STACK_CUDA_ENABLED: 'true',
  });
  const ours = parseHelmYaml(renderValues(env).yaml) as {
    singleuser: { profileList: { display_name: string }[]; extraResource: unknown };
  };
  assert.equal(
    ours.singleuser.profileList.map((p) => p.display_name),
    ['Minimal Jupyter Notebook Stack', 'Jupyter Notebook Data Science Stack', 'Buun-stack with CUDA'],
  );
  assert.equal(ours.singleuser.extraResource, { limits: { 'nvidia.com/gpu': '2' } });
});

Upstream('README lists every allowed difference in "Differences from the just module"', () => {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('## Differences from the just module');
  assert.ok(start >= 0, 'README.md has no section "Differences from the just module"');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  for (const { path } of ALLOWED) {
    const shown = path.replace(/\\\./g, '.');
    assert.ok(section.includes(`\`${shown}\``), `README does not list ${shown}`);
  }
});

Upstream.run();
