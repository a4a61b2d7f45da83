import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { projectRoot } from '../../tasks/core/paths.js';

// What `npx tasks` runs once npx has found it (npx's own start-up is npm's, not ours).
const BIN = join(projectRoot, 'bin', 'tasks.js');

export interface ColdStart {
  label: string;
  medianMs: number;
  ratio: number;
  /** CPU time (user + system) per run, the mean over every round; undefined without /proc */
  cpuMs?: number;
  cpuRatio?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// CPU time of the children waited for (cutime + cstime in /proc/self/stat, clock ticks):
// steadier than wall time on a shared machine, though only to a tick, so it is summed
// over every round and given as a mean.
const TICK_MS =
  1000 / (Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100);
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * TICK_MS;
  } catch {
    return undefined;
  }
}

function timeOnce(
  cmd: string,
  args: string[],
  cwd: string,
  path: string,
  home: string,
): { ms: number; cpuMs?: number } {
  // HOME is the temp folder even for npx run in the checkout: npm writes its logs there.
  const env = { PATH: path, HOME: home };
  const c0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { ms, ...(c0 !== undefined && c1 !== undefined && { cpuMs: c1 - c0 }) };
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
  const cpu = commands.map(() => 0 as number | undefined);
  try {
    // warm the file cache
    for (let i = 0; i < 3; i++)
      commands.forEach(([, cmd, args, dir]) => timeOnce(cmd, args, dir, path, cwd));
    for (let i = 0; i < rounds; i++)
      commands.forEach(([, cmd, args, dir], j) => {
        const t = timeOnce(cmd, args, dir, path, cwd);
        samples[j]!.push(t.ms);
        cpu[j] = t.cpuMs === undefined || cpu[j] === undefined ? undefined : cpu[j]! + t.cpuMs;
      });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  const floor = median(samples[0]!);
  const cpuFloor = cpu[0] && cpu[0] / rounds;
  return commands.map(([label], j) => {
    const cpuMs = cpu[j] === undefined ? undefined : cpu[j]! / rounds;
    return {
      label,
      medianMs: median(samples[j]!),
      ratio: median(samples[j]!) / floor,
      ...(cpuMs !== undefined && cpuFloor && { cpuMs, cpuRatio: cpuMs / cpuFloor }),
    };
  });
}
