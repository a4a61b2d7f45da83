// data.ToJSON: gomplate encodes with ugorji/go's canonical JSON handle (sorted keys,
// <>& escaped, whole floats written with ".0", NaN/Inf as null, times as RFC 3339).
import { toBytes, decodeRune } from './gostring.js';
import { GoTime } from './gotime.js';
import { formatFloat } from './strconv-format.js';
import {
  GoComplex,
  GoFloat,
  GoInt,
  GoMap,
  GoObject,
  GoSlice,
  type GoValue,
  sortedKeys,
} from './values.js';

const HEX = '0123456789abcdef';

export function jsonString(s: string): string {
  const b = toBytes(s);
  let out = '"';
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      if (c === 0x5c || c === 0x22) out += '\\' + String.fromCharCode(c);
      else if (c === 0x0a) out += '\\n';
      else if (c === 0x0d) out += '\\r';
      else if (c === 0x08) out += '\\b';
      else if (c === 0x0c) out += '\\f';
      else if (c === 0x09) out += '\\t';
      else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26)
        out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
      else out += String.fromCharCode(c);
      i++;
      continue;
    }
    const [r, size] = decodeRune(b, i);
    if (r < 0) out += '\\ufffd';
    else if (r === 0x2028 || r === 0x2029) out += '\\u' + r.toString(16);
    else out += String.fromCodePoint(r);
    i += size;
  }
  return out + '"';
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) return 'null';
  const abs = Math.abs(f);
  if (abs === 0 || abs === 1 || (Number.isInteger(f) && abs < 1e21 && abs >= 1e-6))
    return formatFloat(f, 'f', 1);
  if (abs < 1e-6 || abs >= 1e21) return formatFloat(f, 'e', -1);
  return formatFloat(f, 'f', -1);
}

export function toJSON(v: GoValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof GoInt) return v.v.toString();
  if (v instanceof GoFloat) return jsonFloat(v.v);
  if (v instanceof GoSlice && v.isNil) return 'null';
  if (v instanceof GoSlice) return '[' + v.items.map(toJSON).join(',') + ']';
  if (v instanceof GoMap)
    return (
      '{' +
      sortedKeys(v)
        .map((k) => jsonString(k) + ':' + toJSON(v.m.get(k)!))
        .join(',') +
      '}'
    );
  if (v instanceof GoTime) return jsonString(v.rfc3339Nano());
  if (v instanceof GoObject) return v.kind === 'root' ? '{}' : '{}';
  if (v instanceof GoComplex) throw new Error('unsupported type: complex128');
  return 'null';
}

/** encoding/json.Indent with an empty prefix. */
export function indentJSON(src: string, indent: string): string {
  let out = '';
  let depth = 0;
  let inStr = false;
  let needIndent = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inStr) {
      out += c;
      if (c === '\\') out += src[++i]!;
      else if (c === '"') inStr = false;
      continue;
    }
    if (needIndent && c !== ']' && c !== '}') {
      out += '\n' + indent.repeat(depth);
      needIndent = false;
    }
    switch (c) {
      case '"':
        inStr = true;
        out += c;
        break;
      case '{':
      case '[':
        out += c;
        depth++;
        needIndent = true;
        break;
      case ',':
        out += c + '\n' + indent.repeat(depth);
        break;
      case ':':
        out += ': ';
        break;
      case '}':
      case ']':
        if (needIndent) needIndent = false;
        else out += '\n' + indent.repeat(depth - 1);
        depth--;
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}
