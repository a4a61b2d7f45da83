import { readFileSync } from 'node:fs';
import type { Ctx } from '../core/index.js';
import { checkKeycloak } from '../keycloak/admin.js';
import { createClient } from '../keycloak/clients.js';
import { upgradeInstall } from '../k8s/helm.js';
import { getObjects } from '../k8s/kubectl.js';
import { apply } from '../k8s/kubectl-changes.js';
import { waitDeploymentsReady } from '../k8s/wait.js';
import { connectVault } from '../vault/client.js';
import { addHelmRepo, applyNamespace } from './cluster.js';
import { decideFeatures } from './decide.js';
import { detect } from './detect.js';
import { hubTls } from './hub-tls.js';
import { refuseSecondHub } from './second-hub.js';
import { renderJupyterhubFile, renderValues, requireProfile, templateEnv } from './render.js';
import {
  ADMIN_SERVICE_TOKEN,
  CRYPT_KEY,
  ensureHubSecret,
  storedHubSecrets,
  storeHubSecret,
  VAULT_TOKEN_SECRET,
} from './secrets.js';
import { loadSettings, warnCullVersusTokenTtl, type Features, type Settings } from './settings.js';
import { applyNfsVolumes } from './storage.js';
import { printAirflowNote, printInstallSummary, printMcpNote } from './summary.js';
import {
  createJupyterhubVaultToken,
  rootVault,
  setupVaultIntegration,
  vaultWritesOfInstall,
} from './vault-integration.js';

export const RELEASE = 'jupyterhub';
const CHART = 'jupyterhub/jupyterhub';
const HELM_TIMEOUT = '20m';

/**
 * `just jupyterhub::install`, step by step. Every question first; then the
 * namespace, the hub's secrets (never replaced), Keycloak, storage, Vault, the
 * chart, a bounded wait, monitoring, and a summary. A second run changes
 * nothing but the Helm revision. A hub already running in another namespace
 * stops it first, unless `allowSecondHub`.
 */
export async function install(
  ctx: Ctx,
  rootToken?: string,
  allowSecondHub = false,
): Promise<Features> {
  const s = await loadSettings(ctx);
  requireProfile(s);
  const ns = s.JUPYTERHUB_NAMESPACE;
  await refuseSecondHub(ctx, ns, allowSecondHub);
  // A root token given to install serves every Vault call of this run, the secret recipes included.
  if (rootToken) ctx.config.set('VAULT_TOKEN', ctx.secrets.add(rootToken));

  const [detected, secrets] = await Promise.all([
    detect(ctx, s),
    getObjects(ctx, 'secret', [CRYPT_KEY.name, ADMIN_SERVICE_TOKEN.name], ns),
  ]);
  const f = await decideFeatures(ctx, s, detected);
  const has = (name: string) => secrets.some((o) => o.metadata.name === name);
  const missing = [CRYPT_KEY, ADMIN_SERVICE_TOKEN].filter((secret) => !has(secret.name));
  const vault = f.vault ? await rootVault(ctx, rootToken) : undefined;
  // The secret recipes below write to Vault when ESO or Vault is installed: get that token now, not midway.
  const kv =
    vault ??
    (missing.length && (detected.externalSecrets || detected.vault)
      ? await connectVault(ctx)
      : undefined);
  // Every check before the first change, so a failure leaves cluster, Vault and Keycloak as they were.
  hubTls(ctx, s, true);
  await checkKeycloak(ctx, s.KEYCLOAK_REALM);
  await kv?.preflight(vaultWritesOfInstall(f.vault, missing));
  const stored = await storedHubSecrets(ctx, kv, missing);
  if (f.vault) warnCullVersusTokenTtl(ctx, s);
  ctx.log.step(
    `${ctx.dryRun ? 'Planning' : 'Installing'} JupyterHub at https://${f.host}/ in namespace ${ns}`,
  );

  await applyNamespace(ctx, ns, f.monitoring);
  // The crypt key encrypts stored auth state: an existing one (Secret or Vault) is never replaced.
  for (const secret of missing) await ensureHubSecret(ctx, s, secret, detected, stored);

  await createClient(ctx, {
    realm: s.KEYCLOAK_REALM,
    clientId: s.JUPYTERHUB_OIDC_CLIENT_ID,
    redirectUrl: `https://${f.host}/hub/oauth_callback`,
    clientSecret: '',
    clientSessionIdle: String(s.JUPYTERHUB_OIDC_CLIENT_SESSION_IDLE),
    clientSessionMax: String(s.JUPYTERHUB_OIDC_CLIENT_SESSION_MAX),
  });
  await addHelmRepo(ctx);

  const env = templateEnv(s, f);
  if (f.nfs) await applyNfsVolumes(ctx, s, env);
  if (f.airflow) printAirflowNote(ctx, s);
  if (f.mcp) printMcpNote(ctx, f.host);
  if (vault) {
    await setupVaultIntegration(ctx, s, vault);
    const admin = await createJupyterhubVaultToken(ctx, s, vault, true);
    // Unchanged token and Secret already in place: nothing to recreate.
    const present = (await getObjects(ctx, 'secret', [VAULT_TOKEN_SECRET.name], ns)).length > 0;
    // A dry-run has no token yet: the plan shows the Secret with a masked stand-in, not an empty value.
    const token = admin.token ?? ctx.secrets.add('(the new admin token)');
    if (admin.created || !present)
      await storeHubSecret(ctx, s, VAULT_TOKEN_SECRET, token, detected, true);
  } else {
    ctx.log.info('  Vault integration: off');
  }

  const { values, hook } = renderValues(ctx, s, f);
  await upgradeInstall(
    ctx,
    {
      release: RELEASE,
      chart: CHART,
      version: s.JUPYTERHUB_CHART_VERSION,
      namespace: ns,
      valuesFile: values,
      timeout: HELM_TIMEOUT,
    },
    21 * 60_000,
  );
  await waitDeploymentsReady(ctx, ns, ['hub', 'proxy'], { timeoutSeconds: s.K8S_WAIT_TIMEOUT });

  const files = [hook, values];
  if (f.monitoring) {
    const monitor = renderJupyterhubFile(ctx, 'jupyterhub-servicemonitor.gomplate.yaml', env);
    await apply(ctx, readFileSync(monitor, 'utf8'), 'ServiceMonitor jupyterhub-hub');
    files.push(monitor);
  }
  printInstallSummary(ctx, s, f, files, await ctx.exec.kubeTarget());
  return f;
}

export type { Settings };
