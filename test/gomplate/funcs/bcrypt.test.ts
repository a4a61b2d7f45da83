// crypto.Bcrypt: the OpenBSD/jBCrypt test vectors, our random-salted hashes checked by
// golang.org/x/crypto/bcrypt (the package gomplate calls; built by install-bcrypt-check.sh),
// the real gomplate's hashes recomputed from their salt, and gomplate's errors to the byte.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bcryptRaw, decode64, encode64 } from '../../../tasks/gomplate/funcs/bcrypt.js';
import { toBytes } from '../../../tasks/gomplate/gostring.js';
import { ensureGomplate, renderBatch } from '../gomplate.js';
import { r } from '../helpers.js';

const t = suite('funcs/bcrypt');

/** Path of bcrypt-check; throws (never skips) when it is missing. */
function ensureBcryptCheck(): string {
  const cache = process.env.BUUN_TOOLS_CACHE ?? join(homedir(), '.cache', 'buun-stack-tasks');
  const bin = join(cache, 'bcrypt-check-x-crypto-v0.40.0', 'bcrypt-check');
  if (!existsSync(bin))
    throw new Error(`${bin} not found; build it with: bash test/gomplate/install-bcrypt-check.sh`);
  return bin;
}

/** golang.org/x/crypto/bcrypt's verdict on each [password bytes, hash]: "ok <cost>" or its error. */
function goVerify(pairs: [Uint8Array, string][]): string[] {
  const input = pairs.map(([pw, h]) => `${Buffer.from(pw).toString('base64')} ${h}\n`).join('');
  const out = execFileSync(ensureBcryptCheck(), [], { input, encoding: 'utf8', timeout: 60_000 });
  return out.trimEnd().split('\n');
}

const SHAPE = /^\$2a\$(\d\d)\$[./A-Za-z0-9]{53}$/;

t('OpenBSD/jBCrypt test vectors: the hash of each password under its salt', () => {
  const vectors: [string, string][] = [
    ['', '$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.'],
    ['a', '$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe'],
    ['abc', '$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i'],
    ['abcdefghijklmnopqrstuvwxyz', '$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC'],
    [
      '~!@#$%^&*()      ~!@#$%^&*()PNBFRD',
      '$2a$06$fPIsBO8qRqkjj273rfaOI.HtSV9jLDpTbZn782DC6/t7qT67P6FfO',
    ],
    ['', '$2a$08$HqWuK6/Ng6sg9gQzbLrgb.Tl.ZHfXLhvt/SgVyWhQqgqcZ7ZuUtye'],
    ['abc', '$2a$10$WvvTPHKwdBJ3uk0Z37EMR.hLA2W6N9AEBhEgrAOljy2Ae5MtaSIUi'],
  ];
  for (const [pw, hash] of vectors) {
    const salt = decode64(hash.slice(7, 29));
    const cost = Number(hash.slice(4, 6));
    const got = hash.slice(0, 29) + encode64(bcryptRaw(toBytes(pw), cost, salt));
    assert.is(got, hash, JSON.stringify(pw));
  }
});

t('bcrypt base64 round-trips 16-byte salts to 22 characters', () => {
  const salt = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
  const text = encode64(salt);
  assert.is(text.length, 22);
  assert.equal([...decode64(text)], [...salt]);
});

t(
  'crypto.Bcrypt hashes verify with golang.org/x/crypto/bcrypt, at the cost gomplate writes',
  () => {
    const cases: [string, string, number][] = [
      ['{{ crypto.Bcrypt "foo" }}', 'foo', 10],
      ['{{ "foo" | crypto.Bcrypt }}', 'foo', 10],
      ['{{ crypto.Bcrypt 4 "foo" }}', 'foo', 4],
      ['{{ "foo" | crypto.Bcrypt 5 }}', 'foo', 5],
      ['{{ crypto.Bcrypt 3 "x" }}', 'x', 10],
      ['{{ crypto.Bcrypt -1 "x" }}', 'x', 10],
      ['{{ crypto.Bcrypt "4.9" "x" }}', 'x', 4],
      ['{{ crypto.Bcrypt 4.9 nil }}', 'nil', 4],
      ['{{ crypto.Bcrypt true "" }}', '', 10],
      ['{{ crypto.Bcrypt 4 42 }}', '42', 4],
      ['{{ crypto.Bcrypt 4 "pässwörd 日本" }}', 'pässwörd 日本', 4],
      ['{{ crypto.Bcrypt 4 (strings.Repeat 72 "a") }}', 'a'.repeat(72), 4],
    ];
    const hashes = cases.map(([tpl]) => r(tpl));
    hashes.forEach((h, i) => {
      const m = SHAPE.exec(h);
      assert.ok(m, `${cases[i]![0]} → ${h}`);
      assert.is(Number(m![1]), cases[i]![2], cases[i]![0]);
    });
    const verdicts = goVerify(hashes.map((h, i) => [toBytes(cases[i]![1]), h]));
    assert.equal(
      verdicts,
      cases.map((c) => `ok ${c[2]}`),
    );
    // and a wrong password is refused, so the check can fail
    assert.equal(goVerify([[toBytes('fob'), hashes[0]!]]), [
      'crypto/bcrypt: hashedPassword is not the hash of the given password',
    ]);
  },
);

t('the salt is random: two hashes of one password differ', () => {
  assert.is.not(r('{{ crypto.Bcrypt 4 "foo" }}'), r('{{ crypto.Bcrypt 4 "foo" }}'));
});

t(
  "the real gomplate's hashes are recomputed exactly from their salt; errors are its own",
  async () => {
    const templates = [
      '{{ crypto.Bcrypt 4 "foo" }}',
      '{{ "foo" | crypto.Bcrypt 5 }}',
      '{{ crypto.Bcrypt 4 "pässwörd 日本" }}',
      '{{ crypto.Bcrypt 4 (strings.Repeat 72 "z") }}',
    ];
    const passwords = ['foo', 'foo', 'pässwörd 日本', 'z'.repeat(72)];
    const failing = [
      '{{ crypto.Bcrypt 32 "x" }}',
      '{{ crypto.Bcrypt "x" "y" }}',
      '{{ crypto.Bcrypt }}',
      '{{ crypto.Bcrypt 1 2 3 }}',
      '{{ crypto.Bcrypt 4 (strings.Repeat 73 "a") }}',
      '{{ crypto.Bcrypt 40 (strings.Repeat 73 "a") }}',
      '{{ crypto.Bcrypt nil nil }}',
      '{{ crypto.Bcrypt (coll.Slice) "x" }}',
    ];
    const dir = mkdtempSync(join(tmpdir(), 'gomplate-bcrypt-'));
    try {
      const all = [...templates, ...failing];
      const { names, results } = await renderBatch(ensureGomplate(), all, dir, {}, [], 100, 1);
      templates.forEach((tpl, i) => {
        const real = results[i]!.output.toString();
        assert.is(results[i]!.error, null, tpl);
        assert.match(real, SHAPE);
        const ours =
          real.slice(0, 29) +
          encode64(
            bcryptRaw(
              toBytes(passwords[i]!),
              Number(real.slice(4, 6)),
              decode64(real.slice(7, 29)),
            ),
          );
        assert.is(ours, real, tpl);
      });
      failing.forEach((tpl, k) => {
        const i = templates.length + k;
        const ours = r(tpl, { name: names[i]! });
        const real = results[i]!.error;
        assert.ok(real, `${tpl}: gomplate succeeded`);
        assert.is(
          ours,
          'ERR: ' + real!.replace(/^renderTemplate: failed to render template [^:]*: /, ''),
          tpl,
        );
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

t.run();
