/** The standalone page: CSP hashes that match, a data block that cannot break out, and the fast checker. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { LabEvent } from '../../src/protocol/events';
import { checkEvent } from '../../src/protocol/validateEvent';
import { checkToWebview } from '../../src/protocol/webview';
import { renderStandaloneHtml, sha256Base64 } from '../../src/model/standaloneHtml';
import { checkToWebviewFast, fastCheckEvent } from '../../src/model/timelineCheck';

const nodeHash = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');

describe('timeline standalone HTML', () => {
  it('SHA-256 matches node:crypto', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'b'.repeat(56), 'c'.repeat(64), '进程 ' + 'x'.repeat(1000)]) assert.equal(sha256Base64(s), nodeHash(s));
  });

  it('inline script and style are allowed by hash only; the log cannot close its block', () => {
    const events = [{ v: 1, seq: 0, t: 0, proc: 0, kind: 'log', text: '</script><script>alert(1)</script>' }] as LabEvent[];
    const html = renderStandaloneHtml({ script: 'console.log("</script>")', css: 'body{}', events, lang: 'en', title: '<b>t</b>' });
    const csp = /content="([^"]+)"/.exec(html)![1];
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    assert.match(csp, /default-src 'none'/);
    const script = /<script>([\s\S]*?)<\/script>\n<\/body>/.exec(html)![1];
    assert.ok(csp.includes(`'sha256-${nodeHash(script)}'`));
    const data = /<script type="application\/json" id="tl-data">([\s\S]*?)<\/script>/.exec(html)![1];
    assert.ok(!data.includes('<'));
    assert.equal(JSON.parse(data).events[0].text, '</script><script>alert(1)</script>');
    assert.ok(html.includes('<title>&#60;b&#62;t&#60;/b&#62;</title>'));
    assert.equal((html.match(/<script/g) ?? []).length, 2);
  });

  it('the fast message check agrees with the protocol checker', () => {
    const good: unknown[] = [
      { v: 1, seq: 0, t: 0, proc: 0, kind: 'queue.put', obj: 1, item: 2, value: { a: [1, null] }, size: 1 },
      { v: 1, seq: 1, t: 5, proc: -1, kind: 'run.end', status: 'ok' },
      { v: 1, seq: 2, t: 5, proc: 1, kind: 'file.read', obj: 1, error: 'torn' },
    ];
    const bad: unknown[] = [
      { v: 2, seq: 0, t: 0, proc: 0, kind: 'log', text: 'x' },
      { v: 1, seq: -1, t: 0, proc: 0, kind: 'log', text: 'x' },
      { v: 1, seq: 0, t: 0, proc: 0, kind: 'log', text: 3 },
      { v: 1, seq: 0, t: 0, proc: 0, kind: 'log', text: 'x', extra: 1 },
      { v: 1, seq: 0, t: 0, proc: 0, kind: 'nope' },
      { v: 1, seq: 0, t: 0, proc: 0, kind: 'queue.put', obj: 1, item: 2, value: () => 1, size: 1 },
      { v: 1, seq: 0, t: 0.5, proc: 0, kind: 'sleep.end' },
      null, 'x', [],
    ];
    for (const e of good) { assert.equal(fastCheckEvent(e), true); assert.equal(checkEvent(e).ok, true); }
    for (const e of bad) { assert.equal(fastCheckEvent(e), false); assert.equal(checkEvent(e).ok, false); }
    // Rare shapes the fast path leaves to the reference checker: the verdict must still be the same.
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    const deferred: unknown[] = [
      { v: 1, seq: 0, t: 0, proc: 0, kind: 'file.write', obj: 1, value: [1, , 3] }, // eslint-disable-line no-sparse-arrays
      { v: 1, seq: 0, t: 0, proc: 0, kind: 'file.write', obj: 1, value: deep },
      { v: 1, seq: 0, t: 0, proc: 0, kind: 'file.read', obj: 1, value: undefined },
    ];
    const msg = (events: unknown[]) => ({ type: 'events', runId: 'r', events });
    for (const e of [...good, ...bad, ...deferred]) assert.deepEqual(checkToWebviewFast(msg([e])), checkToWebview(msg([e])));
    assert.deepEqual(checkToWebviewFast({ type: 'ended' }), checkToWebview({ type: 'ended' }));
  });
});
