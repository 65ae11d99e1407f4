import { strict as assert } from 'node:assert';
import { diagnose, MAX_FINDINGS_PER_CODE } from '../../src/model/diagnose';
import { findingTitle, isInformation } from '../../src/model/findingWords';
import { checkEvent } from '../../src/protocol/validateEvent';
import { LogBuilder, renumber } from '../support/logBuilder';
import { contendedLockLog, lostUpdateLog } from '../support/modelLogs';

function ticketFile(b: LogBuilder, names: string[]) {
  b.start('ticket-race').spawn(0, 'MainProcess');
  const F = b.createFile('data.json', { ticket_num: 1 });
  names.forEach((n, i) => b.spawn(i + 1, n));
  return F;
}

describe('model/diagnose', () => {
  it('finds the lost update, naming both processes and the values', () => {
    const { events, F, p3Write } = lostUpdateLog();
    const f = diagnose(events);
    assert.deepEqual(f, [
      {
        code: 'lost-update',
        message: {
          en: "进程3 read ticket_num = 1, then 进程1 wrote ticket_num = 0; 进程3's write of ticket_num = 0 overwrote it — one update was lost.",
          'zh-CN':
            '进程3读到 ticket_num = 1，随后进程1写入了 ticket_num = 0；进程3写入的 ticket_num = 0 覆盖了它——丢失了一次更新。',
        },
        procs: [3, 1],
        objs: [F],
        at: p3Write,
      },
    ]);
    // Each finding must be emittable as a diag event.
    for (const x of f)
      assert.ok(checkEvent({ v: 1, seq: 0, t: 0, proc: -1, kind: 'diag', ...x }).ok);
  });

  it('finds nothing when every write follows a fresh read (the locked version)', () => {
    const b = new LogBuilder();
    const F = ticketFile(b, ['Process 1', 'Process 2']);
    b.at(10).read(1, F).at(20).read(1, F).at(30).write(1, F, { ticket_num: 0 });
    b.at(40).read(2, F).at(50).read(2, F);
    b.at(60).write(2, F, { ticket_num: 0 }); // a blind rewrite after a fresh read overwrites nothing stale
    assert.deepEqual(diagnose(b.build()), []);
  });

  it('counts every write by others since the stale read, and names the one overwritten', () => {
    const b = new LogBuilder();
    const F = ticketFile(b, ['A', 'B', 'C']);
    b.at(10).read(1, F).read(2, F).read(3, F);
    b.at(20)
      .write(1, F, { ticket_num: 0 })
      .at(30)
      .write(2, F, { ticket_num: 0 })
      .at(40)
      .write(3, F, { ticket_num: 0 });
    const f = diagnose(b.build());
    assert.deepEqual(
      f.map((x) => x.procs),
      [
        [2, 1],
        [3, 2],
      ],
    );
    assert.equal(
      f[1].message.en,
      "C read ticket_num = 1, then B wrote ticket_num = 0; C's write of ticket_num = 0 overwrote it and 1 earlier write by others since its read — 2 updates were lost.",
    );
    assert.match(f[1].message['zh-CN'], /另外 1 次写入——丢失了 2 次更新。$/);
  });

  it('flags a second write computed from an old read, and describes non-object values', () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'A').spawn(2, 'B');
    const F = b.createFile('counter.json', 5);
    b.at(1).read(1, F).at(2).write(1, F, 6).at(3).write(2, F, 100).at(4).write(1, F, 7);
    const f = diagnose(b.build());
    assert.equal(f.length, 1);
    assert.equal(
      f[0].message.en,
      "A read counter.json = 5, then B wrote counter.json = 100; A's write of counter.json = 7 overwrote it — one update was lost.",
    );
  });

  it('explains a torn read with the reader, the writer and what was seen', () => {
    const b = new LogBuilder();
    const F = ticketFile(b, ['进程0', '进程5']);
    b.at(10).read(2, F).at(20).tornRead(1, F, '').at(25).write(2, F, { ticket_num: 0 });
    b.at(30).tornRead(1, F, '{"ticket', 'Unterminated string in JSON at position 8');
    const f = diagnose(b.build());
    assert.deepEqual(
      f.map((x) => [x.code, x.procs, x.at]),
      [
        ['torn-read', [1, 2], 6],
        ['torn-read', [1], 8],
      ],
    );
    assert.equal(
      f[0].message.en,
      '进程0 read data.json while 进程5 was in the middle of writing it (a write empties the file first), saw an empty file and failed: Unexpected end of JSON input',
    );
    assert.equal(
      f[0].message['zh-CN'],
      '进程0读取 data.json 时，进程5正写到一半（写入会先清空文件），读到的是一个空文件，读取失败：Unexpected end of JSON input',
    );
    assert.equal(
      f[1].message.en,
      '进程0 read data.json while it was being written (a write empties the file first), saw "{\\"ticket" and failed: Unterminated string in JSON at position 8',
    );
  });

  it('summarizes lock contention in one finding', () => {
    const { events, L } = contendedLockLog();
    const f = diagnose(events);
    assert.deepEqual(
      f.map((x) => [x.code, x.procs, x.objs]),
      [['lock-contention', [2, 3], [L]]],
    );
    assert.equal(
      f[0].message.en,
      "Lock mutex: 2 processes had to wait (3 acquisitions, 2 of them after a wait); the longest wait was 进程3's 2.98 ms, while 进程1 and 进程2 held it.",
    );
    assert.equal(
      f[0].message['zh-CN'],
      '锁 mutex：2 个进程需要等待（共获取 3 次，其中 2 次是等来的）；最长的一次是进程3等了 2.98 ms，期间锁由进程1和进程2持有。',
    );
    assert.equal(events[f[0].at!].kind, 'lock.acquire');
    assert.equal(events[f[0].at!].proc, 3);
  });

  it('tells lock waits in lab time, scaled by the run speed', () => {
    const b = new LogBuilder()
      .start('fast', 1, 20)
      .spawn(0, 'MainProcess')
      .spawn(1, 'A')
      .spawn(2, 'B');
    const L = b.createLock('Lock 1');
    b.request(1, L)
      .acquire(1, L)
      .at(10)
      .request(2, L)
      .at(75_010)
      .release(1, L)
      .acquire(2, L)
      .release(2, L);
    const [f] = diagnose(b.build());
    assert.equal(
      f.message.en,
      "Lock 1: 1 process had to wait (2 acquisitions, 1 of them after a wait); the longest wait was B's 1.5 s, while A held it.",
    );
    // The runner's name for the lock is said in Chinese where the Chinese text is written.
    assert.equal(
      f.message['zh-CN'],
      '锁 1：1 个进程需要等待（共获取 2 次，其中 1 次是等来的）；最长的一次是B等了 1.5 s，期间锁由A持有。',
    );
  });

  it('says of a deadlock that the waits never got their lock, not only "none after a wait"', () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'A').spawn(2, 'B');
    const X = b.createLock('X');
    const Y = b.createLock('Y');
    b.request(1, X).acquire(1, X).request(2, Y).acquire(2, Y);
    b.after(1000).request(1, Y).request(2, X);
    b.after(1_000_000).exit(1, null, 'killed').exit(2, null, 'killed');
    const [f] = diagnose(b.build()).filter((x) => x.code === 'lock-contention');
    assert.match(
      f.message.en,
      /^Lock X: 1 process had to wait \(1 acquisition, none of them after a wait, 1 never got it\); the longest wait was B's 1 s, while A held it\. Lock Y: .*1 never got it\)/,
    );
    assert.match(f.message['zh-CN'], /其中 0 次是等来的，1 次始终没有等到）/);
  });

  it('in a controlled run (virtual time) leaves out the length of a wait the run ended on: no "0 µs"', () => {
    for (const schedule of ['step', 'fifo', 'explore', 'replay'] as const) {
      const b = new LogBuilder()
        .add(-1, 'run.start', {
          lab: 'dl',
          title: { en: 'dl', 'zh-CN': 'dl' },
          seed: 1,
          speed: 1,
          schedule,
        })
        .spawn(0, 'MainProcess')
        .spawn(1, 'A')
        .spawn(2, 'B');
      const X = b.createLock('X');
      const Y = b.createLock('Y');
      b.request(1, X).acquire(1, X).request(2, Y).acquire(2, Y);
      b.after(1000).request(1, Y).request(2, X);
      b.exit(1, null, 'killed').exit(2, null, 'killed');
      const [f] = diagnose(b.build()).filter((x) => x.code === 'lock-contention');
      assert.equal(
        f.message.en,
        'Lock X: 1 process had to wait (1 acquisition, none of them after a wait, 1 never got it); ' +
          'B was still waiting for it when the run ended, while A held it. ' +
          'Lock Y: 1 process had to wait (1 acquisition, none of them after a wait, 1 never got it); ' +
          'A was still waiting for it when the run ended, while B held it.',
        schedule,
      );
      assert.equal(
        f.message['zh-CN'],
        '锁 X：1 个进程需要等待（共获取 1 次，其中 0 次是等来的，1 次始终没有等到）；运行结束时B仍在等它，期间锁由A持有。' +
          '锁 Y：1 个进程需要等待（共获取 1 次，其中 0 次是等来的，1 次始终没有等到）；运行结束时A仍在等它，期间锁由B持有。',
        schedule,
      );
      assert.doesNotMatch(f.message.en + f.message['zh-CN'], /µs|ms|\d s\b/);
    }
    // Waits that ended took their holders' steps (and sleeps): their length is told.
    const b = new LogBuilder()
      .add(-1, 'run.start', {
        lab: 'm',
        title: { en: 'm', 'zh-CN': 'm' },
        seed: 1,
        speed: 1,
        schedule: 'step',
      })
      .spawn(0, 'MainProcess')
      .spawn(1, 'A')
      .spawn(2, 'B')
      .spawn(3, 'C');
    const M = b.createLock('M');
    b.request(1, M).acquire(1, M).request(2, M).request(3, M);
    b.after(1000).release(1, M).acquire(2, M).after(1000).release(2, M).acquire(3, M);
    const [f] = diagnose(b.release(3, M).build());
    assert.equal(
      f.message.en,
      "Lock M: 2 processes had to wait (3 acquisitions, 2 of them after a wait); the longest wait was C's 2 ms, while A and B held it.",
    );
    assert.equal(
      f.message['zh-CN'],
      '锁 M：2 个进程需要等待（共获取 3 次，其中 2 次是等来的）；最长的一次是C等了 2 ms，期间锁由A和B持有。',
    );
  });

  it('reports a JoinableQueue left with unfinished tasks, and not one that was drained', () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'worker', { daemon: true });
    const jq = b.createQueue('jobs', 0, true);
    const ok = b.createQueue('done', 0, true);
    b.put(0, jq, 1)
      .put(0, jq, 2)
      .put(0, jq, 3)
      .get(1, jq)
      .taskDone(1, jq)
      .get(1, jq)
      .queueJoinWait(0, jq);
    b.put(0, ok, 'x').get(1, ok).taskDone(1, ok);
    const f = diagnose(b.build());
    assert.deepEqual(
      f.map((x) => [x.code, x.objs, x.procs]),
      [['unfinished-tasks', [jq], [0, 1]]],
    );
    assert.equal(
      f[0].message.en,
      'JoinableQueue jobs ended with 2 unfinished tasks: 2 items put into it never got a taskDone() call, so a join() on it would still be waiting. MainProcess was still waiting in join().',
    );
    assert.equal(
      f[0].message['zh-CN'],
      '可等待队列 jobs 结束时还有 2 个未完成的任务：放进去的元素中有 2 个没有等到 taskDone()，所以对它的 join() 还会一直等下去。主进程仍在 join() 中等待。',
    );
  });

  it('caps a flood of lost updates with one summary finding', () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'A').spawn(2, 'B');
    const F = b.createFile('n.json', 0);
    for (let i = 0; i < 30; i++) b.after(1).read(1, F).read(2, F).write(1, F, i).write(2, F, i);
    const f = diagnose(b.build());
    assert.equal(f.length, MAX_FINDINGS_PER_CODE + 1);
    assert.ok(f.every((x) => x.code === 'lost-update'));
    assert.equal(
      f[MAX_FINDINGS_PER_CODE].message.en,
      '…and 10 more lost updates like these (30 in all).',
    );
    assert.deepEqual(f[MAX_FINDINGS_PER_CODE].procs, [1, 2]);
  });

  it('copes with an empty log, a log cut mid-run and unknown processes', () => {
    assert.deepEqual(diagnose([]), []);
    const { events } = lostUpdateLog();
    const cut = renumber(events.filter((e) => e.kind !== 'proc.spawn' && e.kind !== 'file.create'));
    const f = diagnose(cut);
    assert.equal(f.length, 1);
    assert.match(f[0].message.en, /^process #3 read ticket_num = 1, then process #1 wrote/);
  });

  it('names findings in words in both languages; waiting for a lock is information', () => {
    assert.deepEqual(findingTitle('lost-update'), { en: 'Lost update', 'zh-CN': '丢失更新' });
    assert.deepEqual(findingTitle('torn-read'), { en: 'Torn read', 'zh-CN': '读到残缺文件' });
    assert.equal(isInformation('lock-contention'), true);
    assert.equal(isInformation('lost-update'), false);
    assert.equal(findingTitle('some-new-code').en, 'some-new-code');
  });
});
