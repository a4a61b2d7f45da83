// Issue 16: every new feature is off by default, and off means today's values byte for
// byte. values-before-16.json holds the sha256 of jupyterhub-values.yaml as the template
// rendered each combination before issue 16 (commit 7147f61); a change to the values with
// the features off must be deliberate, and then recorded there. One has been since:
// extraConfig `crypt-keys` (issue 14, the hub reads our crypt keys), in every combination;
// without it each rendering is still the recorded one.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { projectRoot } from '../../../tasks/core/paths.js';
import { COMBOS } from './combos.js';
import { renderValues } from './render.js';

const test = suite('jupyterhub values: the new features off = the values before them, byte for byte');

const before: Record<string, string> = JSON.parse(
  readFileSync(join(projectRoot, 'test', 'jupyterhub', 'templates', 'values-before-16.json'), 'utf8'),
);

test('every combination has its recorded digest', () => {
  assert.equal(Object.keys(before).sort(), COMBOS.map((c) => c.name).sort());
});

/** The values without the `crypt-keys` snippet (its key line and the lines indented under it). */
function withoutCryptKeys(yaml: string): string {
  const lines = yaml.split('\n');
  const at = lines.indexOf('    crypt-keys: |');
  assert.ok(at > 0, 'the crypt-keys snippet is in the values');
  let end = at + 1;
  while (end < lines.length && (lines[end] === '' || lines[end]!.startsWith('      '))) end++;
  return [...lines.slice(0, at), ...lines.slice(end)].join('\n');
}

for (const combo of COMBOS)
  test(combo.name, () => {
    const yaml = withoutCryptKeys(renderValues(combo.env).yaml);
    const digest = createHash('sha256').update(yaml).digest('hex');
    assert.is(digest, before[combo.name]);
  });

test.run();
