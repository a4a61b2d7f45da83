// jupyterhub:get-api-token over the fake cluster: the user's single-user pod, found by
// KubeSpawner's labels, must be Running; its JUPYTERHUB_API_TOKEN is read with
// `kubectl exec … printenv` and printed alone on stdout.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startScenario, type Scenario } from '../../support/scenario.js';
import { withUserPod } from '../../fakes/index.js';
import {
  HOST,
  NS,
  argvs,
  assertNotPassed,
  mark,
  secret,
  setUserPods,
  withHub,
} from './fixtures.js';

const GetApiToken = suite('jupyterhub:get-api-token');

const TOKEN = secret();
const SELECTOR = 'app=jupyterhub,component=singleuser-server,hub.jupyter.org/username=alice';
const GET_PODS = `kubectl get pods -n ${NS} -l ${SELECTOR} -o json`;
const PRINTENV = `kubectl exec -n ${NS} jupyter-alice -- printenv JUPYTERHUB_API_TOKEN`;

let sc: Scenario | undefined;
async function scenario(): Promise<Scenario> {
  sc ??= await startScenario({ cluster: (s) => withHub(s) });
  return sc;
}
GetApiToken.after(async () => sc?.close());

async function getApiToken(args: string[]) {
  const s = await scenario();
  const calls = mark(s.fc);
  const r = await s.run(['jupyterhub:get-api-token', ...args]);
  const all = calls();
  assertNotPassed(all, TOKEN, 'the user token');
  assert.not.ok(r.stderr.includes(TOKEN), 'the token on stderr');
  return { ...r, calls: all };
}

GetApiToken('running pod with the token → the token alone on stdout', async () => {
  const s = await scenario();
  setUserPods(s.fc, [
    { user: 'bob', env: { JUPYTERHUB_API_TOKEN: secret() } },
    { user: 'alice', env: { JUPYTERHUB_API_TOKEN: TOKEN, JUPYTERHUB_USER: 'alice' } },
  ]);
  const r = await getApiToken(['alice']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, `${TOKEN}\n`);
  assert.equal(argvs(r.calls), [GET_PODS, PRINTENV]);
});

GetApiToken('no pod → exit 1, says so and where to start one', async () => {
  const s = await scenario();
  setUserPods(s.fc, [{ user: 'bob', env: { JUPYTERHUB_API_TOKEN: secret() } }]);
  const r = await getApiToken(['alice']);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.match(r.stderr, `no server pod for user alice in ${NS}`);
  assert.match(r.stderr, `start a server at https://${HOST}/hub/home`);
  assert.equal(argvs(r.calls), [GET_PODS], 'no exec');
});

GetApiToken('Pending pod → exit 1 naming the pod and its phase, no exec', async () => {
  const s = await scenario();
  setUserPods(s.fc, [{ user: 'alice', phase: 'Pending', env: { JUPYTERHUB_API_TOKEN: TOKEN } }]);
  const r = await getApiToken(['alice']);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.match(r.stderr, 'the server pod of alice (jupyter-alice) is Pending, not Running');
  assert.match(r.stderr, `https://${HOST}/hub/home`);
  assert.equal(argvs(r.calls), [GET_PODS]);
});

GetApiToken('pod without JUPYTERHUB_API_TOKEN → exit 1 naming the variable', async () => {
  const s = await scenario();
  setUserPods(s.fc, [{ user: 'alice', env: { JUPYTERHUB_USER: 'alice' } }]);
  const r = await getApiToken(['alice']);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.match(r.stderr, 'no JUPYTERHUB_API_TOKEN in pod jupyter-alice');
  assert.equal(argvs(r.calls), [GET_PODS, PRINTENV]);
  assert.is(r.calls[1].exit, 1, 'printenv of a missing variable exits 1');
});

GetApiToken('bad or missing username → exit 2, no kubectl call', async () => {
  const s = await scenario();
  setUserPods(s.fc, [{ user: 'alice', env: { JUPYTERHUB_API_TOKEN: TOKEN } }]);
  for (const name of ['Alice', '../x', 'a,b', 'a=b']) {
    const r = await getApiToken([name]);
    assert.is(r.code, 2, `${name}: ${r.stderr}`);
    assert.is(r.stdout, '');
    // A NAME=value word is refused as such before the username is even looked at.
    assert.match(
      r.stderr,
      name === 'a=b'
        ? 'a is not a parameter of jupyterhub:get-api-token'
        : `invalid username "${name}"`,
    );
    assert.equal(r.calls, [], `${name}: no kubectl call (a label selector injection)`);
  }
  const r = await getApiToken([]);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, 'username');
  assert.equal(r.calls, []);
});

GetApiToken(
  'a username that cannot be a label value is found by the username annotation',
  async () => {
    const s = await scenario();
    const user = 'alice@example.com';
    setUserPods(s.fc, [{ user: 'bob', env: { JUPYTERHUB_API_TOKEN: secret() } }]);
    s.fc.update((st) => {
      // As KubeSpawner labels it: the label escaped, the annotation as the hub knows the user.
      const pod = withUserPod(st, NS, 'alice-40example-2ecom', {
        env: { JUPYTERHUB_API_TOKEN: TOKEN },
        name: 'jupyter-alice-40example-2ecom',
      });
      pod.metadata.annotations = { 'hub.jupyter.org/username': user };
    });
    const r = await getApiToken([user]);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, `${TOKEN}\n`);
    assert.equal(argvs(r.calls), [
      `kubectl get pods -n ${NS} -l app=jupyterhub,component=singleuser-server -o json`,
      `kubectl exec -n ${NS} jupyter-alice-40example-2ecom -- printenv JUPYTERHUB_API_TOKEN`,
    ]);
  },
);

GetApiToken.run();
