// gomplate's random namespace: character sets and bounds, and the test-only seed.
// Errors and output shapes are compared with the real gomplate in
// funcs-differential.test.ts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { render } from '../../../tasks/gomplate/index.js';
import { r } from '../helpers.js';

const t = suite('funcs/random');

t('each function draws only from its character set or range', () => {
  assert.match(r('{{ random.ASCII 200 }}'), /^[ -~]{200}$/);
  assert.match(r('{{ random.Alpha 200 }}'), /^[A-Za-z]{200}$/);
  assert.match(r('{{ random.AlphaNum 200 }}'), /^[A-Za-z0-9]{200}$/);
  assert.match(r('{{ random.String 200 }}'), /^[-.0-9A-Z_a-z]{200}$/);
  assert.match(r('{{ random.String 50 "[b-d]" }}'), /^[b-d]{50}$/);
  assert.match(
    r('{{ random.String 50 "x" "z" }} {{ random.String 9 65 67 }}'),
    /^[x-z]{50} [A-C]{9}$/,
  );
  assert.match(r('{{ random.String 4 "0x3b1" "0x3b3" }}'), /^[α-γ]{4}$/u);
  for (let i = 0; i < 50; i++) {
    const [n, f, item] = r(
      '{{ random.Number 3 5 }} {{ random.Float 2 3 }} {{ random.Item (coll.Slice "p" "q") }}',
    ).split(' ');
    assert.ok(Number(n) >= 3 && Number(n) <= 5 && /^\d+$/.test(n!), n);
    assert.ok(Number(f) >= 2 && Number(f) < 3, f);
    assert.ok(item === 'p' || item === 'q', item);
  }
});

t('randomSeed (tests only; gomplate has none) makes a render repeat', () => {
  const tpl = '{{ random.AlphaNum 16 }} {{ random.Number 0 1000000 }} {{ random.Float }}';
  const a = render(tpl, { randomSeed: 42 });
  assert.is(render(tpl, { randomSeed: 42 }), a);
  assert.is.not(render(tpl, { randomSeed: 43 }), a);
  assert.is.not(render(tpl), render(tpl));
});

t.run();
