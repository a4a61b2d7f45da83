// framework.CalculateTTL from Vault's SDK: the TTL a token gets at creation or renewal, capped
// by the explicit max TTL and the mount/system max TTL (768h by default), with Vault's warning.
import { humanDuration } from './duration.js';
import { VaultError } from './errors.js';

/** Vault's default and maximum lease TTL when nothing is tuned: 32 days. */
export const SYSTEM_DEFAULT_TTL = 768 * 3600;
export const SYSTEM_MAX_TTL = 768 * 3600;

export interface TtlInput {
  increment: number; // seconds requested on renewal (0 = none)
  backendTtl: number; // the token's own TTL
  period: number;
  explicitMaxTtl: number;
  startSec: number; // issue time, whole seconds
  nowSec: number;
}

export function calculateTtl(i: TtlInput): { ttl: number; warnings: string[] } {
  const warnings: string[] = [];
  let maxTtl = SYSTEM_MAX_TTL;
  if (i.explicitMaxTtl > 0 && i.explicitMaxTtl < maxTtl) maxTtl = i.explicitMaxTtl;
  let ttl: number;
  let maxValidSec: number | undefined;
  if (i.period > 0) {
    let period = i.period;
    if (period > maxTtl) {
      warnings.push(
        `period of "${humanDuration(period)}" exceeded the effective max_ttl of "${humanDuration(maxTtl)}"; period value is capped accordingly`,
      );
      period = maxTtl;
    }
    ttl = period;
    if (i.explicitMaxTtl > 0) maxValidSec = i.startSec + i.explicitMaxTtl;
  } else {
    ttl = i.increment > 0 ? i.increment : i.backendTtl > 0 ? i.backendTtl : SYSTEM_DEFAULT_TTL;
    maxValidSec = i.startSec + maxTtl;
  }
  if (maxValidSec !== undefined) {
    const maxValidTtl = maxValidSec - i.nowSec;
    if (maxValidTtl <= 0) throw new VaultError(500, ['past the max TTL, cannot renew']);
    if (maxValidTtl < ttl) {
      warnings.push(
        `TTL of "${humanDuration(ttl)}" exceeded the effective max_ttl of "${humanDuration(maxValidTtl)}"; TTL value is capped accordingly`,
      );
      ttl = maxValidTtl;
    }
  }
  return { ttl, warnings };
}
