import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TaskError, type Ctx } from '../core/index.js';
import { getObject } from '../k8s/kubectl.js';
import type { Settings } from './settings.js';

/** Where the hub (and, when asked, notebooks) find the CA bundles. */
export const HUB_CA_DIR = '/etc/jupyterhub/ca';

/** JUPYTERHUB_CA_BUNDLE: a PEM file's text, or an existing Secret or ConfigMap key in the namespace. */
export type CaSource =
  { kind: 'file'; pem: string } | { kind: 'secret' | 'configmap'; name: string; key: string };

export interface HubTls {
  /** PEM text of the CA bundle for Vault, '' = the general bundle, else system CAs */
  vaultCa: string;
  keycloakCa: string;
  /** the general bundle: Vault and Keycloak without their own, and notebooks when asked */
  bundle: CaSource | undefined;
  insecure: boolean;
  /**
   * sha256 of the bundle's PEM when it lives in a Secret or ConfigMap, as read from the
   * cluster (checkCaBundleObject, withCaBundleDigest); absent otherwise
   */
  objectDigest?: string;
}

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/;
const OBJECT_REF = /^(secret|configmap):(.*)$/;
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const KEY = /^[-._a-zA-Z0-9]+$/;

function readPem(ctx: Ctx, variable: string, path: string): string {
  if (!path) return '';
  let text: string;
  try {
    text = readFileSync(resolve(ctx.cwd, path), 'utf8');
  } catch (err) {
    throw new TaskError(
      `cannot read ${variable} ${path} (${(err as { code?: string }).code ?? String(err)})`,
      `point ${variable} at the PEM file of the CA that signed the certificate`,
    );
  }
  if (!PEM.test(text))
    throw new TaskError(
      `${variable} ${path} holds no PEM certificate`,
      'expected one or more -----BEGIN CERTIFICATE----- blocks',
    );
  return text.replace(/\s+$/, '\n');
}

/** `secret:NAME[/KEY]`, `configmap:NAME[/KEY]` (KEY defaults to ca.crt), else a PEM file. */
function caSource(ctx: Ctx, value: string): CaSource | undefined {
  if (!value) return undefined;
  const ref = OBJECT_REF.exec(value);
  if (!ref) return { kind: 'file', pem: readPem(ctx, 'JUPYTERHUB_CA_BUNDLE', value) };
  const [name, key = 'ca.crt', ...rest] = ref[2]!.split('/');
  if (!OBJECT_NAME.test(name!) || !KEY.test(key) || rest.length)
    throw new TaskError(
      `JUPYTERHUB_CA_BUNDLE "${value}" is not ${ref[1]}:NAME or ${ref[1]}:NAME/KEY`,
      `e.g. ${ref[1]}:my-ca (key ca.crt) or ${ref[1]}:my-ca/bundle.pem, in JUPYTERHUB_NAMESPACE`,
    );
  return { kind: ref[1] as 'secret' | 'configmap', name: name!, key };
}

/**
 * What the hub trusts when it talks to Vault (pre-spawn hook, renewer sidecar) and to
 * Keycloak (the authenticator): verification always, against these CAs when given.
 * The insecure switch turns it off, and says so every time.
 */
export function hubTls(ctx: Ctx, s: Settings, warn = false): HubTls {
  const tls = {
    vaultCa: readPem(ctx, 'JUPYTERHUB_VAULT_CA_BUNDLE', s.JUPYTERHUB_VAULT_CA_BUNDLE),
    keycloakCa: readPem(ctx, 'JUPYTERHUB_KEYCLOAK_CA_BUNDLE', s.JUPYTERHUB_KEYCLOAK_CA_BUNDLE),
    bundle: caSource(ctx, s.JUPYTERHUB_CA_BUNDLE),
    insecure: s.JUPYTERHUB_TLS_INSECURE === true,
  };
  if (warn && tls.insecure)
    ctx.log.warn(
      "JUPYTERHUB_TLS_INSECURE=true: the hub will not verify Vault's and Keycloak's certificates; " +
        'anyone on the network path can read the tokens it handles. Use it for a test instance only, and set the CA bundles instead.',
    );
  return tls;
}

/** The bundle object's key as the cluster holds it now, or what is wrong with it. */
async function readBundleObject(
  ctx: Ctx,
  b: Extract<CaSource, { name: string }>,
  namespace: string,
): Promise<{ text: string; problem?: undefined } | { text?: undefined; problem: string }> {
  const o = (await getObject(ctx, b.kind, b.name, namespace)) as
    { data?: Record<string, string> } | undefined;
  if (!o) return { problem: 'does not exist' };
  const raw = o.data?.[b.key];
  if (raw === undefined) return { problem: `has no key ${b.key}` };
  const text = b.kind === 'secret' ? Buffer.from(raw, 'base64').toString() : raw;
  if (!PEM.test(text)) return { problem: `key ${b.key} holds no PEM certificate` };
  return { text };
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * A bundle in a Secret or ConfigMap must be there, with a PEM under its key, before
 * install changes anything: a missing one would leave the hub pod unable to start.
 * Returns tls with the digest of the bundle's content: the chart sees only the object's
 * name, so without it a new CA in the same object would never reach the running hub.
 */
export async function checkCaBundleObject(
  ctx: Ctx,
  tls: HubTls,
  namespace: string,
): Promise<HubTls> {
  const b = tls.bundle;
  if (!b || b.kind === 'file') return tls;
  const r = await readBundleObject(ctx, b, namespace);
  if (r.text !== undefined) return { ...tls, objectDigest: digest(r.text) };
  const where = `${b.kind === 'secret' ? 'Secret' : 'ConfigMap'} ${b.name} in namespace ${namespace}`;
  const err = new TaskError(
    `JUPYTERHUB_CA_BUNDLE: ${where} ${r.problem}`,
    `create it first (e.g. kubectl create ${b.kind} ${b.name} -n ${namespace} --from-file=${b.key}=ca.pem), or point JUPYTERHUB_CA_BUNDLE at a PEM file`,
  );
  // Missing (it may be made before install runs): a plan notes it and goes on.
  if (r.problem !== 'does not exist') throw err;
  ctx.effects.blocker(err);
  return tls;
}

/**
 * tls with the digest install would put on the hub pod now (for the day-2 views, which
 * compare with the release): no checks, a missing or broken object gives none.
 */
export async function withCaBundleDigest(
  ctx: Ctx,
  tls: HubTls,
  namespace: string,
): Promise<HubTls> {
  const b = tls.bundle;
  if (!b || b.kind === 'file') return tls;
  const r = await readBundleObject(ctx, b, namespace);
  return r.text === undefined ? tls : { ...tls, objectDigest: digest(r.text) };
}

/** The template variables for hubTls. */
export const hubTlsEnv = (t: HubTls): Record<string, string> => ({
  VAULT_CA_PEM: t.vaultCa.replace(/\n$/, ''),
  KEYCLOAK_CA_PEM: t.keycloakCa.replace(/\n$/, ''),
  CA_BUNDLE_PEM: t.bundle?.kind === 'file' ? t.bundle.pem.replace(/\n$/, '') : '',
  CA_BUNDLE_SECRET: t.bundle?.kind === 'secret' ? t.bundle.name : '',
  CA_BUNDLE_CONFIGMAP: t.bundle?.kind === 'configmap' ? t.bundle.name : '',
  CA_BUNDLE_KEY: t.bundle && t.bundle.kind !== 'file' ? t.bundle.key : '',
  CA_BUNDLE_SHA256: t.objectDigest ?? '',
});
