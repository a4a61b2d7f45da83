// The real gomplate (v4.3.3, built with this machine's Go by install-gomplate.sh) as the
// reference renderer. Templates are rendered in batches: one `--input-dir/--output-dir`
// run renders hundreds of files. gomplate stops at the first failing template and names
// it in its error, so a failed run is resumed after that template.
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const GOMPLATE_VERSION = 'v4.3.3';
export const GOMPLATE_MISSING = 'build it with: bash test/gomplate/install-gomplate.sh';

/** Path of the installed real gomplate; throws (never skips) when it is missing. */
export function ensureGomplate(): string {
  const cache = process.env.BUUN_TOOLS_CACHE ?? join(homedir(), '.cache', 'buun-stack-tasks');
  const bin = join(cache, `gomplate-${GOMPLATE_VERSION}`, 'gomplate');
  if (!existsSync(bin))
    throw new Error(`gomplate ${GOMPLATE_VERSION} not found at ${bin}; ${GOMPLATE_MISSING}`);
  return bin;
}

export interface Rendered {
  /** output bytes (partial output when the template failed; empty when whitespace-only) */
  output: Buffer;
  /** gomplate's error message, or null on success */
  error: string | null;
}

interface Run {
  code: number;
  stderr: string;
}

function exec(bin: string, args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { cwd, env, maxBuffer: 64 << 20, timeout: 60_000 }, (err, _out, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err);
      resolve({ code: err ? (err.code as number) : 0, stderr });
    });
  });
}

/** The error of gomplate's log line on stderr (text or JSON handler). */
export function errorOf(stderr: string): string {
  const lines = stderr.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.startsWith('{')) {
      try {
        const rec = JSON.parse(line) as { err?: string };
        if (rec.err !== undefined) return rec.err;
      } catch {
        // not JSON: fall through to the text form
      }
    }
  }
  return stderr.trim();
}

/** Name of a batch file: the template's name in gomplate's (and the engine's) errors. */
export const batchName = (dir: string, i: number): string =>
  `${dir}/t${String(i).padStart(5, '0')}`;

/**
 * Renders each template as its own file in one gomplate run per chunk (resuming after a
 * failing template). `cwd` holds the fixture files; the template named `names[i]` is
 * templates[i] and its error mentions that name.
 */
export async function renderBatch(
  bin: string,
  templates: string[],
  cwd: string,
  env: Record<string, string>,
  args: string[],
  chunk = 400,
  parallel = 2,
): Promise<{ names: string[]; results: Rendered[] }> {
  const names: string[] = [];
  const results: Rendered[] = new Array(templates.length);
  const work = mkdtempSync(join(cwd, 'batch-'));
  const rel = work.slice(cwd.length + 1);
  const chunks: number[][] = [];
  for (let i = 0; i < templates.length; i += chunk)
    chunks.push(Array.from({ length: Math.min(chunk, templates.length - i) }, (_, k) => i + k));
  for (let i = 0; i < templates.length; i++)
    names.push(batchName(`${rel}/in${Math.floor(i / chunk)}`, i));
  try {
    const runChunk = async (c: number) => {
      const inDir = `${rel}/in${c}`;
      const outDir = `${rel}/out${c}`;
      mkdirSync(join(cwd, inDir), { recursive: true });
      for (const i of chunks[c]!) writeFileSync(join(cwd, names[i]!), templates[i]!);
      let pending = [...chunks[c]!];
      while (pending.length) {
        const run = await exec(
          bin,
          [...args, '--input-dir', inDir, '--output-dir', outDir],
          cwd,
          env,
        ).catch((e: Error) => {
          // outputs are written in order: the first template without one is the culprit
          let done = new Set<string>();
          if (existsSync(join(cwd, outDir))) done = new Set(readdirSync(join(cwd, outDir)));
          const stuck = pending.find((i) => !done.has(names[i]!.slice(inDir.length + 1)));
          throw new Error(
            `gomplate did not finish (${e.message}); first template without output: ${JSON.stringify(templates[stuck ?? pending[0]!])}`,
          );
        });
        const outputOf = (i: number): Buffer => {
          const p = join(cwd, outDir, names[i]!.slice(inDir.length + 1));
          return existsSync(p) ? readFileSync(p) : Buffer.alloc(0);
        };
        if (run.code === 0) {
          for (const i of pending) results[i] = { output: outputOf(i), error: null };
          return;
        }
        const error = errorOf(run.stderr);
        const failed = pending.find((i) => error.includes(`template ${names[i]}:`));
        if (failed === undefined)
          throw new Error(`gomplate failed outside a template: ${run.stderr}`);
        for (const i of pending) {
          if (i > failed) break;
          results[i] = { output: outputOf(i), error: i === failed ? error : null };
          rmSync(join(cwd, names[i]!));
        }
        pending = pending.filter((i) => i > failed);
      }
    };
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) await runChunk(next++);
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return { names, results };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
