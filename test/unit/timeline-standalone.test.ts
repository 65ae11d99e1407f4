/** The standalone page: CSP hashes that match, a data block that cannot break out. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { LabEvent } from '../../src/protocol/events';
import { renderStandaloneHtml, sha256Base64 } from '../../src/model/standaloneHtml';

const nodeHash = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');

describe('timeline standalone HTML', () => {
  it('SHA-256 matches node:crypto', () => {
    for (const s of [
      '',
      'abc',
      'a'.repeat(55),
      'b'.repeat(56),
      'c'.repeat(64),
      '进程 ' + 'x'.repeat(1000),
    ])
      assert.equal(sha256Base64(s), nodeHash(s));
  });

  it('inline script and style are allowed by hash only; the log cannot close its block', () => {
    const events = [
      { v: 1, seq: 0, t: 0, proc: 0, kind: 'log', text: '</script><script>alert(1)</script>' },
    ] as LabEvent[];
    const html = renderStandaloneHtml({
      script: 'console.log("</script>")',
      css: 'body{}',
      events,
      lang: 'en',
      title: '<b>t</b>',
    });
    const csp = /content="([^"]+)"/.exec(html)![1];
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    assert.match(csp, /default-src 'none'/);
    const script = /<script>([\s\S]*?)<\/script>\n<\/body>/.exec(html)![1];
    assert.ok(csp.includes(`'sha256-${nodeHash(script)}'`));
    const data = /<script type="application\/json" id="tl-data">([\s\S]*?)<\/script>/.exec(
      html,
    )![1];
    assert.ok(!data.includes('<'));
    assert.equal(JSON.parse(data).events[0].text, '</script><script>alert(1)</script>');
    assert.ok(html.includes('<title>&#60;b&#62;t&#60;/b&#62;</title>'));
    assert.equal((html.match(/<script/g) ?? []).length, 2);
  });
});
