/**
 * Call sites marked at load time, in real lab processes: nested calls, awaits inside arguments,
 * spread, optional calls, `new` without parentheses, class methods, arrow functions, a call that
 * throws, withLock, a helper in another module. Each tagged line (`// site: name`) must have
 * exactly the events its calls make, and no process may capture a stack for a site (the fixture
 * counts calls of Error.captureStackTrace and prints the count).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { EventKind, LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { fixture, runLab } from '../support/runLab';

const FILES = [fixture('sites/siteForms.lab.mjs'), fixture('sites/siteHelpers.mjs')];

/** `file:line` → its tag, for every `// site:` comment of the files. */
function tagsByLine(files = FILES): Map<string, string> {
  const tags = new Map<string, string>();
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const match = /\/\/ site: ([\w-]+)/.exec(lines[i]);
      if (match) tags.set(`${basename(file)}:${i + 1}`, match[1]);
    }
  }
  return tags;
}

/** The event kinds each tag's calls make, and those a call may or may not make (a wait). */
const EXPECTED: Record<string, { kinds: EventKind[]; maybe?: EventKind[] }> = {
  'method-acquire': { kinds: ['lock.request', 'lock.acquire'] },
  'method-release': { kinds: ['lock.release'] },
  'worker-get': { kinds: ['queue.get'], maybe: ['queue.get.wait'] },
  'helper-put': { kinds: ['queue.put'] },
  'worker-captures': { kinds: ['log'] },
  'bare-new': { kinds: ['lock.create'] },
  'jobs-create': { kinds: ['queue.create'] },
  'results-create': { kinds: ['queue.create'] },
  start: { kinds: ['proc.spawn'] },
  'spread-put': { kinds: ['queue.put'] },
  nested: { kinds: ['queue.get', 'log'], maybe: ['queue.get.wait'] },
  'optional-acquire': { kinds: ['lock.request', 'lock.acquire'] },
  'arrow-release': { kinds: ['lock.release'] },
  'throwing-get': { kinds: ['queue.empty'] },
  withlock: { kinds: ['lock.request', 'lock.acquire', 'lock.release', 'log'] },
  join: { kinds: ['proc.join.wait', 'proc.join.done'] },
  'main-captures': { kinds: ['log'] },
};

for (const schedule of ['realtime', 'fifo'] as const) {
  describe(`call sites marked at load time (${schedule})`, function () {
    this.timeout(120_000);
    let events: LabEvent[];
    before(async () => {
      const r = await runLab(FILES[0], { seed: 1, speed: 20, schedule });
      assert.equal(r.status, 'ok', JSON.stringify(r.events.filter((e) => e.kind === 'error')));
      assert.deepEqual(checkLog(r.events), { ok: true });
      events = r.events;
    });

    it('sites each call at its line, with exactly the events it makes', () => {
      const tags = tagsByLine();
      const places = new Map<number, string>();
      const kindsByTag = new Map<string, Set<EventKind>>();
      for (const e of events) {
        if (e.kind === 'site') {
          const tag = tags.get(`${basename(e.file)}:${e.line}`);
          assert.ok(tag, `a site at an untagged line: ${basename(e.file)}:${e.line}`);
          places.set(e.id, tag);
        } else if ('site' in e && e.site !== undefined) {
          const tag = places.get(e.site) as string;
          if (!kindsByTag.has(tag)) kindsByTag.set(tag, new Set());
          kindsByTag.get(tag)!.add(e.kind);
        }
      }
      for (const [tag, { kinds, maybe = [] }] of Object.entries(EXPECTED)) {
        const seen = [...(kindsByTag.get(tag) ?? [])].filter((k) => !maybe.includes(k));
        assert.deepEqual(seen.sort(), [...kinds].sort(), `the events sited at ${tag}`);
      }
      assert.deepEqual([...kindsByTag.keys()].sort(), Object.keys(EXPECTED).sort());
    });

    it('captures no stack in any process: every call was marked', () => {
      const counts = events.flatMap((e) =>
        e.kind === 'log' && e.text.startsWith('captures ') ? [`${e.proc}: ${e.text}`] : [],
      );
      assert.deepEqual(counts.sort(), ['0: captures 0', '1: captures 0']);
    });
  });
}

describe('a lab module the transform cannot mark', function () {
  this.timeout(120_000);

  it('runs as written, its calls sited from the stack', async () => {
    const lab = fixture('sites/untransformable.lab.mjs');
    const r = await runLab(lab, { seed: 1, speed: 20 });
    assert.equal(r.status, 'ok', JSON.stringify(r.events.filter((e) => e.kind === 'error')));
    const tags = tagsByLine([lab]);
    const places = new Map<number, string | undefined>();
    const sited: string[] = [];
    for (const e of r.events) {
      if (e.kind === 'site') places.set(e.id, tags.get(`${basename(e.file)}:${e.line}`));
      else if ('site' in e && e.site !== undefined) sited.push(`${places.get(e.site)} ${e.kind}`);
    }
    assert.deepEqual(sited, [
      'create lock.create',
      'acquire lock.request',
      'acquire lock.acquire',
      'release lock.release',
    ]);
  });
});
