// The ESM face of the runtime: a lab file's `import … from 'concurrency-labs'` resolves here.
// It re-exports the one runtime instance the lab process's host loaded, so there is one channel.
const runtime = globalThis[Symbol.for('concurrency-labs.runtime')];
if (!runtime) {
  throw new Error(
    'concurrency-labs: a lab file runs only inside a lab run (for example: node dist/cli.js run my.lab.mjs)',
  );
}

export const {
  defineLab,
  isLabDefinition,
  Process,
  activeChildren,
  cpuCount,
  Lock,
  RLock,
  Semaphore,
  BoundedSemaphore,
  Event,
  Condition,
  Barrier,
  Queue,
  JoinableQueue,
  sharedJson,
  SharedJson,
  Empty,
  Full,
  ValueError,
  AssertionError,
  BrokenBarrierError,
  JSONDecodeError,
  sleep,
  print,
  random,
  randint,
  currentProcess,
  lang,
  l,
} = runtime;
export default runtime;
