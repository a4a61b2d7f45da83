import { createRequire } from 'node:module';
import { TaskError } from '../core/index.js';

/**
 * Sets one KEY=VALUE in an env file's text, leaving every other byte as it was:
 * the last assignment of KEY is replaced in place (dotenv lets later lines win),
 * or the line is appended. Assignments are found with dotenv's own grammar, so a
 * `KEY=` line inside another key's multi-line quoted value is not mistaken for one.
 */
export const ENV_KEY = /^[A-Z_][A-Z0-9_]*$/;

// dotenv 16's LINE expression, with groups for the separator and the value (and `d` for their offsets).
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

type Parse = (src: string) => Record<string, string>;
let dotenvParse: Parse | undefined;
const parse: Parse = (src) =>
  (dotenvParse ??= (createRequire(import.meta.url)('dotenv') as { parse: Parse }).parse)(src);

export function setEnvValue(text: string, key: string, value: string): string {
  const before = parse(text);
  const span = lastAssignment(text, key);
  const eol = /\r\n/.test(text) && !/(^|[^\r])\n/.test(text) ? '\r\n' : '\n';
  for (const formatted of candidates(value)) {
    const line = `${key}=${formatted}`;
    const after = span
      ? text.slice(0, span.start) + line + text.slice(span.end)
      : `${text}${text === '' || /[\r\n]$/.test(text) ? '' : eol}${line}${eol}`;
    if (readsBack(before, parse(after), key, value)) return after;
  }
  throw new TaskError(
    `cannot write ${key} so that it reads back unchanged`,
    'edit .env.local by hand',
  );
}

/** Ways to write the value, plainest first; the first that dotenv reads back unchanged is used. */
function* candidates(value: string): Generator<string> {
  if (/^[A-Za-z0-9_./:@,+%=-]*$/.test(value)) yield value;
  // A quote the value does not contain first (what a person would write), then the rest:
  // dotenv strips matching outer quotes, so those can still read back.
  const quoted = [`'${value}'`, `"${value}"`, `\`${value}\``];
  if (!/\r/.test(value)) {
    yield* quoted.filter((q) => !value.includes(q[0]!));
    yield* quoted.filter((q) => value.includes(q[0]!));
  }
  // Only double quotes expand \n and \r; they cannot hold a " though.
  yield `"${value.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
}

/** The new file gives KEY the value and every other key what it had. */
function readsBack(
  before: Record<string, string>,
  after: Record<string, string>,
  key: string,
  value: string,
): boolean {
  if (after[key] !== value) return false;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete(key);
  for (const k of keys) if (before[k] !== after[k]) return false;
  return true;
}

interface Span {
  start: number;
  end: number;
}

/** Where the last assignment of `key` sits: from the key to the end of its value. */
function lastAssignment(text: string, key: string): Span | undefined {
  // dotenv reads \r\n and \r as \n; match on that form and map offsets back.
  const { normal, offsets } = normalizeBreaks(text);
  let found: Span | undefined;
  LINE.lastIndex = 0;
  for (let m = LINE.exec(normal); m; m = LINE.exec(normal)) {
    if (m[1] !== key) continue;
    const [keyStart] = m.indices![1]!;
    const sepEnd = m.indices![2]![1];
    const end = m[3] === undefined ? sepEnd : m.indices![3]![0] + m[3].trimEnd().length;
    found = { start: offsets[keyStart]!, end: offsets[end]! };
  }
  return found;
}

function normalizeBreaks(text: string): { normal: string; offsets: number[] } {
  let normal = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    offsets.push(i);
    if (text[i] === '\r') {
      normal += '\n';
      if (text[i + 1] === '\n') i++;
    } else normal += text[i];
  }
  offsets.push(text.length);
  return { normal, offsets };
}
