/**
 * Every built-in lab says its outcome in words: the banner of a real run (timeline and CLI) is the
 * lab's own sentence in both languages, never the outcome's JSON.
 */
import { strict as assert } from 'node:assert';
import { BUILTIN_LABS } from '../../src/labs/analysis/catalog';
import { summarizeOutcome } from '../../src/model/outcomeSummary';
import type { EventOf } from '../../src/protocol/events';
import { runEnd } from '../support/events';
import { runLab } from '../support/runLab';

/** JSON text: starts like an object, an array or a string, or has a `"key":` in it. */
function looksLikeJson(text: string): boolean {
  return /^\s*[[{"]/.test(text) || /"[^"]*"\s*:/.test(text);
}

describe('outcome words of every built-in lab', function () {
  this.timeout(600_000);

  it('looksLikeJson tells JSON from words', () => {
    assert.ok(looksLikeJson('{"connections":3,"queries":16}'));
    assert.ok(looksLikeJson('[1,2]'));
    assert.ok(!looksLikeJson('16 queries over 3 connections; at most 3 at once, 13 waited'));
  });

  for (const lab of BUILTIN_LABS) {
    it(`${lab.id}: the banner of a run is the lab's sentence in English and Chinese`, async () => {
      const { events } = await runLab(lab.id, { seed: 1, schedule: 'random', timeoutSec: 120 });
      const end = runEnd(events) as EventOf<'run.end'>;
      assert.ok(end.outcome !== undefined, 'the run has an outcome');
      assert.deepEqual(end.summary, lab.describe(end.outcome), 'run.end carries the lab words');
      const banner = summarizeOutcome(events)!;
      for (const lang of ['en', 'zh-CN'] as const) {
        const text = banner.text[lang];
        assert.ok(!looksLikeJson(text), `${lang}: ${text}`);
        assert.ok(text.includes(end.summary![lang]), `${lang}: ${text}`);
      }
      assert.match(end.summary!['zh-CN'], /[\u4e00-\u9fff]/, 'the Chinese words are Chinese');
      assert.notEqual(end.summary!.en, end.summary!['zh-CN']);
    });
  }
});
