/**
 * A Pipe's end passed on through a Queue, a SimpleQueue or another Pipe, against CPython: the
 * process that receives the end holds it (and the sender's copy holds it while it is on its
 * way), so EOFError comes when every holder has closed it or exited. The lab and its Python twin
 * print the same probes, and both must give the outcomes below.
 */
import { itMatchesCPython } from '../support/twinProbes';

/** What CPython 3.11 prints for test/fixtures/python/pipe_holders.py. */
const CPYTHON = {
  // Main closed its copy; the child that got the end from the queue held it until it exited.
  queuedEnd: ['from child', false, true, 'EOFError'],
  // Closed by the sender while it waited in the queue: no EOF until the taker exited.
  endInTransit: [false, 'taken', true, 'EOFError'],
  pipedEnd: ['via pipe', true, 'EOFError'],
};

describe('semantics: a pipe end passed on is held by the process that receives it', function () {
  this.timeout(240_000);

  itMatchesCPython({
    python: 'pipe_holders.py',
    lab: 'pipe-holders.lab.mjs',
    table: CPYTHON,
    kinds: ['pipe.eof', 'pipe.close'],
  });
});
