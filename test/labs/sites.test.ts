/**
 * Call sites: every event a lab call makes names the line of lab code that made it. The fixture
 * tags each call's line with a `// site: name` comment; the recorded site of every event must be
 * that line of that file, including calls inside `withLock`, in helper functions of another
 * module, and the release `withLock` makes after its body (sited at the `withLock` line).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { EventKind, EventOf, LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { fixture, runLab } from '../support/runLab';

const LAB = fixture('sites/sites.lab.mjs');
const HELPERS = fixture('sites/siteHelpers.mjs');

/** `file:name` → the line (from 1) of the `// site: name` comment in that file. */
function taggedLines(file: string): Map<string, number> {
  const out = new Map<string, number>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const tag = /\/\/ site: ([\w-]+)/.exec(text)?.[1];
      if (tag) out.set(`${basename(file)}:${tag}`, i + 1);
    });
  return out;
}

/** The kinds of event each tagged call makes (every event of them must name that line). */
const EXPECTED: Record<string, EventKind[]> = {
  'siteHelpers.mjs:helper-acquire': ['lock.request', 'lock.acquire'],
  'siteHelpers.mjs:helper-read': ['file.read'],
  'siteHelpers.mjs:helper-sleep': ['sleep.begin', 'sleep.end'],
  'siteHelpers.mjs:helper-write': ['file.write'],
  'siteHelpers.mjs:helper-release': ['lock.release'],
  'siteHelpers.mjs:helper-put': ['queue.put'],
  'sites.lab.mjs:withlock': ['lock.request', 'lock.acquire', 'lock.release'],
  'sites.lab.mjs:withlock-read': ['file.read'],
  'sites.lab.mjs:withlock-write': ['file.write'],
  'sites.lab.mjs:get': ['queue.get'],
  'sites.lab.mjs:task-done': ['queue.task_done'],
  'sites.lab.mjs:lock-create': ['lock.create'],
  'sites.lab.mjs:file-create': ['file.create'],
  'sites.lab.mjs:queue-create': ['queue.create'],
  'sites.lab.mjs:jobs-create': ['queue.create'],
  'sites.lab.mjs:start': ['proc.spawn'],
  'sites.lab.mjs:jobs-put': ['queue.put'],
  'sites.lab.mjs:jobs-join': ['queue.join.wait', 'queue.join.done'],
  'sites.lab.mjs:queue-get': ['queue.get'],
  'sites.lab.mjs:join': ['proc.join.wait', 'proc.join.done'],
  'sites.lab.mjs:print': ['file.read', 'log'],
};
/** Kinds that are not always made (a put that waits, a get that waits for an item). */
const MAYBE: Record<string, EventKind[]> = {
  'siteHelpers.mjs:helper-put': ['queue.put.wait'],
  'sites.lab.mjs:get': ['queue.get.wait'],
  'sites.lab.mjs:queue-get': ['queue.get.wait'],
};

/** Per tag, the kinds of the events whose site is its line; and the events with no site. */
function sitedKinds(events: LabEvent[]) {
  const tags = new Map([...taggedLines(LAB), ...taggedLines(HELPERS)]);
  const tagAt = new Map([...tags].map(([tag, line]) => [`${tag.split(':')[0]}:${line}`, tag]));
  const sites = new Map<number, EventOf<'site'>>();
  const byTag = new Map<string, Set<EventKind>>();
  const unsited: LabEvent[] = [];
  for (const e of events) {
    if (e.kind === 'site') {
      assert.equal(dirname(e.file), dirname(LAB), 'sites name the absolute path of their file');
      sites.set(e.id, e);
      continue;
    }
    if (!('site' in e) || e.site === undefined) {
      unsited.push(e);
      continue;
    }
    const site = sites.get(e.site);
    assert.ok(site, `event ${e.seq} names site ${e.site} before its site event`);
    const tag = tagAt.get(`${basename(site.file)}:${site.line}`);
    assert.ok(tag, `${e.kind} sited at ${basename(site.file)}:${site.line}, an untagged line`);
    if (!byTag.has(tag)) byTag.set(tag, new Set());
    byTag.get(tag)!.add(e.kind);
  }
  return { byTag, unsited, sites: [...sites.values()] };
}

for (const schedule of ['realtime', 'fifo'] as const) {
  describe(`call sites (${schedule})`, function () {
    this.timeout(120_000);
    let events: LabEvent[];
    before(async () => {
      const r = await runLab(LAB, { seed: 1, speed: 20, schedule });
      assert.equal(r.status, 'ok', JSON.stringify(r.events.filter((e) => e.kind === 'error')));
      assert.deepEqual(checkLog(r.events), { ok: true });
      events = r.events;
    });

    it('sites every call at the line that made it, in the lab file and in its helper module', () => {
      const { byTag } = sitedKinds(events);
      for (const [tag, kinds] of Object.entries(EXPECTED)) {
        const seen = [...(byTag.get(tag) ?? [])].filter((k) => !MAYBE[tag]?.includes(k));
        assert.deepEqual(seen.sort(), [...kinds].sort(), `the events sited at ${tag}`);
      }
      assert.deepEqual([...byTag.keys()].sort(), Object.keys(EXPECTED).sort());
    });

    it('leaves no event of a lab call without its site', () => {
      const { unsited } = sitedKinds(events);
      const calls = unsited.filter(
        (e) => e.proc >= 0 && !(e.kind === 'proc.spawn' && e.proc === 0),
      );
      const ownKinds = new Set<EventKind>(['proc.exit', 'error']);
      assert.deepEqual(
        calls.filter((e) => !ownKinds.has(e.kind)).map((e) => `${e.seq} ${e.kind}`),
        [],
      );
    });

    it('records each place once, with its function when it has a name', () => {
      const { sites } = sitedKinds(events);
      const places = sites.map((s) => `${s.file}:${s.line}:${s.col}`);
      assert.equal(new Set(places).size, places.length);
      const acquire = sites.find(
        (s) =>
          s.file === HELPERS &&
          s.line === taggedLines(HELPERS).get('siteHelpers.mjs:helper-acquire'),
      );
      assert.equal(acquire?.fn, 'takeTurn');
    });
  });
}
