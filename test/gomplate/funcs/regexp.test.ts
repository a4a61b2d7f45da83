// gomplate's regexp namespace: what the RE2 translation refuses rather than guesses.
// Everything it accepts is compared with the real gomplate in funcs-differential.test.ts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from '../helpers.js';

const t = suite('funcs/regexp');

t('syntax whose JS meaning could differ is refused, naming the pattern', () => {
  for (const pattern of ['(?i)abc', '\\\\pL', '\\\\C', '\\\\Qa.b\\\\E', '\\\\1', '(?s).']) {
    const msg = errMsg(`{{ regexp.Match "${pattern}" "x" }}`);
    assert.match(msg, /is not supported by this engine/, pattern);
    assert.ok(msg.includes('`' + pattern.replace(/\\\\/g, '\\') + '`'), msg);
  }
});

t("Go's meaning of . and \\s is kept where JavaScript's differs", () => {
  assert.is(r('{{ regexp.FindAll "." "a\\rb\\u2028" | len }}'), '4');
  assert.is(
    r('{{ regexp.Match "\\\\s" "\\u00a0" }} {{ regexp.Match "\\\\s" "\\v" }}'),
    'false false',
  );
  assert.is(r('{{ regexp.Replace "x{" "y" "ax{" }} {{ regexp.Find "[]a]+" "b]a]" }}'), 'ay ]a]');
});

t.run();
