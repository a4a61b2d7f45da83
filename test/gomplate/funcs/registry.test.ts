// Every gomplate top-level name parses; the ones this engine does not implement fail at
// execution naming the function (never an empty string). Unknown names are parse errors
// exactly as in Go (function "x" not defined), unknown namespace methods Go's field error.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GOMPLATE_NAMES, hasFunction } from '../../../tasks/gomplate/funcs/registry.js';
import { errMsg, r } from '../helpers.js';

const IMPLEMENTED = new Set([
  'time',
  'semver',
  'csv',
  'csvByRow',
  'csvByColumn',
  'toCSV',
  'include',
  'datasourceExists',
  'datasourceReachable',
  'listDatasources',
  'defineDatasource',
  'regexp',
  'random',
  'uuid',
  'title',
  'coll',
  'has',
  'dict',
  'keys',
  'values',
  'merge',
  'jsonpath',
  'conv',
  'default',
  'data',
  'json',
  'jsonArray',
  'yaml',
  'yamlArray',
  'toJSON',
  'toJSONPretty',
  'toYAML',
  'datasource',
  'ds',
  'env',
  'getenv',
  'file',
  'strings',
  'replaceAll',
  'toUpper',
  'toLower',
  'trimSpace',
  'indent',
  'quote',
  'squote',
  'test',
  'assert',
  'fail',
  'required',
  'ternary',
  'kind',
  'isKind',
  'base64',
  'math',
  'add',
  'sub',
  'mul',
  'div',
  'rem',
  'pow',
  'seq',
  'path',
  'filepath',
  'crypto',
  'shellQuote',
  'join',
  'append',
  'prepend',
  'uniq',
  'reverse',
  'sort',
  'flatten',
  'set',
  'unset',
  'toml',
  'toTOML',
  'urlParse',
  'tmpl',
  'tpl',
]);

const registry = suite('funcs/registry');

registry('gomplate defines 92 top-level names and all of them parse', () => {
  assert.is(GOMPLATE_NAMES.length, 92);
  for (const name of GOMPLATE_NAMES) assert.ok(hasFunction(name), name);
});

registry('unimplemented top-level names fail when called, naming the function', () => {
  const missing = GOMPLATE_NAMES.filter((n) => !IMPLEMENTED.has(n));
  assert.ok(missing.length > 8);
  for (const name of missing) {
    const out = r(`before {{ ${name} }} after`);
    assert.is(
      out,
      `ERR: template: <arg>:1:10: executing "<arg>" at <${name}>: error calling ${name}: gomplate function "${name}" is not supported by this engine`,
    );
  }
});

registry('unimplemented namespaces fail on the namespace call', () => {
  assert.is(
    errMsg('{{ sockaddr.GetPrivateIP }}'),
    'error calling sockaddr: gomplate function "sockaddr" is not supported by this engine',
  );
  assert.is(
    errMsg('{{ net.LookupIP "example.com" }}'),
    'error calling net: gomplate function "net" is not supported by this engine',
  );
});

registry('unimplemented methods of implemented namespaces name the method', () => {
  // the clock: not deterministic
  assert.is(
    errMsg('{{ time.Now }}'),
    'error calling Now: gomplate function "time.Now" is not supported by this engine',
  );
  assert.is(
    errMsg('{{ "x" | data.CUE }}'),
    'error calling CUE: gomplate function "data.CUE" is not supported by this engine',
  );
  assert.is(
    errMsg('{{ coll.JQ ".a" (dict "a" 1) }}'),
    'error calling JQ: gomplate function "coll.JQ" is not supported by this engine',
  );
  // a file effect outside the core
  assert.is(
    errMsg('{{ file.Write "x" "y" }}'),
    'error calling Write: gomplate function "file.Write" is not supported by this engine',
  );
});

registry('names gomplate does not have are parse errors; unknown methods are field errors', () => {
  assert.is(r('{{ nosuch 1 }}'), 'ERR: template: <arg>:1: function "nosuch" not defined');
  assert.is(errMsg('{{ strings.NoSuch "x" }}'), "can't evaluate field NoSuch in type interface {}");
});

registry.run();
