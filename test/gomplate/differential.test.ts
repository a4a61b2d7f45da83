// Differential test against the real gomplate (v4.3.3, Go 1.26's text/template): a
// seeded generator (template-gen.ts) produces templates over the supported syntax and
// functions; each is rendered by gomplate and by this engine, and the bytes and the
// error messages must be identical. gomplate renders them in batches (gomplate.ts). The
// cases of issue 18's lists are in go-semantics.test.ts.
// Without the gomplate binary this test fails, it never skips.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateError, isWhitespaceOnly, render } from '../../tasks/gomplate/index.js';
import { toBuffer } from '../../tasks/gomplate/gostring.js';
import { type Rendered, ensureGomplate, renderBatch } from './gomplate.js';
import { writeFiles } from './oracle.js';
import { TemplateGen, rng } from './template-gen.js';

const SEED = Number(process.env.DIFF_SEED ?? 20251122);
const COUNT = Number(process.env.DIFF_COUNT ?? 5000);
const ENV = { FOO: 'foo', EMPTY: '', MULTI: 'l1\nl2', FLAG: 'true', NUM: '42' };
const FILES = {
  'd.yaml':
    'a: 1\nb: 0.90\nc: 1e6\nlist: [x, y]\nmap: {k: v}\nnone:\nts: 2001-12-14\nbig: 123456789012\n',
  'three.txt': 'line1\n\n  line3\n',
  't.yaml':
    'oct: 017\nflt: 1.50\nt2: True\nlist:\n  - 1\n  - two\n  - ~\n  - 3.0\nnested:\n  a:\n    b: [1, {c: d}]\n',
  'l.yaml': '- name: a\n  n: 1\n- name: b\n  n: 2\n',
};
const DS = { d: 'd.yaml', t: 't.yaml', l: 'l.yaml' };
const DS_ARGS = Object.entries(DS).flatMap(([a, p]) => ['-d', `${a}=${p}`]);

/** The engine's result for one template, in gomplate's terms. */
function engine(
  text: string,
  name: string,
  opts: { env?: Record<string, string>; cwd?: string; datasources?: Record<string, string> },
): { output: Buffer; error: string | null } {
  let output: string;
  let error: string | null = null;
  try {
    output = render(text, { ...opts, name });
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    error = e.gomplateMessage;
    output = e.partial;
  }
  if (isWhitespaceOnly(output)) output = '';
  // Go's log line shows invalid UTF-8 in messages as U+FFFD
  return {
    output: toBuffer(output),
    error: error === null ? null : toBuffer(error).toString('utf8'),
  };
}

/** Every mismatch between the engine and gomplate, described. */
function compare(
  templates: string[],
  names: string[],
  expected: Rendered[],
  opts: { env?: Record<string, string>; cwd?: string; datasources?: Record<string, string> },
): { failures: string[]; errors: number } {
  const failures: string[] = [];
  let errors = 0;
  templates.forEach((t, i) => {
    const exp = expected[i]!;
    const got = engine(t, names[i]!, opts);
    if (exp.error !== null) errors++;
    if (!got.output.equals(exp.output) || got.error !== exp.error)
      failures.push(
        `#${i} ${JSON.stringify(t)}\n  engine:   ${JSON.stringify(got.output.toString('utf8'))} ${got.error}\n  gomplate: ${JSON.stringify(exp.output.toString('utf8'))} ${exp.error}`,
      );
  });
  return { failures, errors };
}

const differential = suite('differential');

differential(
  `${COUNT} generated templates render identically in the engine and the real gomplate`,
  async () => {
    const bin = ensureGomplate();
    const dir = mkdtempSync(join(tmpdir(), 'gomplate-diff-'));
    try {
      writeFiles(dir, FILES);
      const gen = new TemplateGen(rng(SEED), { v5: false });
      const templates = Array.from({ length: COUNT }, () => gen.template());
      const { names, results } = await renderBatch(bin, templates, dir, ENV, DS_ARGS);
      const { failures, errors } = compare(templates, names, results, {
        env: ENV,
        cwd: dir,
        datasources: DS,
      });
      // DIFF_DUMP=file writes every mismatch, for working through them
      if (process.env.DIFF_DUMP) writeFileSync(process.env.DIFF_DUMP, failures.join('\n\n'));
      if (process.env.DIFF_DEBUG)
        results.forEach(
          (e, i) => e.error && console.log(JSON.stringify(templates[i]), '\n   ', e.error),
        );
      assert.is(
        failures.length,
        0,
        `${failures.length} differ:\n` + failures.slice(0, 10).join('\n'),
      );
      assert.ok(
        errors < COUNT * 0.4,
        `too many error cases (${errors}); the generator should mostly render`,
      );
      assert.ok(errors > COUNT * 0.02, `too few error cases (${errors}) to compare errors`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

/** One template through gomplate (as a one-file batch) and the engine. */
async function both(
  template: string,
  dir: string,
  files: Record<string, string>,
  datasources: Record<string, string>,
): Promise<[Rendered, { output: Buffer; error: string | null }]> {
  writeFiles(dir, files);
  const args = Object.entries(datasources).flatMap(([a, p]) => ['-d', `${a}=${p}`]);
  const { names, results } = await renderBatch(ensureGomplate(), [template], dir, {}, args);
  return [results[0]!, engine(template, names[0]!, { cwd: dir, datasources })];
}

differential(
  'random float64 values format like Go (%v %e %f %g %x, widths, precisions)',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gomplate-diff-'));
    try {
      const r = rng(SEED + 1);
      const floats: string[] = [];
      for (let i = 0; i < 300; i++) {
        const mag = 10 ** Math.floor(r() * 60 - 30);
        const digits = Math.floor(r() * 4);
        let x = r() * mag * (r() < 0.3 ? -1 : 1);
        if (digits === 0) x = Math.round(x * 8) / 8; // exact halves and eighths: rounding ties
        if (digits === 1) x = Math.round(x);
        const lit = String(x);
        floats.push(/[.e]/.test(lit) ? lit : lit + '.0');
      }
      const verbs = '%v|%e|%.3e|%f|%.0f|%.2f|%g|%.4g|%G|%10.3f|%-12.5g|%+.1e|%x|%#v|%08.2f|% g';
      const template = floats
        .map((f) => `{{ printf "${verbs}" ${Array(16).fill(f).join(' ')} }}`)
        .join('\n');
      const [exp, got] = await both(template, dir, {}, {});
      assert.is(exp.error, null);
      const want = exp.output.toString('utf8').split('\n');
      got.output
        .toString('utf8')
        .split('\n')
        .forEach((line, i) => assert.is(line, want[i], `float ${floats[i]}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

differential('random YAML datasources decode like go-yaml v3 (types and values)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomplate-diff-'));
  try {
    const r = rng(SEED + 2);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const scalars = [
      '017',
      '0o17',
      '09',
      '0x1F',
      '0b11',
      '1_000',
      '-42',
      '+12',
      '0',
      '-0',
      '1.50',
      '1e3',
      '.5',
      '5.',
      '-.inf',
      '.NaN',
      '.Inf',
      'true',
      'False',
      'TRUE',
      'yes',
      'no',
      'on',
      '~',
      'null',
      'Null',
      '2001-12-14',
      '2001-12-14T21:59:43.10-05:00',
      '2020-01-02t03:04:05Z',
      '2001-12-14 21:59:43',
      '2001-02-30',
      '123456789012345678901',
      '18446744073709551615',
      '9223372036854775808',
      '1.2.3',
      '10.0.0.1',
      'a b',
      'x',
      '"quoted 1"',
      "'single'",
      '"tab\\tx"',
      "'it''s'",
      '"017"',
      'http://x/y',
      '+',
      '1e',
      '0x',
      '.',
      '._',
      '1_',
      '_1',
      '0.1e-5',
      '12:30',
      '1,000',
    ];
    const lines: string[] = [];
    for (let i = 0; i < 120; i++) {
      const form = r();
      if (form < 0.6) lines.push(`k${i}: ${pick(scalars)}`);
      else if (form < 0.8) lines.push(`k${i}: [${pick(scalars)}, ${pick(scalars)}]`);
      else
        lines.push(
          `k${i}:`,
          `  - ${pick(scalars)}`,
          `  - n: ${pick(scalars)}`,
          `    m: ${pick(scalars)}`,
        );
    }
    const template =
      '{{ range $k, $v := ds "x" }}{{ $k }}={{ $v }} {{ printf "%T" $v }}\n{{ end }}';
    const [exp, got] = await both(
      template,
      dir,
      { 'x.yaml': lines.join('\n') + '\n' },
      { x: 'x.yaml' },
    );
    assert.is(exp.error, null);
    const want = exp.output.toString('utf8').split('\n');
    got.output
      .toString('utf8')
      .split('\n')
      .forEach((line, i) => assert.is(line, want[i]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

differential(
  'random token soup: lexer and parser errors (line numbers included) match',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gomplate-diff-'));
    try {
      const r = rng(SEED + 3);
      const tokens = [
        '{{',
        '}}',
        '{{-',
        '-}}',
        ' ',
        '\n',
        'if',
        'else',
        'end',
        'range',
        'with',
        'define',
        'template',
        'block',
        'break',
        'continue',
        '$x',
        ':=',
        '=',
        '$',
        '.',
        '.a',
        '.Env',
        '"s"',
        '`r`',
        '(',
        ')',
        '|',
        ',',
        '1',
        '-1',
        '1.5',
        "'c'",
        'nil',
        'true',
        'len',
        'printf',
        'eq',
        'x',
        '/*',
        '*/',
        '"',
        '`',
        '0x',
        '1e',
        '%',
        '$y',
        'index',
        ' -',
        '- ',
        '\t',
        'é',
        '\\',
      ];
      const templates = Array.from({ length: 300 }, () => {
        let t = '';
        const n = 1 + Math.floor(r() * 12);
        for (let j = 0; j < n; j++) t += tokens[Math.floor(r() * tokens.length)];
        return t;
      });
      const { names, results } = await renderBatch(ensureGomplate(), templates, dir, {}, [], 40, 4);
      const { failures } = compare(templates, names, results, { cwd: dir });
      assert.is(failures.length, 0, failures.slice(0, 10).join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

differential.run();
