import type { LabEvent, Localized } from '../protocol/events';
import { RUNNER_PROC } from '../protocol/events';
import { chineseProcessName } from './chineseText';

/** What a log says about one process: its spawn fields and, once it ended, its exit. */
export interface ProcRecord {
  proc: number;
  name: string;
  pid: number;
  parent: number;
  daemon: boolean;
  spawnSeq: number;
  spawnT: number;
  exit?: { code: number | null; signal?: string; reason: string; seq: number; t: number };
}

/** Names of the run's processes and primitives, as the lab gave them. */
export interface LogNames {
  procs: Map<number, ProcRecord>;
  /** obj id → name, for every kind of object alike (obj ids are run-unique). */
  objs: Map<number, string>;
  /** obj id → what it is. */
  objKinds: Map<number, 'lock' | 'queue' | 'joinable' | 'file'>;
}

/** One pass over the log collecting names; later definitions of the same id win. */
export function collectNames(events: readonly LabEvent[]): LogNames {
  const collector = new NameCollector();
  for (const e of events) collector.add(e);
  return collector.names;
}

/** The names of a log as it grows, event by event (collectNames in one go). */
export class NameCollector {
  readonly names: LogNames = { procs: new Map(), objs: new Map(), objKinds: new Map() };

  add(e: LabEvent): void {
    const { procs, objs, objKinds } = this.names;
    switch (e.kind) {
      case 'proc.spawn':
        procs.set(e.proc, {
          proc: e.proc,
          name: e.name,
          pid: e.pid,
          parent: e.parent,
          daemon: e.daemon,
          spawnSeq: e.seq,
          spawnT: e.t,
        });
        break;
      case 'proc.exit': {
        const p = procs.get(e.proc);
        if (p) p.exit = { code: e.code, signal: e.signal, reason: e.reason, seq: e.seq, t: e.t };
        break;
      }
      case 'lock.create':
        objs.set(e.obj, e.name);
        objKinds.set(e.obj, 'lock');
        break;
      case 'queue.create':
        objs.set(e.obj, e.name);
        objKinds.set(e.obj, e.joinable ? 'joinable' : 'queue');
        break;
      case 'file.create':
        objs.set(e.obj, e.name);
        objKinds.set(e.obj, 'file');
        break;
      case 'sem.create':
      case 'event.create':
      case 'cond.create':
      case 'barrier.create':
      case 'value.create':
      case 'pipe.create':
      case 'pool.create':
        objs.set(e.obj, e.name);
        break;
    }
  }
}

/**
 * A process's name in both languages: the lab's own name (Python's MainProcess and Process-N in
 * Chinese: 主进程, 进程N), or a fallback when the log lacks its spawn.
 */
export function procLabel(names: LogNames, proc: number): Localized {
  const p = names.procs.get(proc);
  if (p) return { en: p.name, 'zh-CN': chineseProcessName(p.name) };
  if (proc === RUNNER_PROC) return { en: 'the runner', 'zh-CN': '运行器' };
  return { en: `process #${proc}`, 'zh-CN': `进程#${proc}` };
}

/** An object's name, or `#id` when the log lacks its creation. */
export function objLabel(names: LogNames, obj: number): string {
  return names.objs.get(obj) ?? `#${obj}`;
}
