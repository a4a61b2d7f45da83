import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Run {
  wallMs: number;
  code: number | null;
  stderr: string;
  /** programs started (execve of a new pid), counted when traced */
  processes?: number;
}

/**
 * Runs a command to its end and times it; `traceDir` set: under `strace -f`, counting
 * every program the run started (the command itself included), the same way for us and
 * for the just module. Tracing slows a run: a traced run is for counting, not timing.
 */
export async function timedRun(
  cmd: string,
  args: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; traceDir?: string },
): Promise<Run> {
  const log = o.traceDir && join(o.traceDir, `strace-${process.hrtime.bigint()}.log`);
  const [bin, argv] = log
    ? ['strace', ['-f', '-qq', '-e', 'trace=execve', '-o', log, cmd, ...args]]
    : [cmd, args];
  const t0 = process.hrtime.bigint();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(bin, argv as string[], {
        cwd: o.cwd,
        env: o.env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stderr: err }));
    },
  );
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return { wallMs, code, stderr, ...(log && { processes: countExecs(log) }) };
}

function countExecs(log: string): number {
  const pids = new Set<string>();
  for (const line of readFileSync(log, 'utf8').split('\n'))
    if (/execve\(.*= 0$/.test(line)) pids.add(line.split(' ')[0]!);
  return pids.size;
}
