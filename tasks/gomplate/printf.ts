// fmt.Sprintf's format-string interpreter (Go's doPrintf): flags, width and precision
// (also from `*` arguments), explicit argument indexes and the %!…(…) error forms.
import { type Flags, NOFLAGS, formatValue } from './fmt.js';
import { pad } from './fmt-pad.js';
import { GoInt, type GoValue, dynTypeName } from './values.js';

function parsenum(s: string, i: number, end: number): [number, boolean, number] {
  let num = 0;
  let isnum = false;
  for (; i < end && s[i]! >= '0' && s[i]! <= '9'; i++) {
    if (num > 1e6) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
  }
  return [num, isnum, i];
}

export function sprintf(format: string, a: GoValue[]): string {
  let out = '';
  let argNum = 0;
  let afterIndex = false;
  let reordered = false;
  let goodArgNum = true;
  const end = format.length;

  const argNumber = (i: number): [number, number, boolean] => {
    if (i >= end || format[i] !== '[') return [argNum, i, false];
    reordered = true;
    const rest = format.slice(i);
    let index = 0;
    let wid = 1;
    let ok = false;
    if (rest.length >= 3) {
      const close = rest.indexOf(']', 1);
      if (close > 0) {
        const [n, isnum, newi] = parsenum(rest, 1, close);
        wid = close + 1;
        if (isnum && newi === close) {
          index = n - 1;
          ok = true;
        }
      }
    }
    if (ok && index >= 0 && index < a.length) return [index, i + wid, true];
    goodArgNum = false;
    return [argNum, i + wid, ok];
  };
  const intFromArg = (): [number, boolean] => {
    if (argNum >= a.length) return [0, false];
    const v = a[argNum++];
    if (v instanceof GoInt && v.v > -1000000n && v.v < 1000000n) return [Number(v.v), true];
    return [0, false];
  };

  for (let i = 0; i < end;) {
    goodArgNum = true;
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Flags = { ...NOFLAGS };
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#':
          f.sharp = true;
          break;
        case '0':
          f.zero = !f.minus;
          break;
        case '+':
          f.plus = true;
          break;
        case '-':
          f.minus = true;
          f.zero = false;
          break;
        case ' ':
          f.space = true;
          break;
        default:
          break flags;
      }
    }
    [argNum, i, afterIndex] = argNumber(i);
    if (i < end && format[i] === '*') {
      i++;
      const [w, ok] = intFromArg();
      if (!ok) out += '%!(BADWIDTH)';
      f.wid = ok ? w : -1;
      if (ok && w < 0) {
        f.wid = -w;
        f.minus = true;
        f.zero = false;
      }
      afterIndex = false;
    } else {
      const [w, ok, ni] = parsenum(format, i, end);
      i = ni;
      if (ok) f.wid = w;
      if (afterIndex && ok) goodArgNum = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      [argNum, i, afterIndex] = argNumber(i);
      if (i < end && format[i] === '*') {
        i++;
        const [p, ok] = intFromArg();
        f.prec = ok && p >= 0 ? p : -1;
        if (!ok || p < 0) out += '%!(BADPREC)';
        afterIndex = false;
      } else {
        const [p, ok, ni] = parsenum(format, i, end);
        i = ni;
        f.prec = ok ? p : 0;
      }
    }
    if (!afterIndex) [argNum, i, afterIndex] = argNumber(i);
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!goodArgNum) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= a.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'v') {
      f.sharpV = f.sharp;
      f.sharp = false;
      f.plus = false;
    }
    const arg = a[argNum++];
    // %T of nil is padded but never truncated (fmt's padString, not fmtS)
    if (verb === 'T')
      out += arg == null ? pad('<nil>', f) : formatValue(dynTypeName(arg), 's', f, 0);
    else out += formatValue(arg, verb, f, 0);
  }
  if (!reordered && argNum < a.length) {
    const extra = a
      .slice(argNum)
      .map((x) => (x === null ? '<nil>' : `${dynTypeName(x)}=${formatValue(x, 'v', NOFLAGS, 0)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
