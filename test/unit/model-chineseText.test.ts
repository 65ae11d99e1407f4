// Chinese text around names (src/model/chineseText.ts): no spaces beside a Chinese name such as
// 进程2, full-width colons after Chinese words, Python's process names in Chinese; Latin names,
// numbers and the English side untouched.
import { strict as assert } from 'node:assert';
import { chineseProcessName, tidyChinese, tidyLocalized } from '../../src/model/chineseText';
import { listZh } from '../../src/labs/analysis/kit/log';

describe('Chinese text around names', () => {
  it('takes out the spaces beside a Chinese name', () => {
    assert.equal(
      tidyChinese('进程1 读到 1，随后 进程2 写入了 0；进程1 写入的 0 覆盖了它'),
      '进程1读到 1，随后进程2写入了 0；进程1写入的 0 覆盖了它',
    );
    assert.equal(
      tidyChinese(`另有 ${listZh(['进程1', '进程2', '主进程'])} 在等`),
      '另有进程1、进程2和主进程在等',
    );
    assert.equal(tidyChinese('哲学家2 拿着 叉子2，在等 叉子3 。'), '哲学家2拿着叉子2，在等叉子3。');
  });

  it('keeps the spaces beside Latin names and numbers', () => {
    for (const kept of [
      '只有 1 张票，却卖出了 3 张。',
      'Alice 读到 ticket_num = 1，随后 Bob 写入了 0',
      `另有 ${listZh(['Alice', 'Bob'])} 在等`,
      '它等了 2.5 s（见实验 python-ticket-lock）。',
      '第 12 步：Worker A 抢在 Worker B 之前运行',
    ])
      assert.equal(tidyChinese(kept), kept);
  });

  it('writes full-width colons after Chinese words only', () => {
    assert.equal(tidyChinese('播放头: 2.0 s'), '播放头：2.0 s');
    assert.equal(tidyChinese('进程2: 睡眠'), '进程2：睡眠');
    assert.equal(tidyChinese('值 = {"a":1}，时间 12:30'), '值 = {"a":1}，时间 12:30');
    assert.equal(tidyChinese('with lock: 一步'), 'with lock: 一步');
  });

  it("names Python's processes in Chinese, whole names only", () => {
    assert.equal(chineseProcessName('MainProcess'), '主进程');
    assert.equal(chineseProcessName('Process-3'), '进程3');
    assert.equal(chineseProcessName('Process 3'), 'Process 3');
    assert.equal(chineseProcessName('SpawnPoolWorker-1'), 'SpawnPoolWorker-1');
    assert.equal(
      tidyChinese('Process-3 读到 1，随后 MainProcess 等待 Process-10；MyProcess-2 不变'),
      '进程3读到 1，随后主进程等待进程10；MyProcess-2 不变',
    );
  });

  it('leaves the English side as it was', () => {
    const text = { en: 'Process-2: read 1', 'zh-CN': 'Process-2 读到 1' };
    assert.deepEqual(tidyLocalized(text), { en: 'Process-2: read 1', 'zh-CN': '进程2读到 1' });
  });
});
