// The TOML lexer of hairyhenderson/toml (gomplate's fork of BurntSushi/toml 0.4): a state
// machine emitting items the parser pulls one at a time. Its quirks are kept, since they
// decide which documents parse and the exact error text: errors are items too, so an
// error is seen only when the parser reaches it.
import { byteLength } from './gostring.js';
import { quote, quoteRune } from './strconv-quote.js';

export const enum I {
  Error,
  NIL,
  EOF,
  Text,
  String,
  RawString,
  MultilineString,
  RawMultilineString,
  Bool,
  Integer,
  Float,
  Datetime,
  Array,
  ArrayEnd,
  TableStart,
  TableEnd,
  ArrayTableStart,
  ArrayTableEnd,
  KeyStart,
  KeyEnd,
  CommentStart,
  InlineTableStart,
  InlineTableEnd,
}

export interface Item {
  typ: I;
  val: string;
  line: number;
}

type StateFn = (lx: Lexer) => StateFn | null;

// Go's lexer uses rune 0 for the end of input (a NUL byte reads the same)
const EOF = 0;

const isWhitespace = (r: number) => r === 0x09 || r === 0x20;
const isNL = (r: number) => r === 0x0a || r === 0x0d;
const isDigit = (r: number) => r >= 0x30 && r <= 0x39;
const isHex = (r: number) => isDigit(r) || (r >= 0x61 && r <= 0x66) || (r >= 0x41 && r <= 0x46);
const isOctal = (r: number) => r >= 0x30 && r <= 0x37;
const isBinary = (r: number) => r === 0x30 || r === 0x31;
const isControl = (r: number) =>
  r !== 0x09 && r !== 0x0d && r !== 0x0a && ((r >= 0 && r <= 0x1f) || r === 0x7f);
export const isBareKeyChar = (r: number) =>
  (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || isDigit(r) || r === 0x5f || r === 0x2d;
const isLetter = (r: number) => r >= 0 && /\p{L}/u.test(String.fromCodePoint(r));

/** Go's %q of a rune (the lexer's "got %q"); EOF is rune 0. */
const q = (r: number) => quoteRune(r);
const x02 = (r: number) => "'0x" + r.toString(16).padStart(2, '0') + "'";
const runeOrEOF = (r: number) => (r === EOF ? 'end of file' : "'" + String.fromCodePoint(r) + "'");

export class Lexer {
  start = 0;
  pos = 0;
  line = 1;
  private state: StateFn | null = lexTop;
  private readonly items: Item[] = [];
  private readonly widths: number[] = [];
  private atEOF = false;
  private readonly stack: StateFn[] = [];

  constructor(readonly input: string) {}

  nextItem(): Item {
    while (this.items.length === 0) {
      // a nil state after an error: the parser has stopped at the error item by then
      if (!this.state) return { typ: I.EOF, val: '', line: this.line };
      this.state = this.state(this);
    }
    return this.items.shift()!;
  }

  push(s: StateFn): void {
    this.stack.push(s);
  }
  pop(): StateFn | null {
    const s = this.stack.pop();
    return s ?? this.errorf('BUG in lexer: no states to pop');
  }
  current(): string {
    return this.input.slice(this.start, this.pos);
  }
  emit(typ: I): void {
    this.items.push({ typ, val: this.current(), line: this.line });
    this.start = this.pos;
  }
  emitTrim(typ: I): void {
    this.items.push({
      typ,
      val: this.current().replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, ''),
      line: this.line,
    });
    this.start = this.pos;
  }
  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    if (this.input.charCodeAt(this.pos) === 0x0a) this.line++;
    const r = this.input.codePointAt(this.pos)!;
    if (r >= 0xdc80 && r <= 0xdcff) {
      // a byte of invalid UTF-8 (surrogate-escaped): Go reports its byte position
      this.errorf(
        `invalid UTF-8 byte at position ${byteLength(this.input.slice(0, this.pos))} (line ${this.line}): 0x${(r - 0xdc00).toString(16).padStart(2, '0')}`,
      );
      return 0xfffd;
    }
    const w = r > 0xffff ? 2 : 1;
    this.widths.unshift(w);
    if (this.widths.length > 4) this.widths.length = 4;
    this.pos += w;
    return r;
  }
  ignore(): void {
    this.start = this.pos;
  }
  backup(): void {
    if (this.atEOF) {
      this.atEOF = false;
      return;
    }
    const w = this.widths.shift();
    if (w === undefined) throw new Error('BUG in lexer: backed up too far');
    this.pos -= w;
    if (this.pos < this.input.length && this.input.charCodeAt(this.pos) === 0x0a) this.line--;
  }
  accept(valid: number): boolean {
    if (this.next() === valid) return true;
    this.backup();
    return false;
  }
  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }
  skip(pred: (r: number) => boolean): void {
    for (;;) {
      const r = this.next();
      if (pred(r)) continue;
      this.backup();
      this.ignore();
      return;
    }
  }
  errorf(msg: string): null {
    this.items.push({ typ: I.Error, val: msg, line: this.line });
    return null;
  }
}

const C = (s: string) => s.codePointAt(0)!;

function lexTop(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexTop);
  switch (r) {
    case C('#'):
      lx.push(lexTop);
      return lexCommentStart;
    case C('['):
      return lexTableStart;
    case EOF:
      if (lx.pos > lx.start) return lx.errorf('unexpected EOF');
      lx.emit(I.EOF);
      return null;
  }
  lx.backup();
  lx.push(lexTopEnd);
  return lexKeyStart;
}

function lexTopEnd(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === C('#')) {
    lx.push(lexTop);
    return lexCommentStart;
  }
  if (isWhitespace(r)) return lexTopEnd;
  if (isNL(r)) {
    lx.ignore();
    return lexTop;
  }
  if (r === EOF) {
    lx.emit(I.EOF);
    return null;
  }
  return lx.errorf(
    `expected a top-level item to end with a newline, comment, or EOF, but got ${q(r)} instead`,
  );
}

function lexTableStart(lx: Lexer): StateFn | null {
  if (lx.peek() === C('[')) {
    lx.next();
    lx.emit(I.ArrayTableStart);
    lx.push(lexArrayTableEnd);
  } else {
    lx.emit(I.TableStart);
    lx.push(lexTableEnd);
  }
  return lexTableNameStart;
}

function lexTableEnd(lx: Lexer): StateFn | null {
  lx.emit(I.TableEnd);
  return lexTopEnd;
}

function lexArrayTableEnd(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r !== C(']'))
    return lx.errorf(`expected end of table array name delimiter ']', but got ${q(r)} instead`);
  lx.emit(I.ArrayTableEnd);
  return lexTopEnd;
}

function lexTableNameStart(lx: Lexer): StateFn | null {
  lx.skip(isWhitespace);
  const r = lx.peek();
  if (r === C(']') || r === EOF)
    return lx.errorf('unexpected end of table name (table names cannot be empty)');
  if (r === C('.')) return lx.errorf('unexpected table separator (table names cannot be empty)');
  lx.push(lexTableNameEnd);
  if (r === C('"') || r === C("'")) {
    lx.ignore();
    return lexQuotedName;
  }
  return lexBareName;
}

function lexTableNameEnd(lx: Lexer): StateFn | null {
  lx.skip(isWhitespace);
  const r = lx.next();
  if (isWhitespace(r)) return lexTableNameEnd;
  if (r === C('.')) {
    lx.ignore();
    return lexTableNameStart;
  }
  if (r === C(']')) return lx.pop();
  return lx.errorf(`expected '.' or ']' to end table name, but got ${q(r)} instead`);
}

function lexBareName(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isBareKeyChar(r)) return lexBareName;
  lx.backup();
  lx.emit(I.Text);
  return lx.pop();
}

function lexQuotedName(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isWhitespace(r)) return lexSkip(lx, lexValue);
  if (r === C('"')) {
    lx.ignore();
    return lexString;
  }
  if (r === C("'")) {
    lx.ignore();
    return lexRawString;
  }
  if (r === EOF) return lx.errorf('unexpected EOF; expected value');
  return lx.errorf(`expected value but found ${q(r)} instead`);
}

function lexKeyStart(lx: Lexer): StateFn | null {
  lx.skip(isWhitespace);
  const r = lx.peek();
  if (r === C('=') || r === EOF) return lx.errorf("unexpected '=': key name appears blank");
  if (r === C('.')) return lx.errorf("unexpected '.': keys cannot start with a '.'");
  if (r === C('"') || r === C("'")) lx.ignore();
  lx.emit(I.KeyStart);
  return lexKeyNameStart;
}

function lexKeyNameStart(lx: Lexer): StateFn | null {
  lx.skip(isWhitespace);
  const r = lx.peek();
  if (r === C('=') || r === EOF) return lx.errorf("unexpected '='");
  if (r === C('.')) return lx.errorf("unexpected '.'");
  lx.push(lexKeyEnd);
  if (r === C('"') || r === C("'")) {
    lx.ignore();
    return lexQuotedName;
  }
  return lexBareName;
}

function lexKeyEnd(lx: Lexer): StateFn | null {
  lx.skip(isWhitespace);
  const r = lx.next();
  if (isWhitespace(r)) return lexSkip(lx, lexKeyEnd);
  if (r === EOF) return lx.errorf(`unexpected EOF; expected key separator '='`);
  if (r === C('.')) {
    lx.ignore();
    return lexKeyNameStart;
  }
  if (r === C('=')) {
    lx.emit(I.KeyEnd);
    return lexSkip(lx, lexValue);
  }
  return lx.errorf(`expected '.' or '=', but got ${q(r)} instead`);
}

function lexValue(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isWhitespace(r)) return lexSkip(lx, lexValue);
  if (isDigit(r)) {
    lx.backup();
    return lexNumberOrDateStart;
  }
  switch (r) {
    case C('['):
      lx.ignore();
      lx.emit(I.Array);
      return lexArrayValue;
    case C('{'):
      lx.ignore();
      lx.emit(I.InlineTableStart);
      return lexInlineTableValue;
    case C('"'):
      if (lx.accept(C('"'))) {
        if (lx.accept(C('"'))) {
          lx.ignore();
          return lexMultilineString;
        }
        lx.backup();
      }
      lx.ignore();
      return lexString;
    case C("'"):
      if (lx.accept(C("'"))) {
        if (lx.accept(C("'"))) {
          lx.ignore();
          return lexMultilineRawString;
        }
        lx.backup();
      }
      lx.ignore();
      return lexRawString;
    case C('.'):
      return lx.errorf("floats must start with a digit, not '.'");
    case C('i'):
    case C('n'):
      if ((lx.accept(C('n')) && lx.accept(C('f'))) || (lx.accept(C('a')) && lx.accept(C('n')))) {
        lx.emit(I.Float);
        return lx.pop();
      }
      break;
    case C('-'):
    case C('+'):
      return lexDecimalNumberStart;
  }
  if (isLetter(r)) {
    lx.backup();
    return lexBool;
  }
  if (r === EOF) return lx.errorf('unexpected EOF; expected value');
  return lx.errorf(`expected value but found ${q(r)} instead`);
}

function lexArrayValue(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexArrayValue);
  if (r === C('#')) {
    lx.push(lexArrayValue);
    return lexCommentStart;
  }
  if (r === C(',')) return lx.errorf('unexpected comma');
  if (r === C(']')) return lexArrayEnd;
  lx.backup();
  lx.push(lexArrayValueEnd);
  return lexValue;
}

function lexArrayValueEnd(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexArrayValueEnd);
  if (r === C('#')) {
    lx.push(lexArrayValueEnd);
    return lexCommentStart;
  }
  if (r === C(',')) {
    lx.ignore();
    return lexArrayValue;
  }
  if (r === C(']')) return lexArrayEnd;
  return lx.errorf(`expected a comma or array terminator ']', but got ${runeOrEOF(r)} instead`);
}

function lexArrayEnd(lx: Lexer): StateFn | null {
  lx.ignore();
  lx.emit(I.ArrayEnd);
  return lx.pop();
}

function lexInlineTableValue(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isWhitespace(r)) return lexSkip(lx, lexInlineTableValue);
  if (isNL(r)) return lx.errorf('newlines not allowed within inline tables');
  if (r === C('#')) {
    lx.push(lexInlineTableValue);
    return lexCommentStart;
  }
  if (r === C(',')) return lx.errorf('unexpected comma');
  if (r === C('}')) return lexInlineTableEnd;
  lx.backup();
  lx.push(lexInlineTableValueEnd);
  return lexKeyStart;
}

function lexInlineTableValueEnd(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isWhitespace(r)) return lexSkip(lx, lexInlineTableValueEnd);
  if (isNL(r)) return lx.errorf('newlines not allowed within inline tables');
  if (r === C('#')) {
    lx.push(lexInlineTableValueEnd);
    return lexCommentStart;
  }
  if (r === C(',')) {
    lx.ignore();
    lx.skip(isWhitespace);
    if (lx.peek() === C('}')) return lx.errorf('trailing comma not allowed in inline tables');
    return lexInlineTableValue;
  }
  if (r === C('}')) return lexInlineTableEnd;
  return lx.errorf(
    `expected a comma or an inline table terminator '}', but got ${runeOrEOF(r)} instead`,
  );
}

function lexInlineTableEnd(lx: Lexer): StateFn | null {
  lx.ignore();
  lx.emit(I.InlineTableEnd);
  return lx.pop();
}

function lexString(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === EOF) return lx.errorf(`unexpected EOF; expected '"'`);
  if (isControl(r) || r === 0x0d)
    return lx.errorf(`control characters are not allowed inside strings: ${x02(r)}`);
  if (isNL(r)) return lx.errorf('strings cannot contain newlines');
  if (r === C('\\')) {
    lx.push(lexString);
    return lexStringEscape;
  }
  if (r === C('"')) {
    lx.backup();
    lx.emit(I.String);
    lx.next();
    lx.ignore();
    return lx.pop();
  }
  return lexString;
}

function lexMultiline(lx: Lexer, delim: number, typ: I, self: StateFn): StateFn | null {
  const r = lx.next();
  const d = String.fromCodePoint(delim);
  switch (r) {
    case EOF:
      return lx.errorf(
        typ === I.MultilineString
          ? `unexpected EOF; expected '"""'`
          : `unexpected EOF; expected "'''"`,
      );
    case 0x0d:
      if (lx.peek() !== 0x0a)
        return lx.errorf(`control characters are not allowed inside strings: ${x02(r)}`);
      return self;
    case C('\\'):
      if (typ === I.MultilineString) return lexMultilineStringEscape;
      break;
    case delim:
      if (lx.accept(delim)) {
        if (lx.accept(delim)) {
          if (lx.peek() === delim) {
            if (lx.current().endsWith(d.repeat(5)))
              return lx.errorf(
                typ === I.MultilineString ? `unexpected '""""""'` : `unexpected "''''''"`,
              );
            lx.backup();
            lx.backup();
            return self;
          }
          lx.backup();
          lx.backup();
          lx.backup();
          lx.emit(typ);
          lx.next();
          lx.next();
          lx.next();
          lx.ignore();
          return lx.pop();
        }
        lx.backup();
      }
  }
  if (isControl(r))
    return lx.errorf(`control characters are not allowed inside strings: ${x02(r)}`);
  return self;
}

const lexMultilineString: StateFn = (lx) =>
  lexMultiline(lx, C('"'), I.MultilineString, lexMultilineString);
const lexMultilineRawString: StateFn = (lx) =>
  lexMultiline(lx, C("'"), I.RawMultilineString, lexMultilineRawString);

function lexRawString(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === EOF) return lx.errorf(`unexpected EOF; expected "'"`);
  if (isControl(r) || r === 0x0d)
    return lx.errorf(`control characters are not allowed inside strings: ${x02(r)}`);
  if (isNL(r)) return lx.errorf('strings cannot contain newlines');
  if (r === C("'")) {
    lx.backup();
    lx.emit(I.RawString);
    lx.next();
    lx.ignore();
    return lx.pop();
  }
  return lexRawString;
}

function lexMultilineStringEscape(lx: Lexer): StateFn | null {
  if (isNL(lx.next())) return lexMultilineString;
  lx.backup();
  lx.push(lexMultilineString);
  return lexStringEscape(lx);
}

function lexStringEscape(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r !== EOF && 'btnfr" \t\\'.includes(String.fromCodePoint(r))) return lx.pop();
  if (r === C('u')) return lexHexEscape(4, 'four', 'u');
  if (r === C('U')) return lexHexEscape(8, 'eight', 'U');
  return lx.errorf(
    `invalid escape character ${q(r)}; only the following escape characters are allowed: \\b, \\t, \\n, \\f, \\r, \\", \\\\, \\uXXXX, and \\UXXXXXXXX`,
  );
}

function lexHexEscape(n: number, word: string, letter: string): StateFn {
  return (lx) => {
    for (let i = 0; i < n; i++) {
      const r = lx.next();
      if (!isHex(r))
        return lx.errorf(
          `expected ${word} hexadecimal digits after '\\${letter}', but got ${quote(lx.current())} instead`,
        );
    }
    return lx.pop();
  };
}

function lexNumberOrDateStart(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === C('0')) return lexBaseNumberOrDate;
  if (!isDigit(r)) return lx.errorf(`expected a digit but got ${q(r)}`);
  return lexNumberOrDate;
}

function lexNumberOrDate(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isDigit(r)) return lexNumberOrDate;
  switch (r) {
    case C('-'):
    case C(':'):
      return lexDatetime;
    case C('_'):
      return lexDecimalNumber;
    case C('.'):
    case C('e'):
    case C('E'):
      return lexFloat;
  }
  lx.backup();
  lx.emit(I.Integer);
  return lx.pop();
}

function lexDatetime(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isDigit(r) || (r !== EOF && '-:Tt .Zz+'.includes(String.fromCodePoint(r))))
    return lexDatetime;
  lx.backup();
  lx.emitTrim(I.Datetime);
  return lx.pop();
}

function lexDigits(pred: (r: number) => boolean): StateFn {
  const self: StateFn = (lx) => {
    const r = lx.next();
    if (pred(r) || r === C('_')) return self;
    lx.backup();
    lx.emit(I.Integer);
    return lx.pop();
  };
  return self;
}
const lexHexInteger = lexDigits(isHex);
const lexOctalInteger = lexDigits(isOctal);
const lexBinaryInteger = lexDigits(isBinary);

function lexDecimalNumber(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isDigit(r)) return lexDecimalNumber;
  if (r === C('.') || r === C('e') || r === C('E')) return lexFloat;
  if (r === C('_')) return lexDecimalNumber;
  lx.backup();
  lx.emit(I.Integer);
  return lx.pop();
}

function lexDecimalNumberStart(lx: Lexer): StateFn | null {
  const r = lx.next();
  switch (r) {
    case C('i'):
      if (!lx.accept(C('n')) || !lx.accept(C('f')))
        return lx.errorf(`invalid float: '${lx.current()}'`);
      lx.emit(I.Float);
      return lx.pop();
    case C('n'):
      if (!lx.accept(C('a')) || !lx.accept(C('n')))
        return lx.errorf(`invalid float: '${lx.current()}'`);
      lx.emit(I.Float);
      return lx.pop();
    case C('0'): {
      const p = lx.peek();
      if (p === C('b') || p === C('o') || p === C('x'))
        return lx.errorf(
          `cannot use sign with non-decimal numbers: '${lx.current()}${String.fromCodePoint(p)}'`,
        );
      break;
    }
    case C('.'):
      return lx.errorf("floats must start with a digit, not '.'");
  }
  if (isDigit(r)) return lexDecimalNumber;
  return lx.errorf(`expected a digit but got ${q(r)}`);
}

/** Go's %c of the peeked rune (EOF is rune 0, printed as a NUL byte). */
const charOf = (r: number) => String.fromCodePoint(r);

function lexBaseNumberOrDate(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isDigit(r)) return lexNumberOrDate;
  switch (r) {
    case C('_'):
      return lexDecimalNumber;
    case C('.'):
    case C('e'):
    case C('E'):
      return lexFloat;
    // the library reports a bad first digit but goes on lexing (the error item comes first)
    case C('b'): {
      const p = lx.peek();
      if (!isBinary(p)) lx.errorf(`not a binary number: '${lx.current()}${charOf(p)}'`);
      return lexBinaryInteger;
    }
    case C('o'): {
      const p = lx.peek();
      if (!isOctal(p)) lx.errorf(`not an octal number: '${lx.current()}${charOf(p)}'`);
      return lexOctalInteger;
    }
    case C('x'): {
      const p = lx.peek();
      if (!isHex(p)) lx.errorf(`not a hexidecimal number: '${lx.current()}${charOf(p)}'`);
      return lexHexInteger;
    }
  }
  lx.backup();
  lx.emit(I.Integer);
  return lx.pop();
}

function lexFloat(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isDigit(r) || (r !== EOF && '_.-+eE'.includes(String.fromCodePoint(r)))) return lexFloat;
  lx.backup();
  lx.emit(I.Float);
  return lx.pop();
}

function lexBool(lx: Lexer): StateFn | null {
  let s = '';
  for (;;) {
    const r = lx.next();
    if (!isLetter(r)) {
      lx.backup();
      break;
    }
    s += String.fromCodePoint(r);
  }
  if (s === 'true' || s === 'false') {
    lx.emit(I.Bool);
    return lx.pop();
  }
  return lx.errorf(`expected value but found ${quote(s)} instead`);
}

function lexCommentStart(lx: Lexer): StateFn | null {
  lx.ignore();
  lx.emit(I.CommentStart);
  return lexComment;
}

function lexComment(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isNL(r) || r === EOF) {
    lx.backup();
    lx.emit(I.Text);
    return lx.pop();
  }
  if (isControl(r))
    return lx.errorf(`control characters are not allowed inside comments: ${x02(r)}`);
  return lexComment;
}

function lexSkip(lx: Lexer, next: StateFn): StateFn {
  lx.ignore();
  return next;
}
