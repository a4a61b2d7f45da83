// Regenerates cases.json: every case below is rendered by gomplate-oracle (Go's real
// text/template configured like gomplate 5.1.0, ../../../shared/tools/gomplate-oracle)
// and its output or error is stored as the expectation. Nothing in cases.json is written
// by hand. Usage: node test/gomplate/gen-cases.mjs [path/to/gomplate-oracle]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const shared = process.env.BUUN_SHARED_DIR ?? join(here, '..', '..', '..', '..', 'shared');
let oracle = process.argv[2];
if (!oracle) {
  oracle = '/tmp/gomplate-oracle-cases';
  execFileSync(join(shared, 'tools/gomplate-oracle/build.sh'), [oracle], { stdio: 'inherit' });
}

export const DEFAULT_ENV = {
  FOO: 'foo',
  EMPTY: '',
  MULTI: 'l1\nl2',
  FLAG: 'true',
  NUM: '42',
  SP: '  padded  ',
};
export const DEFAULT_FILES = {
  'd.yaml':
    'a: 1\nb: 0.90\nc: 1e6\nlist: [x, y]\nmap: {k: v}\nnone:\nts: 2001-12-14\nbig: 123456789012\n',
  'three.txt': 'line1\n\n  line3\n',
  'types.yaml': `oct: 017
oct2: 0o17
nine: 09
hex: 0x1F
big: 123456789012345678901
huge: 18446744073709551615
neg: -42
under: 1_000
flt: 1.50
exp: 1e3
dot5: .5
inf: .inf
ninf: -.Inf
nan: .NaN
t2: True
t3: FALSE
y: yes
off: off
nul1: ~
nul2: NULL
nul4:
date: 2001-12-14
dt: 2001-12-14T21:59:43.10-05:00
dtz: 2001-12-14t21:59:43.10Z
dts: 2001-12-14 21:59:43.10
dtutc: 2020-01-02T03:04:05+00:00
baddate: 2001-02-30
str: "017"
sq: '1e3'
plus: +12
ver: 1.2.3
ip: 10.0.0.1
colon: a:b
list:
  - 1
  - two
  - ~
  - 3.0
nested:
  a:
    b: [1, {c: d}]
`,
  'list.yaml': '# a list\n- name: a\n  n: 1\n- name: b\n  n: 2\n',
  'empty.yaml': '# nothing here\n\n# at all\n',
  'sub/inner.txt': 'inner\n',
  'note.txt': 'plain text datasource\n',
};
export const DEFAULT_DS = {
  d: 'd.yaml',
  t: 'types.yaml',
  l: 'list.yaml',
  e: 'empty.yaml',
  n: 'note.txt',
};

// [section, template] or [section, template, { env, files, ds }]
const C = [];
const add = (section, ...templates) =>
  templates.forEach((t) => C.push(typeof t === 'string' ? [section, t] : [section, ...t]));

add(
  'trim',
  'a \t\n{{- "X" -}}\n\t b',
  '{{- "lead" }}  \n  {{- " tail" -}}',
  'x\r\n{{- 1 -}}\r\ny',
  'a{{- /* c */ -}}\n\nb{{/* d */ -}}   c',
  '{{ "a" }}{{- "b" -}}{{ "c" }}',
  'line1\n  {{- if true }}\n  in\n  {{- end }}\nline3\n',
  '{{ if true -}}\n\n   x\n{{- end }}',
  'a\n{{- range $i := strings.Split "," "x,y" }}\n- {{ $i }}\n{{- end }}\nb',
  '  {{- " " -}}  ',
  '{{-3}} {{- -3 }} {{ -3 -}} |',
);
add(
  'comments',
  '{{/* a */}}x{{/* b */}}',
  '{{- /* multi\nline\ncomment */ -}}\n  y',
  '{{/* a */ }}',
  '{{ /* a */}}',
  'z{{/*unclosed',
);
add(
  'literals',
  '{{ 0 }} {{ -0 }} {{ 1_000 }} {{ 0b101 }} {{ 0o17 }} {{ 0O17 }} {{ 0x_1F }} {{ 1e-7 }} {{ 1.5e300 }} {{ 0.000123 }}',
  '{{ 123456.0 }} {{ 1234567.0 }} {{ 1e21 }} {{ 100000000000000000000.0 }} {{ -1.25 }} {{ .5 }} {{ 5. }} {{ 0x1p-2 }}',
  "{{ '\\n' }} {{ '\\x41' }} {{ '\\u00e9' }} {{ 'é' }} {{ '\\'' }}",
  '{{ "\\a\\b\\f\\v\\\\\\"" | printf "%q" }} {{ "\\101\\x42\\u0043\\U00000044" }}',
  '{{ `a\\nb` }}|{{ `multi\nline` }}',
  '{{ 9223372036854775807 }} {{ -9223372036854775808 }}',
  '{{ 9223372036854775808 }}',
  '{{ 99999999999999999999 }}',
  '{{ 08 }}',
  '{{ 1i }}',
  '{{ nil }}',
  '{{ true }} {{ false }} {{ printf "%v %T" true 1.0 }}',
  '{{ "unterminated }}',
  "{{ 'ab' }}",
  '{{ 1.2.3 }}',
);
add(
  'printing',
  '{{ (datasource "d").list }} {{ (datasource "d").map }} {{ datasource "d" }}',
  '{{ dict "z" 1 "a" (dict "y" nil "x" (strings.Split "," "p,q")) "é" 2 "E" 3 }}',
  '{{ strings.Split "," "" }}|{{ strings.Split "," "a,,b" }}|{{ slice (strings.Split "," "a") 0 0 }}',
  '{{ . }}|{{ $ }}|{{ print . }}',
  '{{ 1.0e6 }} {{ 999999.0 }} {{ 0.0001 }} {{ 0.00001234 }} {{ 1e100 }} {{ -0.0 }}',
  '{{ conv.ToInt64 "5" }} {{ printf "%T %T %T" (conv.ToInt64 "5") (len "x") (index "ab" 0) }}',
  '{{ index "héllo" 1 }} {{ len "héllo" }} {{ slice "héllo" 1 3 | printf "%q" }}',
  '{{ print "a" 1 2 "b" "c" 3.5 true nil }}|{{ println "a" 1 }}|{{ print }}',
  '{{ printf "%v|%+v|%#v" (dict "a" 1) (strings.Split "," "a,b") "s" }}',
  '{{ strings }}|{{ printf "%v" strings }}',
);
add(
  'printf',
  '{{ printf "%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%o|%O|%b|%#x|%#o" 42 42 42 -42 42 42 255 255 8 8 5 255 8 }}',
  '{{ printf "%s|%10s|%-10s|%.2s|%q|%x|% x|%X|%#q" "héllo" "r" "l" "abc" "a\\tb" "hi" "hi" "hi" "x`y" }}',
  '{{ printf "%f|%.2f|%8.3f|%-8.1f|%e|%E|%.3e|%g|%G|%.3g|%08.2f|%+.1f" 3.14159 3.14159 3.14159 3.14159 1234.5678 1234.5678 1234.5678 0.000012345 1e21 1234.5678 -3.14159 2.5 }}',
  '{{ printf "%t|%v|%5t" true false true }}',
  '{{ printf "%c|%q|%U|%#U" 65 66 9731 9731 }}',
  '{{ printf "%d %s" "x" 3 }}',
  '{{ printf "%d" }}|{{ printf "%d %d" 1 2 3 "x" }}|{{ printf "%!" 1 }}|{{ printf "100%%" }}',
  '{{ printf "%[2]d %[1]d|%[3]d|%*d|%.*f" 1 2 5 3 2 3.14159 }}',
  '{{ printf "%v %d %s" nil nil nil }}|{{ printf "%T" nil }}',
  '{{ printf "%.0f %.0f %.0f %.1f %.2f" 0.5 1.5 2.5 0.25 0.125 }}',
  '{{ printf "%6.2v|%10v|%-10v|%010v" 3.14159 "x" 1.5 -1.5 }}',
  '{{ printf "%s %d" (strings.Split "," "ab,c") (dict "a" 1) }}',
  '{{ printf "%x %X" 3.5 -1 }}',
  '{{ printf "%z" 1 }}|{{ printf "%" }}|{{ printf "%-" 1 }}',
);
add(
  'pipelines',
  '{{ "a" | printf "%s-%s" "b" | printf "[%s]" }}',
  '{{ .Env.FOO | strings.ToUpper | printf "%s!" }}',
  '{{ (printf "%s" "x") | len }}',
  '{{ ("abc" | len) | printf "%d" }}',
  '{{ $x := "v" | printf "%s%s" "u" }}{{ $x }}',
  '{{ "x" | 3 }}',
  '{{ 3 | printf "%d" | "x" }}',
  '{{ ("a").b }}',
  '{{ (dict "a" (dict "b" "deep")).a.b }}|{{ $m := dict "a" (dict "b" 1) }}{{ $m.a.b }}',
  '{{ "a" "b" }}',
  '{{ .Env.FOO "x" }}',
  '{{ printf "%s" | printf "%s" }}',
);
add(
  'variables',
  '{{ $a := 1 }}{{ $b := 2 }}{{ $a }}{{ $b }}{{ $a = 3 }}{{ $a }}',
  '{{ $x := "outer" }}{{ if true }}{{ $x := "inner" }}{{ $x }}{{ end }}{{ $x }}',
  '{{ $x := "outer" }}{{ if true }}{{ $x = "set" }}{{ end }}{{ $x }}',
  '{{ $x := 0 }}{{ range strings.Split "," "a,b,c" }}{{ $x = . }}{{ end }}{{ $x }}',
  '{{ $ }}{{ $.Env.FOO }}',
  '{{ range $i, $e := strings.Split "," "a,b" }}{{ $i }}{{ $e }}{{ end }}{{ $e }}',
  '{{ $x = 1 }}',
  '{{ $x := 1 }}{{ $x.y }}',
  '{{ with $v := "w" }}{{ $v }}{{ . }}{{ end }}',
  '{{ $n := (datasource "d").none }}{{ $n }}|{{ $n.x }}',
  '{{ $1 := "one" }}{{ $1 }}{{ $_ := 2 }}{{ $_ }}',
  '{{ $a, $b := 1 }}',
);
add(
  'conditionals',
  '{{ if 0 }}a{{ else if "" }}b{{ else if (dict) }}c{{ else if "x" }}d{{ else }}e{{ end }}',
  '{{ if .Env.EMPTY }}set{{ else }}empty{{ end }}|{{ if .Env.FLAG }}flag{{ end }}',
  '{{ if and .Env.FOO (eq .Env.FLAG "true") }}both{{ end }}{{ if or .Env.EMPTY .Env.NUM }}-{{ .Env.NUM }}{{ end }}',
  '{{ if not (eq .Env.FOO "bar") }}not bar{{ end }}',
  '{{ if eq .Env.FOO "a" }}A{{ else if eq .Env.FOO "foo" }}{{ if false }}x{{ else }}nested{{ end }}{{ end }}',
  '{{ if (datasource "d").list }}{{ range (datasource "d").list }}{{ . }}{{ end }}{{ end }}',
  '{{ if true }}{{ else }}{{ else }}{{ end }}',
  '{{ else }}',
  '{{ end }}',
  '{{ if true }}',
  '{{ if 1.5 }}f{{ end }}{{ if 0.0 }}z{{ end }}{{ if nil }}n{{ end }}',
);
add(
  'range',
  '{{ range $k, $v := dict "b" 2 "a" 1 "c" 3 }}{{ $k }}={{ $v }},{{ end }}',
  '{{ range dict "b" 2 "a" 1 }}{{ . }}{{ end }}',
  '{{ range $v := dict "b" 2 "a" 1 }}{{ $v }}{{ end }}',
  '{{ range $i, $x := strings.Split "," "a,b,c" }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $x }}{{ end }}',
  '{{ range strings.Split "," "a,b,c,d" }}{{ if eq . "c" }}{{ break }}{{ end }}{{ . }}{{ end }}after',
  '{{ range $i, $a := strings.Split "," "1,2" }}{{ range $j, $b := strings.Split "," "x,y" }}{{ if eq $b "y" }}{{ break }}{{ end }}{{ $a }}{{ $b }}{{ end }};{{ end }}',
  '{{ range (datasource "l") }}{{ .name }}:{{ .n }};{{ end }}',
  '{{ range (datasource "e") }}x{{ else }}empty ds{{ end }}|{{ len (datasource "e") }}',
  '{{ range (datasource "t").list }}[{{ . }}]{{ end }}',
  '{{ range $i, $v := (datasource "t").list }}{{ $i }}{{ printf "%T" $v }} {{ end }}',
  '{{ range (datasource "d").none }}x{{ else }}none{{ end }}',
  '{{ range nil }}{{ end }}',
  '{{ range 1.5 }}{{ end }}',
  '{{ range true }}{{ end }}',
  '{{ break }}',
  '{{ range . }}{{ end }}{{ range $.Env.FOO }}{{ end }}',
  '{{ range $k, $v := .Env }}{{ if eq $k "FOO" }}{{ $v }}{{ end }}{{ end }}',
  '{{ range $x := strings.Split "," "a,b" }}{{ $x }}{{ else }}e{{ end }}{{ range $x := strings.Split "," "" }}<{{ $x }}>{{ end }}',
  '{{ range $i, $e := dict "k" "v" }}{{ $i }}{{ $e }}{{ end }}',
  '{{ range (datasource "l") }}{{ .missing }}{{ end }}',
  '{{ range (datasource "t").list }}{{ .x }}{{ end }}',
  '{{ range $a, $b, $c := dict }}{{ end }}',
  '{{ range $a, 1 }}{{ end }}',
);
add(
  'with',
  '{{ with .Env.FOO }}[{{ . }}]{{ end }}{{ with .Env.EMPTY }}x{{ else }}[empty]{{ end }}',
  '{{ with (datasource "d").map }}{{ .k }}{{ end }}',
  '{{ with $x := dict "a" 1 }}{{ $x.a }}{{ .a }}{{ end }}',
  '{{ with (datasource "d").none }}x{{ else }}{{ . }}{{ end }}',
  '{{ with 0 }}z{{ else with 1 }}o{{ end }}',
);
add(
  'templates',
  '{{ define "t" }}T({{ . }}){{ end }}{{ template "t" "x" }}{{ template "t" }}',
  '{{ define "a" }}A{{ template "b" . }}{{ end }}{{ define "b" }}B{{ . }}{{ end }}{{ template "a" 1 }}',
  '{{ block "blk" "dflt" }}<{{ . }}>{{ end }}',
  '{{ define "blk" }}over{{ end }}{{ block "blk" . }}orig{{ end }}',
  '{{ template "missing" }}',
  '{{ define "e" }}{{ .nope }}{{ end }}before {{ template "e" (dict) }}',
  '{{ define "x" }}1{{ end }}{{ define "x" }}2{{ end }}',
  '{{ define "v" }}{{ $ }}{{ end }}{{ template "v" 5 }}',
  '{{ define "<arg>" }}replaced{{ end }}',
  '{{ define "s" }}{{ $x }}{{ end }}',
  '{{ template "t" }}{{ define "t" }}late{{ end }}',
  '{{ define "r" }}{{ if gt (len .) 0 }}{{ index . 0 }}{{ template "r" (slice . 1) }}{{ end }}{{ end }}{{ template "r" (strings.Split "," "a,b,c") }}',
  '{{ template 1 }}',
  '{{ define "t" }}{{ end }}{{ template "t" | printf "x" }}',
);
add(
  'builtins',
  '[{{ and 1 "" 3 }}] [{{ and 1 2 3 }}] [{{ or 0 "" nil }}] [{{ or 0 "b" 3 }}] [{{ and }}]',
  '{{ and 0 .nope }}|{{ or 1 .nope }}|{{ or 0 .nope }}',
  '{{ not 0 }} {{ not 1 }} {{ not "" }} {{ not (dict) }} {{ not nil }}',
  '{{ len "abc" }} {{ len (dict "a" 1) }} {{ len (strings.Split "," "a,b") }} {{ len .Env.FOO }}',
  '{{ len 3 }}',
  '{{ len nil }}',
  '{{ index (strings.Split "," "a,b") 1 }} {{ index (dict "k" "v") "k" }} {{ index .Env "FOO" }} {{ index (dict) "x" }}',
  '{{ index (strings.Split "," "a,b") 2 }}',
  '{{ index (strings.Split "," "a,b") -1 }}',
  '{{ index (strings.Split "," "a,b") "x" }}',
  '{{ index 3 0 }}',
  '{{ index nil 0 }}',
  '{{ index (strings.Split "," "a") }}',
  '{{ slice "abcdef" 1 3 }} {{ slice "abc" }} {{ slice (strings.Split "," "a,b,c") 1 }} {{ slice "abc" 3 }}',
  '{{ slice "abc" 2 1 }}',
  '{{ slice "abc" 1 2 3 }}',
  '{{ slice (strings.Split "," "a,b,c") 0 1 2 }}',
  '{{ slice 3 1 }}',
  '{{ html "<a href=\\"x\\">&\'</a>" }} {{ html 1 "<" }}',
  '{{ js "it\'s <b> & \\"q\\" = \\u2028 \\x01 é" }}',
  '{{ urlquery "a b&c=d/é?" }} {{ urlquery 1 2 }}',
  '{{ call nil }}',
  '{{ call "f" 1 }}',
  '{{ print (index (dict) "a") }}|{{ printf "%v" (index (dict "a" nil) "a") }}',
  '{{ not }}',
);
add(
  'compare',
  '{{ eq 1 1 }} {{ eq "a" "a" }} {{ eq 1.5 1.5 }} {{ eq true true }} {{ eq 1 2 3 1 }} {{ ne "a" "b" }}',
  '{{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2.5 }} {{ lt "a" "B" }} {{ lt "é" "z" }}',
  '{{ eq (datasource "d").a 1 }} {{ eq (datasource "d").b 0.9 }} {{ eq (datasource "d").none nil }}',
  '{{ eq .Env.NUM 42 }}',
  '{{ lt 1 1.5 }}',
  '{{ lt "a" 1 }}',
  '{{ lt nil 1 }}',
  '{{ eq (strings.Split "," "a") (strings.Split "," "a") }}',
  '{{ eq (dict) (strings.Split "," "a") }}',
  '{{ eq 1 }}',
  '{{ ne 1 2 3 }}',
  '{{ gt (len "abc") 2 }} {{ le (conv.ToInt "3") 3 }} {{ eq (index "a" 0) 97 }}',
  '{{ eq (datasource "t").huge 1 }} {{ lt -1 (datasource "t").huge }}',
  '{{ eq "x" (index (dict) "a") }} {{ eq nil nil }}',
);
add(
  'strings',
  '{{ strings.Split "" "héllo" }} {{ strings.Split "é" "aébéc" }} {{ strings.Split "ab" "xabyab" }}',
  '[{{ strings.Trim " x" "xx a xx" }}] [{{ strings.TrimPrefix "ab" "ababc" }}] [{{ strings.TrimSuffix "c" "abcc" }}] [{{ strings.Trim "" " a " }}]',
  '[{{ strings.TrimSpace "\\t\\n a b \\u00a0\\u0085\\v\\f" }}] [{{ trimSpace .Env.SP }}]',
  '{{ strings.HasPrefix "a" "abc" }} {{ strings.HasSuffix "c" "abc" }} {{ strings.Contains "b" "abc" }} {{ strings.Contains "" "" }} {{ strings.HasSuffix "1" 21 }}',
  '{{ strings.ReplaceAll "a" "b" "banana" }} {{ replaceAll "" "-" "abc" }} {{ "x.y.z" | strings.ReplaceAll "." "_" }}',
  '{{ strings.ToUpper "héllo wörld" }} {{ toUpper 12 }} {{ strings.ToLower "ÀBC" }} {{ toLower "MiXeD" }}',
  '{{ strings.Quote "a\\"b" }} {{ quote "\\u00a0\\u200b\\ufeff\\U0001F600\\x7f" }} {{ strings.Squote "it\'s" }} {{ squote 3 }}',
  '{{ quote nil }} {{ quote (dict "a" 1) }} {{ quote (strings.Split "," "a,b") }} {{ quote 1e6 }} {{ quote 1.0 }}',
  '{{ indent 2 "a\\n\\nb\\n" }}|{{ "x" | indent 2 "\\t" }}|{{ indent "" "x" }}|{{ strings.Indent 1 "-" "a" "b" }}',
  '{{ indent }}',
  '{{ strings.Indent -1 "x" }}',
  '{{ strings.Indent 1 2 "x" }}',
  '{{ strings.Indent "a" "b" "c" "d" }}',
  '{{ strings.Split 1 "a" }}',
  '{{ strings.Split "," }}',
  '{{ strings.Split .Env.NOPE "a" }}',
  '{{ strings.HasPrefix (datasource "d").none "x" }}',
  '{{ $n := (datasource "d").none }}{{ strings.HasPrefix $n "x" }}',
  '{{ strings.Split "," (datasource "d").list }} {{ strings.TrimSpace (datasource "d").b }}',
  '{{ strings.Nope }}',
  '{{ "a,b" | strings.Split "," | len }}',
  '{{ strings.Trim "é" "ééaéé" }} {{ strings.ToUpper "héllo" | len }}',
);
add(
  'conv',
  '{{ conv.ToInt "0b101" }} {{ conv.ToInt "0o17" }} {{ conv.ToInt "1_000" }} {{ conv.ToInt "-0x10" }} {{ conv.ToInt "1,234,567" }} {{ conv.ToInt " 1" | default "x" }}',
  '{{ conv.ToInt 3.99 }} {{ conv.ToInt -3.99 }} {{ conv.ToInt true }} {{ conv.ToInt false }} {{ conv.ToInt (datasource "t").huge }}',
  '{{ conv.ToInt nil }}',
  '{{ conv.ToInt (dict) }}',
  '{{ conv.ToInt "1e400" }}',
  '{{ conv.ToInt "9223372036854775808" }}',
  '{{ conv.ToInt64 "42" }} {{ conv.ToString 42 }} {{ conv.ToString 1.5 }} {{ conv.ToString nil }} {{ conv.ToString true }} {{ conv.ToString (dict "a" 1) }}',
  '{{ conv.Default "d" "" }} {{ conv.Default "d" "v" }} {{ conv.Default 1 0 }} {{ conv.Default "d" (dict) }}',
  '{{ 0 | default 5 }} {{ "" | default "e" }} {{ nil | default "n" }} {{ (dict) | default "m" }} {{ (dict "a" 1) | default "m" }}',
  '{{ default "d" }}',
  '{{ conv.ToInt "08" }} {{ conv.ToInt "0.5e1" }} {{ conv.ToInt ".5" }} {{ conv.ToInt "+0" }}',
  '{{ conv.ToInt "1__0" }}',
  '{{ conv.ToInt (datasource "t").date }}',
);
add(
  'coll',
  '{{ has (dict "a" 1) "a" }} {{ has (dict "a" 1) "b" }} {{ has (strings.Split "," "x,y") "x" }} {{ has "abc" "a" }} {{ has nil "a" }} {{ has .Env "FOO" }}',
  '{{ has (datasource "t").list "two" }} {{ has (datasource "t").list 1 }}',
  '{{ coll.Has (dict "a" nil) "a" }} {{ coll.Dict "a" 1 "b" }} {{ coll.Merge (dict "a" 1) (dict "b" 2) }}',
  '{{ dict }} {{ dict 1.5 "f" nil "n" }} {{ len (dict "a" 1 "a" 2) }} {{ (dict "a" 1 "a" 2).a }}',
  '{{ merge (dict "a" 1) (dict "a" 2 "b" 2) (dict "b" 3 "c" 3) }}',
  '{{ merge (dict "n" (dict "x" 1 "y" 1)) (dict "n" (dict "y" 2 "z" 2)) (dict "n" 5) }}',
  '{{ merge (dict "n" 1) (dict "n" (dict "x" 1)) }}',
  '{{ $a := dict "k" 1 }}{{ $b := merge $a (dict "j" 2) }}{{ $a }} {{ $b }}',
  '{{ merge .Env (dict) }}',
  '{{ merge (dict) "x" }}',
  '{{ merge nil (dict "a" 1) }}',
  '{{ merge (dict) }}',
  '{{ has (dict) 1 }}',
  '{{ (datasource "d").map | merge (dict "k" "mine") }}',
);
add(
  'env',
  '[{{ env.Getenv "FOO" }}] [{{ env.Getenv "NOPE" }}] [{{ env.Getenv "NOPE" "d1" "d2" }}] [{{ getenv "EMPTY" "e" }}] [{{ getenv 42 "num" }}]',
  '{{ env.HasEnv "FOO" }} {{ env.HasEnv "EMPTY" }} {{ env.HasEnv "NOPE" }}',
  '{{ getenv "SECRET" "none" }}',
  [
    '{{ getenv "SECRET" }}|{{ .Env.SECRET }}|{{ getenv "MISS" "dd" }}',
    {
      env: { SECRET_FILE: 'secret.txt', MISS_FILE: 'nope.txt' },
      files: { 'secret.txt': '  s3cret\n\n' },
    },
  ],
  '{{ getenv "FOO" 1 }}',
  '{{ .Env.NOPE }}',
  '{{ $.Env.FOO }} {{ .Env.MULTI }}',
  '{{ env.Env.FOO }} {{ (env.Env).FLAG }}',
  '{{ .Env.FOO.x }}',
  '{{ .Env.EMPTY | default "was empty" }}',
);
add(
  'file',
  '{{ file.Read "three.txt" | quote }}',
  '{{ file.Read "sub/inner.txt" }}{{ file.Exists "sub/inner.txt" }} {{ file.Exists "sub" }} {{ file.Exists "nope" }}',
  '{{ file.Read "nope.txt" }}',
  '{{ file.Read "sub" }}',
  '{{ file.Read }}',
  '{{ file.Read "three.txt" "x" }}',
  'k: |\n{{ file.Read "three.txt" | indent 2 }}end',
);
add(
  'datasource',
  '{{ range $k, $v := datasource "t" }}{{ $k }}={{ $v }} ({{ printf "%T" $v }})\n{{ end }}',
  '{{ (ds "t").nested.a.b }} {{ index (ds "t").nested.a.b 1 }} {{ (index (ds "t").nested.a.b 1).c }}',
  '{{ datasource "n" }}',
  '{{ datasource "e" }} {{ printf "%T" (datasource "e") }}',
  '{{ (datasource "l") }} {{ printf "%T" (datasource "l") }}',
  '{{ (datasource "t").oct | printf "%d" }} {{ add1 }}',
  '{{ (datasource "t").nope }}',
  '{{ (datasource "t").nul1.x }}',
  '{{ ((datasource "t").nul1).x }}',
  '{{ (datasource "t").y.z }}',
  '{{ (datasource "t").list.x }}',
  '{{ datasource }}',
  '{{ datasource 1 }}',
  '{{ (datasource "t").dt.Year }} {{ (datasource "t").date.Month }} {{ (datasource "t").dtz.Hour }}',
  '{{ eq (datasource "t").date (datasource "t").date }}',
  ['{{ datasource "missing" }}', { ds: { missing: 'missing.yaml' } }],
  ['{{ datasource "s" }}', { files: { 's.yaml': 'just a scalar\n' }, ds: { s: 's.yaml' } }],
  [
    '{{ (datasource "q").a }}|{{ (datasource "q").b }}|{{ (datasource "q").c }}|{{ printf "%T" (datasource "q").d }}',
    {
      files: { 'q.yaml': "a: 'single '' quote'\nb: \"dbl \\t tab\"\nc: 'true'\nd: \"1\"\n" },
      ds: { q: 'q.yaml' },
    },
  ],
  [
    '{{ (datasource "m").models }}',
    {
      files: {
        'm.yaml':
          'models:\n  - name: a\n    params:\n      api_key: os.environ/A_KEY\n      temp: 0.70\n  - name: b\n',
      },
      ds: { m: 'm.yaml' },
    },
  ],
);
add(
  'errors',
  'line1\nline2 {{ .nope }}',
  'é {{ .nope }}',
  '{{ if true }}\n  {{ .Env.NOPE }}\n{{ end }}',
  'a\n{{ foo }}',
  '{{ .Foo.bar }}',
  '{{ 1 2 }}',
  '{{ (1) 2 }}',
  '{{ . 1 }}',
  '{{ $ 1 }}',
  '{{ nil | printf "x" }}',
  '{{ printf "%s" nil }}',
  '{{ printf 1 }}',
  '{{ printf }}',
  '{{ | }}',
  '{{ ( }}',
  '{{ ) }}',
  '{{ "a" | }}',
  '{{ .a. }}',
  '{{ $x := }}',
  '{{ range $i, $e, $f := . }}{{ end }}',
  '{{ if 1 }}\n{{ else }}\n{{ else if 2 }}{{ end }}',
  '{{ % }}',
  '{{ "\\q" }}',
  '{{ 1 }\n}}',
  '{{ "a\nb" }}',
  'text {{ .x\n\n}}',
  '{{ .x | .y }}',
  '{{ dict "a" 1 | .a }}',
  '{{ (dict "a" 1).a.b }}',
  '{{ $.Env.FOO.Bar.Baz }}',
  '{{ (datasource "d").a.x }}',
  '{{ strings.Indent.x }}',
  '{{ env "x" }}',
  '{{ conv.ToInt "x" | printf "%d" }}',
  '{{ index (dict "a" 1) 1 }}',
);

function run(tpl, opts) {
  const dir = mkdtempSync(join(tmpdir(), 'gomplate-case-'));
  try {
    const files = { ...DEFAULT_FILES, ...(opts.files ?? {}) };
    for (const [p, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), content);
    }
    const ds = { ...DEFAULT_DS, ...(opts.ds ?? {}) };
    const args = Object.entries(ds).flatMap(([a, p]) => ['-d', `${a}=${p}`]);
    const env = { ...DEFAULT_ENV, ...(opts.env ?? {}) };
    const r = spawnSync(oracle, [...args, '-i', tpl], { cwd: dir, env, encoding: 'utf8' });
    const cwd = dir.replace(/^\//, '');
    let error = null;
    if (r.status !== 0) {
      const line = r.stderr.trim().split('\n').pop();
      error = JSON.parse(line).err.split(cwd).join('{CWD}');
    }
    return { output: r.stdout, error };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cases = C.map(([section, template, opts = {}], i) => {
  const { output, error } = run(template, opts);
  return { id: i + 1, section, template, ...opts, output, error };
});
const doc = {
  note: 'Generated by gen-cases.mjs: expected output/error produced by gomplate-oracle (Go text/template). Do not edit by hand.',
  env: DEFAULT_ENV,
  files: DEFAULT_FILES,
  datasources: DEFAULT_DS,
  cases,
};
writeFileSync(join(here, 'cases.json'), JSON.stringify(doc, null, 1) + '\n');
console.log(`wrote ${cases.length} cases (${cases.filter((c) => c.error).length} errors)`);
