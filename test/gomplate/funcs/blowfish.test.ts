// The Blowfish cipher under bcrypt: its initial state is pi (checked against pi computed
// here), and with the plain key schedule it meets Eric Young's published test vectors.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PI_HEX } from '../../../tasks/gomplate/funcs/blowfish-pi.js';
import { Blowfish } from '../../../tasks/gomplate/funcs/blowfish.js';

const t = suite('funcs/blowfish');

/** The first `n` hexadecimal digits of pi's fractional part (Machin's formula). */
function piHex(n: number): string {
  const guard = 8;
  const one = 1n << BigInt(4 * (n + guard));
  const arctanInv = (x: bigint) => {
    let sum = 0n;
    let term = one / x;
    const x2 = x * x;
    for (let k = 1n; term !== 0n; k += 2n) {
      sum += (k & 2n ? -term : term) / k;
      term /= x2;
    }
    return sum;
  };
  const pi = 16n * arctanInv(5n) - 4n * arctanInv(239n);
  const frac = (pi % one) >> BigInt(4 * guard);
  return frac.toString(16).padStart(n, '0');
}

t('the P-array and S-boxes are the first 8,336 hexadecimal digits of pi', () => {
  assert.is(PI_HEX.length, 8 * (18 + 4 * 256));
  assert.is(PI_HEX, piHex(PI_HEX.length));
});

t('with the plain key schedule it encrypts as Blowfish (Eric Young test vectors)', () => {
  const vectors: [string, string, string][] = [
    ['0000000000000000', '0000000000000000', '4ef997456198dd78'],
    ['ffffffffffffffff', 'ffffffffffffffff', '51866fd5b85ecb8a'],
    ['3000000000000000', '1000000000000001', '7d856f9a613063f2'],
    ['0123456789abcdef', '1111111111111111', '61f9c3802281b096'],
    ['fedcba9876543210', '0123456789abcdef', '0aceab0fc6a0a28d'],
  ];
  for (const [key, plain, cipher] of vectors) {
    const c = new Blowfish();
    c.expand(Buffer.from(key, 'hex'));
    const block = Uint32Array.of(
      Number.parseInt(plain.slice(0, 8), 16),
      Number.parseInt(plain.slice(8), 16),
    );
    c.encrypt(block);
    const got = [...block].map((w) => w.toString(16).padStart(8, '0')).join('');
    assert.is(got, cipher, `key ${key}`);
  }
});

t.run();
