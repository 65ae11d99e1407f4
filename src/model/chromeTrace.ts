import type { Json, LabEvent } from '../protocol/events';
import { formatValue } from '../protocol/preview';
import { lockHandoffs, lockIntervals, matchPutsToGets } from './analysis';
import { collectNames, objLabel, procLabel } from './logNames';
import { blockSpans } from './procActivity';
import {
  collectSpans,
  emitSpans,
  TRACE_PID,
  traceTid,
  type Span,
  type TraceEvent,
} from './traceSpans';

export type { TraceEvent } from './traceSpans';

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  metadata: { [key: string]: Json };
}

const clip = (s: string, n = 60) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * The run in Trace Event Format: a thread per process with its state spans, instants for file
 * access, prints and diagnoses, counters for queue depth and unfinished tasks, and flows from each put
 * to its get and from each lock release to the waiting acquire it let through. Timestamps are the log's µs.
 */
export function toChromeTrace(events: readonly LabEvent[]): ChromeTrace {
  const names = collectNames(events);
  const out: TraceEvent[] = [];
  let ids = 0;
  const nextId = () => ++ids;
  const start = events.find((e) => e.kind === 'run.start');
  const end = events.find((e) => e.kind === 'run.end');
  const lab = start?.kind === 'run.start' ? start.lab : 'run';
  const seed = start?.kind === 'run.start' ? start.seed : undefined;

  out.push({
    name: 'process_name',
    ph: 'M',
    pid: TRACE_PID,
    tid: 0,
    args: { name: seed === undefined ? lab : `${lab} (seed ${seed})` },
  });
  const procs = new Set<number>();
  for (const e of events) procs.add(e.proc);
  for (const p of procs) {
    const tid = traceTid(p);
    out.push({
      name: 'thread_name',
      ph: 'M',
      pid: TRACE_PID,
      tid,
      args: { name: procLabel(names, p).en },
    });
    out.push({
      name: 'thread_sort_index',
      ph: 'M',
      pid: TRACE_PID,
      tid,
      args: { sort_index: tid },
    });
  }

  const spans = collectSpans(events, lockIntervals(events), blockSpans(events), names);
  // One-microsecond slices at puts, gets and releases, so flow arrows have a slice to bind to.
  const marker = (e: LabEvent, name: string, cat: string, args: { [k: string]: Json }): Span => ({
    proc: e.proc,
    start: e.t,
    end: e.t + 1,
    name: clip(name),
    cat,
    args,
  });

  const queueName = (obj: number) => objLabel(names, obj);
  const unfinished = new Map<number, number>();
  const counter = (e: LabEvent, name: string, args: { [k: string]: Json }) =>
    out.push({ name, ph: 'C', pid: TRACE_PID, ts: e.t, args });
  const instant = (
    e: LabEvent,
    name: string,
    cat: string,
    args: { [k: string]: Json },
    scope: 't' | 'g' = 't',
  ) =>
    out.push({
      name: clip(name),
      cat,
      ph: 'i',
      s: scope,
      pid: TRACE_PID,
      tid: traceTid(e.proc),
      ts: e.t,
      args,
    });

  for (const e of events) {
    switch (e.kind) {
      case 'queue.create':
        counter(e, `${queueName(e.obj)} #${e.obj} depth`, { depth: 0 });
        if (e.joinable) {
          unfinished.set(e.obj, 0);
          counter(e, `${queueName(e.obj)} #${e.obj} unfinished`, { unfinished: 0 });
        }
        break;
      case 'queue.put': {
        spans.push(
          marker(e, `put ${formatValue(e.value)}`, 'queue.put', {
            queue: queueName(e.obj),
            item: e.item,
            value: e.value,
            size: e.size,
          }),
        );
        counter(e, `${queueName(e.obj)} #${e.obj} depth`, { depth: e.size });
        const u = unfinished.get(e.obj);
        if (u !== undefined) {
          unfinished.set(e.obj, u + 1);
          counter(e, `${queueName(e.obj)} #${e.obj} unfinished`, { unfinished: u + 1 });
        }
        break;
      }
      case 'queue.get':
        spans.push(
          marker(e, `get ${formatValue(e.value)}`, 'queue.get', {
            queue: queueName(e.obj),
            item: e.item,
            value: e.value,
            size: e.size,
          }),
        );
        counter(e, `${queueName(e.obj)} #${e.obj} depth`, { depth: e.size });
        break;
      case 'queue.task_done':
        unfinished.set(e.obj, e.unfinished);
        counter(e, `${queueName(e.obj)} #${e.obj} unfinished`, { unfinished: e.unfinished });
        break;
      case 'queue.full':
        instant(e, `Full: ${queueName(e.obj)}`, 'queue', { queue: queueName(e.obj) });
        break;
      case 'queue.empty':
        instant(e, `Empty: ${queueName(e.obj)}`, 'queue', { queue: queueName(e.obj) });
        break;
      case 'lock.release':
        spans.push(
          marker(e, `release ${objLabel(names, e.obj)}`, 'lock.release', {
            lock: objLabel(names, e.obj),
          }),
        );
        break;
      case 'lock.timeout':
        instant(e, `gave up on ${objLabel(names, e.obj)}`, 'lock', {
          lock: objLabel(names, e.obj),
        });
        break;
      case 'file.read':
        instant(
          e,
          e.error === undefined
            ? `read ${objLabel(names, e.obj)} = ${formatValue(e.value)}`
            : `torn read ${objLabel(names, e.obj)}`,
          'file',
          e.error === undefined
            ? { file: objLabel(names, e.obj), value: e.value ?? null }
            : { file: objLabel(names, e.obj), error: e.error, raw: e.raw ?? null },
        );
        break;
      case 'file.write':
        instant(e, `write ${objLabel(names, e.obj)} = ${formatValue(e.value)}`, 'file', {
          file: objLabel(names, e.obj),
          value: e.value,
        });
        break;
      case 'log':
        instant(e, e.text, 'log', { text: e.text });
        break;
      case 'error':
        instant(e, `error: ${e.message}`, 'error', { message: e.message, stack: e.stack ?? null });
        break;
      case 'proc.exit':
        instant(e, `exit ${e.code ?? e.signal ?? ''}`, 'process', {
          code: e.code,
          reason: e.reason,
          signal: e.signal ?? null,
        });
        break;
      case 'diag':
        instant(
          e,
          e.code,
          'diag',
          { en: e.message.en, zh: e.message['zh-CN'], procs: e.procs, objs: e.objs },
          'g',
        );
        break;
      case 'run.limit':
        instant(e, `limit: ${e.what}`, 'run', { message: e.message }, 'g');
        break;
    }
  }
  emitSpans(spans, out, nextId);

  for (const x of matchPutsToGets(events).items) {
    if (x.getSeq === undefined || x.getProc === undefined || x.getT === undefined) continue;
    const id = nextId();
    out.push({
      name: 'item',
      cat: 'queue.flow',
      ph: 's',
      id,
      pid: TRACE_PID,
      tid: traceTid(x.putProc),
      ts: x.putT,
    });
    out.push({
      name: 'item',
      cat: 'queue.flow',
      ph: 'f',
      bp: 'e',
      id,
      pid: TRACE_PID,
      tid: traceTid(x.getProc),
      ts: x.getT,
    });
  }
  for (const h of lockHandoffs(events)) {
    if (!h.letThrough || h.fromProc === undefined || h.releaseT === undefined) continue;
    const id = nextId();
    out.push({
      name: 'handoff',
      cat: 'lock.flow',
      ph: 's',
      id,
      pid: TRACE_PID,
      tid: traceTid(h.fromProc),
      ts: h.releaseT,
    });
    out.push({
      name: 'handoff',
      cat: 'lock.flow',
      ph: 'f',
      bp: 'e',
      id,
      pid: TRACE_PID,
      tid: traceTid(h.toProc),
      ts: h.acquireT,
    });
  }

  const metadata: { [key: string]: Json } = {
    generator: 'Concurrency Labs',
    protocol: 1,
    lab,
    events: events.length,
  };
  if (start?.kind === 'run.start')
    Object.assign(metadata, { title: start.title.en, seed: start.seed, speed: start.speed });
  if (end?.kind === 'run.end') metadata.status = end.status;
  return { traceEvents: out, displayTimeUnit: 'ms', metadata };
}
