// The JSONPath grammar gomplate v4 uses: Kubernetes' client-go util/jsonpath (the kubectl
// `-o jsonpath` language), parsed rune by rune with its own quirks kept — `{…}` actions,
// `..` recursion, `[i]`/`[a:b:c]`/`[x,y]`/`['key']`, `[?(left op right)]` filters, quoted
// text, numbers, `true`/`false` and the `range`/`end` identifiers — and its error texts.
import { isPrint, toBytes, fromBytes } from '../gostring.js';
import { parseFloat64, parseInt64 } from '../strconv-parse.js';
import { unquoteChar } from '../strconv-quote.js';

export interface ListNode {
  t: 'list';
  nodes: Node[];
}

/** start, end, step of `[…]`; `known` false when omitted, `derived` for `[i]`'s end. */
export interface Param {
  value: bigint;
  known: boolean;
  derived: boolean;
}

export type Node =
  | ListNode
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'ident'; name: string }
  | { t: 'array'; params: [Param, Param, Param] }
  | { t: 'filter'; left: ListNode; right: ListNode; op: string }
  | { t: 'int'; value: bigint }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; lists: ListNode[] };

/** A parse error: its message is client-go's. */
export class JsonPathSyntaxError extends Error {}

const EOF = -1;
const fail = (msg: string): never => {
  throw new JsonPathSyntaxError(msg);
};

const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
// Go's `.` matches anything but \n; so does [^\n]
const FILTER = /^([^!<>=]+)([!<>=]+)([^\n]+?)$/;
const ALNUM = /^[_\p{L}\p{Nd}]$/u;
const DIGIT = /^\p{Nd}$/u;

const isDigit = (r: number) => r >= 0 && DIGIT.test(String.fromCodePoint(r));
const isAlphaNumeric = (r: number) => r >= 0 && ALNUM.test(String.fromCodePoint(r));
const isEndOfLine = (r: number) => r === 0x0d || r === 0x0a;

/** Characters that end an identifier or a field name. */
function isTerminator(r: number): boolean {
  if (r === 0x20 || r === 0x09 || isEndOfLine(r)) return true;
  return r === EOF || '.,[]$@{}'.includes(String.fromCodePoint(r));
}

/** Go's %#U of a rune: U+002A '*' (just U+0009 when not printable). */
function runeU(r: number): string {
  const hex = 'U+' + r.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(r) ? `${hex} '${String.fromCodePoint(r)}'` : hex;
}

class Parser {
  readonly root: ListNode = { t: 'list', nodes: [] };
  private readonly input: number[];
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(text: string) {
    this.input = Array.from(text, (c) => c.codePointAt(0)!);
  }

  parse(): ListNode {
    this.parseText(this.root);
    return this.root;
  }

  private text(from: number, to: number): string {
    return String.fromCodePoint(...this.input.slice(from, to));
  }

  private consume(): string {
    const v = this.text(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    this.width = 1;
    return this.input[this.pos++]!;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private startsWith(prefix: string): boolean {
    for (let i = 0; i < prefix.length; i++)
      if (this.input[this.pos + i] !== prefix.charCodeAt(i)) return false;
    return true;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.startsWith('{')) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consume() });
        this.pos += 1;
        this.consume();
        const list: ListNode = { t: 'list', nodes: [] };
        cur.nodes.push(list);
        return this.parseInsideAction(list);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consume() });
  }

  private parseInsideAction(cur: ListNode): void {
    // a loop where client-go recurses once per token
    for (;;) {
      if (this.startsWith('}')) {
        this.pos += 1;
        this.consume();
        return this.parseText(this.root);
      }
      if (this.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (this.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) fail('unclosed action');
      else if (r === 0x20 || r === 0x40 || r === 0x24)
        this.consume(); // ' ', '@', '$'
      else if (r === 0x5b) this.parseArray(cur);
      else if (r === 0x22 || r === 0x27) this.parseQuote(cur, r);
      else if (r === 0x2e) this.parseField(cur);
      else if (r === 0x2b || r === 0x2d || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else fail(`unrecognized character in action: ${runeU(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      if (isTerminator(this.next())) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === 'true' || value === 'false')
      cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'ident', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes.at(-1)?.t === 'recursive') fail('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    cur.nodes.push({ t: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      const c = this.next();
      if (c !== 0x2e && !isDigit(c)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (/^[+-]?[0-9]+$/.test(value)) {
      try {
        cur.nodes.push({ t: 'int', value: parseInt64(value, 10) });
        return;
      } catch {
        // out of int's range: a float, as strconv.Atoi fails and ParseFloat does not
      }
    }
    try {
      if (/^[+-]?[0-9.]+$/.test(value)) {
        cur.nodes.push({ t: 'float', value: parseFloat64(value) });
        return;
      }
    } catch {
      // not a number either way
    }
    fail(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) fail('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      const lists = parts.map((s) => parseAction(`[${s.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ t: 'union', lists });
      return;
    }

    const key = DICT_KEY.exec(text);
    if (key) {
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }

    const m = SLICE.exec(text);
    if (!m) return fail(`invalid array index ${text}`);
    const params: [Param, Param, Param] = [0, 1, 2].map(() => ({
      value: 0n,
      known: false,
      derived: false,
    })) as [Param, Param, Param];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? '';
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params[i]!.known = false;
        else {
          params[i]!.known = true;
          try {
            params[i]!.value = parseInt64(v, 10);
          } catch {
            fail(`array index ${v} is not a number`);
          }
        }
      } else if (i === 1) {
        params[1] = { value: BigInt.asIntN(64, params[0].value + 1n), known: true, derived: true };
      }
    }
    cur.nodes.push({ t: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) fail('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== 0x5c && r === pair) end = true;
      } else if (r === 0x29 && begin === end) break;
    }
    if (this.next() !== 0x5d) fail('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const m = FILTER.exec(text);
    if (!m)
      cur.nodes.push({ t: 'filter', left: parseAction(text), right: emptyList(), op: 'exists' });
    else
      cur.nodes.push({
        t: 'filter',
        left: parseAction(m[1]!),
        right: parseAction(m[3]!),
        op: m[2]!,
      });
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) fail('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== 0x5c) break;
    }
    const value = this.consume();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch {
      return fail(`unquote string ${value} error invalid syntax`);
    }
    cur.nodes.push({ t: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === 0x5c) this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replaceAll('\\', '') });
  }
}

const emptyList = (): ListNode => ({ t: 'list', nodes: [] });

/** The first action of `{text}`: how client-go parses unions, keys and filter operands. */
function parseAction(text: string): ListNode {
  return new Parser(`{${text}}`).parse().nodes[0] as ListNode;
}

/** strconv.Unquote that also takes single quotes around a string. */
function unquoteExtend(s: string): string {
  const q = s.charCodeAt(0);
  if (s.length < 2 || s.charCodeAt(s.length - 1) !== q) throw new Error('invalid syntax');
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(s[0]!)) return body;
  const b = toBytes(body);
  const out: number[] = [];
  for (let i = 0; i < b.length;) {
    const [v, multibyte, next] = unquoteChar(b, i, q);
    if (v < 0x80 || !multibyte) out.push(v & 0xff);
    else out.push(...toBytes(String.fromCodePoint(v)));
    i = next;
  }
  return fromBytes(Uint8Array.from(out));
}

/** Parses a JSONPath template (gomplate passes `{` + expression + `}`). */
export function parseJsonPath(template: string): ListNode {
  return new Parser(template).parse();
}
