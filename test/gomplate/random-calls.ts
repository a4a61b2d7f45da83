// Seeded random calls of gomplate's random namespace: their output is random in gomplate
// too, so the differential test compares errors exactly and successes by shape.
import { rng } from './template-gen.js';

const FUNCS: [string, number, number][] = [
  ['random.ASCII', 0, 2],
  ['random.Alpha', 1, 1],
  ['random.AlphaNum', 1, 1],
  ['random.String', 0, 4],
  ['random.Item', 0, 2],
  ['random.Number', 0, 3],
  ['random.Float', 0, 3],
];

const ARGS = [
  '0',
  '1',
  '5',
  '-1',
  '"3"',
  '"x"',
  'nil',
  '2.5',
  '"a"',
  '"z"',
  '"é"',
  '"0x41"',
  '"0x5A"',
  '"[a-c]"',
  '"[[:digit:]]"',
  '"(?i)x"',
  '"("',
  '"[^\\\\x00-\\\\x{10FFFF}]"',
  '65',
  '90',
  '-9223372036854775808',
  '9223372036854775807',
  '(coll.Slice 1 "b" 3)',
  '(coll.Slice)',
  '(strings.Split "," "p,q")',
  '(dict "a" 1)',
];

export function randomCalls(n: number, seed = 20251207): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const [name, min, max] = pick(FUNCS);
    const k = min + Math.floor(r() * (max - min + 1));
    return `{{ ${name} ${Array.from({ length: k }, () => pick(ARGS)).join(' ')} }}`;
  });
}
