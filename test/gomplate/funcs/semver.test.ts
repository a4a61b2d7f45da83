// gomplate's semver namespace: the documented examples and Masterminds' rules.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from '../helpers.js';

const t = suite('funcs/semver');

t('documented examples', () => {
  assert.is(r('{{ semver.Semver "v1.1.1"}}'), '1.1.1');
  assert.is(r('{{ (semver.Semver "v1.1.1").Major }}'), '1');
  assert.is(
    r('the pre release version is {{ ("v1.1.1" | semver.Semver).SetPrerelease "beta.1" }}'),
    'the pre release version is 1.1.1-beta.1',
  );
  assert.is(r('{{ semver.CheckConstraint "> 1.0" "v1.1.1" }}'), 'true');
  assert.is(r('{{ semver.CheckConstraint "> 1.0, <1.1" "v1.1.1" }}'), 'false');
  assert.is(r('{{ "v1.1.1" | semver.CheckConstraint "> 1.0" }}'), 'true');
});

t('ranges, x-ranges, tilde, caret and prereleases', () => {
  assert.is(
    r(
      '{{ semver.CheckConstraint "1.2 - 1.4.5" "1.4.5" }} {{ semver.CheckConstraint "1.x || >=2.5" "2.4.0" }} {{ semver.CheckConstraint "^0.2.3" "0.3.0" }} {{ semver.CheckConstraint "~1.2.3" "1.2.9" }} {{ semver.CheckConstraint ">1.0" "1.5.0-beta" }} {{ semver.CheckConstraint ">1.0-0" "1.5.0-beta" }}',
    ),
    'true false false true false true',
  );
});

t("errors are the library's", () => {
  assert.is(errMsg('{{ semver.Semver "x" }}'), 'error calling Semver: invalid semantic version');
  assert.is(
    errMsg('{{ semver.Semver "1.2.3-01" }}'),
    'error calling Semver: version segment starts with 0',
  );
  assert.is(
    errMsg('{{ semver.CheckConstraint "foo" "1.0.0" }}'),
    'error calling CheckConstraint: improper constraint: foo',
  );
});

t.run();
