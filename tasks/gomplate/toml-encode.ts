// gomplate's data.ToTOML: the encoder of hairyhenderson/toml (BurntSushi/toml 0.4) over
// the engine's Go values. Its layout is kept: plain keys before tables, each group sorted
// bytewise; tables indented two spaces per level; a blank line before each top-level
// table and each [[array]] entry; nil map entries left out.
import { NOFLAGS, formatValue } from './fmt.js';
import { formatTime } from './funcs/time-layout.js';
import { compareGo } from './gostring.js';
import { formatFloat } from './strconv-format.js';
import { isBareKeyChar } from './toml-lex.js';
import {
  GoComplex,
  GoFloat,
  GoInt,
  GoMap,
  GoSlice,
  GoStruct,
  type GoValue,
  IfaceVal,
  typeName,
} from './values.js';
import { GoTime } from './gotime.js';

/** An error the encoder returns (gomplate wraps it); `bare` ones are Go panics. */
export class TomlEncodeError extends Error {
  constructor(
    message: string,
    readonly bare = false,
  ) {
    super(message);
  }
}

type TomlType =
  'Bool' | 'Integer' | 'Float' | 'String' | 'Datetime' | 'Array' | 'ArrayHash' | 'Hash';

const NO_KEY = 'toml: top-level values must be Go maps or structs';
const NIL_ELEMENT = 'toml: cannot encode array with nil element';

const LOCAL_FORMATS: Record<string, string> = {
  'datetime-local': '2006-01-02T15:04:05.999999999',
  'date-local': '2006-01-02',
  'time-local': '15:04:05.999999999',
};

/** Integer-kind named types (time.Duration, time.Month…) encode as their number. */
const isIntStruct = (v: GoValue): v is GoStruct => v instanceof GoStruct && v.num !== undefined;

function unsupported(v: GoValue): never {
  throw new TomlEncodeError(`toml: values of type ${typeName(v)} are not supported by this engine`);
}

/** tomlTypeOfGo; null for nil (a nil slice too: an array can't hold one). */
function tomlType(v: GoValue): TomlType | null {
  if (v === null || (v instanceof GoSlice && v.isNil)) return null;
  if (typeof v === 'boolean') return 'Bool';
  if (typeof v === 'string') return 'String';
  if (v instanceof GoInt || isIntStruct(v)) return 'Integer';
  if (v instanceof GoFloat) return 'Float';
  if (v instanceof GoTime) return 'Datetime';
  if (v instanceof GoSlice) return arrayType(v) === 'Hash' ? 'ArrayHash' : 'Array';
  if (v instanceof GoMap) return 'Hash';
  if (v instanceof GoComplex) throw new TomlEncodeError(`unsupported type: ${typeName(v)}`);
  unsupported(v);
}

function arrayType(s: GoSlice): TomlType | null {
  if (s.items.length === 0) return null;
  for (let i = 1; i < s.items.length; i++)
    if (tomlType(s.items[i]!) === null) throw new TomlEncodeError(NIL_ELEMENT);
  const first = tomlType(s.items[0]!);
  if (first === null) throw new TomlEncodeError(NIL_ELEMENT);
  return first;
}

const isHash = (t: TomlType | null) => t === 'Hash' || t === 'ArrayHash';

const REPLACE: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
};

const quoted = (s: string) =>
  '"' +
  s.replace(
    /["\\\u0000-\u001f\u007f]/g,
    (c) => REPLACE[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  ) +
  '"';

function maybeQuoted(k: string): string {
  if (k === '') return '""';
  for (const c of k) if (!isBareKeyChar(c.codePointAt(0)!)) return quoted(k);
  return k;
}

class Encoder {
  private out = '';
  private hasWritten = false;

  text(): string {
    return this.out;
  }

  private wf(s: string): void {
    this.out += s;
    this.hasWritten = true;
  }
  private newline(): void {
    if (this.hasWritten) this.wf('\n');
  }
  private indent(key: string[]): string {
    return '  '.repeat(key.length - 1);
  }

  encode(key: string[], v: GoValue): void {
    if (v === null) return;
    if (v instanceof GoMap) return this.eTable(key, v);
    if (v instanceof GoSlice && tomlType(v) === 'ArrayHash') return this.eArrayOfTables(key, v);
    if (v instanceof GoComplex)
      throw new TomlEncodeError(`unsupported type for key '${key.join('.')}': ${typeName(v)}`);
    this.writeKeyValue(key, v, false);
  }

  private eElement(v: GoValue): void {
    if (v === null)
      throw new TomlEncodeError('reflect: call of reflect.Value.Interface on zero Value', true);
    if (v instanceof GoTime) {
      const layout = LOCAL_FORMATS[v.zone] ?? '2006-01-02T15:04:05.999999999Z07:00';
      this.wf(formatTime(v, layout));
    } else if (typeof v === 'string') this.wf(quoted(v));
    else if (typeof v === 'boolean') this.wf(String(v));
    else if (v instanceof GoInt) this.wf(v.v.toString());
    else if (isIntStruct(v)) this.wf(v.num!.toString());
    else if (v instanceof GoFloat) {
      const f = v.v;
      if (Number.isNaN(f)) this.wf('nan');
      else if (!Number.isFinite(f)) this.wf(f < 0 ? '-inf' : '+inf');
      else {
        const s = formatFloat(f, 'f', -1);
        this.wf(s.includes('.') ? s : s + '.0');
      }
    } else if (v instanceof GoSlice) {
      this.wf('[');
      v.items.forEach((e, i) => {
        this.eElement(e);
        if (i !== v.items.length - 1) this.wf(', ');
      });
      this.wf(']');
    } else if (v instanceof GoMap) this.eMap([], v, true);
    else unsupported(v);
  }

  private eArrayOfTables(key: string[], s: GoSlice): void {
    if (key.length === 0) throw new TomlEncodeError(NO_KEY);
    for (const t of s.items) {
      if (t === null) continue;
      this.newline();
      this.wf(`${this.indent(key)}[[${key.map(maybeQuoted).join('.')}]]`);
      this.newline();
      if (!(t instanceof GoMap))
        throw new TomlEncodeError(`eTable: unhandled reflect.Value Kind: ${kindOf(t)}`, true);
      this.eMap(key, t, false);
    }
  }

  private eTable(key: string[], m: GoMap): void {
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.wf(`${this.indent(key)}[${key.map(maybeQuoted).join('.')}]`);
      this.newline();
    }
    this.eMap(key, m, false);
  }

  private eMap(key: string[], m: GoMap, inline: boolean): void {
    const direct: string[] = [];
    const sub: string[] = [];
    for (const [k, v] of m.m) (isHash(tomlType(v)) ? sub : direct).push(k);
    const write = (keys: string[], trailComma: boolean) => {
      keys.sort(compareGo);
      keys.forEach((k, i) => {
        const v = m.m.get(k)!;
        // a nil map value is left out; a nil slice held in an interface is not nil
        if (v === null) return;
        if (inline) {
          this.writeKeyValue([k], v, true);
          if (trailComma || i !== keys.length - 1) this.wf(', ');
        } else this.encode([...key, k], v);
      });
    };
    if (inline) this.wf('{');
    write(direct, sub.length > 0);
    write(sub, false);
    if (inline) this.wf('}');
  }

  private writeKeyValue(key: string[], v: GoValue, inline: boolean): void {
    if (key.length === 0) throw new TomlEncodeError(NO_KEY);
    this.wf(`${this.indent(key)}${maybeQuoted(key[key.length - 1]!)} = `);
    this.eElement(v);
    if (!inline) this.newline();
  }
}

/** reflect.Kind's name of a value (for the library's panic text). */
function kindOf(v: GoValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInt) return v.t;
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoSlice) return 'slice';
  if (v instanceof GoTime) return 'struct';
  if (isIntStruct(v)) return 'int64';
  return 'ptr';
}

/** parsers.ToTOML: the document, or the error text gomplate returns. */
export function toToml(v: GoValue | IfaceVal | undefined): string {
  const val = v instanceof IfaceVal ? v.v : (v ?? null);
  if (val === null)
    throw new TomlEncodeError('reflect: call of reflect.Value.Interface on zero Value', true);
  const enc = new Encoder();
  try {
    enc.encode([], val);
  } catch (e) {
    if (e instanceof TomlEncodeError && !e.bare)
      throw new TomlEncodeError(
        `unable to marshal ${formatValue(val, 's', NOFLAGS, 0)}: ${e.message}`,
      );
    throw e;
  }
  return enc.text();
}
