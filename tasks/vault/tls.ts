import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TaskError, type Ctx } from '../core/index.js';
import type { NodeVaultClient } from './types.js';

/** The PEM file VAULT_CACERT names; a missing or unreadable file is one clear line. */
export function readCaCert(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as { code?: string }).code ?? String(err);
    throw new TaskError(
      `cannot read VAULT_CACERT ${path} (${code})`,
      'point VAULT_CACERT at the PEM file of the CA that signed the Vault certificate',
    );
  }
}

/** node-vault at `addr` with the TLS knobs VAULT_CACERT / VAULT_SKIP_VERIFY applied. */
export async function nodeVaultClient(
  ctx: Ctx,
  addr: string,
  token: string,
  v: { VAULT_CACERT: string; VAULT_SKIP_VERIFY: boolean | undefined },
): Promise<NodeVaultClient> {
  const { default: nodeVault } = await import('node-vault');
  const ca = v.VAULT_CACERT ? readCaCert(resolve(ctx.cwd, v.VAULT_CACERT)) : undefined;
  return nodeVault({
    apiVersion: 'v1',
    endpoint: addr,
    token,
    // node-vault treats any non-empty VAULT_SKIP_VERIFY as "skip"; decide it here instead.
    rpDefaults: { strictSSL: !v.VAULT_SKIP_VERIFY },
    requestOptions: { timeout: ctx.httpTimeoutMs, ...(ca && { ca }) },
  } as never) as unknown as NodeVaultClient;
}
