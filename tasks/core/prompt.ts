import { InterruptedError, TaskError } from './errors.js';
import type { Logger } from './log.js';
import type { Secrets } from './secrets.js';

export interface PromptOptions {
  /** stdin is a terminal, CI is not set and --yes was not given */
  interactive: boolean;
  yes: boolean;
  log: Logger;
  secrets: Secrets;
  /** the cluster a destructive question is about, in words (kube context and API server) */
  target?: () => Promise<string>;
}

export interface TextQuestion {
  /** the variable an operator sets to avoid the question */
  variable: string;
  /** the question fills a recipe argument rather than a variable */
  argument?: boolean;
  message: string;
  default?: string;
  validate?: (value: string) => string | true;
}

export interface Choice {
  value: string;
  name?: string;
}

/**
 * The gum replacement. Without a terminal a missing text value is an error that
 * names the variable; a yes/no question takes its documented default and says so.
 */
export class Prompter {
  constructor(private readonly options: PromptOptions) {}

  get interactive(): boolean {
    return this.options.interactive;
  }

  async input(q: TextQuestion): Promise<string> {
    if (!this.options.interactive) throw missing(q);
    const { input } = await import('@inquirer/prompts');
    return ask(() => input({ message: q.message, default: q.default, validate: q.validate }));
  }

  /** Hidden input; the answer is registered as a secret at once. */
  async password(q: TextQuestion): Promise<string> {
    if (!this.options.interactive) throw missing(q);
    const { password } = await import('@inquirer/prompts');
    const value = await ask(() =>
      password({ message: q.message, mask: '*', validate: q.validate }),
    );
    return this.options.secrets.add(value, q.variable);
  }

  /**
   * A feature switch or choice. Non-interactive: `nonInteractive` is taken and
   * printed, with the variable that would decide it.
   */
  async confirm(q: {
    message: string;
    variable?: string;
    default?: boolean;
    nonInteractive: boolean;
  }): Promise<boolean> {
    if (!this.options.interactive) {
      const how = q.variable ? ` (set ${q.variable} to decide)` : '';
      this.options.log.info(
        `${q.message} → ${q.nonInteractive ? 'yes' : 'no'} (non-interactive default)${how}`,
      );
      return q.nonInteractive;
    }
    const { confirm } = await import('@inquirer/prompts');
    return ask(() => confirm({ message: q.message, default: q.default ?? false }));
  }

  /**
   * Before destroying something: `--yes` answers yes; without a terminal the
   * answer is no, and the caller stops with a hint to pass --yes.
   */
  async confirmDestructive(message: string): Promise<boolean> {
    if (this.options.yes) return true;
    if (!this.options.interactive) return false;
    const target = await this.options.target?.();
    const { confirm } = await import('@inquirer/prompts');
    return ask(() =>
      confirm({ message: target ? `${message} (${target})` : message, default: false }),
    );
  }

  async select(q: TextQuestion & { choices: Choice[] }): Promise<string> {
    if (!this.options.interactive) {
      if (q.default !== undefined) return q.default;
      throw missing(q);
    }
    const { select } = await import('@inquirer/prompts');
    return ask(() => select({ message: q.message, choices: q.choices, default: q.default }));
  }
}

const missing = (q: TextQuestion) =>
  q.argument
    ? new TaskError(`argument <${q.variable}> is required`, 'pass it on the command line')
    : new TaskError(`${q.variable} is required: set it in .env.local or the environment`);

/** Ctrl-C inside a prompt becomes our interrupt (exit 130, no stack). */
async function ask<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Error && err.name === 'ExitPromptError') throw new InterruptedError();
    throw err;
  }
}
