// Fresh install with every switch off (no ESO, no Vault, no monitoring, no GPU), then the
// same install again: the call log, the objects, the release and the Keycloak client.
import { statSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CallRecord } from '../../fakes/index.js';
import type { CliResult } from '../../support/cli.js';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { CHART_VERSIONS, parseHelmYaml, validateValues } from '../../support/z2jh.js';
import {
  CALLBACK,
  HOST,
  installedObjects,
  keycloakWrites,
  line,
  mark,
  NS,
  outFile,
  secretValue,
  stdinDocs,
} from './helpers.js';
import { watchLeaks, type LeakWatch } from './leaks.js';

const test = suite('jupyterhub scenario: fresh install, every switch off, then again');

let sc: Scenario;
let leaks: LeakWatch;
let first: CliResult;
let calls: CallRecord[];

test.before(async () => {
  sc = await startScenario();
  leaks = watchLeaks(sc);
  first = await sc.run(['jupyterhub:install'], ALL_OFF);
  calls = sc.fc.calls();
});
test.after(() => sc.close());

const UPGRADE = () =>
  `helm upgrade --cleanup-on-fail --install jupyterhub jupyterhub/jupyterhub --version 4.3.2 -n ${NS} --timeout=20m -f ${outFile(sc, 'jupyterhub-values.yaml')}`;
const WATCHES = [
  `kubectl rollout status deployment/hub -n ${NS} --timeout=600s`,
  `kubectl rollout status deployment/proxy -n ${NS} --timeout=600s`,
];
const REPO = [
  'helm repo add jupyterhub https://jupyterhub.github.io/helm-chart --force-update',
  'helm repo update jupyterhub',
];

/** The calls that name a Secret on stdin, by the Secret's name. */
const secretApply = (name: string) =>
  calls.find((c) => c.argv[0] === 'apply' && stdinDocs(c)[0]?.metadata?.name === name)!;

test('exit 0 after exactly ten external calls: queries, namespace, then side by side, chart, watches', () => {
  assert.is(first.code, 0, first.stderr);
  const lines = calls.map(line);
  // The two opening queries run concurrently: either order.
  assert.equal(lines.slice(0, 2).sort(), [
    'helm list --all-namespaces -o json',
    `kubectl get secret jupyterhub-crypt-key jupyterhub-admin-service-token jupyterhub-vault-token hub -n ${NS} -o json --ignore-not-found`,
  ]);
  assert.is(lines[2], 'kubectl apply -f -', 'the namespace first');
  // The hub's two Secrets and the chart repository (add, then update) are independent:
  // side by side. The log is in order of completion.
  const middle = lines.slice(3, 7);
  assert.equal([...middle].sort(), ['kubectl apply -f -', 'kubectl apply -f -', ...REPO].sort());
  assert.ok(middle.indexOf(REPO[0]) < middle.indexOf(REPO[1]), 'repo add before update');
  assert.is(lines[7], UPGRADE());
  // Ready is watched (kubectl rollout status, one per deployment), not polled.
  assert.equal(lines.slice(8).sort(), WATCHES);
  assert.is(lines.length, 10);
  assert.ok(calls.every((c) => c.exit === 0));
});

test('namespace applied first with pod-security restricted (and no monitoring label)', () => {
  const [doc] = stdinDocs(calls[2]);
  assert.equal(doc.kind, 'Namespace');
  const labels = sc.fc.object('Namespace', NS)?.metadata.labels ?? {};
  assert.is(labels['pod-security.kubernetes.io/enforce'], 'restricted');
  assert.not.ok('buun.channel/enable-monitoring' in labels);
});

test('both Secrets hold new values (a hex crypt key, a 48-character token) that travelled on stdin only', () => {
  const crypt = secretValue(sc, 'jupyterhub-crypt-key', 'crypt-key') ?? '';
  const token = secretValue(sc, 'jupyterhub-admin-service-token', 'token') ?? '';
  assert.match(crypt, /^[0-9a-f]{64}$/, 'a key CryptKeeper takes');
  assert.match(token, /^[A-Za-z0-9]{48}$/);
  assert.is.not(crypt, token);
  const [cryptDoc] = stdinDocs(secretApply('jupyterhub-crypt-key'));
  const [tokenDoc] = stdinDocs(secretApply('jupyterhub-admin-service-token'));
  assert.equal(cryptDoc.metadata, { name: 'jupyterhub-crypt-key', namespace: NS });
  assert.equal(cryptDoc.stringData, { 'crypt-key': crypt });
  assert.equal(tokenDoc.metadata, { name: 'jupyterhub-admin-service-token', namespace: NS });
  assert.equal(tokenDoc.stringData, { token });
  assert.ok(calls.every((c) => !c.argv.some((a) => a.includes(crypt) || a.includes(token))));
  assert.equal(sc.vault.requests(), [], 'no Vault: nothing is sent to it');
});

test('release jupyterhub 4.3.2 in the namespace with the rendered values, valid for both charts', () => {
  const rel = sc.fc.release('jupyterhub', NS);
  assert.ok(rel);
  assert.equal(
    [rel.chart, rel.version, rel.revision, rel.status],
    ['jupyterhub', '4.3.2', 1, 'deployed'],
  );
  const text = readFileSync(outFile(sc, 'jupyterhub-values.yaml'), 'utf8');
  assert.equal(rel.values, parseHelmYaml(text));
  for (const version of CHART_VERSIONS) {
    const r = validateValues(text, version);
    assert.ok(r.valid, `${version}: ${r.errors.join('\n')}`);
  }
  const v = rel.values as Record<string, any>;
  assert.is(v.hub.config.GenericOAuthenticator.oauth_callback_url, CALLBACK);
  assert.is(v.hub.config.GenericOAuthenticator.client_id, 'jupyterhub');
  assert.equal(v.singleuser.storage.dynamic, {
    storageClass: 'local-path',
    storageAccessModes: ['ReadWriteOnce'],
  });
  assert.is(v.hub.extraContainers, undefined, 'no Vault sidecar');
  assert.is(v.singleuser.extraResource, undefined, 'no GPU');
  assert.equal(v.ingress.hosts, [HOST]);
  assert.equal(
    v.singleuser.profileList.map((p: any) => p.kubespawner_override.image),
    ['quay.io/jupyter/datascience-notebook'],
  );
  // Rendered files are private to the operator.
  assert.is(statSync(outFile(sc, 'jupyterhub-values.yaml')).mode & 0o777, 0o600);
});

test("Keycloak: one public client with the callback and both session attributes (capped at the realm's)", () => {
  const clients = sc.keycloak.clients('buunstack').filter((c) => c.clientId === 'jupyterhub');
  assert.is(clients.length, 1);
  const [c] = clients;
  assert.is(c.publicClient, true);
  assert.is(c.secret, undefined);
  assert.equal(c.redirectUris, [CALLBACK]);
  // 86400 / 604800 asked; realm buunstack (as create-realm makes it) allows 7200 / 86400.
  assert.is(c.attributes['client.session.idle.timeout'], '7200');
  assert.is(c.attributes['client.session.max.lifespan'], '86400');
  assert.match(first.stderr, "exceeds realm buunstack's SSO Session Idle (7200 s)");
});

test('a closing summary names URL, features and the rendered files', () => {
  assert.match(first.stderr, `Installed: JupyterHub 4.3.2 at https://${HOST}/ (namespace ${NS})`);
  assert.match(first.stderr, /vault: +off/);
  assert.match(first.stderr, /storage: +dynamic, class local-path, 10Gi per user/);
  assert.match(first.stderr, outFile(sc, 'jupyterhub-values.yaml'));
  assert.match(first.stderr, outFile(sc, 'pre_spawn_hook.py'));
  assert.is(first.stdout, '');
});

test('second install: same secrets, nothing deleted or created, Keycloak untouched, revision 2', async () => {
  const objects = installedObjects(sc);
  const crypt = secretValue(sc, 'jupyterhub-crypt-key', 'crypt-key');
  const token = secretValue(sc, 'jupyterhub-admin-service-token', 'token');
  const kcWrites = keycloakWrites(sc).length;
  const m = mark(sc);
  const r = await sc.run(['jupyterhub:install'], ALL_OFF);
  assert.is(r.code, 0, r.stderr);
  const lines = m.since().map(line);
  assert.equal(lines.slice(2, 6), [
    'kubectl apply -f -', // the namespace (labels re-asserted, unchanged)
    ...REPO,
    UPGRADE(),
  ]);
  assert.equal(lines.slice(6).sort(), WATCHES);
  assert.is(secretValue(sc, 'jupyterhub-crypt-key', 'crypt-key'), crypt);
  assert.is(secretValue(sc, 'jupyterhub-admin-service-token', 'token'), token);
  const after = installedObjects(sc);
  for (const key of [
    'Namespace/datastack',
    'Secret/jupyterhub-crypt-key',
    'Secret/jupyterhub-admin-service-token',
  ]) {
    assert.is(after[key], objects[key], `${key} was touched`);
  }
  assert.is(keycloakWrites(sc).length, kcWrites, 'Keycloak changed');
  assert.match(r.stderr, 'Keycloak client jupyterhub already exists');
  assert.is(sc.fc.release('jupyterhub', NS)?.revision, 2);
});

test('no secret in any argv or printed byte', () => leaks.assertClean());

test.run();
