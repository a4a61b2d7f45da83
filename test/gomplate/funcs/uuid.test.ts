// gomplate's uuid namespace: V1's time field and the refusal of Parse. IsValid, Nil and
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

t('uuid.Parse is refused: its uuid.UUID value is not modelled', () => {
  assert.is(
    errMsg('{{ uuid.Parse "6ba7b810-9dad-11d1-80b4-00c04fd430c8" }}'),
    'error calling Parse: gomplate function "uuid.Parse" is not supported by this engine',
  );
});

t.run();
