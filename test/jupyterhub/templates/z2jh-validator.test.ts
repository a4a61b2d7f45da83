// The schema check itself must be able to fail, and must merge like helm does.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mergeValues, parseHelmYaml, validateValues } from '../../support/z2jh.js';

const Validator = suite('z2jh validateValues');

Validator('an empty values file is valid (the chart defaults alone)', () => {
  assert.equal(validateValues('', '4.2.0'), { valid: true, errors: [] });
  assert.equal(validateValues('{}\n', '4.3.2'), { valid: true, errors: [] });
});

Validator('unknown keys and wrong types are rejected by both versions', () => {
  for (const v of ['4.2.0', '4.3.2'] as const) {
    const typo = validateValues('singleuser:\n  storgae:\n    type: static\n', v);
    assert.not.ok(typo.valid);
    assert.ok(typo.errors.some((e) => e.includes('/singleuser') && e.includes('storgae')), typo.errors.join('\n'));
    const str = validateValues('cull:\n  maxAge: "604800"\n', v);
    assert.not.ok(str.valid);
    assert.ok(str.errors.some((e) => e.startsWith('/cull/maxAge')), str.errors.join('\n'));
  }
});

Validator('hub.config keys must be capitalized since 4.3.2 only', () => {
  const yaml = 'hub:\n  config:\n    jupyterHub:\n      admin_access: false\n';
  assert.ok(validateValues(yaml, '4.2.0').valid);
  assert.not.ok(validateValues(yaml, '4.3.2').valid);
});

Validator('a user null removes a default key (so a required key can go missing)', () => {
  const result = validateValues('singleuser:\n  storage:\n    type: null\n', '4.2.0');
  assert.not.ok(result.valid);
  assert.ok(result.errors.some((e) => e.includes("'type'")), result.errors.join('\n'));
});

Validator('mergeValues: maps merge deeply, lists and scalars replace, null deletes', () => {
  const merged = mergeValues(
    { a: { b: 1, c: [1, 2], d: 'x' }, e: 1, keep: true },
    { a: { c: [3], d: null, f: 2 }, e: { now: 'map' }, extra: null },
  );
  assert.equal(merged, { a: { b: 1, c: [3], f: 2 }, e: { now: 'map' }, keep: true, extra: null });
});

Validator('YAML is read as YAML 1.1, like helm (0755 is octal)', () => {
  assert.equal(parseHelmYaml('mode: 0755\nother: 0644\n'), { mode: 493, other: 420 });
});

Validator.run();
