/**
 * The editor's words for a run at a line of lab code (src/extension/siteLines.ts), from a real
 * run's log: the after-line text, the hover's per-process table and the file's summary.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { siteStats, statsByLine } from '../../src/model/siteStats';
import {
  afterLineText,
  fileSummary,
  hoverMarkdown,
  processNames,
  type Translate,
} from '../../src/extension/siteLines';
import { fixture, runLab } from '../support/runLab';

/** vscode.l10n.t's English: the message with {0}, {1} … filled in. */
const t: Translate = (m, ...args) => m.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));

describe('the editor words for what a line did', function () {
  this.timeout(120_000);

  it('say calls, waits, holds and lost updates, and give each process a row', async () => {
    const lab = fixture('model-lost-update.lab.mjs');
    const { events } = await runLab(lab, { seed: 1, speed: 20 });
    const lines = statsByLine(siteStats(events)).get(lab)!;
    const lineOf = (text: string) =>
      readFileSync(lab, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(text)) + 1;
    const write = lines.get(lineOf('await db.write('))!;
    assert.equal(afterLineText(write, t), '2 calls · 1 lost update');
    const get = lines.get(lineOf('await go.get()'))!;
    assert.match(afterLineText(get, t), /^2 calls · waited \S+ \S+ \(longest \S+ \S+\)$/);
    const hover = hoverMarkdown(write, processNames(events), t);
    assert.match(hover, /^\*\*`write\(\)`\*\* — in the last run/);
    assert.match(hover, /\| Alice \| 1 \|/);
    assert.match(hover, /\| Bob \| 1 \|/);
    assert.match(hover, /⚠ 1 lost update\(s\) written here/);
    assert.match(
      fileSummary(lines.values(), t),
      /^Last run: \d+ calls on \d+ lines · waited .+ in all · 1 lost update$/,
    );
  });

  it('keep what a lab names from becoming Markdown in the hover', () => {
    const hover = hoverMarkdown(
      {
        file: '/x.lab.mjs',
        line: 1,
        call: 'print()',
        callNames: ['print()'],
        ids: [1],
        calls: 1,
        waits: 0,
        waitUs: 0,
        maxWaitUs: 0,
        holds: 0,
        holdUs: 0,
        maxHoldUs: 0,
        lostUpdates: 0,
        tornReads: 0,
        byProc: [
          {
            proc: 1,
            calls: 1,
            waits: 0,
            waitUs: 0,
            maxWaitUs: 0,
            holds: 0,
            holdUs: 0,
            maxHoldUs: 0,
          },
        ],
      },
      new Map([[1, '[x](command:evil) | *b*']]),
      t,
    );
    assert.ok(hover.includes('\\[x\\]\\(command:evil\\) \\| \\*b\\*'), hover);
  });
});
