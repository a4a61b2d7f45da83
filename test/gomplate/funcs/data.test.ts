// data.JSON/YAML parse with gomplate's YAML typing (JSON is read by the YAML parser);
// ToJSON/ToYAML are checked by round trips (the re-parsed value prints as the original)
// and by properties of gomplate's encoders that do not depend on number formatting.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from '../helpers.js';

const data = suite('funcs/data');

data('JSON and YAML parse into typed Go values', () => {
  assert.is(
    r('{{ $j := data.JSON `{"b":[true,null,1.5,2],"a":"x"}` }}{{ $j }} {{ printf "%T" $j.b }}'),
    'map[a:x b:[true <nil> 1.5 2]] []interface {}',
  );
  assert.is(r('{{ (data.YAML "a: 010\\nb: 09\\nc: yes") }}'), 'map[a:8 b:9 c:yes]');
  assert.is(r('{{ printf "%T %T" (yaml "a: 010").a (yaml "b: 09").b }}'), 'int float64');
  assert.is(
    r('{{ data.YAMLArray "- 1\\n- x" }} {{ jsonArray "[1, \\"two\\"]" }}'),
    '[1 x] [1 two]',
  );
  assert.is(r('{{ data.YAML "" }} {{ data.YAML "# only a comment" }}'), 'map[] map[]');
});

data('parse errors are function errors', () => {
  assert.ok(errMsg('{{ data.JSON "[1" }}').startsWith('error calling JSON: '));
  assert.ok(
    errMsg('{{ data.YAML "- a" }}').startsWith('error calling YAML: unable to unmarshal object'),
  );
});

data('ToJSON round-trips and sorts keys', () => {
  const m = '(dict "b" (coll.Slice 1 "x" nil true) "a" (dict "n" 1.5 "s" "q\\"uote\\n"))';
  assert.is(r(`{{ data.JSON (data.ToJSON ${m}) }}`), r(`{{ ${m} }}`));
  const json = r(`{{ toJSON ${m} }}`);
  assert.ok(json.startsWith('{"a":{"n":1.5,"s":"q\\"uote\\n"},"b":[1,"x",null,true]}'), json);
});

data('ToJSONPretty indents like json.Indent', () => {
  assert.is(
    r('{{ data.ToJSONPretty "  " (dict "a" (coll.Slice 1 2) "b" (dict)) }}'),
    '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}',
  );
});

data('ToYAML writes block YAML that reads back to the same value', () => {
  assert.is(r('{{ toYAML (dict "a" 1 "b" "x") }}'), 'a: 1\nb: x\n');
  const m =
    '(dict "list" (coll.Slice 1 "two" (dict "k" "v")) "nested" (dict "t" true "s" "true" "n" nil "e" "") "multi" "l1\\nl2\\n")';
  assert.is(r(`{{ data.YAML (data.ToYAML ${m}) }}`), r(`{{ ${m} }}`));
});

data('datasources: YAML sequences, JSON, text, empty documents', () => {
  const files: Record<string, string> = {
    '/w/seq.yaml': '- a\n- b\n',
    '/w/obj.json': '{"k": [1, 2.5]}',
    '/w/note.txt': 'text\n',
    '/w/empty.yml': '# nothing\n',
    '/w/x.toml': 'a = 1',
    '/w/x.cue': 'a: 1',
  };
  const opts = {
    cwd: '/w',
    datasources: {
      s: 'seq.yaml',
      j: 'obj.json',
      t: 'note.txt',
      e: 'empty.yml',
      x: 'x.toml',
      c: 'x.cue',
    },
    readFile: (p: string) => {
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return f;
    },
  };
  assert.is(
    r('{{ ds "s" }} {{ (ds "j").k }} {{ ds "t" }}{{ ds "e" }} {{ len (ds "e") }}', opts),
    '[a b] [1 2.5] text\nmap[] 0',
  );
  assert.is(r('{{ ds "x" }} {{ printf "%T" (ds "x").a }}', opts), 'map[a:1] int64');
  assert.is(
    errMsg('{{ ds "c" }}', opts),
    'error calling ds: datasource type of "x.cue" is not supported by this engine',
  );
  assert.is(
    errMsg('{{ ds "nope" }}', opts),
    "error calling ds: undefined datasource 'nope': %!w(<nil>)",
  );
});

data.run();
