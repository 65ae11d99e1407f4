/**
 * The lab wire's synchronous wait for a short reply (wire.ts `awaitShortReply`), reached through
 * this module so that the lab API's modules, and the type declarations the editor reads for them,
 * do not depend on the wire's Node-only code. The lab host installs it once its wire is open; until
 * then, and in any other process, no synchronous wait can be made.
 */

/** Why a synchronous wait for a short reply returned. */
export type ShortReplyWait = 'answered' | 'late' | 'unavailable';

type Wait = (id: number, budgetMs: number) => ShortReplyWait;

let waitOnWire: Wait = () => 'unavailable';

/** Called by the lab host with the wire's own wait. */
export function installShortReplyWait(wait: Wait): void {
  waitOnWire = wait;
}

/** Reads the wire for request `id`'s short reply for at most `budgetMs` (see wire.ts). */
export function awaitShortReply(id: number, budgetMs: number): ShortReplyWait {
  return waitOnWire(id, budgetMs);
}
