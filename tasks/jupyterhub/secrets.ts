import { readFileSync } from 'node:fs';
import { TaskError, type Ctx } from '../core/index.js';
import { getObject } from '../k8s/kubectl.js';
import { apply, deleteObjects, waitExternalSecretReady } from '../k8s/kubectl-changes.js';
import { randomPassword } from '../utils/random.js';
import { connectVault, type VaultApi } from '../vault/client.js';
import { KEY_RULE, newCryptKey, refusedKeys, splitKeys } from './crypt-key-rules.js';
import { detect, type Detected } from './detect.js';
import { renderJupyterhubFile } from './render.js';
import { loadSettings, type Settings } from './settings.js';

/** A generated secret that lives in Vault (with ESO) or directly in a Kubernetes Secret. */
export interface HubSecret {
  /** Secret and ExternalSecret name */
  name: string;
  /** key in the Secret */
  key: string;
  /** KV v2 path under mount secret, and its field */
  vaultPath: string;
  vaultField: string;
  externalSecretTemplate: string;
  /** a new value (default: 48 alphanumeric characters) */
  generate?: () => string;
  /** why a value cannot be stored (checked before it is written), or undefined */
  problem?: (value: string) => string | undefined;
}

export const CRYPT_KEY: HubSecret = {
  name: 'jupyterhub-crypt-key',
  key: 'crypt-key',
  vaultPath: 'jupyterhub/config',
  vaultField: 'crypt-key',
  externalSecretTemplate: 'jupyterhub-crypt-key-external-secret.gomplate.yaml',
  generate: newCryptKey,
  problem: (value) => {
    const keys = splitKeys(value);
    if (!keys.length) return 'no key';
    const refused = refusedKeys(keys);
    return refused.length ? `${refused.join(', ')}: ${KEY_RULE}` : undefined;
  },
};

export const ADMIN_SERVICE_TOKEN: HubSecret = {
  name: 'jupyterhub-admin-service-token',
  key: 'token',
  vaultPath: 'jupyterhub/admin-service',
  vaultField: 'token',
  externalSecretTemplate: 'jupyterhub-admin-service-token-external-secret.gomplate.yaml',
};

export const VAULT_TOKEN_SECRET: HubSecret = {
  name: 'jupyterhub-vault-token',
  key: 'token',
  vaultPath: 'jupyterhub/vault-token',
  vaultField: 'token',
  externalSecretTemplate: 'jupyterhub-vault-token-external-secret.gomplate.yaml',
};

/** The shell variable a dry-run plan uses for the secret's value (JUPYTERHUB_CRYPT_KEY). */
export const planVariable = (secret: HubSecret): string =>
  secret.name.toUpperCase().replace(/-/g, '_');

/** A Secret manifest; it only ever travels on stdin. */
export function secretManifest(
  name: string,
  namespace: string,
  data: Record<string, string>,
): object {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type: 'Opaque',
    stringData: data,
  };
}

/**
 * A new value (the secret's own kind, else 48 characters). With External Secrets: stored in Vault, then the
 * ExternalSecret (re)created and awaited. Without: written as the Secret
 * itself, and also into Vault when Vault is installed.
 */
export async function createHubSecret(
  ctx: Ctx,
  s: Settings,
  secret: HubSecret,
  detected?: Detected,
): Promise<void> {
  const generate = secret.generate ?? (() => randomPassword(48));
  const value = ctx.secrets.add(generate(), planVariable(secret));
  await storeHubSecret(ctx, s, secret, value, detected ?? (await detect(ctx, s)));
}

/** Puts a value where the hub reads it: through ESO from Vault, or as a plain Secret. */
export async function storeHubSecret(
  ctx: Ctx,
  s: Settings,
  secret: HubSecret,
  value: string,
  d: Detected,
  alreadyInVault = false,
): Promise<void> {
  const ns = s.JUPYTERHUB_NAMESPACE;
  const problem = secret.problem?.(value);
  if (problem)
    throw new TaskError(
      `${secret.name} was not written: ${problem}`,
      'nothing was written; npx tasks jupyterhub:install replaces a key CryptKeeper refuses',
    );
  if (d.externalSecrets) {
    if (!alreadyInVault)
      await (await connectVault(ctx)).kvPut(secret.vaultPath, { [secret.vaultField]: value });
    // ESO cannot adopt a Secret it does not own: remove both (one call), then let it create the Secret.
    await deleteObjects(ctx, 'secret,externalsecret', [secret.name], ns);
    const file = renderJupyterhubFile(ctx, secret.externalSecretTemplate, {
      JUPYTERHUB_NAMESPACE: ns,
    });
    await apply(
      ctx,
      readFileSync(file, 'utf8'),
      `ExternalSecret ${secret.name} ← Vault ${secret.vaultPath}`,
    );
    await waitExternalSecretReady(ctx, secret.name, ns, 60);
  } else {
    await apply(
      ctx,
      [secretManifest(secret.name, ns, { [secret.key]: value })],
      `Secret ${secret.name}`,
    );
    if (d.vault && !alreadyInVault)
      await (await connectVault(ctx)).kvPut(secret.vaultPath, { [secret.vaultField]: value });
  }
  ctx.effects.done(
    `${secret.name} ${d.externalSecrets ? 'synced from Vault by External Secrets' : 'created'}`,
  );
}

/** The values Vault already holds for these secrets (read before any change). */
export async function storedHubSecrets(
  ctx: Ctx,
  vault: VaultApi | undefined,
  secrets: readonly HubSecret[],
): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  if (!vault) return stored;
  const values = await Promise.all(
    secrets.map(async (secret) => (await vault.kvGet(secret.vaultPath))?.[secret.vaultField]),
  );
  secrets.forEach((secret, i) => {
    const value = values[i];
    if (typeof value === 'string' && value)
      stored.set(secret.name, ctx.secrets.add(value, planVariable(secret)));
  });
  return stored;
}

/**
 * A missing hub Secret: the value Vault already holds when there is one (the crypt key
 * encrypts stored auth state; a new one would make it unreadable), else a new one.
 */
export async function ensureHubSecret(
  ctx: Ctx,
  s: Settings,
  secret: HubSecret,
  d: Detected,
  stored: ReadonlyMap<string, string>,
): Promise<void> {
  const kept = stored.get(secret.name);
  if (!kept) return createHubSecret(ctx, s, secret, d);
  ctx.log.info(`  ${secret.name}: reusing the value stored in Vault at secret/${secret.vaultPath}`);
  await storeHubSecret(ctx, s, secret, kept, d, true);
}

/** The standalone secret recipes: a new value; replacing an existing one needs a confirmation. */
export async function replaceHubSecret(ctx: Ctx, secret: HubSecret): Promise<void> {
  const s = await loadSettings(ctx);
  const d = await detect(ctx, s);
  const vault = d.externalSecrets || d.vault ? await connectVault(ctx) : undefined;
  const inVault = (await storedHubSecrets(ctx, vault, [secret])).size > 0;
  const inCluster = await getObject(ctx, 'secret', secret.name, s.JUPYTERHUB_NAMESPACE);
  if (inVault || inCluster) {
    const where = [
      inCluster && `Secret ${secret.name}`,
      inVault && `Vault secret/${secret.vaultPath}`,
    ]
      .filter(Boolean)
      .join(' and ');
    const replace = await ctx.prompt.confirmDestructive(
      `${where} already ${inVault && inCluster ? 'hold' : 'holds'} a value. Replace it with a new one?`,
    );
    if (!replace)
      throw new TaskError(
        `${secret.name} was not replaced`,
        'pass --yes to replace it without a terminal',
      );
  }
  await createHubSecret(ctx, s, secret, d);
}
