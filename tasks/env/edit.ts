/**
 * Sets one KEY=VALUE in an env file's text, leaving every other byte as it was:
 * the last assignment of KEY is replaced in place (dotenv lets later lines win),
 * or the line is appended.
 */
export const ENV_KEY = /^[A-Z_][A-Z0-9_]*$/;

export function setEnvValue(text: string, key: string, value: string): string {
  const line = `${key}=${formatValue(value)}`;
  const span = lastAssignment(text, key);
  if (span) return text.slice(0, span.start) + span.prefix + line + text.slice(span.end);
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${sep}${line}\n`;
}

/** Quotes a value so dotenv reads it back unchanged. */
export function formatValue(value: string): string {
  if (/^[A-Za-z0-9_./:@,+%=-]*$/.test(value)) return value;
  if (value.includes('\n') || value.includes('\r')) {
    return `"${value.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
  }
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  return `\`${value}\``;
}

interface Span {
  start: number;
  end: number;
  prefix: string;
}

function lastAssignment(text: string, key: string): Span | undefined {
  const head = new RegExp(`^([ \\t]*(?:export[ \\t]+)?)${key}[ \\t]*=[ \\t]*`, 'gm');
  let found: Span | undefined;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const valueStart = m.index + m[0].length;
    found = { start: m.index, end: valueEnd(text, valueStart), prefix: m[1]! };
  }
  return found;
}

/** End of the value (before the line break), following a quoted value across lines. */
function valueEnd(text: string, from: number): number {
  const quote = text[from];
  if (quote === '"' || quote === "'" || quote === '`') {
    for (let i = from + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === quote) return lineEnd(text, i + 1);
    }
  }
  return lineEnd(text, from);
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  const end = nl === -1 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
}
