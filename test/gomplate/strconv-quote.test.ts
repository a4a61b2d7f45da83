// Go's strconv quoting. Expected values are the outputs printed in Go's strconv package
// documentation examples and the Go spec's rules for literals.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { quote, quoteRune, unquote } from '../../tasks/gomplate/strconv-quote.js';

const strconv = suite('strconv-quote');

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

strconv.run();
