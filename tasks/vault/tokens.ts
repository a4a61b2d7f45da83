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

/** Stands for the token a planned `vault write auth/token/create` would return. */
const PLANNED_TOKEN = '(the new token)';

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
  // Planned, the new token is a reference the plan's reader supplies.
  await vault.kvPut(t.path, { token: token ?? ctx.secrets.add(PLANNED_TOKEN, 'VAULT_NEW_TOKEN') });
  ctx.effects.done(`token with policy ${t.policy} stored at secret/${t.path}`);
  if (token) ctx.log.info(`  read it with: npx tasks vault:get ${t.path} token`);
}
