"""The owner's side of a brokered Pool's results (pools.py): AsyncResult (ApplyResult, MapResult),
the imap iterators, and the thread that runs callbacks. Each wait is a `pool.result` request, so
the timeline shows who waited for which job and for how long."""
import collections
import queue as _stdqueue
import threading

from multiprocessing.context import TimeoutError  # noqa: A004 - multiprocessing's own

from . import runtime, values


def _exception(error):
    """The exception a task raised, rebuilt from its pickle (with CPython's RemoteTraceback as its
    cause), or, for an error the runner made, the Python exception it names."""
    if isinstance(error, dict) and 'value' in error:
        try:
            return values.decode(error['value'])
        except Exception as err:  # noqa: BLE001 - an exception that cannot be unpickled here
            return err
    try:
        runtime.raise_as_python(runtime.RunnerError(error.get('name', 'Error'),
                                                    error.get('message', '')))
    except Exception as err:  # noqa: BLE001 - raise_as_python always raises
        return err


def _ask(pool, job, mode, timeout, **fields):
    if timeout is not None:
        fields['timeoutSec'] = max(0.0, float(timeout))
    try:
        return runtime.request('pool.result', ref=pool._ref, job=job, mode=mode, **fields)
    except runtime.RunnerError as err:
        runtime.raise_as_python(err)


class ApplyResult:
    """apply_async's result: one call, its value (or error) the first of the job's results."""

    def __init__(self, pool, job, callback=None, error_callback=None):
        self._pool = pool
        self._job = job
        self._callback = callback
        self._error_callback = error_callback
        #: (ok, value or exception) once known here.
        self._outcome = None
        #: The job failed before it was sent (a pickling error): the runner does not know it.
        self._unsent = False
        #: Set once the callback (if any) has run: CPython sets the result after it.
        self._called = threading.Event()
        if not self._wants_callback():
            self._called.set()

    def _wants_callback(self):
        return self._callback is not None or self._error_callback is not None

    def _convert(self, reply):
        if reply.get('ok'):
            return True, self._value_of([values.decode(v) for v in reply.get('value') or []])
        return False, _exception(reply.get('error') or {})

    @staticmethod
    def _value_of(results):
        return results[0] if results else None

    def _fail_now(self, err):
        """The job could not be sent (a pickling error): it failed, as CPython's task handler
        sets it."""
        self._outcome = (False, err)
        self._unsent = True
        if self._error_callback is not None:
            self._error_callback(err)
        self._called.set()

    def _run_callback(self, done):
        if self._outcome is None:
            self._outcome = self._convert(done)
        ok, value = self._outcome
        try:
            if ok and self._callback is not None:
                self._callback(value)
            elif not ok and self._error_callback is not None:
                self._error_callback(value)
        finally:
            self._called.set()

    def _asks(self):
        """Whether a wait asks the runner: while the outcome is unknown here, and always under a
        controlled schedule (the result thread may or may not have read the answer yet: only the
        runner's answer is the schedule's), except for a job that was never sent."""
        return self._outcome is None or (not self._unsent and runtime.controlled())

    def _wait_reply(self, mode, timeout):
        if self._asks():
            reply = _ask(self._pool, self._job, mode, timeout)
            if not reply.get('done'):
                return False
            if self._outcome is None:
                self._outcome = self._convert(reply)
        self._called.wait()
        return True

    def ready(self):
        if self._asks():
            reply = _ask(self._pool, self._job, 'peek', None)
            if not reply.get('done'):
                return False
            self._outcome = self._convert(reply)
        return self._called.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError('{0!r} not ready'.format(self))
        return self._outcome[0]

    def wait(self, timeout=None):
        self._wait_reply('wait', timeout)

    def get(self, timeout=None):
        if not self._wait_reply('get', timeout):
            raise TimeoutError
        ok, value = self._outcome
        if ok:
            return value
        raise value


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    """map_async's and starmap_async's result: every call's value, in order."""

    @staticmethod
    def _value_of(results):
        return results


class IMapIterator:
    """imap's (in order) and imap_unordered's (as they finish) iterator over the job's tasks:
    each `next` waits for one task (`pool.result` with `task`, or `unordered`)."""

    def __init__(self, pool, job, tasks, unordered, chunked):
        self._pool = pool
        self._chunked = chunked
        self._job = job
        self._tasks = tasks
        self._unordered = unordered
        self._taken = 0
        self._failed = None

    def _wants_callback(self):
        return False

    def _fail_now(self, err):
        self._failed = err

    def __iter__(self):
        return self

    def next(self, timeout=None):
        if self._taken >= self._tasks:
            raise StopIteration
        if self._failed is not None:
            # CPython's task generator fails once, at the task it could not send; then it ends.
            self._tasks = self._taken
            raise self._failed
        which = {'unordered': True} if self._unordered else {'task': self._taken}
        reply = _ask(self._pool, self._job, 'get', timeout, **which)
        if not reply.get('done'):
            raise TimeoutError
        self._taken += 1
        if not reply.get('ok'):
            raise _exception(reply.get('error') or {})
        results = [values.decode(v) for v in reply.get('value') or []]
        # A task of one call is one item; a chunk (chunksize > 1) is its list, as in CPython.
        return results if self._chunked else results[0]

    __next__ = next


class Callbacks:
    """The owner's result handler (CPython's _handle_results thread): runs each job's callback or
    error_callback, in the order the jobs finished, when the runner's poolDone comes."""

    def __init__(self):
        self._results = {}
        self._inbox = None
        self._lock = threading.Lock()

    def expect(self, pool, result):
        with self._lock:
            self._results[result._job] = result
            if self._inbox is None:
                self._inbox = _stdqueue.Queue()
                threading.Thread(target=self._loop, name='cl-pool-results', daemon=True).start()

    def deliver(self, done):
        with self._lock:
            result = self._results.pop(done.get('job'), None)
            inbox = self._inbox
        if result is not None and inbox is not None:
            inbox.put((result, done))

    def _loop(self):
        while True:
            result, done = self._inbox.get()
            try:
                result._run_callback(done)
            except Exception:  # noqa: BLE001 - CPython's handler goes on after a failing callback
                import traceback

                traceback.print_exc()
            finally:
                self._inbox.task_done()

    def drain(self):
        """Waits until every callback delivered so far has run."""
        inbox = self._inbox
        if inbox is not None:
            inbox.join()
