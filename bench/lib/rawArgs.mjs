// The command line the raw transport benches share (bench/raw): `<mode> [--clients N] [--ops N]
// [--warmup N] …`. The parent starts each client as `child <mode>` with the same options, so
// both sides read one command line the same way.
import { parseArgs } from 'node:util';

/**
 * This process's mode, its options as numbers (`clients`, `ops`, `warmup` and those of `more`,
 * each option's name → its default), and `rest`, the command line after the mode, to hand on to
 * a child.
 */
export function rawArgs(more = {}) {
  const [mode, ...rest] = process.argv.slice(2);
  const defaults = { clients: '1', ops: '5000', warmup: '500', ...more };
  const options = Object.fromEntries(
    Object.entries(defaults).map(([name, value]) => [name, { type: 'string', default: value }]),
  );
  const { values } = parseArgs({ args: rest, allowPositionals: true, options });
  const numbers = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v)]));
  return { mode, rest, ...numbers };
}

/**
 * Runs a raw bench: the client's part for `child <mode>`, the parent's `run(mode)` for one of
 * `modes`, and otherwise prints `usage` and exits with 2.
 */
export function runRawBench({ mode, rest }, { modes, run, child, usage }) {
  if (mode === 'child') child(rest[0]);
  else if (modes.includes(mode))
    run(mode).catch((e) => {
      console.error(e);
      process.exit(1);
    });
  else {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
}
