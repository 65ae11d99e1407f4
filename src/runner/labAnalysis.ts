/**
 * The built-in labs' analysis (each lab's outcome, check and narration, in two languages) is the
 * largest part of what the runner would carry, and grows with every lab of the course, so it is
 * a bundle of its own, dist/labAnalysis.js, loaded the first time a run names a built-in lab.
 * Run from source (the tests), the module itself is loaded.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

type Catalog = typeof import('../labs/analysis/catalog');

/** Where the catalog is when the runner runs from source (a path the bundler leaves alone). */
const SOURCE = '../labs/analysis/catalog';
export const LAB_ANALYSIS_BUNDLE = 'labAnalysis.js';

let loaded: Catalog | null = null;

export function labAnalysis(): Catalog {
  if (!loaded) {
    const bundle = join(__dirname, LAB_ANALYSIS_BUNDLE);
    const load = createRequire(__filename);
    loaded = (existsSync(bundle) ? load(bundle) : load(SOURCE)) as Catalog;
  }
  return loaded;
}
