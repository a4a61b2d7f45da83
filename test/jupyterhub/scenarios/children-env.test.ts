// Issue 11, point 9: kubectl and helm get only what they need. The Vault token and the
// Keycloak admin password are in the environment and in .env.local, yet no child sees them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';

const test = suite('jupyterhub scenario: children get an allow-listed environment');

let sc: Scenario;

test.before(async () => {
  sc = await startScenario({ vault: true });
});
test.after(() => sc.close());

test('install: no kubectl/helm call carries VAULT_TOKEN or KEYCLOAK_ADMIN_PASSWORD', async () => {
  // The password only in .env.local, the token only in the environment.
  writeFileSync(
    join(sc.dir, '.env.local'),
    `KEYCLOAK_ADMIN_PASSWORD=${sc.keycloak.adminPassword}\nSOME_OTHER_SETTING=x\n`,
  );
  const r = await sc.run(['jupyterhub:install'], {
    ...ALL_OFF,
    JUPYTERHUB_NAMESPACE: 'datastack',
    JUPYTERHUB_VAULT_INTEGRATION_ENABLED: 'true',
    VAULT_TOKEN: sc.vault.rootToken,
    KEYCLOAK_ADMIN_PASSWORD: undefined,
  });
  assert.is(r.code, 0, r.stderr);
  const calls = sc.fc.calls();
  assert.ok(calls.some((c) => c.tool === 'kubectl') && calls.some((c) => c.tool === 'helm'));
  for (const c of calls) {
    assert.not.ok('VAULT_TOKEN' in c.env, `${c.tool} ${c.argv.join(' ')} got VAULT_TOKEN`);
    assert.not.ok(
      'KEYCLOAK_ADMIN_PASSWORD' in c.env,
      `${c.tool} ${c.argv.join(' ')} got KEYCLOAK_ADMIN_PASSWORD`,
    );
    // What kubectl and helm do need still arrives.
    assert.is(c.env.KUBECONFIG, sc.env.KUBECONFIG);
  }
  // The install still worked with both: Keycloak client created, Vault policy written.
  assert.ok(sc.keycloak.clients('buunstack').some((c) => c.clientId === 'jupyterhub'));
  assert.ok(sc.vault.policy('jupyterhub-admin'));
});

test.run();
