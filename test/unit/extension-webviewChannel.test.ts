import * as assert from 'node:assert/strict';
import type { LabEvent } from '../../src/protocol/events';
import {
  MAX_HELD_POSTS,
  MAX_LOG_CHARS,
  MAX_LOGS,
  WebviewChannel,
  type WebviewLike,
} from '../../src/extension/webviewChannel';

/** A webview stand-in that records posts and lets the test send messages from the "webview". */
class FakeWebview implements WebviewLike {
  posted: unknown[] = [];
  private listener: ((m: unknown) => void) | undefined;
  postMessage(m: unknown) {
    this.posted.push(m);
    return Promise.resolve(true);
  }
  onDidReceiveMessage(l: (m: unknown) => void) {
    this.listener = l;
    return { dispose: () => (this.listener = undefined) };
  }
  send(m: unknown) {
    this.listener?.(m);
  }
}

const start: LabEvent = {
  v: 1,
  seq: 0,
  t: 0,
  proc: -1,
  kind: 'run.start',
  lab: 'ticket-lock',
  title: { en: 'T', 'zh-CN': 'T' },
  seed: 1,
  speed: 1,
};

function setup(runShown: string | undefined = 'r1') {
  const wv = new FakeWebview();
  const calls: string[] = [];
  const logs: string[] = [];
  const ch = new WebviewChannel(wv, {
    onReady: () => calls.push('ready'),
    runShown: () => runShown,
    onAction: (a, id) => calls.push(`action:${a}:${id}`),
    onRevealSite: (site) => calls.push(`site:${site}`),
    onStep: (m, id) =>
      calls.push(
        m.type === 'step' ? `step:${m.step}:${m.pick}:${m.proc}:${id}` : `fork:${m.step}:${id}`,
      ),
    onLog: (level, message) => logs.push(`${level}:${message}`),
    onInvalid: (dir, err) => calls.push(`invalid-${dir}:${err}`),
  });
  return { wv, ch, calls, logs };
}

describe('extension WebviewChannel', () => {
  it('holds posts until the webview is ready, then delivers them in order', () => {
    const { wv, ch } = setup();
    ch.post({ type: 'load', runId: 'r', lang: 'en', mode: 'panel', events: [start], live: true });
    ch.post({ type: 'ended', runId: 'r' });
    assert.equal(wv.posted.length, 0);
    wv.send({ type: 'ready' });
    assert.deepEqual(
      wv.posted.map((m) => (m as { type: string }).type),
      ['load', 'ended'],
    );
  });

  it('holds a bounded number of posts; past the bound it drops them and asks for the whole state on ready', () => {
    const { wv, ch, calls } = setup();
    ch.post({ type: 'load', runId: 'r', lang: 'en', mode: 'panel', events: [start], live: true });
    for (let i = 0; i < MAX_HELD_POSTS * 4; i++) ch.post({ type: 'ended', runId: 'r' });
    assert.ok((ch as unknown as { held: unknown[] }).held.length <= MAX_HELD_POSTS);
    wv.send({ type: 'ready' });
    assert.equal(wv.posted.length, 0, 'nothing stale is replayed');
    assert.deepEqual(calls, ['ready']);
    ch.post({ type: 'ended', runId: 'r' });
    assert.equal(wv.posted.length, 1, 'once ready, posts go straight through');
  });

  it('asks for the whole state again when a webview reloads', () => {
    const { wv, calls } = setup();
    wv.send({ type: 'ready' });
    wv.send({ type: 'ready' });
    assert.deepEqual(calls, ['ready', 'ready']);
  });

  it('lets only allowlisted actions through and rejects malformed messages', () => {
    const { wv, calls } = setup();
    wv.send({ type: 'action', action: 'stop', runId: 'r1' });
    wv.send({ type: 'action', action: 'workbench.action.terminal.new' });
    wv.send({ type: 'command', command: 'rm -rf' });
    wv.send('ready');
    assert.equal(calls[0], 'action:stop:r1');
    assert.equal(calls.filter((c) => c.startsWith('invalid-in')).length, 3);
  });

  it('refuses to post a message that breaks the protocol', () => {
    const { wv, ch, calls } = setup();
    wv.send({ type: 'ready' });
    const bad = {
      type: 'load',
      runId: 'r',
      lang: 'en',
      mode: 'panel',
      events: [{ kind: 'nope' }],
      live: false,
    } as never;
    assert.equal(ch.post(bad), false);
    assert.equal(wv.posted.length, 0);
    assert.ok(calls.some((c) => c.startsWith('invalid-out')));
  });

  it('acts only on the run its view shows: an action naming another run is refused', () => {
    const { wv, calls } = setup('r1');
    wv.send({ type: 'action', action: 'stop', runId: 'r2' });
    wv.send({ type: 'action', action: 'rerun', runId: 'r2' });
    assert.deepEqual(
      calls.filter((c) => c.startsWith('action')),
      [],
      'no action reaches the host for a run this view does not show',
    );
    assert.equal(calls.filter((c) => c.startsWith('invalid-in')).length, 2);
    wv.send({ type: 'action', action: 'stop' });
    wv.send({ type: 'action', action: 'stop', runId: 'r1' });
    assert.deepEqual(
      calls.filter((c) => c.startsWith('action')),
      ['action:stop:r1', 'action:stop:r1'],
      'an action naming no run, or its own, acts on the run shown',
    );
  });

  it('reveals a call site of the run shown only, named by a site id', () => {
    const { wv, calls } = setup('r1');
    wv.send({ type: 'revealSite', runId: 'r1', site: 3 });
    wv.send({ type: 'revealSite', site: 4 });
    wv.send({ type: 'revealSite', runId: 'r2', site: 5 });
    wv.send({ type: 'revealSite', runId: 'r1', site: -1 });
    wv.send({ type: 'revealSite', runId: 'r1', file: '/etc/passwd', site: 1 });
    assert.deepEqual(
      calls.filter((c) => c.startsWith('site')),
      ['site:3', 'site:4'],
    );
    assert.equal(calls.filter((c) => c.startsWith('invalid-in')).length, 3);
  });

  it('passes step answers and forks on for the run shown only; malformed ones are refused', () => {
    const { wv, calls } = setup('r1');
    wv.send({ type: 'step', step: 3, pick: 'proc', proc: 2 });
    wv.send({ type: 'step', runId: 'r1', step: 4, pick: 'undo' });
    wv.send({ type: 'fork', step: 7 });
    wv.send({ type: 'step', runId: 'r2', step: 3, pick: 'default' });
    wv.send({ type: 'fork', runId: 'r2', step: 1 });
    wv.send({ type: 'step', step: 3, pick: 'proc' });
    wv.send({ type: 'step', step: 3, pick: 'default', proc: 1 });
    wv.send({ type: 'step', step: -1, pick: 'default' });
    wv.send({ type: 'step', step: 3, pick: 'everyone' });
    assert.deepEqual(
      calls.filter((c) => /^(step|fork)/.test(c)),
      ['step:3:proc:2:r1', 'step:4:undo:undefined:r1', 'fork:7:r1'],
    );
    assert.equal(calls.filter((c) => c.startsWith('invalid-in')).length, 6);
  });

  it('bounds webview log messages in size and in number', () => {
    const { wv, logs } = setup();
    wv.send({ type: 'log', level: 'error', message: 'x'.repeat(1_000_000) });
    assert.equal(logs.length, 1);
    assert.ok(logs[0].length < MAX_LOG_CHARS + 100, `a log line of ${logs[0].length} characters`);
    assert.match(logs[0], /998000 more characters cut/);
    for (let i = 0; i < MAX_LOGS * 3; i++)
      wv.send({ type: 'log', level: 'info', message: `m${i}` });
    assert.equal(logs.length, MAX_LOGS + 1, 'the bound, then one notice');
    assert.match(logs.at(-1)!, /the rest are dropped/);
  });
});
