// A fresh install on each chart version we support, from the local chart repository.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { getObject, releases, tasks } from '../support/stack.js';
import { fullInstall, NS } from './fixture.js';

const test = suite('stack: chart versions');

for (const version of ['4.2.0', '4.3.2']) {
  test(`chart ${version}: fresh install gives hub and proxy Ready; uninstall --purge clears it`, async () => {
    const vars = fullInstall({ JUPYTERHUB_CHART_VERSION: version });
    const r = await tasks(['jupyterhub:install', '--yes'], vars);
    assert.is(r.code, 0, r.stderr);
    const rel = releases().find((x) => x.name === 'jupyterhub' && x.namespace === NS);
    assert.is(rel?.chart, `jupyterhub-${version}`);
    for (const name of ['hub', 'proxy'])
      assert.is(getObject('deployment', name, NS)?.status?.readyReplicas, 1, name);
    const u = await tasks(['jupyterhub:uninstall', '--purge', '--yes'], vars);
    assert.is(u.code, 0, u.stderr);
    assert.not.ok(releases().some((x) => x.name === 'jupyterhub'));
  });
}

test.run();
