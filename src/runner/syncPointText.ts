/** What a request on a Semaphore, Event, Condition, Barrier, Value, Array or Pipe will do, in words for the step prompt. */
import type { Localized } from '../protocol/events';
import type { LabMessage } from '../protocol/lab';

const both = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

/** Words for `m` on the object called `name`, or null when `m` is not such a request. */
export function describeSyncOp(m: LabMessage, name: string): Localized | null {
  switch (m.op) {
    case 'sem.acquire':
      return both(`acquire ${name}`, `获取 ${name}`);
    case 'sem.release':
      return both(`release ${name}`, `释放 ${name}`);
    case 'sem.value':
      return both(`ask ${name} getValue()`, `查询 ${name} 的 getValue()`);
    case 'event.wait':
      return both(`wait for ${name}`, `等待 ${name}`);
    case 'event.set':
      return both(`set ${name}`, `设置 ${name}`);
    case 'event.clear':
      return both(`clear ${name}`, `清除 ${name}`);
    case 'event.isSet':
      return both(`ask ${name} isSet()`, `查询 ${name} 的 isSet()`);
    case 'cond.wait':
      return both(`wait on ${name}`, `在 ${name} 上 wait()`);
    case 'cond.notify':
      return m.all
        ? both(`notifyAll() on ${name}`, `在 ${name} 上 notifyAll()`)
        : both(`notify(${m.n}) on ${name}`, `在 ${name} 上 notify(${m.n})`);
    case 'barrier.wait':
      return both(`wait at ${name}`, `在 ${name} 处等待`);
    case 'barrier.actionDone':
      return both(`finish the action of ${name}`, `完成 ${name} 的动作`);
    case 'barrier.reset':
      return both(`reset ${name}`, `重置 ${name}`);
    case 'barrier.abort':
      return both(`abort ${name}`, `中止 ${name}`);
    case 'barrier.query':
      return both(`ask ${name} ${m.what}()`, `查询 ${name} 的 ${m.what}()`);
    case 'value.get':
      return m.index === undefined
        ? both(`read ${name}`, `读 ${name}`)
        : both(`read ${name}[${m.index}]`, `读 ${name}[${m.index}]`);
    case 'value.set': {
      const at = m.index === undefined ? name : `${name}[${m.index}]`;
      const v = JSON.stringify(m.value).slice(0, 40);
      return both(`write ${v} to ${at}`, `把 ${v} 写入 ${at}`);
    }
    case 'pipe.send':
      return both(`send on end ${m.end} of ${name}`, `从 ${name} 的第 ${m.end} 端发送`);
    case 'pipe.recv':
      return both(`recv on end ${m.end} of ${name}`, `在 ${name} 的第 ${m.end} 端接收`);
    case 'pipe.poll':
      return both(`poll end ${m.end} of ${name}`, `查询 ${name} 的第 ${m.end} 端 poll()`);
    case 'pipe.close':
      return both(`close end ${m.end} of ${name}`, `关闭 ${name} 的第 ${m.end} 端`);
    default:
      return null;
  }
}
