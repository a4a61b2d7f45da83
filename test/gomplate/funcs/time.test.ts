// gomplate's time namespace: the documented examples (with fixed times instead of the
// clock), Go's layouts both ways and the Duration helpers. Compared with the real
// gomplate in funcs-differential.test.ts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errMsg, r } from '../helpers.js';

const t = suite('funcs/time');

t('documented examples', () => {
  assert.is(
    r('{{ (time.Parse "2006-01-02" "1993-10-23").Format "Monday January 2, 2006 MST" }}'),
    'Saturday October 23, 1993 UTC',
  );
  assert.is(r('{{ (time.Unix 42).UTC.Format time.Stamp}}'), 'Jan  1 00:00:42');
  assert.is(r('{{ (time.ParseLocal time.Kitchen "6:00AM").Format "15:04 MST" }}'), '06:00 UTC');
  assert.is(
    r('{{ ((time.Unix 1507989422).AddDate 0 1 0).Format "Mon Jan 2 15:04:05 MST 2006" }}'),
    'Tue Nov 14 13:57:02 UTC 2017',
  );
  assert.is(
    r(
      '{{ ((time.Parse time.Kitchen "12:43AM").Add (time.ParseDuration "2h30m")).Format time.Kitchen }}',
    ),
    '3:13AM',
  );
  assert.is(r('{{ time.ZoneName }} {{ time.ZoneOffset }}'), 'UTC 0');
});

t('layouts: fractions, zones, 12-hour clock, day of year', () => {
  assert.is(
    r(
      '{{ (time.Unix "1234567890.0123").Format "2006-01-02T15:04:05.000000Z07:00 .999 pm 002 _2 __2" }}',
    ),
    // gomplate parses the padded fraction with base 0: "012300000" is octal
    '2009-02-13T23:31:30.002719Z .002 pm 044 13  44',
  );
  assert.is(
    r('{{ time.Parse time.RFC3339 "2017-12-31T21:09:05+01:30" }}'),
    '2017-12-31 21:09:05 +0130 +0130',
  );
  assert.is(r('{{ (time.Parse "2006 002" "2020 060").Format "Jan 2" }}'), 'Feb 29');
});

t("parse errors are Go's", () => {
  assert.is(
    errMsg('{{ time.Parse "2006-01-02" "1993-13-01" }}'),
    'error calling Parse: parsing time "1993-13-01": month out of range',
  );
  assert.is(
    errMsg('{{ time.Parse "2006-01-02" "19é3-05-03" }}'),
    'error calling Parse: parsing time "19\\xc3\\xa93-05-03" as "2006-01-02": cannot parse "19\\xc3\\xa93-05-03" as "2006"',
  );
  assert.is(
    errMsg('{{ time.Parse "2006-01-02" "1993-02-30" }}'),
    'error calling Parse: parsing time "1993-02-30": day out of range',
  );
});

t("durations print, parse and convert as Go's time.Duration", () => {
  assert.is(
    r(
      '{{ time.Hour 2 }} {{ time.Millisecond 1500 }} {{ time.Microsecond 3 }} {{ time.Nanosecond -7 }}',
    ),
    '2h0m0s 1.5s 3µs -7ns',
  );
  assert.is(r('{{ (time.ParseDuration "1h15m30.5s").Minutes }}'), '75.50833333333334');
  assert.is(r('{{ printf "%d %T" (time.Second 1) (time.Second 1) }}'), '1000000000 time.Duration');
  assert.is(
    errMsg('{{ time.ParseDuration "1x" }}'),
    'error calling ParseDuration: time: unknown unit "x" in duration "1x"',
  );
  assert.is(
    errMsg('{{ time.Hour "x" }}'),
    'error calling Hour: expected a number: could not convert "x" to int64: strconv.ParseFloat: parsing "x": invalid syntax',
  );
});

t('the clock is refused: Now, Since and Until are not deterministic', () => {
  for (const f of ['Now', 'Since', 'Until'])
    assert.is(
      errMsg(`{{ time.${f} }}`),
      `error calling ${f}: gomplate function "time.${f}" is not supported by this engine`,
    );
});

t('ParseInLocation knows UTC and Local only, and says so', () => {
  assert.is(
    r('{{ time.ParseInLocation time.Kitchen "UTC" "6:00AM" }}'),
    '0000-01-01 06:00:00 +0000 UTC',
  );
  assert.is(
    errMsg('{{ time.ParseInLocation time.Kitchen "Africa/Luanda" "6:00AM" }}'),
    'error calling ParseInLocation: time zone "Africa/Luanda" is not supported by this engine (UTC and Local only)',
  );
});

t.run();
