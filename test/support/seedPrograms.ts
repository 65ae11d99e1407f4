/**
 * The seed tutorial's six Python programs, read from the seed file at test time (nothing of the
 * seed is copied into the project). The seed sits beside the repository in `shared/seed`; the
 * environment variable CONCURRENCY_LABS_SEED_DIR may name another folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './build';

export interface SeedPrograms {
  /** The six programs in the tutorial's order: 1.1, 1.2, 2.1, 3, 4.2, 4.3. */
  programs: string[];
  /** The content of data.json the tutorial gives for 1.1 and 1.2. */
  dataJson: string;
}

function seedFile(): string | null {
  const dirs = [
    process.env.CONCURRENCY_LABS_SEED_DIR,
    join(REPO, '..', 'shared', 'seed'),
    join(REPO, '..', '..', 'shared', 'seed'),
  ];
  for (const dir of dirs) {
    if (!dir || !existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (readFileSync(path, 'utf8').includes('```python')) return path;
    }
  }
  return null;
}

/** The programs, or null when the seed is not on this machine. */
export function seedPrograms(): SeedPrograms | null {
  const file = seedFile();
  if (!file) return null;
  const text = readFileSync(file, 'utf8');
  // The page's non-breaking spaces (U+00A0) are the only change: plain python3 refuses them too.
  const programs = [...text.matchAll(/```python\n([\s\S]*?)```/g)].map((m) =>
    m[1].replace(/\u00a0/g, ' '),
  );
  const data = /```\n(\{[\s\S]*?\})\s*```/.exec(text);
  if (programs.length !== 6 || !data) throw new Error(`${file}: not the six programs expected`);
  return { programs, dataJson: data[1].trim() };
}
