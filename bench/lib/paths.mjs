// Where things are, relative to this file: the bench runs from any working directory.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO = dirname(BENCH);
export const lab = (name) => join(BENCH, 'labs', name);
export const py = (name) => join(BENCH, 'py', name);
export const raw = (name) => join(BENCH, 'raw', name);
