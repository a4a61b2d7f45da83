// The TOML reader: gomplate's documented example, Go's types for each value, multi-line
// strings, and the library's messages for documents it refuses (checked against the
// real gomplate in toml-url-tmpl-differential.test.ts).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from './helpers.js';

const toml = suite('toml-parse');

toml("gomplate's documented example", () => {
  assert.is(
    r('{{ $t := `[data]\nhello = "world"` }}Hello {{ (toml $t).data.hello }}'),
    'Hello world',
  );
});

toml('values get the Go types hairyhenderson/toml gives them', () => {
  assert.is(
    r(
      '{{ printf "%T %T %v" (toml "a = 0x1F").a (toml "b = 1.5").b (toml "c = 1979-05-27T07:32:00Z").c }}',
    ),
    'int64 float64 1979-05-27 07:32:00 +0000 UTC',
  );
  assert.is(
    r(
      '{{ $d := toml "[[p]]\\nn = 1\\n[[p]]\\nx = [1, \\"a\\"]\\ne = []" }}{{ printf "%T %#v %v" $d.p (index $d.p 1).e $d }}',
    ),
    '[]map[string]interface {} []interface {}(nil) map[p:[map[n:1] map[e:[] x:[1 a]]]]',
  );
  assert.is(
    r('{{ toml "d = 1979-05-27\\nt = 07:32:00.5\\nl = 1979-05-27T07:32:00" }}'),
    'map[d:1979-05-27 00:00:00 +0000 date-local l:1979-05-27 07:32:00 +0000 datetime-local t:0000-01-01 07:32:00.5 +0000 time-local]',
  );
});

toml('strings: escapes, line-ending backslashes, raw and multi-line forms', () => {
  assert.is(r('{{ (toml "d = \\"\\"\\"\\nx \\\\\\n  y\\"\\"\\"").d }}'), 'x y');
  assert.is(
    r(
      '{{ (toml "a = \'\\\\n\'\\nb = \\"\\\\u00e9\\\\t\\"").a }}|{{ (toml "b = \\"\\\\u00e9\\\\t\\"").b }}',
    ),
    '\\n|é\t',
  );
});

toml('refused documents: the library message with its line and last key', () => {
  assert.is(
    errMsg('{{ toml "[a]\\nx = 1\\n[a]" }}'),
    "error calling toml: unable to unmarshal object [a]\nx = 1\n[a]: Near line 3 (last key parsed ''): Key 'a' has already been defined.",
  );
  assert.is(
    errMsg('{{ toml "a = 1\\nb = [" }}'),
    "error calling toml: unable to unmarshal object a = 1\nb = [: Near line 2 (last key parsed 'b'): unexpected EOF; expected value",
  );
  assert.ok(
    errMsg('{{ toml "n = 01" }}').endsWith(`Invalid integer "01": cannot have leading zeroes`),
  );
});

toml.run();
