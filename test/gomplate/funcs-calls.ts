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
  ['coll.Index', 0, 3],
  ['coll.GoSlice', 0, 4],
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
  ['uuid.Parse', 1, 1],
  ['regexp.Find', 2, 2],
  ['regexp.FindAll', 1, 4],
  ['regexp.Match', 2, 2],
  ['regexp.QuoteMeta', 1, 1],
  ['regexp.Replace', 3, 3],
  ['regexp.ReplaceLiteral', 3, 3],
  ['regexp.Split', 1, 4],
  ['time.Parse', 2, 2],
  ['time.ParseInLocation', 3, 3],
  ['time.ParseLocal', 2, 2],
  ['time.Unix', 1, 1],
  ['time.ParseDuration', 1, 1],
  ['time.Hour', 1, 1],
  ['time.Millisecond', 1, 1],
  ['time.Nanosecond', 1, 1],
  ['time.Format', 2, 2],
  ['time.Duration', 1, 2],
  ['semver.Semver', 1, 1],
  ['semver.CheckConstraint', 2, 2],
  ['semver.Method', 1, 2],
  ['data.CSV', 1, 3],
  ['data.CSVByRow', 1, 3],
  ['data.CSVByColumn', 1, 3],
  ['data.ToCSV', 0, 2],
  ['env.ExpandEnv', 1, 1],
];

/** Layouts and values for the time namespace: every layout element, and near misses. */
const TIME_ARGS = [
  '"2006-01-02"',
  '"2006-01-02T15:04:05Z07:00"',
  '"2006-01-02T15:04:05.999999999Z07:00"',
  '"Jan _2 15:04:05.000"',
  '"3:04PM"',
  '"03:04:05 pm"',
  '"Monday, 02-Jan-06 15:04:05 MST"',
  '"Mon Jan _2 15:04:05 MST 2006"',
  '"2006 002"',
  '"2006 __2"',
  '"15:04:05,999 -07:00:00"',
  '"-0700"',
  '"Z07"',
  '"-070000"',
  '"05.000000"',
  '"1993-10-23"',
  '"2017-12-31T21:09:05+01:30"',
  '"2017-12-31T21:09:05.123456789Z"',
  '"2017-12-31T21:09:05"',
  '"Jan  2 15:04:05.123"',
  '"Feb 29 01:02:03.000"',
  '"6:00AM"',
  '"11:04:05 pm"',
  '"Monday, 02-Jan-06 15:04:05 PST"',
  '"Mon Jan  2 15:04:05 GMT+3 2006"',
  '"Mon Jan  2 15:04:05 ChST 2006"',
  '"2020 366"',
  '"2021 366"',
  '"2020  60"',
  '"+2599"',
  '"-01"',
  '"Z"',
  '"12,5 +05:30:15"',
  '"07.5"',
  '"1h30m"',
  '"-1.5h"',
  '".5s"',
  '"1.000000001s"',
  '"1µs"',
  '"3us2ns"',
  '"9223372036854775807ns"',
  '"9223372036854775808ns"',
  '"1x"',
  '"1"',
  '"1.2.3"',
  '"1234567890.5"',
  '"-42"',
  '"0x10"',
  '"UTC"',
  '"Local"',
  '"é"',
  '""',
  '0',
  '1',
  '-1',
  '1234567890',
  '9223372036854775807',
  '1.5',
  'nil',
  'true',
  '(time.Hour 1)',
  '(time.Unix 1234567890)',
];

const SEMVER_ARGS = [
  '"1.2.3"',
  '"v1.2.3-beta.1+b.2"',
  '"1"',
  '"1.2"',
  '"v0.0.4"',
  '"1.9.9"',
  '"2.5.0-pre"',
  '"01.2.3"',
  '"1.2.3-01"',
  '"1.2.3-a..b"',
  '"1.2.3+"',
  '"1.2.3-alpha.10"',
  '"1.2.3-alpha.9"',
  '"99999999999999999999"',
  '"x"',
  '""',
  '"> 1.0"',
  '">= 1.2.3, < 2"',
  '"^1.2"',
  '"^0.2.3"',
  '"^0.0.3"',
  '"~1.2.3"',
  '"~> 1"',
  '"1.2 - 1.4.5"',
  '"1.x || >=2.5"',
  '"!=1.2.x"',
  '"<=1.2"',
  '"*"',
  '"=1"',
  '">1.0-0"',
  '">1.2.3-alpha.9"',
  '"> 1.0,,2"',
  '"foo"',
  '1',
  'nil',
];

/** CSV texts, delimiters and header lists. */
const CSV_ARGS = [
  '"a,b\\n1,2"',
  '"a;b\\n1;2\\n3;4"',
  '"a,b\\r\\n\\r\\n1,2\\r"',
  '"a,\\"b\\nc\\",d\\n\\"x\\"\\"y\\",,\\"\\""',
  '"a,b\\n1"',
  '"a,b\\"c"',
  '"\\"a\\"x,b"',
  '"a\\n\\"bc"',
  '"x y\\n1 2"',
  '"é,ü\\nà,ç"',
  '""',
  '","',
  '";"',
  '" "',
  '"|"',
  '"\\""',
  '"\\n"',
  '"é"',
  '"x,y"',
  '"x;y"',
  '1',
  'nil',
];

/** Strings for os.Expand: names, braces, specials and bad syntax (no variable is set). */
const EXPAND_ARGS = [
  '"$HOME"',
  '"${HOME}x"',
  '"a$"',
  '"$$ $1 ${1} ${#}"',
  '"${} ${ x"',
  '"${A:-b}"',
  '"é$Xé"',
  '"plain"',
  '""',
  '42',
  'nil',
  'true',
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

const DURATION_METHODS = ['Hours', 'Minutes', 'Seconds', 'Milliseconds', 'Nanoseconds', 'String'];
const TIME_METHODS = ['Year', 'Month', 'Day', 'YearDay', 'Weekday', 'Unix', 'UnixMilli', 'UTC'];
const VERSION_METHODS = ['Major', 'Minor', 'Patch', 'Prerelease', 'Metadata', 'Original'];
VERSION_METHODS.push('IncPatch', 'IncMinor', 'IncMajor', 'String');

/** Calls through values: Time.Format, Duration and Version methods, nested CSV output. */
function specialCall(
  name: string,
  r: () => number,
  pick: <T>(xs: readonly T[]) => T,
): string | undefined {
  const time = () => `(time.Parse ${pick(TIME_ARGS)} ${pick(TIME_ARGS)})`;
  switch (name) {
    case 'time.Format':
      return r() < 0.5
        ? `{{ (time.Unix ${pick(['1234567890', '"-1.5"', '0', '"253402300799.999999999"'])}).Format ${pick(TIME_ARGS)} }}`
        : `{{ ${time()}.Format ${pick(TIME_ARGS)} }}`;
    case 'time.Duration':
      return r() < 0.5
        ? `{{ (time.ParseDuration ${pick(TIME_ARGS)}).${pick(DURATION_METHODS)} }}`
        : `{{ ${time()}.${pick(TIME_METHODS)} }}`;
    case 'semver.Method':
      return r() < 0.7
        ? `{{ (semver.Semver ${pick(SEMVER_ARGS)}).${pick(VERSION_METHODS)} }}`
        : `{{ (semver.Semver ${pick(SEMVER_ARGS)}).SetPrerelease ${pick(SEMVER_ARGS)} }}`;
    case 'data.ToCSV':
      if (r() < 0.5) return `{{ data.ToCSV ${pick(CSV_ARGS)} (data.CSV ${pick(CSV_ARGS)}) }}`;
      return `{{ data.ToCSV ${pick(['";"', '"é"', '""', '1'])} (coll.Slice (coll.Slice ${pick(ARGS)} ${pick(ARGS)}) (coll.Slice ${pick(CSV_ARGS)})) }}`;
  }
  return undefined;
}

export function calls(n: number): string[] {
  const r = rng(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const [name, min, max] = pick(FUNCS);
    const k = min + Math.floor(r() * (max - min + 1));
    // math.Seq over a huge range, or PBKDF2 with 2^63 rounds, would never end (in
    // gomplate either): small numbers only
    const special = specialCall(name, r, pick);
    if (special !== undefined) {
      out.push(special);
      continue;
    }
    const pool =
      name === 'math.Seq' || name === 'crypto.PBKDF2'
        ? SMALL_ARGS
        : name.startsWith('uuid.')
          ? UUID_ARGS
          : name.startsWith('regexp.')
            ? REGEXP_ARGS
            : /^(strings\.(Title|CamelCase|Slug|Sort)|title)$/.test(name)
              ? CASE_ARGS
              : name.startsWith('time.')
                ? TIME_ARGS
                : name.startsWith('semver.')
                  ? SEMVER_ARGS
                  : name.startsWith('env.')
                    ? EXPAND_ARGS
                    : name.startsWith('data.')
                      ? CSV_ARGS
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
