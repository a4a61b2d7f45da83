// The redaction check shared by every scenario file: no secret — generated (crypt key,
// admin-service token, hub Vault token) or supplied (root token, Keycloak admin password) —
// may appear in any recorded argv or any byte the CLI printed.
//
// Secrets come and go during a scenario (uninstall destroys them), so the watch samples
// knownSecrets() before and after every run and checks against everything it ever saw.
import { Buffer } from 'node:buffer';
import * as assert from 'uvu/assert';
import type { Scenario } from '../../support/scenario.js';

// randomPassword(48): what a generated value looks like even when it was never stored (dry-run).
const GENERATED = /[A-Za-z0-9]{48}/;
const SHA256 = /\b[0-9a-f]{64}\b/g;

export interface LeakWatch {
  /** adds values the scenario knows of (e.g. a token the test created itself) */
  add(...values: string[]): void;
  /** every secret seen so far (at least 8 characters) */
  seen(): string[];
  /** asserts that neither argv nor env of any recorded call nor any printed byte holds one */
  assertClean(): void;
}

/** Wraps `sc.run` so every run samples the secrets the cluster, Vault and Keycloak hold. */
export function watchLeaks(sc: Scenario): LeakWatch {
  const seen = new Set<string>();
  const sample = () => sc.knownSecrets().forEach((v) => seen.add(v));
  const run = sc.run;
  sc.run = async (...args) => {
    sample();
    try {
      return await run(...args);
    } finally {
      sample();
    }
  };
  return {
    add: (...values) => values.filter((v) => v.length >= 8).forEach((v) => seen.add(v)),
    seen: () => [...seen],
    assertClean() {
      sample();
      // Never vacuous: at least the root token and the Keycloak admin password.
      assert.ok(seen.size >= 2, 'the watch knows no secret at all');
      const needles = [...seen].flatMap((v) => [v, Buffer.from(v, 'utf8').toString('base64')]);
      const findIn = (where: string, text: string) => {
        const hit = needles.find((n) => text.includes(n));
        assert.not.ok(hit, `${where} holds a secret (${hit?.slice(0, 4)}…)`);
        // A plan names files by their sha256 (64 hex digits): a checksum, not a secret.
        const checked = text.replace(SHA256, '<sha256>');
        assert.not.match(
          checked,
          GENERATED,
          `${where} holds a 48-character generated-looking value`,
        );
      };
      for (const call of sc.fc.calls()) {
        const where = `${call.tool} ${call.argv.join(' ')}`;
        findIn(`argv of "${where}"`, call.argv.join('\n'));
        findIn(`env of "${where}"`, Object.values(call.env).join('\n'));
      }
      findIn('printed output', sc.printed());
    },
  };
}
