// coll.JSONPath / jsonpath against the real gomplate v4.3.3 (client-go's util/jsonpath):
// hand-picked expressions (child, wildcard, recursive descent, index/slice/union, filters
// with every operator, range/end, parse errors) and 1,000 seeded random expressions over
// JSON documents and typed Go values. Output and errors must be identical. Go walks a map
// in random order, so where `*` or `..` may cross a map with several keys, the values found
// are compared as a sorted list of their JSON, and a failure there by its kind (parse or
// execution: which value fails first depends on the order); everything else byte for byte.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateError, isWhitespaceOnly, render } from '../../../tasks/gomplate/index.js';
import { ensureGomplate, renderBatch } from '../gomplate.js';
import { r } from '../helpers.js';
import { rng } from '../template-gen.js';

const t = suite('funcs/jsonpath');

const STORE = `{"store": {"book": [
  {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
  {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
  {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
  {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22}],
  "bicycle": {"color": "red", "price": 19.95, "new": true}}, "expensive": 10}`;
const PODS = `{"kind": "List", "items": [
  {"metadata": {"name": "hub-1", "labels": {"app": "jupyterhub", "kubernetes.io/role": "hub"}},
   "spec": {"containers": [{"name": "hub", "ports": [{"containerPort": 8081}]}], "nodeName": null},
   "status": {"phase": "Running", "ready": true, "restarts": 0}},
  {"metadata": {"name": "proxy-2", "labels": {"app": "jupyterhub"}},
   "spec": {"containers": [{"name": "chp", "ports": [{"containerPort": 8000}, {"containerPort": 8001}]}]},
   "status": {"phase": "Pending", "ready": false, "restarts": 3}},
  {"metadata": {"name": "user-alice"}, "status": {"phase": "Running", "restarts": -1}}],
  "empty": [], "nested": [[1, 2], [3, [4, 5]]], "weird key": {"a.b": 1, "": "blank"}}`;

/** Inputs as template expressions: JSON documents and values of Go types. */
const INPUTS: Record<string, string> = {
  store: `(json \`${STORE.replace(/\n/g, ' ')}\`)`,
  pods: `(json \`${PODS.replace(/\n/g, ' ')}\`)`,
  slice: '(coll.Slice 1 2.5 "x" true nil (dict "k" 1) (coll.Slice 7 8))',
  strs: '(strings.Split "," "a,b,c")',
  dict: '(dict "a" (coll.Slice 1 2) "b" "str" "c" (dict "d" 4))',
  str: '"héllo"',
  num: '42',
  nil: 'nil',
};

/** Template of one expression over one input: exact, or order-free when maps are crossed. */
function template(expr: string, input: string, unordered: boolean): string {
  const call = `jsonpath ${JSON.stringify(expr)} ${INPUTS[input]}`;
  if (!unordered) return `{{ ${call} }}`;
  return (
    `{{ $r := ${call} }}{{ printf "%T" $r }}|{{ if eq (printf "%T" $r) "[]interface {}" }}` +
    `{{ range $r }}{{ toJSON . }}\n{{ end }}{{ else }}{{ toJSON $r }}{{ end }}`
  );
}

const unorderedExpr = (e: string) => e.includes('*') || e.includes('..');

/** The comparable form of an output or error (see the file's header). */
function canon(out: string | null, error: string | null, unordered: boolean): string {
  if (error !== null) {
    const msg = error.replace(/^[\s\S]*?error calling jsonpath: /, '');
    // which value fails first depends on the map order: there only the kind of failure counts
    return 'ERR ' + (unordered ? msg.replace(/^(executing JSONPath failed): [\s\S]*$/, '$1') : msg);
  }
  if (!unordered) return out!;
  const [type, rest] = [out!.slice(0, out!.indexOf('|')), out!.slice(out!.indexOf('|') + 1)];
  return type + '|' + rest.split('\n').sort().join('\n');
}

function ours(tpl: string, name: string): [string | null, string | null] {
  try {
    const out = render(tpl, { name });
    return [isWhitespaceOnly(out) ? '' : out, null];
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return [null, e.gomplateMessage];
  }
}

async function against(cases: [string, string][]): Promise<string[]> {
  const unordered = cases.map(([e]) => unorderedExpr(e));
  const templates = cases.map(([e, input], i) => template(e, input, unordered[i]!));
  const dir = mkdtempSync(join(tmpdir(), 'gomplate-jsonpath-'));
  try {
    const { names, results } = await renderBatch(ensureGomplate(), templates, dir, {}, [], 200, 2);
    const failures: string[] = [];
    templates.forEach((tpl, i) => {
      const [out, err] = ours(tpl, names[i]!);
      const got = canon(out, err, unordered[i]!);
      const real = results[i]!;
      const want = canon(real.output.toString('utf8'), real.error, unordered[i]!);
      if (got !== want)
        failures.push(
          `${cases[i]![0]} over ${cases[i]![1]}\n  engine:   ${got}\n  gomplate: ${want}`,
        );
    });
    return failures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HAND: [string, string][] = [
  // gomplate's documented example, on the store
  ['$..book[?( @.price > 10 )].title', 'store'],
  ['$..book[?( @.price > 10.0 )].title', 'store'],
  ['$.store.book[*].author', 'store'],
  ['..author', 'store'],
  ['$.store.*', 'store'],
  ['$.store..price', 'store'],
  ['$..book[2]', 'store'],
  ['$..book[-1:]', 'store'],
  ['$..book[0,1].title', 'store'],
  ['$..book[:2].title', 'store'],
  ['$..book[::2].title', 'store'],
  ['$..book[?(@.isbn)].title', 'store'],
  ["$..book[?(@.category=='fiction')].price", 'store'],
  ['$..book[?(@.category!="fiction")].price', 'store'],
  ['$..book[?(@.price<=8.99)].title', 'store'],
  ['$..book[?(@.price>=22)].title', 'store'],
  ['$..book[?(@.price==22)].title', 'store'],
  ['$..book[?(@.price<10)].title', 'store'],
  ['$.store.bicycle[?(@.new==true)]', 'store'],
  ['$.store.bicycle.new', 'store'],
  ['$.expensive', 'store'],
  ['.store.book[1]', 'store'],
  ["['store']['bicycle']['color']", 'store'],
  ['$..book.length', 'store'],
  ['$.store.book[4]', 'store'],
  ['$.store.book[1:1]', 'store'],
  ['$.store.book[3:1]', 'store'],
  ['$.store.book[0:2:0]', 'store'],
  ['$.store.nope', 'store'],
  ['range .store.book[*]}{.title}{end', 'store'],
  ['range .store.book[?(@.price>20)]}{.title}{" costs "}{.price}{end', 'store'],
  ['range .store.book[?(@.price>99)]}{.title}{end', 'store'],
  ['end', 'store'],
  // kubectl's forms, on a pod list
  ['.items[*].metadata.name', 'pods'],
  ['.items[?(@.status.phase=="Running")].metadata.name', 'pods'],
  ['.items[?(@.status.ready==true)].metadata.name', 'pods'],
  ['.items[?(@.status.restarts>0)].metadata.name', 'pods'],
  ['.items[?(@.metadata.labels.app)].metadata.name', 'pods'],
  ['.items[?(@.metadata.labels.kubernetes\\.io/role=="hub")].metadata.name', 'pods'],
  ['.items[*].spec.containers[*].ports[*].containerPort', 'pods'],
  ['.items[0].spec.nodeName', 'pods'],
  ['.items[0].spec', 'pods'],
  ['.items[?(@.status.restarts<@.status.restarts)]', 'pods'],
  ['.items[?(@.status.phase=="Running")]', 'pods'],
  ['.empty', 'pods'],
  ['.empty[*]', 'pods'],
  ['.empty[0]', 'pods'],
  ['.nested[1][1][0]', 'pods'],
  ['.nested[*][0]', 'pods'],
  ["['weird key']", 'pods'],
  ["['weird key']['a.b']", 'pods'],
  ['.kind', 'pods'],
  ['.kind[0]', 'pods'],
  ['.kind[?(@.x)]', 'pods'],
  ['.items[-4]', 'pods'],
  ['.items[-3].metadata.name', 'pods'],
  ['.items[9223372036854775807]', 'pods'],
  ['.items[99999999999999999999]', 'pods'],
  // typed Go values and scalars
  ['[*]', 'slice'],
  ['[1]', 'slice'],
  ['[4]', 'slice'],
  ['[5].k', 'slice'],
  ['[?(@==1)]', 'slice'],
  ['[?(@>1)]', 'slice'],
  ['[1:3]', 'strs'],
  ['[?(@=="b")]', 'strs'],
  ['[?(@>"a")]', 'strs'],
  ['.*', 'strs'],
  ['.a[1]', 'dict'],
  ['.c.d', 'dict'],
  ['.b', 'dict'],
  ['.*', 'str'],
  ['[0]', 'str'],
  ['.x', 'num'],
  ['..', 'num'],
  ['', 'num'],
  ['$', 'dict'],
  ['.x', 'nil'],
  ['[0]', 'nil'],
  ['', 'nil'],
  ['[?(@.x)]', 'nil'],
  // text, numbers and booleans as values
  ['"lit"', 'num'],
  ["'it''s'", 'num'],
  ['"tab\\tnew"', 'num'],
  ['1', 'dict'],
  ['-2.5', 'dict'],
  ['true', 'dict'],
  // parse errors
  ['$..*', 'store'],
  ['$.store[', 'store'],
  ['$.store[?(@.a', 'store'],
  ['$.store[?(@.a)', 'store'],
  ['$.store[x]', 'store'],
  ['$.store[1.5]', 'store'],
  ['$.store[-]', 'store'],
  ['$.a{', 'store'],
  ['$.a\n', 'store'],
  ['"unterminated', 'store'],
  ['"bad\\q"', 'store'],
  ['$....a', 'store'],
  ['$.a~b', 'store'],
  ['1.2.3', 'store'],
  ['a}x{.store.bicycle.color', 'store'],
  ['%', 'store'],
  ['\t', 'store'],
  ['[?(@.price<>10)]', 'store'],
  ['..book[?(@.price=10)]', 'store'],
];

t('hand-picked expressions render (or fail) as in gomplate', async () => {
  const failures = await against(HAND);
  assert.is(failures.length, 0, failures.join('\n'));
});

/** A random expression from the grammar, with now and then a broken piece. */
function randomExpr(pick: <T>(xs: readonly T[]) => T, r: () => number): string {
  const keys = [
    'store',
    'book',
    'bicycle',
    'price',
    'title',
    'isbn',
    'items',
    'metadata',
    'name',
    'status',
    'phase',
    'restarts',
    'labels',
    'app',
    'a',
    'b',
    'c',
    'd',
    'k',
    'nope',
    'nested',
    'empty',
  ];
  const ints = ['0', '1', '2', '-1', '-2', '3', '5', ''];
  const lits = ['1', '0', '8.99', '10', '"Running"', "'fiction'", 'true', 'false', '-1', '"a"'];
  const ops = ['==', '!=', '<', '>', '<=', '>='];
  const seg = (): string => {
    switch (Math.floor(r() * 12)) {
      case 0:
      case 1:
      case 2:
        return '.' + pick(keys);
      case 3:
        return `[${pick(ints.slice(0, -1))}]`;
      case 4:
        return `[${pick(ints)}:${pick(ints)}${r() < 0.3 ? ':' + pick(['1', '2', '0', '']) : ''}]`;
      case 5:
        return pick(['[*]', '.*']);
      case 6:
        return '..' + pick(keys);
      case 7:
        return `[${pick(ints.slice(0, -1))},${pick(ints.slice(0, -1))}]`;
      case 8:
        return `['${pick(keys)}']`;
      case 9:
        return `[?(@.${pick(keys)}${pick(ops)}${pick(lits)})]`;
      case 10:
        return `[?(@.${pick(keys)})]`;
      default:
        return pick(['[', '..*', '{', '[?(@.a', '[1.5]', '[x]', ' ', '$', '@', '[?(@==1)]', '..']);
    }
  };
  const n = 1 + Math.floor(r() * 4);
  return pick(['$', '', '@']) + Array.from({ length: n }, seg).join('');
}

t('1,000 random expressions over every input render (or fail) as in gomplate', async () => {
  const r = rng(Number(process.env.DIFF_SEED ?? 20261207));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const inputs = Object.keys(INPUTS);
  const cases: [string, string][] = Array.from({ length: 1000 }, () => [
    randomExpr(pick, r),
    pick(inputs),
  ]);
  const failures = await against(cases);
  assert.is(failures.length, 0, `${failures.length} differ:\n` + failures.slice(0, 12).join('\n'));
});

t('coll.JSONPath is jsonpath, and pipes its input', () => {
  assert.is(
    r(
      '{{ $d := dict "a" (coll.Slice 1 2) }}{{ coll.JSONPath ".a[1]" $d }} {{ $d | jsonpath ".a[0]" }}',
    ),
    '2 1',
  );
  assert.is(r('{{ jsonpath ".a[*]" (dict "a" (coll.Slice)) | len }}'), '0');
});

t.run();
