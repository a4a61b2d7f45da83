// What the end-to-end files share: the install every scenario starts from (every feature
// the local stack can back: Vault integration, External Secrets, NFS PV objects,
// monitoring, MCP) and snapshots of the real systems' state for "nothing changed" checks.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfSign } from '../support/self-signed.js';
import { bao, getObject, keycloakClients, listObjects, releases } from '../support/stack.js';

export const NS = 'datastack';
export const HOST = 'jupyter.buun.test';
export const CLIENT_ID = 'jupyterhub';
export const NFS = { server: '127.0.0.1', path: '/srv/nfs/jupyter' };
export const outDir = mkdtempSync(join(tmpdir(), 'stack-e2e-out-'));
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));

/** A CA certificate that is not the stack's (made once per process, in outDir). */
export function otherCa(): string {
  const pem = join(outDir, 'other-ca.pem');
  if (!existsSync(pem))
    selfSign({
      subject: '/CN=not the stack CA',
      keyFile: join(outDir, 'other-ca.key'),
      certFile: pem,
    });
  return pem;
}

/** The variables of a full install; every switch decided, so nothing is asked. */
export function fullInstall(over: Record<string, string> = {}): Record<string, string> {
  return {
    JUPYTERHUB_HOST: HOST,
    JUPYTERHUB_NAMESPACE: NS,
    JUPYTERHUB_CHART_VERSION: '4.3.2',
    JUPYTERHUB_OIDC_CLIENT_ID: CLIENT_ID,
    JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true',
    JUPYTERHUB_NFS_PV_ENABLED: 'true',
    JUPYTER_NFS_IP: NFS.server,
    JUPYTER_NFS_PATH: NFS.path,
    MONITORING_ENABLED: 'true',
    JUPYTER_MCP_SERVER_ENABLED: 'true',
    JUPYTERHUB_GPU_ENABLED: 'false',
    JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'false',
    K8S_WAIT_TIMEOUT: '300',
    TASKS_OUT_DIR: outDir,
    ...over,
  };
}

const NAMESPACED = [
  'secrets',
  'configmaps',
  'externalsecrets.external-secrets.io',
  'persistentvolumeclaims',
  'servicemonitors.monitoring.coreos.com',
  'deployments.apps',
  'services',
  'serviceaccounts',
  'roles.rbac.authorization.k8s.io',
  'rolebindings.rbac.authorization.k8s.io',
  'networkpolicies.networking.k8s.io',
  'poddisruptionbudgets.policy',
];
const CLUSTER = ['persistentvolumes', 'storageclasses.storage.k8s.io'];

/** resourceVersion of every object install touches, by kind/name. */
export function clusterState(ns = NS): Record<string, string> {
  const out: Record<string, string> = {};
  const nsObj = getObject('namespace', ns);
  if (nsObj) out[`namespace/${ns}`] = nsObj.metadata.resourceVersion;
  for (const kind of NAMESPACED) {
    for (const o of nsObj ? listObjects(kind, ns) : [])
      out[`${kind}/${o.metadata.name}`] = o.metadata.resourceVersion;
  }
  for (const kind of CLUSTER) {
    for (const o of listObjects(kind))
      out[`${kind}/${o.metadata.name}`] = o.metadata.resourceVersion;
  }
  for (const r of releases()) out[`helm/${r.namespace}/${r.name}`] = r.revision;
  return out;
}

/** Policies (with their text), Kubernetes auth roles, KV versions under jupyterhub/, token count. */
export async function vaultState(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const policies = (await bao('GET', 'sys/policies/acl?list=true')).json?.data?.keys ?? [];
  for (const p of policies)
    out[`policy/${p}`] = (await bao('GET', `sys/policies/acl/${p}`)).json?.data?.policy;
  const roles = (await bao('GET', 'auth/kubernetes/role?list=true')).json?.data?.keys ?? [];
  for (const r of roles)
    out[`role/${r}`] = (await bao('GET', `auth/kubernetes/role/${r}`)).json?.data;
  const kv = (await bao('GET', 'secret/metadata/jupyterhub?list=true')).json?.data?.keys ?? [];
  for (const k of kv) {
    const m = (await bao('GET', `secret/metadata/jupyterhub/${k}`)).json?.data;
    out[`kv/jupyterhub/${k}`] = m && { version: m.current_version, updated: m.updated_time };
  }
  // Tokens with the hub's policies (what install and the hook mint), by policy set; the
  // External Secrets controller's own logins come and go and are not install's doing.
  const accessors: string[] =
    (await bao('GET', 'auth/token/accessors?list=true')).json?.data?.keys ?? [];
  const hubTokens: Record<string, number> = {};
  for (const accessor of accessors) {
    const t = (await bao('POST', 'auth/token/lookup-accessor', { accessor })).json?.data;
    const policies: string[] = t?.policies ?? [];
    if (!policies.some((p) => p === 'jupyterhub-admin' || p.startsWith('jupyter-user-'))) continue;
    const key = policies.slice().sort().join(',');
    hubTokens[key] = (hubTokens[key] ?? 0) + 1;
  }
  out.hubTokens = hubTokens;
  return out;
}

export async function keycloakState(): Promise<unknown> {
  return keycloakClients(CLIENT_ID);
}
