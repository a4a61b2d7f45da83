// Go's strconv float formatting. Expected values are the outputs printed in Go's strconv package
// documentation examples.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFloat } from '../../tasks/gomplate/strconv-format.js';

const strconv = suite('strconv-format');

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
