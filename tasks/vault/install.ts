import { join } from 'node:path';
import { TaskError, templatesDir, type Ctx } from '../core/index.js';
import { getObject, helm, listObjects, type K8sObject } from '../k8s/index.js';
import { ensureNamespace, labelNamespace } from '../k8s/namespace.js';
import { renderToFile } from '../template/write.js';
import { vaultAddr } from './addr.js';
import { VaultApi } from './client.js';
import { vaultError } from './errors.js';
import { checkEnv } from './check-env.js';
import { HELM_REPO } from './helm-repo.js';
import { createAdminPolicy, createSecretsEngine, setupKubernetesAuth } from './setup.js';
import { nodeVaultClient } from './tls.js';
import { vaultToken } from './token.js';
import { vaultVars } from './vars.js';

interface SealStatus {
  initialized: boolean;
  sealed: boolean;
}

const POD_WAIT_SECONDS = 300;

/** Polls a condition on pods (upstream: `kubectl wait pod --for=condition=…`), bounded. */
async function waitPods(
  ctx: Ctx,
  what: string,
  list: () => Promise<K8sObject[]>,
  condition: string,
  timeoutSeconds = POD_WAIT_SECONDS,
): Promise<void> {
  await ctx.effects.change(
    { describe: `wait up to ${timeoutSeconds}s for ${what} to be ${condition}` },
    () => pollPods(ctx, what, list, condition, timeoutSeconds),
  );
}

async function pollPods(
  ctx: Ctx,
  what: string,
  list: () => Promise<K8sObject[]>,
  condition: string,
  timeoutSeconds: number,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const met = (p: K8sObject) =>
    (p.status?.conditions ?? []).some(
      (c: { type: string; status: string }) =>
        c.type.toLowerCase() === condition.toLowerCase() && c.status === 'True',
    );
  for (;;) {
    const pods = await list();
    if (pods.length && pods.every(met)) return;
    if (Date.now() >= deadline)
      throw new TaskError(
        `${what}: not ${condition} within ${timeoutSeconds}s`,
        'see why with: kubectl describe pod -n <namespace>',
      );
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/**
 * vault:install in upstream's order: namespace (restricted), chart, wait for vault-0, init and
 * unseal (over the HTTP API: the unseal key never is an argument), then Kubernetes auth, the
 * KV v2 engine at secret/ and policy admin with the root token.
 */
export async function install(ctx: Ctx): Promise<void> {
  await checkEnv(ctx);
  const v = await ctx.config.read(vaultVars);
  const ns = v.K8S_VAULT_NAMESPACE;
  const addr = await vaultAddr(ctx);
  const client = await nodeVaultClient(ctx, addr, '', v);
  const sealStatus = async (): Promise<SealStatus | undefined> => {
    try {
      return (await client.read('sys/seal-status')) as SealStatus;
    } catch {
      return undefined;
    }
  };
  // The one question (the root token of an initialized Vault) comes before any change.
  const installed = await helm.isInstalled(ctx, 'vault', ns);
  const before = installed ? await sealStatus() : undefined;
  let rootToken = before?.initialized ? await vaultToken(ctx, addr, { root: true }) : '';

  await ensureNamespace(ctx, ns);
  await helm.addRepo(ctx, HELM_REPO.name, HELM_REPO.url);
  await labelNamespace(ctx, ns, { 'pod-security.kubernetes.io/enforce': 'restricted' });
  const values = join(ctx.outDir('vault'), 'vault-values.yaml');
  renderToFile(ctx, {
    template: join(templatesDir('vault'), 'vault-values.gomplate.yaml'),
    out: values,
    env: { VAULT_HOST: (await ctx.config.text('VAULT_HOST')) || new URL(addr).host },
  });
  await ctx.exec.change(
    'helm',
    [
      'upgrade',
      '--cleanup-on-fail',
      '--install',
      'vault',
      `${HELM_REPO.name}/vault`,
      '--version',
      v.VAULT_CHART_VERSION,
      '-n',
      ns,
      '--wait',
      '--timeout=10m',
      '-f',
      values,
    ],
    { timeoutMs: 11 * 60_000 },
  );
  ctx.forget('helm:releases');
  await waitPods(
    ctx,
    'pod vault-0',
    async () => {
      const pod = await getObject(ctx, 'pod', 'vault-0', ns);
      return pod ? [pod] : [];
    },
    'PodReadyToStartContainers',
  );

  const token = await ctx.effects.change(
    { describe: `initialize Vault at ${addr} (1 key share) unless it is, then unseal it` },
    async () => {
      ctx.log.step('waiting for the Vault service');
      let status: SealStatus | undefined;
      for (let i = 0; i < 30 && !status; i++) {
        status = await sealStatus();
        if (!status) await new Promise((r) => setTimeout(r, 3000));
      }
      if (!status)
        throw new TaskError(
          `Vault at ${addr} did not answer within 90s`,
          'check the ingress and the vault-0 pod',
        );
      if (status.initialized) {
        ctx.log.info('Vault is already initialized');
        rootToken ||= await vaultToken(ctx, addr, { root: true });
      } else {
        let init: { keys_base64: string[]; root_token: string };
        try {
          init = await client.write('sys/init', { secret_shares: 1, secret_threshold: 1 });
        } catch (err) {
          throw vaultError(err, addr, 'initialize Vault');
        }
        const unsealKey = ctx.secrets.add(init.keys_base64[0]!);
        rootToken = ctx.secrets.add(init.root_token);
        try {
          await client.write('sys/unseal', { key: unsealKey });
        } catch (err) {
          throw vaultError(err, addr, 'unseal Vault');
        }
        ctx.log.ok('Vault initialized and unsealed');
        ctx.log.warn('save the root token and unseal key below securely: they are shown only now');
        ctx.out(`Root Token: ${rootToken}\nUnseal Key: ${unsealKey}`);
      }
      ctx.config.set('VAULT_TOKEN', rootToken);
      return rootToken;
    },
  );
  if (token) rootToken = token;
  await waitPods(
    ctx,
    'the vault pods',
    () => listObjects(ctx, 'pod', ns, 'app.kubernetes.io/name=vault'),
    'Ready',
  );

  if (!rootToken) {
    // Only when planning: a Vault not initialized yet has no token to read it with.
    ctx.effects.note(
      'set up Kubernetes auth (vault:setup-kubernetes-auth) with the new root token',
    );
    ctx.effects.note('enable KV v2 at secret/ (vault:create-secrets-engine secret)');
    ctx.effects.note('write policy admin (vault:create-admin-policy)');
  } else {
    const vault = await VaultApi.open(ctx, addr, rootToken);
    await setupKubernetesAuth(ctx, vault);
    await createSecretsEngine(ctx, vault, 'secret');
    await createAdminPolicy(ctx, vault);
  }
  ctx.log.info(
    'External Secrets Operator is recommended: it syncs Vault secrets into Kubernetes Secrets.',
  );
  ctx.log.info(
    '  (its module is not ported yet: install it with `just external-secrets::install`)',
  );
}
