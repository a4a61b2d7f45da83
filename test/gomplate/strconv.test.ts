// Go's strconv pieces. Expected values are the outputs printed in Go's strconv package
// documentation examples and the Go spec's rules for literals.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  NumError,
  formatFloat,
  parseFloat64,
  parseInt64,
  parseUint,
  quote,
  quoteRune,
  unquote,
} from '../../tasks/gomplate/strconv.js';

const strconv = suite('strconv');

strconv('Quote and QuoteRune (Go doc examples)', () => {
  assert.is(quote('"Fran & Freddie\'s Diner\t☺"'), '"\\"Fran & Freddie\'s Diner\\t☺\\""');
  assert.is(quoteRune(0x263a), "'☺'");
  assert.is(quoteRune(0x27), "'\\''");
  assert.is(quote('\x00\u2028\uFEFF'), '"\\x00\\u2028\\ufeff"');
  assert.is(quote('\u{1F600}\u{E0001}'), '"😀\\U000e0001"');
});

strconv('Unquote: escapes, raw strings drop \\r, \\x bytes form UTF-8', () => {
  assert.is(unquote('"a\\tb\\u00e9\\101"'), 'a\tbéA');
  assert.is(unquote('"\\xc3\\xa9"'), 'é');
  assert.is(unquote('`a\r\nb`'), 'a\nb');
  assert.throws(() => unquote('"\\q"'));
  assert.throws(() => unquote("'\\\"'".replace(/'/g, '"') + 'x'));
});

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

strconv('FormatFloat (Go doc example and %v rules)', () => {
  assert.is(formatFloat(3.1415926535, 'E', -1), '3.1415926535E+00');
  assert.is(formatFloat(1e6, 'g', -1), '1e+06');
  assert.is(formatFloat(123456, 'g', -1), '123456');
  assert.is(formatFloat(0.0001, 'g', -1), '0.0001');
  assert.is(formatFloat(0.00001, 'g', -1), '1e-05');
  assert.is(formatFloat(2.5, 'f', 0), '2');
  assert.is(formatFloat(3.5, 'e', 0), '4e+00');
  assert.is(formatFloat(-0, 'g', -1), '-0');
  assert.is(formatFloat(NaN, 'g', -1), 'NaN');
});

strconv.run();
