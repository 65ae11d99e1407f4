"""multiprocessing's Lock and RLock, brokered: the runner holds the lock, so it truly excludes and
the timeline shows who waits for it. A lock passed to a child (pickled for spawn and forkserver,
copied by fork) is a handle to the same runner-side lock."""
import itertools
import os
import threading

from . import runtime
from .wire import LOCK_ACQUIRE, LOCK_RELEASE

_names = itertools.count(1)
#: The refs of the locks this process holds (the runner's `lockLost` says when another process
#: released one, as multiprocessing.Lock allows).
_held = set()


def _on_message(message):
    if isinstance(message, dict) and isinstance(message.get('lockLost'), str):
        _held.discard(message['lockLost'])


def after_fork_in_child():
    """A forked child holds none of its parent's locks."""
    _held.clear()


runtime.state.listeners.append(_on_message)


class _Brokered:
    """Announced to the runner on first use, by whichever process uses it first."""

    _kind = 'Lock'

    def __init__(self, *, ctx=None):
        self._cl_ref = None
        self._cl_label = f'{self._kind} {next(_names)}'
        # Announced now, so that forked children share it; a process that is not part of the run
        # (the forkserver importing the script) announces it on first use instead.
        if runtime.connected():
            self._ref()

    def _ref(self):
        if self._cl_ref is None:
            self._cl_ref = runtime.new_ref()
            self._announce()
        return self._cl_ref

    def _announce(self):
        runtime.notice('lock.create', ref=self._cl_ref, name=self._cl_label)

    def _call(self, op, **fields):
        """A request about this object; a reject raises the Python exception it names."""
        try:
            return runtime.request(op, ref=self._ref(), **fields)
        except runtime.RunnerError as err:
            runtime.raise_as_python(err)

    def _acquire(self, block, timeout):
        ref = self._ref()
        if block and timeout is None:
            got = runtime.lock_request(LOCK_ACQUIRE, ref)  # the common case, without JSON
        else:
            fields = {'ref': ref, 'block': bool(block)}
            if block:
                fields['timeoutSec'] = max(0.0, float(timeout))
            got = runtime.request('lock.acquire', **fields)
        if got:
            _held.add(ref)
        return got

    def _release(self):
        ref = self._ref()
        held = ref in _held
        _held.discard(ref)
        if held and not runtime.controlled():
            # We hold it, so the release cannot fail: sent without waiting for a round trip.
            # Under a controlled schedule it is a scheduling point instead (a request).
            runtime.lock_notice(LOCK_RELEASE, ref)
            return
        try:
            runtime.lock_request(LOCK_RELEASE, ref)
        except runtime.RunnerError:
            raise ValueError('semaphore or lock released too many times') from None

    def __reduce__(self):
        return (_rebuild, (type(self), self._ref(), self._cl_label, self._state()))

    def _state(self):
        """What a copy in another process needs besides the ref (pickled with it)."""
        return None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def _rebuild(cls, ref, label, state=None):
    obj = cls.__new__(cls)
    obj._cl_ref = ref
    obj._cl_label = label
    obj._after_rebuild(state)
    return obj


class Lock(_Brokered):
    _kind = 'Lock'

    def _after_rebuild(self, state):
        pass

    def acquire(self, block=True, timeout=None):
        return self._acquire(block, timeout)

    def release(self):
        self._release()

    def __repr__(self):
        return f'<Lock({self._cl_label})>'


class RLock(_Brokered):
    """Re-entrant: the owning thread of the owning process counts its own re-acquires; the runner
    sees the first acquire and the last release."""

    _kind = 'RLock'

    def __init__(self, *, ctx=None):
        super().__init__()
        self._after_rebuild(None)

    def _after_rebuild(self, state):
        self._owner = None
        self._count = 0

    def _me(self):
        return (os.getpid(), threading.get_ident())

    def acquire(self, block=True, timeout=None):
        if self._owner == self._me():
            self._count += 1
            return True
        if not self._acquire(block, timeout):
            return False
        self._owner = self._me()
        self._count = 1
        return True

    def release(self):
        if self._owner != self._me():
            raise AssertionError('attempt to release recursive lock not owned by thread')
        self._count -= 1
        if self._count == 0:
            self._owner = None
            self._release()

    def __repr__(self):
        return f'<RLock({self._cl_label})>'
