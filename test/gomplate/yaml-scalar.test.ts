// go-yaml v3 typing of plain scalars, the table of SEMANTICS.md §6 (oracle-checked).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { printV } from '../../tasks/gomplate/fmt.js';
import { typeName } from '../../tasks/gomplate/values.js';
import { resolvePlain } from '../../tasks/gomplate/yaml-scalar.js';

const show = (s: string) => {
  const v = resolvePlain(s);
  return v === null ? 'nil' : `${typeName(v)}:${printV(v)}`;
};

const ys = suite('yaml-scalar');

ys('nulls and booleans', () => {
  for (const s of ['', '~', 'null', 'Null', 'NULL']) assert.is(show(s), 'nil', s);
  assert.equal(['true', 'True', 'TRUE', 'false', 'FALSE'].map(show), [
    'bool:true',
    'bool:true',
    'bool:true',
    'bool:false',
    'bool:false',
  ]);
  assert.equal(['yes', 'on', 'y', 'off'].map(show), [
    'string:yes',
    'string:on',
    'string:y',
    'string:off',
  ]);
});

ys('integers: YAML 1.1 octal, base prefixes, underscores, uint64 beyond int64', () => {
  assert.equal(
    ['017', '0o17', '0x1F', '0b11', '1_000', '-42', '+12', '18446744073709551615'].map(show),
    [
      'int:15',
      'int:15',
      'int:31',
      'int:3',
      'int:1000',
      'int:-42',
      'int:12',
      'uint64:18446744073709551615',
    ],
  );
});

ys('floats: 09, exponents, .5, .inf/.nan; too-large ints become floats', () => {
  assert.equal(
    ['09', '0.90', '1e6', '.5', '.inf', '-.Inf', '.NaN', '123456789012345678901'].map(show),
    [
      'float64:9',
      'float64:0.9',
      'float64:1e+06',
      'float64:0.5',
      'float64:+Inf',
      'float64:-Inf',
      'float64:NaN',
      'float64:1.2345678901234568e+20',
    ],
  );
});

ys('timestamps and look-alikes', () => {
  assert.is(show('2001-12-14'), 'time.Time:2001-12-14 00:00:00 +0000 UTC');
  assert.is(show('2001-12-14T21:59:43.10-05:00'), 'time.Time:2001-12-14 21:59:43.1 -0500 -0500');
  assert.is(show('2001-12-14 21:59:43.10'), 'time.Time:2001-12-14 21:59:43.1 +0000 UTC');
  assert.equal(['2001-02-30', '1.2.3', '10.0.0.1', 'a:b', '12:30'].map(show), [
    'string:2001-02-30',
    'string:1.2.3',
    'string:10.0.0.1',
    'string:a:b',
    'string:12:30',
  ]);
});

ys.run();
