// The names the runner gives unnamed objects (src/model/objectNames.ts): written from one
// definition, said in Chinese by a Chinese view (锁 1, 队列 2), untouched in English; a lab's
// own names stay as given, in Chinese too.
import { strict as assert } from 'node:assert';
import {
  chineseObjectNames,
  isDefaultObjectName,
  objectNameIn,
  textIn,
} from '../../src/model/objectNames';
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

  it('says the default names inside a Chinese text, as whole words, tidied', () => {
    const hang = {
      en: 'Process-1 holds Lock 1 and waits for Lock 2, held by Process-2',
      'zh-CN': '进程1拿着 Lock 1，在等 Lock 2，而它被进程2拿着',
    };
    assert.equal(textIn(hang, 'en'), hang.en);
    assert.equal(textIn(hang, 'zh-CN'), '进程1拿着锁 1，在等锁 2，而它被进程2拿着');
    assert.equal(
      chineseObjectNames('RLock 3、JoinableQueue 1 与 MyLock 2、Lock 1a、Queue-2'),
      '可重入锁 3、可等待队列 1 与 MyLock 2、Lock 1a、Queue-2',
    );
    // A text that says the kind and then the name says the kind once.
    assert.equal(
      textIn(
        { en: 'Lock 1: 2 processes had to wait', 'zh-CN': '锁 Lock 1：2 个进程需要等待' },
        'zh-CN',
      ),
      '锁 1：2 个进程需要等待',
    );
    assert.equal(chineseObjectNames('可重入锁 RLock 2 与 队列 Lock 1'), '可重入锁 2 与 队列 锁 1');
    // A text without Chinese falls back to English, names and all.
    assert.equal(textIn({ en: 'Lock 1 is free', 'zh-CN': '' }, 'zh-CN'), 'Lock 1 is free');
  });
});
