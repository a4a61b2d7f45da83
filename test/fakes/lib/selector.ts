// Label selectors as kubectl -l takes them: equality (=, ==, !=), existence (k, !k) and
// set-based (in, notin), comma-separated and ANDed.
import { CliError } from './io.js';

type Test = (labels: Record<string, string>) => boolean;

function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim());
}

export function parseSelector(text: string): Test {
  const tests: Test[] = [];
  for (const req of splitTop(text)) {
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(req))) {
      const [, key, op, vals] = m;
      const set = vals.split(',').map((v) => v.trim());
      tests.push((l) =>
        op === 'in' ? key in l && set.includes(l[key]) : !(key in l) || !set.includes(l[key]),
      );
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(req))) {
      const [, key, op, val] = m;
      tests.push((l) => (op === '!=' ? l[key] !== val : l[key] === val));
    } else if ((m = /^(!?)([\w./-]+)$/.exec(req))) {
      const [, neg, key] = m;
      tests.push((l) => (neg ? !(key in l) : key in l));
    } else {
      throw new CliError(
        1,
        `error: unable to parse requirement: found '${req}', expected: identifier`,
      );
    }
  }
  return (labels) => tests.every((t) => t(labels));
}
