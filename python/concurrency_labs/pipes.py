"""multiprocessing.Pipe, brokered (docs/protocol.md, pipe.*): the runner holds the messages in
flight and counts which processes hold each end, as the operating system counts a pipe's
descriptors, so recv() waits exactly until a message is there and raises EOFError once every
process that held the other end has closed it or ended.

A child holds ends from its start: under fork every end its parent held then, under spawn and
forkserver the ends pickled for it (its Process arguments). The parent names them in its
`proc.adopt` (`holds`), so the runner counts them before the child can close one.

As in CPython every message is bytes: send(obj) sends obj pickled and send_bytes(data) the data
itself. Here a message travels as its value (so the timeline shows it), and recv_bytes() pickles
it again; recv() of bytes sent by send_bytes() unpickles them, as CPython's does."""
import weakref

from multiprocessing import context as _context
from multiprocessing.reduction import ForkingPickler

from . import runtime, values

#: Every open Connection of this process: a fork child holds them all.
_open = weakref.WeakSet()
#: While a Process starts under spawn or forkserver: the Connections pickled for it.
_pickled_for_child = [None]
#: Ends whose Connection was garbage-collected (CPython closes its descriptor then): told to the
#: runner before this process's next message, never from inside the collector.
_dropped = []


class RawMessage(bytes):
    """A message sent with send_bytes(): recv() unpickles it, as CPython's does."""

    def __reduce__(self):
        return (RawMessage, (bytes(self),))


class _Pipe:
    """The runner's Pipe, announced on first use (see sync.py)."""

    def __init__(self, duplex, ref=None):
        self.duplex = duplex
        self.ref = ref
        if ref is None and runtime.connected():
            self.announce()

    def announce(self):
        if self.ref is None:
            self.ref = runtime.new_ref()
            runtime.notice('pipe.create', ref=self.ref, duplex=self.duplex)
        return self.ref


def _held_here(ref, end):
    return any(c._pipe.ref == ref and c._end == end and not c._closed for c in list(_open))


def _tell_dropped():
    while _dropped:
        ref, end = _dropped.pop()
        if runtime.state.wire is not None and not _held_here(ref, end):
            runtime.state.wire.notice('pipe.close', ref=ref, end=end)


class Connection:
    """One end of a Pipe: 0 (the reader of a one-way pipe) or 1 (its writer)."""

    def __init__(self, pipe, end, readable, writable):
        self._pipe = pipe
        self._end = end
        self._readable = readable
        self._writable = writable
        self._closed = False
        _open.add(self)

    closed = property(lambda self: self._closed)
    readable = property(lambda self: self._readable)
    writable = property(lambda self: self._writable)

    def _check_closed(self):
        if self._closed:
            raise OSError('handle is closed')

    def _check_readable(self):
        if not self._readable:
            raise OSError('connection is write-only')

    def _check_writable(self):
        if not self._writable:
            raise OSError('connection is read-only')

    def _call(self, op, **fields):
        try:
            return runtime.request(op, ref=self._pipe.announce(), end=self._end, **fields)
        except runtime.RunnerError as err:
            runtime.raise_as_python(err)

    def fileno(self):
        self._check_closed()
        raise OSError('a brokered Connection has no file descriptor')

    def send(self, obj):
        self._check_closed()
        self._check_writable()
        self._call('pipe.send', value=values.encode(obj))

    def send_bytes(self, buf, offset=0, size=None):
        self._check_closed()
        self._check_writable()
        m = memoryview(buf)
        if m.itemsize > 1:
            m = m.cast('B')
        n = m.nbytes
        if offset < 0:
            raise ValueError('offset is negative')
        if n < offset:
            raise ValueError('buffer length < offset')
        if size is None:
            size = n - offset
        elif size < 0:
            raise ValueError('size is negative')
        elif offset + size > n:
            raise ValueError('buffer length < offset + size')
        self._call('pipe.send', value=values.encode(RawMessage(m[offset : offset + size])))

    def _receive(self):
        self._check_closed()
        self._check_readable()
        return values.decode(self._call('pipe.recv'))

    def recv(self):
        message = self._receive()
        return ForkingPickler.loads(message) if isinstance(message, RawMessage) else message

    def recv_bytes(self, maxlength=None):
        self._check_closed()
        self._check_readable()
        if maxlength is not None and maxlength < 0:
            raise ValueError('negative maxlength')
        data = _as_bytes(self._receive())
        if maxlength is not None and len(data) > maxlength:
            # CPython's _bad_message_length: the end is unusable for reading from then on.
            if self._writable:
                self._readable = False
            else:
                self.close()
            raise OSError('bad message length')
        return data

    def recv_bytes_into(self, buf, offset=0):
        self._check_closed()
        self._check_readable()
        with memoryview(buf) as m:
            itemsize = m.itemsize
            bytesize = itemsize * len(m)
            if offset < 0:
                raise ValueError('negative offset')
            if offset > bytesize:
                raise ValueError('offset too large')
            data = _as_bytes(self._receive())
            if bytesize < offset + len(data):
                from multiprocessing import BufferTooShort

                raise BufferTooShort(data)
            m.cast('B')[offset : offset + len(data)] = data
            return len(data)

    def poll(self, timeout=0.0):
        self._check_closed()
        self._check_readable()
        fields = {} if timeout is None else {'timeoutSec': max(0.0, float(timeout))}
        return self._call('pipe.poll', **fields)

    def close(self):
        if self._closed:
            return
        self._closed = True
        _open.discard(self)
        if self._pipe.ref is not None and runtime.connected():
            if not _held_here(self._pipe.ref, self._end):
                self._call('pipe.close')

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            if not self._closed and self._pipe.ref is not None:
                self._closed = True
                _dropped.append((self._pipe.ref, self._end))
        except Exception:  # noqa: BLE001 - at interpreter exit the module may be gone
            pass

    def __reduce__(self):
        self._check_closed()
        collecting = _pickled_for_child[0]
        if collecting is not None and _context.get_spawning_popen() is not None:
            collecting.append(self)
        state = (self._pipe.announce(), self._pipe.duplex, self._end, self._readable,
                 self._writable)
        return (_rebuild, state)

    def wire_form(self):
        """How the runner knows this end in a message (docs/protocol.md, Values and refs)."""
        return {'$cl': 'Connection', 'ref': self._pipe.announce(), 'end': self._end}

    def _as_item(self):
        """Sent in a queue item or a pipe message: the runner counts the receiver as a holder."""
        self._check_closed()
        return dict(self.wire_form(), readable=self._readable, writable=self._writable)

    def __repr__(self):
        state = 'closed' if self._closed else f'end {self._end}'
        return f'<Connection of Pipe {self._pipe.ref}, {state}>'


def _as_bytes(message):
    if isinstance(message, RawMessage):
        return bytes(message)
    return bytes(ForkingPickler.dumps(message))


def _rebuild(ref, duplex, end, readable, writable):
    return Connection(_Pipe(duplex, ref), end, readable, writable)


def _from_item(form):
    readable, writable = bool(form.get('readable', True)), bool(form.get('writable', True))
    return _rebuild(form['ref'], readable and writable, form['end'], readable, writable)


def Pipe(duplex=True):
    """(end 0, end 1): both ways, or end 0 receives and end 1 sends (CPython's order)."""
    pipe = _Pipe(bool(duplex))
    if duplex:
        return Connection(pipe, 0, True, True), Connection(pipe, 1, True, True)
    return Connection(pipe, 0, True, False), Connection(pipe, 1, False, True)


class held_by_child:
    """Around Process.start: the ends the new child holds from its start, as `proc.adopt`'s
    `holds` (every open end under fork; under spawn and forkserver those pickled for it)."""

    def __init__(self, process):
        self._process = process
        self.holds = []

    def __enter__(self):
        self._inherited = [c for c in list(_open) if not c._closed]
        _pickled_for_child[0] = []
        return self

    def __exit__(self, *exc):
        pickled, _pickled_for_child[0] = _pickled_for_child[0], None
        popen = getattr(self._process, '_popen', None)
        ends = self._inherited if getattr(popen, 'method', None) == 'fork' else pickled
        seen = set()
        for c in ends or ():
            form = c.wire_form()
            if (form['ref'], form['end']) not in seen:
                seen.add((form['ref'], form['end']))
                self.holds.append(form)


def after_fork_in_child():
    """A fork child's dropped ends were its parent's to tell."""
    _dropped.clear()
    _pickled_for_child[0] = None


runtime.before_send.append(_tell_dropped)
values.HANDLES[Connection] = Connection._as_item
values.REBUILDERS['Connection'] = _from_item
