/** What a request on a Semaphore, Event, Condition, Barrier, Value, Array or Pipe will do, in words for the step prompt. */
import type { Localized } from '../protocol/events';
import type { LabMessage } from '../protocol/lab';

const both = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

/**
 * Words for `m` on the object called `name` (in each language), or null when `m` is not such a
 * request.
 */
export function describeSyncOp(m: LabMessage, name: Localized): Localized | null {
  switch (m.op) {
    case 'sem.acquire':
      return both(`acquire ${name.en}`, `获取 ${name['zh-CN']}`);
    case 'sem.release':
      return both(`release ${name.en}`, `释放 ${name['zh-CN']}`);
    case 'sem.value':
      return both(`ask ${name.en} getValue()`, `查询 ${name['zh-CN']} 的 getValue()`);
    case 'event.wait':
      return both(`wait for ${name.en}`, `等待 ${name['zh-CN']}`);
    case 'event.set':
      return both(`set ${name.en}`, `设置 ${name['zh-CN']}`);
    case 'event.clear':
      return both(`clear ${name.en}`, `清除 ${name['zh-CN']}`);
    case 'event.isSet':
      return both(`ask ${name.en} isSet()`, `查询 ${name['zh-CN']} 的 isSet()`);
    case 'cond.wait':
      return both(`wait on ${name.en}`, `在 ${name['zh-CN']} 上 wait()`);
    case 'cond.notify':
      return m.all
        ? both(`notifyAll() on ${name.en}`, `在 ${name['zh-CN']} 上 notifyAll()`)
        : both(`notify(${m.n}) on ${name.en}`, `在 ${name['zh-CN']} 上 notify(${m.n})`);
    case 'barrier.wait':
      return both(`wait at ${name.en}`, `在 ${name['zh-CN']} 处等待`);
    case 'barrier.actionDone':
      return both(`finish the action of ${name.en}`, `完成 ${name['zh-CN']} 的动作`);
    case 'barrier.reset':
      return both(`reset ${name.en}`, `重置 ${name['zh-CN']}`);
    case 'barrier.abort':
      return both(`abort ${name.en}`, `中止 ${name['zh-CN']}`);
    case 'barrier.query':
      return both(`ask ${name.en} ${m.what}()`, `查询 ${name['zh-CN']} 的 ${m.what}()`);
    case 'value.get':
      return m.index === undefined
        ? both(`read ${name.en}`, `读 ${name['zh-CN']}`)
        : both(`read ${name.en}[${m.index}]`, `读 ${name['zh-CN']}[${m.index}]`);
    case 'value.set': {
      const at = m.index === undefined ? '' : `[${m.index}]`;
      const v = JSON.stringify(m.value).slice(0, 40);
      return both(`write ${v} to ${name.en}${at}`, `把 ${v} 写入 ${name['zh-CN']}${at}`);
    }
    case 'pipe.send':
      return both(`send on end ${m.end} of ${name.en}`, `从 ${name['zh-CN']} 的第 ${m.end} 端发送`);
    case 'pipe.recv':
      return both(`recv on end ${m.end} of ${name.en}`, `在 ${name['zh-CN']} 的第 ${m.end} 端接收`);
    case 'pipe.poll':
      return both(
        `poll end ${m.end} of ${name.en}`,
        `查询 ${name['zh-CN']} 的第 ${m.end} 端 poll()`,
      );
    case 'pipe.close':
      return both(`close end ${m.end} of ${name.en}`, `关闭 ${name['zh-CN']} 的第 ${m.end} 端`);
    default:
      return null;
  }
}
