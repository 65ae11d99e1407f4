/**
 * How each event enters the timeline model: an event object by its kind, or an event read from
 * columns by its numbers. The model counts and stores the header first (`storeHeader`); these
 * steps then change its lanes, tracks and run records.
 */
import type { EventCursor } from '../protocol/eventColumns';
import type { LabEvent } from '../protocol/events';
import { stepMark } from './scheduleSteps';
import type { TimelineModel } from './timeline';
import { LaneState } from './timelineLanes';
import { lockTrackOf } from './timelineLocks';
import { QueueTrack } from './timelineQueues';
import { FileTrack, type DiagMark } from './timelineFiles';
import {
  GET_ITEM,
  GET_SIZE,
  KIND_CODE,
  MAX_LOGS,
  PUT_ITEM,
  PUT_SIZE,
  PUT_VALUE,
  SITE_FIELD,
  SUBJECT_FIELD,
  UNFINISHED,
} from './timelineKinds';
import { applyObjectEvent } from './timelineObjects';
import { applyNumbersEvent } from './timelineOps';

/** An event's call site, -1 when it has none. */
const siteOf = (e: LabEvent): number => ('site' in e && e.site !== undefined ? e.site : -1);

/** An event read from columns (its kind is not one the model takes as an object). */
export function applyColumnsEvent(m: TimelineModel, event: EventCursor): void {
  const { code, t, proc } = event;
  if (!m.storeHeader(code, t, proc)) return;
  const subject = SUBJECT_FIELD[code];
  const obj = subject ? event.number(subject) : -1;
  const siteField = SITE_FIELD[code];
  const siteNumber = siteField ? event.number(siteField) : NaN;
  const site = siteNumber === siteNumber ? siteNumber : -1;
  if (code === KIND_CODE.put)
    applyNumbersEvent(
      m,
      code,
      t,
      proc,
      obj,
      event.number(PUT_ITEM),
      event.number(PUT_SIZE),
      event.json(PUT_VALUE) ?? null,
      site,
    );
  else if (code === KIND_CODE.get)
    applyNumbersEvent(
      m,
      code,
      t,
      proc,
      obj,
      event.number(GET_ITEM),
      event.number(GET_SIZE),
      null,
      site,
    );
  else if (code === KIND_CODE.taskDone)
    applyNumbersEvent(m, code, t, proc, obj, 0, event.number(UNFINISHED), null, site);
  else applyNumbersEvent(m, code, t, proc, obj, 0, 0, null, site);
}

/** An event object whose header (`code`, `t`, `proc`) the model has read once and stored. */
export function applyEvent(
  m: TimelineModel,
  e: LabEvent,
  code: number,
  t: number,
  proc: number,
): void {
  switch (e.kind) {
    case 'run.start':
      m.run = {
        lab: e.lab,
        title: e.title,
        seed: e.seed,
        speed: e.speed,
        narration: e.narration,
        schedule: e.schedule,
      };
      break;
    case 'sched.step':
      m.steps.push(stepMark(e));
      break;
    case 'run.end':
      m.end = {
        status: e.status,
        outcome: e.outcome,
        message: e.message,
        narration: e.narration,
        t,
        event: e,
      };
      break;
    case 'run.limit':
      m.limits.push(e.message);
      break;
    case 'proc.spawn': {
      const fresh = m.lane(proc) === undefined;
      const l = m.laneFor(proc, t);
      if (fresh) m.awaitStart(l, t);
      Object.assign(l.info, {
        name: e.name,
        pid: e.pid,
        parent: e.parent,
        daemon: e.daemon,
        spawnT: t,
      });
      break;
    }
    case 'proc.exit': {
      const l = m.laneFor(proc, t);
      Object.assign(l.info, { exitT: t, code: e.code, reason: e.reason, signal: e.signal });
      l.enter(t, LaneState.Exited);
      break;
    }
    case 'lock.create':
      m.track('lock', e.obj, () => m.locks.set(e.obj, lockTrackOf(e)));
      break;
    case 'queue.create':
      m.track('queue', e.obj, () =>
        m.queues.set(e.obj, new QueueTrack(e.obj, e.name, e.maxsize, e.joinable)),
      );
      break;
    case 'file.create':
      m.track('file', e.obj, () => m.files.set(e.obj, new FileTrack(e.obj, e.name, e.value, t)));
      break;
    case 'file.read':
      m.fileFor(e.obj, t).read(t, proc, e.value, e.error, siteOf(e));
      break;
    case 'file.write':
      m.fileFor(e.obj, t).write(t, proc, e.value, siteOf(e));
      break;
    case 'log':
      if (m.logs.length < MAX_LOGS) m.logs.push({ t, proc, text: e.text, site: siteOf(e) });
      break;
    case 'site':
      m.sites.set(e.id, { file: e.file, line: e.line, col: e.col, fn: e.fn });
      break;
    case 'error':
      if (m.errors.length < MAX_LOGS) m.errors.push({ t, proc: proc, message: e.message });
      break;
    case 'diag':
      m.diags.push(diagMarkOf(e, t));
      break;
    case 'queue.put':
      applyNumbersEvent(m, code, t, proc, e.obj, e.item, e.size, e.value, siteOf(e));
      break;
    case 'queue.get':
      applyNumbersEvent(m, code, t, proc, e.obj, e.item, e.size, null, siteOf(e));
      break;
    case 'queue.task_done':
      applyNumbersEvent(m, code, t, proc, e.obj, 0, e.unfinished, null, siteOf(e));
      break;
    case 'proc.join.wait':
      applyNumbersEvent(m, code, t, proc, e.target, 0, 0, null, siteOf(e));
      break;
    default:
      if (!applyObjectEvent(m, e, t))
        applyNumbersEvent(m, code, t, proc, 'obj' in e ? e.obj : -1, 0, 0, null, siteOf(e));
      break;
  }
}

/** A finding, not yet placed on the canvas (`t` -1: `placeDiag` places it after the append). */
function diagMarkOf(e: Extract<LabEvent, { kind: 'diag' }>, t: number): DiagMark {
  return {
    code: e.code,
    message: e.message,
    procs: e.procs,
    objs: e.objs,
    t: -1,
    seq: e.seq,
    at: e.at,
    eventT: t,
  };
}
