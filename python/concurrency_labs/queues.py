"""multiprocessing's Queue, JoinableQueue and SimpleQueue, brokered: the runner holds the items
(docs/protocol.md, queue.*), so a put blocks on a full queue and a get on an empty one exactly
when the runner says, and the timeline shows every item. Items travel as values.py encodes them."""
import itertools
import queue as _queue

from . import leases, runtime, values

_names = itertools.count(1)


def _timeout_fields(block, timeout):
    fields = {'block': bool(block)}
    if block and timeout is not None:
        fields['timeoutSec'] = max(0.0, float(timeout))
    return fields


class Queue:
    _joinable = False

    def __init__(self, maxsize=0, *, ctx=None):
        if maxsize <= 0:
            maxsize = 0
        self._maxsize = int(maxsize)
        self._cl_ref = None
        self._cl_label = f'{type(self).__name__} {next(_names)}'
        self._closed = False
        if runtime.connected():
            self._ref()  # now, so that forked children share it (see sync.py)

    def _ref(self):
        if self._cl_ref is None:
            self._cl_ref = runtime.new_ref()
            runtime.notice('queue.create', ref=self._cl_ref, maxsize=self._maxsize,
                           joinable=self._joinable, name=self._cl_label)
        return self._cl_ref

    def _call(self, op, **fields):
        try:
            return runtime.request(op, ref=self._ref(), **fields)
        except runtime.RunnerError as err:
            runtime.raise_as_python(err)

    def _check_closed(self):
        if self._closed:
            raise ValueError(f'Queue {self!r} is closed')

    def put(self, obj, block=True, timeout=None):
        self._check_closed()
        value = values.encode(obj)
        if self._maxsize == 0 and not runtime.controlled():
            # Unbounded: a put never waits, so it is a notice (the runner keeps the order), and
            # puts in a row may leave together (wire.py): a getter waits for one at most ~1 ms more.
            # Under a controlled schedule every put is a scheduling point, so a request.
            runtime.notice_held_value('queue.put', self._ref(), value)
            return
        self._call('queue.put', value=value, **_timeout_fields(block, timeout))

    def get(self, block=True, timeout=None):
        self._check_closed()
        ref = self._ref()
        leased = leases.take(ref)
        if leased is not None:
            return values.decode(leased[0])
        with leases.asking(ref):
            return values.decode(self._call('queue.get', **_timeout_fields(block, timeout)))

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return self._call('queue.query', what='qsize')

    def empty(self):
        return self._call('queue.query', what='empty')

    def full(self):
        return self._call('queue.query', what='full')

    def close(self):
        self._closed = True

    def join_thread(self):
        assert self._closed, f'Queue {self!r} not closed'

    def cancel_join_thread(self):
        pass

    def __reduce__(self):
        return (_rebuild, (type(self), self._ref(), self._maxsize, self._cl_label))

    def __repr__(self):
        return f'<{self._cl_label}>'


def _rebuild(cls, ref, maxsize, label):
    obj = cls.__new__(cls)
    obj._maxsize = maxsize
    obj._cl_ref = ref
    obj._cl_label = label
    obj._closed = False
    return obj


class JoinableQueue(Queue):
    _joinable = True

    def put(self, obj, block=True, timeout=None):
        self._check_closed()
        # Always a request: a task counted before put() returns, so join() sees it.
        self._call('queue.put', value=values.encode(obj), **_timeout_fields(block, timeout))

    def task_done(self):
        try:
            runtime.request('queue.taskDone', ref=self._ref())
        except runtime.RunnerError:
            raise ValueError('task_done() called too many times') from None

    def join(self):
        self._call('queue.join')


class SimpleQueue(Queue):
    """Closed, its pipe's handles are closed: put, get and empty raise OSError, as CPython's."""

    def __init__(self, *, ctx=None):
        super().__init__(0)

    def _check_closed(self):
        if self._closed:
            raise OSError('handle is closed')

    def get(self):
        return super().get(True)

    def put(self, obj):
        return super().put(obj)

    def empty(self):
        self._check_closed()
        return super().empty()


Empty = _queue.Empty
Full = _queue.Full
