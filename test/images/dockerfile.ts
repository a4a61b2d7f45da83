// A small Dockerfile parser for tests: parser directives, comments, line continuations
// (with the escape directive), heredocs, instruction flags, exec (JSON) form, and the
// shell-like word splitting that ARG/ENV/COPY/EXPOSE use. It follows the Dockerfile
// reference (https://docs.docker.com/reference/dockerfile/); it does not expand
// variables.

export interface Heredoc {
  name: string;
  body: string;
}

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, ... */
  keyword: string;
  /** Arguments after the flags, continuation lines joined with a single space. */
  args: string;
  /** Leading `--name=value` options (a flag may repeat, e.g. several --mount). */
  flags: Map<string, string[]>;
  /** The arguments as a list when written in exec (JSON array) form, else null. */
  exec: string[] | null;
  heredocs: Heredoc[];
  /** 1-based line of the keyword. */
  line: number;
  /** Index of the build stage (-1 for ARGs before the first FROM). */
  stage: number;
}

export interface Dockerfile {
  directives: Map<string, string>;
  instructions: Instruction[];
}

const DIRECTIVE = /^#\s*([a-zA-Z]+)\s*=\s*(.*?)\s*$/;
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const directives = new Map<string, string>();
  let i = 0;
  // Parser directives only count at the very top, before any blank line, other
  // comment or instruction.
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]);
    if (!m || directives.has(m[1].toLowerCase())) break;
    directives.set(m[1].toLowerCase(), m[2]);
  }
  const escape = directives.get('escape') ?? '\\';
  if (escape !== '\\' && escape !== '`') throw new Error(`invalid escape directive: ${escape}`);

  const instructions: Instruction[] = [];
  let stage = -1;
  while (i < lines.length) {
    const first = lines[i];
    const trimmed = first.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const line = i + 1;
    let logical = '';
    let current = first;
    for (;;) {
      const right = current.replace(/\s+$/, '');
      if (right.endsWith(escape)) {
        logical += right.slice(0, -1);
        i++;
        // Comment lines and empty lines inside a continuation are dropped.
        while (i < lines.length && /^\s*(#.*)?$/.test(lines[i])) i++;
        if (i >= lines.length) break;
        current = lines[i];
        continue;
      }
      logical += current;
      i++;
      break;
    }
    const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(logical);
    if (!match) continue;
    const keyword = match[1].toUpperCase();
    let rest = match[2].replace(/\s+/g, ' ').trim();

    const flags = new Map<string, string[]>();
    for (;;) {
      const flag = /^--([A-Za-z][\w-]*)(?:=(\S*))?(?:\s+|$)/.exec(rest);
      if (!flag) break;
      const values = flags.get(flag[1]) ?? [];
      values.push(flag[2] ?? '');
      flags.set(flag[1], values);
      rest = rest.slice(flag[0].length);
    }

    const heredocs: Heredoc[] = [];
    if (HEREDOC_KEYWORDS.has(keyword)) {
      for (const h of rest.matchAll(HEREDOC)) {
        const stripTabs = h[1] === '-';
        const body: string[] = [];
        for (;;) {
          if (i >= lines.length) throw new Error(`line ${line}: heredoc ${h[3]} is not terminated`);
          const raw = lines[i++];
          const candidate = stripTabs ? raw.replace(/^\t+/, '') : raw;
          if (candidate === h[3]) break;
          body.push(candidate);
        }
        heredocs.push({ name: h[3], body: body.length ? body.join('\n') + '\n' : '' });
      }
    }

    let exec: string[] | null = null;
    if (rest.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(rest);
        if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) exec = parsed;
      } catch {
        // Not valid JSON: Docker treats it as shell form, and so do we.
      }
    }
    if (keyword === 'FROM') stage++;
    instructions.push({ keyword, args: rest, flags, exec, heredocs, line, stage });
  }
  return { directives, instructions };
}

/** Shell-like words: whitespace splits, quotes group and are removed, backslash escapes. */
export function words(text: string): string[] {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && k + 1 < text.length) word += text[++k];
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && k + 1 < text.length) {
      word += text[++k];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} in: ${text}`);
  if (inWord) out.push(word);
  return out;
}

export function instructionsOf(df: Dockerfile, keyword: string): Instruction[] {
  return df.instructions.filter((ins) => ins.keyword === keyword);
}

export interface ArgDeclaration {
  name: string;
  default: string | undefined;
  stage: number;
}

/** ARG declarations; `ARG a=1 b` declares two. */
export function declaredArgs(df: Dockerfile): ArgDeclaration[] {
  return instructionsOf(df, 'ARG').flatMap((ins) =>
    words(ins.args).map((w) => {
      const eq = w.indexOf('=');
      return eq < 0
        ? { name: w, default: undefined, stage: ins.stage }
        : { name: w.slice(0, eq), default: w.slice(eq + 1), stage: ins.stage };
    }),
  );
}

/** ENV assignments in order (`ENV A=1 B="x y"` and the legacy `ENV A value`). */
export function envAssignments(df: Dockerfile): [string, string][] {
  return instructionsOf(df, 'ENV').flatMap((ins): [string, string][] => {
    const ws = words(ins.args);
    if (ws.length && !ws[0].includes('=')) return [[ws[0], ws.slice(1).join(' ')]];
    return ws.map((w): [string, string] => {
      const eq = w.indexOf('=');
      return [w.slice(0, eq), w.slice(eq + 1)];
    });
  });
}

/** FROM image of each stage. */
export function baseImages(df: Dockerfile): string[] {
  return instructionsOf(df, 'FROM').map((ins) => words(ins.args)[0]);
}

/** Source and destination of COPY/ADD (shell or exec form; heredoc names excluded). */
export function copySources(ins: Instruction): { sources: string[]; dest: string } {
  const parts = ins.exec ?? words(ins.args);
  const heredocNames = new Set(ins.heredocs.map((h) => h.name));
  const all = parts.filter((p) => !/^<<-?/.test(p) || !heredocNames.has(p.replace(/^<<-?/, '')));
  return { sources: all.slice(0, -1), dest: all[all.length - 1] ?? '' };
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let k = 0; k < glob.length; k++) {
    const ch = glob[k];
    if (ch === '*' && glob[k + 1] === '*') {
      re += '.*';
      k++;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Whether a path is sent to the builder under these .dockerignore rules: the last
 * matching pattern wins, `!` re-includes, a pattern also covers what lies below it.
 */
export function dockerignoreIncludes(dockerignore: string, path: string): boolean {
  let included = true;
  for (const raw of dockerignore.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    const pattern = (negate ? line.slice(1) : line).trim().replace(/^\/+|\/+$/g, '');
    const re = globToRegExp(pattern);
    const segments = path.split('/');
    const hit = segments.some((_, n) => re.test(segments.slice(0, n + 1).join('/')));
    if (hit) included = negate;
  }
  return included;
}
