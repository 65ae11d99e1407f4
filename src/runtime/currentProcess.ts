/** Python's current_process(), and the run's UI language for a lab's own text. */
import type { Localized } from '../protocol/events';
import { ctx } from './context';

export interface CurrentProcess {
  name: string;
  pid: number;
  daemon: boolean;
  /** 0 for MainProcess, then 1, 2, … in spawn order (the timeline's lane). */
  proc: number;
}

export function currentProcess(): CurrentProcess {
  const { name, daemon, proc } = ctx().init;
  return { name, pid: process.pid, daemon, proc };
}

/** The run's UI language. */
export function lang(): 'en' | 'zh-CN' {
  return ctx().init.lang;
}

/** Picks the run's language from a localized text. */
export function l(text: Localized): string {
  return text[lang()] ?? text.en;
}

/** The process that started this one, as the runner told it. */
export interface ParentProcess {
  name: string;
  pid: number;
  /** Its timeline lane (0 for MainProcess). */
  proc: number;
}

/** Python's parent_process(): the process that started this one; null in the main process. */
export function parentProcess(): ParentProcess | null {
  const parent = ctx().init.parent;
  return parent ? { name: parent.name, pid: parent.pid, proc: parent.proc } : null;
}
