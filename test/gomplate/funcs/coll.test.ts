// coll functions the oracle lacks: Slice, Keys, Values, Append, Prepend, Reverse — the
// values are compared by how Go prints them (lists as [a b], maps as map[k:v]).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { r } from '../helpers.js';

const coll = suite('funcs/coll');

coll('Slice builds a []interface {} of its arguments', () => {
  assert.is(
    r('{{ coll.Slice 1 "a" nil 1.5 }} {{ printf "%T" (coll.Slice) }} {{ len (coll.Slice) }}'),
    '[1 a <nil> 1.5] []interface {} 0',
  );
  assert.is(r('{{ range coll.Slice "x" "y" }}{{ . }};{{ end }}'), 'x;y;');
});

coll('Keys and Values are in sorted key order', () => {
  assert.is(
    r(
      '{{ keys (dict "b" 1 "a" 2) }} {{ values (dict "b" 1 "a" 2) }} {{ coll.Keys (dict "z" 1) (dict "y" 2) }}',
    ),
    '[a b] [2 1] [z y]',
  );
});

coll('Append, Prepend, Reverse return new lists', () => {
  assert.is(
    r(
      '{{ $l := coll.Slice 1 2 }}{{ coll.Append 3 $l }} {{ coll.Prepend 0 $l }} {{ coll.Reverse $l }} {{ $l }}',
    ),
    '[1 2 3] [0 1 2] [2 1] [1 2]',
  );
});

coll('Has on lists compares elements with the string key', () => {
  assert.is(
    r('{{ coll.Has (coll.Slice "a" 1) "a" }} {{ coll.Has (coll.Slice "a" 1) "1" }}'),
    'true false',
  );
});

coll.run();
