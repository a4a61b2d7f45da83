import { rmSync } from 'node:fs';

/**
 * What must not outlive an interrupted run: temp files and child processes.
 * The CLI calls `runAll` on Ctrl-C/SIGTERM and at the end of every run.
 */
export class Cleanup {
  private readonly paths = new Set<string>();
  private readonly actions = new Set<() => void>();

  /** A temp file or folder removed at the end of the run, whatever happens. */
  addPath(path: string): string {
    this.paths.add(path);
    return path;
  }

  removePath(path: string): void {
    this.paths.delete(path);
  }

  /** A synchronous action (kill a child, close a server); returns its remover. */
  add(action: () => void): () => void {
    this.actions.add(action);
    return () => this.actions.delete(action);
  }

  runAll(): void {
    for (const action of [...this.actions]) {
      try {
        action();
      } catch {
        // best effort: one failing action must not keep the others from running
      }
    }
    this.actions.clear();
    for (const path of this.paths) rmSync(path, { recursive: true, force: true });
    this.paths.clear();
  }
}
