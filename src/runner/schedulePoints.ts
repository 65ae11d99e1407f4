/**
 * Scheduling points of a controlled run: which lab requests wait for a decision, and what a
 * waiting process is about to do, in words for the step prompt and the log ("acquire mutex",
 * "write data.json {"ticket_num":0} (truncate)", "wake from sleep(2)").
 */
import type { Json, Localized } from '../protocol/events';
import type { LabMessage } from '../protocol/lab';
import type { ProcRec } from './procRec';
import { describeSyncOp } from './syncPointText';
import { describePoolOp } from './poolText';
import { objectLabel } from '../model/objectNames';

/** Requests that go on at once even under a controlled schedule: they synchronize nothing. */
const NOT_POINTS = new Set<LabMessage['op']>(['sleep', 'hello']);

/** Whether request `m` waits at a scheduling point (every request does, but these). */
export function isPoint(m: LabMessage): boolean {
  return m.id !== 0 && !NOT_POINTS.has(m.op);
}

export interface NameWorld {
  /** The name of the lock, queue or file a lab knows as `ref`. */
  nameOf(ref: string): string;
  proc(index: number): ProcRec | undefined;
}

const MAX_VALUE_TEXT = 60;

function valueText(v: Json | undefined): string {
  const s = JSON.stringify(v ?? null);
  return s.length > MAX_VALUE_TEXT ? `${s.slice(0, MAX_VALUE_TEXT - 1)}…` : s;
}

const both = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

/** What request `m` will do when its process is chosen. `filling`: the value a fill writes. */
export function describeOp(m: LabMessage, world: NameWorld, filling?: Json): Localized {
  // Said in each language here: the Chinese words name the runner's "Lock 1" 锁 1.
  const name = objectLabel('ref' in m ? world.nameOf(m.ref) : '');
  const procName = (i: number) => world.proc(i)?.name ?? `process ${i}`;
  switch (m.op) {
    case 'lock.acquire':
      return both(`acquire ${name.en}`, `获取 ${name['zh-CN']}`);
    case 'lock.release':
      return both(`release ${name.en}`, `释放 ${name['zh-CN']}`);
    case 'queue.put':
      return both(
        `put ${valueText(m.value)} into ${name.en}`,
        `把 ${valueText(m.value)} 放入 ${name['zh-CN']}`,
      );
    case 'queue.get':
      return both(`get from ${name.en}`, `从 ${name['zh-CN']} 取出`);
    case 'queue.query':
      return both(`ask ${name.en} ${m.what}()`, `查询 ${name['zh-CN']} 的 ${m.what}()`);
    case 'queue.taskDone':
      return both(`task_done() on ${name.en}`, `在 ${name['zh-CN']} 上调用 task_done()`);
    case 'queue.join':
      return both(`join() on ${name.en}`, `在 ${name['zh-CN']} 上 join()`);
    case 'file.read':
      return both(`read ${name.en}`, `读 ${name['zh-CN']}`);
    case 'file.write': {
      // Python opens the file (the truncate) before it knows what it will write.
      const what = m.value === undefined ? '' : ` ${valueText(m.value)}`;
      return both(`write ${name.en}${what} (truncate)`, `写 ${name['zh-CN']}${what}（先清空）`);
    }
    case 'file.fill': {
      const what = valueText(m.value ?? filling);
      return both(`write ${name.en} ${what} (fill)`, `写 ${name['zh-CN']} ${what}（再填入）`);
    }
    case 'proc.start':
    case 'proc.adopt':
      return both(`start ${m.name}`, `启动 ${m.name}`);
    case 'proc.join':
      return both(`join ${procName(m.target)}`, `等待 ${procName(m.target)} 结束`);
    case 'proc.terminate':
      return both(`terminate ${procName(m.target)}`, `终止 ${procName(m.target)}`);
    case 'proc.finish':
      return both('finish and exit', '结束并退出');
    case 'sleep':
      return both(`sleep(${m.sec})`, `sleep(${m.sec})`);
    default:
      return describeSyncOp(m, name) ?? describePoolOp(m, name) ?? both(m.op, m.op);
  }
}

/** What a process does when it goes on after request `m` was answered while it waited. */
export function describeResume(m: LabMessage, world: NameWorld): Localized {
  if (m.op === 'sleep') return both(`wake from sleep(${m.sec})`, `从 sleep(${m.sec}) 醒来`);
  if (m.op === 'proc.start' || m.op === 'proc.adopt')
    return both(`go on after starting ${m.name}`, `启动 ${m.name} 后继续`);
  const op = describeOp(m, world);
  return both(`return from ${op.en}`, `从「${op['zh-CN']}」返回`);
}
