// Tokenizer for the HCL (version 1) subset Vault policies use. Kept apart from the parser so
// each stays small; positions are 1-based like HCL's "At line:col:" messages.
import { HclError } from './hcl-error.js';

export type TokType = 'ident' | 'string' | 'number' | 'bool' | 'punct' | 'eof';
export interface Tok {
  type: TokType;
  value: string;
  line: number;
  col: number;
}

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const err = (msg: string, at = i): never => {
    throw new HclError(`At ${line}:${at - lineStart + 1}: ${msg}`);
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      line++;
      lineStart = ++i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && src[i + 1] === '/')) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) err('comment not terminated');
      for (let j = i; j < end; j++) if (src[j] === '\n') (line++, (lineStart = j + 1));
      i = end + 2;
      continue;
    }
    const col = i - lineStart + 1;
    if ('{}[]=,:'.includes(c)) {
      toks.push({ type: 'punct', value: c, line, col });
      i++;
      continue;
    }
    if (c === '"') {
      let out = '';
      i++;
      for (;;) {
        if (i >= src.length || src[i] === '\n') err('literal not terminated', i);
        const ch = src[i];
        if (ch === '"') break;
        if (ch === '\\') {
          const e = src[i + 1];
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
          if (e in map) {
            out += map[e];
            i += 2;
          } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
            out += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
            i += 6;
          } else err(`invalid escape sequence "\\${e ?? ''}"`, i);
          continue;
        }
        out += ch;
        i++;
      }
      i++;
      toks.push({ type: 'string', value: out, line, col });
      continue;
    }
    if (c === '<' && src[i + 1] === '<') {
      const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(src.slice(i));
      if (!m) err('heredoc expected marker');
      const [head, indent, marker] = m as RegExpExecArray;
      const startLine = line;
      let j = i + head.length;
      const bodyLines: string[] = [];
      for (;;) {
        if (j >= src.length) err(`heredoc not terminated (${marker})`);
        const nl = src.indexOf('\n', j);
        const text = (nl < 0 ? src.slice(j) : src.slice(j, nl)).replace(/\r$/, '');
        line++;
        if ((indent ? text.trim() : text) === marker) {
          j = nl < 0 ? src.length : nl;
          break;
        }
        bodyLines.push(text);
        j = nl < 0 ? src.length : nl + 1;
      }
      let body = bodyLines;
      if (indent) {
        const pad = Math.min(
          ...bodyLines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length),
        );
        body = bodyLines.map((l) => l.slice(Number.isFinite(pad) ? pad : 0));
      }
      toks.push({
        type: 'string',
        value: body.map((l) => l + '\n').join(''),
        line: startLine,
        col,
      });
      lineStart = j;
      i = j;
      continue;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      toks.push({ type: 'number', value: num[0], line, col });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_\-.]*/.exec(src.slice(i));
    if (id) {
      const isBool = id[0] === 'true' || id[0] === 'false';
      toks.push({ type: isBool ? 'bool' : 'ident', value: id[0], line, col });
      i += id[0].length;
      continue;
    }
    err(`illegal char "${c}"`);
  }
  toks.push({ type: 'eof', value: '', line, col: i - lineStart + 1 });
  return toks;
}
