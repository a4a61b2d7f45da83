// The `gomplate` command as buun-stack's scripts use it: gather every input, render them
// in order, stop at the first error. Output follows gomplate's writer: nothing is written
// (no file created) for whitespace-only output, partial output is written on error, new
// files take the template's mode (0644 for --in), existing files are only rewritten when
// the content changes. Errors go to stderr as gomplate's JSON log line, exit status 1.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { TemplateError, isWhitespaceOnly, render } from '../gomplate/index.js';
import { fromBuffer, toBuffer } from '../gomplate/gostring.js';
import { TaskError, UsageError, type Effects } from '../core/index.js';
import { type GomplateArgs, parseGomplateArgs } from './gomplate-args.js';

export interface RenderIO {
  cwd: string;
  env: Record<string, string | undefined>;
  /** stdin's bytes as a Go string */
  stdin: () => Promise<string>;
  /** output bytes (a Go string may hold invalid UTF-8, so never re-encoded text) */
  stdout: (b: Buffer) => void;
  stderr: (s: string) => void;
  /** output files and folders go through the core: planned under --dry-run */
  files: Pick<Effects, 'writeBytes' | 'makeDir'>;
}

interface Job {
  name: string;
  text: string;
  out: string;
  mode: number;
}

/** Go's RFC3339Nano in the local zone. */
function rfc3339Nano(d: Date): string {
  const off = -d.getTimezoneOffset();
  const p2 = (n: number) => String(n).padStart(2, '0');
  const local = new Date(d.getTime() + off * 60000);
  const base = local.toISOString().replace(/\.(\d+)Z$/, (_m, ms: string) => {
    const frac = ms.replace(/0+$/, '');
    return frac ? '.' + frac : '';
  });
  if (off === 0) return base + 'Z';
  const a = Math.abs(off);
  return `${base}${off < 0 ? '-' : '+'}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}

/** Go's slog JSON string escaping (no HTML escaping). */
function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20) out += '\\u00' + c.toString(16).padStart(2, '0');
    else if (c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff))
      out += c >= 0xd800 && c <= 0xdfff ? '\\ufffd' : '\\u' + c.toString(16);
    else out += ch;
  }
  return out + '"';
}

export function errorLogLine(err: string, now = new Date()): string {
  return `{"time":"${rfc3339Nano(now)}","level":"ERROR","msg":"","err":${jsonString(err)}}\n`;
}

function parseDatasources(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    const eq = a.indexOf('=');
    let alias = eq >= 0 ? a.slice(0, eq) : a;
    let p = eq >= 0 ? a.slice(eq + 1) : '';
    if (p === '') {
      p = alias;
      alias = a.split('.')[0]!;
      if (basename(p) !== p)
        throw new TaskError(
          `invalid argument (${a}): must provide an alias with files not in working directory`,
        );
    }
    if (p.includes('://'))
      throw new TaskError(
        `only local file datasources are supported by this engine, got ${JSON.stringify(p)}`,
      );
    out[alias] = p;
  }
  return out;
}

function rootRel(p: string): string {
  return p.replace(/^\//, '');
}

async function gather(
  io: RenderIO,
  files: string[],
  input: string | undefined,
  outs: string[],
): Promise<Job[]> {
  if (input !== undefined) return [{ name: '<arg>', text: input, out: outs[0]!, mode: 0o644 }];
  const jobs: Job[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    if (f === '-') {
      jobs.push({ name: '-', text: await io.stdin(), out: outs[i]!, mode: 0 });
      continue;
    }
    const abs = resolve(io.cwd, f);
    let mode: number;
    try {
      mode = statSync(abs).mode & 0o777;
    } catch {
      throw new TaskError(
        `failed to gather templates for rendering: fileToTemplate: stat ${JSON.stringify(f)}: stat ${rootRel(abs)}: no such file or directory`,
      );
    }
    let text: string;
    try {
      text = fromBuffer(readFileSync(abs));
    } catch {
      throw new TaskError(
        `failed to gather templates for rendering: fileToTemplate: readAll ${JSON.stringify(f)}: read ${rootRel(abs)}: is a directory`,
      );
    }
    jobs.push({ name: f, text, out: outs[i]!, mode });
  }
  return jobs;
}

async function writeOutput(io: RenderIO, job: Job, content: string): Promise<void> {
  if (isWhitespaceOnly(content)) return;
  if (job.out === '-') {
    io.stdout(toBuffer(content));
    return;
  }
  const abs = resolve(io.cwd, job.out);
  const bytes = toBuffer(content);
  if (existsSync(abs)) {
    try {
      if (readFileSync(abs).equals(bytes)) return;
    } catch {
      // unreadable: rewrite it below, as gomplate would
    }
  }
  await io.files.writeBytes(abs, bytes, job.mode);
}

/** gomplate's notTogether / mustTogether config checks, in its order. */
function validate(args: GomplateArgs, useIn: boolean): void {
  const fail = (m: string) => {
    throw new TaskError(`failed to validate config: ${m}`);
  };
  const set: [string, boolean][] = [
    ['in', useIn],
    ['inputFiles', args.files.length > 0],
    ['inputDir', !!args.inputDir],
  ];
  const on = set.filter(([, v]) => v).map(([k]) => k);
  if (on.length > 1)
    fail(`only one of these options is supported at a time: '${on[0]}', '${on[1]}'`);
  if (args.outs.length > 0 && args.outputDir)
    fail("only one of these options is supported at a time: 'outputFiles', 'outputDir'");
  if (args.outputDir && !args.inputDir)
    fail("these options must be set together: 'outputDir', 'inputDir'");
}

/** Every file under --input-dir, in fs.WalkDir's order (sorted, depth first). */
function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  const entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(root, p));
    else out.push(p);
  }
  return out;
}

async function gatherDir(io: RenderIO, inputDir: string, outputDir: string): Promise<Job[]> {
  const root = resolve(io.cwd, inputDir);
  let files: string[];
  try {
    files = walk(root);
  } catch {
    throw new TaskError(
      `failed to gather templates for rendering: walkDir: stat ${JSON.stringify(inputDir)}: no such file or directory`,
    );
  }
  const jobs: Job[] = [];
  for (const f of files) {
    const abs = join(root, f);
    const out = posix.join(outputDir, f);
    // gomplate makes every output folder while gathering, before rendering anything.
    await io.files.makeDir(dirname(resolve(io.cwd, out)));
    jobs.push({
      name: posix.join(inputDir, f),
      text: fromBuffer(readFileSync(abs)),
      out,
      mode: statSync(abs).mode & 0o777,
    });
  }
  return jobs;
}

async function run(argv: string[], io: RenderIO): Promise<void> {
  const args = parseGomplateArgs(argv);
  const leftDelim = args.leftDelim || io.env.GOMPLATE_LEFT_DELIM || '';
  const rightDelim = args.rightDelim || io.env.GOMPLATE_RIGHT_DELIM || '';
  const useIn = args.input !== undefined && args.input !== '';
  validate(args, useIn);
  const mk = args.missingKey;
  if (mk !== undefined && !['error', 'zero', 'default', 'invalid'].includes(mk))
    throw new TaskError(
      `failed to validate config: not allowed value for the 'missing-key' flag: ${mk}. Allowed values: ,error,zero,default,invalid`,
    );
  const files = !useIn && args.files.length === 0 ? ['-'] : args.files;
  const outs = args.outs.length === 0 ? ['-'] : args.outs;
  const nIn = useIn ? 1 : files.length;
  if (!args.inputDir && nIn !== outs.length)
    throw new TaskError(
      `failed to validate config: must provide same number of 'outputFiles' (${outs.length}) as 'in' or 'inputFiles' (${nIn}) options`,
    );
  const datasources = parseDatasources(args.datasources);
  const contexts = args.contexts.length ? parseDatasources(args.contexts) : undefined;
  const jobs = args.inputDir
    ? await gatherDir(io, args.inputDir, args.outputDir || '.')
    : await gather(io, files, useIn ? args.input : undefined, outs);
  for (const job of jobs) {
    let content: string;
    let failure: TemplateError | undefined;
    try {
      content = render(job.text, {
        name: job.name,
        env: io.env,
        cwd: io.cwd,
        datasources,
        contexts,
        leftDelim,
        rightDelim,
        missingKey: args.missingKey,
      });
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      failure = e;
      content = e.partial;
    }
    try {
      await writeOutput(io, job, content);
    } catch (e) {
      const code = (e as { code?: string }).code;
      const reason =
        code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory'
            : code === 'ENOTDIR'
              ? 'not a directory'
              : (e as Error).message;
      throw new TaskError(
        `failed to open output file '${job.out}' for writing: open ${rootRel(resolve(io.cwd, job.out))}: ${reason}`,
      );
    }
    if (failure) throw new TaskError(failure.gomplateMessage);
  }
}

/** Runs gomplate's command line; returns the exit status. */
export async function runRenderCommand(argv: string[], io: RenderIO): Promise<number> {
  try {
    await run(argv, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`Error: ${e.message}\n`);
      io.stderr(errorLogLine(e.message));
      return 1;
    }
    // Any other failure of the run (gomplate's own errors): logged only.
    if (e instanceof TaskError) {
      io.stderr(errorLogLine(e.message));
      return 1;
    }
    throw e;
  }
}
