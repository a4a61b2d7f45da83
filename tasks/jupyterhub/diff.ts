import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseDuration, type Ctx } from '../core/index.js';
import { keycloakAdmin } from '../keycloak/admin.js';
import { isNative } from './auth.js';
import { findClient } from '../keycloak/session.js';
import { getObject, getObjects, type K8sObject } from '../k8s/kubectl.js';
import { connectVault, type VaultApi } from '../vault/client.js';
import { deployedValues, desiredState, type Desired } from './desired.js';
import { RELEASE } from './install.js';
import { NFS_PVC, readTemplate, renderJupyterhubFile, templateFile } from './render.js';
import { ADMIN_SERVICE_TOKEN, CRYPT_KEY, VAULT_TOKEN_SECRET } from './secrets.js';
import { NFS_PV, NFS_STORAGE_CLASS } from './storage.js';
import { changedKeys, unifiedDiff, valuesText, type Change } from './values-diff.js';
import {
  ADMIN_POLICY,
  KUBERNETES_ROLE,
  RENEWER_CONFIGMAP,
  USER_TOKEN_ROLE_PATH,
} from './vault-integration.js';

export type Action = 'created' | 'changed' | 'unchanged' | 'unknown';

export interface ObjectDiff {
  /** "ExternalSecret jupyterhub-crypt-key", "Vault policy jupyterhub-admin" */
  readonly object: string;
  readonly action: Action;
  readonly detail?: string;
}

export interface DiffResult {
  release: { exists: boolean; changes: Change[]; diff: string };
  objects: ObjectDiff[];
}

const errorText = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

/**
 * Whether every field install sets is already so in the live object: the API server and
 * Vault add defaults and status, which install does not own, so only `want`'s fields count.
 */
export function contains(live: unknown, want: unknown): boolean {
  if (Array.isArray(want))
    return (
      Array.isArray(live) &&
      live.length === want.length &&
      want.every((w, i) => contains(live[i], w))
    );
  if (want && typeof want === 'object') {
    if (!live || typeof live !== 'object') return false;
    const l = live as Record<string, unknown>;
    return Object.entries(want as Record<string, unknown>).every(([k, w]) => contains(l[k], w));
  }
  // Numbers and numeric strings are the same value to the API server (ports, sizes).
  return live === want || (live !== undefined && live !== null && String(live) === String(want));
}

const object = (what: string, action: Action, detail?: string): ObjectDiff =>
  detail ? { object: what, action, detail } : { object: what, action };

/** Created when missing, else changed or unchanged as the live object holds `want`'s fields. */
const compare = (what: string, live: unknown, want: unknown, detail?: string): ObjectDiff =>
  live === undefined
    ? object(what, 'created', detail)
    : object(what, contains(live, want) ? 'unchanged' : 'changed', detail);

/** What `jupyterhub:install` would change now, read from the live systems; nothing is changed. */
export async function diff(ctx: Ctx): Promise<DiffResult> {
  const d = await desiredState(ctx);
  const ns = d.s.JUPYTERHUB_NAMESPACE;
  const deployed = await deployedValues(ctx, ns);
  const release = {
    exists: deployed !== undefined,
    changes: changedKeys(deployed ?? {}, d.values),
    diff: unifiedDiff(
      valuesText(deployed),
      valuesText(d.values),
      deployed === undefined ? '/dev/null' : `deployed (helm get values ${RELEASE} -n ${ns})`,
      `rendered (${d.valuesFile})`,
    ),
  };
  const objects = [
    ...(await clusterObjects(ctx, d)),
    ...(await vaultObjects(ctx, d)),
    // Native login: install makes nothing in Keycloak.
    ...(isNative(d.s) ? [] : [await keycloakClient(ctx, d)]),
  ];
  return { release, objects };
}

async function clusterObjects(ctx: Ctx, d: Desired): Promise<ObjectDiff[]> {
  const ns = d.s.JUPYTERHUB_NAMESPACE;
  const out: ObjectDiff[] = [];
  const labels: Record<string, string> = { 'pod-security.kubernetes.io/enforce': 'restricted' };
  if (d.s.MONITORING_ENABLED) labels['buun.channel/enable-monitoring'] = 'true';
  out.push(
    compare(`Namespace ${ns}`, await getObject(ctx, 'namespace', ns), { metadata: { labels } }),
  );

  const secrets = await getObjects(ctx, 'secret', [CRYPT_KEY.name, ADMIN_SERVICE_TOKEN.name], ns);
  const externalSecrets = d.detected.externalSecrets
    ? await getObjects(
        ctx,
        'externalsecret',
        [CRYPT_KEY.name, ADMIN_SERVICE_TOKEN.name, VAULT_TOKEN_SECRET.name],
        ns,
      )
    : [];
  for (const secret of [CRYPT_KEY, ADMIN_SERVICE_TOKEN]) {
    const present = secrets.some((o) => o.metadata.name === secret.name);
    // install never replaces a hub secret: only a missing Secret is (re)made, from Vault's value.
    if (d.detected.externalSecrets) {
      const es = externalSecrets.find((o) => o.metadata.name === secret.name);
      const what = `ExternalSecret ${secret.name}`;
      if (present)
        out.push(
          object(what, 'unchanged', es ? undefined : 'missing, but install keeps the Secret as is'),
        );
      else out.push(object(what, es ? 'changed' : 'created', 'recreated with its Secret'));
    } else {
      out.push(object(`Secret ${secret.name}`, present ? 'unchanged' : 'created'));
    }
  }

  if (d.s.JUPYTERHUB_NFS_PV_ENABLED) {
    const [sc, pv, pvc] = await Promise.all([
      getObject(ctx, 'storageclass', NFS_STORAGE_CLASS),
      getObject(ctx, 'pv', NFS_PV),
      getObject(ctx, 'pvc', NFS_PVC, ns),
    ]);
    out.push(object(`StorageClass ${NFS_STORAGE_CLASS}`, sc ? 'unchanged' : 'created'));
    // A PV is immutable: install creates a missing one and refuses a different one.
    out.push(object(`PersistentVolume ${NFS_PV}`, pv ? 'unchanged' : 'created'));
    const want = parse(readFileSync(templateFile('nfs-pvc.yaml'), 'utf8')) as K8sObject;
    out.push(compare(`PersistentVolumeClaim ${NFS_PVC}`, pvc, { spec: want.spec }));
  }
  if (d.s.MONITORING_ENABLED) {
    const file = renderJupyterhubFile(ctx, 'jupyterhub-servicemonitor.gomplate.yaml', d.env);
    const want = parse(readFileSync(file, 'utf8')) as K8sObject;
    const live = await getObject(ctx, want.kind.toLowerCase(), want.metadata.name, ns);
    out.push(compare(`ServiceMonitor ${want.metadata.name}`, live, { spec: want.spec }));
  }
  if (d.s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED) {
    const cm = await getObject(ctx, 'configmap', RENEWER_CONFIGMAP, ns);
    out.push(
      compare(`ConfigMap ${RENEWER_CONFIGMAP}`, cm, {
        data: { 'vault-token-renewer.sh': readTemplate('vault-token-renewer.sh') },
      }),
    );
  }
  return out;
}

async function vaultObjects(ctx: Ctx, d: Desired): Promise<ObjectDiff[]> {
  if (!d.s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED) return [];
  const names = [
    `Vault policy ${ADMIN_POLICY}`,
    `Vault ${USER_TOKEN_ROLE_PATH}`,
    `Vault ${KUBERNETES_ROLE}`,
    `Vault admin token (secret/${VAULT_TOKEN_SECRET.vaultPath})`,
  ];
  let vault: VaultApi;
  try {
    vault = await connectVault(ctx);
  } catch (err) {
    return names.map((n) => object(n, 'unknown', `Vault not readable: ${errorText(err)}`));
  }
  const seconds = (v: string) => parseDuration(v) ?? 0;
  const out: ObjectDiff[] = [];
  const policy = await vault.readPolicy(ADMIN_POLICY);
  out.push(
    policy === undefined
      ? object(names[0]!, 'created')
      : object(
          names[0]!,
          policy === readTemplate('jupyterhub-admin-policy.hcl') ? 'unchanged' : 'changed',
        ),
  );
  // Vault answers with lists and seconds where install writes strings and durations.
  out.push(
    compare(names[1]!, await vault.readPath(USER_TOKEN_ROLE_PATH), {
      allowed_policies: ['default'],
      allowed_policies_glob: ['jupyter-user-*'],
      orphan: true,
      renewable: true,
      token_explicit_max_ttl: seconds(d.s.NOTEBOOK_VAULT_TOKEN_MAX_TTL),
      token_type: 'service',
    }),
  );
  out.push(
    compare(names[2]!, await vault.readPath(KUBERNETES_ROLE), {
      bound_service_account_names: ['hub'],
      bound_service_account_namespaces: [d.s.JUPYTERHUB_NAMESPACE],
      token_policies: [ADMIN_POLICY],
      audience: 'vault',
      token_ttl: seconds(d.s.JUPYTERHUB_VAULT_TOKEN_TTL),
      token_max_ttl: seconds('720h'),
    }),
  );
  // install keeps a stored admin token that is valid, renewable and has the hub's policy.
  const stored = (await vault.kvGet(VAULT_TOKEN_SECRET.vaultPath))?.[VAULT_TOKEN_SECRET.vaultField];
  const token = typeof stored === 'string' && stored ? ctx.secrets.add(stored) : undefined;
  const info = token ? await vault.lookupToken(token) : undefined;
  const valid = Boolean(
    info && info.renewable && info.ttl > 0 && info.policies.includes(ADMIN_POLICY),
  );
  out.push(
    valid
      ? object(names[3]!, 'unchanged', 'valid and renewable: kept')
      : object(
          names[3]!,
          'created',
          token ? 'the stored one is not valid: replaced and revoked' : undefined,
        ),
  );
  return out;
}

async function keycloakClient(ctx: Ctx, d: Desired): Promise<ObjectDiff> {
  const what = `Keycloak client ${d.s.JUPYTERHUB_OIDC_CLIENT_ID} (realm ${d.s.KEYCLOAK_REALM})`;
  const callback = `https://${d.s.JUPYTERHUB_HOST}/hub/oauth_callback`;
  try {
    const kc = await keycloakAdmin(ctx, d.s.KEYCLOAK_REALM);
    if (!kc) return object(what, 'unknown', 'no Keycloak admin credentials');
    const client = await findClient(ctx, kc, d.s.KEYCLOAK_REALM, d.s.JUPYTERHUB_OIDC_CLIENT_ID);
    if (!client) return object(what, 'created', `redirect ${callback}`);
    const uris = client.redirectUris ?? [];
    // install leaves an existing client as it is; a wrong redirect URI needs update-client.
    return uris.length === 1 && uris[0] === callback
      ? object(what, 'unchanged')
      : object(
          what,
          'unchanged',
          `install leaves it; its redirect URIs (${uris.join(', ') || 'none'}) are not ${callback}: npx tasks keycloak:update-client ${d.s.KEYCLOAK_REALM} ${d.s.JUPYTERHUB_OIDC_CLIENT_ID} ${callback}`,
        );
  } catch (err) {
    return object(what, 'unknown', `Keycloak not readable: ${errorText(err)}`);
  }
}

/** The diff for a terminal: the values diff (or "no change"), then one line per object. */
export function formatDiff(r: DiffResult, redact: (s: string) => string): string {
  const lines: string[] = [];
  if (!r.release.exists) lines.push(`Helm release ${RELEASE}: created`);
  else if (!r.release.changes.length) lines.push(`Helm release ${RELEASE}: values unchanged`);
  else
    lines.push(
      `Helm release ${RELEASE}: ${r.release.changes.length} value(s) changed: ${r.release.changes.map((c) => `${c.path} (${c.kind})`).join(', ')}`,
    );
  if (r.release.diff) lines.push(r.release.diff.replace(/\n$/, ''));
  lines.push('');
  const width = Math.max(...r.objects.map((o) => o.action.length));
  for (const o of r.objects)
    lines.push(`${o.action.padEnd(width)}  ${o.object}${o.detail ? `  (${o.detail})` : ''}`);
  return redact(lines.join('\n'));
}

/** `--json`: the same, with `changed` saying whether install would change anything. */
export const diffJson = (r: DiffResult, redact: (s: string) => string): string =>
  redact(JSON.stringify({ changed: wouldChange(r), ...r }, null, 2));

/** Whether install would change anything (an unknown object counts as no evidence either way). */
export const wouldChange = (r: DiffResult): boolean =>
  !r.release.exists ||
  r.release.changes.length > 0 ||
  r.objects.some((o) => o.action === 'created' || o.action === 'changed')
    ? true
    : false;
