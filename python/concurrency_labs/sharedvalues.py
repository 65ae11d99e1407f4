"""multiprocessing's Value, Array, RawValue and RawArray, brokered (docs/protocol.md, value.*): the
runner holds the memory, so every read and every write is one request that another process can
come between, as with CPython's shared memory: `v.value += 1` is a read, then a write, and loses
updates without the lock. A synchronized one's lock is a brokered Lock or RLock that the runner
takes around each access, as CPython's synchronized wrapper does; an access made while this
thread holds that RLock, or through get_obj(), goes without it (`raw`). ctypes itself converts
every value, so each wrap-around, rounding and error is CPython's own.

Types the runner has no typecode for (structures, c_bool, …) and arrays too large for a message
stay multiprocessing's own shared memory (not on the timeline)."""
import ctypes
import operator
import os
import threading

from multiprocessing import context as _context
from multiprocessing import sharedctypes as _native

from . import runtime
from .sync import Lock, RLock

#: The ctypes type of each typecode the runner knows (src/protocol/typecodes.ts), and back.
_TYPES = {code: _native.typecode_to_type[code] for code in 'bBhHiIlLqQfdcu'}
_CODES = {}
for _code, _type in _TYPES.items():
    _CODES.setdefault(_type, _code)  # c_longlong is c_long where both are 64 bits: 'l' wins
#: Largest Array brokered (the runner's bound), and its initial items' largest JSON text.
MAX_ITEMS = 100_000
MAX_INIT_CHARS = 1_000_000


def _code_of(typecode_or_type):
    """The typecode the runner holds `typecode_or_type` as, or None."""
    try:
        return typecode_or_type if typecode_or_type in _TYPES else _CODES.get(typecode_or_type)
    except TypeError:  # unhashable: not a type multiprocessing knows either
        return None


def _to_wire(code, item):
    return item.decode('latin-1') if code == 'c' else item


def _from_wire(code, value):
    if code == 'c':
        return value.encode('latin-1')
    if code in 'fd':
        return float(value)
    return value if code == 'u' else int(value)


def _stored(code, value):
    """`value` as an item of typecode `code` holds it: ctypes' own conversion and errors."""
    cell = (_TYPES[code] * 1)()
    cell[0] = value
    return cell[0]


class _Memory:
    """The runner's copy of one Value or Array, announced on first use (see sync.py)."""

    def __init__(self, code, size, items, lock):
        self.code = code
        self.size = size  # None: a Value
        self.lock = lock  # the brokered lock the runner takes around each access, or None
        self.ref = None
        self._initial = items
        if runtime.connected():
            self.announce()

    def announce(self):
        if self.ref is None:
            fields = {'typecode': self.code}
            if self.lock is not None:
                fields['lock'] = self.lock._ref()
            if self.size is None:
                fields['value'] = _to_wire(self.code, self._initial[0])
            else:
                fields['size'] = self.size
                # None: every item is zero.
                fields['value'] = self._initial and [_to_wire(self.code, x) for x in self._initial]
            self.ref = runtime.new_ref()
            runtime.notice('value.create', ref=self.ref, **fields)
            self._initial = None
        return self.ref

    def _call(self, op, index, raw, fields):
        fields['ref'] = self.announce()
        if index is not None:
            fields['index'] = index
        if raw and self.lock is not None:
            fields['raw'] = True
        try:
            return runtime.request(op, **fields)
        except runtime.RunnerError as err:
            runtime.raise_as_python(err)

    def read(self, index=None, raw=False):
        value = self._call('value.get', index, raw, {})
        if index is None and self.size is not None:
            return [_from_wire(self.code, x) for x in value]
        return _from_wire(self.code, value)

    def write(self, value, index=None, raw=False):
        self._call('value.set', index, raw, {'value': _to_wire(self.code, _stored(self.code, value))})

    def state(self):
        return (self.announce(), self.code, self.size, self.lock)


def _rebuild_memory(ref, code, size, lock):
    memory = _Memory.__new__(_Memory)
    memory.ref, memory.code, memory.size, memory.lock, memory._initial = ref, code, size, lock, None
    return memory


def _index(size, i):
    """Item `i` of `size` (negative: from the end), with ctypes' errors."""
    i = operator.index(i)
    if i < 0:
        i += size
    if not 0 <= i < size:
        raise IndexError('invalid index')
    return i


def _joined(code, items):
    return b''.join(items) if code == 'c' else ''.join(items)


class BrokeredValue:
    """A brokered ctypes value: what RawValue returns, and a Value's get_obj()."""

    def __init__(self, memory, raw=True):
        self._memory = memory
        self._raw = raw

    @property
    def value(self):
        return self._memory.read(raw=self._raw)

    @value.setter
    def value(self, value):
        self._memory.write(value, raw=self._raw)

    def __reduce__(self):
        _context.assert_spawning(self)
        return (_rebuild_raw, (type(self), self._memory.state(), self._raw))

    def __repr__(self):
        return f'{_TYPES[self._memory.code].__name__}({self.value!r})'


class BrokeredArray(BrokeredValue):
    """A brokered ctypes array: items by index or slice (a slice is one read)."""

    def __len__(self):
        return self._memory.size

    def __getitem__(self, i):
        memory = self._memory
        if isinstance(i, slice):
            items = memory.read(raw=self._raw)[i]
            return _joined(memory.code, items) if memory.code in 'cu' else items
        return memory.read(_index(memory.size, i), raw=self._raw)

    def __setitem__(self, i, value):
        memory = self._memory
        if not isinstance(i, slice):
            return memory.write(value, _index(memory.size, i), raw=self._raw)
        indices = range(*i.indices(memory.size))
        if len(value) != len(indices):
            raise ValueError('Can only assign sequence of same size')
        # Item by item, as ctypes assigns a slice: a bad item raises after the ones before it.
        for at, item in zip(indices, list(value)):
            memory.write(item, at, raw=self._raw)

    @property
    def value(self):
        """A 'c' or 'u' array: its text up to the first NUL (ctypes' `value`)."""
        text = self._text()
        return text.split(b'\0' if self._memory.code == 'c' else '\0', 1)[0]

    @value.setter
    def value(self, text):
        self._set_text('value', text)

    @property
    def raw(self):
        if self._memory.code != 'c':
            raise AttributeError(f"'{type(self).__name__}' object has no attribute 'raw'")
        return self._text()

    @raw.setter
    def raw(self, data):
        self._set_text('raw', data)

    def _text(self):
        if self._memory.code not in 'cu':
            raise AttributeError(f"'{type(self).__name__}' object has no attribute 'value'")
        return self[:]

    def _set_text(self, attribute, text):
        """As ctypes sets a 'c' array's value or raw: the items that change, one write each."""
        memory = self._memory
        before = self._text()
        local = (_TYPES[memory.code] * memory.size)(*before)
        setattr(local, attribute, text)
        for at in range(memory.size):
            if local[at] != before[at : at + 1]:
                memory.write(local[at], at, raw=self._raw)

    def __repr__(self):
        return f'<{_TYPES[self._memory.code].__name__}_Array_{self._memory.size}>'


def _rebuild_raw(cls, state, raw):
    return cls(_rebuild_memory(*state), raw)


class SynchronizedBase:
    """What Value and Array return: each access under the lock, as CPython's synchronized
    wrappers (`Lib/multiprocessing/sharedctypes.py`)."""

    def __init__(self, memory, lock):
        self._memory = memory
        self._lock = lock
        self._obj = (BrokeredArray if memory.size is not None else BrokeredValue)(memory)
        self.acquire = lock.acquire
        self.release = lock.release

    def _held_here(self):
        """This thread holds the lock already, so the runner must not wait for it."""
        lock = self._lock
        return isinstance(lock, RLock) and lock._owner == (os.getpid(), threading.get_ident())

    def _access(self, act):
        """`act(raw)`: the runner takes a brokered lock; a lock of another kind is taken here."""
        if self._memory.lock is None:
            with self._lock:
                return act(True)
        return act(self._held_here())

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def get_obj(self):
        return self._obj

    def get_lock(self):
        return self._lock

    def __reduce__(self):
        _context.assert_spawning(self)
        return (_rebuild_synchronized, (type(self), self._memory.state(), self._lock))

    def __repr__(self):
        return f'<{type(self).__name__} wrapper for {self._obj!r}>'


class Synchronized(SynchronizedBase):
    @property
    def value(self):
        return self._access(lambda raw: self._memory.read(raw=raw))

    @value.setter
    def value(self, value):
        self._access(lambda raw: self._memory.write(value, raw=raw))


class SynchronizedArray(SynchronizedBase):
    def __len__(self):
        return self._memory.size

    def __getitem__(self, i):
        return self._access(lambda raw: BrokeredArray(self._memory, raw)[i])

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            # Many writes, one hold of the lock (CPython's `with self:`).
            with self._lock:
                BrokeredArray(self._memory, True)[i] = value
            return
        self._access(lambda raw: BrokeredArray(self._memory, raw).__setitem__(i, value))


class SynchronizedString(SynchronizedArray):
    def _whole(self, attribute, *value):
        with self._lock:
            array = BrokeredArray(self._memory, True)
            if value:
                return setattr(array, attribute, value[0])
            return getattr(array, attribute)

    value = property(lambda self: self._whole('value'), lambda self, v: self._whole('value', v))
    raw = property(lambda self: self._whole('raw'), lambda self, v: self._whole('raw', v))


def _rebuild_synchronized(cls, state, lock):
    memory = _rebuild_memory(*state)
    obj = cls.__new__(cls)
    SynchronizedBase.__init__(obj, memory, lock)
    return obj


def _lock_of(lock, ctx):
    """The lock of a synchronized Value or Array, as CPython's `lock=` takes it."""
    if lock in (True, None):
        return RLock(ctx=ctx)
    if not hasattr(lock, 'acquire'):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return lock


def _runner_lock(lock):
    """The lock the runner takes around each access: a brokered Lock or RLock, else None."""
    return lock if isinstance(lock, (Lock, RLock)) else None


def _value_items(code, args):
    return [_TYPES[code](*args).value]


def _array_items(code, size_or_initializer):
    """(size, items; None when all are zero), with ctypes' errors."""
    ctype = _TYPES[code]
    if isinstance(size_or_initializer, int):
        return len((ctype * size_or_initializer)()), None  # a negative size raises ValueError
    local = (ctype * len(size_or_initializer))(*size_or_initializer)
    return len(local), [local[i] for i in range(len(local))]


def _too_big(size_or_initializer):
    """More items than the runner holds, or than one message carries (about 25 characters
    each at most), so multiprocessing's own memory holds them."""
    if isinstance(size_or_initializer, int):
        return size_or_initializer > MAX_ITEMS
    try:
        n = len(size_or_initializer)
    except TypeError:
        return False  # the conversion raises CPython's error
    return n > MAX_ITEMS or n * 25 > MAX_INIT_CHARS


def Value(typecode_or_type, *args, lock=True, ctx=None):
    code = _code_of(typecode_or_type)
    if code is None:
        return _native.Value(typecode_or_type, *args, lock=lock, ctx=ctx)
    # The memory's errors first, then the lock's, as CPython makes them.
    items = _value_items(code, args)
    if lock is False:
        return BrokeredValue(_Memory(code, None, items, None))
    lock = _lock_of(lock, ctx)
    return Synchronized(_Memory(code, None, items, _runner_lock(lock)), lock)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    code = _code_of(typecode_or_type)
    if code is None or _too_big(size_or_initializer):
        return _native.Array(typecode_or_type, size_or_initializer, lock=lock, ctx=ctx)
    size, items = _array_items(code, size_or_initializer)
    if lock is False:
        return BrokeredArray(_Memory(code, size, items, None))
    lock = _lock_of(lock, ctx)
    memory = _Memory(code, size, items, _runner_lock(lock))
    return (SynchronizedString if code == 'c' else SynchronizedArray)(memory, lock)


def RawValue(typecode_or_type, *args):
    code = _code_of(typecode_or_type)
    if code is None:
        return _native.RawValue(typecode_or_type, *args)
    return BrokeredValue(_Memory(code, None, _value_items(code, args), None))


def RawArray(typecode_or_type, size_or_initializer):
    code = _code_of(typecode_or_type)
    if code is None or _too_big(size_or_initializer):
        return _native.RawArray(typecode_or_type, size_or_initializer)
    size, items = _array_items(code, size_or_initializer)
    return BrokeredArray(_Memory(code, size, items, None))
