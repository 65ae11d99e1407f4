"""Loads the Concurrency Labs runtime into every Python process of a run (the runner puts this
folder first on PYTHONPATH), then the sitecustomize this one hides, if the interpreter has one."""
import os
import sys

#: Where the runtime's modules are kept compiled (src/runner/pythonCache.ts): a folder of the
#: user's own, checked by the runner.
ENV_CACHE = 'CONCURRENCY_LABS_PY_CACHE'


def _compiled_once(folder):
    """The runtime's modules compiled once per interpreter into `folder`, instead of at every start
    of every process of every run: runs write no bytecode beside the runtime (the extension's
    folder) nor beside the script's own modules (their bytecode is not kept at all)."""
    import marshal
    import zlib
    from importlib.machinery import PathFinder, SourceFileLoader
    from importlib.util import MAGIC_NUMBER

    version = MAGIC_NUMBER.hex()

    class Loader(SourceFileLoader):
        def get_code(self, fullname):
            path = self.get_filename(fullname)
            stat = os.stat(path)
            # Named for the source file, and the version of it and of the interpreter it was for.
            stem = f'{fullname}-{zlib.crc32(os.fsencode(path)):08x}-'
            kept = os.path.join(folder, f'{stem}{stat.st_mtime_ns}-{stat.st_size}-{version}.pyc')
            try:
                with open(kept, 'rb') as file:
                    code = marshal.loads(file.read())
                if type(code) is type(_compiled_once.__code__):
                    return code
            except (OSError, ValueError, EOFError, TypeError):
                pass  # not there yet, or unreadable: compiled again
            code = compile(self.get_data(path), path, 'exec', dont_inherit=True)
            _keep(folder, kept, marshal.dumps(code), stem)
            return code

    class Finder:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name.partition('.')[0] != 'concurrency_labs':
                return None
            spec = PathFinder.find_spec(name, path)
            if spec is not None and type(spec.loader) is SourceFileLoader:
                spec.loader = Loader(spec.loader.name, spec.loader.path)
            return spec

    sys.meta_path.insert(0, Finder)


def _keep(folder, path, data, stem):
    """Writes `data` to `path` whole (another process may read it meanwhile), and drops the files
    kept for earlier versions of the same source file (`stem`)."""
    temp = f'{path}.{os.getpid()}.tmp'
    try:
        with open(temp, 'wb') as file:
            file.write(data)
        os.replace(temp, path)
        for name in os.listdir(folder):
            if name.startswith(stem) and name != os.path.basename(path) and name.endswith('.pyc'):
                os.remove(os.path.join(folder, name))
    except OSError:
        pass  # the next start compiles it again


if os.environ.get('CONCURRENCY_LABS_PY_SOCKET'):
    if sys.version_info < (3, 9):
        # Too old for the runtime (MIN_PYTHON in src/runner/pythonRun.ts): stop before the script
        # runs unbrokered. The runner, not told `ready`, checks the interpreter and says why.
        os._exit(3)
    if os.environ.get(ENV_CACHE):
        _compiled_once(os.environ[ENV_CACHE])
    from concurrency_labs import boot

    boot.install()


def _chain():
    here = os.path.dirname(os.path.abspath(__file__))
    import importlib.util

    for entry in sys.path:
        if not entry or os.path.abspath(entry) == here:
            continue
        candidate = os.path.join(entry, 'sitecustomize.py')
        if os.path.isfile(candidate):
            spec = importlib.util.spec_from_file_location('_chained_sitecustomize', candidate)
            module = importlib.util.module_from_spec(spec)
            try:
                spec.loader.exec_module(module)
            except Exception:  # noqa: BLE001 - as Python treats a failing sitecustomize
                pass
            return


_chain()
