// The function catalogue against the real gomplate v4.3.3: gomplate's documented examples
// for each implemented namespace (math, base64, path, filepath, crypto), then seeded
// random calls of every function over a pool of awkward arguments. Output bytes and
// error messages must be identical; gomplate renders them in batches.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateError, isWhitespaceOnly, render } from '../../../tasks/template/engine/index.js';
import { toBuffer } from '../../../tasks/template/engine/gostring.js';
import { ensureGomplate, renderBatch } from './gomplate.js';
import { rng } from './template-gen.js';

const SEED = Number(process.env.DIFF_SEED ?? 20251206);

/** gomplate's documented examples (docs/content/functions/*.md), as templates. */
const EXAMPLES = [
  // math
  '{{ math.Abs -3.5 }} {{ math.Abs -42 }}',
  '{{ math.Add 1 2 3 4 }} {{ math.Add 1.5 2 3 }}',
  '{{ math.Ceil 5.1 }}, {{ math.Ceil 42 }}, {{ math.Ceil 6 }}',
  '{{ math.Div 8 2 }} {{ math.Div 3 2 }}',
  '{{ math.Floor 5.1 }}, {{ math.Floor 42 }}, {{ math.Floor 6 }}',
  '{{ math.IsFloat 1.0 }} {{ math.IsFloat "42" }} {{ math.IsFloat "42.42" }}',
  '{{ math.IsInt 1 }} {{ math.IsInt 1.0 }}',
  '{{ math.IsNum "foo" }} {{ math.IsNum 0xDeadBeef }}',
  '{{ math.Max 0 8.0 4.5 }} {{ math.Max 1 2 3 4 }}',
  '{{ math.Min 0 8 4.5 }} {{ math.Min 3 1 4 }}',
  '{{ math.Mul 8 8 2 }}',
  '{{ math.Pow 10 2 }} {{ math.Pow 2 32 }} {{ math.Pow 1.5 2 }}',
  '{{ math.Rem 5 3 }} {{ math.Rem -5 3 }}',
  '{{ math.Round 5.1 }}, {{ math.Round 42.9 }}, {{ math.Round 6.5 }}',
  '{{ range (math.Seq 5) }}{{.}} {{end}}',
  '{{ math.Seq 10 -3 2 }} {{ seq 1 10 3 }} {{ seq 5 1 }}',
  '{{ math.Sub 3 1 }}',
  '{{ add 1 2 }} {{ sub 5 2 }} {{ mul 2 3 }} {{ div 7 2 }} {{ rem 7 2 }} {{ pow 2 8 }} {{ seq 3 }}',
  // base64
  '{{ base64.Encode "hello world" }}',
  '{{ "hello world" | base64.Encode }}',
  '{{ base64.Decode "aGVsbG8gd29ybGQ=" }}',
  '{{ "aGVsbG8gd29ybGQ=" | base64.Decode }}',
  '{{ base64.DecodeBytes "aGVsbG8gd29ybGQ=" }}',
  '{{ "aGVsbG8gd29ybGQ=" | base64.DecodeBytes | conv.ToString }}',
  // path
  '{{ path.Base "/tmp/foo" }}',
  '{{ path.Clean "/tmp//foo/../" }}',
  '{{ path.Dir "/tmp/foo" }}',
  '{{ path.Ext "/tmp/foo.csv" }}',
  '{{ path.IsAbs "/tmp/foo.csv" }} {{ path.IsAbs "../foo.csv" }}',
  '{{ path.Join "/tmp" "foo" "bar" }}',
  '{{ path.Match "*.csv" "foo.csv" }}',
  '{{ path.Split "/tmp/foo" }}',
  // filepath
  '{{ filepath.Base "/tmp/foo" }}',
  '{{ filepath.Clean "/tmp//foo/../" }}',
  '{{ filepath.Dir "/tmp/foo" }}',
  '{{ filepath.Ext "/tmp/foo.csv" }}',
  '{{ filepath.FromSlash "/foo/bar" }}',
  '{{ filepath.IsAbs "/tmp/foo.csv" }}',
  '{{ filepath.Join "/tmp" "foo" "bar" }}',
  '{{ filepath.Match "*.csv" "foo.csv" }}',
  '{{ filepath.Rel "/a" "/a/b/c" }}',
  '{{ filepath.Split "/tmp/foo" }}',
  '{{ filepath.ToSlash "/foo/bar" }}',
  '{{ filepath.VolumeName "/foo/bar" }}',
  // strings
  '{{ "foo" | strings.Abbrev 3 }} {{ "hello world" | strings.Abbrev 8 }} {{ "hello world" | strings.Abbrev 6 9 }}',
  '{{ "hello, world" | strings.Trunc 5 }}',
  '{{ "foo\\nbar\\nbaz" | strings.SkipLines 2 }} {{ strings.SkipLines 1 "foo\\nbar\\nbaz" }}',
  '{{ "Hello World" | strings.SnakeCase }} {{ "Hello World" | strings.KebabCase }}',
  '{{ "Hello, World!" | strings.SnakeCase }} {{ "Hello, World!" | strings.KebabCase }}',
  '{{ "hello jello" | strings.ShellQuote }} {{ strings.Split "," "one word,foo=bar baz" | shellQuote }}',
  '{{ "Hello, World!" | strings.WordWrap 7 }}',
  '{{ "Hello, World!" | strings.WordWrap 7 "\\n   " }}',
  '{{ strings.WordWrap 3 "\t" "a bb ccc dddd e" }} {{ "the quick brown fox" | strings.WordWrap "|" }}',
  // conv
  '{{ if (conv.Bool "true") }}yes{{ end }} {{ conv.Bool "TRUE" }} {{ conv.Bool "yes" }}',
  '{{ conv.ToBools "1" "t" "yes" 0 2 }} {{ conv.ToStrings nil 42 true 1.5 "x" }}',
  '{{ conv.ToInt64s true 0x42 "123,456.99" "1.2345e+3" }} {{ conv.ToInts "9" 1.9 }}',
  '{{ conv.ToFloat64s true 0x42 "123,456.99" "1.2345e+3" }}',
  '{{ $a := strings.Split "," "foo,bar,baz" }}{{ conv.Join $a "-" }} {{ join $a ", " }}',
  '{{ $val := "7C0" }}{{ conv.ParseInt $val 16 32 }} {{ conv.ParseUint "FFFFFFFFFFFFFFFF" 16 64 }}',
  '{{ $pi := "3.14159265359" }}{{ conv.ParseFloat $pi 64 }} {{ conv.ParseFloat "1.1" 32 }}',
  '{{ $number := "42" }}{{ conv.Atoi $number }} {{ conv.ParseInt "0x_1F" 0 8 }}',
  // crypto
  '{{ crypto.PBKDF2 "foo" "bar" 1024 8 }}',
  '{{ crypto.WPAPSK "Fred" "secret" }}',
  '{{ crypto.SHA1 "foo" }}',
  '{{ crypto.SHA512 "bar" }}',
  '{{ crypto.SHA224 "bar" }} {{ crypto.SHA256 "bar" }} {{ crypto.SHA384 "bar" }}',
  '{{ crypto.SHA512_224 "bar" }} {{ crypto.SHA512_256 "bar" }}',
  '{{ crypto.SHA256Bytes "bar" | base64.Encode }}',
  '{{ crypto.PBKDF2 "foo" "bar" 1 16 "SHA-512/256" }} {{ crypto.PBKDF2 "p" "s" 2 20 "SHA384" }}',
];

/** Functions and how many arguments they take (min, max). */
const FUNCS: [string, number, number][] = [
  ['math.Abs', 1, 1],
  ['math.Add', 0, 3],
  ['math.Mul', 0, 3],
  ['math.Sub', 2, 2],
  ['math.Div', 2, 2],
  ['math.Rem', 2, 2],
  ['math.Pow', 2, 2],
  ['math.Seq', 0, 4],
  ['math.Max', 1, 3],
  ['math.Min', 1, 3],
  ['math.Ceil', 1, 1],
  ['math.Floor', 1, 1],
  ['math.Round', 1, 1],
  ['math.IsInt', 1, 1],
  ['math.IsFloat', 1, 1],
  ['math.IsNum', 1, 1],
  ['base64.Encode', 1, 1],
  ['base64.Decode', 1, 1],
  ['base64.DecodeBytes', 1, 1],
  ['path.Base', 1, 1],
  ['path.Clean', 1, 1],
  ['path.Dir', 1, 1],
  ['path.Ext', 1, 1],
  ['path.IsAbs', 1, 1],
  ['path.Join', 0, 3],
  ['path.Match', 2, 2],
  ['path.Split', 1, 1],
  ['filepath.Rel', 2, 2],
  ['filepath.Join', 0, 3],
  ['filepath.Match', 2, 2],
  ['strings.Abbrev', 1, 4],
  ['strings.Trunc', 2, 2],
  ['strings.SkipLines', 2, 2],
  ['strings.ShellQuote', 1, 1],
  ['strings.WordWrap', 0, 4],
  ['strings.SnakeCase', 1, 1],
  ['strings.KebabCase', 1, 1],
  ['conv.Bool', 1, 1],
  ['conv.ToBools', 0, 3],
  ['conv.ToStrings', 0, 3],
  ['conv.ToInt64s', 0, 3],
  ['conv.ToInts', 0, 3],
  ['conv.ToFloat64s', 0, 3],
  ['conv.Join', 2, 2],
  ['conv.ParseInt', 3, 3],
  ['conv.ParseUint', 3, 3],
  ['conv.ParseFloat', 2, 2],
  ['conv.Atoi', 1, 1],
  ['crypto.SHA1', 1, 1],
  ['crypto.SHA256', 1, 1],
  ['crypto.SHA512_224Bytes', 1, 1],
  ['crypto.PBKDF2', 4, 5],
];

const ARGS = [
  '""',
  '"a/b/c.txt"',
  '"/x/../y/"',
  '"../../a/./b"',
  '"//"',
  '"."',
  '"1"',
  '"2.5"',
  '"-3"',
  '"0x10"',
  '"1e3"',
  '"1,000"',
  '"abc"',
  '"Zm9v"',
  '"Zm9vYg=="',
  '"Zm9vYg="',
  '"Zm9\\nvYg=="',
  '"_-8="',
  '"+/8="',
  '"é"',
  '"*.txt"',
  '"[a-c]*"',
  '"[^a]?"',
  '"[]a]"',
  '"\\\\*"',
  '"a[-z]"',
  '"[a-"',
  '"SHA256"',
  '"Hello, big World!"',
  '"  the quick  brown fox jumps over the lazy dog  "',
  '"a\\nb\\nc"',
  '"it\'s"',
  '"ÉtÉ été"',
  '4',
  '10',
  '16',
  '32',
  '65',
  '"0b101"',
  '"0o17"',
  '"-9223372036854775808"',
  '"18446744073709551616"',
  '"1_000"',
  '"ff"',
  '"T"',
  '"3.4e39"',
  '"MD5"',
  '0',
  '1',
  '-2',
  '7',
  '9223372036854775807',
  '0.5',
  '-1.5',
  '2.5',
  '1e3',
  '-0.0',
  'true',
  'false',
  'nil',
  '(strings.Split "," "a,b")',
  '(dict "a" 1)',
  '(math.Seq 3)',
];

function calls(n: number): string[] {
  const r = rng(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const [name, min, max] = pick(FUNCS);
    const k = min + Math.floor(r() * (max - min + 1));
    const args = Array.from({ length: k }, () => pick(ARGS));
    out.push(
      r() < 0.2
        ? `{{ ${args.join(' ')} | ${name} }}`.replace('{{  |', '{{ nil |')
        : `{{ ${name} ${args.join(' ')} }}`,
    );
  }
  return out;
}

function compare(
  templates: string[],
  names: string[],
  expected: { output: Buffer; error: string | null }[],
): string[] {
  const failures: string[] = [];
  templates.forEach((t, i) => {
    let output: string;
    let error: string | null = null;
    try {
      output = render(t, { name: names[i]! });
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      error = toBuffer(e.gomplateMessage).toString('utf8');
      output = e.partial;
    }
    const got = toBuffer(isWhitespaceOnly(output) ? '' : output);
    const exp = expected[i]!;
    if (!got.equals(exp.output) || error !== exp.error)
      failures.push(
        `${t}\n  engine:   ${JSON.stringify(got.toString())} ${error}\n  gomplate: ${JSON.stringify(exp.output.toString())} ${exp.error}`,
      );
  });
  return failures;
}

const funcs = suite('function catalogue against the real gomplate');

async function against(templates: string[]): Promise<{ failures: string[]; errors: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'gomplate-funcs-'));
  try {
    const { names, results } = await renderBatch(ensureGomplate(), templates, dir, {}, [], 100, 4);
    return {
      failures: compare(templates, names, results),
      errors: results.filter((x) => x.error !== null).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

funcs("gomplate's documented examples render identically", async () => {
  const { failures, errors } = await against(EXAMPLES);
  assert.is(failures.length, 0, failures.join('\n'));
  assert.is(errors, 0);
});

funcs('2,500 random calls render (or fail) identically', async () => {
  const { failures, errors } = await against(calls(2500));
  assert.is(failures.length, 0, `${failures.length} differ:\n` + failures.slice(0, 15).join('\n'));
  assert.ok(errors < 1800, String(errors));
});

funcs.run();
