// template:render's gomplate flags against the real gomplate v4.3.3: the same command line
// in two identical folders, one run by gomplate and one by runRenderCommand; exit status,
// stdout bytes, the logged error and every file written must be the same.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runRenderCommand } from '../../tasks/template/render-command.js';
import { testContext } from '../support/context.js';
import { ensureGomplate, errorOf } from '../gomplate/gomplate.js';
import { writeFiles } from '../gomplate/oracle.js';

// Output files go through the core, as the recipe's do (a real run: nothing is planned).
const files = testContext().ctx.effects;

const ENV = { FOO: 'foo', EMPTY: '' };
const FILES: Record<string, string> = {
  'cfg.yaml': 'a: 1\nlist: [x, y]\nm: {k: v}\n',
  'd.yaml': 'b: two\n',
  'in/a.txt': 'A={{ .Env.FOO }}\n',
  'in/blank.txt': '{{ "  " }}\n',
  'in/sub/b.yaml': 'b: {{ (ds "d").b }}\n',
  'in/sub/secret.txt': 'private {{ 1 }}\n',
};

interface Result {
  code: number;
  stdout: string;
  err: string | null;
  /** path -> "mode content" of every file under out/ */
  tree: Record<string, string>;
}

function tree(root: string, rel = '', acc: Record<string, string> = {}): Record<string, string> {
  let entries: string[];
  try {
    entries = readdirSync(join(root, rel)).sort();
  } catch {
    return acc;
  }
  for (const e of entries) {
    const p = rel ? `${rel}/${e}` : e;
    const st = statSync(join(root, p));
    if (st.isDirectory()) tree(root, p, acc);
    else acc[p] = `${(st.mode & 0o777).toString(8)} ${readFileSync(join(root, p), 'utf8')}`;
  }
  return acc;
}

function setup(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gomplate-flags-'));
  writeFiles(dir, FILES);
  chmodSync(join(dir, 'in/sub/secret.txt'), 0o600);
  return dir;
}

function gomplate(argv: string[]): Promise<Result> {
  const dir = setup();
  return new Promise((resolve) => {
    execFile(ensureGomplate(), argv, { cwd: dir, env: ENV, encoding: 'buffer' }, (e, out, errb) => {
      const code = e ? (e.code as number) : 0;
      const result = {
        code,
        stdout: out.toString('latin1'),
        err: code ? errorOf(errb.toString('utf8')) : null,
        tree: tree(join(dir, 'out')),
      };
      rmSync(dir, { recursive: true, force: true });
      resolve(result);
    });
  });
}

async function engine(argv: string[]): Promise<Result> {
  const dir = setup();
  const chunks: Buffer[] = [];
  let stderr = '';
  const code = await runRenderCommand(argv, {
    cwd: dir,
    env: ENV,
    stdin: async () => '',
    stdout: (b) => chunks.push(b),
    stderr: (s) => (stderr += s),
    files,
  });
  const result = {
    code,
    stdout: Buffer.concat(chunks).toString('latin1'),
    err: code ? errorOf(stderr) : null,
    tree: tree(join(dir, 'out')),
  };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const flags = suite('flags against the real gomplate');

// gomplate v4 appends its whole configuration (as YAML, after "\n---\n") to a config
// validation error; the engine logs the error itself, as gomplate 5 does
const firstPart = (r: Result): Result => ({ ...r, err: r.err?.split('\n---\n')[0] ?? null });

const same = (title: string, argv: string[], check?: (r: Result) => void) =>
  flags(title, async () => {
    const [want, got] = await Promise.all([gomplate(argv), engine(argv)]);
    assert.equal(got, firstPart(want));
    check?.(got);
  });

same('stdout carries bytes, invalid UTF-8 included', ['-i', '{{ "\\xe6\\x97\\xa5\\xe6" }}'], (r) =>
  assert.is(Buffer.from(r.stdout, 'latin1').toString('hex'), 'e697a5e6'),
);
same('--left-delim/--right-delim', [
  '--left-delim',
  '[[',
  '--right-delim=]]',
  '-i',
  '[[ .Env.FOO ]] {{ x }} [[- /* c */ -]] !',
]);
same('--left-delim alone keeps }}', ['--left-delim', '<<', '-i', '<< .Env.FOO }}']);
same('--missing-key zero', [
  '--missing-key',
  'zero',
  '-i',
  '{{ .nope }}|{{ printf "%v" .nope }}|{{ .Env.NOPE }}',
]);
same('--missing-key default', ['--missing-key', 'default', '-i', '{{ .nope }}|{{ .Env.NOPE }}']);
same('--missing-key invalid', ['--missing-key=invalid', '-i', '{{ .nope }}']);
same('--missing-key error', ['--missing-key', 'error', '-i', '{{ .nope }}']);
same('--missing-key with a bad value', ['--missing-key', 'bogus', '-i', '{{ 1 }}']);
same('--context alias=file', [
  '-c',
  'cfg=cfg.yaml',
  '-i',
  '{{ .cfg.a }} {{ .cfg.list }} {{ .Env.FOO }}',
]);
same('--context .=file replaces the context', [
  '--context',
  '.=cfg.yaml',
  '-i',
  '{{ .a }} {{ .m.k }}',
]);
same('--context with a missing key', ['-c', 'cfg=cfg.yaml', '-i', '{{ .cfg.zz }}']);
same('--input-dir/--output-dir: tree, modes, whitespace-only skipped', [
  '--input-dir',
  'in',
  '--output-dir',
  'out',
  '-d',
  'd=d.yaml',
]);
same('--input-dir stops at the failing file', ['--input-dir', 'in', '--output-dir', 'out']);
same('--input-dir with -f is refused', ['--input-dir', 'in', '-f', 'cfg.yaml']);
same('--output-dir needs --input-dir', ['--output-dir', 'out', '-i', 'x']);

flags('an unsupported flag is refused in one line', async () => {
  let stderr = '';
  const code = await runRenderCommand(['--plugin', 'x=y', '-i', 'x'], {
    cwd: tmpdir(),
    env: {},
    stdin: async () => '',
    stdout: () => undefined,
    stderr: (s) => (stderr += s),
    files,
  });
  assert.is(code, 1);
  assert.is(stderr.split('\n')[0], 'Error: gomplate flag --plugin is not supported by this engine');
});

flags.run();
