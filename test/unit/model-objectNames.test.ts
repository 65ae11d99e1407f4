// The names the runner gives unnamed objects (src/model/objectNames.ts): written from one
// definition, said in Chinese by a Chinese view (锁 1, 队列 2), untouched in English; a lab's
// own names stay as given, in Chinese too. A text names an object in each language when it is
// written; a view shows it as written.
import { strict as assert } from 'node:assert';
import {
  isDefaultObjectName,
  kindAndName,
  objectLabel,
  objectNameIn,
} from '../../src/model/objectNames';
import { textIn } from '../../src/model/localizedText';
import { diagnose } from '../../src/model/diagnose';
import { statsLines } from '../../src/cli/statsTable';
import { LogBuilder } from '../support/logBuilder';
import { ObjectTable } from '../../src/runner/objectTable';

describe('default object names', () => {
  it('the runner names unnamed objects from the one definition, a lab-named one as given', () => {
    const table = new ObjectTable<{ obj: number }>();
    const made = (kind: Parameters<typeof table.identify>[0], given?: string) => {
      const id = table.identify(kind, given);
      table.add(`ref${id.obj}`, { obj: id.obj });
      return id.name;
    };
    const names = [
      made('Lock'),
      made('Queue'),
      made('Lock', 'mutex'),
      made('Lock'),
      made('JoinableQueue'),
      made('BoundedSemaphore'),
    ];
    assert.deepEqual(names, [
      'Lock 1',
      'Queue 1',
      'mutex',
      'Lock 2',
      'JoinableQueue 1',
      'BoundedSemaphore 1',
    ]);
    assert.deepEqual(
      names.map((n) => isDefaultObjectName(n)),
      [true, true, false, true, true, true],
    );
    assert.deepEqual(
      names.map((n) => objectNameIn(n, 'zh-CN')),
      ['锁 1', '队列 1', 'mutex', '锁 2', '可等待队列 1', '有界信号量 1'],
    );
  });

  it('says every kind in Chinese, and nothing in English', () => {
    const kinds = {
      Lock: '锁',
      RLock: '可重入锁',
      Queue: '队列',
      JoinableQueue: '可等待队列',
      SimpleQueue: '简单队列',
      Semaphore: '信号量',
      BoundedSemaphore: '有界信号量',
      Event: '事件',
      Condition: '条件变量',
      Barrier: '屏障',
      Value: '共享值',
      Array: '共享数组',
      Pipe: '管道',
      Pool: '进程池',
    };
    for (const [kind, word] of Object.entries(kinds)) {
      assert.equal(objectNameIn(`${kind} 12`, 'zh-CN'), `${word} 12`);
      assert.equal(objectNameIn(`${kind} 12`, 'en'), `${kind} 12`);
    }
  });

  it('keeps a name the lab gave, even one that looks like a default name', () => {
    for (const own of ['mutex', 'Lock A', 'my Lock 1', 'Lock 1 (lock)', 'lock 1', 'Lock 0', 'Lock'])
      assert.equal(objectNameIn(own, 'zh-CN'), own);
  });

  it('gives a text the name in each language, the kind said once', () => {
    assert.deepEqual(objectLabel('Lock 1'), { en: 'Lock 1', 'zh-CN': '锁 1' });
    assert.deepEqual(objectLabel('mutex'), { en: 'mutex', 'zh-CN': 'mutex' });
    assert.deepEqual(kindAndName('Lock', 'Lock 1'), { en: 'Lock 1', 'zh-CN': '锁 1' });
    assert.deepEqual(kindAndName('Lock', 'mutex'), { en: 'Lock mutex', 'zh-CN': '锁 mutex' });
    assert.deepEqual(kindAndName('Lock', 'Lock A'), { en: 'Lock A', 'zh-CN': '锁 Lock A' });
    assert.deepEqual(kindAndName('JoinableQueue', 'JoinableQueue 2'), {
      en: 'JoinableQueue 2',
      'zh-CN': '可等待队列 2',
    });
  });

  it('spaces a kind and a Chinese name alike in the findings and the statistics: 锁账户 A, 锁 mutex', () => {
    assert.deepEqual(kindAndName('Lock', '账户 A'), { en: 'Lock 账户 A', 'zh-CN': '锁账户 A' });
    const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'A').spawn(2, 'B');
    const acct = b.createLock('账户 A');
    const mutex = b.createLock('mutex');
    const orders = b.createQueue('订单');
    for (const L of [acct, mutex]) b.request(1, L).acquire(1, L).request(2, L);
    b.after(100);
    for (const L of [acct, mutex]) b.release(1, L).acquire(2, L).release(2, L);
    b.put(1, orders, 1).get(2, orders);
    b.add(0, 'barrier.create', { obj: 9, name: '各持一把锁', parties: 2 });
    b.add(1, 'barrier.arrive', { obj: 9, gen: 0, index: 0 });
    b.add(2, 'barrier.arrive', { obj: 9, gen: 0, index: 1 }).add(2, 'barrier.pass', {
      obj: 9,
      gen: 0,
    });
    const events = b.exit(1).exit(2).exit(0).end().build();
    const finding = diagnose(events).find((f) => f.code === 'lock-contention')!.message['zh-CN'];
    assert.match(finding, /^锁账户 A：.*。锁 mutex：/);
    const stats = statsLines(events, 'zh-CN', 1).join('\n');
    assert.match(stats, /^ {2}锁账户 A：/m);
    assert.match(stats, /^ {2}锁 mutex：/m);
    assert.match(stats, /^ {2}队列订单：/m);
    assert.match(stats, /^ {2}屏障各持一把锁：/m);
    assert.doesNotMatch(stats, /[锁列障] [\u4e00-\u9fff]/);
  });

  it("shows a text as written: a lab's own words that read Lock 1 are not rewritten", () => {
    const own = { en: 'Lock 1 of the recipe: 3 cooks', 'zh-CN': '菜谱里的 Lock 1：3 位厨师' };
    assert.equal(textIn(own, 'zh-CN'), own['zh-CN']);
    assert.equal(textIn(own, 'en'), own.en);
    // A text without Chinese falls back to English.
    assert.equal(textIn({ en: 'Lock 1 is free', 'zh-CN': '' }, 'zh-CN'), 'Lock 1 is free');
  });
});
