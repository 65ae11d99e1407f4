/**
 * Call sites read from the stack: which line of lab code made a call into this runtime, for the
 * calls that no lab module marked at load time (siteSlot.ts; code loaded another way, such as a
 * package or a CommonJS file). The first frame of the stack outside the runtime's own file (and
 * Node's) is the lab's: in the lab module, in a helper module it imports, or (for a call resumed
 * after an `await`) the lab function awaiting it. Each place gets a number the first time it is
 * seen, announced to the runner once with a `site` notice; later calls from it only name the
 * number.
 */
import { fileURLToPath } from 'node:url';

type Frame = NodeJS.CallSite;

/**
 * Frames looked at, below the runtime function that sends the call (`request`, `notify`): the
 * API method and its callers in the runtime (`withLock` → `acquire`), then the lab's. Each frame
 * costs (capturing is most of what a site costs), so the first look is short, and a longer one
 * is made only when the lab's frame was not in it.
 */
const SHORT_STACK = 3;
const LONG_STACK = 12;
/** Most places one process announces (code made at run time could make them without end). */
const MAX_SITES = 10_000;
/** Every runtime function lab code calls lives in this file's bundle (dist/labhost.js). */
const RUNTIME_FILE = __filename;
/** `CONCURRENCY_LABS_SITES=0` turns sites off (the bench measures what they cost). */
export const sitesEnabled = process.env.CONCURRENCY_LABS_SITES !== '0';

export interface SiteAnnouncement {
  site: number;
  file: string;
  line: number;
  col: number;
  fn?: string;
}
export type Announce = (a: SiteAnnouncement) => void;

/** The site numbers of this process, per file name as V8 reports it, per position. */
const known = new Map<string, Map<number, number>>();
/**
 * The site number of every place this process numbered, by path, line and column: a place
 * marked at load time and reached again through a capture (or the other way round) is one
 * site, numbered and announced once.
 */
const numbered = new Map<string, number>();
let count = 0;

/**
 * Forgets every place (a reused process's next run is a new run: its places are announced
 * afresh, to a runner that knows none of them).
 */
export function forgetCapturedSites(): void {
  known.clear();
  numbered.clear();
  count = 0;
}

const returnFrames = (_: Error, frames: Frame[]): Frame[] => frames;

/** The stack below `from` (a function on it), `limit` frames at most. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function stackBelow(from: Function, limit: number): Frame[] {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  Error.prepareStackTrace = returnFrames;
  Error.stackTraceLimit = limit;
  const holder: { stack?: unknown } = {};
  Error.captureStackTrace(holder, from);
  const frames = holder.stack; // read while our prepareStackTrace is in place
  Error.prepareStackTrace = savedPrepare;
  Error.stackTraceLimit = savedLimit;
  return Array.isArray(frames) ? (frames as Frame[]) : [];
}

function isLabFrame(file: string | null | undefined): file is string {
  return !!file && file !== RUNTIME_FILE && !file.startsWith('node:');
}

/**
 * The site number of the lab code that called the runtime, or undefined when none is on the
 * stack (or sites are off). `from`: the runtime function on the stack where the search starts
 * (the one sending the call). `announce` gets a place seen for the first time, before it returns.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function callSite(from: Function, announce: Announce): number | undefined {
  if (!sitesEnabled) return undefined;
  let frames = stackBelow(from, SHORT_STACK);
  let lab = frames.findIndex((f) => isLabFrame(f.getFileName()));
  if (lab < 0 && frames.length === SHORT_STACK) {
    frames = stackBelow(from, LONG_STACK);
    lab = frames.findIndex((f) => isLabFrame(f.getFileName()));
  }
  return lab < 0 ? undefined : siteOf(frames[lab], announce);
}

function siteOf(frame: Frame, announce: Announce): number | undefined {
  const file = frame.getFileName() as string;
  const line = frame.getLineNumber() ?? 0;
  const col = frame.getColumnNumber() ?? 0;
  if (line < 1 || col < 1) return undefined;
  let inFile = known.get(file);
  if (!inFile) known.set(file, (inFile = new Map()));
  const position = line * 2 ** 21 + col;
  const site = inFile.get(position);
  if (site !== undefined) return site;
  const path = file.startsWith('file:') ? fileURLToPath(file) : file;
  const fresh = newSite(
    { file: path, line, col, fn: frame.getFunctionName() || undefined },
    announce,
  );
  if (fresh !== undefined) inFile.set(position, fresh);
  return fresh;
}

/**
 * The site number of a place: the one it already has, else a new one, announced before it
 * returns; undefined past the bound. Both ways of finding a call's place (a capture here, a mark
 * made at load time: siteSlot.ts) take their numbers from here, so a place has one number.
 */
export function newSite(
  place: { file: string; line: number; col: number; fn?: string },
  announce: Announce,
): number | undefined {
  const { file, line, col, fn } = place;
  const key = `${line}:${col}:${file}`;
  const numberOfPlace = numbered.get(key);
  if (numberOfPlace !== undefined) return numberOfPlace;
  if (count >= MAX_SITES) return undefined;
  const site = ++count;
  numbered.set(key, site);
  announce(fn ? { site, file, line, col, fn } : { site, file, line, col });
  return site;
}
