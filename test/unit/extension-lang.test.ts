import * as assert from 'node:assert/strict';
import { pick, uiLangFor } from '../../src/extension/lang';
import { fallbackOutcome, outcomeLine } from '../../src/extension/outcomeLine';
import type { LabEvent } from '../../src/protocol/events';

describe('extension language', () => {
  it("maps VS Code's display language to the run language", () => {
    assert.equal(uiLangFor('zh-cn'), 'zh-CN');
    assert.equal(uiLangFor('zh-CN'), 'zh-CN');
    assert.equal(uiLangFor('zh-hans'), 'zh-CN');
    assert.equal(uiLangFor('zh-tw'), 'en');
    assert.equal(uiLangFor('en'), 'en');
    assert.equal(uiLangFor('de'), 'en');
    assert.equal(uiLangFor(undefined), 'en');
  });

  it('picks localized text with an English fallback', () => {
    assert.equal(pick({ en: 'one', 'zh-CN': '一' }, 'zh-CN'), '一');
    assert.equal(pick({ en: 'one', 'zh-CN': '' }, 'zh-CN'), 'one');
  });

  it('describes a run end without the model', () => {
    const end: LabEvent = { v: 1, seq: 5, t: 9, proc: -1, kind: 'run.end', status: 'stopped' };
    assert.equal(fallbackOutcome([end], 'en'), 'stopped');
    assert.equal(fallbackOutcome([], 'en'), '');
  });

  it('words the outcome with the shared model, in the display language', async () => {
    const end: LabEvent = {
      v: 1,
      seq: 0,
      t: 9,
      proc: -1,
      kind: 'run.end',
      status: 'ok',
      outcome: { tickets: 1, sold: 1 },
    };
    assert.match(await outcomeLine([end], 'en'), /\b1 sold\b/);
    assert.match(await outcomeLine([end], 'zh-CN'), /卖出 1 张/);
  });
});
