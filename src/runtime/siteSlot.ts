/**
 * The call-site slot: a transformed lab module (siteTransform.ts) marks the site of each call
 * right before making it, and the runtime method it calls takes the mark. Marks are numbers in
 * a per-module table made at load time; a place gets its process-wide site number (and its
 * `site` notice) the first time a brokered call from it takes its mark.
 *
 * A mark is good only during the synchronous run of the code that made it: it is dropped at the
 * end of the current microtask turn, so a runtime method resumed after an `await` (a join after
 * its start finished) never takes the mark of a later, unrelated call. Such a method and code we
 * did not transform find the slot empty and capture the stack instead (callSite.ts).
 */
import { fileURLToPath } from 'node:url';
import { forgetCapturedSites, newSite, type Announce } from './callSite';
import { SITE_REGISTRY_KEY } from './siteRegistryKey';

/** Spread by `f(...__cl$site0(n))`: nothing, and the same nothing each time. */
const NO_ARGUMENTS: readonly never[] = Object.freeze([]);

/** One entry per call of the module: line, column (both from 1), and the function's name. */
type SiteEntry = [number, number, string?];

let markedFile: ModuleSites | null = null;
let markedIndex = 0;
/** A site number already known, put in the slot by the runtime itself (`presetSite`). */
let presetNumber: number | undefined;
let dropQueued = false;
/** Runs with the queued drop (`atEndOfTurn`), or null. */
let withDrop: (() => void) | null = null;

function dropMark(): void {
  markedFile = null;
  presetNumber = undefined;
  dropQueued = false;
  const then = withDrop;
  if (then !== null) {
    withDrop = null;
    then();
  }
}

/** Settled once: a reaction to it runs at the end of the current microtask turn. */
const SETTLED = Promise.resolve();

/**
 * Runs `fn` at the end of the current microtask turn, with the drop of the mark: the two share
 * one microtask (a mark made in this turn, or in the next one the drop waits behind, queues
 * none of its own). Dropping a mark at the end of any turn is always right: it is taken, if at
 * all, during the synchronous run that made it.
 */
export function atEndOfTurn(fn: () => void): void {
  if (withDrop !== null) {
    void SETTLED.then(fn);
    return;
  }
  withDrop = fn;
  if (!dropQueued) {
    dropQueued = true;
    void SETTLED.then(dropMark);
  }
}

function dropAtEndOfTurn(): void {
  if (dropQueued) return;
  dropQueued = true;
  // A promise reaction rather than queueMicrotask(), which runs the same turn but wraps every
  // callback in an AsyncResource: in a loop of puts that cost more than the mark it drops.
  void SETTLED.then(dropMark);
}

const loadedModules = new Set<ModuleSites>();

/** A reused process starts its next run: every place is announced again when next used. */
export function forgetSites(): void {
  forgetCapturedSites();
  for (const m of loadedModules) m.forget();
  dropMark();
}

/** The sites of one loaded module (one per module instance: a fresh import gets its own). */
export class ModuleSites {
  /** The process's site number of each entry once one of its calls took it (0: not yet). */
  readonly #numbers: number[];
  #path: string | undefined;

  constructor(
    private readonly url: string,
    private readonly entries: SiteEntry[],
  ) {
    this.#numbers = new Array<number>(entries.length).fill(0);
    loadedModules.add(this);
  }

  forget(): void {
    this.#numbers.fill(0);
  }

  /** The process's site number of entry `n`, announced the first time it is asked for. */
  numberOf(n: number, announce: Announce): number | undefined {
    const known = this.#numbers[n];
    if (known !== undefined && known > 0) return known;
    const entry = this.entries[n];
    if (!entry) return undefined;
    this.#path ??= this.url.startsWith('file:') ? fileURLToPath(this.url) : this.url;
    const [line, col, fn] = entry;
    const site = newSite({ file: this.#path, line, col, fn }, announce);
    if (site !== undefined) this.#numbers[n] = site;
    return site;
  }
}

/** Called by a module right before its call number `n` (its table is `sites`). */
function markCall(sites: ModuleSites, n: number): readonly never[] {
  markedFile = sites;
  markedIndex = n;
  presetNumber = undefined;
  if (!dropQueued) dropAtEndOfTurn();
  return NO_ARGUMENTS;
}

/**
 * The site marked for the call being made now, taken (a second message of the same call, or
 * a later call, does not find it); undefined when nothing is marked.
 */
export function takeMarkedSite(announce: Announce): number | undefined {
  if (presetNumber !== undefined) {
    const site = presetNumber;
    presetNumber = undefined;
    return site;
  }
  const file = markedFile;
  if (file === null) return undefined;
  markedFile = null;
  return file.numberOf(markedIndex, announce);
}

/**
 * Gives the next call the site `site` (a runtime method making a call on its caller's behalf:
 * withLock's acquire and release); undefined empties the slot, so that call captures its site.
 */
export function presetSite(site: number | undefined): void {
  markedFile = null;
  presetNumber = site;
  if (site !== undefined) dropAtEndOfTurn();
}

/** Installs the registry transformed modules ask for their table (the lab host, before loading). */
export function installSiteRegistry(): void {
  const registry = {
    file: (url: string, entries: SiteEntry[]) => {
      const sites = new ModuleSites(url, entries);
      return { mark: (n: number) => markCall(sites, n) };
    },
  };
  (globalThis as Record<symbol, unknown>)[Symbol.for(SITE_REGISTRY_KEY)] = registry;
}
