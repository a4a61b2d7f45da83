// tmpl.Exec, tmpl.Inline/tpl, tmpl.Path/PathDir: gomplate's documented examples, the
// set an inline template joins, and that a cached program is not changed by a render.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from '../helpers.js';

const tmpl = suite('funcs/tmpl');

tmpl("gomplate's documented examples", () => {
  assert.is(
    r('{{define "T1"}}hello, world!{{end}}{{ tmpl.Exec "T1" | strings.ToUpper }}'),
    'HELLO, WORLD!',
  );
  assert.is(
    r('{{define "T1"}}hello, {{.}}{{end}}{{ tmpl.Exec "T1" "world!" | strings.Title }}'),
    'Hello, World!',
  );
  assert.is(r('{{ tmpl.Inline "{{print `hello world`}}" }}'), 'hello world');
  assert.is(
    r(
      '\n{{ $tstring := "{{ print .value ` world` }}" }}\n{{ $context := dict "value" "hello" }}\n{{ tpl "T1" $tstring $context }}\n{{ template "T1" (dict "value" "goodbye") }}\n',
    ),
    '\n\n\nhello world\ngoodbye world\n',
  );
  assert.is(
    r('in {{ tmpl.Path }} ({{ tmpl.PathDir }})', { name: 'subdir/input.tpl' }),
    'in subdir/input.tpl (subdir)',
  );
});

tmpl('contexts: none is the render context, nil is no value, a second one is ignored', () => {
  assert.is(
    r(
      '{{ define "T" }}[{{ . }}]{{ end }}{{ tmpl.Exec "T" }}{{ tmpl.Exec "T" 3 }}{{ tmpl.Exec "T" 3 4 }}{{ tmpl.Exec "T" nil }}',
    ),
    '[map[]][3][map[]][<no value>]',
  );
  assert.is(r('{{ tpl "{{ . }}" 5 }}|{{ tpl "x" "{{ .Env.A }}" }}', { env: { A: 'a' } }), '5|a');
});

tmpl('errors name the inner template and its own text', () => {
  assert.is(errMsg('{{ tmpl.Exec "nope" }}'), 'error calling Exec: template "nope" not defined');
  assert.is(
    errMsg('{{ tpl "n" "{{ index . 5 }}" (coll.Slice 1) }}'),
    'error calling tpl: template: n:1:3: executing "n" at <index . 5>: error calling index: index out of range: 5',
  );
  assert.is(
    errMsg('{{ tpl "{{ .x" }}'),
    'error calling tpl: template: <inline>:1: unclosed action',
  );
  assert.is(
    errMsg('{{ tpl 1 }}'),
    'error calling tpl: wrong input: first arg must be string, got int',
  );
});

tmpl('templates defined inline join the set for this render only', () => {
  const t = '{{ tpl "{{ define \\"x\\" }}X{{ end }}" }}{{ template "x" }}';
  assert.is(r(t), 'X');
  assert.is(r(t), 'X');
  // the same cached program again: "x" was put back (undefined) after the first render
  const t2 =
    '{{ if env.Getenv "X" }}{{ tpl "{{ define \\"x\\" }}X{{ end }}" }}{{ end }}{{ template "x" }}';
  assert.is(r(t2, { env: { X: '1' } }), 'X');
  assert.is(errMsg(t2), 'template "x" not defined');
  assert.is(
    r('{{ define "x" }}old{{ end }}{{ tpl "{{ define \\"x\\" }}new{{ end }}" }}{{ template "x" }}'),
    'new',
  );
});

tmpl("inline templates use the render's delimiters", () => {
  assert.is(
    r('[[ tpl "[[ 1 ]]{{ 2 }}" ]]|[[ define "T" ]]x[[ end ]][[ tmpl.Exec "T" ]]', {
      leftDelim: '[[',
      rightDelim: ']]',
    }),
    '1{{ 2 }}|x',
  );
});

tmpl.run();
