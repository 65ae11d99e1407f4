"""multiprocessing.Pool, brokered (docs/protocol.md, "Pools", the adopt form). The owner starts the
workers itself with the script's own start method, as CPython's Pool does (daemon Processes named
ForkPoolWorker-N, SpawnPoolWorker-N or ForkServerPoolWorker-N), and adopts each one into the pool;
the runner decides which worker takes which task, so the timeline draws every task on its
worker's lane and a controlled schedule decides it too. The callable and the arguments travel
pickled, as queue items do (values.py); the results come back the same way."""
import base64
import itertools
import os
import threading

from multiprocessing.reduction import ForkingPickler

from . import poolresults, poolworker, runtime, values

INIT, RUN, CLOSE, TERMINATE = 'INIT', 'RUN', 'CLOSE', 'TERMINATE'

#: The pools this process owns, by ref: the runner's poolDone and poolStart name them.
_owned = {}


def _on_message(message):
    if not isinstance(message, dict):
        return
    done = message.get('poolDone')
    if isinstance(done, dict) and done.get('ref') in _owned:
        _owned[done['ref']]._callbacks.deliver(done)
        return
    start = message.get('poolStart')
    if isinstance(start, dict) and start.get('ref') in _owned:
        # Starting a process asks the runner (proc.adopt): not on the thread that reads its answer.
        pool = _owned[start['ref']]
        threading.Thread(target=pool._replace_worker, name='cl-pool-worker', daemon=True).start()


runtime.state.listeners.append(_on_message)


def _default_processes():
    count = getattr(os, 'process_cpu_count', os.cpu_count)
    return count() or 1


def _pickled(obj):
    """`obj` as a Pickle value (values.py), pickled as multiprocessing pickles a task."""
    text = repr(obj)
    if len(text) > values.REPR_CHARS:
        text = text[: values.REPR_CHARS - 1] + '…'
    data = base64.b64encode(bytes(ForkingPickler.dumps(obj))).decode('ascii')
    return {'$cl': 'Pickle', 'data': data, 'repr': text}


def _chunks(items, size):
    return [items[i : i + size] for i in range(0, len(items), size)]


class Pool:
    """multiprocessing.pool.Pool's interface, on the runner's pool broker."""

    #: CPython names a Pool's workers ForkPoolWorker-N, daemons; a ProcessPoolExecutor's keep
    #: their name, are not daemons, and send their errors as concurrent.futures does.
    _renames_workers = True
    _daemon_workers = True
    _futures_errors = False

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None, *, name=None, start_workers=True):
        self._state = INIT
        self._pool = []
        if context is None:
            from multiprocessing import get_context

            context = get_context()
        self._ctx = context
        if processes is None:
            processes = _default_processes()
        if processes < 1:
            raise ValueError('Number of processes must be at least 1')
        if maxtasksperchild is not None:
            if not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0:
                raise ValueError('maxtasksperchild must be a positive int or None')
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        self._processes = processes
        self._initializer = initializer
        self._initargs = tuple(initargs)
        self._jobs = itertools.count(1)
        self._workers_lock = threading.Lock()
        self._callbacks = poolresults.Callbacks()
        self._ref = runtime.new_ref()
        from multiprocessing import process

        fields = {'maxtasks': maxtasksperchild} if maxtasksperchild is not None else {}
        if name is not None:
            fields['name'] = name
        identity = list(process.current_process()._identity) + [0]
        self._call('pool.create', processes=processes, identity=identity, adopt=True, **fields)
        _owned[self._ref] = self
        self._state = RUN
        if start_workers:
            for _ in range(processes):
                self._start_worker()

    # --- workers ---
    def _start_worker(self):
        args = (self._ref, self._initializer, self._initargs, self._futures_errors)
        w = self._ctx.Process(target=poolworker.run, args=args)
        if self._renames_workers:
            w.name = w.name.replace('Process', 'PoolWorker')
        w.daemon = self._daemon_workers
        w._cl_pool = self._ref  # processes.start adopts it into this pool
        w.start()
        with self._workers_lock:
            self._pool.append(w)

    def _replace_worker(self):
        """The runner's poolStart: a worker exited while tasks may still come (CPython's
        _maintain_pool); the exited ones are reaped, a new one takes the next number."""
        if self._state == TERMINATE:
            return
        with self._workers_lock:
            gone = [w for w in self._pool if w.exitcode is not None]
            self._pool = [w for w in self._pool if w not in gone]
        try:
            self._start_worker()
        except (runtime.WireClosed, runtime.RunnerError, ValueError, OSError):
            pass  # the run or the pool is ending: no worker is needed any more

    def _reap(self):
        from .processes import native_join

        with self._workers_lock:
            workers = list(self._pool)
        for w in workers:
            native_join(w)

    # --- requests ---
    def _call(self, op, **fields):
        try:
            return runtime.request(op, ref=self._ref, **fields)
        except runtime.RunnerError as err:
            runtime.raise_as_python(err)

    def _check_running(self):
        if self._state != RUN:
            raise ValueError('Pool not running')

    def _submit(self, func, call, tasks, result, name=None):
        """Sends job `result._job`: `func` over `tasks` (lists of argument tuples). A callable or
        an argument that cannot be pickled fails the job at get(), as in CPython."""
        try:
            callable_value = _pickled(func)
            wire_tasks = [[[values.encode(a) for a in args] for args in t] for t in tasks]
        except Exception as err:  # noqa: BLE001 - CPython's task handler sets any error
            result._fail_now(err)
            return result
        name = name or getattr(func, '__qualname__', None) or type(func).__name__
        notify = {'notify': True} if result._wants_callback() else {}
        if notify:
            self._callbacks.expect(self, result)
        self._call('pool.submit', job=result._job, fn=str(name)[:100], call=call,
                   tasks=wire_tasks, callable=callable_value, **notify)
        return result

    # --- the API ---
    def apply(self, func, args=(), kwds={}):  # noqa: B006 - CPython's signature
        self._check_running()
        return self.apply_async(func, args, kwds).get()

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):  # noqa: B006
        self._check_running()
        if kwds:
            import functools

            func = functools.partial(func, **kwds)
        result = poolresults.ApplyResult(self, next(self._jobs), callback, error_callback)
        return self._submit(func, 'apply', [[tuple(args)]], result)

    def map(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, 'map', chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, 'starmap', chunksize).get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, 'map', chunksize, callback, error_callback)

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, 'starmap', chunksize, callback, error_callback)

    def _map_async(self, func, iterable, call, chunksize=None, callback=None,
                   error_callback=None):
        self._check_running()
        if not hasattr(iterable, '__len__'):
            iterable = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(iterable), self._processes * 4)
            if extra:
                chunksize += 1
        items = list(iterable)
        result = poolresults.MapResult(self, next(self._jobs), callback, error_callback)
        if not items:
            # CPython's MapResult of nothing is ready at once and runs no callback.
            result._outcome = (True, [])
            result._unsent = True
            return result
        calls = [tuple(item) for item in items] if call == 'starmap' else [(x,) for x in items]
        return self._submit(func, call, _chunks(calls, chunksize), result)

    def imap(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, False, '{0:n}')

    def imap_unordered(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, True, '{0!r}')

    def _imap(self, func, iterable, chunksize, unordered, shown):
        self._check_running()
        if chunksize != 1 and chunksize < 1:
            raise ValueError(('Chunksize must be 1+, not ' + shown).format(chunksize))
        # CPython hands the tasks out as the iterable yields them; here the job is sent whole.
        items = [(x,) for x in iterable]
        tasks = _chunks(items, chunksize)
        result = poolresults.IMapIterator(self, next(self._jobs), len(tasks), unordered,
                                              chunksize != 1)
        self._submit(func, 'imapUnordered' if unordered else 'imap', tasks, result)
        if chunksize == 1:
            return result
        return (item for chunk in result for item in chunk)

    def close(self):
        if self._state == RUN:
            self._state = CLOSE
            self._call('pool.close')

    def terminate(self):
        self._state = TERMINATE
        if runtime.connected() and not runtime.stepped_after_finish():
            self._call('pool.terminate')
        self._reap()

    def join(self):
        if self._state == RUN:
            raise ValueError('Pool is still running')
        if self._state not in (CLOSE, TERMINATE):
            raise ValueError('In unknown state')
        self._call('pool.join')
        # CPython's join() joins the result handler: every callback has run when it returns.
        self._callbacks.drain()
        self._reap()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *exc):
        self.terminate()

    def __reduce__(self):
        raise NotImplementedError(
            'pool objects cannot be passed between processes or pickled'
        )

    def __repr__(self):
        cls = self.__class__
        return (f'<{cls.__module__}.{cls.__qualname__} state={self._state} '
                f'pool_size={len(self._pool)}>')
