// Builds gomplate-oracle (Go's real text/template, configured like gomplate) once into
// /tmp, keyed by a hash of its sources, and runs templates through it.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sharedDir } from '../../tasks/core/paths.js';

export const GO_MISSING = 'install golang-go (apt-get install -y golang-go)';

/** Path of a built oracle; throws GO_MISSING when Go is not installed. */
export function ensureOracle(): string {
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) throw new Error(GO_MISSING);
  const src = join(sharedDir(), 'tools', 'gomplate-oracle');
  const hash = createHash('sha256');
  for (const f of ['main.go', 'yaml.go', 'go.mod']) hash.update(readFileSync(join(src, f)));
  const bin = `/tmp/gomplate-oracle-${hash.digest('hex').slice(0, 12)}`;
  if (!existsSync(bin)) execFileSync(join(src, 'build.sh'), [bin], { stdio: 'ignore' });
  return bin;
}

export interface OracleResult {
  /** stdout bytes */
  output: Buffer;
  /** the "err" of gomplate's JSON log line, or null on success */
  error: string | null;
}

/** Renders `-i template` in cwd with exactly `env` and the given datasource args. */
export function runOracle(
  bin: string,
  template: string,
  cwd: string,
  env: Record<string, string>,
  dsArgs: string[],
): Promise<OracleResult> {
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      [...dsArgs, '-i', template],
      { cwd, env, encoding: 'buffer' },
      (err, stdout, stderr) => {
        if (!err) return resolve({ output: stdout, error: null });
        const line = stderr.toString('utf8').trim().split('\n').pop() ?? '';
        try {
          resolve({ output: stdout, error: (JSON.parse(line) as { err: string }).err });
        } catch {
          reject(new Error(`oracle failed: ${stderr}`));
        }
      },
    );
  });
}

/** Writes a folder of fixture files. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
}
