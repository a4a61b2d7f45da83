// Seeded random calls of the implemented gomplate functions over a pool of awkward
// arguments, for the function differential test.
import { rng } from './template-gen.js';

const SEED = Number(process.env.DIFF_SEED ?? 20251206);

/** Functions and how many arguments they take (min, max). */
const FUNCS: [string, number, number][] = [
  ['math.Abs', 1, 1],
  ['math.Add', 0, 3],
  ['math.Mul', 0, 3],
  ['math.Sub', 2, 2],
  ['math.Div', 2, 2],
  ['math.Rem', 2, 2],
  ['math.Pow', 2, 2],
  ['math.Seq', 0, 4],
  ['math.Max', 1, 3],
  ['math.Min', 1, 3],
  ['math.Ceil', 1, 1],
  ['math.Floor', 1, 1],
  ['math.Round', 1, 1],
  ['math.IsInt', 1, 1],
  ['math.IsFloat', 1, 1],
  ['math.IsNum', 1, 1],
  ['base64.Encode', 1, 1],
  ['base64.Decode', 1, 1],
  ['base64.DecodeBytes', 1, 1],
  ['path.Base', 1, 1],
  ['path.Clean', 1, 1],
  ['path.Dir', 1, 1],
  ['path.Ext', 1, 1],
  ['path.IsAbs', 1, 1],
  ['path.Join', 0, 3],
  ['path.Match', 2, 2],
  ['path.Split', 1, 1],
  ['filepath.Rel', 2, 2],
  ['filepath.Join', 0, 3],
  ['filepath.Match', 2, 2],
  ['strings.Abbrev', 1, 4],
  ['strings.Trunc', 2, 2],
  ['strings.SkipLines', 2, 2],
  ['strings.ShellQuote', 1, 1],
  ['strings.WordWrap', 0, 4],
  ['strings.SnakeCase', 1, 1],
  ['strings.KebabCase', 1, 1],
  ['strings.Title', 1, 1],
  ['title', 1, 1],
  ['strings.CamelCase', 1, 1],
  ['strings.Slug', 1, 1],
  ['strings.Sort', 0, 2],
  ['coll.Append', 2, 2],
  ['coll.Prepend', 2, 2],
  ['coll.Reverse', 1, 1],
  ['coll.Uniq', 1, 1],
  ['coll.Flatten', 0, 3],
  ['coll.Sort', 0, 3],
  ['coll.Pick', 1, 3],
  ['coll.Omit', 1, 3],
  ['conv.Bool', 1, 1],
  ['conv.ToBools', 0, 3],
  ['conv.ToStrings', 0, 3],
  ['conv.ToInt64s', 0, 3],
  ['conv.ToInts', 0, 3],
  ['conv.ToFloat64s', 0, 3],
  ['conv.Join', 2, 2],
  ['conv.ParseInt', 3, 3],
  ['conv.ParseUint', 3, 3],
  ['conv.ParseFloat', 2, 2],
  ['conv.Atoi', 1, 1],
  ['crypto.SHA1', 1, 1],
  ['crypto.SHA256', 1, 1],
  ['crypto.SHA512_224Bytes', 1, 1],
  ['crypto.PBKDF2', 4, 5],
  ['uuid.IsValid', 0, 2],
  ['uuid.Nil', 0, 1],
  ['regexp.Find', 2, 2],
  ['regexp.FindAll', 1, 4],
  ['regexp.Match', 2, 2],
  ['regexp.QuoteMeta', 1, 1],
  ['regexp.Replace', 3, 3],
  ['regexp.ReplaceLiteral', 3, 3],
  ['regexp.Split', 1, 4],
];

const ARGS = [
  '""',
  '"a/b/c.txt"',
  '"/x/../y/"',
  '"../../a/./b"',
  '"//"',
  '"."',
  '"1"',
  '"2.5"',
  '"-3"',
  '"0x10"',
  '"1e3"',
  '"1,000"',
  '"abc"',
  '"Zm9v"',
  '"Zm9vYg=="',
  '"Zm9vYg="',
  '"Zm9\\nvYg=="',
  '"_-8="',
  '"+/8="',
  '"é"',
  '"*.txt"',
  '"[a-c]*"',
  '"[^a]?"',
  '"[]a]"',
  '"\\\\*"',
  '"a[-z]"',
  '"[a-"',
  '"SHA256"',
  '"Hello, big World!"',
  '"  the quick  brown fox jumps over the lazy dog  "',
  '"a\\nb\\nc"',
  '"it\'s"',
  '"ÉtÉ été"',
  '4',
  '10',
  '16',
  '32',
  '65',
  '"0b101"',
  '"0o17"',
  '"-9223372036854775808"',
  '"18446744073709551616"',
  '"1_000"',
  '"ff"',
  '"T"',
  '"3.4e39"',
  '"MD5"',
  '0',
  '1',
  '-2',
  '7',
  '9223372036854775807',
  '0.5',
  '-1.5',
  '2.5',
  '1e3',
  '-0.0',
  'true',
  'false',
  'nil',
  '(strings.Split "," "a,b")',
  '(dict "a" 1)',
  '(math.Seq 3)',
  '(coll.Slice "b" "a" "b")',
  '(coll.Slice 2 1.5 "x")',
  '(coll.Slice 1 (coll.Slice 2 (coll.Slice 3)))',
  '(dict "a" 1 "b" 2 "c" 3)',
  '(coll.Slice (dict "n" 2) (dict "n" 1))',
];

/** Patterns and inputs for regexp: valid RE2 that JS can mean identically, and Go errors. */
const REGEXP_ARGS = [
  '"a*"',
  '"a+?"',
  '"(a|ab)(c|bcd)(d*)"',
  '"[a-c]+"',
  '"[^a]"',
  '"[]a]"',
  '"x{2,}"',
  '"x{,2}"',
  '"{"',
  '"^"',
  '"$"',
  '"\\\\b"',
  '"\\\\w+"',
  '"\\\\s*"',
  '"\\\\S"',
  '"\\\\d{2}"',
  '"."',
  '"(?P<n>o)(o)?"',
  '"(?:b|)"',
  '"[[:alpha:]]+"',
  '"[[:^digit:]]"',
  '"\\\\x41|\\\\x{e9}"',
  '"\\\\.\\\\*"',
  '"é+"',
  '"\\\\Aa|b\\\\z"',
  '"("',
  '")"',
  '"[a-"',
  '"[z-a]"',
  '"a**"',
  '"*"',
  '"x{1001}"',
  '"\\\\q"',
  '"\\\\"',
  '""',
  '"$1"',
  '"${n}-$2$$"',
  '"<$0>"',
  '"aaa bab  abc"',
  '"foo.bar\\nbaz"',
  '"été aéa"',
  '"ooo"',
  '"xxx x xx"',
  '"12 345 6"',
  '"Aab"',
  '0',
  '1',
  '2',
  '-1',
  '"2"',
  'nil',
  'true',
  '1.5',
];

/** Title, CamelCase and Slug refuse non-ASCII text (README): ASCII words only. */
const CASE_ARGS = [
  ...ARGS.filter((a) => !/[^\x00-\x7f]/.test(a)),
  '"don\'t stop.me now"',
  '"x1y_z::a..b\'\'c"',
  '"  Mixed CASE-words & more@home  "',
  '"__a--b__"',
  '"\\tfoo\\n"',
  '"1st 2ND"',
  '(coll.Slice "b" "A" "a" 1 nil)',
];

/** Strings around google/uuid's four accepted layouts. */
const UUID_ARGS = [
  '"6ba7b810-9dad-11d1-80b4-00c04fd430c8"',
  '"6BA7B810-9DAD-11D1-80B4-00C04FD430C8"',
  '"6ba7b810-9dad-11d1-80b4-00c04fd430cg"',
  '"6ba7b810-9dad-11d1-80b4_00c04fd430c8"',
  '"{6ba7b810-9dad-11d1-80b4-00c04fd430c8}"',
  '"(6ba7b810-9dad-11d1-80b4-00c04fd430c8("',
  '"urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"',
  '"URN:Uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"',
  '"urn:uuix:6ba7b810-9dad-11d1-80b4-00c04fd430c8"',
  '"6ba7b8109dad11d180b400c04fd430c8"',
  '"6ba7b8109dad11d180b400c04fd430c"',
  '"é6ba7b810-9dad-11d1-80b4-00c04fd430c"',
  '""',
  'nil',
  '0',
  '(coll.Slice 1)',
];

const SMALL_ARGS = ['0', '1', '-2', '7', '4', '10', '"3"', '2.5', 'nil', '"x"', 'true', '"SHA256"'];

export function calls(n: number): string[] {
  const r = rng(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const [name, min, max] = pick(FUNCS);
    const k = min + Math.floor(r() * (max - min + 1));
    // math.Seq over a huge range, or PBKDF2 with 2^63 rounds, would never end (in
    // gomplate either): small numbers only
    const pool =
      name === 'math.Seq' || name === 'crypto.PBKDF2'
        ? SMALL_ARGS
        : name.startsWith('uuid.')
          ? UUID_ARGS
          : name.startsWith('regexp.')
            ? REGEXP_ARGS
            : /^(strings\.(Title|CamelCase|Slug|Sort)|title)$/.test(name)
              ? CASE_ARGS
              : ARGS;
    const args = Array.from({ length: k }, () => pick(pool));
    out.push(
      r() < 0.2
        ? `{{ ${args.join(' ')} | ${name} }}`.replace('{{  |', '{{ nil |')
        : `{{ ${name} ${args.join(' ')} }}`,
    );
  }
  return out;
}
