/**
 * One place, one site number: a call the load-time transform marked (siteSlot.ts) and the same
 * call found again on the stack (callSite.ts: the fallback, as a runtime method's second message
 * or a call made after the mark was gone finds it) are one site, numbered and announced once, in
 * either order. A transformed module is written out and imported here, as the lab host does.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { callSite, type SiteAnnouncement } from '../../src/runtime/callSite';
import { forgetSites, installSiteRegistry, takeMarkedSite } from '../../src/runtime/siteSlot';
import { transformSites } from '../../src/runtime/siteTransform';

// The call on line 2 is marked by the transform; `method` stands where a runtime method stands.
const SOURCE = `export function callOnce(method) {
  return method();
}
`;

describe('call sites: one place, one number', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-one-site-'));
  const file = join(dir, 'lab.mjs');
  let callOnce: (
    method: () => [number | undefined, number | undefined],
  ) => [number | undefined, number | undefined];
  let announced: SiteAnnouncement[] = [];
  const announce = (a: SiteAnnouncement) => announced.push(a);

  before(async () => {
    const marked = transformSites(SOURCE);
    assert.ok(marked, 'the module is transformed');
    writeFileSync(file, marked);
    installSiteRegistry();
    ({ callOnce } = (await import(pathToFileURL(file).href)) as { callOnce: typeof callOnce });
  });
  beforeEach(() => {
    // A new run: every place is numbered afresh.
    forgetSites();
    announced = [];
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the marked call, then the same call found on the stack: one number, one announcement', () => {
    const twoMessages = (): [number | undefined, number | undefined] => [
      takeMarkedSite(announce),
      // The slot is empty now: a second message of the call finds its place on the stack.
      callSite(twoMessages, announce),
    ];
    const [marked, captured] = callOnce(twoMessages);
    assert.equal(typeof marked, 'number');
    assert.equal(captured, marked, 'the capture found the number of the marked place');
    assert.deepEqual(
      announced.map(({ file: f, line, col }) => ({ file: f, line, col })),
      [{ file, line: 2, col: 10 }],
      'the place is announced once',
    );
  });

  it('the same call found on the stack first, then marked: one number, one announcement', () => {
    const captureFirst = (): [number | undefined, number | undefined] => {
      const captured = callSite(captureFirst, announce);
      return [takeMarkedSite(announce), captured];
    };
    const [marked, captured] = callOnce(captureFirst);
    assert.equal(typeof captured, 'number');
    assert.equal(marked, captured);
    assert.equal(announced.length, 1, JSON.stringify(announced));
    assert.deepEqual([announced[0].line, announced[0].col], [2, 10]);
  });
});
