"""Installs the runtime in a process of a run, before the script's code runs.

- The main process (the runner started it with the wire on the descriptor in
  CONCURRENCY_LABS_PY_WIRE) joins the run at once, says hello, and ends its part with
  `proc.finish` at exit, before multiprocessing's own exit handler joins the children.
- A spawn child (`--multiprocessing-fork` in its arguments) attaches to the runner at once, so
  that what the script's module does when re-imported is already brokered.
- Any other process (a fork or forkserver child, the forkserver itself, the resource tracker)
  attaches only when multiprocessing bootstraps it as a Process."""
import atexit
import importlib
import os
import sys
import time

from multiprocessing import context as _context

from . import runtime, streams, files
from .wire import watch_signal_handlers

_excepthook = sys.excepthook
_failed = [False]


def _sleep(sec):
    if not runtime.connected():
        return runtime._real_sleep(sec)
    sec = float(sec)
    if sec < 0:
        raise ValueError('sleep length must be non-negative')
    # The moment of the call (CLOCK_MONOTONIC, as the runner's clock): the sleep counts from here.
    runtime.request('sleep', sec=sec, at=time.monotonic() * 1000)


#: Modules whose own calls get multiprocessing's own objects.
_NATIVE_CALLERS = ('multiprocessing.', 'concurrent.futures.')


def _brokered(name, make):
    """A context factory: brokered when the script calls it, multiprocessing's own when
    multiprocessing calls it for itself (Pool's queues, a Condition's or an Event's locks), or
    concurrent.futures does (ProcessPoolExecutor reads its queues' and pipes' descriptors)."""
    native = getattr(_context.BaseContext, name)

    def factory(self, *args, **kwargs):
        caller = sys._getframe(1).f_globals.get('__name__', '')
        if caller.startswith(_NATIVE_CALLERS):
            return native(self, *args, **kwargs)
        return make(self, *args, **kwargs)

    factory.__name__ = name
    return factory


class _Lazy:
    """A module of this runtime, imported on first use of one of its names."""

    def __init__(self, name):
        self._name = f'{__package__}.{name}'

    def __getattr__(self, attr):
        return getattr(importlib.import_module(self._name), attr)


class _AfterImport:
    """A meta path finder that runs `then(module)` once module `name` has been imported, so that
    nothing is imported before the script asks for it."""

    def __init__(self, name, then):
        self._name = name
        self._then = then

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self._name:
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        exec_module, then = spec.loader.exec_module, self._then

        def exec_then(module):
            exec_module(module)
            then(module)

        spec.loader.exec_module = exec_then
        return spec


def _install_executor(module):
    importlib.import_module(f'{__package__}.executors').install(module)


def _patch_multiprocessing():
    import multiprocessing
    # multiprocessing.util registers the exit handler that joins the children; imported now, it is
    # registered before ours, so ours (proc.finish, which ends the daemons) runs first.
    import multiprocessing.util  # noqa: F401

    from . import processes

    processes.install()
    # Each kind's module is imported when the script first makes one: most scripts use a few, and
    # importing (compiling, where no bytecode is cached) every one would slow every start-up.
    sync, queues, semaphores, conditions, pipes, sharedvalues, pools = (
        _Lazy(name)
        for name in ('sync', 'queues', 'semaphores', 'conditions', 'pipes', 'sharedvalues',
                     'pools')
    )
    makers = {
        'Lock': lambda self: sync.Lock(ctx=self.get_context()),
        'RLock': lambda self: sync.RLock(ctx=self.get_context()),
        'Queue': lambda self, maxsize=0: queues.Queue(maxsize, ctx=self.get_context()),
        'JoinableQueue': lambda self, maxsize=0: queues.JoinableQueue(
            maxsize, ctx=self.get_context()
        ),
        'SimpleQueue': lambda self: queues.SimpleQueue(ctx=self.get_context()),
        'Semaphore': lambda self, value=1: semaphores.Semaphore(value, ctx=self.get_context()),
        'BoundedSemaphore': lambda self, value=1: semaphores.BoundedSemaphore(
            value, ctx=self.get_context()
        ),
        'Event': lambda self: semaphores.Event(ctx=self.get_context()),
        'Condition': lambda self, lock=None: conditions.Condition(lock, ctx=self.get_context()),
        'Barrier': lambda self, parties, action=None, timeout=None: conditions.Barrier(
            parties, action, timeout, ctx=self.get_context()
        ),
        'Pipe': lambda self, duplex=True: pipes.Pipe(duplex),
        'Value': lambda self, typecode_or_type, *args, lock=True: sharedvalues.Value(
            typecode_or_type, *args, lock=lock, ctx=self.get_context()
        ),
        'Array': lambda self, typecode_or_type, size_or_initializer, *, lock=True: (
            sharedvalues.Array(typecode_or_type, size_or_initializer, lock=lock,
                               ctx=self.get_context())
        ),
        'RawValue': lambda self, typecode_or_type, *args: sharedvalues.RawValue(
            typecode_or_type, *args
        ),
        'RawArray': lambda self, typecode_or_type, size_or_initializer: (
            sharedvalues.RawArray(typecode_or_type, size_or_initializer)
        ),
        'Pool': lambda self, processes=None, initializer=None, initargs=(), maxtasksperchild=None: (
            pools.Pool(processes, initializer, initargs, maxtasksperchild,
                       context=self.get_context())
        ),
    }
    for name, make in makers.items():
        setattr(_context.BaseContext, name, _brokered(name, make))
        setattr(multiprocessing, name, getattr(_context._default_context, name))
    # concurrent.futures.ProcessPoolExecutor runs on the pool broker too (executors.py).
    sys.meta_path.insert(0, _AfterImport('concurrent.futures.process', _install_executor))


def _main_exit():
    code = 1 if _failed[0] else 0
    streams.flush_all()
    try:
        runtime.request('proc.finish', code=code)
        runtime.state.finished = True
    except runtime.WireClosed:
        pass


def _main_excepthook(kind, err, tb):
    _failed[0] = True
    from . import processes

    processes.report_error(err)
    _excepthook(kind, err, tb)


def _after_fork_in_child():
    runtime.after_fork_in_child()
    streams.after_fork_in_child()
    # Only the modules the parent imported hold anything to forget.
    for name in ('leases', 'pipes', 'sync'):
        module = sys.modules.get(f'{__package__}.{name}')
        if module is not None:
            module.after_fork_in_child()


def install():
    time.sleep = _sleep
    watch_signal_handlers()
    streams.install()
    files.install()
    os.register_at_fork(after_in_child=_after_fork_in_child)
    _patch_multiprocessing()
    wire_fd = os.environ.pop(runtime.ENV_WIRE, None)
    if wire_fd is not None:
        runtime.start_main(int(wire_fd))
        name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else 'script.py'
        runtime.notice('hello', lab=name, title={'en': name, 'zh-CN': name})
        sys.excepthook = _main_excepthook
        # Registered after multiprocessing's exit handler, so it runs first (atexit is LIFO).
        atexit.register(_main_exit)
    elif '--multiprocessing-fork' in sys.argv:
        runtime.attach_child()
