// The JSONPath parser's trees for client-go's quirks (the differential test in
// jsonpath.test.ts checks what they evaluate to against the real gomplate).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  JsonPathSyntaxError,
  type ListNode,
  parseJsonPath,
} from '../../../tasks/gomplate/funcs/jsonpath-parse.js';

const t = suite('funcs/jsonpath-parse');

const action = (expr: string) => (parseJsonPath(`{${expr}}`).nodes[0] as ListNode).nodes;

t('fields, wildcard, recursion and `$`/`@` (which parse to nothing)', () => {
  assert.equal(action('$.a.*..b'), [
    { t: 'field', name: 'a' },
    { t: 'wildcard' },
    { t: 'recursive' },
    { t: 'field', name: 'b' },
  ]);
  assert.equal(action('@.a\\.b'), [{ t: 'field', name: 'a.b' }]);
});

t("['a.b'] is the path .a.b (the key is re-parsed as fields)", () => {
  assert.equal(action("['a.b']"), [
    { t: 'field', name: 'a' },
    { t: 'field', name: 'b' },
  ]);
});

t('[i] is the slice i:i+1 marked derived; [] is [0]; [*] is [:]', () => {
  const p = (value: bigint, known: boolean, derived = false) => ({ value, known, derived });
  assert.equal(action('[-1]'), [
    { t: 'array', params: [p(-1n, true), p(0n, true, true), p(0n, false)] },
  ]);
  assert.equal(action('[]'), [
    { t: 'array', params: [p(0n, false), p(1n, true, true), p(0n, false)] },
  ]);
  assert.equal(action('[*]'), [{ t: 'array', params: [p(0n, false), p(0n, false), p(0n, false)] }]);
  assert.equal(action('[1::2]'), [
    { t: 'array', params: [p(1n, true), p(0n, false), p(2n, true)] },
  ]);
});

t('filters split at the first run of comparison characters; quoted text unquotes', () => {
  assert.equal(action('[?(@.x >= "a\\"b")]'), [
    {
      t: 'filter',
      left: { t: 'list', nodes: [{ t: 'field', name: 'x' }] },
      right: { t: 'list', nodes: [{ t: 'text', text: 'a"b' }] },
      op: '>=',
    },
  ]);
  assert.equal(action('[?(@.x)]'), [
    {
      t: 'filter',
      left: { t: 'list', nodes: [{ t: 'field', name: 'x' }] },
      right: { t: 'list', nodes: [] },
      op: 'exists',
    },
  ]);
});

t('numbers: ints, floats past int64, booleans and identifiers', () => {
  assert.equal(action('1 -2.5 99999999999999999999 true range'), [
    { t: 'int', value: 1n },
    { t: 'float', value: -2.5 },
    { t: 'float', value: 1e20 },
    { t: 'bool', value: true },
    { t: 'ident', name: 'range' },
  ]);
});

t("syntax errors carry client-go's texts", () => {
  const err = (expr: string) => {
    try {
      parseJsonPath(`{${expr}}`);
    } catch (e) {
      assert.instance(e, JsonPathSyntaxError);
      return (e as Error).message;
    }
    return 'no error';
  };
  assert.is(err('..*'), "unrecognized character in action: U+002A '*'");
  assert.is(err('\t'), 'unrecognized character in action: U+0009');
  assert.is(err('[1'), 'unterminated array');
  assert.is(err('[x]'), 'invalid array index x');
  assert.is(err('....a'), 'invalid multiple recursive descent');
  assert.is(err('1.2.3'), 'cannot parse number 1.2.3');
  assert.is(err('"a\\q"'), 'unquote string "a\\q" error invalid syntax');
  assert.is(err('[?(@.a)'), 'unclosed array expect ]');
  assert.is(err('.a\n'), 'unclosed action');
});

t.run();
