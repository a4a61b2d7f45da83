// gomplate's uuid namespace: V1's time field and Parse. IsValid, Nil and
// the shapes of V1/V4 are compared with the real gomplate in funcs-differential.test.ts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from '../helpers.js';

const t = suite('funcs/uuid');

t('uuid.V1 carries the current time in 100 ns steps since 1582-10-15', () => {
  const u = r('{{ uuid.V1 }}');
  const ticks = BigInt('0x' + u.slice(15, 18) + u.slice(9, 13) + u.slice(0, 8));
  const ms = Number((ticks - 122192928000000000n) / 10000n);
  assert.ok(Math.abs(ms - Date.now()) < 5000, u);
  assert.ok((parseInt(u.slice(24, 26), 16) & 1) === 1, 'a random node has the multicast bit');
});

t('uuid.Parse: a uuid.UUID printed canonically, with its methods (documented example)', () => {
  assert.is(
    r('{{ $u := uuid.Parse uuid.Nil }}{{ $u.Version }}, {{ $u.Variant}}'),
    'VERSION_0, Reserved',
  );
  assert.is(
    r(
      '{{ uuid.Parse "{6BA7B810-9DAD-11D1-80B4-00C04FD430C8}" }} {{ (uuid.Parse "6ba7b8109dad11d180b400c04fd430c8").URN }}',
    ),
    '6ba7b810-9dad-11d1-80b4-00c04fd430c8 urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  );
  assert.is(errMsg('{{ uuid.Parse "x" }}'), 'error calling Parse: invalid UUID length: 1');
});

t.run();
