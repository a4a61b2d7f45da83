// A port of Go 1.19's text/template/parse lexer (one state machine over shared cursor
// state, hence longer than 200 lines). Items carry their start offset (UTF-16
// index into the template) and line, because parse errors report the line of the last
// token read and execution errors the byte column of a node.
import { isPrint as isPrintCP } from './gostring.js';
import { quote as goQuote } from './strconv.js';

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

const KEYWORDS: Record<string, T> = {
  '.': T.Dot,
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const ALNUM = /^[_\p{L}\p{Nd}]$/u;
const isAlphaNumeric = (c: string | undefined) =>
  c !== undefined && (c === '_' || (c < '\x80' ? /[A-Za-z0-9]/.test(c) : ALNUM.test(c)));

function hasLeftTrimMarker(s: string, i: number): boolean {
  return s[i] === '-' && isSpace(s[i + 1]);
}
function hasRightTrimMarker(s: string, i: number): boolean {
  return isSpace(s[i]) && s[i + 1] === '-';
}
function countNL(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
function isTrimSpace(c: string | undefined): boolean {
  return isSpace(c);
}

export function lex(
  input: string,
  breakOK: boolean,
  continueOK: boolean,
  L = '{{',
  R = '}}',
): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const emit = (typ: T) => {
    items.push({ typ, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = () => {
    line += countNL(input, start, pos);
    start = pos;
    startLine = line;
  };
  const errorf = (msg: string) => {
    items.push({ typ: T.Error, pos: start, val: msg, line: startLine });
  };
  // next/backup work on code points so multi-unit characters stay whole
  const next = (): string | undefined => {
    if (pos >= input.length) {
      pos = input.length + 1; // mark EOF so backup is a no-op
      return undefined;
    }
    const cp = input.codePointAt(pos)!;
    const ch = String.fromCodePoint(cp);
    pos += ch.length;
    if (ch === '\n') line++;
    return ch;
  };
  const backup = (ch: string | undefined) => {
    if (ch === undefined) {
      pos = input.length;
      return;
    }
    pos -= ch.length;
    if (ch === '\n') line--;
  };
  const peek = () => {
    const c = next();
    backup(c);
    return c;
  };
  const accept = (valid: string) => {
    const c = next();
    if (c !== undefined && valid.includes(c)) return true;
    backup(c);
    return false;
  };
  const acceptRun = (valid: string) => {
    for (;;) {
      const c = next();
      if (c === undefined || !valid.includes(c)) {
        backup(c);
        return;
      }
    }
  };
  const atRightDelim = (): [boolean, boolean] => {
    if (hasRightTrimMarker(input, pos) && input.startsWith(R, pos + 2)) return [true, true];
    if (input.startsWith(R, pos)) return [true, false];
    return [false, false];
  };
  const atTerminator = () => {
    const r = peek();
    if (isSpace(r)) return true;
    switch (r) {
      case undefined:
      case '.':
      case ',':
      case '|':
      case ':':
      case ')':
      case '(':
        return true;
    }
    return input.startsWith(R, pos);
  };
  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };
  const badChar = (r: string | undefined) => {
    const cp = r === undefined ? -1 : r.codePointAt(0)!;
    return `bad character ${formatU(cp)}`;
  };

  type State = (() => State) | null;

  const lexText = (): State => {
    const x = input.indexOf(L, pos);
    if (x >= 0) {
      pos = x;
      let trim = 0;
      if (hasLeftTrimMarker(input, pos + L.length)) {
        let k = pos;
        while (k > start && isTrimSpace(input[k - 1])) k--;
        trim = pos - k;
      }
      pos -= trim;
      if (pos > start) {
        line += countNL(input, start, pos);
        emit(T.Text);
      }
      pos += trim;
      ignore();
      return lexLeftDelim;
    }
    pos = input.length;
    if (pos > start) {
      line += countNL(input, start, pos);
      emit(T.Text);
    }
    emit(T.EOF);
    return null;
  };

  const lexLeftDelim = (): State => {
    pos += L.length;
    const trimSpace = hasLeftTrimMarker(input, pos);
    const after = trimSpace ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      ignore();
      return lexComment;
    }
    emit(T.LeftDelim);
    pos += after;
    ignore();
    parenDepth = 0;
    return lexInsideAction;
  };

  const lexComment = (): State => {
    pos += 2;
    const i = input.indexOf('*/', pos);
    if (i < 0) {
      errorf('unclosed comment');
      return null;
    }
    pos = i + 2;
    const [delim, trimSpace] = atRightDelim();
    if (!delim) {
      errorf('comment ends before closing delimiter');
      return null;
    }
    if (trimSpace) pos += 2;
    pos += R.length;
    if (trimSpace) while (isTrimSpace(input[pos])) pos++;
    ignore();
    return lexText;
  };

  const lexRightDelim = (): State => {
    const trimSpace = hasRightTrimMarker(input, pos);
    if (trimSpace) {
      pos += 2;
      ignore();
    }
    pos += R.length;
    emit(T.RightDelim);
    if (trimSpace) {
      while (isTrimSpace(input[pos])) pos++;
      ignore();
    }
    return lexText;
  };

  const lexInsideAction = (): State => {
    const [delim] = atRightDelim();
    if (delim) {
      if (parenDepth === 0) return lexRightDelim;
      errorf('unclosed left paren');
      return null;
    }
    const r = next();
    if (r === undefined) {
      errorf('unclosed action');
      return null;
    }
    if (isSpace(r)) {
      backup(r);
      return lexSpace;
    }
    switch (r) {
      case '=':
        emit(T.Assign);
        return lexInsideAction;
      case ':':
        if (next() !== '=') {
          errorf('expected :=');
          return null;
        }
        emit(T.Declare);
        return lexInsideAction;
      case '|':
        emit(T.Pipe);
        return lexInsideAction;
      case '"':
        return lexQuote;
      case '`':
        return lexRawQuote;
      case '$':
        return lexVariable;
      case "'":
        return lexChar;
      case '(':
        emit(T.LeftParen);
        parenDepth++;
        return lexInsideAction;
      case ')':
        // Go 1.26 reports the stray paren before emitting it
        parenDepth--;
        if (parenDepth < 0) {
          errorf('unexpected right paren');
          return null;
        }
        emit(T.RightParen);
        return lexInsideAction;
    }
    if (r === '.') {
      if (pos < input.length) {
        const c = input[pos]!;
        if (c < '0' || c > '9') return lexField;
      }
      backup(r);
      return lexNumber;
    }
    if (r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      backup(r);
      return lexNumber;
    }
    if (isAlphaNumeric(r)) {
      backup(r);
      return lexIdentifier;
    }
    const cp = r.codePointAt(0)!;
    if (cp <= 0x7f && cp >= 0x20 && cp < 0x7f) {
      emit(T.Char);
      return lexInsideAction;
    }
    errorf(`unrecognized character in action: ${formatU(cp)}`);
    return null;
  };

  const lexSpace = (): State => {
    let numSpaces = 0;
    while (isSpace(peek())) {
      next();
      numSpaces++;
    }
    if (hasRightTrimMarker(input, pos - 1) && input.startsWith(R, pos - 1 + 2)) {
      backup(input[pos - 1]);
      if (numSpaces === 1) return lexRightDelim;
    }
    emit(T.Space);
    return lexInsideAction;
  };

  const lexIdentifier = (): State => {
    for (;;) {
      const r = next();
      if (isAlphaNumeric(r)) continue;
      backup(r);
      const word = input.slice(start, pos);
      if (!atTerminator()) {
        errorf(badChar(r));
        return null;
      }
      const kw = KEYWORDS[word];
      if (kw !== undefined && kw > T.Keyword) {
        if ((kw === T.Break && !breakOK) || (kw === T.Continue && !continueOK)) emit(T.Identifier);
        else emit(kw);
      } else if (word[0] === '.') emit(T.Field);
      else if (word === 'true' || word === 'false') emit(T.Bool);
      else emit(T.Identifier);
      return lexInsideAction;
    }
  };

  const lexFieldOrVariable = (typ: T): State => {
    if (atTerminator()) {
      emit(typ === T.Variable ? T.Variable : T.Dot);
      return lexInsideAction;
    }
    let r: string | undefined;
    for (;;) {
      r = next();
      if (!isAlphaNumeric(r)) {
        backup(r);
        break;
      }
    }
    if (!atTerminator()) {
      errorf(badChar(r));
      return null;
    }
    emit(typ);
    return lexInsideAction;
  };
  const lexField = () => lexFieldOrVariable(T.Field);
  const lexVariable = (): State => {
    if (atTerminator()) {
      emit(T.Variable);
      return lexInsideAction;
    }
    return lexFieldOrVariable(T.Variable);
  };

  const lexChar = (): State => {
    for (;;) {
      let c = next();
      if (c === '\\') {
        c = next();
        if (c !== undefined && c !== '\n') continue;
      }
      if (c === undefined || c === '\n') {
        errorf('unterminated character constant');
        return null;
      }
      if (c === "'") break;
    }
    emit(T.CharConstant);
    return lexInsideAction;
  };

  const lexNumber = (): State => {
    if (!scanNumber()) {
      errorf(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
      return null;
    }
    const sign = peek();
    if (sign === '+' || sign === '-') {
      if (!scanNumber() || input[pos - 1] !== 'i') {
        errorf(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
        return null;
      }
      emit(T.Complex);
    } else emit(T.Number);
    return lexInsideAction;
  };

  const lexQuote = (): State => {
    for (;;) {
      let c = next();
      if (c === '\\') {
        c = next();
        if (c !== undefined && c !== '\n') continue;
      }
      if (c === undefined || c === '\n') {
        errorf('unterminated quoted string');
        return null;
      }
      if (c === '"') break;
    }
    emit(T.String);
    return lexInsideAction;
  };

  const lexRawQuote = (): State => {
    const i = input.indexOf('`', pos);
    if (i < 0) {
      pos = input.length;
      line += countNL(input, start, pos);
      errorf('unterminated raw quoted string');
      return null;
    }
    line += countNL(input, pos, i + 1);
    pos = i + 1;
    emit(T.RawString);
    return lexInsideAction;
  };

  let state: State = lexText;
  while (state) state = state();
  return items;
}

/** Go's %#U: U+0041 'A'. */
export function formatU(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = cp >= 0 && isPrintCP(cp);
  return printable ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`;
}
