import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readManifest } from '../tasks/core/manifest.js';
import { sharedDir } from '../tasks/core/paths.js';

// Every public recipe of upstream's chained justfiles exists here with the same parameters
// (names, order, variadic or not, defaults). The justfiles are parsed here, not copied.
const test = suite('recipes and parameters match upstream justfiles');

interface JustParam {
  name: string;
  variadic: boolean;
  default?: string;
}

/** Public recipes of a justfile: not [private], not _-prefixed; parameters as declared. */
export function parseJustfile(text: string): Map<string, JustParam[]> {
  const recipes = new Map<string, JustParam[]>();
  let attributes: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\[.*\]\s*$/.test(line)) {
      attributes.push(line.trim());
      continue;
    }
    const header =
      /^([A-Za-z_][\w-]*)((?:\s+[*+]?[\w-]+(?:=(?:'[^']*'|"[^"]*"|[^\s'":]+))?)*)\s*:(?!=)/.exec(
        line,
      );
    if (!header || line.includes(':=') || /^(alias|import|mod)\s/.test(line)) {
      if (line.trim() && !line.startsWith(' ') && !line.startsWith('#')) attributes = [];
      continue;
    }
    const [, name, paramText] = header;
    const isPrivate = name!.startsWith('_') || attributes.includes('[private]');
    attributes = [];
    if (isPrivate) continue;
    const params: JustParam[] = [];
    for (const m of paramText!.matchAll(/([*+])?([\w-]+)(?:=('[^']*'|"[^"]*"|[^\s'"]+))?/g)) {
      const raw = m[3];
      params.push({
        name: m[2]!,
        variadic: Boolean(m[1]),
        ...(raw !== undefined && { default: raw.replace(/^['"]|['"]$/g, '') }),
      });
    }
    recipes.set(name!, params);
  }
  return recipes;
}

const MODULES = ['vault', 'keycloak', 'k8s', 'env', 'utils'];

/** Parameter lists that differ on purpose (README "Differences from the just module"). */
const PARAM_DIFFERENCES: Record<string, string> = {
  // upstream takes `*args` and maps each key=value to an env var; the keys are its documented ones
  'keycloak:create-client':
    'realm client_id redirect_url client_secret= client_session_idle= client_session_max= client_direct_access_grants= client_pkce_method= post_logout_redirect_uris= access_token_lifespan=',
  // upstream takes `*args` = namespace then deployments
  'k8s:wait-deployments-ready': 'namespace *deployments',
  // a password is never an argument: optional here, refused when given
  'keycloak:put-admin-credentials-to-vault': 'username password?',
};

/** Recipes not ported yet; the test fails when this list is not exactly what is missing. */
const NOT_PORTED = new Set<string>([]);

/** Recipes we have that upstream's public lists lack (private or ours), with the reason. */
const EXTRA: Record<string, string> = {
  'vault:check-env': 'private in upstream; public here so an operator can set VAULT_HOST once',
  'keycloak:update-client': "jupyterhub's troubleshooting fixes redirect URIs with it",
};

const ours = new Map(
  readManifest().namespaces.flatMap((ns) =>
    ns.recipes.map((r) => [`${ns.name}:${r.name}` as string, r.params] as const),
  ),
);

const describe = (
  params: readonly { name: string; variadic?: boolean; default?: string; optional?: boolean }[],
) =>
  params
    .map((p) =>
      p.variadic
        ? `*${p.name}`
        : p.default !== undefined
          ? `${p.name}=${p.default}`
          : `${p.name}${p.optional ? '?' : ''}`,
    )
    .join(' ');

const upstream = new Map<string, string>();
for (const mod of MODULES) {
  const text = readFileSync(join(sharedDir(), 'reference', 'upstream', mod, 'justfile'), 'utf8');
  for (const [name, params] of parseJustfile(text))
    upstream.set(`${mod}:${name}`, describe(params));
}

test('the parser finds what just --summary lists (111 public recipes in the five modules)', () => {
  assert.is(upstream.size, 111);
  assert.is(
    upstream.get('vault:create-token-and-store'),
    'policy path ttl=24h max_ttl= root_token=',
  );
  assert.is(
    upstream.get('keycloak:create-realm'),
    'create-client-for-k8s=true access_token_lifespan=43200 refresh_token_lifespan=86400 sso_session_idle_timeout=7200',
  );
  assert.ok(!upstream.has('vault:check-env'), '[private] recipes are skipped');
});

test('every upstream recipe exists here (or is listed as not ported)', () => {
  const missing = [...upstream.keys()].filter((k) => !ours.has(k)).sort();
  assert.equal(missing, [...NOT_PORTED].sort());
});

test('parameters: same names, order, variadic and defaults (or a listed difference)', () => {
  const mismatches: string[] = [];
  for (const [key, theirs] of upstream) {
    const params = ours.get(key);
    if (!params) continue;
    const mine = describe(params);
    const expected = PARAM_DIFFERENCES[key] ?? theirs;
    if (mine !== expected) mismatches.push(`${key}: upstream "${theirs}", ours "${mine}"`);
  }
  assert.equal(mismatches, []);
});

test('nothing extra in these namespaces but the listed recipes', () => {
  const extra = [...ours.keys()]
    .filter((k) => MODULES.includes(k.split(':')[0]!) && !upstream.has(k))
    .sort();
  assert.equal(extra, Object.keys(EXTRA).sort());
});

test.run();
