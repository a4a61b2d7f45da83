import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../tasks/core/paths.js';

// What `npx tasks` runs once npx has found it (npx's own start-up is npm's, not ours).
const BIN = join(projectRoot, 'bin', 'tasks.js');

export interface ColdStart {
  label: string;
  medianMs: number;
  ratio: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeOnce(args: string[], cwd: string): number {
  const env = { PATH: process.env.PATH ?? '', HOME: cwd };
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

/**
 * Cold start of the CLI against the floor of any Node CLI (`node -e 0`),
 * interleaved so machine load affects every command alike; medians of `rounds`.
 */
export function measureColdStart(rounds = 25): ColdStart[] {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  const commands: Array<[string, string[]]> = [
    ['node -e 0', ['-e', '0']],
    ['tasks --list', [BIN, '--list']],
    ['tasks utils:random-password', [BIN, 'utils:random-password']],
    ['tasks jupyterhub:get-token --help', [BIN, 'jupyterhub:get-token', '--help']],
  ];
  const samples = commands.map(() => [] as number[]);
  try {
    for (let i = 0; i < 3; i++) commands.forEach(([, args]) => timeOnce(args, cwd)); // warm the file cache
    for (let i = 0; i < rounds; i++)
      commands.forEach(([, args], j) => samples[j]!.push(timeOnce(args, cwd)));
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  const floor = median(samples[0]!);
  return commands.map(([label], j) => ({
    label,
    medianMs: median(samples[j]!),
    ratio: median(samples[j]!) / floor,
  }));
}
