/**
 * Whether this lab process has work of its own pending: a timer, a file read, a socket, a child
 * process; anything that keeps its event loop alive past what the runtime itself holds open (the
 * wire, stdout and stderr). A process blocked in a lock or queue wait that still has such work
 * may yet release the lock or put the item, so the runner asks before it calls a deadlock or hang.
 */

/** Resources that come and go within one turn of the loop: never a reason to wait. */
const TRANSIENT = new Set(['Immediate']);

let baseline: Map<string, number> | null = null;

function countByType(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo())
    counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/** Takes what the runtime holds open before lab code runs: that much is not the lab's own work. */
export function markRuntimeBaseline(): void {
  baseline = countByType();
}

/** True when lab code has something pending that may still make it act. */
export function hasOwnWork(): boolean {
  for (const [type, n] of countByType()) {
    if (TRANSIENT.has(type)) continue;
    if (n > (baseline?.get(type) ?? 0)) return true;
  }
  return false;
}
