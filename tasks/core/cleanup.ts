import { rmSync } from 'node:fs';

/** A running child process as cleanup sees it (tasks/core/process.ts makes them). */
export interface StoppableChild {
  /** SIGTERM, then SIGKILL after a grace period */
  stop(): void;
  /** SIGKILL at once */
  kill(): void;
  readonly exited: Promise<unknown>;
}

/**
 * What must not outlive an interrupted run: temp files and child processes.
 * The CLI calls `runAll` on Ctrl-C/SIGTERM and at the end of every run.
 */
export class Cleanup {
  private readonly paths = new Set<string>();
  private readonly actions = new Set<() => void>();
  private readonly children = new Set<StoppableChild>();
  /** set by runAll: the run is ending, nothing new may start */
  ending = false;

  /** A temp file or folder removed at the end of the run, whatever happens. */
  addPath(path: string): string {
    this.paths.add(path);
    return path;
  }

  removePath(path: string): void {
    this.paths.delete(path);
  }

  /** A synchronous action (close a server); returns its remover. */
  add(action: () => void): () => void {
    this.actions.add(action);
    return () => this.actions.delete(action);
  }

  /** A child process stopped by `runAll` until it has ended; returns its remover. */
  addChild(child: StoppableChild): () => void {
    this.children.add(child);
    return () => this.children.delete(child);
  }

  /**
   * Stops every child still running (each in two stages, so this ends within the grace
   * period even for a child that ignores SIGTERM), runs the actions, removes the paths.
   * Children get their signal at once; the promise says when the last has ended.
   */
  runAll(): Promise<void> {
    this.ending = true;
    const children = [...this.children];
    for (const child of children) child.stop();
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
    return Promise.all(children.map((c) => c.exited)).then(() => undefined);
  }

  /** Kills every child still running at once (a second Ctrl-C: no more waiting). */
  killAll(): void {
    for (const child of this.children) child.kill();
  }
}
