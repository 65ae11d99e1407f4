/**
 * The load-time call-site transform (src/runtime/siteTransform.ts) with the real slot of the
 * runtime (src/runtime/siteSlot.ts): a fixture module is transformed, written out and imported
 * here, and consumers that stand where runtime methods stand record the site each one finds.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SiteAnnouncement } from '../../src/runtime/callSite';
import { installSiteRegistry, takeMarkedSite } from '../../src/runtime/siteSlot';
import { transformSites } from '../../src/runtime/siteTransform';
import { REPO } from '../support/build';

const FORMS = join(REPO, 'test', 'fixtures', 'siteTransform', 'forms.mjs');

/** `name` → the line (from 1) whose `// at:` comment lists it. */
function taggedLines(source: string): Map<string, number> {
  const out = new Map<string, number>();
  source.split('\n').forEach((text, i) => {
    const names = /\/\/ at: ([\w\s-]+)$/.exec(text)?.[1];
    for (const name of names?.trim().split(/\s+/) ?? []) out.set(name, i + 1);
  });
  return out;
}

describe('call-site transform', () => {
  const source = readFileSync(FORMS, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'cl-sites-'));
  const announced = new Map<number, SiteAnnouncement>();
  /** What each consumer found: the site's announcement, or null when nothing was marked. */
  const found = new Map<string, SiteAnnouncement | null>();
  const take = (name: string): void => {
    const site = takeMarkedSite((a) => announced.set(a.site, a));
    // The first call under a name counts (a bare `new Probe` is made twice).
    if (!found.has(name))
      found.set(name, site === undefined ? null : (announced.get(site) ?? null));
  };
  let module: { forms: () => Promise<void>; fails: () => void };

  before(async () => {
    const marked = transformSites(source);
    assert.ok(marked, 'the fixture is transformed');
    writeFileSync(join(dir, 'forms.mjs'), marked);
    installSiteRegistry();
    class Probe {
      constructor(name = 'new-bare') {
        take(name);
      }
      method(name: string): void {
        take(name);
      }
    }
    (globalThis as Record<string, unknown>).__siteProbe = {
      probe: (name: string) => take(name),
      Probe,
      tag: () => take('tag'),
      slot: {
        get sameTurn() {
          return take('same-turn');
        },
        get nextTurn() {
          return take('next-turn');
        },
      },
    };
    module = (await import(pathToFileURL(join(dir, 'forms.mjs')).href)) as typeof module;
    await module.forms();
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('marks each call at its own line, after its arguments ran', () => {
    const lines = taggedLines(source);
    for (const name of [
      'plain',
      'outer',
      'inner',
      'awaited',
      'in-await',
      'spread',
      'sequence',
      'optional',
      'new',
      'new-bare',
      'around-bare',
      'ctor',
      'method',
      'arrow',
      'in-method',
      'after-throw',
      'multiline',
    ]) {
      assert.equal(found.get(name)?.line, lines.get(name), `the line of ${name}`);
    }
  });

  it('puts the column where V8 puts a call: the method name, else the start of the call', () => {
    const lines = source.split('\n');
    const colOf = (name: string, text: string): number => {
      const line = lines[(found.get(name)?.line ?? 0) - 1] ?? '';
      return line.indexOf(text) + 1;
    };
    assert.equal(found.get('outer')?.col, colOf('outer', "probe('outer'"));
    assert.equal(found.get('inner')?.col, colOf('inner', "probe('inner'"));
    assert.equal(found.get('optional')?.col, colOf('optional', "probe('optional'"));
    assert.equal(found.get('method')?.col, colOf('method', 'method('));
    assert.equal(found.get('new')?.col, colOf('new', 'new Probe'));
  });

  it('names the function the call is in', () => {
    assert.equal(found.get('plain')?.fn, 'forms');
    assert.equal(found.get('arrow')?.fn, 'arrow');
    assert.equal(found.get('in-method')?.fn, 'run');
  });

  it('skips what is not called: a short-circuited optional call, a call whose arguments threw', () => {
    assert.ok(!found.has('skipped'));
    assert.ok(!found.has('never'));
  });

  it('marks no tagged template, and keeps a mark only until the end of its turn', () => {
    assert.equal(found.get('tag'), null);
    // A mark nobody took is still there for untransformed code in the same turn…
    assert.equal(found.get('same-turn')?.line, taggedLines(source).get('same-turn'));
    // …and gone after an await.
    assert.equal(found.get('next-turn'), null);
  });

  it('keeps every line where it was: a stack names the line of the source', () => {
    const err = (() => {
      try {
        module.fails();
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    assert.match(err?.stack ?? '', new RegExp(`forms\\.mjs:${taggedLines(source).get('fails')}:`));
    // Every line of the source is at its place in the transform, with what it had at its end.
    const marked = (transformSites(source) ?? '').split('\n');
    const lines = source.split('\n');
    assert.equal(marked.length, lines.length + 2, 'the appended declarations take two lines');
    lines.forEach((line, i) => {
      const comment = line.includes('//') ? line.slice(line.indexOf('//')) : '';
      assert.ok(marked[i].endsWith(comment), `line ${i + 1}: ${marked[i]}`);
    });
  });

  it('leaves a module it cannot parse to Node, which reports its syntax error', () => {
    assert.equal(transformSites('export function f() {\n  return g(;\n}\n'), null);
  });

  it('leaves a module without calls as it is', () => {
    assert.equal(transformSites('export const x = 1;\n'), null);
  });
});
