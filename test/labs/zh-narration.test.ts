/**
 * Names in the Chinese narration and findings of real runs: no stray spaces around a Chinese
 * name ("随后 进程2 写入" was written), no ASCII colon after a Chinese word, and Python's
 * processes called 进程N and 主进程 (the Python labs take the JavaScript labs' narration, and
 * Python names its processes in English). The English side keeps every name as it ran.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { LabEvent } from '../../src/protocol/events';
import { DIST } from '../support/build';
import { ofKind, runEnd } from '../support/events';
import { PYTHON } from '../support/python';
import { runLab } from '../support/runLab';

/** A space beside a Chinese name, an ASCII colon after Chinese, or an English process name. */
const STRAY = [
  /[\u4e00-\u9fff，。；：（] +(?:进程|主进程)/,
  /(?:进程\d+|主进程) +[\u4e00-\u9fff，。；：）]/,
  /[\u4e00-\u9fff] ?:/,
  /Process-\d|MainProcess/,
];

/** The Chinese texts of a run a learner reads: its narration and its findings. */
function chineseTexts(events: readonly LabEvent[]): string[] {
  const end = runEnd(events);
  return [
    end.narration?.['zh-CN'] ?? '',
    ...ofKind(events, 'diag').map((d) => d.message['zh-CN']),
  ].filter(Boolean);
}

function assertTidy(texts: readonly string[], label: string): void {
  for (const text of texts)
    for (const bad of STRAY) assert.doesNotMatch(text, bad, `${label}: ${text}`);
}

describe('names in Chinese narration', function () {
  this.timeout(600_000);

  it('ticket-race in Chinese: 进程N and 主进程 without spaces around them', async () => {
    let oversold = 0;
    for (const seed of [1, 2, 3]) {
      const { events } = await runLab('ticket-race', { seed, speed: 20, lang: 'zh-CN' });
      const zh = chineseTexts(events);
      assertTidy(zh, `seed ${seed}`);
      const narration = runEnd(events).narration!['zh-CN'];
      if ((runEnd(events).outcome as { sold: number }).sold >= 2) {
        oversold++;
        // The story names its buyers: "进程3读到 ticket_num = 1 后开始买票".
        assert.match(narration, /进程\d读到 ticket_num = 1 后开始买票/, narration);
        assert.ok(
          zh.some((t) => /^进程\d读到 .*，随后进程\d写入了 /.test(t)),
          zh.join('\n'),
        );
      }
    }
    assert.ok(oversold >= 1, 'an oversold run was told');
  });

  it("a Condition's own lock is named in Chinese too: 物品（锁）, not 物品 (lock)", async () => {
    for (const [lang, name] of [
      ['zh-CN', '物品（锁）'],
      ['en', 'items (lock)'],
    ] as const) {
      const { events } = await runLab('bounded-buffer-condition', {
        seed: 1,
        schedule: 'random',
        lang,
      });
      const cond = ofKind(events, 'cond.create')[0];
      const lock = ofKind(events, 'lock.create').find((e) => e.obj === cond.lock)!;
      assert.equal(lock.name, name, lang);
    }
  });

  it('python-ticket-race and python-ticket-lock: Python names in Chinese, English in English', async function () {
    if (!PYTHON) this.skip();
    const race = await runLab('python-ticket-race', { seed: 1, speed: 20, lang: 'zh-CN' });
    assertTidy(chineseTexts(race.events), 'python-ticket-race');
    assert.match(runEnd(race.events).narration!['zh-CN'], /进程\d+/);
    const lock = await runLab('python-ticket-lock', { seed: 2, speed: 20, lang: 'zh-CN' });
    assertTidy(chineseTexts(lock.events), 'python-ticket-lock');
    const end = runEnd(lock.events);
    assert.match(end.narration!['zh-CN'], /^1 张票，卖出 1 张。进程\d+最先抢到锁，读到 /);
    assert.match(end.narration!.en, /^One ticket, one sale\. Process-\d+ got the lock first/);
  });

  it('the CLI prints the Chinese narration of a Python lab with Chinese names', function () {
    if (!PYTHON) this.skip();
    const out = execFileSync(
      process.execPath,
      [
        join(DIST, 'cli.js'),
        'run',
        'python-ticket-lock',
        '--lang',
        'zh-CN',
        '--seed',
        '2',
        '--speed',
        '20',
        '--no-live',
      ],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000 },
    );
    assert.match(out, /进程\d+最先抢到锁/, out);
    assert.doesNotMatch(out, /进程\d+ 最先/, out);
  });
});
