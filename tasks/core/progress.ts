import type { Logger } from './log.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
// Without a terminal, repeat the status at most this often so CI logs show life, not noise.
const PLAIN_REPEAT_MS = 15_000;

export interface Progress {
  /** Replace the status text (e.g. "hub 0/1, proxy 1/1"). */
  update(status: string): void;
  /** Stop the spinner; prints nothing further. */
  stop(): void;
}

/**
 * A spinner with elapsed time on a terminal; plain lines on status changes (and
 * every 15 s) otherwise. Every wait in the project shows one of these.
 */
export function startProgress(log: Logger, label: string): Progress {
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
  let status = '';

  if (!log.tty || log.options.quiet) {
    let lastPrinted = '';
    let lastTime = 0;
    const printPlain = (force: boolean) => {
      const text = `${label}${status ? `: ${status}` : ''}`;
      if (force || text !== lastPrinted || Date.now() - lastTime >= PLAIN_REPEAT_MS) {
        log.info(`  … ${text} (${elapsed()})`);
        lastPrinted = text;
        lastTime = Date.now();
      }
    };
    printPlain(true);
    return {
      update(next) {
        status = next;
        printPlain(false);
      },
      stop() {},
    };
  }

  let frame = 0;
  const draw = () => {
    const text = `${FRAMES[frame++ % FRAMES.length]} ${label}${status ? `: ${status}` : ''} ${log.style.dim(elapsed())}`;
    log.print(`\r\x1b[2K${text}`);
  };
  draw();
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    update(next) {
      status = next;
    },
    stop() {
      clearInterval(timer);
      log.print('\r\x1b[2K');
    },
  };
}
