// check-spawn against the fakes: each enabled profile's pod goes through a server-side dry
// run (the fake applies pod-security restricted with the API server's words); a profile
// whose pod may escalate privileges is a fail with the admission message and exit 1; one
// profile can be picked; nothing is created.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_ON, startScenario, type Scenario } from '../../support/scenario.js';
import { line, mark, NS, stateBytes } from './helpers.js';

const test = suite('jupyterhub scenario: check-spawn');

let sc: Scenario;
const vars = { ...ALL_ON, JUPYTER_PROFILE_MINIMAL_ENABLED: 'true' };

test.before(async () => {
  sc = await startScenario({ eso: true, vault: true, prometheus: true, nvidia: true });
  const r = await sc.run(['jupyterhub:install', sc.vault.rootToken], vars);
  assert.is(r.code, 0, r.stderr);
});
test.after(() => sc.close());

test('every enabled profile admitted: exit 0, one line each, nothing created', async () => {
  const before = stateBytes(sc);
  const m = mark(sc);
  const r = await sc.run(['jupyterhub:check-spawn'], vars);
  assert.is(r.code, 0, r.stderr);
  assert.equal(r.stdout.trimEnd().split('\n'), [
    'ok    namespace datastack                          pod-security enforce=restricted',
    'ok    profile minimal-jupyter-notebook-stack       admitted (deployed values, image quay.io/jupyter/minimal-notebook)',
    'ok    profile jupyter-notebook-data-science-stack  admitted (deployed values, image quay.io/jupyter/datascience-notebook)',
    '',
    '3 ok, 0 warn, 0 fail',
  ]);
  assert.is(stateBytes(sc), before);
  const dryRuns = m.since().filter((c) => line(c).startsWith('kubectl create'));
  assert.is(dryRuns.length, 2);
  const pod = JSON.parse(dryRuns[1]!.stdin);
  // The GPU install: the runtime class and the limit are in what the API server saw.
  assert.is(pod.spec.runtimeClassName, 'nvidia');
  assert.is(pod.spec.containers[0].resources.limits['nvidia.com/gpu'], '2');
});

test('a profile that may escalate privileges: fail with the admission message, exit 1', async () => {
  sc.fc.update((s) => {
    const rel = s.releases.find((r) => r.name === 'jupyterhub' && r.namespace === NS)!;
    (rel.values as any).singleuser.profileList.push({
      display_name: 'Escalating',
      slug: 'escalating',
      kubespawner_override: { allow_privilege_escalation: true },
    });
  });
  const r = await sc.run(['jupyterhub:check-spawn', '--json'], vars);
  assert.is(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.is(j.ok, false);
  const bad = j.checks.filter((c: { level: string }) => c.level !== 'ok');
  assert.equal(bad, [
    {
      name: 'profile escalating',
      level: 'fail',
      detail:
        'rejected: pods "jupyter-check-spawn-escalating" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "notebook" must set securityContext.allowPrivilegeEscalation=false)',
      fix: 'npx tasks jupyterhub:install  (renders the profiles anew; a profile added outside install must meet pod-security restricted)',
    },
  ]);
});

test('one profile by name; an unknown one is an error naming the choices', async () => {
  const one = await sc.run(['jupyterhub:check-spawn', 'minimal', '--json'], vars);
  assert.is(one.code, 0, one.stderr);
  assert.equal(
    JSON.parse(one.stdout).checks.map((c: { name: string }) => c.name),
    ['namespace datastack', 'profile minimal-jupyter-notebook-stack'],
  );
  const none = await sc.run(['jupyterhub:check-spawn', 'cuda'], vars);
  assert.is(none.code, 1);
  assert.is(none.stdout, '');
  assert.match(none.stderr, 'no profile "cuda" among the enabled ones');
  assert.match(
    none.stderr,
    'one of: minimal-jupyter-notebook-stack, jupyter-notebook-data-science-stack, escalating',
  );
});

test.run();
