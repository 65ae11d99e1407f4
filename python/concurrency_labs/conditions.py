"""multiprocessing's Condition and Barrier, brokered (docs/protocol.md, cond.* and barrier.*).
A Condition's wait releases its lock in the runner and takes it back there before it returns,
so the timeline shows the wait, the notify and the wake; a Barrier counts its arrivals in the
runner, and its action runs in the process that arrives last, as in CPython."""
import threading

from . import runtime
from .semaphores import _wait_fields
from .sync import RLock, _Brokered


class Condition(_Brokered):
    _kind = 'Condition'

    def __init__(self, lock=None, *, ctx=None):
        # CPython: `lock or ctx.RLock()`; a lock that is not ours cannot be brokered.
        self._lock = lock or RLock()
        if not isinstance(self._lock, _Brokered):
            raise TypeError(f'Condition() needs a multiprocessing Lock or RLock, not {lock!r}')
        super().__init__()

    def _announce(self):
        runtime.notice('cond.create', ref=self._cl_ref, lock=self._lock._ref(),
                       name=self._cl_label)

    def _state(self):
        return self._lock

    def _after_rebuild(self, state):
        self._lock = state

    def acquire(self, block=True, timeout=None):
        return self._lock.acquire(block, timeout)

    def release(self):
        self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def _wait(self, timeout):
        reply = self._call('cond.wait', **_wait_fields(timeout))
        return reply['notified'], reply['waitedSec']

    def wait(self, timeout=None):
        return self._wait(timeout)[0]

    def wait_for(self, predicate, timeout=None):
        # CPython's loop, its clock the run's: each wait says how long it took in lab time.
        result = predicate()
        left = timeout
        while not result:
            if left is not None and left <= 0:
                break
            _, waited = self._wait(left)
            if left is not None:
                left -= waited
            result = predicate()
        return result

    def notify(self, n=1):
        self._call('cond.notify', n=max(0, int(n)))

    def notify_all(self):
        self._call('cond.notify', n=0, all=True)

    def __repr__(self):
        return f'<Condition({self._cl_label}, {self._lock!r})>'


class Barrier(_Brokered):
    _kind = 'Barrier'

    def __init__(self, parties, action=None, timeout=None, *, ctx=None):
        self._parties = int(parties)
        self._action = action
        self._timeout = timeout
        super().__init__()

    def _announce(self):
        fields = {'ref': self._cl_ref, 'parties': self._parties, 'name': self._cl_label}
        if self._timeout is not None:
            fields['timeoutSec'] = max(0.0, float(self._timeout))
        if self._action is not None:
            fields['action'] = getattr(self._action, '__qualname__', repr(self._action))
        runtime.notice('barrier.create', **fields)

    def _state(self):
        return (self._parties, self._action, self._timeout)

    def _after_rebuild(self, state):
        self._parties, self._action, self._timeout = state

    def wait(self, timeout=None):
        reply = self._call('barrier.wait', **_wait_fields(timeout))
        if reply != 'action':
            return reply
        # The last arrival runs the action before anyone passes; if it raises, the barrier
        # breaks (the others get BrokenBarrierError) and this caller gets the action's error.
        try:
            self._action()
        except BaseException:
            try:
                self._call('barrier.actionDone', ok=False)
            except threading.BrokenBarrierError:
                pass
            raise
        return self._call('barrier.actionDone', ok=True)

    def reset(self):
        self._call('barrier.reset')

    def abort(self):
        self._call('barrier.abort')

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._call('barrier.query', what='nWaiting')

    @property
    def broken(self):
        return self._call('barrier.query', what='broken')

    def __repr__(self):
        return f'<Barrier({self._cl_label}, parties={self._parties})>'
