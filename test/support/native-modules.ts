// Which of Node's own modules a command loaded (process.moduleLoadList at exit), for
// tests that a cold path stays off the expensive ones. The preload is CommonJS, so it
// does not itself start the ES module loader it is asked about.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PRELOAD = `process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.NATIVE_MODULES_FILE, process.moduleLoadList.join('\\n'));
});
`;

export interface NativeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** entries of process.moduleLoadList, e.g. `NativeModule child_process` */
  modules: string[];
}

export function runWithNativeModules(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): NativeRun {
  const dir = mkdtempSync(join(tmpdir(), 'native-modules-'));
  try {
    const preload = join(dir, 'preload.cjs');
    const file = join(dir, 'modules.txt');
    writeFileSync(preload, PRELOAD);
    const r = spawnSync(process.execPath, ['-r', preload, script, ...args], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        NO_COLOR: '1',
        ...env,
        NATIVE_MODULES_FILE: file,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return {
      code: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      modules: readFileSync(file, 'utf8').split('\n'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The entries naming one of `names` (`child_process`, `internal/modules/esm/loader`, …). */
export const loaded = (run: NativeRun, names: readonly string[]): string[] =>
  run.modules.filter((m) => names.some((n) => m === `NativeModule ${n}`));
