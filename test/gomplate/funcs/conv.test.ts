// conv functions the oracle does not implement: ToBool and ToFloat64, following
// gomplate's conv package (true for 1, "1", "t", "true", "yes" in any case, and strings
// or numbers equal to 1).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from '../helpers.js';

const conv = suite('funcs/conv');

conv('ToBool', () => {
  assert.is(
    r(
      '{{ conv.ToBool "yes" }} {{ conv.ToBool "TRUE" }} {{ conv.ToBool "t" }} {{ conv.ToBool "1" }} {{ conv.ToBool "1.0" }} {{ conv.ToBool "0x1" }}',
    ),
    'true true true true true true',
  );
  assert.is(
    r(
      '{{ conv.ToBool "no" }} {{ conv.ToBool "" }} {{ conv.ToBool "on" }} {{ conv.ToBool 2 }} {{ conv.ToBool nil }} {{ conv.ToBool 0.5 }}',
    ),
    'false false false false false false',
  );
  assert.is(
    r('{{ conv.ToBool 1 }} {{ conv.ToBool 1.0 }} {{ conv.ToBool true }}'),
    'true true true',
  );
});

conv('ToFloat64', () => {
  assert.is(
    r(
      '{{ conv.ToFloat64 "1.5" }} {{ conv.ToFloat64 "010" }} {{ conv.ToFloat64 "1,000.5" }} {{ conv.ToFloat64 2 }} {{ conv.ToFloat64 "x" }}',
    ),
    '1.5 8 1000.5 2 0',
  );
  assert.is(r('{{ printf "%T" (conv.ToFloat64 2) }}'), 'float64');
});

conv(
  'ParseUint/ParseInt/Atoi: a range error at the overflowing digit wins over a later bad digit (gomplate v4.3.3)',
  () => {
    const err = (t: string) => errMsg(t).replace(/^error calling \w+: /, '');
    assert.is(
      err('{{ conv.ParseUint "300x" 10 8 }}'),
      'strconv.ParseUint: parsing "300x": value out of range',
    );
    assert.is(
      err('{{ conv.ParseInt "300x" 10 8 }}'),
      'strconv.ParseInt: parsing "300x": value out of range',
    );
    assert.is(
      err('{{ conv.ParseUint "0x_fffffffffffffffffff__" 0 64 }}'),
      'strconv.ParseUint: parsing "0x_fffffffffffffffffff__": value out of range',
    );
    assert.is(err('{{ conv.Atoi "2x" }}'), 'strconv.Atoi: parsing "2x": invalid syntax');
    assert.is(r('{{ conv.ParseInt "-80" 16 8 }} {{ conv.ParseUint "ff" 16 8 }}'), '-128 255');
  },
);

conv.run();
