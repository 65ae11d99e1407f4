"""multiprocessing's Semaphore, BoundedSemaphore and Event, brokered (docs/protocol.md, sem.* and
event.*): the runner holds the counter and the flag, so a waiter waits exactly until the runner
lets it go, and the timeline shows the count and who waits."""
from . import runtime
from .sync import _Brokered


def _timeout_fields(block, timeout):
    fields = {'block': bool(block)}
    if block and timeout is not None:
        fields['timeoutSec'] = max(0.0, float(timeout))
    return fields


def _wait_fields(timeout):
    return {} if timeout is None else {'timeoutSec': max(0.0, float(timeout))}


class Semaphore(_Brokered):
    _kind = 'Semaphore'
    _bounded = False

    def __init__(self, value=1, *, ctx=None):
        # As _multiprocessing.SemLock: an integer (bool is one), never negative.
        if not isinstance(value, int):
            raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
        if value < 0:
            raise ValueError('invalid value')
        self._value = int(value)
        super().__init__()

    def _announce(self):
        runtime.notice('sem.create', ref=self._cl_ref, value=self._value,
                       bounded=self._bounded, name=self._cl_label)

    def _state(self):
        return self._value

    def _after_rebuild(self, state):
        self._value = state

    def acquire(self, block=True, timeout=None):
        return self._call('sem.acquire', **_timeout_fields(block, timeout))

    def release(self):
        self._call('sem.release')

    def get_value(self):
        return self._call('sem.value')

    def __repr__(self):
        return f'<{self._kind}({self._cl_label}, value={self.get_value()})>'


class BoundedSemaphore(Semaphore):
    """Released past its initial value, it raises ValueError (the runner refuses the release)."""

    _kind = 'BoundedSemaphore'
    _bounded = True


class Event(_Brokered):
    _kind = 'Event'

    def _announce(self):
        runtime.notice('event.create', ref=self._cl_ref, name=self._cl_label)

    def _after_rebuild(self, state):
        pass

    def is_set(self):
        return self._call('event.isSet')

    def set(self):
        self._call('event.set')

    def clear(self):
        self._call('event.clear')

    def wait(self, timeout=None):
        return self._call('event.wait', **_wait_fields(timeout))

    def __repr__(self):
        return f'<Event({self._cl_label}, {"set" if self.is_set() else "unset"})>'
