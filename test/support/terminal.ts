import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI } from './cli.js';

/**
 * Runs the CLI in a pseudo-terminal (util-linux `script`) and types `answer` once the output
 * shows `question`. Resolves with the exit code and everything the terminal showed.
 */
export function runInTerminal(
  args: string[],
  env: Record<string, string>,
  question: string,
  answer: string,
): Promise<{ code: number | null; out: string }> {
  if (!existsSync('/usr/bin/script'))
    throw new Error('script is missing; run: apt-get install -y bsdutils');
  const cmd = [process.execPath, CLI, ...args]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const child = spawn('/usr/bin/script', ['-qfec', cmd, '/dev/null'], {
    env: { ...env, NO_COLOR: '1', TERM: 'dumb' },
    cwd: env.HOME,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let answered = false;
  const onData = (d: Buffer) => {
    out += d.toString();
    if (!answered && out.includes(question)) {
      answered = true;
      child.stdin.write(`${answer}\r`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer in a terminal after 20 s:\n${out}`));
    }, 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}
