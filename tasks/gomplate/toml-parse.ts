// The TOML parser of hairyhenderson/toml (gomplate's data.TOML): builds the document as
// Go's map[string]interface {} holds it (int64, float64, time.Time, []interface {},
// []map[string]interface {} for arrays of tables), with the library's checks and
// messages ("Near line N (last key parsed 'k'): …").
import { toBytes } from './gostring.js';
import type { GoTime } from './gotime.js';
import { type Location, parseTime } from './funcs/time-layout.js';
import { NumError, parseFloat64, parseInt64 } from './strconv-parse.js';
import { I, type Item, Lexer } from './toml-lex.js';
import { GoFloat, GoInt, GoMap, GoSlice, type GoValue } from './values.js';

/** A parse error (ParseError.Error()) or a library bug (its panic text). */
export class TomlError extends Error {}

type TomlType =
  'Integer' | 'Float' | 'Datetime' | 'String' | 'Bool' | 'Array' | 'Hash' | 'ArrayHash';
type Key = string[];
const keyStr = (k: Key) => k.join('.');

const isTable = (v: GoValue | undefined): v is GoMap => v instanceof GoMap;
const isTableArray = (v: GoValue | undefined): v is GoSlice =>
  v instanceof GoSlice && v.elem === 'map[string]interface {}';

const LOCAL: Location = { name: 'UTC', offset: 0 };
const DT_TYPES: [string, Location][] = [
  ['2006-01-02T15:04:05.999999999Z07:00', LOCAL],
  ['2006-01-02T15:04:05.999999999', { name: 'datetime-local', offset: 0 }],
  ['2006-01-02', { name: 'date-local', offset: 0 }],
  ['15:04:05.999999999', { name: 'time-local', offset: 0 }],
];

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);

function numHasLeadingZero(s: string): boolean {
  if (s.length > 1 && s[0] === '0' && isDigit(s[1])) return true;
  return s.length > 2 && (s[0] === '-' || s[0] === '+') && s[1] === '0';
}

function numUnderscoresOK(s: string): boolean {
  if (['nan', '+nan', '-nan', 'inf', '-inf', '+inf'].includes(s)) return true;
  let accept = false;
  for (const c of s) {
    if (c === '_' && !accept) return false;
    accept = isHex(c);
  }
  return accept;
}

function numPeriodsOK(s: string): boolean {
  let period = false;
  for (const c of s) {
    if (period && !isDigit(c)) return false;
    period = c === '.';
  }
  return !period;
}

function stripFirstNewline(s: string): string {
  if (s[0] === '\n') return s.slice(1);
  if (s.startsWith('\r\n')) return s.slice(2);
  return s;
}

function stripEscapedNewlines(s: string): string {
  const split = s.split('\n');
  let escNL = false;
  for (let i = 0; i < split.length; i++) {
    let line = split[i]!.replace(/[ \t\r]+$/, '');
    if (line.length === 0 || !line.endsWith('\\')) {
      split[i] = split[i]!.replace(/\r+$/, '');
      if (!escNL && i !== split.length - 1) split[i] += '\n';
      continue;
    }
    let escBS = true;
    for (let j = line.length - 1; j >= 0 && line[j] === '\\'; j--) escBS = !escBS;
    if (escNL) line = line.replace(/^[ \t\r]+/, '');
    escNL = !escBS;
    if (escBS) {
      split[i] += '\n';
      continue;
    }
    split[i] = line.slice(0, -1);
    if (split.length - 1 > i) split[i + 1] = split[i + 1]!.replace(/^[ \t\r]+/, '');
  }
  return split.join('');
}

class Parser {
  readonly mapping = new GoMap();
  private readonly types = new Map<string, TomlType>();
  private context: Key = [];
  private currentKey = '';
  private approxLine = 0;
  private readonly implicits = new Map<string, boolean>();

  constructor(private readonly lx: Lexer) {}

  panicf(msg: string): never {
    throw new TomlError(
      `Near line ${this.approxLine} (last key parsed '${this.current()}'): ${msg}`,
    );
  }
  bug(msg: string): never {
    throw new TomlError(`BUG: ${msg}\n\n`);
  }

  next(): Item {
    const it = this.lx.nextItem();
    if (it.typ === I.Error) this.panicf(it.val);
    return it;
  }
  expect(typ: I): Item {
    const it = this.next();
    if (it.typ !== typ) this.bug(`Expected '${typ}' but got '${it.typ}'.`);
    return it;
  }

  topLevel(item: Item): void {
    switch (item.typ) {
      case I.CommentStart:
        this.approxLine = item.line;
        this.expect(I.Text);
        return;
      case I.TableStart:
      case I.ArrayTableStart: {
        const end = item.typ === I.TableStart ? I.TableEnd : I.ArrayTableEnd;
        let name = this.next();
        this.approxLine = name.line;
        const key: Key = [];
        for (; name.typ !== end && name.typ !== I.EOF; name = this.next())
          key.push(this.keyString(name));
        if (name.typ !== end) this.bug('Expected table end.');
        this.addContext(key, end === I.ArrayTableEnd);
        this.setType('', end === I.TableEnd ? 'Hash' : 'ArrayHash');
        return;
      }
      case I.KeyStart: {
        const outer = this.context;
        this.keyValue();
        this.context = outer;
        this.currentKey = '';
        return;
      }
    }
    this.bug(`Unexpected type at top level: ${item.typ}`);
  }

  /** key = value (after KeyStart); returns the key's last part and the value. */
  keyValue(): [string, GoValue] {
    let k = this.next();
    this.approxLine = k.line;
    const key: Key = [];
    for (; k.typ !== I.KeyEnd && k.typ !== I.EOF; k = this.next()) key.push(this.keyString(k));
    if (k.typ !== I.KeyEnd) this.bug('Expected key end.');
    this.currentKey = key[key.length - 1]!;
    const context = key.slice(0, -1);
    for (let i = 0; i < context.length; i++)
      this.addImplicitContext([...this.context, context[i]!]);
    const [val, typ] = this.value(this.next(), false);
    this.setValue(this.currentKey, val);
    this.setType(this.currentKey, typ);
    return [this.currentKey, val];
  }

  keyString(it: Item): string {
    switch (it.typ) {
      case I.Text:
        return it.val;
      case I.String:
      case I.MultilineString:
      case I.RawString:
      case I.RawMultilineString:
        return this.value(it, false)[0] as string;
    }
    this.bug(`Unexpected key type: ${it.typ}`);
  }

  value(it: Item, parentIsArray: boolean): [GoValue, TomlType] {
    switch (it.typ) {
      case I.String:
        return [this.replaceEscapes(it.val), 'String'];
      case I.MultilineString:
        return [this.replaceEscapes(stripFirstNewline(stripEscapedNewlines(it.val))), 'String'];
      case I.RawString:
        return [it.val, 'String'];
      case I.RawMultilineString:
        return [stripFirstNewline(it.val), 'String'];
      case I.Integer:
        return [this.valueInteger(it.val), 'Integer'];
      case I.Float:
        return [this.valueFloat(it.val), 'Float'];
      case I.Bool:
        return [it.val === 'true', 'Bool'];
      case I.Datetime:
        return [this.valueDatetime(it.val), 'Datetime'];
      case I.Array:
        return [this.valueArray(), 'Array'];
      case I.InlineTableStart:
        return [this.valueInlineTable(parentIsArray), 'Hash'];
    }
    this.bug(`Unexpected value type: ${it.typ}`);
  }

  valueInteger(val: string): GoInt {
    if (!numUnderscoresOK(val))
      this.panicf(`Invalid integer "${val}": underscores must be surrounded by digits`);
    if (numHasLeadingZero(val)) this.panicf(`Invalid integer "${val}": cannot have leading zeroes`);
    try {
      return new GoInt(parseInt64(val), 'int64');
    } catch (e) {
      if (e instanceof NumError && e.reason === 'value out of range')
        this.panicf(`Integer '${val}' is out of the range of 64-bit signed integers.`);
      this.bug(`Expected integer value, but got '${val}'.`);
    }
  }

  valueFloat(text: string): GoFloat {
    const parts = text.split(/[.eE]/).filter((p) => p !== '');
    for (const part of parts)
      if (!numUnderscoresOK(part))
        this.panicf(`Invalid float "${text}": underscores must be surrounded by digits`);
    if (parts.length > 0 && numHasLeadingZero(parts[0]!))
      this.panicf(`Invalid float "${text}": cannot have leading zeroes`);
    if (!numPeriodsOK(text))
      this.panicf(`Invalid float "${text}": '.' must be followed by one or more digits`);
    let val = text.replaceAll('_', '');
    if (val === '+nan' || val === '-nan') val = 'nan';
    try {
      return new GoFloat(parseFloat64(val));
    } catch (e) {
      if (e instanceof NumError && e.reason === 'value out of range')
        this.panicf(
          `Float '${text}' is out of the range of 64-bit IEEE-754 floating-point numbers.`,
        );
      this.panicf(`Invalid float value: "${text}"`);
    }
  }

  valueDatetime(text: string): GoTime {
    const val = text.replace(/[zt ]/g, (c) => (c === 'z' ? 'Z' : 'T'));
    for (const [layout, loc] of DT_TYPES) {
      try {
        return parseTime(layout, val, loc);
      } catch {
        // the next form
      }
    }
    this.panicf(`Invalid TOML Datetime: "${val}".`);
  }

  valueArray(): GoSlice {
    this.setType(this.currentKey, 'Array');
    const array: GoValue[] = [];
    for (let it = this.next(); it.typ !== I.ArrayEnd; it = this.next()) {
      if (it.typ === I.CommentStart) {
        this.expect(I.Text);
        continue;
      }
      array.push(this.value(it, true)[0]);
    }
    // Go's `var array []interface{}`: an empty TOML array stays a nil slice
    return new GoSlice(array, 'interface {}', [], array.length === 0);
  }

  valueInlineTable(parentIsArray: boolean): GoMap {
    const hash = new GoMap();
    const outerContext = this.context;
    const outerKey = this.currentKey;
    this.context = [...this.context, this.currentKey];
    const prevContext = this.context;
    this.currentKey = '';
    this.addImplicit(this.context);
    this.addContext(this.context, parentIsArray);
    for (let it = this.next(); it.typ !== I.InlineTableEnd; it = this.next()) {
      if (it.typ === I.CommentStart) {
        this.expect(I.Text);
        continue;
      }
      const [k, v] = this.keyValue();
      hash.m.set(k, v);
      this.context = prevContext;
    }
    this.context = outerContext;
    this.currentKey = outerKey;
    return hash;
  }

  addContext(key: Key, array: boolean): void {
    let hashContext = this.mapping;
    const keyContext: Key = [];
    for (const k of key.slice(0, -1)) {
      keyContext.push(k);
      if (!hashContext.m.has(k)) {
        this.addImplicit(keyContext);
        hashContext.m.set(k, new GoMap());
      }
      const t = hashContext.m.get(k);
      if (isTableArray(t)) hashContext = t.items[t.items.length - 1] as GoMap;
      else if (isTable(t)) hashContext = t;
      else this.panicf(`Key '${keyStr(keyContext)}' was already created as a hash.`);
    }
    this.context = keyContext;
    const last = key[key.length - 1]!;
    if (array) {
      if (!hashContext.m.has(last))
        hashContext.m.set(last, new GoSlice([], 'map[string]interface {}'));
      const hash = hashContext.m.get(last);
      if (isTableArray(hash)) hash.items.push(new GoMap());
      else
        this.panicf(
          `Key '${keyStr(keyContext)}' was already created and cannot be used as an array.`,
        );
    } else {
      this.setValue(last, new GoMap());
    }
    this.context = [...this.context, last];
  }

  setValue(key: string, value: GoValue): void {
    let hash = this.mapping;
    const keyContext: Key = [];
    for (const k of this.context) {
      keyContext.push(k);
      if (!hash.m.has(k))
        this.bug(`Context for key '${keyStr(keyContext)}' has not been established.`);
      const t = hash.m.get(k);
      if (isTableArray(t)) hash = t.items[t.items.length - 1] as GoMap;
      else if (isTable(t)) hash = t;
      else this.panicf(`Key '${keyStr(keyContext)}' has already been defined.`);
    }
    keyContext.push(key);
    if (hash.m.has(key)) {
      const k = keyStr(keyContext);
      if (this.types.get(k) === 'Array') {
        this.implicits.set(k, false);
        hash.m.set(key, value);
        return;
      }
      if (this.implicits.get(k)) {
        this.implicits.set(k, false);
        return;
      }
      this.panicf(`Key '${k}' has already been defined.`);
    }
    hash.m.set(key, value);
  }

  setType(key: string, typ: TomlType): void {
    const k = key.length > 0 ? [...this.context, key] : this.context;
    this.types.set(keyStr(k), typ);
  }

  addImplicit(key: Key): void {
    this.implicits.set(keyStr(key), true);
  }
  addImplicitContext(key: Key): void {
    this.addImplicit(key);
    this.addContext(key, false);
  }

  current(): string {
    if (this.currentKey.length === 0) return keyStr(this.context);
    if (this.context.length === 0) return this.currentKey;
    return `${keyStr(this.context)}.${this.currentKey}`;
  }

  replaceEscapes(str: string): string {
    let out = '';
    let r = 0;
    while (r < str.length) {
      if (str[r] !== '\\') {
        out += str[r];
        r++;
        continue;
      }
      r++;
      if (r >= str.length) this.bug('Escape sequence at end of string.');
      const c = str[r]!;
      switch (c) {
        case ' ':
        case '\t':
          return this.panicf(`invalid escape: '\\${c}'`);
        case 'b':
          out += '\b';
          break;
        case 't':
          out += '\t';
          break;
        case 'n':
          out += '\n';
          break;
        case 'f':
          out += '\f';
          break;
        case 'r':
          out += '\r';
          break;
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case 'u':
        case 'U': {
          const n = c === 'u' ? 4 : 8;
          out += this.hexEscape(str.slice(r + 1, r + 1 + n));
          r += n;
          break;
        }
        default:
          this.bug(`Expected valid escape code after \\, but got '${c}'.`);
      }
      r++;
    }
    return out;
  }

  hexEscape(s: string): string {
    const hex = Number.parseInt(s, 16);
    if (hex > 0x10ffff || (hex >= 0xd800 && hex <= 0xdfff))
      this.panicf(`Escaped character '\\u${s}' is not valid UTF-8.`);
    return String.fromCodePoint(hex);
  }
}

/** toml.Unmarshal into map[string]interface {}. */
export function parseToml(data: string): GoMap {
  // the byte-order marks, as Go strings with invalid UTF-8 hold them here
  if (data.startsWith('\udcff\udcfe') || data.startsWith('\udcfe\udcff')) data = data.slice(2);
  if (toBytes(data.slice(0, 6)).subarray(0, 6).includes(0))
    throw new TomlError(
      'files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8',
    );
  const p = new Parser(new Lexer(data));
  for (;;) {
    const item = p.next();
    if (item.typ === I.EOF) break;
    p.topLevel(item);
  }
  return p.mapping;
}
