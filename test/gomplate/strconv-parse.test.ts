// Go's strconv number parsing. Expected values are the outputs printed in Go's strconv package
// documentation examples.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  NumError,
  parseFloat64,
  parseInt64,
  parseUint,
} from '../../tasks/gomplate/strconv-parse.js';

const strconv = suite('strconv-parse');

strconv('ParseInt/ParseUint with base prefixes, underscores and range errors', () => {
  assert.is(parseInt64('-354634382'), -354634382n);
  assert.is(parseInt64('0x1F'), 31n);
  assert.is(parseInt64('010'), 8n);
  assert.is(parseInt64('0b1_01'), 5n);
  assert.is(parseUint('18446744073709551615'), 18446744073709551615n);
  assert.throws(
    () => parseInt64('9223372036854775808'),
    (e: unknown) => e instanceof NumError && e.reason === 'value out of range',
  );
  assert.throws(
    () => parseInt64('08'),
    (e: unknown) => (e as Error).message === 'strconv.ParseInt: parsing "08": invalid syntax',
  );
  assert.throws(() => parseInt64('1__0'));
});

strconv('ParseFloat accepts Go float syntax only', () => {
  assert.is(parseFloat64('1_000.5'), 1000.5);
  assert.is(parseFloat64('0x1p-2'), 0.25);
  assert.is(parseFloat64('.5'), 0.5);
  assert.is(parseFloat64('Inf'), Infinity);
  assert.throws(
    () => parseFloat64('1e400'),
    (e: unknown) =>
      (e as Error).message === 'strconv.ParseFloat: parsing "1e400": value out of range',
  );
  assert.throws(() => parseFloat64('0b101'));
  assert.throws(() => parseFloat64(''));
});

strconv(
  'ParseUint/ParseInt in any base and bit size: a range error at the overflowing digit wins over a later bad one',
  () => {
    assert.is(parseUint('ff', 16, 8), 255n);
    assert.is(parseInt64('-80', 16, 8), -128n);
    assert.is(parseInt64('+7C0', 16, 32), 1984n);
    const msg = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    assert.is(
      msg(() => parseUint('300x', 10, 8)),
      'strconv.ParseUint: parsing "300x": value out of range',
    );
    assert.is(
      msg(() => parseInt64('300x', 10, 8)),
      'strconv.ParseInt: parsing "300x": value out of range',
    );
    assert.is(
      msg(() => parseUint('99999999999999999999x', 10, 64)),
      'strconv.ParseUint: parsing "99999999999999999999x": value out of range',
    );
    assert.is(
      msg(() => parseUint('2x', 10, 8)),
      'strconv.ParseUint: parsing "2x": invalid syntax',
    );
    assert.is(
      msg(() => parseInt64('-1', 1, 8)),
      'strconv.ParseInt: parsing "-1": invalid base 1',
    );
    assert.is(
      msg(() => parseInt64('1', 10, 65)),
      'strconv.ParseInt: parsing "1": invalid bit size 65',
    );
    assert.is(
      msg(() => parseInt64('x', 10, 0, 'Atoi')),
      'strconv.Atoi: parsing "x": invalid syntax',
    );
    assert.is(
      msg(() => parseInt64('1_0', 10)),
      'strconv.ParseInt: parsing "1_0": invalid syntax',
    );
  },
);

strconv.run();
