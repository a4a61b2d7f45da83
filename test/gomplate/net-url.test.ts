// conv.URL over Go's net/url: gomplate's documented examples, the fields and methods
// templates read, url.Values, and Parse's errors (the real gomplate agrees: see
// toml-url-tmpl-differential.test.ts).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from './helpers.js';

const url = suite('net-url');

url("gomplate's documented examples", () => {
  assert.is(
    r(
      '{{ $u := conv.URL "https://example.com:443/foo/bar" }}The scheme is {{ $u.Scheme }}\nThe host is {{ $u.Host }}\nThe path is {{ $u.Path }}',
    ),
    'The scheme is https\nThe host is example.com:443\nThe path is /foo/bar',
  );
  assert.is(
    r('{{ (conv.URL "https://user:supersecret@example.com").Redacted }}'),
    'https://user:xxxxx@example.com',
  );
});

url('fields, methods and the query as url.Values', () => {
  const u = '{{ $u := conv.URL "https://a:b@x.y:8/p%2Fq?q=1&q=2&r#f" }}';
  assert.is(
    r(
      `${u}{{ $u }}|{{ $u.User }}|{{ $u.User.Username }}|{{ $u.Host }}|{{ $u.Path }}|{{ $u.RawPath }}|{{ $u.Hostname }}|{{ $u.Port }}|{{ $u.RequestURI }}|{{ $u.JoinPath "a" "../b" }}`,
    ),
    'https://a:b@x.y:8/p%2Fq?q=1&q=2&r#f|a:b|a|x.y:8|/p/q|/p%2Fq|x.y|8|/p%2Fq?q=1&q=2&r|https://a:b@x.y:8/p%2Fq/b?q=1&q=2&r#f',
  );
  assert.is(
    r(
      `${u}{{ $u.Query }}|{{ $u.Query.Get "q" }}|{{ index $u.Query "q" }}|{{ $u.Query.Has "r" }}|{{ $u.Query.Encode }}|{{ printf "%T %T" $u $u.Query }}`,
    ),
    'map[q:[1 2] r:[]]|1|[1 2]|true|q=1&q=2&r=|*url.URL url.Values',
  );
  // no userinfo: a nil *url.Userinfo, false in `if`, its methods still answer
  assert.is(
    r(
      '{{ $u := urlParse "x" }}[{{ $u.User }}]{{ if $u.User }}yes{{ end }}[{{ $u.User.Username }}]',
    ),
    '[][]',
  );
});

url('String puts back what Parse read, escaping as Go does', () => {
  assert.is(r('{{ urlParse "HTTP://h/a b?x=é#c d" }}'), 'http://h/a%20b?x=é#c%20d');
  assert.is(
    r('{{ urlParse "mailto:a@b.c" }} {{ (urlParse "mailto:a@b.c").Opaque }}'),
    'mailto:a@b.c a@b.c',
  );
  assert.is(r('{{ urlParse "http://[fe80::1%25en0]:80/" }}'), 'http://[fe80::1%25en0]:80/');
});

url("Parse's errors", () => {
  assert.is(
    errMsg('{{ conv.URL ":x" }}'),
    'error calling URL: parse ":x": missing protocol scheme',
  );
  assert.is(
    errMsg('{{ urlParse "http://[::1%en0]:80/" }}'),
    'error calling urlParse: parse "http://[::1%en0]:80/": invalid URL escape "%en"',
  );
  assert.is(
    errMsg('{{ urlParse "http://h:1a/" }}'),
    'error calling urlParse: parse "http://h:1a/": invalid port ":1a" after host',
  );
  assert.is(
    errMsg('{{ urlParse "http://[1::2::3]/" }}'),
    'error calling urlParse: parse "http://[1::2::3]/": invalid host: ParseAddr("1::2::3"): multiple :: in address (at ":3")',
  );
});

url('Parse and ResolveReference resolve references as RFC 3986 says', () => {
  const t =
    '{{ $u := conv.URL "http://a/b/c/d;p?q" }}{{ range (coll.Slice "g:h" "./g" "//g" "?y" "#s" "" "../.." "../../../g" "g;x=1/../y") }}{{ $u.Parse . }} {{ end }}{{ $u.ResolveReference (conv.URL "../x?z#f") }}';
  assert.is(
    r(t),
    'g:h http://a/b/c/g http://g http://a/b/c/d;p?y http://a/b/c/d;p?q#s http://a/b/c/d;p?q http://a/ http://a/g http://a/b/c/y http://a/b/x?z#f',
  );
  assert.is(
    errMsg('{{ (conv.URL "http://x/a/").Parse "%zz" }}'),
    'error calling Parse: parse "%zz": invalid URL escape "%zz"',
  );
});

url('methods left out say so', () => {
  assert.is(
    errMsg('{{ (conv.URL "http://u:p@x").User.Password }}'),
    'error calling Password: url.Userinfo.Password is not supported by this engine',
  );
});

url.run();
