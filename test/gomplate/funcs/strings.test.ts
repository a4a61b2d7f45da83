// strings functions beyond the oracle's set (SplitN, Repeat, RuneCount) with Go's
// strings semantics, and gomplate's full Unicode case mapping (x/text cases: ß → SS,
// SEMANTICS §5), where the oracle's simpler mapping differs.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from '../helpers.js';

const strings = suite('funcs/strings');

strings('SplitN follows strings.SplitN (separator and count first)', () => {
  assert.is(
    r(
      '{{ strings.SplitN "," 2 "a,b,c" }}|{{ strings.SplitN "," -1 "a,b,c" }}|{{ len (strings.SplitN "," 0 "a,b") }}|{{ strings.SplitN "" 2 "abc" }}',
    ),
    '[a b,c]|[a b c]|0|[a bc]',
  );
});

strings('Repeat', () => {
  assert.is(
    r('{{ strings.Repeat 3 "ab" }}|{{ "x" | strings.Repeat 0 }}|{{ strings.Repeat 2 5 }}'),
    'ababab||55',
  );
  assert.is(errMsg('{{ strings.Repeat -1 "x" }}'), 'error calling Repeat: negative count -1');
});

strings('RuneCount counts code points of the joined arguments', () => {
  assert.is(r('{{ strings.RuneCount "héllo" }} {{ strings.RuneCount "a" "€" 1 }}'), '5 3');
});

strings('ToUpper/ToLower use full Unicode case mapping like gomplate', () => {
  assert.is(
    r('{{ strings.ToUpper "straße" }} {{ toUpper "ǆ" }} {{ toLower "ΑΣ" }}'),
    'STRASSE Ǆ ας',
  );
});

strings('Title, CamelCase and Slug refuse non-ASCII text instead of casing it differently', () => {
  for (const f of ['Title', 'CamelCase', 'Slug'])
    assert.is(
      errMsg(`{{ strings.${f} "été" }}`),
      `error calling ${f}: strings.${f} of non-ASCII text is not supported by this engine`,
    );
  // ASCII is compared with the real gomplate in funcs-differential.test.ts
  assert.is(r('{{ strings.Title "a.b a..b 1st" }}'), 'A.b A..B 1St');
});

strings.run();
