// The function map: text/template's builtins, gomplate's top-level names and the
// namespace objects (strings, conv, …). Every gomplate name parses; those this engine
// does not implement fail when called, naming the function.
import { BUILTINS } from '../builtins.js';
import type { Registry } from '../exec-state.js';
import { quote } from '../strconv-quote.js';
import { GoObject } from '../values.js';
import { BASE64 } from './base64.js';
import { BCRYPT } from './bcrypt.js';
import { COLL_EXTRA } from './coll-extra.js';
import { COLL_INDEX } from './coll-index.js';
import { COLL, COLL_TOP, COLL_UNSUPPORTED } from './coll.js';
import { CONV_EXTRA } from './conv-extra.js';
import { CONV, CONV_TOP, CONV_UNSUPPORTED } from './conv.js';
import { CRYPTO_KEYS } from './crypto-keys.js';
import { CRYPTO } from './crypto.js';
import { DATA, DATA_TOP, DATA_UNSUPPORTED } from './data.js';
import { ENV, ENV_TOP, ENV_UNSUPPORTED } from './env.js';
import { FILE, FILE_UNSUPPORTED } from './file.js';
import { MATH, MATH_TOP } from './math.js';
import { FILEPATH, PATH } from './path.js';
import { JSONPATH } from './jsonpath.js';
import { RANDOM } from './random.js';
import { REGEXP } from './regexp.js';
import { STRINGS_EXTRA } from './strings-extra.js';
import { STRINGS, STRINGS_TOP, STRINGS_UNSUPPORTED } from './strings.js';
import { TEST, TEST_TOP } from './test.js';
import { FuncError, type GoFunc, fn } from './types.js';
import { SEMVER } from './semver.js';
import { TIME, TIME_UNSUPPORTED } from './time.js';
import { TMPL, TMPL_TOP } from './tmpl.js';
import { DATA_TOML, DATA_TOML_TOP } from './data-toml.js';
import { CONV_URL, CONV_URL_TOP } from './conv-url.js';
import { UUID } from './uuid.js';

/** gomplate 5.1.0's top-level function names (gomplate-oracle's gomplateNames). */
export const GOMPLATE_NAMES = `
  aws ec2meta ec2dynamic ec2tag ec2tags ec2region base64 coll has dict keys
  values append prepend uniq reverse merge sort jsonpath jq flatten set unset
  conv urlParse join default crypto data json jsonArray yaml yamlArray toml
  csv csvByRow csvByColumn cue toJSON toJSONPretty toYAML toTOML toCSV toCUE
  _datasource datasource ds datasourceExists datasourceReachable
  defineDatasource include listDatasources env getenv file filepath gcp math
  add sub mul div rem pow seq net path random regexp semver sockaddr strings
  replaceAll title toUpper toLower trimSpace indent quote shellQuote squote
  test assert fail required ternary kind isKind time uuid tmpl tpl`
  .trim()
  .split(/\s+/);

export const unsupported = (name: string): GoFunc =>
  fn(
    [],
    'any',
    () => {
      throw new FuncError(`gomplate function ${quote(name)} is not supported by this engine`);
    },
    'any',
  );

interface Namespace {
  typeName: string;
  methods: Record<string, GoFunc>;
  unsupported: string[];
}

const NAMESPACES: Record<string, Namespace> = {
  strings: {
    typeName: '*funcs.StringFuncs',
    methods: { ...STRINGS, ...STRINGS_EXTRA },
    unsupported: STRINGS_UNSUPPORTED.filter((n) => !(n in STRINGS_EXTRA)),
  },
  conv: {
    typeName: '*funcs.ConvFuncs',
    methods: { ...CONV, ...CONV_EXTRA, ...CONV_URL },
    unsupported: CONV_UNSUPPORTED.filter((n) => !(n in CONV_EXTRA) && !(n in CONV_URL)),
  },
  coll: {
    typeName: '*funcs.CollFuncs',
    // GoSlice is gomplate's copy of text/template's slice: the builtin, bounded by capacity
    methods: {
      ...COLL,
      ...COLL_EXTRA,
      Index: COLL_INDEX,
      GoSlice: BUILTINS.slice!,
      JSONPath: JSONPATH,
    },
    unsupported: COLL_UNSUPPORTED.filter((n) => !(n in COLL_EXTRA)),
  },
  data: {
    typeName: '*funcs.DataFuncs',
    methods: { ...DATA, ...DATA_TOML },
    unsupported: DATA_UNSUPPORTED.filter((n) => !(n in DATA_TOML)),
  },
  env: { typeName: '*funcs.EnvFuncs', methods: ENV, unsupported: ENV_UNSUPPORTED },
  file: { typeName: '*funcs.FileFuncs', methods: FILE, unsupported: FILE_UNSUPPORTED },
  test: { typeName: '*funcs.TestFuncs', methods: TEST, unsupported: [] },
  math: { typeName: '*funcs.MathFuncs', methods: MATH, unsupported: [] },
  base64: { typeName: '*funcs.Base64Funcs', methods: BASE64, unsupported: [] },
  path: { typeName: '*funcs.PathFuncs', methods: PATH, unsupported: [] },
  filepath: { typeName: '*funcs.FilePathFuncs', methods: FILEPATH, unsupported: [] },
  regexp: { typeName: '*funcs.ReFuncs', methods: REGEXP, unsupported: [] },
  random: { typeName: '*funcs.RandomFuncs', methods: RANDOM, unsupported: [] },
  semver: { typeName: '*funcs.SemverFuncs', methods: SEMVER, unsupported: [] },
  time: { typeName: '*funcs.TimeFuncs', methods: TIME, unsupported: TIME_UNSUPPORTED },
  uuid: { typeName: '*funcs.UUIDFuncs', methods: UUID, unsupported: [] },
  tmpl: { typeName: '*tmpl.Template', methods: TMPL, unsupported: [] },
  crypto: {
    typeName: '*funcs.CryptoFuncs',
    methods: { ...CRYPTO, ...CRYPTO_KEYS, Bcrypt: BCRYPT },
    unsupported: [],
  },
};

const nsObjects = new Map<string, GoObject>();
for (const [name, ns] of Object.entries(NAMESPACES)) {
  nsObjects.set(name, new GoObject('namespace', name, ns.typeName, '{}'));
}

function buildTop(): Map<string, GoFunc> {
  const top = new Map<string, GoFunc>();
  for (const name of GOMPLATE_NAMES) top.set(name, unsupported(name));
  for (const [name, obj] of nsObjects)
    top.set(
      name,
      fn([], 'any', () => obj),
    );
  const impl = {
    ...COLL_TOP,
    ...CONV_TOP,
    ...DATA_TOP,
    ...ENV_TOP,
    ...STRINGS_TOP,
    ...TEST_TOP,
    ...MATH_TOP,
    ...TMPL_TOP,
    ...DATA_TOML_TOP,
    ...CONV_URL_TOP,
    shellQuote: STRINGS_EXTRA.ShellQuote!,
    title: STRINGS_EXTRA.Title!,
    join: CONV_EXTRA.Join!,
    append: COLL_EXTRA.Append!,
    prepend: COLL_EXTRA.Prepend!,
    reverse: COLL_EXTRA.Reverse!,
    uniq: COLL_EXTRA.Uniq!,
    sort: COLL_EXTRA.Sort!,
    flatten: COLL_EXTRA.Flatten!,
    set: COLL_EXTRA.Set!,
    unset: COLL_EXTRA.Unset!,
    jsonpath: JSONPATH,
  };
  for (const [name, f] of Object.entries(impl)) top.set(name, f);
  return top;
}

const TOP = buildTop();

export const REGISTRY: Registry = {
  lookup(name) {
    const f = TOP.get(name);
    if (f) return { f, builtin: false };
    const b = BUILTINS[name];
    return b ? { f: b, builtin: true } : undefined;
  },
  method(ns, name) {
    const space = NAMESPACES[ns];
    if (!space) return undefined;
    const m = space.methods[name];
    if (m) return m;
    return space.unsupported.includes(name) ? unsupported(`${ns}.${name}`) : undefined;
  },
};

/** Whether a name is a function at parse time (Go: function "x" not defined). */
export const hasFunction = (name: string): boolean => TOP.has(name) || name in BUILTINS;
