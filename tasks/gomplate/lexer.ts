// A port of Go's text/template/parse lexer (Go 1.26): a state machine whose states are
// named functions that return the next state, as Go's stateFn. Items carry their start
// offset (UTF-16 index into the template) and line, because parse errors report the line
// of the last token read and execution errors the byte column of a node. The scanning
// loops work on char codes: lexing is most of an uncached render's time.
import { isPrint as isPrintCP } from './gostring.js';
import { quote as goQuote } from './strconv-quote.js';

export const enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  Keyword, // delimits keywords
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Item {
  typ: T;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS = new Map<string, T>([
  ['.', T.Dot],
  ['block', T.Block],
  ['break', T.Break],
  ['continue', T.Continue],
  ['define', T.Define],
  ['else', T.Else],
  ['end', T.End],
  ['if', T.If],
  ['range', T.Range],
  ['nil', T.Nil],
  ['template', T.Template],
  ['with', T.With],
]);

const EOF = -1;
const NL = 10;

const isSpace = (c: number) => c === 32 || c === 9 || c === 13 || c === NL;
const isDigit = (c: number) => c >= 48 && c <= 57;
const ALNUM = /^[_\p{L}\p{Nd}]$/u;
/** Go's isAlphaNumeric: '_', a Unicode letter or a decimal digit. */
function isAlphaNumeric(c: number): boolean {
  if (c < 0x80) return c === 95 || isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 122);
  return ALNUM.test(String.fromCodePoint(c));
}

/**
 * The lexer's cursor; the states below move it. The parser pulls items one at a time
 * (nextItem), as Go's does: the states run only until an item is ready, so items die
 * young instead of all living until the parse ends.
 */
export class Lexer {
  /** items emitted and not yet pulled: queue[head..tail) (a state emits at most two) */
  private readonly queue: Item[] = [];
  private head = 0;
  private tail = 0;
  private state: StateFn | null = lexText;
  private last: Item | undefined;
  pos = 0;
  start = 0;
  line = 1;
  startLine = 1;
  parenDepth = 0;
  /** width of the last rune read by next() (0 at EOF), for backup() */
  private width = 0;

  constructor(
    readonly input: string,
    readonly breakOK: boolean,
    readonly continueOK: boolean,
    readonly L = '{{',
    readonly R = '}}',
  ) {}

  /** The next item; after EOF or an error, that last item again. */
  nextItem(): Item {
    while (this.head === this.tail && this.state) this.state = this.state(this);
    if (this.head === this.tail) return this.last!;
    const item = this.queue[this.head++]!;
    if (this.head === this.tail) this.head = this.tail = 0;
    this.last = item;
    return item;
  }

  /** The code point at `i`, or EOF. */
  at(i: number): number {
    return i < this.input.length ? this.input.codePointAt(i)! : EOF;
  }

  next(): number {
    const c = this.at(this.pos);
    if (c === EOF) {
      this.width = 0;
      return EOF;
    }
    this.width = c > 0xffff ? 2 : 1;
    this.pos += this.width;
    if (c === NL) this.line++;
    return c;
  }
  /** Steps back over the rune next() just read. */
  backup(): void {
    this.pos -= this.width;
    if (this.width && this.input.charCodeAt(this.pos) === NL) this.line--;
    this.width = 0;
  }
  peek(): number {
    return this.at(this.pos);
  }
  accept(valid: string): boolean {
    const c = this.next();
    if (c !== EOF && c < 0x80 && valid.includes(String.fromCharCode(c))) return true;
    this.backup();
    return false;
  }
  acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  emit(typ: T): void {
    this.queue[this.tail++] = {
      typ,
      pos: this.start,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine,
    };
    this.start = this.pos;
    this.startLine = this.line;
  }
  /** Skips the text since the last item, counting its newlines. */
  ignore(): void {
    this.line += countNL(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }
  /** Records an error item; the caller returns null, which ends the run. */
  errorf(msg: string): null {
    this.queue[this.tail++] = { typ: T.Error, pos: this.start, val: msg, line: this.startLine };
    return null;
  }

  hasLeftTrimMarker(i: number): boolean {
    return this.input.charCodeAt(i) === 45 && isSpace(this.input.charCodeAt(i + 1));
  }
  hasRightTrimMarker(i: number): boolean {
    return isSpace(this.input.charCodeAt(i)) && this.input.charCodeAt(i + 1) === 45;
  }
  /** 0: not at the right delimiter; 1: at it; 2: at " -" and then it (trim marker). */
  atRightDelim(): 0 | 1 | 2 {
    if (this.hasRightTrimMarker(this.pos) && this.input.startsWith(this.R, this.pos + 2)) return 2;
    return this.input.startsWith(this.R, this.pos) ? 1 : 0;
  }
  /** Whether the next rune can end an identifier, field or variable. */
  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 46: // .
      case 44: // ,
      case 124: // |
      case 58: // :
      case 41: // )
      case 40: // (
        return true;
    }
    return this.input.startsWith(this.R, this.pos);
  }
  /** Advances over alphanumerics; returns the rune that stopped it (not consumed). */
  scanAlphaNumeric(): number {
    for (;;) {
      const c = this.input.charCodeAt(this.pos);
      if (c < 0x80) {
        if (c === 95 || isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 122)) {
          this.pos++;
          continue;
        }
        return c;
      }
      const r = this.at(this.pos);
      if (r === EOF || !isAlphaNumeric(r)) return r;
      this.pos += r > 0xffff ? 2 : 1;
    }
  }
  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

type StateFn = (l: Lexer) => StateFn | null;

function countNL(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

const badChar = (r: number) => `bad character ${formatU(r)}`;

/** Text up to the next left delimiter (less the spaces a "{{- " trims), then EOF. */
function lexText(l: Lexer): StateFn | null {
  const x = l.input.indexOf(l.L, l.pos);
  if (x >= 0) {
    l.pos = x;
    let trim = 0;
    if (l.hasLeftTrimMarker(l.pos + l.L.length)) {
      let k = l.pos;
      while (k > l.start && isSpace(l.input.charCodeAt(k - 1))) k--;
      trim = l.pos - k;
    }
    l.pos -= trim;
    if (l.pos > l.start) {
      l.line += countNL(l.input, l.start, l.pos);
      l.emit(T.Text);
    }
    l.pos += trim;
    l.ignore();
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNL(l.input, l.start, l.pos);
    l.emit(T.Text);
  }
  l.emit(T.EOF);
  return null;
}

function lexLeftDelim(l: Lexer): StateFn | null {
  l.pos += l.L.length;
  const after = l.hasLeftTrimMarker(l.pos) ? 2 : 0;
  if (l.input.startsWith('/*', l.pos + after)) {
    l.pos += after;
    l.ignore();
    return lexComment;
  }
  l.emit(T.LeftDelim);
  l.pos += after;
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
}

function lexComment(l: Lexer): StateFn | null {
  l.pos += 2;
  const i = l.input.indexOf('*/', l.pos);
  if (i < 0) return l.errorf('unclosed comment');
  l.pos = i + 2;
  const delim = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  if (delim === 2) l.pos += 2;
  l.pos += l.R.length;
  if (delim === 2) while (isSpace(l.input.charCodeAt(l.pos))) l.pos++;
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn | null {
  const trimSpace = l.hasRightTrimMarker(l.pos);
  if (trimSpace) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += l.R.length;
  l.emit(T.RightDelim);
  if (trimSpace) {
    while (isSpace(l.input.charCodeAt(l.pos))) l.pos++;
    l.ignore();
  }
  return lexText;
}

function lexInsideAction(l: Lexer): StateFn | null {
  if (l.atRightDelim()) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup();
    return lexSpace;
  }
  switch (r) {
    case 61: // =
      l.emit(T.Assign);
      return lexInsideAction;
    case 58: // :
      if (l.next() !== 61) return l.errorf('expected :=');
      l.emit(T.Declare);
      return lexInsideAction;
    case 124: // |
      l.emit(T.Pipe);
      return lexInsideAction;
    case 34: // "
      return lexQuote;
    case 96: // `
      return lexRawQuote;
    case 36: // $
      return lexVariable;
    case 39: // '
      return lexChar;
    case 40: // (
      l.emit(T.LeftParen);
      l.parenDepth++;
      return lexInsideAction;
    case 41: // )
      // Go 1.26 reports the stray paren before emitting it
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      l.emit(T.RightParen);
      return lexInsideAction;
    case 46: // .
      if (l.pos < l.input.length && !isDigit(l.input.charCodeAt(l.pos))) return lexField;
      l.backup();
      return lexNumber;
  }
  if (r === 43 || r === 45 || isDigit(r)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r >= 0x20 && r < 0x7f) {
    l.emit(T.Char);
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${formatU(r)}`);
}

/** A run of spaces; " -}}" ends the action instead when the run is that one space. */
function lexSpace(l: Lexer): StateFn | null {
  let numSpaces = 0;
  for (let c = l.input.charCodeAt(l.pos); isSpace(c); c = l.input.charCodeAt(l.pos)) {
    if (c === NL) l.line++;
    l.pos++;
    numSpaces++;
  }
  if (l.hasRightTrimMarker(l.pos - 1) && l.input.startsWith(l.R, l.pos + 1)) {
    l.pos--;
    if (l.input.charCodeAt(l.pos) === NL) l.line--;
    if (numSpaces === 1) return lexRightDelim;
  }
  l.emit(T.Space);
  return lexInsideAction;
}

/** An alphanumeric word: a keyword, true/false or a function name. */
function lexIdentifier(l: Lexer): StateFn | null {
  const r = l.scanAlphaNumeric();
  const word = l.input.slice(l.start, l.pos);
  if (!l.atTerminator()) return l.errorf(badChar(r));
  const kw = KEYWORDS.get(word);
  if (kw !== undefined && kw > T.Keyword) {
    if ((kw === T.Break && !l.breakOK) || (kw === T.Continue && !l.continueOK))
      l.emit(T.Identifier);
    else l.emit(kw);
  } else if (word[0] === '.') l.emit(T.Field);
  else if (word === 'true' || word === 'false') l.emit(T.Bool);
  else l.emit(T.Identifier);
  return lexInsideAction;
}

/** `.name` or `$name` (the '.' or '$' already read); a lone '.' is the dot. */
function lexFieldOrVariable(l: Lexer, typ: T.Field | T.Variable): StateFn | null {
  if (l.atTerminator()) {
    l.emit(typ === T.Variable ? T.Variable : T.Dot);
    return lexInsideAction;
  }
  const r = l.scanAlphaNumeric();
  if (!l.atTerminator()) return l.errorf(badChar(r));
  l.emit(typ);
  return lexInsideAction;
}

function lexField(l: Lexer): StateFn | null {
  return lexFieldOrVariable(l, T.Field);
}

function lexVariable(l: Lexer): StateFn | null {
  return lexFieldOrVariable(l, T.Variable);
}

/** The rest of a quoted literal up to `q` (backslash escapes skipped); false if unclosed. */
function scanQuoted(l: Lexer, q: number): boolean {
  const s = l.input;
  for (;;) {
    let c = s.charCodeAt(l.pos++);
    if (c === 92) {
      c = s.charCodeAt(l.pos++);
      if (c === c && c !== NL) continue; // c === c: not NaN (EOF)
    }
    if (c !== c || c === NL) return false;
    if (c === q) return true;
  }
}

function lexChar(l: Lexer): StateFn | null {
  if (!scanQuoted(l, 39)) return l.errorf('unterminated character constant');
  l.emit(T.CharConstant);
  return lexInsideAction;
}

function lexQuote(l: Lexer): StateFn | null {
  if (!scanQuoted(l, 34)) return l.errorf('unterminated quoted string');
  l.emit(T.String);
  return lexInsideAction;
}

function lexRawQuote(l: Lexer): StateFn | null {
  const i = l.input.indexOf('`', l.pos);
  if (i < 0) {
    l.pos = l.input.length;
    l.line += countNL(l.input, l.start, l.pos);
    return l.errorf('unterminated raw quoted string');
  }
  l.line += countNL(l.input, l.pos, i + 1);
  l.pos = i + 1;
  l.emit(T.RawString);
  return lexInsideAction;
}

/** A number, or a complex number written as two (1+2i). */
function lexNumber(l: Lexer): StateFn | null {
  const bad = () => l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  if (!l.scanNumber()) return bad();
  const sign = l.peek();
  if (sign === 43 || sign === 45) {
    if (!l.scanNumber() || l.input.charCodeAt(l.pos - 1) !== 105) return bad();
    l.emit(T.Complex);
  } else l.emit(T.Number);
  return lexInsideAction;
}

/** All the items of `input`, ending with EOF or an Error item. */
export function lex(
  input: string,
  breakOK: boolean,
  continueOK: boolean,
  L = '{{',
  R = '}}',
): Item[] {
  const l = new Lexer(input, breakOK, continueOK, L, R);
  const items: Item[] = [];
  for (;;) {
    const it = l.nextItem();
    items.push(it);
    if (it.typ === T.EOF || it.typ === T.Error) return items;
  }
}

/** Go's %#U: U+0041 'A'. */
export function formatU(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = cp >= 0 && isPrintCP(cp);
  return printable ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`;
}
