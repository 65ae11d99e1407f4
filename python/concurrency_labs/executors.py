"""concurrent.futures.ProcessPoolExecutor on the runner's pool broker (pools.py, the adopt form):
its workers are Python's own processes under the executor's context (named SpawnProcess-N and
so on, as CPython leaves them), each submit is a job of one task that the runner hands to a
worker, and the runner's poolDone settles the Future in the owner. boot.py puts this class in
concurrent.futures.process when the script first imports it."""
import itertools
import os
import threading
from concurrent.futures import TimeoutError, _base  # noqa: A004 - concurrent.futures' own
from functools import partial

from . import poolresults, pools, runtime, values

_names = itertools.count(1)
_registered = []


class _WorkerPool(pools.Pool):
    _renames_workers = False
    _daemon_workers = False
    _futures_errors = True


#: Executors not shut down yet: their workers are not daemons, so the script's exit ends them
#: (CPython's concurrent.futures.process._python_exit does).
_open = set()


def _close_all():
    # A worker forked from the owner has copies of the owner's executors: not its own to close
    # (and the copy of a lock held while it was forked would never be released).
    for executor in list(_open):
        if executor._owner_pid == os.getpid():
            executor.shutdown(wait=False)


def _register_exit():
    register = getattr(threading, '_register_atexit', None)
    if register is not None:
        register(_close_all)
    else:
        import atexit

        atexit.register(_close_all)


class _Future(_base.Future):
    """A Future whose result() and exception() wait through the runner (`pool.result`), so that
    the wait is on the timeline and a controlled schedule sees the owner waiting."""

    _cl_pool = None
    _cl_job = None

    def _wait_brokered(self, timeout):
        # Whether this Future is done yet depends on when the owner's result thread read the
        # runner's answer: under a controlled schedule every wait asks the runner, whose answer the
        # schedule decides, so that one seed gives one log.
        if self._cl_pool is None or (self.done() and not runtime.controlled()):
            return
        reply = poolresults._ask(self._cl_pool, self._cl_job, 'wait', timeout)
        if not reply.get('done'):
            raise TimeoutError()

    def result(self, timeout=None):
        self._wait_brokered(timeout)
        # The runner has the result: the owner's result handler settles this at once.
        return super().result()

    def exception(self, timeout=None):
        self._wait_brokered(timeout)
        return super().exception()


class _FutureResult:
    """One submit's Future, settled when the runner says the job is done (poolDone)."""

    def __init__(self, executor, future, job):
        self._executor = executor
        self._future = future
        self._job = job

    def _wants_callback(self):
        return True

    def _fail_now(self, err):
        # Never sent: the runner does not know the job, so no wait asks it.
        self._future._cl_pool = None
        self._future.set_exception(err)

    def _run_callback(self, done):
        self._executor._task_finished()
        if done.get('ok'):
            results = [values.decode(v) for v in done.get('value') or []]
            self._future.set_result(results[0] if results else None)
        else:
            self._future.set_exception(poolresults._exception(done.get('error') or {}))


class ProcessPoolExecutor(_base.Executor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *,
                 max_tasks_per_child=None):
        import multiprocessing as mp

        if max_workers is None:
            max_workers = os.cpu_count() or 1
        elif max_workers <= 0:
            raise ValueError('max_workers must be greater than 0')
        if mp_context is None:
            mp_context = mp.get_context('spawn' if max_tasks_per_child is not None else None)
        self._mp_context = mp_context
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        if max_tasks_per_child is not None:
            if not isinstance(max_tasks_per_child, int):
                raise TypeError('max_tasks_per_child must be an integer')
            elif max_tasks_per_child <= 0:
                raise ValueError('max_tasks_per_child must be >= 1')
            if mp_context.get_start_method(allow_none=False) == 'fork':
                raise ValueError("max_tasks_per_child is incompatible with"
                                 " the 'fork' multiprocessing start method;"
                                 " supply a different mp_context.")
        self._max_workers = max_workers
        self._initializer = initializer
        self._initargs = initargs
        self._max_tasks_per_child = max_tasks_per_child
        # As CPython: under fork every worker starts with the first submit; otherwise one more
        # with each submit that finds no idle worker, up to max_workers.
        self._all_at_once = mp_context.get_start_method(allow_none=False) == 'fork'
        self._idle = 0
        self._pool = None
        self._shutdown_thread = False
        self._shutdown_lock = threading.Lock()
        self._owner_pid = os.getpid()

    def _brokered(self):
        if self._pool is None:
            if not _open and not _registered:
                _registered.append(True)
                _register_exit()
            _open.add(self)
            self._pool = _WorkerPool(self._max_workers, self._initializer, self._initargs,
                                     self._max_tasks_per_child, self._mp_context,
                                     name=f'ProcessPoolExecutor {next(_names)}',
                                     start_workers=False)
        return self._pool

    def _task_finished(self):
        with self._shutdown_lock:
            self._idle += 1

    def _adjust_process_count(self, pool):
        started = len(pool._pool)
        if self._all_at_once:
            for _ in range(self._max_workers - started):
                pool._start_worker()
        elif self._idle > 0:
            self._idle -= 1
        elif started < self._max_workers:
            pool._start_worker()

    def submit(self, fn, /, *args, **kwargs):
        return self._submit(fn, args, kwargs)

    submit.__doc__ = _base.Executor.submit.__doc__

    def _submit(self, fn, args, kwargs, name=None):
        with self._shutdown_lock:
            if self._shutdown_thread:
                raise RuntimeError('cannot schedule new futures after shutdown')
            pool = self._brokered()
            future = _Future()
            # The runner has the task from now on: it runs even if cancelled (see the README).
            future.set_running_or_notify_cancel()
            call = partial(fn, **kwargs) if kwargs else fn
            self._adjust_process_count(pool)
        result = _FutureResult(self, future, next(pool._jobs))
        future._cl_pool, future._cl_job = pool, result._job
        pool._submit(call, 'apply', [[tuple(args)]], result, name)
        return future

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        from concurrent.futures import process as native

        if chunksize < 1:
            raise ValueError('chunksize must be >= 1.')
        name = getattr(fn, '__qualname__', None) or type(fn).__name__
        chunks = native._get_chunks(*iterables, chunksize=chunksize)
        futures = [self._submit(partial(native._process_chunk, fn), (chunk,), {}, name)
                   for chunk in chunks]
        return native._chain_from_iterable_of_lists(self._results(futures, timeout))

    @staticmethod
    def _results(futures, timeout):
        """Executor.map's generator over futures already submitted."""
        import time

        end = None if timeout is None else timeout + time.monotonic()
        futures.reverse()
        try:
            while futures:
                if end is None:
                    yield futures.pop().result()
                else:
                    yield futures.pop().result(end - time.monotonic())
        finally:
            for future in futures:
                future.cancel()

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown_thread = True
            pool = self._pool
            _open.discard(self)
        if pool is None:
            return
        pool.close()
        if wait:
            pool.join()

    shutdown.__doc__ = _base.Executor.shutdown.__doc__


def install(module):
    """Puts the brokered executor in concurrent.futures.process, just imported."""
    module.ProcessPoolExecutor = ProcessPoolExecutor
