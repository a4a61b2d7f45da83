import { readFileSync } from 'node:fs';
import { sideBySide, type Ctx } from '../core/index.js';
import { upgradeInstall } from '../k8s/helm.js';
import { getObjects } from '../k8s/kubectl.js';
import { apply } from '../k8s/kubectl-changes.js';
import { waitDeploymentsReady } from '../k8s/wait.js';
import { connectVault, type VaultApi } from '../vault/client.js';
import { checkAuthChoice, checkLogin, setupLogin } from './auth.js';
import { addHelmRepo, applyNamespace } from './cluster.js';
import { restartHub } from './crypt-key.js';
import {
  CHART_SECRET,
  chartCryptState,
  planCryptKeys,
  type CryptKeyPlan,
} from './crypt-key-migration.js';
import { splitKeys } from './crypt-key-rules.js';
import { decideSettings } from './decide.js';
import { detect, type Detected } from './detect.js';
import { checkCaBundleObject, hubTls } from './hub-tls.js';
import { refuseSecondHub } from './second-hub.js';
import { renderJupyterhubFile, renderValues, requireProfile, templateEnv } from './render.js';
import {
  ADMIN_SERVICE_TOKEN,
  CRYPT_KEY,
  ensureHubSecret,
  planVariable,
  storedHubSecrets,
  storeHubSecret,
  VAULT_TOKEN_SECRET,
} from './secrets.js';
import { loadSettings, warnCullVersusTokenTtl, type Decided, type Settings } from './settings.js';
import { applySparkRbac } from './spark.js';
import { applyNfsVolumes } from './storage.js';
import { printAirflowNote, printInstallSummary, printMcpNote } from './summary.js';
import {
  createJupyterhubVaultToken,
  plannedAdminToken,
  rootVault,
  setupVaultIntegration,
  vaultWritesOfInstall,
} from './vault-integration.js';

export const RELEASE = 'jupyterhub';
const CHART = 'jupyterhub/jupyterhub';
const HELM_TIMEOUT = '20m';

/**
 * `just jupyterhub::install`, step by step. Every question first; then the
 * namespace, the hub's secrets (never replaced), Keycloak (not with native login), storage, Vault, the
 * chart, a bounded wait, monitoring, and a summary. A second run changes
 * nothing but the Helm revision. A hub already running in another namespace
 * stops it first, unless `allowSecondHub`.
 */
export async function install(
  ctx: Ctx,
  rootToken?: string,
  allowSecondHub = false,
): Promise<Decided> {
  const vars = await loadSettings(ctx);
  requireProfile(vars);
  checkAuthChoice(ctx, vars);
  const ns = vars.JUPYTERHUB_NAMESPACE;
  // A root token given to install serves every Vault call of this run, the secret recipes included.
  if (rootToken) ctx.config.set('VAULT_TOKEN', ctx.secrets.add(rootToken));

  // The hub's Secrets and the chart's (its crypt key, the values it was deployed with), read
  // in one call beside the other reads of the cluster.
  const [, detected, secrets] = await Promise.all([
    refuseSecondHub(ctx, ns, allowSecondHub),
    detect(ctx, vars),
    getObjects(
      ctx,
      'secret',
      [CRYPT_KEY.name, ADMIN_SERVICE_TOKEN.name, VAULT_TOKEN_SECRET.name, CHART_SECRET],
      ns,
      { secret: true },
    ),
  ]);
  const secretNamed = (name: string) => secrets.find((o) => o.metadata.name === name);
  const chart = chartCryptState(ctx, secretNamed(CHART_SECRET));
  // From here on every step reads `s`, the one settings object of this install.
  const s = await decideSettings(ctx, vars, detected);
  const cryptSecret = secretNamed(CRYPT_KEY.name);
  const cryptData = cryptSecret?.data?.[CRYPT_KEY.key];
  const cryptValue =
    cryptData === undefined
      ? undefined
      : ctx.secrets.add(Buffer.from(cryptData, 'base64').toString('utf8'));
  const missing = [CRYPT_KEY, ADMIN_SERVICE_TOKEN].filter((x) => !secretNamed(x.name));
  // The keys the hub reads, migrated when they need it (see planCryptKeys).
  const cryptPlan =
    cryptValue === undefined ? undefined : planCryptKeys(splitKeys(cryptValue), chart);
  const writes = [...missing, ...(cryptPlan?.changed ? [CRYPT_KEY] : [])];
  const vault = s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED
    ? await rootVault(ctx, rootToken)
    : undefined;
  // The secret recipes below write to Vault when ESO or Vault is installed: get that token now, not midway.
  const kv =
    vault ??
    (writes.length && (detected.externalSecrets || detected.vault)
      ? await connectVault(ctx)
      : undefined);
  // Every check before the first change, so a failure leaves cluster, Vault and Keycloak as they were.
  // The template environment, computed once (reading the CA bundles is a check too).
  // The cluster, Keycloak and Vault are asked at the same time: reads, each on its own system.
  const [tls, , stored] = await Promise.all([
    checkCaBundleObject(ctx, hubTls(ctx, s, true), ns),
    checkLogin(ctx, s),
    (async () => {
      await kv?.preflight(vaultWritesOfInstall(s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED, writes));
      return storedHubSecrets(ctx, kv, missing);
    })(),
  ]);
  const env = templateEnv(s, tls);
  // A Secret lost: the key Vault holds (or a new one), migrated the same way.
  const crypt: CryptKeyPlan =
    cryptPlan ?? planCryptKeys(splitKeys(stored.get(CRYPT_KEY.name) ?? ''), chart);
  if (s.JUPYTERHUB_VAULT_INTEGRATION_ENABLED) warnCullVersusTokenTtl(ctx, s);
  ctx.log.step(
    `${ctx.effects.say('Installing', 'Planning')} JupyterHub at https://${s.JUPYTERHUB_HOST}/ in namespace ${ns}`,
  );

  await applyNamespace(ctx, ns, s.MONITORING_ENABLED);
  if (s.JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED) printAirflowNote(ctx, s);
  if (s.JUPYTER_MCP_SERVER_ENABLED) printMcpNote(ctx, s.JUPYTERHUB_HOST);
  if (!vault) ctx.log.info('  Vault integration: off');
  // Independent of each other: the hub's secrets, the login (Keycloak), the chart repository,
  // storage, Spark's account and Vault each wait on their own system.
  await sideBySide(ctx, [
    // The crypt key encrypts stored auth state: an existing one (Secret or Vault) is never
    // replaced, only migrated (a key CryptKeeper refuses, the chart's key kept).
    () => ensureCryptKey(ctx, s, detected, crypt, cryptValue !== undefined, stored),
    ...missing
      .filter((secret) => secret !== CRYPT_KEY)
      .map((secret) => () => ensureHubSecret(ctx, s, secret, detected, stored)),
    () => setupLogin(ctx, s, s.JUPYTERHUB_HOST),
    () => addHelmRepo(ctx),
    async () => {
      if (s.JUPYTERHUB_NFS_PV_ENABLED) await applyNfsVolumes(ctx, s, env);
    },
    async () => {
      if (s.JUPYTERHUB_SPARK_DRIVER_SERVICE_ENABLED) await applySparkRbac(ctx, ns);
    },
    async () => {
      if (vault)
        await vaultIntegration(ctx, s, vault, detected, !!secretNamed(VAULT_TOKEN_SECRET.name));
    },
  ]);

  const { values, hook } = renderValues(ctx, env);
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
  const files = [hook, values];
  // The ServiceMonitor needs only the Service the chart made: applied while the hub starts.
  await sideBySide(ctx, [
    async () => {
      await waitDeploymentsReady(ctx, ns, ['hub', 'proxy'], {
        timeoutSeconds: s.K8S_WAIT_TIMEOUT,
      });
      // The hub reads the keys at start; with the snippet already deployed the upgrade does
      // not replace its pod, so new keys need a restart.
      if (crypt.changed && chart.usesOurs) await restartHub(ctx, ns, s.K8S_WAIT_TIMEOUT);
    },
    async () => {
      if (!s.MONITORING_ENABLED) return;
      const monitor = renderJupyterhubFile(ctx, 'jupyterhub-servicemonitor.gomplate.yaml', env);
      await apply(ctx, readFileSync(monitor, 'utf8'), 'ServiceMonitor jupyterhub-hub');
      files.push(monitor);
    },
  ]);
  printInstallSummary(ctx, s, files, await ctx.exec.kubeTarget());
  return s;
}

/**
 * The crypt key: a stored value that needs no migration is kept as it is (the one Vault
 * holds reused when the Secret is lost); otherwise the planned list is written to Vault
 * and the cluster, and the plan says why without showing a key.
 */
async function ensureCryptKey(
  ctx: Ctx,
  s: Settings,
  detected: Detected,
  plan: CryptKeyPlan,
  inCluster: boolean,
  stored: ReadonlyMap<string, string>,
): Promise<void> {
  if (!plan.changed) {
    if (!inCluster) await ensureHubSecret(ctx, s, CRYPT_KEY, detected, stored);
    return;
  }
  for (const note of plan.notes) {
    ctx.log.step(`Crypt key: ${note}`);
    ctx.effects.note(`crypt key: ${note}`);
  }
  const value = ctx.secrets.add(plan.keys.join(';'), planVariable(CRYPT_KEY));
  for (const k of plan.keys) ctx.secrets.add(k);
  await storeHubSecret(ctx, s, CRYPT_KEY, value, detected);
}

/** Vault's side of install: policies and role, the hub's admin token and its Secret. */
async function vaultIntegration(
  ctx: Ctx,
  s: Settings,
  vault: VaultApi,
  detected: Detected,
  /** the hub's Secret of the token, as read at the start */
  present: boolean,
): Promise<void> {
  await setupVaultIntegration(ctx, s, vault);
  const admin = await createJupyterhubVaultToken(ctx, s, vault, true);
  // Unchanged token and Secret already in place: nothing to recreate.
  // A dry-run has no token yet: the plan shows the Secret with a masked stand-in, not an empty value.
  const token = admin.token ?? plannedAdminToken(ctx);
  if (admin.created || !present)
    await storeHubSecret(ctx, s, VAULT_TOKEN_SECRET, token, detected, true);
}

export type { Settings };
