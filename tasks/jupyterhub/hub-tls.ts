import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TaskError, type Ctx } from '../core/index.js';
import type { Settings } from './settings.js';

/** Where the hub finds the CA bundles (hub.extraFiles, mounted from the chart's Secret). */
export const HUB_CA_DIR = '/etc/jupyterhub/ca';

export interface HubTls {
  /** PEM text of the CA bundle for Vault, '' = system CAs */
  vaultCa: string;
  keycloakCa: string;
  insecure: boolean;
}

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
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(text))
    throw new TaskError(
      `${variable} ${path} holds no PEM certificate`,
      'expected one or more -----BEGIN CERTIFICATE----- blocks',
    );
  return text.replace(/\s+$/, '\n');
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
    insecure: s.JUPYTERHUB_TLS_INSECURE === true,
  };
  if (warn && tls.insecure)
    ctx.log.warn(
      "JUPYTERHUB_TLS_INSECURE=true: the hub will not verify Vault's and Keycloak's certificates; " +
        'anyone on the network path can read the tokens it handles. Use it for a test instance only, and set the CA bundles instead.',
    );
  return tls;
}

/** The template variables for hubTls. */
export const hubTlsEnv = (t: HubTls): Record<string, string> => ({
  VAULT_CA_PEM: t.vaultCa.replace(/\n$/, ''),
  KEYCLOAK_CA_PEM: t.keycloakCa.replace(/\n$/, ''),
});
