// The public API: injected readers (no other I/O), renderFile names, TemplateError's
// partial output and gomplate message, the parse cache, the whitespace rule.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateError, isWhitespaceOnly, render, renderFile } from '../../tasks/gomplate/index.js';

const api = suite('index');

const files: Record<string, string> = {
  '/virtual/t.tpl':
    'T {{ file.Read "inc.txt" }} {{ file.Exists "inc.txt" }} {{ file.Exists "no" }}',
  '/virtual/inc.txt': 'included',
  '/virtual/s.txt': '  from-file \n',
};
const readFile = (p: string) => {
  const f = files[p];
  if (f === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  return f;
};
const fileExists = (p: string) => p in files;

api('file.Read/Exists and renderFile go through the injected reader', () => {
  assert.is(
    renderFile('t.tpl', { cwd: '/virtual', readFile, fileExists }),
    'T included true false',
  );
});

api('env.Getenv reads KEY_FILE through the injected reader', () => {
  assert.is(
    render('{{ getenv "S" }}', { cwd: '/virtual', readFile, env: { S_FILE: 's.txt' } }),
    'from-file',
  );
});

api('renderFile names the template by the path as given', () => {
  try {
    renderFile('./t.tpl', { cwd: '/virtual', readFile: () => '{{ .x }}' });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, TemplateError);
    assert.is(
      (e as TemplateError).gomplateMessage,
      'renderTemplate: failed to render template ./t.tpl: template: ./t.tpl:1:3: executing "./t.tpl" at <.x>: map has no entry for key "x"',
    );
  }
});

api('TemplateError carries the partial output and the gomplate message', () => {
  try {
    render('one\ntwo {{ .Env.A }} {{ .Env.B }}', { env: { A: 'a' } });
    assert.unreachable();
  } catch (e) {
    const err = e as TemplateError;
    assert.is(err.partial, 'one\ntwo a ');
    assert.is(err.message, err.gomplateMessage);
    assert.ok(
      err.gomplateMessage.endsWith(
        'template: <arg>:2:24: executing "<arg>" at <.Env.B>: map has no entry for key "B"',
      ),
    );
  }
});

api('the parse cache keeps names apart and results stable', () => {
  const text = '{{ .missing }}';
  const msg = (name: string) => {
    try {
      render(text, { name });
    } catch (e) {
      return (e as TemplateError).gomplateMessage;
    }
    return '';
  };
  assert.ok(msg('a.tpl').includes('a.tpl:1:3'));
  assert.ok(msg('b.tpl').includes('b.tpl:1:3'));
  assert.is(render('{{ .Env.X }}', { env: { X: '1' } }), '1');
  assert.is(render('{{ .Env.X }}', { env: { X: '2' } }), '2');
});

api('default env is empty: .Env lookups fail, getenv defaults', () => {
  assert.is(render('[{{ getenv "HOME" "none" }}]'), '[none]');
  assert.throws(() => render('{{ .Env.HOME }}'), /map has no entry for key "HOME"/);
});

api('isWhitespaceOnly: space, \\t, \\n, \\r, \\v only', () => {
  assert.ok(isWhitespaceOnly(' \t\n\r\v'));
  assert.ok(isWhitespaceOnly(''));
  assert.not.ok(isWhitespaceOnly('\f'));
  assert.not.ok(isWhitespaceOnly('\u00a0'));
  assert.not.ok(isWhitespaceOnly(' x '));
});

api('nesting deeper than the JS stack is a TemplateError, not a crash', () => {
  // Each level nests the data one step deeper: not a template call the depth limit counts.
  const t =
    '{{ define "T" }}{{ if true }}{{ with . }}{{ range $i := seq 1 }}{{ template "T" (dict "a" (dict "b" .)) }}{{ end }}{{ end }}{{ end }}{{ end }}{{ template "T" 1 }}';
  try {
    render(t, { name: 'deep' });
    assert.unreachable('rendered');
  } catch (e) {
    assert.instance(e, TemplateError);
    assert.match(
      (e as TemplateError).gomplateMessage,
      /^renderTemplate: failed to render template deep: template: deep: nested too deeply/,
    );
  }
});

api.run();
