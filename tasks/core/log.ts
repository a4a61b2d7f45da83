import type { Secrets } from './secrets.js';
import { isTerminal } from './stdout.js';
import { plainStyle, type Style } from './style.js';

export interface LogOptions {
  quiet: boolean;
  verbose: boolean;
  /** colours (plain unless the CLI loaded chalk for a terminal) */
  style?: Style;
  /** stderr by default; tests pass a collector */
  write?: (text: string) => void;
  /** whether stderr is a terminal (spinners only then) */
  tty?: boolean;
}

/**
 * Operator-facing lines on stderr. Every byte goes through the run's redaction,
 * so a secret can only reach the terminal through `Ctx.out` (deliberate results).
 */
export class Logger {
  readonly style: Style;
  readonly tty: boolean;
  private readonly sink: (text: string) => void;

  constructor(
    private readonly secrets: Secrets,
    readonly options: LogOptions,
  ) {
    this.style = options.style ?? plainStyle;
    this.sink = options.write ?? ((text) => process.stderr.write(text));
    this.tty = options.tty ?? isTerminal(2);
  }

  /** Writes raw text (already formatted), redacted. */
  print(text: string): void {
    this.sink(this.secrets.redact(text));
  }

  line(text = ''): void {
    this.print(`${text}\n`);
  }

  step(text: string): void {
    this.line(`${this.style.cyan('→')} ${text}`);
  }

  ok(text: string): void {
    this.line(`${this.style.green('✓')} ${text}`);
  }

  warn(text: string): void {
    this.line(`${this.style.yellow('!')} ${text}`);
  }

  fail(text: string): void {
    this.line(`${this.style.red('✗')} ${text}`);
  }

  /** Progress detail; hidden by --quiet. */
  info(text: string): void {
    if (!this.options.quiet) this.line(text);
  }

  /** Echo of an external command before it runs: dimmed, hidden by --quiet. */
  command(line: string, planned = false): void {
    if (this.options.quiet && !planned) return;
    this.line(this.style.dim(planned ? line : `$ ${line}`));
  }

  /** Output of an external command; only with --verbose. */
  output(text: string): void {
    if (this.options.verbose && text.trim())
      this.print(this.style.dim(text.endsWith('\n') ? text : `${text}\n`));
  }

  debug(text: string): void {
    if (this.options.verbose) this.line(this.style.dim(text));
  }
}
