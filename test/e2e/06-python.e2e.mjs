// A Python script from the workspace: open it, click "Run Python File as Lab" above its
// multiprocessing import (the CodeLens; the editor title has the same button), and the timeline
// shows its processes, the lock they share and the queue items, as for a JavaScript lab.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { painted, quickOpen, screenshot, timelineProbe, waitForFrame } from './workbench.mjs';

export const phase = 'dev';
export const title = 'Run Python File as Lab from the editor: 4 lanes, lock and queue';

const SCRIPT = `import time
from multiprocessing import Lock, Process, Queue


def worker(lock, results, n):
    with lock:
        time.sleep(0.5)
        results.put(f'worker {n} done')


if __name__ == '__main__':
    lock, results = Lock(), Queue()
    workers = [Process(target=worker, args=(lock, results, n)) for n in range(3)]
    for w in workers:
        w.start()
    for _ in workers:
        print(results.get())
    for w in workers:
        w.join()
`;

export async function scenario({ page, outDir, workspace }) {
  const script = join(workspace, 'workers.py');
  writeFileSync(script, SCRIPT);
  try {
    await quickOpen(page, 'workers.py');
    await page
      .locator('.editor-actions a[aria-label^="Run Python File as Lab"]')
      .first()
      .waitFor({ timeout: 20_000 });
    await page
      .locator('.codelens-decoration a', { hasText: 'Run Python File as Lab' })
      .first()
      .click({
        timeout: 30_000,
      });
    const { frame, value } = await waitForFrame(
      page,
      timelineProbe,
      (s) => s.mode === 'panel' && s.ended && s.lanes === 4 && /worker 2 done/.test(s.text),
      { timeout: 90_000, what: 'the timeline of workers.py with 4 lanes' },
    );
    if (!/workers\.py/.test(value.text))
      throw new Error(`the timeline names no script: ${value.text}`);
    await painted(frame);
    await painted(page);
    await screenshot(page, outDir, 'timeline-python');
  } finally {
    rmSync(script, { force: true });
  }
}
