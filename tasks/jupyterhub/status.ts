import { formatDuration, parseDuration, TaskError, type Ctx } from '../core/index.js';
import { keycloakAdmin, keycloakUrl } from '../keycloak/admin.js';
import { findClient } from '../keycloak/session.js';
import { isNative } from './auth.js';
import { releases } from '../k8s/helm.js';
import { getObjects, listObjects, readSecret, type K8sObject } from '../k8s/kubectl.js';
import { connectVault, vaultAddr, VaultApi, type TokenInfo } from '../vault/client.js';
import { fail, ok, warn, type Check } from './check-report.js';
import { deployedValues, desiredState, type Desired } from './desired.js';
import { RELEASE } from './install.js';
import { readChartCryptState } from './crypt-key-migration.js';
import { KEY_RULE, refusedKeys, splitKeys } from './crypt-key-rules.js';
import { ADMIN_SERVICE_TOKEN, CRYPT_KEY, VAULT_TOKEN_SECRET, type HubSecret } from './secrets.js';
import { changedKeys } from './values-diff.js';
import { renewInterval, USER_TOKEN_ROLE_PATH } from './vault-integration.js';

const INSTALL = 'npx tasks jupyterhub:install';
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const firstLine = (text: string) => text.split('\n')[0]!;

/**
 * Every system of record the hub depends on, one check each: Helm, the deployments, the
 * values drift, ExternalSecrets, the hub's secrets (in Vault too when it holds them), the
 * hub's Vault admin token, the Keycloak client and realm, culling against user token
 * lifetimes. Queries only: nothing is changed, even without --dry-run.
 */
export async function status(ctx: Ctx): Promise<Check[]> {
  const d = await desiredState(ctx);
  const ns = d.s.JUPYTERHUB_NAMESPACE;
  const checks: Check[] = [];
  const deployed = await deployedValues(ctx, ns);
  checks.push(await releaseCheck(ctx, d));
  checks.push(...(await deploymentChecks(ctx, ns)));
  checks.push(valuesCheck(deployed, d));
  if (d.detected.externalSecrets) checks.push(...(await externalSecretChecks(ctx, d)));
  // Vault holds the hub's secrets with External Secrets or a vault release; its admin
  // token with the integration. A token that cannot read it is one warning, not a crash.
  const kvUsed = d.detected.externalSecrets || d.detected.vault;
  let vault: VaultApi | undefined;
  let vaultProblem: string | undefined;
  if (kvUsed || d.s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED) {
    try {
      vault = await connectVault(ctx);
    } catch (err) {
      vaultProblem = firstLine(errorText(err));
    }
  }
  if (vaultProblem)
    checks.push(
      warn(
        'vault access',
        `cannot read Vault: ${vaultProblem}`,
        'set VAULT_TOKEN (an admin token; op:// works) in .env.local, then npx tasks jupyterhub:status',
      ),
    );
  checks.push(await cryptKeyCheck(ctx, ns, kvUsed ? vault : undefined));
  checks.push(await hubSecretCheck(ctx, ns, ADMIN_SERVICE_TOKEN, kvUsed ? vault : undefined));
  if (d.s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED) checks.push(await adminTokenCheck(ctx, d, vault));
  // Native login: the hub has nothing in Keycloak to check.
  if (!isNative(d.s)) checks.push(...(await keycloakChecks(ctx, d)));
  if (d.s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED) checks.push(await cullCheck(d, deployed, vault));
  return checks;
}

async function releaseCheck(ctx: Ctx, d: Desired): Promise<Check> {
  const ns = d.s.JUPYTERHUB_NAMESPACE;
  const rel = (await releases(ctx)).find((r) => r.name === RELEASE && r.namespace === ns);
  const name = 'helm release';
  if (!rel) return fail(name, `no release ${RELEASE} in namespace ${ns}`, INSTALL);
  const chart = `jupyterhub-${d.s.JUPYTERHUB_CHART_VERSION}`;
  const what = `${rel.chart}, revision ${rel.revision}, ${rel.status}`;
  if (rel.status !== 'deployed')
    return fail(name, what, `helm history ${RELEASE} -n ${ns}; then ${INSTALL}`);
  if (rel.chart !== chart)
    return warn(name, `${what}; JUPYTERHUB_CHART_VERSION asks for ${chart}`, INSTALL);
  return ok(name, what);
}

async function deploymentChecks(ctx: Ctx, ns: string): Promise<Check[]> {
  const found = await getObjects(ctx, 'deployment', ['hub', 'proxy'], ns);
  return ['hub', 'proxy'].map((name) => {
    const dep = found.find((o) => o.metadata.name === name);
    const label = `deployment ${name}`;
    if (!dep) return fail(label, `missing in ${ns}`, INSTALL);
    const want = Number(dep.spec?.replicas ?? 1);
    const ready = Number(dep.status?.readyReplicas ?? 0);
    if (ready >= want && want > 0) return ok(label, `${ready}/${want} ready`);
    return fail(
      label,
      `${ready}/${want} ready`,
      `kubectl describe pods -n ${ns} -l component=${name}; kubectl rollout restart deployment/${name} -n ${ns}`,
    );
  });
}

function valuesCheck(deployed: unknown, d: Desired): Check {
  const name = 'values drift';
  if (deployed === undefined) return fail(name, 'no deployed values (no release)', INSTALL);
  const changes = changedKeys(deployed, d.values);
  if (!changes.length) return ok(name, 'deployed values are what install renders now');
  const shown = changes.slice(0, 8).map((c) => `${c.path} (${c.kind})`);
  const more = changes.length > shown.length ? `, … ${changes.length - shown.length} more` : '';
  return warn(
    name,
    `${changes.length} key(s) differ: ${shown.join(', ')}${more}`,
    `npx tasks jupyterhub:diff; then ${INSTALL}`,
  );
}

const readyOf = (o: K8sObject | undefined) =>
  (o?.status?.conditions as { type: string; status: string; message?: string }[] | undefined)?.find(
    (c) => c.type === 'Ready',
  );

async function externalSecretChecks(ctx: Ctx, d: Desired): Promise<Check[]> {
  const ns = d.s.JUPYTERHUB_NAMESPACE;
  const wanted = [
    CRYPT_KEY,
    ADMIN_SERVICE_TOKEN,
    ...(d.s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED ? [VAULT_TOKEN_SECRET] : []),
  ];
  const found = await getObjects(
    ctx,
    'externalsecret',
    wanted.map((w) => w.name),
    ns,
  );
  return wanted.map((w) => {
    const es = found.find((o) => o.metadata.name === w.name);
    const label = `externalsecret ${w.name}`;
    // install recreates a missing one from the value Vault holds; the Secret ESO owned
    // goes with it, so the stale copy is removed first.
    const recreate = `kubectl delete secret ${w.name} -n ${ns} --ignore-not-found; ${INSTALL}`;
    if (!es) return fail(label, `missing in ${ns}`, recreate);
    const ready = readyOf(es);
    if (ready?.status === 'True') return ok(label, 'Ready');
    return fail(
      label,
      `not Ready${ready?.message ? `: ${ready.message}` : ''}`,
      `kubectl describe externalsecret ${w.name} -n ${ns}; ${recreate}`,
    );
  });
}

async function hubSecretCheck(
  ctx: Ctx,
  ns: string,
  secret: HubSecret,
  vault: VaultApi | undefined,
): Promise<Check> {
  const label = secret.name;
  const data = await readSecret(ctx, secret.name, ns);
  const value = data?.[secret.key];
  const fix = `${INSTALL}  (reuses the value Vault holds; never replaces one)`;
  if (!value)
    return fail(label, `Secret ${secret.name} in ${ns} missing or without ${secret.key}`, fix);
  if (!vault) return ok(label, `Secret ${secret.name} present`);
  let stored: unknown;
  try {
    stored = (await vault.kvGet(secret.vaultPath))?.[secret.vaultField];
  } catch (err) {
    return warn(
      label,
      `Secret present; Vault not readable: ${firstLine(errorText(err))}`,
      'check VAULT_TOKEN, then npx tasks jupyterhub:status',
    );
  }
  if (typeof stored !== 'string' || !stored)
    return fail(
      label,
      `Secret present, but nothing at Vault secret/${secret.vaultPath} (${secret.vaultField})`,
      `kubectl delete externalsecret,secret ${secret.name} -n ${ns} --ignore-not-found; ${INSTALL}`,
    );
  ctx.secrets.add(stored);
  if (stored !== value)
    return warn(
      label,
      `Secret and Vault secret/${secret.vaultPath} differ (External Secrets has not synced yet?)`,
      `kubectl annotate externalsecret ${secret.name} -n ${ns} force-sync=$(date +%s) --overwrite`,
    );
  return ok(label, `Secret present, same value in Vault secret/${secret.vaultPath}`);
}

/**
 * The crypt key beyond its presence: every key one CryptKeeper takes, and the hub reading
 * it — the deployed values carry the `crypt-keys` snippet, the hub container gets the
 * Secret as JUPYTERHUB_CRYPT_KEY, and the running hub pod started after the Secret last
 * changed (it reads the keys at start). Key values are never shown, only their count.
 */
async function cryptKeyCheck(ctx: Ctx, ns: string, vault: VaultApi | undefined): Promise<Check> {
  const base = await hubSecretCheck(ctx, ns, CRYPT_KEY, vault);
  if (base.level === 'fail') return base;
  const label = CRYPT_KEY.name;
  const secret = await getObjects(ctx, 'secret', [CRYPT_KEY.name], ns, { secret: true });
  const raw = secret[0]?.data?.[CRYPT_KEY.key];
  const keys = splitKeys(raw ? ctx.secrets.add(Buffer.from(raw, 'base64').toString('utf8')) : '');
  for (const k of keys) ctx.secrets.add(k);
  const migrate = `${INSTALL}  (replaces a refused key, keeps the chart's key after it for the stored auth state)`;
  const refused = refusedKeys(keys);
  if (!keys.length || refused.length)
    return fail(
      label,
      `${keys.length ? refused.join(', ') : 'no key'}: the hub refuses it; ${KEY_RULE}`,
      migrate,
    );
  const chart = await readChartCryptState(ctx, ns);
  if (chart.deployed && !chart.usesOurs)
    return warn(
      label,
      `${keys.length} valid key(s), but the deployed hub encrypts auth state with the chart's own key (Secret hub): its values lack extraConfig crypt-keys`,
      migrate,
    );
  const [dep] = await getObjects(ctx, 'deployment', ['hub'], ns);
  const hub = (dep?.spec?.template?.spec?.containers ?? []).find(
    (c: { name: string }) => c.name === 'hub',
  );
  const ref = hub?.env?.find((e: { name: string }) => e.name === 'JUPYTERHUB_CRYPT_KEY')?.valueFrom
    ?.secretKeyRef;
  if (hub && (ref?.name !== CRYPT_KEY.name || ref?.key !== CRYPT_KEY.key))
    return warn(
      label,
      `the hub container does not get JUPYTERHUB_CRYPT_KEY from Secret ${CRYPT_KEY.name} (key ${CRYPT_KEY.key})`,
      `npx tasks jupyterhub:diff; then ${INSTALL}`,
    );
  const stale = await startedBeforeChange(ctx, ns, secret[0]);
  if (stale)
    return warn(
      label,
      `the hub pod started (${stale.started}) before Secret ${CRYPT_KEY.name} last changed (${stale.changed}): it still runs with the keys it had`,
      `kubectl rollout restart deployment/hub -n ${ns}`,
    );
  const read = chart.usesOurs ? '; the hub reads it (extraConfig crypt-keys)' : '';
  return { ...base, detail: `${base.detail}; ${keys.length} valid key(s)${read}` };
}

/** The running hub pod's start and the Secret's last write, when the pod is the older. */
async function startedBeforeChange(
  ctx: Ctx,
  ns: string,
  secret: K8sObject | undefined,
): Promise<{ started: string; changed: string } | undefined> {
  const meta = secret?.metadata as
    { creationTimestamp?: string; managedFields?: { time?: string }[] } | undefined;
  const times = [meta?.creationTimestamp, ...(meta?.managedFields ?? []).map((f) => f.time)]
    .filter((t): t is string => !!t)
    .map((t) => Date.parse(t))
    .filter((t) => !Number.isNaN(t));
  if (!times.length) return undefined;
  const changed = Math.max(...times);
  const pods = (await listObjects(ctx, 'pod', ns, 'component=hub')).filter(
    (p) => !(p.metadata as { deletionTimestamp?: string }).deletionTimestamp,
  );
  const starts = pods
    .map((p) => Date.parse(String(p.status?.startTime ?? '')))
    .filter((t) => !Number.isNaN(t));
  if (!starts.length) return undefined;
  const started = Math.max(...starts);
  if (started >= changed) return undefined;
  return { started: new Date(started).toISOString(), changed: new Date(changed).toISOString() };
}

/** TokenInfo with the lookup fields the status reads beyond what install needs. */
type TokenFacts = TokenInfo & { creation_ttl?: number; issue_time?: string; expire_time?: string };

async function adminTokenCheck(ctx: Ctx, d: Desired, root: VaultApi | undefined): Promise<Check> {
  const ns = d.s.JUPYTERHUB_NAMESPACE;
  const label = 'hub vault admin token';
  const token = (await readSecret(ctx, VAULT_TOKEN_SECRET.name, ns))?.[VAULT_TOKEN_SECRET.key];
  if (!token)
    return fail(label, `Secret ${VAULT_TOKEN_SECRET.name} in ${ns} missing or empty`, INSTALL);
  // The hub's own token looks itself up (its policy allows that): no admin token needed.
  let info: TokenFacts | undefined;
  try {
    const self = await VaultApi.open(ctx, await vaultAddr(ctx), token);
    info = (await self.lookupSelf()) as TokenFacts | undefined;
  } catch (err) {
    return warn(
      label,
      `cannot ask Vault: ${firstLine(errorText(err))}`,
      'check VAULT_HOST and Vault, then npx tasks jupyterhub:status',
    );
  }
  const replace = `${INSTALL}  (replaces an invalid admin token and updates the Secret)`;
  if (!info) return fail(label, 'not valid in Vault (expired or revoked)', replace);
  if (!info.renewable)
    return fail(label, 'not renewable: the renewer cannot keep it alive', replace);
  const log = await lastRenewal(ctx, ns);
  const facts = [`ttl ${formatDuration(info.ttl)} left`, 'renewable', log].join(', ');
  const maxLeft = await maxTtlLeft(info, root);
  const creation = info.creation_ttl ?? parseDuration(d.s.JUPYTERHUB_VAULT_TOKEN_TTL) ?? 0;
  if (maxLeft !== undefined && creation > 0 && maxLeft < 2 * creation)
    return warn(
      label,
      `${facts}; reaches its max TTL in ${formatDuration(Math.max(0, maxLeft))}, after which it cannot be renewed`,
      // A new token in Vault (the old one revoked), then the Secret made anew from it: the
      // renewer switches to the mounted new token when renewing the old one fails.
      `npx tasks jupyterhub:create-jupyterhub-vault-token; kubectl delete secret ${VAULT_TOKEN_SECRET.name} -n ${ns}; ${INSTALL}`,
    );
  // The renewer renews at half the TTL: well below that, renewals are not happening.
  if (creation > 0 && info.ttl < creation - renewInterval(creation) - 120)
    return warn(
      label,
      `${facts}; not renewed on schedule (every ${formatDuration(renewInterval(creation))})`,
      `kubectl logs -n ${ns} deployment/hub -c vault-token-renewer; kubectl rollout restart deployment/hub -n ${ns}`,
    );
  return ok(label, facts);
}

/** Seconds until the token can no longer be renewed, when Vault says (explicit max TTL or the mount's). */
async function maxTtlLeft(
  info: TokenFacts,
  root: VaultApi | undefined,
): Promise<number | undefined> {
  const issued = info.issue_time ? Date.parse(info.issue_time) : NaN;
  if (Number.isNaN(issued)) return undefined;
  let max = info.explicit_max_ttl > 0 ? info.explicit_max_ttl : 0;
  if (!max && root) {
    try {
      const tune = await root.readPath('sys/auth/token/tune');
      max = Number(tune?.max_lease_ttl ?? 0);
    } catch {
      return undefined;
    }
  }
  if (!max) return undefined;
  // Vault's own "now" (expiry minus TTL left): the operator's clock may be off.
  const expires = info.expire_time ? Date.parse(info.expire_time) : NaN;
  const now = Number.isNaN(expires) ? Date.now() : expires - info.ttl * 1000;
  return Math.floor((issued + max * 1000 - now) / 1000);
}

/** The renewer's last "Token renewed" line, as the detail of the token check. */
async function lastRenewal(ctx: Ctx, ns: string): Promise<string> {
  const r = await ctx.exec.query(
    'kubectl',
    ['logs', 'deployment/hub', '-c', 'vault-token-renewer', '-n', ns, '--tail=1000'],
    { allowFailure: true, timeoutMs: 30_000 },
  );
  if (r.status !== 0)
    return `renewer log not readable (${firstLine(r.stderr.trim()) || `exit ${r.status}`})`;
  const renewed = r.stdout
    .split('\n')
    .filter((l) => /\[vault-token-renewer\] Token renewed/.test(l));
  const last = renewed.at(-1)?.split(' ')[0];
  return last ? `last renewal ${last}` : 'no renewal in the renewer log yet';
}

async function keycloakChecks(ctx: Ctx, d: Desired): Promise<Check[]> {
  const realm = d.s.KEYCLOAK_REALM;
  const clientId = d.s.JUPYTERHUB_OIDC_CLIENT_ID;
  const callback = `https://${d.s.JUPYTERHUB_HOST}/hub/oauth_callback`;
  const checks: Check[] = [];
  try {
    const kc = await keycloakAdmin(ctx, realm);
    if (!kc) throw new TaskError('no Keycloak admin credentials');
    const client = await findClient(ctx, kc, realm, clientId);
    if (!client) {
      checks.push(fail('keycloak client', `${clientId} missing in realm ${realm}`, INSTALL));
    } else {
      checks.push(ok('keycloak client', `${clientId} in realm ${realm}`));
      const uris = client.redirectUris ?? [];
      const label = 'keycloak redirect URI';
      const fix = `npx tasks keycloak:update-client ${realm} ${clientId} ${callback}`;
      if (uris.length === 1 && uris[0] === callback) checks.push(ok(label, callback));
      else
        checks.push(
          fail(label, `is ${uris.length ? uris.join(', ') : '(none)'}, expected ${callback}`, fix),
        );
    }
  } catch (err) {
    checks.push(
      fail(
        'keycloak client',
        `cannot read Keycloak: ${firstLine(errorText(err))}`,
        'check KEYCLOAK_HOST and KEYCLOAK_ADMIN_USER/KEYCLOAK_ADMIN_PASSWORD, then npx tasks jupyterhub:status',
      ),
    );
  }
  checks.push(await discoveryCheck(ctx, realm));
  return checks;
}

/** The realm's OIDC discovery document, which the hub's authenticator needs. */
async function discoveryCheck(ctx: Ctx, realm: string): Promise<Check> {
  const label = 'oidc discovery';
  let url = '';
  try {
    url = `${await keycloakUrl(ctx)}/realms/${encodeURIComponent(realm)}/.well-known/openid-configuration`;
    const res = await ctx.effects.httpQuery({ service: 'Keycloak', url });
    const doc = res.status === 200 ? (res.json as { issuer?: string } | undefined) : undefined;
    if (doc?.issuer) return ok(label, `${url} (issuer ${doc.issuer})`);
    return fail(
      label,
      `${url} answered ${res.status}`,
      `curl -sS ${url}  (check KEYCLOAK_HOST and KEYCLOAK_REALM)`,
    );
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return fail(
      label,
      `${url || 'Keycloak'} not reachable: ${cause?.code ?? cause?.message ?? firstLine(errorText(err))}`,
      `curl -sS ${url || 'https://<KEYCLOAK_HOST>/realms/<realm>/.well-known/openid-configuration'}`,
    );
  }
}

/** Users lose Vault access at their token's max TTL: servers should be culled before it. */
async function cullCheck(
  d: Desired,
  deployed: unknown,
  vault: VaultApi | undefined,
): Promise<Check> {
  const label = 'cull age vs token max TTL';
  const cull = (deployed as { cull?: { maxAge?: unknown } } | undefined)?.cull?.maxAge;
  const maxAge = Number(cull ?? d.s.JUPYTERHUB_CULL_MAX_AGE);
  let maxTtl = parseDuration(d.s.NOTEBOOK_VAULT_TOKEN_MAX_TTL) ?? 0;
  let source = 'NOTEBOOK_VAULT_TOKEN_MAX_TTL';
  try {
    const role = await vault?.readPath(USER_TOKEN_ROLE_PATH);
    const fromRole = Number(role?.token_explicit_max_ttl ?? role?.explicit_max_ttl ?? 0);
    if (fromRole > 0) {
      maxTtl = fromRole;
      source = `token role ${USER_TOKEN_ROLE_PATH.split('/').pop()}`;
    }
  } catch {
    // The variable stands in for the role when Vault cannot be read (reported above).
  }
  const what = `cull.maxAge ${maxAge}s, user token max TTL ${maxTtl}s (${source})`;
  if (maxTtl > 0 && (maxAge === 0 || maxAge > maxTtl))
    return warn(
      label,
      `${what}: servers outlive their users' Vault tokens`,
      `npx tasks env:set JUPYTERHUB_CULL_MAX_AGE=${maxTtl}; ${INSTALL}`,
    );
  return ok(label, what);
}
