import { TaskError, type Ctx } from '../core/index.js';
import { readSecret } from '../k8s/kubectl.js';
import { connectVault } from '../vault/client.js';
import { readChartCryptState } from './crypt-key-migration.js';
import { KEY_RULE, newCryptKey, refusedKeys, splitKeys } from './crypt-key-rules.js';
import { detect } from './detect.js';
import { CRYPT_KEY, createHubSecret, storedHubSecrets, storeHubSecret } from './secrets.js';
import { loadSettings } from './settings.js';

const LOST =
  'it encrypts the users\u2019 stored auth state (their Keycloak tokens): with a new key the hub ' +
  'cannot read it, and every user must log in again before their notebooks get fresh credentials';

/**
 * create-crypt-key-secret: a first key freely; replacing an existing one only with
 * `replace` (and the usual confirmation), since what it encrypts is lost.
 */
export async function createCryptKey(ctx: Ctx, replace: boolean): Promise<void> {
  const s = await loadSettings(ctx);
  const d = await detect(ctx, s);
  const vault = d.externalSecrets || d.vault ? await connectVault(ctx) : undefined;
  const inVault = (await storedHubSecrets(ctx, vault, [CRYPT_KEY])).size > 0;
  const inCluster = await readSecret(ctx, CRYPT_KEY.name, s.JUPYTERHUB_NAMESPACE);
  if (inVault || inCluster) {
    const where = [
      inCluster && `Secret ${CRYPT_KEY.name}`,
      inVault && `Vault secret/${CRYPT_KEY.vaultPath}`,
    ]
      .filter(Boolean)
      .join(' and ');
    if (!replace)
      throw new TaskError(
        `${CRYPT_KEY.name} was not replaced: ${where} already ${inVault && inCluster ? 'hold' : 'holds'} a crypt key, and ${LOST}`,
        'to change keys without losing it: npx tasks jupyterhub:rotate-crypt-key; to replace it anyway: --replace',
      );
    if (
      !(await ctx.effects.confirm(
        `Replace the crypt key in ${where}? Stored auth state becomes unreadable.`,
      ))
    )
      throw new TaskError(
        `${CRYPT_KEY.name} was not replaced`,
        'pass --yes to replace it without a terminal',
      );
  }
  await createHubSecret(ctx, s, CRYPT_KEY, d);
}

/**
 * Puts a new key first and keeps the current ones after it (`;`-separated: CryptKeeper
 * encrypts with the first and decrypts with any), in Vault and the cluster, then restarts
 * the hub. `dropOld` instead keeps only the first key (no new one): state still encrypted
 * with an older key is then unreadable, so it asks first.
 */
export async function rotateCryptKey(ctx: Ctx, dropOld: boolean): Promise<void> {
  const s = await loadSettings(ctx);
  const ns = s.JUPYTERHUB_NAMESPACE;
  const d = await detect(ctx, s);
  const vault = d.externalSecrets || d.vault ? await connectVault(ctx) : undefined;
  const stored = (await storedHubSecrets(ctx, vault, [CRYPT_KEY])).get(CRYPT_KEY.name);
  const cluster = (await readSecret(ctx, CRYPT_KEY.name, ns))?.[CRYPT_KEY.key];
  const chart = await readChartCryptState(ctx, ns);
  // With External Secrets, Vault is the source; else the Secret the hub reads.
  const current = (d.externalSecrets ? (stored ?? cluster) : (cluster ?? stored)) ?? '';
  if (current) ctx.secrets.add(current);
  const keys = splitKeys(current);
  if (!keys.length)
    throw new TaskError(
      `no crypt key to rotate: neither Secret ${CRYPT_KEY.name} in ${ns} nor Vault secret/${CRYPT_KEY.vaultPath} holds one`,
      'install JupyterHub first (or npx tasks jupyterhub:create-crypt-key-secret)',
    );
  for (const k of keys) ctx.secrets.add(k);
  // Rotating keys the hub does not read, or next to one it refuses, would change nothing
  // or stop the hub: install migrates both first.
  const refused = refusedKeys(keys);
  if (refused.length)
    throw new TaskError(
      `${CRYPT_KEY.name} holds a key CryptKeeper refuses (${refused.join(', ')}); ${KEY_RULE}`,
      'npx tasks jupyterhub:install replaces it (keeping the chart\u2019s key for the auth state stored so far), then rotate',
    );
  if (chart.deployed && !chart.usesOurs)
    throw new TaskError(
      `the deployed hub does not read ${CRYPT_KEY.name}: it encrypts auth state with the chart\u2019s own key (Secret hub), so rotating this one would change nothing`,
      'npx tasks jupyterhub:install (it points the hub at this key and keeps the chart\u2019s after it), then rotate',
    );
  let next: string[];
  if (dropOld) {
    if (keys.length === 1) {
      ctx.log.ok(`${CRYPT_KEY.name} holds one key only: nothing to drop`);
      return;
    }
    ctx.log.step(
      `This drops ${keys.length - 1} old crypt key(s): auth state a user has not renewed by logging in since the rotation becomes unreadable`,
    );
    if (!(await ctx.effects.confirm('Drop the old crypt keys?')))
      throw new TaskError(
        'the old crypt keys were not dropped',
        'pass --yes to confirm without a terminal',
      );
    next = [keys[0]!];
  } else {
    next = [ctx.secrets.add(newCryptKey()), ...keys];
  }
  const value = ctx.secrets.add(next.join(';'));
  ctx.log.step(
    dropOld
      ? `Crypt key: keeping the current key only`
      : `Crypt key: a new key first, ${keys.length} older key(s) kept for reading`,
  );
  await storeHubSecret(ctx, s, CRYPT_KEY, value, d);
  await restartHub(ctx, ns, s.K8S_WAIT_TIMEOUT);
}

/** A rollout of deployment hub (it reads the key at start), awaited to the end. */
export async function restartHub(ctx: Ctx, ns: string, timeoutSeconds: number): Promise<void> {
  await ctx.exec.change('kubectl', ['rollout', 'restart', 'deployment/hub', '-n', ns]);
  const wait = ['rollout', 'status', 'deployment/hub', '-n', ns, `--timeout=${timeoutSeconds}s`];
  if (!(await ctx.exec.change('kubectl', wait, { timeoutMs: (timeoutSeconds + 30) * 1000 })))
    return;
  ctx.log.ok(`hub restarted in ${ns} with the new crypt keys`);
}
