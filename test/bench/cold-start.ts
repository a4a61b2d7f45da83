import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { projectRoot } from '../../tasks/core/paths.js';

// What `npx tasks` runs once npx has found it (npx's own start-up is npm's, not ours).
const BIN = join(projectRoot, 'bin', 'tasks.js');

export interface ColdStart {
  label: string;
  medianMs: number;
  ratio: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeOnce(cmd: string, args: string[], cwd: string, path: string): number {
  const env = { PATH: path, HOME: cwd };
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
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
  // `npm link` puts a `tasks` symlink to bin/tasks.js on PATH: the documented fast way.
  const linked = join(cwd, 'bin');
  mkdirSync(linked);
  symlinkSync(BIN, join(linked, 'tasks'));
  const path = `${linked}${delimiter}${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
  const node = process.execPath;
  const commands: Array<[string, string, string[], string]> = [
    ['node -e 0', node, ['-e', '0'], cwd],
    ['tasks --list (npm link)', 'tasks', ['--list'], cwd],
    ['npx tasks --list', 'npx', ['--no-install', 'tasks', '--list'], projectRoot],
    ['node bin/tasks.js --list', node, [BIN, '--list'], cwd],
    ['tasks utils:random-password', node, [BIN, 'utils:random-password'], cwd],
    ['tasks jupyterhub:get-token --help', node, [BIN, 'jupyterhub:get-token', '--help'], cwd],
  ];
  const samples = commands.map(() => [] as number[]);
  try {
    // warm the file cache
    for (let i = 0; i < 3; i++)
      commands.forEach(([, cmd, args, dir]) => timeOnce(cmd, args, dir, path));
    for (let i = 0; i < rounds; i++)
      commands.forEach(([, cmd, args, dir], j) => samples[j]!.push(timeOnce(cmd, args, dir, path)));
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
