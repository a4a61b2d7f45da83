import { TaskError, type Ctx } from '../core/index.js';
import type { VaultApi } from './client.js';
import { createAdminPolicy } from './setup.js';

/** create-admin-token: policy admin first, then a token with it, printed as the result. */
export async function createAdminToken(ctx: Ctx, vault: VaultApi): Promise<void> {
  await createAdminPolicy(ctx, vault);
  const token = await vault.createToken({
    policies: ['admin'],
    ttl: '',
    explicitMaxTtl: '',
    displayName: 'admin',
    renewable: true,
  });
  if (token) ctx.out(token);
}

export interface StoredToken {
  policy: string;
  path: string;
  ttl: string;
  maxTtl: string;
}

/** A token with one policy, stored at secret/<path> field token (never printed whole). */
export async function createTokenAndStore(
  ctx: Ctx,
  vault: VaultApi,
  t: StoredToken,
): Promise<void> {
  if (!t.policy) throw new TaskError('name the policy of the new token');
  ctx.log.step(`creating a token with policy ${t.policy}`);
  const token = await vault.createToken({
    policies: [t.policy],
    ttl: t.ttl,
    explicitMaxTtl: t.maxTtl,
    displayName: t.policy,
    renewable: true,
  });
  if (ctx.dryRun) {
    ctx.exec.planText(`write secret/${t.path} (fields: token)`);
    return;
  }
  await vault.kvPut(t.path, { token: token! });
  ctx.log.ok(`token with policy ${t.policy} stored at secret/${t.path}`);
  ctx.log.info(`  read it with: npx tasks vault:get ${t.path} token`);
}
