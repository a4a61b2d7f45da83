// fmt's flag set and padding, shared by the value and float formatters.

export interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  sharpV: boolean;
  wid: number; // -1 when absent
  prec: number; // -1 when absent
}

export const NOFLAGS: Flags = {
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  sharpV: false,
  wid: -1,
  prec: -1,
};

export function pad(s: string, f: Flags): string {
  if (f.wid < 0) return s;
  const n = [...s].length;
  if (n >= f.wid) return s;
  const fill = f.wid - n;
  if (f.minus) return s + ' '.repeat(fill);
  return (f.zero ? '0' : ' ').repeat(fill) + s;
}
