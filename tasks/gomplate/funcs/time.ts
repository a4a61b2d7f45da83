// The time.Time methods a template can call on datasource timestamps.
import { GoTime } from '../gotime.js';
import { goInt } from '../values.js';
import { type GoFunc, fn } from './types.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function timeMethod(t: GoTime, name: string): GoFunc | undefined {
  const f = t.fields();
  const val = (v: () => ReturnType<GoFunc['call']>) => fn([], 'concrete', v);
  switch (name) {
    case 'Year':
      return val(() => goInt(f.y));
    case 'Month':
      return val(() => MONTHS[f.mo - 1]!);
    case 'Day':
      return val(() => goInt(f.d));
    case 'Hour':
      return val(() => goInt(f.h));
    case 'Minute':
      return val(() => goInt(f.mi));
    case 'Second':
      return val(() => goInt(f.s));
    case 'Nanosecond':
      return val(() => goInt(t.nsec));
    case 'Weekday':
      return val(() => DAYS[f.wd]!);
    case 'Unix':
      return val(() => goInt(t.sec, 'int64'));
    case 'String':
      return val(() => t.toString());
    case 'IsZero':
      return val(() => t.sec === -62135596800 && t.nsec === 0);
    case 'UTC':
      return val(() => new GoTime(t.sec, t.nsec, 0, 'UTC'));
  }
  return undefined;
}
