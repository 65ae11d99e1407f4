"""open() of a file in the script's folder: reads and writes of text files there are brokered
shared files (docs/protocol.md, "Shared files"). A read asks the runner for permission, reads the
real file at once and reports what it found (for a .json file the parsed value, or the error and
the raw text of a torn read: the script's own json.load then fails on the same text). A write
asks for permission, truncates the real file as open(..., "w") does, and reports what was written
when the file is closed; until then another process may read it empty, as in plain Python. Under
a controlled schedule the write is two steps, the truncate (the open) and the fill (the first
bytes that reach the file), so a schedule can choose that read."""
import builtins
import io
import json
import os
import threading

from . import runtime

_real_open = builtins.open
_refs = {}
_refs_lock = threading.Lock()


def _shared_name(file, mode):
    """The plain name of a file this open() shares through the runner, or None."""
    if not runtime.connected() or not isinstance(file, (str, os.PathLike)):
        return None
    if mode not in ('r', 'rt', 'w', 'wt'):
        return None
    folder = os.environ.get(runtime.ENV_FILES)
    if not folder:
        return None
    path = os.path.abspath(os.fspath(file))
    if os.path.dirname(path) != os.path.abspath(folder):
        return None
    name = os.path.basename(path)
    if name.endswith(('.py', '.pyc')) or name.startswith('.'):
        return None
    return name


def _parse(name, text):
    """(value, None) or (None, error text) as the learner's json.load would see it."""
    if not name.endswith('.json'):
        return text, None
    try:
        return json.loads(text), None
    except ValueError as err:
        return None, f'{type(err).__name__}: {err}'


def _ref(name, path):
    """This process's ref for the shared file `name`, announced once."""
    with _refs_lock:
        ref = _refs.get(name)
        if ref is not None:
            return ref
        ref = runtime.new_ref()
        _refs[name] = ref
    value = None
    if os.path.exists(path):
        with _real_open(path, 'r', encoding='utf-8', errors='replace') as f:
            value, error = _parse(name, f.read())
    runtime.notice('file.create', ref=ref, name=name, value=_jsonable(value))
    return ref


def _jsonable(value):
    try:
        json.dumps(value, allow_nan=False)
        return value
    except (TypeError, ValueError):
        return repr(value)


def _written_value(name, texts):
    """What the texts written to `name` come to, as a report says it: the parsed JSON of a .json
    file, else (or when it does not parse) the text itself."""
    text = ''.join(texts)
    value, _ = _parse(name, text)
    if value is None and name.endswith('.json'):
        value = text
    return _jsonable(value)


class _SharedWriter(io.TextIOWrapper):
    """The real file, opened for writing; closing it reports what was written."""

    def __init__(self, buffer, ref, name, **kwargs):
        super().__init__(buffer, **kwargs)
        self._cl_ref = ref
        self._cl_name = name
        self._cl_written = []

    def write(self, text):
        # Kept first: a long text reaches the file (and, controlled, its fill) inside the write.
        self._cl_written.append(text)
        return super().write(text)

    def close(self):
        if self.closed:
            return
        super().close()
        runtime.notice('file.didWrite', ref=self._cl_ref,
                       value=_written_value(self._cl_name, self._cl_written),
                       site=getattr(self, '_cl_site', None))


class _FillingFile(io.RawIOBase):
    """Controlled schedules: the real file, truncated when opened (as open(..., 'w') does); the
    first bytes that reach it (a full buffer, a flush or the close, as in CPython) wait for the
    `file.fill` step, so another process may be chosen to read the empty file in between."""

    def __init__(self, path, ref, name, site, written):
        super().__init__()
        self._file = _real_open(path, 'wb', buffering=0)
        self._cl = (ref, name, site, written)
        self._filled = False

    def writable(self):
        return True

    def fileno(self):
        return self._file.fileno()

    def write(self, data):
        if not self._filled:
            self._filled = True
            ref, name, site, written = self._cl
            try:
                runtime.request('file.fill', ref=ref, value=_written_value(name, written),
                                site=site)
            except runtime.RunnerError as err:
                raise OSError(str(err)) from None
        return self._file.write(data)

    def close(self):
        if not self.closed:
            self._file.close()
        super().close()


def shared_open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
                closefd=True, opener=None):
    name = _shared_name(file, mode)
    if name is None or buffering == 0 or not closefd or opener is not None:
        return _real_open(file, mode, buffering, encoding, errors, newline, closefd, opener)
    path = os.path.abspath(os.fspath(file))
    # The report of a read or a write names the line that opened the file.
    site = runtime.call_site()
    if mode.startswith('r'):
        if not os.path.exists(path):
            return _real_open(file, mode, buffering, encoding, errors, newline, closefd, opener)
        ref = _ref(name, path)
        runtime.request('file.read', ref=ref, site=site)
        with _real_open(path, 'r', buffering, encoding, errors, newline) as f:
            text = f.read()
        value, error = _parse(name, text)
        if error is None:
            runtime.notice('file.didRead', ref=ref, value=_jsonable(value), site=site)
        else:
            runtime.notice('file.didRead', ref=ref, error=error, raw=text[:200], site=site)
        reader = io.StringIO(text, newline=None)
        reader.name = file
        reader.mode = mode
        return reader
    ref = _ref(name, path)
    runtime.request('file.write', ref=ref, site=site)
    size = buffering if buffering > 1 else io.DEFAULT_BUFFER_SIZE
    written = []
    if runtime.controlled():
        raw = io.BufferedWriter(_FillingFile(path, ref, name, site, written), size)
    else:
        raw = _real_open(path, 'wb', buffering if buffering > 1 else -1)
    writer = _SharedWriter(raw, ref, name, encoding=encoding or 'utf-8', errors=errors,
                           newline=newline)
    writer._cl_written = written
    writer._cl_site = site
    return writer


def install():
    builtins.open = shared_open
    io.open = shared_open
