/**
 * The module hooks of a lab process (bundled as dist/labHooks.mjs; Node runs them on its loader
 * thread). `resolve`: `import … from 'concurrency-labs'` in a learner's lab file resolves to this
 * very runtime, with nothing installed in their workspace. `load`: each ES module of lab code
 * (the lab file and the learner's modules it imports, not node_modules, not the runtime) gets its
 * call sites marked (siteTransform.ts). The transform is made once per run for each module's
 * text and kept in the run's folder; when it fails, the module loads as it is.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { InitializeHook, LoadHook, ResolveHook } from 'node:module';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { transformSites } from './siteTransform';

export interface LabHooksData {
  /** The specifier lab code imports the runtime by, and where that resolves. */
  packageName: string;
  runtimeUrl: string;
  /** Our bundles' folder: nothing in it is lab code except the built-in labs (`labs/`). */
  distDir: string;
  /** Whether call sites are marked (off: `CONCURRENCY_LABS_SITES=0`). */
  markSites: boolean;
  /** Where transformed modules are kept for the other processes of the run (none: not kept). */
  cacheDir?: string;
  /**
   * The transform's own bundle (dist/siteTransform.mjs, with acorn), loaded only by a process
   * that finds no transform of its module kept: most of a run's processes never load it.
   */
  transformUrl: string;
}

/** Changes whenever the transform's output would: a cached text of another version is not used. */
const TRANSFORM_VERSION = '1';

let settings: LabHooksData | null = null;
/** This process's transforms by text (a reused process loads its lab afresh for each run). */
const made = new Map<string, string | null>();

export const initialize: InitializeHook<LabHooksData> = (data) => {
  settings = data;
};

export const resolve: ResolveHook = (specifier, context, next) => {
  if (settings && specifier === settings.packageName)
    return { url: settings.runtimeUrl, shortCircuit: true };
  return next(specifier, context);
};

export const load: LoadHook = async (url, context, next) => {
  const loaded = await next(url, context);
  if (!settings?.markSites || loaded.format !== 'module' || !isLabCode(url, settings))
    return loaded;
  const { source } = loaded;
  if (source === undefined || source === null) return loaded;
  const text = typeof source === 'string' ? source : Buffer.from(source as Uint8Array).toString();
  let marked = made.get(text);
  if (marked === undefined) made.set(text, (marked = await cachedTransform(text, settings)));
  return marked === null ? loaded : { ...loaded, source: marked };
};

/**
 * A file of the learner's (or a built-in lab): not a package, not our runtime, and never the
 * transform itself (its import comes through these hooks too: marking it would wait for itself).
 */
function isLabCode(url: string, { distDir, transformUrl }: LabHooksData): boolean {
  if (!url.startsWith('file:') || url === transformUrl) return false;
  const path = fileURLToPath(url.replace(/[?#].*$/, ''));
  if (path.split(sep).includes('node_modules')) return false;
  return !path.startsWith(distDir + sep) || path.startsWith(join(distDir, 'labs') + sep);
}

/**
 * The transform of `text`, from the run's folder when another process made it; null when the
 * module is to load as it is. The folder is a speed-up only: any trouble with it is ignored.
 */
async function cachedTransform(text: string, hooks: LabHooksData): Promise<string | null> {
  const { cacheDir } = hooks;
  if (!cacheDir) return transform(text, hooks);
  const key = createHash('sha256').update(TRANSFORM_VERSION).update(text).digest('hex');
  const file = join(cacheDir, `${key}.mjs`);
  try {
    const kept = readFileSync(file, 'utf8');
    // An empty file: this text was tried and is loaded as it is.
    return kept.length === 0 ? null : kept;
  } catch {
    // not made yet
  }
  const marked = await transform(text, hooks);
  try {
    mkdirSync(cacheDir, { recursive: true });
    // Written whole under another name, then renamed: a reader never sees half a file.
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, marked ?? '');
    renameSync(partial, file);
  } catch {
    // kept for nobody; this process has its transform
  }
  return marked;
}

let loadedTransform: Promise<typeof transformSites> | null = null;

/** The transform of `text`; null (load it as it is) when the transform fails in any way. */
async function transform(text: string, hooks: LabHooksData): Promise<string | null> {
  try {
    loadedTransform ??= import(hooks.transformUrl).then(
      (m: { transformSites: typeof transformSites }) => m.transformSites,
    );
    return (await loadedTransform)(text);
  } catch {
    return null;
  }
}
