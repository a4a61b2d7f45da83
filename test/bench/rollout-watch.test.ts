import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  parseWatchLine,
  readyLatency,
  WATCH_SLACK_MS,
  type DeploymentEvent,
} from './rollout-watch.js';

const test = suite('bench: rollout watch');

test('a watch line: rolled out only by kubectl rollout status rules', () => {
  assert.equal(parseWatchLine('hub|2|2|1|1|1|1', 5), { at: 5, name: 'hub', complete: true });
  // not yet observed, not updated, an old replica left, not available, just created
  for (const l of [
    'hub|3|2|1|1|1|1',
    'hub|2|2|1|1|0|0',
    'hub|2|2|1|2|1|1',
    'hub|2|2|1|1|1|',
    'hub|1||1|||',
  ])
    assert.is(parseWatchLine(l, 0)?.complete, false, l);
  // spec.replicas unset means 1
  assert.is(parseWatchLine('proxy|1|1||1|1|1', 0)?.complete, true);
  assert.is(parseWatchLine('garbage', 0), undefined);
  assert.is(parseWatchLine('', 0), undefined);
});

const ev = (at: number, name: string, complete: boolean): DeploymentEvent => ({
  at,
  name,
  complete,
});

test('fresh install: ready when the later one completed; latency to the wait return', () => {
  const events = [
    ev(100, 'hub', false),
    ev(110, 'proxy', false),
    ev(900, 'proxy', true),
    ev(1500, 'hub', true),
    ev(1600, 'hub', true), // a status update after: still the same readiness
  ];
  assert.equal(readyLatency(events, ['hub', 'proxy'], 400, 1580), {
    readyAt: 1500,
    alreadyReady: false,
    latencyMs: 80,
  });
});

test('a flap: the last transition to complete counts', () => {
  const events = [ev(0, 'hub', true), ev(200, 'hub', false), ev(700, 'hub', true)];
  assert.equal(readyLatency(events, ['hub'], 100, 750).readyAt, 700);
});

test('never un-ready (repeated install without a rollout): measured from the wait start', () => {
  const events = [ev(0, 'hub', true), ev(0, 'proxy', true), ev(300, 'hub', true)];
  assert.equal(readyLatency(events, ['hub', 'proxy'], 1000, 1240), {
    alreadyReady: true,
    latencyMs: 240,
  });
});

test('seen by the watch only after the wait returned: a negative latency, within the slack', () => {
  const events = [ev(0, 'hub', false), ev(520, 'hub', true)];
  assert.equal(readyLatency(events, ['hub'], 100, 500), {
    readyAt: 520,
    alreadyReady: false,
    latencyMs: -20,
  });
  // beyond the slack it is not what the wait saw
  assert.equal(
    readyLatency(
      [ev(0, 'hub', false), ev(500 + WATCH_SLACK_MS + 1, 'hub', true)],
      ['hub'],
      100,
      500,
    ),
    {
      alreadyReady: false,
    },
  );
});

test('never complete, or one never seen: no latency', () => {
  assert.equal(readyLatency([ev(0, 'hub', false)], ['hub'], 0, 10), { alreadyReady: false });
  assert.equal(readyLatency([ev(0, 'hub', true)], ['hub', 'proxy'], 0, 10), {
    alreadyReady: false,
  });
});

test.run();
