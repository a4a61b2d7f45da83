// gomplate's CSV functions (data.CSV, CSVByRow, CSVByColumn, ToCSV) over a port of Go's
// encoding/csv reader and writer: byte columns in parse errors, the field-count rule,
// quoting and CRLF output. Strings are handled as bytes (a latin1 JS string).
import { fromBytes, toBytes } from '../gostring.js';
import { NOFLAGS, formatValue } from '../fmt.js';
import { GoMap, GoSlice, type GoValue, dynTypeName } from '../values.js';
import { toGoString } from './convert.js';
import { FuncError } from './types.js';

const bytesOf = (s: string) => Buffer.from(toBytes(s)).toString('latin1');
const textOf = (b: string) => fromBytes(Buffer.from(b, 'latin1'));
const utf8Of = (r: number) => Buffer.from(String.fromCodePoint(r), 'utf8').toString('latin1');

const validDelim = (r: number) =>
  r !== 0 && r !== 0x22 && r !== 0x0d && r !== 0x0a && !(r >= 0xd800 && r <= 0xdfff);

class Lines {
  private pos = 0;
  line = 0;
  constructor(private readonly src: string) {}
  /** Go's readLine: one line with its \n (\r\n → \n), eof when nothing is left. */
  read(): [string, boolean] {
    if (this.pos >= this.src.length) return ['', true];
    const nl = this.src.indexOf('\n', this.pos);
    let line: string;
    if (nl < 0) {
      line = this.src.slice(this.pos);
      this.pos = this.src.length;
      if (line.endsWith('\r')) line = line.slice(0, -1);
    } else {
      line = this.src.slice(this.pos, nl + 1);
      this.pos = nl + 1;
    }
    this.line++;
    if (line.length >= 2 && line.endsWith('\r\n')) line = line.slice(0, -2) + '\n';
    return [line, false];
  }
}

const lengthNL = (b: string) => (b.endsWith('\n') ? 1 : 0);

function parseError(start: number, line: number, col: number, err: string): FuncError {
  if (start !== line)
    return new FuncError(
      `record on line ${start}; parse error on line ${line}, column ${col}: ${err}`,
    );
  return new FuncError(`parse error on line ${line}, column ${col}: ${err}`);
}

const BARE = 'bare " in non-quoted-field';
const QUOTE = 'extraneous or missing " in quoted-field';

/** csv.Reader.ReadAll with Comma = comma (a rune). */
export function readAll(input: string, comma: number): string[][] {
  if (!validDelim(comma)) throw new FuncError('csv: invalid field or comment delimiter');
  const src = new Lines(bytesOf(input));
  const commaB = utf8Of(comma);
  const records: string[][] = [];
  let fieldsPerRecord = 0;
  for (;;) {
    let line = '';
    let eof = false;
    for (;;) {
      [line, eof] = src.read();
      if (!eof && line.length === lengthNL(line)) continue; // empty line
      break;
    }
    if (eof) return records;
    const recLine = src.line;
    const fields: string[] = [];
    let buf = '';
    let col = 1;
    let posLine = src.line;
    let err: FuncError | undefined;
    parse: for (;;) {
      if (line.length === 0 || line[0] !== '"') {
        const i = line.indexOf(commaB);
        let field = i >= 0 ? line.slice(0, i) : line.slice(0, line.length - lengthNL(line));
        const j = field.indexOf('"');
        if (j >= 0) {
          err = parseError(recLine, src.line, col + j, BARE);
          break parse;
        }
        fields.push(field);
        field = '';
        if (i >= 0) {
          line = line.slice(i + commaB.length);
          col += i + commaB.length;
          continue parse;
        }
        break parse;
      }
      // a quoted field
      line = line.slice(1);
      col += 1;
      buf = '';
      for (;;) {
        const i = line.indexOf('"');
        if (i >= 0) {
          buf += line.slice(0, i);
          line = line.slice(i + 1);
          col += i + 1;
          if (line.startsWith('"')) {
            buf += '"';
            line = line.slice(1);
            col += 1;
          } else if (line.startsWith(commaB)) {
            line = line.slice(commaB.length);
            col += commaB.length;
            fields.push(buf);
            continue parse;
          } else if (lengthNL(line) === line.length) {
            fields.push(buf);
            break parse;
          } else {
            err = parseError(recLine, src.line, col - 1, QUOTE);
            break parse;
          }
        } else if (line.length > 0) {
          // the field goes on on the next line (Go's EOF there is no error: see below)
          buf += line;
          col += line.length;
          line = src.read()[0];
          if (line.length > 0) {
            posLine++;
            col = 1;
          }
        } else {
          // the input ended inside the quotes
          err = parseError(recLine, posLine, col, QUOTE);
          break parse;
        }
      }
    }
    if (err) throw err;
    if (fieldsPerRecord > 0) {
      if (fields.length !== fieldsPerRecord)
        throw new FuncError(`record on line ${recLine}: wrong number of fields`);
    } else fieldsPerRecord = fields.length;
    records.push(fields.map(textOf));
  }
}

function autoIndex(i: number): string {
  return String.fromCharCode(65 + (i % 26)).repeat(Math.floor(i / 26) + 1);
}

function parseArgs(args: string[]): { input: string; delim: string; hdr: string[] | null } {
  let delim = ',';
  let input = '';
  let hdr: string[] | null = null;
  if (args.length === 1) input = args[0]!;
  else if (args.length === 2) {
    input = args[1]!;
    const b = bytesOf(args[0]!);
    if (b.length === 1) delim = args[0]!;
    else if (b.length === 0) hdr = [];
    else hdr = args[0]!.split(delim);
  } else if (args.length === 3) {
    delim = args[0]!;
    if (delim === '') throw new FuncError('runtime error: index out of range [0] with length 0');
    hdr = args[1]!.split(textOf(bytesOf(delim)));
    input = args[2]!;
  }
  return { input, delim, hdr };
}

function parseCSV(args: string[]): { records: string[][]; hdr: string[] | null } {
  const { input, delim, hdr: h } = parseArgs(args);
  // Go takes the delimiter's first byte as the rune
  let records = readAll(input, bytesOf(delim).charCodeAt(0));
  let hdr = h;
  if (records.length > 0) {
    if (hdr === null) {
      hdr = records[0]!;
      records = records.slice(1);
    } else if (hdr.length === 0) hdr = records[0]!.map((_, i) => autoIndex(i));
  }
  return { records, hdr };
}

const strs = (xs: string[]) => new GoSlice(xs, 'string');

function indexError(i: number, n: number): FuncError {
  return new FuncError(`runtime error: index out of range [${i}] with length ${n}`);
}

export function csv(args: string[]): GoSlice {
  const { records, hdr } = parseCSV(args);
  // a nil header prints as [] like any nil slice
  return new GoSlice([strs(hdr ?? []), ...records.map(strs)], '[]string');
}

export function csvByRow(args: string[]): GoSlice {
  const { records, hdr } = parseCSV(args);
  const rows = records.map((rec) => {
    const m = new Map<string, GoValue>();
    rec.forEach((v, i) => {
      if (!hdr || i >= hdr.length) throw indexError(i, hdr?.length ?? 0);
      m.set(hdr[i]!, v);
    });
    return new GoMap(m, 'string');
  });
  return new GoSlice(rows, 'map[string]string');
}

export function csvByColumn(args: string[]): GoMap {
  const { records, hdr } = parseCSV(args);
  const cols = new Map<string, GoValue>();
  for (const rec of records)
    rec.forEach((v, i) => {
      if (!hdr || i >= hdr.length) throw indexError(i, hdr?.length ?? 0);
      const col = cols.get(hdr[i]!) as GoSlice | undefined;
      cols.set(hdr[i]!, strs([...(col?.items ?? []), v] as string[]));
    });
  return new GoMap(cols, '[]string');
}

const isSpaceRune = (r: number) =>
  (r >= 9 && r <= 13) ||
  r === 0x20 ||
  r === 0x85 ||
  r === 0xa0 ||
  r === 0x1680 ||
  (r >= 0x2000 && r <= 0x200a) ||
  r === 0x2028 ||
  r === 0x2029 ||
  r === 0x202f ||
  r === 0x205f ||
  r === 0x3000;

function needsQuotes(field: string, comma: string): boolean {
  if (field === '') return false;
  if (field === '\\.') return true;
  if (/["\r\n]/.test(field) || field.includes(comma)) return true;
  return isSpaceRune(field.codePointAt(0)!);
}

/** data.ToCSV: [][]string, [][]interface {} or []interface {} of []interface {}. */
export function toCSV(args: GoValue[]): string {
  let delim = ',';
  if (args.length === 2) {
    const d = args[0];
    if (typeof d !== 'string')
      throw new FuncError(
        `can't parse ToCSV delimiter (${formatValue(d, 'v', NOFLAGS, 0)}) - must be string (is a ${dynTypeName(d)})`,
      );
    delim = d;
    args = args.slice(1);
  }
  let rows: string[][] = [];
  if (args.length === 1) {
    const a = args[0];
    const bad = () =>
      new FuncError(
        `can't parse ToCSV input - must be a two-dimensional array (like [][]string or [][]any) (was ${dynTypeName(a)})`,
      );
    if (!(a instanceof GoSlice) || (a.elem !== '[]string' && a.elem !== 'interface {}'))
      throw bad();
    rows = a.items.map((row) => {
      if (!(row instanceof GoSlice) || (a.elem === 'interface {}' && row.elem !== 'interface {}'))
        throw bad();
      return row.items.map((x) => toGoString(x));
    });
  }
  if (delim === '') throw new FuncError('runtime error: index out of range [0] with length 0');
  const comma = bytesOf(delim).charCodeAt(0);
  const commaS = String.fromCodePoint(comma);
  let out = '';
  for (const row of rows) {
    if (!validDelim(comma)) throw new FuncError('csv: invalid field or comment delimiter');
    out +=
      row
        .map((f) => {
          if (!needsQuotes(f, commaS)) return f;
          return '"' + f.replace(/"/g, '""').replace(/\r/g, '').replace(/\n/g, '\r\n') + '"';
        })
        .join(commaS) + '\r\n';
  }
  return out;
}
