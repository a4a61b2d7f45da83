// Issue 13 point 5: JUPYTERHUB_HOST has one name from .env.local to the values file.
// Written in .env.local (not the environment), it reaches the rendered values (ingress,
// TLS, OAuth callback), the Keycloak client's redirect URI and the summary unchanged.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { parseHelmYaml } from '../../support/z2jh.js';
import { outFile } from './helpers.js';

const test = suite('jupyterhub scenario: JUPYTERHUB_HOST from .env.local to the values file');
const HOST = 'walk.example.org';

let sc: Scenario;
test.before(async () => {
  sc = await startScenario();
});
test.after(() => sc.close());

test('.env.local JUPYTERHUB_HOST → ingress, TLS, OAuth callback, Keycloak redirect, summary', async () => {
  writeFileSync(join(sc.dir, '.env.local'), `JUPYTERHUB_HOST=${HOST}\n`);
  const r = await sc.run(['jupyterhub:install'], { ...ALL_OFF, JUPYTERHUB_HOST: undefined });
  assert.is(r.code, 0, r.stderr);
  const values = parseHelmYaml(readFileSync(outFile(sc, 'jupyterhub-values.yaml'), 'utf8')) as any;
  assert.equal(values.ingress.hosts, [HOST]);
  assert.equal(values.ingress.tls[0].hosts, [HOST]);
  assert.is(
    values.hub.config.GenericOAuthenticator.oauth_callback_url,
    `https://${HOST}/hub/oauth_callback`,
  );
  const [client] = sc.keycloak.clients('buunstack').filter((c) => c.clientId === 'jupyterhub');
  assert.equal(client.redirectUris, [`https://${HOST}/hub/oauth_callback`]);
  assert.match(r.stderr, `at https://${HOST}/ (namespace`);
  assert.not.match(
    readFileSync(outFile(sc, 'jupyterhub-values.yaml'), 'utf8'),
    'jupyter.example.com',
  );
});

test.run();
