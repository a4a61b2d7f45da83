// Reading and writing the state file. Calls run in parallel (tests start several CLIs at
// once), so every read-modify-write happens under an exclusive lock file and the new
// state replaces the old by an atomic rename: readers never see half a file.
import {
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { emptyCluster, type ClusterState } from './types.js';
import { sleepSync } from './io.js';

const LOCK_TIMEOUT_MS = 20_000;

/** Fills fields a hand-written or older state may lack, so commands need no null checks. */
export function normalize(raw: Partial<ClusterState>): ClusterState {
  const base = emptyCluster();
  const s = { ...base, ...raw } as ClusterState;
  s.simulations ??= {};
  s.internal = { ...base.internal, ...(raw.internal ?? {}) };
  s.internal.pendingDeployments ??= {};
  for (const k of ['crds', 'objects', 'releases', 'helmRepos', 'builds', 'pushes'] as const)
    (s as any)[k] ??= [];
  s.services ??= {};
  s.images ??= {};
  s.chartIndex ??= {};
  return s;
}

export function readState(path: string): ClusterState {
  return normalize(JSON.parse(readFileSync(path, 'utf8')));
}

function writeState(path: string, s: ClusterState): void {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, JSON.stringify(s, null, 2));
  renameSync(tmp, path);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function withLock<T>(path: string, fn: () => T): T {
  const lock = `${path}.lock`;
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A holder that died (SIGKILL) leaves its lock behind: take it over.
      let holder = NaN;
      try {
        holder = Number(readFileSync(lock, 'utf8'));
      } catch {
        continue;
      }
      if (holder && !pidAlive(holder)) {
        // Only if the lock still names the dead holder: one that exited normally removed
        // its lock first, and the file there now may be a live newcomer's (empty or its pid).
        try {
          if (readFileSync(lock, 'utf8') === String(holder)) unlinkSync(lock);
        } catch {
          /* someone else removed it first */
        }
        continue;
      }
      if (Date.now() > deadline) throw new Error(`fake state: lock ${lock} held too long`);
      sleepSync(2 + Math.floor(Math.random() * 5));
    }
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      /* already gone */
    }
  }
}

/** Runs fn on the current state under the lock and saves what it changed. */
export function mutate<T>(path: string, fn: (s: ClusterState) => T): T {
  return withLock(path, () => {
    const s = readState(path);
    const result = fn(s);
    writeState(path, s);
    return result;
  });
}

export function initState(path: string, s: ClusterState): void {
  writeState(path, s);
}
