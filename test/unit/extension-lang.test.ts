import * as assert from 'node:assert/strict';
import { pick, uiLangFor } from '../../src/extension/lang';
import { fallbackOutcome } from '../../src/extension/outcome';
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
});
