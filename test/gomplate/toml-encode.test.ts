// The TOML writer: BurntSushi 0.4's layout (plain keys first, then tables, each sorted;
// two-space indentation per level; quoted keys and strings) and its errors.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from './helpers.js';

const enc = suite('toml-encode');

enc("gomplate's documented example", () => {
  assert.is(r('{{ `{"foo":"bar"}` | data.JSON | data.ToTOML }}'), 'foo = "bar"\n');
});

enc('plain keys, then tables and arrays of tables, indented by level', () => {
  assert.is(
    r(
      '{{ toTOML (dict "b" 1 "a" (dict "x" "y z") "l" (coll.Slice (dict "k" 1)) "f" 2.0 "q" "é\\"") }}',
    ),
    'b = 1\nf = 2.0\nq = "é\\""\n\n[a]\n  x = "y z"\n\n[[l]]\n  k = 1\n',
  );
  assert.is(
    r(
      '{{ toTOML (dict "a" (dict "b" (dict "c" 1)) "k y" (coll.Slice (dict "i" (dict "n" 1)) 2)) }}',
    ),
    'ERR: template: <arg>:1:3: executing "<arg>" at <toTOML (dict "a" (dict "b" (dict "c" 1)) "k y" (coll.Slice (dict "i" (dict "n" 1)) 2))>: error calling toTOML: eTable: unhandled reflect.Value Kind: int',
  );
  assert.is(
    r('{{ toTOML (dict "a" (dict "b" (dict "c" 1)) "t" (coll.Slice (dict "i" (dict "n" nil)))) }}'),
    '[a]\n  [a.b]\n    c = 1\n\n[[t]]\n  [t.i]\n',
  );
});

enc('errors: top-level values, nil array elements', () => {
  assert.is(
    errMsg('{{ toTOML 1 }}'),
    'error calling toTOML: unable to marshal %!s(int=1): toml: top-level values must be Go maps or structs',
  );
  assert.is(
    errMsg('{{ toTOML (dict "a" (coll.Slice 1 nil)) }}'),
    'error calling toTOML: unable to marshal map[a:[%!s(int=1) <nil>]]: toml: cannot encode array with nil element',
  );
  assert.is(
    errMsg('{{ toTOML nil }}'),
    'error calling toTOML: reflect: call of reflect.Value.Interface on zero Value',
  );
});

enc.run();
