// Every switch combination renders values that helm accepts for both chart versions.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHART_VERSIONS, parseHelmYaml, validateValues } from '../../support/z2jh.js';
import { COMBOS, FEATURE_COMBOS } from './combos.js';
import { renderValues } from './render.js';

const Schema = suite('jupyterhub values: Z2JH values schema');

Schema('there are at least 16 combinations', () => {
  assert.ok(COMBOS.length >= 16, `only ${COMBOS.length}`);
});

for (const combo of [...COMBOS, ...FEATURE_COMBOS]) {
  Schema(`${combo.name}: valid for chart ${CHART_VERSIONS.join(' and ')}`, () => {
    const { yaml } = renderValues(combo.env);
    // Duplicate keys or broken indentation would throw here.
    const doc = parseHelmYaml(yaml);
    assert.type(doc, 'object');
    for (const version of CHART_VERSIONS) {
      const result = validateValues(yaml, version);
      assert.ok(result.valid, `${combo.name} @ ${version}:\n${result.errors.join('\n')}`);
    }
  });
}

Schema.run();
