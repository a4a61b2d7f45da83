// Longer than 200 lines: the oracle build, the generators and their comparisons share one harness.
// Differential test: a seeded generator (template-gen.ts) produces templates over the
// supported syntax and functions; each is rendered by gomplate-oracle (Go's real
// text/template) and by this engine, and the bytes (or, when both fail, the error
// messages) must be identical. Needs Go: without it this test fails, it never skips.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateError, isWhitespaceOnly, render } from '../../../tasks/template/engine/index.js';
import { toBuffer } from '../../../tasks/template/engine/gostring.js';
import { type OracleResult, ensureOracle, runOracle, writeFiles } from './oracle.js';
import { TemplateGen, rng } from './template-gen.js';

const SEED = Number(process.env.DIFF_SEED ?? 20251122);
const COUNT = Number(process.env.DIFF_COUNT ?? 400);
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

const differential = suite('differential');

differential(
  `${COUNT} generated templates render identically in the engine and the oracle`,
  async () => {
    const oracle = ensureOracle();
    const dir = mkdtempSync(join(tmpdir(), 'gomplate-diff-'));
    try {
      writeFiles(dir, FILES);
      const gen = new TemplateGen(rng(SEED));
      const templates = Array.from({ length: COUNT }, () => gen.template());
      const dsArgs = Object.entries(DS).flatMap(([a, p]) => ['-d', `${a}=${p}`]);
      const expected: OracleResult[] = [];
      for (let i = 0; i < templates.length; i += 16) {
        const batch = templates.slice(i, i + 16).map((t) => runOracle(oracle, t, dir, ENV, dsArgs));
        expected.push(...(await Promise.all(batch)));
      }
      const failures: string[] = [];
      let errors = 0;
      templates.forEach((t, i) => {
        const exp = expected[i]!;
        let output: string;
        let error: string | null = null;
        try {
          output = render(t, { env: ENV, cwd: dir, datasources: DS });
        } catch (e) {
          if (!(e instanceof TemplateError)) throw e;
          error = e.gomplateMessage;
          output = e.partial;
        }
        if (isWhitespaceOnly(output)) output = '';
        if (error) errors++;
        // compare bytes (Go strings may hold invalid UTF-8); Go's JSON log line shows
        // invalid UTF-8 in messages as U+FFFD
        const bytes = toBuffer(output);
        const message = error === null ? null : toBuffer(error).toString('utf8');
        if (!bytes.equals(exp.output) || message !== exp.error) {
          failures.push(
            `#${i} ${JSON.stringify(t)}\n  engine: ${JSON.stringify(output)} ${error}\n  oracle: ${JSON.stringify(exp.output.toString('utf8'))} ${exp.error}`,
          );
        }
      });
      if (process.env.DIFF_DEBUG) {
        templates.forEach(
          (t, i) =>
            expected[i]!.error && console.log(JSON.stringify(t), '\n   ', expected[i]!.error),
        );
      }
      assert.is(failures.length, 0, failures.slice(0, 10).join('\n'));
      assert.ok(
        errors < COUNT * 0.4,
        `too many error cases (${errors}); the generator should mostly render`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

differential(
  'random float64 values format like Go (%v %e %f %g %x, widths, precisions)',
  async () => {
    const oracle = ensureOracle();
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
      const exp = await runOracle(oracle, template, dir, {}, []);
      assert.is(exp.error, null);
      const got = render(template, {});
      const want = exp.output.toString('utf8').split('\n');
      got.split('\n').forEach((line, i) => assert.is(line, want[i], `float ${floats[i]}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

differential('random YAML datasources decode like go-yaml v3 (types and values)', async () => {
  const oracle = ensureOracle();
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
    writeFiles(dir, { 'x.yaml': lines.join('\n') + '\n' });
    const template =
      '{{ range $k, $v := ds "x" }}{{ $k }}={{ $v }} {{ printf "%T" $v }}\n{{ end }}';
    const exp = await runOracle(oracle, template, dir, {}, ['-d', 'x=x.yaml']);
    assert.is(exp.error, null);
    const got = render(template, { cwd: dir, datasources: { x: 'x.yaml' } });
    const want = exp.output.toString('utf8').split('\n');
    got.split('\n').forEach((line, i) => assert.is(line, want[i]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

differential(
  'random token soup: lexer and parser errors (line numbers included) match',
  async () => {
    const oracle = ensureOracle();
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
      const failures: string[] = [];
      for (let i = 0; i < templates.length; i += 16) {
        const batch = templates.slice(i, i + 16);
        const results = await Promise.all(batch.map((t) => runOracle(oracle, t, dir, {}, [])));
        batch.forEach((t, k) => {
          let output: string;
          let error: string | null = null;
          try {
            output = render(t, {});
          } catch (e) {
            if (!(e instanceof TemplateError)) throw e;
            error = e.gomplateMessage;
            output = e.partial;
          }
          if (isWhitespaceOnly(output)) output = '';
          const exp = results[k]!;
          const message = error === null ? null : toBuffer(error).toString('utf8');
          if (!toBuffer(output).equals(exp.output) || message !== exp.error)
            failures.push(`${JSON.stringify(t)}\n  engine: ${error}\n  oracle: ${exp.error}`);
        });
      }
      assert.is(failures.length, 0, failures.slice(0, 10).join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

differential.run();
