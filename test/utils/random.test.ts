import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { randomPassword } from '../../tasks/utils/random.js';

// randomPassword: alphanumeric only, the length asked, and no character favoured.
const test = suite('utils random password: alphabet and distribution');
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

test('the length asked, default 48, alphanumeric only', () => {
  assert.match(randomPassword(), /^[A-Za-z0-9]{48}$/);
  for (const n of [1, 7, 62, 300, 4096])
    assert.match(randomPassword(n), new RegExp(`^[A-Za-z0-9]{${n}}$`));
});

test('distribution: all 62 characters, each about equally often (chi-square), no repeats', () => {
  const samples = Array.from({ length: 3000 }, () => randomPassword(48));
  assert.is(new Set(samples).size, samples.length, 'no two passwords alike');
  const counts = new Map<string, number>();
  for (const s of samples) for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  assert.equal([...counts.keys()].sort(), [...ALPHABET].sort());
  const total = samples.length * 48;
  const expected = total / ALPHABET.length;
  const chi2 = [...counts.values()].reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
  // 61 degrees of freedom: mean 61, sd 11; 130 is beyond p = 1e-6. A modulo bias
  // (byte % 62 without rejection) gives 8 characters 25% more and a chi-square in the thousands.
  assert.ok(chi2 < 130, `chi-square ${chi2.toFixed(1)}`);
  // Position matters too: the first character is as random as the rest.
  const first = new Set(samples.map((s) => s[0]));
  assert.is(first.size, 62);
});

test.run();
