// Go's strconv float formatting (ftoa.go): FormatFloat in every format fmt uses (e E f g G
// b x X), shortest or to a precision, with Go's rounding of exact decimal expansions.

interface Digits {
  d: string; // significant digits, no leading or trailing zeros ('' for zero)
  dp: number; // value = 0.d × 10^dp
}

function shortestDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  const [mant, exp] = v.toExponential().split('e') as [string, string];
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exp) + 1 };
}

const view = new DataView(new ArrayBuffer(8));

function exactDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = bexp - 1075;
  }
  let s: string;
  let dp: number;
  if (e >= 0) {
    s = (mant << BigInt(e)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-e)).toString();
    dp = s.length + e;
  }
  const trimmed = s.replace(/0+$/, '');
  const lead = trimmed.length - trimmed.replace(/^0+/, '').length;
  return { d: trimmed.slice(lead), dp: dp - lead };
}

/** Rounds to nd significant digits (round half to even on the exact value). */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: x.dp };
  if (nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (nd + 1 < x.d.length) up = true;
  else up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  if (!up) return { d: x.d.slice(0, nd).replace(/0+$/, ''), dp: x.dp };
  const arr = x.d.slice(0, nd).split('');
  let i = nd - 1;
  while (i >= 0 && arr[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  arr[i] = String.fromCharCode(arr[i]!.charCodeAt(0) + 1);
  return { d: arr.slice(0, i + 1).join(''), dp: x.dp };
}

function digitAt(x: Digits, i: number): string {
  return i >= 0 && i < x.d.length ? x.d[i]! : '0';
}

function fmtE(neg: boolean, x: Digits, prec: number, e: string): string {
  let s = neg ? '-' : '';
  s += x.d.length ? x.d[0] : '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(x, i);
  }
  const exp = x.d.length === 0 ? 0 : x.dp - 1;
  const ae = Math.abs(exp);
  return s + e + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' + ae : String(ae));
}

function fmtF(neg: boolean, x: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (x.dp > 0) {
    for (let i = 0; i < x.dp; i++) s += digitAt(x, i);
  } else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(x, x.dp + i);
  }
  return s;
}

/** strconv.FormatFloat(v, fmt, prec, 64) for fmt in b e E f F g G x X. */
export function formatFloat(v: number, fmt: string, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (fmt === 'x' || fmt === 'X') return formatHexFloat(v, fmt, prec);
  if (fmt === 'b') return formatBinaryFloat(v);
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  const shortest = prec < 0;
  let x: Digits;
  const lower = fmt.toLowerCase();
  if (shortest) {
    x = shortestDigits(a);
  } else {
    const ex = exactDigits(a);
    if (lower === 'e') x = roundDigits(ex, prec + 1);
    else if (lower === 'f') x = roundDigits(ex, ex.dp + prec);
    else x = roundDigits(ex, prec === 0 ? 1 : prec);
  }
  const expChar = fmt === 'E' || fmt === 'G' ? 'E' : 'e';
  if (lower === 'e') return fmtE(neg, x, shortest ? Math.max(x.d.length - 1, 0) : prec, expChar);
  if (lower === 'f') return fmtF(neg, x, shortest ? Math.max(x.d.length - x.dp, 0) : prec);
  // 'g'
  let p = shortest ? x.d.length : prec === 0 ? 1 : prec;
  let eprec = p;
  if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length;
  if (shortest) eprec = 6;
  const exp = x.dp - 1;
  if (x.d.length !== 0 && (exp < -4 || exp >= eprec)) {
    if (p > x.d.length) p = x.d.length;
    return fmtE(neg, x, Math.max(p - 1, 0), expChar);
  }
  if (p > x.dp) p = x.d.length;
  return fmtF(neg, x, Math.max(p - x.dp, 0));
}

/** strconv's 'b' format: decimal mantissa, binary exponent ("5629499534213120p-51"). */
function formatBinaryFloat(v: number): string {
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  exp -= 1023 + 52;
  return (bits >> 63n ? '-' : '') + mant.toString() + 'p' + (exp >= 0 ? '+' : '') + exp;
}

/** strconv's %x for float64 ("0x1.8p+01"). */
function formatHexFloat(v: number, fmtc: string, prec: number): string {
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  exp -= 1023;
  if (mant === 0n) exp = 0;
  mant <<= 8n;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmtc === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = (neg ? '-' : '') + '0' + fmtc + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  out += fmtc === 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  const ae = Math.abs(exp);
  return out + (ae < 10 ? '0' + ae : String(ae));
}
