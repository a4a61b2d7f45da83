// vault-token-renewer.sh: shellcheck-clean, the Go-duration conversion under dash
// and busybox sh, and its renewal loop against a fake `vault` CLI.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TEMPLATES_DIR } from './render.js';
import { run, shellcheck, which, type RunResult } from './tools.js';

const Renewer = suite('jupyterhub vault-token-renewer.sh');

const SCRIPT = join(TEMPLATES_DIR, 'vault-token-renewer.sh');

interface Shell {
  name: string;
  argv: string[];
  /** PATH for the loop tests; the fake vault's folder is put first. */
  path: (fakeBin: string) => string;
}

// busybox is what the hashicorp/vault image has; when it is installed, its shell
// runs with only busybox applets on PATH, as in the image.
const BUSYBOX_APPLETS = ['cat', 'date', 'kill', 'mv', 'rm', 'sleep', 'tr'];
const busybox = which('busybox');
const SHELLS: Shell[] = [
  { name: 'sh (dash)', argv: ['sh'], path: (bin) => `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` },
  ...(busybox
    ? [
        {
          name: 'busybox sh',
          argv: [busybox, 'sh'],
          path: (bin: string) => {
            for (const applet of BUSYBOX_APPLETS) symlinkSync(busybox, join(bin, applet));
            return bin;
          },
        },
      ]
    : []),
];

Renewer('passes shellcheck as POSIX sh', () => {
  const r = run(shellcheck(), ['-s', 'sh', SCRIPT]);
  assert.is(r.status, 0, r.stdout + r.stderr);
});

// [input, seconds or null for invalid]
const DURATIONS: [string, number | null][] = [
  ['24h', 86400],
  ['1h30m', 5400],
  ['90m', 5400],
  ['45s', 45],
  ['3600', 3600],
  ['1h0m0s', 3600],
  ['0', 0],
  ['0s', 0],
  ['168h', 604800],
  ['1.5h', 5400],
  ['.5m', 30],
  ['2h45m30.5s', 9930],
  ['500ms', 1],
  ['1500ms', 1],
  ['+5m', 300],
  ['7d', 604800],
  ['0010', 10],
  ['08', 8],
  ['', null],
  ['x', null],
  ['5x', null],
  ['-5m', null],
  ['h', null],
  ['1h5', null],
  ['.', null],
  ['1d2h', null],
  ['24 h', null],
  ['9999999999999999999999h', null],
];

// [ttl seconds, interval]
const INTERVALS: [number, number][] = [
  [86400, 43200],
  [5400, 2700],
  [100, 50],
  [61, 30],
  [45, 30],
  [1, 30],
  [0, 43200],
];

const DRIVER = `
. "$1"
shift
for d in "$@"; do
  if s=$(duration_to_seconds "$d"); then printf '%s=%s\\n' "$d" "$s"; else printf '%s=invalid\\n' "$d"; fi
done
for t in ${INTERVALS.map(([t]) => t).join(' ')}; do printf 'interval %s=%s\\n' "$t" "$(renewal_interval "$t")"; done
`;

for (const shell of SHELLS) {
  Renewer(`${shell.name}: Go durations convert to seconds; interval is TTL/2, min 30 s, 43200 for 0`, () => {
    const [cmd, ...pre] = shell.argv as [string, ...string[]];
    const r = run(cmd, [...pre, '-c', DRIVER, 'driver', SCRIPT, ...DURATIONS.map(([d]) => d)], {
      env: { PATH: process.env.PATH, RENEWER_SOURCE_ONLY: '1' },
    });
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stderr, '', 'sourcing in library mode prints nothing and runs nothing');
    const expected = [
      ...DURATIONS.map(([d, s]) => `${d}=${s ?? 'invalid'}`),
      ...INTERVALS.map(([t, i]) => `interval ${t}=${i}`),
    ];
    assert.equal(r.stdout.trimEnd().split('\n'), expected);
  });
}

// A stand-in for the vault CLI: logs "args|VAULT_TOKEN" per call, renews only the
// token named in $FAKE_VAULT_VALID, prints the token like the real CLI does, and
// on a failed renewal can simulate External Secrets replacing the mounted token.
const FAKE_VAULT = `#!/bin/sh
printf '%s|%s\\n' "$*" "$VAULT_TOKEN" >>"$FAKE_VAULT_LOG"
case "$1 $2" in
  "token renew")
    if [ "$VAULT_TOKEN" = "$FAKE_VAULT_VALID" ]; then
      printf 'token  %s\\ntoken_renewable  true\\n' "$VAULT_TOKEN"
      exit 0
    fi
    if [ -n "$FAKE_VAULT_ROTATE_TO" ]; then
      printf '%s\\n' "$FAKE_VAULT_ROTATE_TO" >"$RENEWER_ADMIN_TOKEN_FILE"
    fi
    echo "Error renewing token: permission denied" >&2
    exit 2
    ;;
  "token lookup")
    [ "$FAKE_VAULT_LOOKUP_OK" = 1 ] && exit 0
    exit 2
    ;;
esac
echo "fake vault: unexpected arguments: $*" >&2
exit 64
`;

interface Sandbox {
  dir: string;
  adminFile: string;
  tokenFile: string;
  env: NodeJS.ProcessEnv;
  vaultCalls: () => string[];
  cleanup: () => void;
}

function sandbox(shell: Shell, env: Record<string, string> = {}): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'renewer-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  mkdirSync(join(dir, 'admin-token'));
  mkdirSync(join(dir, 'secrets'));
  writeFileSync(join(bin, 'vault'), FAKE_VAULT);
  chmodSync(join(bin, 'vault'), 0o755);
  const adminFile = join(dir, 'admin-token', 'token');
  const tokenFile = join(dir, 'secrets', 'vault-token');
  const log = join(dir, 'vault.log');
  writeFileSync(log, '');
  return {
    dir,
    adminFile,
    tokenFile,
    env: {
      PATH: shell.path(bin),
      VAULT_ADDR: 'http://127.0.0.1:1',
      RENEWER_ADMIN_TOKEN_FILE: adminFile,
      RENEWER_TOKEN_FILE: tokenFile,
      RENEWER_SLEEP_SECONDS: '0',
      FAKE_VAULT_LOG: log,
      FAKE_VAULT_VALID: 'tok-A',
      FAKE_VAULT_ROTATE_TO: '',
      FAKE_VAULT_LOOKUP_OK: '1',
      JUPYTERHUB_VAULT_TOKEN_TTL: '1h30m',
      ...env,
    },
    vaultCalls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function runRenewer(shell: Shell, box: Sandbox): RunResult {
  const [cmd, ...pre] = shell.argv as [string, ...string[]];
  return run(cmd, [...pre, SCRIPT], { env: box.env, timeout: 20_000 });
}

const TIMESTAMPED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \[vault-token-renewer\] /;

function assertLogClean(out: string, ...tokens: string[]): void {
  for (const line of out.trimEnd().split('\n')) assert.match(line, TIMESTAMPED);
  for (const t of tokens) assert.not.ok(out.includes(t), `the log shows token ${t}`);
}

for (const shell of SHELLS) {
  Renewer(`${shell.name}: one iteration copies the token and renews it`, () => {
    const box = sandbox(shell, { RENEWER_MAX_ITERATIONS: '1' });
    try {
      writeFileSync(box.adminFile, 'tok-A\n');
      const r = runRenewer(shell, box);
      assert.is(r.status, 0, r.stdout + r.stderr);
      assert.is(readFileSync(box.tokenFile, 'utf8'), 'tok-A\n');
      assert.equal(box.vaultCalls(), ['token renew|tok-A']);
      assert.match(r.stdout, 'Token TTL 1h30m = 5400s');
      assert.match(r.stdout, 'Renewing every 2700s');
      assert.match(r.stdout, 'Token renewed');
      assertLogClean(r.stdout, 'tok-A');
    } finally {
      box.cleanup();
    }
  });

  Renewer(`${shell.name}: a failed renewal re-reads the mounted token, rewrites the file and switches`, () => {
    const box = sandbox(shell, {
      RENEWER_MAX_ITERATIONS: '2',
      FAKE_VAULT_VALID: 'tok-B',
      FAKE_VAULT_ROTATE_TO: 'tok-B',
    });
    try {
      writeFileSync(box.adminFile, 'tok-A\n');
      const r = runRenewer(shell, box);
      assert.is(r.status, 0, r.stdout + r.stderr);
      assert.equal(box.vaultCalls(), ['token renew|tok-A', 'token renew|tok-B']);
      assert.is(readFileSync(box.tokenFile, 'utf8'), 'tok-B\n');
      assert.match(r.stdout, 'token renewal failed');
      assert.match(r.stdout, 'Switched to the new mounted token');
      assert.match(r.stdout, 'Token renewed');
      assertLogClean(r.stdout, 'tok-A', 'tok-B');
    } finally {
      box.cleanup();
    }
  });

  Renewer(`${shell.name}: a failed renewal with an unchanged mounted token keeps it and retries`, () => {
    const box = sandbox(shell, { RENEWER_MAX_ITERATIONS: '2', FAKE_VAULT_VALID: 'none' });
    try {
      writeFileSync(box.adminFile, 'tok-A');
      const r = runRenewer(shell, box);
      assert.is(r.status, 0, r.stdout + r.stderr);
      assert.equal(box.vaultCalls(), ['token renew|tok-A', 'token renew|tok-A']);
      assert.is(readFileSync(box.tokenFile, 'utf8'), 'tok-A\n');
      assert.match(r.stdout, 'unchanged');
      assertLogClean(r.stdout, 'tok-A');
    } finally {
      box.cleanup();
    }
  });

  Renewer(`${shell.name}: an empty admin token file is an error`, () => {
    const box = sandbox(shell, { RENEWER_MAX_ITERATIONS: '1' });
    try {
      writeFileSync(box.adminFile, '\n');
      const r = runRenewer(shell, box);
      assert.is(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, `ERROR: the admin token file ${box.adminFile} is empty`);
      assert.equal(box.vaultCalls(), []);
    } finally {
      box.cleanup();
    }
  });

  Renewer(`${shell.name}: TTL unset → 300 s when lookup works, else 86400 s`, () => {
    for (const [lookup, ttl, interval] of [
      ['1', 300, 150],
      ['0', 86400, 43200],
    ] as const) {
      const box = sandbox(shell, {
        RENEWER_MAX_ITERATIONS: '1',
        JUPYTERHUB_VAULT_TOKEN_TTL: '',
        FAKE_VAULT_LOOKUP_OK: lookup,
      });
      try {
        writeFileSync(box.adminFile, 'tok-A');
        const r = runRenewer(shell, box);
        assert.is(r.status, 0, r.stdout + r.stderr);
        assert.match(r.stdout, `assuming a TTL of ${ttl}s`);
        assert.match(r.stdout, `Renewing every ${interval}s`);
        assert.equal(box.vaultCalls(), ['token lookup|tok-A', 'token renew|tok-A']);
      } finally {
        box.cleanup();
      }
    }
  });

  Renewer(`${shell.name}: an invalid TTL is logged and renewal falls back to every 150 s`, () => {
    const box = sandbox(shell, { RENEWER_MAX_ITERATIONS: '1', JUPYTERHUB_VAULT_TOKEN_TTL: '1 day' });
    try {
      writeFileSync(box.adminFile, 'tok-A');
      const r = runRenewer(shell, box);
      assert.is(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, "WARNING: JUPYTERHUB_VAULT_TOKEN_TTL='1 day' is not a duration");
      assert.match(r.stdout, 'Renewing every 150s');
    } finally {
      box.cleanup();
    }
  });
}

/** Starts the renewer in the background; resolves with its exit code and output. */
function startRenewer(shell: Shell, box: Sandbox) {
  const [cmd, ...pre] = shell.argv as [string, ...string[]];
  const child = spawn(cmd, [...pre, SCRIPT], { env: box.env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitFor = async (text: string, ms = 10_000): Promise<void> => {
    const end = Date.now() + ms;
    while (!out.includes(text)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${JSON.stringify(text)} in:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, done, waitFor, output: () => out };
}

for (const shell of SHELLS) {
  Renewer(`${shell.name}: waits for the admin token to appear`, async () => {
    const box = sandbox(shell, { RENEWER_MAX_ITERATIONS: '1', RENEWER_WAIT_SECONDS: '1' });
    try {
      const r = startRenewer(shell, box);
      await r.waitFor('Waiting for the admin token');
      writeFileSync(box.adminFile, 'tok-A\n');
      assert.is(await r.done, 0, r.output());
      assert.match(r.output(), 'Token renewed');
    } finally {
      box.cleanup();
    }
  });

  Renewer(`${shell.name}: SIGTERM during the sleep stops it at once`, async () => {
    const box = sandbox(shell, { RENEWER_SLEEP_SECONDS: '600' });
    try {
      writeFileSync(box.adminFile, 'tok-A\n');
      const r = startRenewer(shell, box);
      await r.waitFor('Token renewed');
      const started = Date.now();
      r.child.kill('SIGTERM');
      assert.is(await r.done, 0, r.output());
      assert.ok(Date.now() - started < 5000, 'stopped within 5 s');
      assert.match(r.output(), 'Stopping');
    } finally {
      box.cleanup();
    }
  });
}

Renewer.run();
