import { strict as assert } from 'node:assert';
import { LiveTimeline, LogNames } from '../../src/cli/lanes';
import { displayWidth, makeStyle } from '../../src/cli/style';
import type { LabEvent } from '../../src/protocol/events';

type Body = { kind: string } & Record<string, unknown>;
const at = (seq: number, proc: number, body: Body): LabEvent =>
  ({ v: 1, seq, t: seq * 1000, proc, ...body }) as unknown as LabEvent;

/** A run with a main process and ten children named "Process 0" … "Process 9" (ids 1–10). */
function tenChildren(): LabEvent[] {
  const events: LabEvent[] = [
    at(0, 0, { kind: 'proc.spawn', name: 'MainProcess', parent: -1, daemon: false, pid: 100 }),
  ];
  for (let i = 0; i < 10; i++)
    events.push(
      at(1 + i, 1 + i, {
        kind: 'proc.spawn',
        name: `Process ${i}`,
        parent: 0,
        daemon: false,
        pid: 101 + i,
      }),
    );
  events.push(at(20, 10, { kind: 'sleep.begin', seconds: 1 }));
  return events;
}

function render(events: LabEvent[], lang: 'en' | 'zh-CN' = 'en'): string[] {
  const lines: string[] = [];
  const live = new LiveTimeline((l) => lines.push(l), makeStyle(false), lang, new LogNames(lang));
  for (const e of events) live.push(e);
  return lines;
}

describe('cli live lanes', () => {
  it('labels each lane with the number its process is named by', () => {
    const lines = render(tenChildren());
    const header = lines.filter((l) => l.includes('process') && l.includes('event')).at(-1)!;
    const row = lines.find((l) => l.includes('Process 9') && l.includes('sleep'))!;
    // The ● of Process 9's event sits under the header's 9, and the main process's lane under M.
    assert.equal(header[row.indexOf('●')], '9', `${header}\n${row}`);
    assert.equal(header.trimStart()[0], 'M', header);
    assert.match(header, /M 0 1 2 3 4 5 6 7 8 9 /);
  });
});

describe('cli live lines in Chinese', () => {
  it('label each lane with the first character of its Chinese name, over both its columns', () => {
    const names = ['MainProcess', '生产者', '消费者', 'Worker'];
    const lines = render(
      [
        ...names.map((name, proc) =>
          at(proc, proc, { kind: 'proc.spawn', name, parent: proc - 1, daemon: false, pid: proc }),
        ),
        at(9, 2, { kind: 'sleep.begin', seconds: 1 }),
      ],
      'zh-CN',
    );
    const header = lines.filter((l) => l.includes('进程') && l.includes('事件')).at(-1)!;
    assert.match(header, /主生消W /, header);
    // The ● of 消费者's event sits in the columns under 消 (each Chinese character is two wide).
    const row = lines.find((l) => l.includes('消费者') && l.includes('●'))!;
    assert.equal(
      displayWidth(row.slice(0, row.indexOf('●'))),
      displayWidth(header.slice(0, header.indexOf('消'))),
      `${header}\n${row}`,
    );
  });

  it('name the bound a run reached in Chinese, not by its protocol word', () => {
    const lines = render(
      [
        at(0, 0, { kind: 'proc.spawn', name: 'MainProcess', parent: -1, daemon: false, pid: 1 }),
        at(1, -1, { kind: 'run.limit', what: 'memory', message: '主进程使用了 519 MB 内存' }),
      ],
      'zh-CN',
    );
    const row = lines.find((l) => l.includes('达到上限'))!;
    assert.match(row, /达到上限（内存）：主进程使用了 519 MB 内存/);
    assert.doesNotMatch(row, /memory/);
  });
});
