// Go strings as bytes: UTF-8 lengths, invalid bytes kept through round trips, bytewise
// ordering (which differs from JS's UTF-16 order above U+FFFF).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  byteLength,
  compareGo,
  fromBytes,
  isPrint,
  toBytes,
} from '../../tasks/gomplate/gostring.js';

const gs = suite('gostring');

gs('byte lengths', () => {
  assert.is(byteLength('héllo'), 6);
  assert.is(byteLength('€'), 3);
  assert.is(byteLength('😀'), 4);
});

gs('invalid UTF-8 survives a bytes → string → bytes round trip', () => {
  const raw = Uint8Array.from([0x61, 0xff, 0xc3, 0xa9, 0xe2, 0x82, 0x62]);
  const s = fromBytes(raw);
  assert.is(byteLength(s), raw.length);
  assert.equal([...toBytes(s)], [...raw]);
});

gs('bytewise order', () => {
  assert.is(compareGo('\uffff', '😀'), -1); // JS's < says the opposite
  assert.is(compareGo('a', 'b'), -1);
  assert.is(compareGo('b', 'a'), 1);
  assert.is(compareGo('x', 'x'), 0);
});

gs('unicode.IsPrint', () => {
  assert.ok(isPrint(0x20) && isPrint(0xe9) && isPrint(0x1f600));
  assert.not.ok(isPrint(0x7f) || isPrint(0xa0) || isPrint(0x2028) || isPrint(0x200b));
});

gs.run();
