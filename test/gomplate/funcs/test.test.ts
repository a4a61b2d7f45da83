// gomplate's test namespace. Not implemented by the oracle; expectations follow
// gomplate's test package (Required/Fail/Assert) and funcs/test.go as read from source.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from '../helpers.js';

const t = suite('funcs/test');

t('required passes non-empty values through with their type', () => {
  assert.is(
    r(
      '{{ required "v" }} {{ required "msg" 0 }} {{ required "m" false }} {{ printf "%T" (required 1.5) }}',
    ),
    'v 0 false float64',
  );
  assert.is(r('{{ .Env.X | required "X must be set" }}', { env: { X: 'set' } }), 'set');
});

t('required fails on nil and the empty string', () => {
  assert.is(
    errMsg('{{ required "" }}'),
    'error calling required: can not render template: a required value was not set',
  );
  assert.is(errMsg('{{ required "X is required" "" }}'), 'error calling required: X is required');
  assert.is(
    errMsg('{{ required "need d.none" (datasource "d").none }}', { datasources: {} }).startsWith(
      'error calling datasource',
    ),
    true,
  );
  assert.is(
    errMsg('{{ required nil }}'),
    'error calling required: can not render template: a required value was not set',
  );
  assert.is(
    errMsg('{{ required 1 2 }}'),
    'error calling required: at <1>: expected string; found int',
  );
  assert.is(
    errMsg('{{ required 1 2 3 }}'),
    'error calling required: wrong number of args: want 1 or 2, got 3',
  );
});

t('fail and assert', () => {
  assert.is(errMsg('{{ fail }}'), 'error calling fail: template generation failed');
  assert.is(errMsg('{{ fail "boom" }}'), 'error calling fail: template generation failed: boom');
  assert.is(r('[{{ assert true }}][{{ assert "ok" (eq 1 1) }}]'), '[][]');
  assert.is(errMsg('{{ assert "must" false }}'), 'error calling assert: assertion failed: must');
  assert.is(errMsg('{{ assert 0 }}'), 'error calling assert: assertion failed');
});

t('ternary, kind, isKind', () => {
  assert.is(
    r('{{ ternary "y" "n" true }} {{ ternary "y" "n" "no" }} {{ true | ternary 1 2 }}'),
    'y n 1',
  );
  assert.is(
    r(
      '{{ kind "s" }} {{ kind 1 }} {{ kind 1.5 }} {{ kind (dict) }} {{ kind (coll.Slice) }} {{ kind nil }}',
    ),
    'string int float64 map slice invalid',
  );
  assert.is(
    r('{{ isKind "number" 1.5 }} {{ isKind "number" "1" }} {{ isKind "map" (dict) }}'),
    'true false true',
  );
});

t.run();
