// data.ToYAML: go-yaml v3's encoder with a 2-space indent, for the value shapes templates
// build (maps, lists, scalars). Strings that would read back as another type are
// double-quoted, strings that cannot be plain are single-quoted, multi-line strings use
// literal block style; keys are ordered like go-yaml (numbers inside keys compared
// numerically).
import { formatFloat } from './strconv-format.js';
import { GoTime } from './gotime.js';
import { jsonString } from './encode-json.js';
import { resolvePlain } from './yaml-scalar.js';
import { GoFloat, GoInt, GoMap, GoObject, GoSlice, type GoValue } from './values.js';

function naturalLess(a: string, b: string): number {
  const ra = [...a];
  const rb = [...b];
  for (let i = 0; i < ra.length && i < rb.length; i++) {
    if (ra[i] === rb[i]) continue;
    const da = /[0-9]/.test(ra[i]!);
    const db = /[0-9]/.test(rb[i]!);
    if (da && db) {
      const na = a.slice(ra.slice(0, i).join('').length).match(/^[0-9]+/)![0];
      const nb = b.slice(rb.slice(0, i).join('').length).match(/^[0-9]+/)![0];
      if (Number(na) !== Number(nb)) return Number(na) < Number(nb) ? -1 : 1;
    }
    return ra[i]! < rb[i]! ? -1 : 1;
  }
  return ra.length - rb.length;
}

const PLAIN_SAFE = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^:#]*$/;

function yamlString(s: string, indent: string): string {
  if (s.includes('\n')) {
    const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
    const body = (chomp === '-' ? s : s.replace(/\n+$/, (m) => (chomp === '+' ? m.slice(1) : '')))
      .split('\n')
      .map((l) => (l === '' ? '' : indent + l))
      .join('\n');
    return `|${chomp}\n${body}`;
  }
  if (s === '' || typeof resolvePlain(s) !== 'string') return jsonString(s);
  if (PLAIN_SAFE.test(s) && !/\s$/.test(s) && !s.includes(': ') && !s.includes(' #')) return s;
  return "'" + s.replace(/'/g, "''") + "'";
}

function scalar(v: GoValue, indent: string): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'string') return yamlString(v, indent);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof GoInt) return v.v.toString();
  if (v instanceof GoFloat) {
    const s = formatFloat(v.v, 'g', -1);
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
  }
  if (v instanceof GoTime) return v.rfc3339Nano();
  if (v instanceof GoObject) return '{}';
  if (v instanceof GoSlice && v.items.length === 0) return '[]';
  if (v instanceof GoMap && v.m.size === 0) return '{}';
  return undefined;
}

function emit(v: GoValue, ind: string, out: string[]): void {
  if (v instanceof GoMap && v.m.size) {
    for (const k of [...v.m.keys()].sort(naturalLess)) {
      const val = v.m.get(k)!;
      const key = yamlString(k, '');
      const sc = scalar(val, ind + '  ');
      if (sc !== undefined) out.push(`${ind}${key}: ${sc}`);
      else {
        out.push(`${ind}${key}:`);
        emit(val, ind + '  ', out);
      }
    }
    return;
  }
  if (v instanceof GoSlice && v.items.length) {
    for (const item of v.items) {
      const sc = scalar(item, ind + '  ');
      if (sc !== undefined) {
        out.push(`${ind}- ${sc}`);
        continue;
      }
      const sub: string[] = [];
      emit(item, ind + '  ', sub);
      out.push(`${ind}- ${sub[0]!.slice(ind.length + 2)}`, ...sub.slice(1));
    }
    return;
  }
  out.push(ind + scalar(v, ind + '  '));
}

export function toYAML(v: GoValue): string {
  const out: string[] = [];
  emit(v, '', out);
  return out.join('\n') + '\n';
}
