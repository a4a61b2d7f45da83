import { UsageError } from './errors.js';

/** What a command line that runs no recipe asks for, besides the global flags. */
export interface CliOptions {
  /** the namespace or ns:recipe named, if any */
  target?: string;
  json: boolean;
  completions?: string;
}

/**
 * Options of the CLI itself, read only when no recipe runs: a recipe may have a
 * flag of the same name (jupyterhub:setup-claude-mcp-server --json), which stays its own.
 * Any other word starting with `-` is a usage error, never a namespace name.
 */
export function readCliOptions(words: readonly string[]): CliOptions {
  const options: CliOptions = { json: false };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--json') options.json = true;
    else if (word === '--completions' || word.startsWith('--completions=')) {
      const value = word.includes('=') ? word.slice(word.indexOf('=') + 1) : words[++i];
      if (!value || value.startsWith('-'))
        throw new UsageError('--completions needs a shell', 'usage: --completions bash|zsh|fish');
      options.completions = value;
    } else if (word.startsWith('-'))
      throw new UsageError(`unknown option ${word}`, 'run `npx tasks --help` for the global flags');
    else options.target ??= word;
  }
  return options;
}
