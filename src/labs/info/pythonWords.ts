/**
 * A Python lab shares its JavaScript lab's words (pythonLabs.ts), which name the JavaScript
 * runtime's calls: `getNowait()`, `taskDone()`. Its script makes Python's: `get_nowait()`,
 * `task_done()`. These are the calls whose names differ, and the text a Python lab shows uses
 * Python's.
 */
import type { Localized } from '../../protocol/shapeTypes';

const RENAMED: readonly string[] = [
  'getNowait',
  'putNowait',
  'taskDone',
  'joinThread',
  'cancelJoinThread',
  'currentProcess',
  'parentProcess',
  'activeChildren',
  'cpuCount',
  'isAlive',
  'notifyAll',
  'waitFor',
  'nWaiting',
  'getLock',
  'getObj',
  'applyAsync',
  'mapAsync',
  'starmapAsync',
  'imapUnordered',
  'sendBytes',
  'recvBytes',
];

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** One pattern for them all: a name standing alone (CJK characters beside it are no part of it). */
const PATTERN = new RegExp(`\\b(${RENAMED.join('|')})\\b`, 'g');

/** `text` with the JavaScript runtime's names of calls in Python's. */
export function pythonNames(text: string): string {
  return text.replace(PATTERN, snake);
}

/** Both languages of `text`, with Python's names of calls. */
export function inPythonWords(text: Localized): Localized {
  return { en: pythonNames(text.en), 'zh-CN': pythonNames(text['zh-CN']) };
}
