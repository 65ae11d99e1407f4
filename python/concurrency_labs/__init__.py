"""The Python runtime of Concurrency Labs: the lab wire (docs/protocol.md) spoken from inside real
CPython processes, with multiprocessing's Process, locks, queues, Value, Array and Pipe, time.sleep,
random, print and open() patched so that every synchronizing operation is brokered by the runner.

Nothing here is imported by user code; sitecustomize.py (one folder up, put on PYTHONPATH by the
runner) loads it into every process of a run before the script runs."""
