// time.Time values as go-yaml v3 produces them for timestamps, and their String() form.
// The local time zone is taken to be UTC (as in containers and CI); a numeric offset
// other than zero gives Go's fabricated zone, which prints the offset as its name.

export class GoTime {
  constructor(
    /** seconds since the epoch (UTC) */
    readonly sec: number,
    readonly nsec: number,
    /** zone offset east of UTC, in seconds */
    readonly offset: number,
    /** zone abbreviation; '' for a fabricated fixed zone */
    readonly zone: string,
  ) {}

  /** Wall-clock fields in the time's own zone. */
  fields(): { y: number; mo: number; d: number; h: number; mi: number; s: number; wd: number } {
    const dt = new Date((this.sec + this.offset) * 1000);
    return {
      y: dt.getUTCFullYear(),
      mo: dt.getUTCMonth() + 1,
      d: dt.getUTCDate(),
      h: dt.getUTCHours(),
      mi: dt.getUTCMinutes(),
      s: dt.getUTCSeconds(),
      wd: dt.getUTCDay(),
    };
  }

  /** Go's Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST". */
  toString(): string {
    const f = this.fields();
    const p2 = (n: number) => String(n).padStart(2, '0');
    let s = `${String(f.y).padStart(4, '0')}-${p2(f.mo)}-${p2(f.d)} ${p2(f.h)}:${p2(f.mi)}:${p2(f.s)}`;
    if (this.nsec) s += '.' + String(this.nsec).padStart(9, '0').replace(/0+$/, '');
    const off = Math.abs(this.offset);
    const sign = this.offset < 0 ? '-' : '+';
    const numeric = `${sign}${p2(Math.floor(off / 3600))}${p2(Math.floor((off % 3600) / 60))}`;
    return `${s} ${numeric} ${this.zone || numeric}`;
  }

  /** Go's Time.GoString() (%#v): time.Date(…) with the zone as Go names it. */
  goString(): string {
    const f = this.fields();
    const months =
      'January February March April May June July August September October November December'.split(
        ' ',
      );
    const loc =
      this.offset === 0 && this.zone === 'UTC'
        ? 'time.UTC'
        : `time.Location(${JSON.stringify(this.zone)})`;
    return `time.Date(${f.y}, time.${months[f.mo - 1]}, ${f.d}, ${f.h}, ${f.mi}, ${f.s}, ${this.nsec}, ${loc})`;
  }

  /** RFC 3339 with nanoseconds, as JSON/YAML encoders write times. */
  rfc3339Nano(): string {
    const f = this.fields();
    const p2 = (n: number) => String(n).padStart(2, '0');
    let s = `${String(f.y).padStart(4, '0')}-${p2(f.mo)}-${p2(f.d)}T${p2(f.h)}:${p2(f.mi)}:${p2(f.s)}`;
    if (this.nsec) s += '.' + String(this.nsec).padStart(9, '0').replace(/0+$/, '');
    if (this.offset === 0) return s + 'Z';
    const off = Math.abs(this.offset);
    return `${s}${this.offset < 0 ? '-' : '+'}${p2(Math.floor(off / 3600))}:${p2(Math.floor((off % 3600) / 60))}`;
  }
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Reads 1 or 2 digits like Go's getnum(value, false). */
function num12(s: string, i: number): [number, number] | null {
  if (i >= s.length || s[i]! < '0' || s[i]! > '9') return null;
  if (i + 1 < s.length && s[i + 1]! >= '0' && s[i + 1]! <= '9')
    return [Number(s.slice(i, i + 2)), i + 2];
  return [Number(s[i]), i + 1];
}

/**
 * Parses a YAML timestamp with go-yaml v3's layouts:
 * 2006-1-2T15:4:5.999999999Z07:00 (T or t), "2006-1-2 15:4:5.999999999", 2006-1-2.
 */
export function parseYamlTimestamp(s: string): GoTime | undefined {
  if (!/^\d{4}-/.test(s)) return undefined;
  const y = Number(s.slice(0, 4));
  let i = 5;
  const mo = num12(s, i);
  if (!mo || mo[0] < 1 || mo[0] > 12 || s[mo[1]] !== '-') return undefined;
  const d = num12(s, mo[1] + 1);
  if (!d || d[0] < 1 || d[0] > daysIn(mo[0], y)) return undefined;
  i = d[1];
  const date = Date.UTC(y, mo[0] - 1, d[0]) / 1000;
  let fixYear = 0;
  if (y < 100) {
    // Date.UTC maps years 0..99 to 1900..1999
    const dt = new Date(0);
    dt.setUTCFullYear(y, mo[0] - 1, d[0]);
    fixYear = dt.getTime() / 1000 - date;
  }
  const base = date + fixYear;
  if (i === s.length) return new GoTime(base, 0, 0, 'UTC');
  const sepChar = s[i];
  const zoned = sepChar === 'T' || sepChar === 't';
  if (!zoned && sepChar !== ' ') return undefined;
  const h = num12(s, i + 1);
  if (!h || h[0] > 23 || s[h[1]] !== ':') return undefined;
  const mi = num12(s, h[1] + 1);
  if (!mi || mi[0] > 59 || s[mi[1]] !== ':') return undefined;
  const se = num12(s, mi[1] + 1);
  if (!se || se[0] > 59) return undefined;
  i = se[1];
  let nsec = 0;
  if (s[i] === '.' || s[i] === ',') {
    let j = i + 1;
    while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++;
    if (j === i + 1) return undefined;
    nsec = Number((s.slice(i + 1, j) + '000000000').slice(0, 9));
    i = j;
  }
  const secs = base + h[0] * 3600 + mi[0] * 60 + se[0];
  if (!zoned) return i === s.length ? new GoTime(secs, nsec, 0, 'UTC') : undefined;
  const zone = s.slice(i);
  if (zone === 'Z') return new GoTime(secs, nsec, 0, 'UTC');
  const m = /^([+-])(\d\d):(\d\d)$/.exec(zone);
  if (!m) return undefined;
  const off = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
  // An offset equal to the local zone's (UTC) takes the local zone's name.
  return new GoTime(secs - off, nsec, off, off === 0 ? 'UTC' : '');
}
