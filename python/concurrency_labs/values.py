"""Queue items on the wire. A value JSON carries exactly (None, bools, ints within 2**53, finite
floats, strings, lists and str-keyed dicts of those) travels as JSON, so the timeline shows it as
it is; anything else travels pickled, with a bounded repr for the timeline."""
import base64
import importlib
import math
import pickle

#: Longest repr the timeline gets for a pickled value.
REPR_CHARS = 200
_SAFE_INT = 2**53
#: Objects that travel as handles the runner knows (pipes.py registers Connection): their class
#: to their JSON form, and the `$cl` of that form to the object rebuilt from it. Only a handle that
#: is the whole item is seen by the runner; one inside another value travels pickled.
HANDLES = {}
REBUILDERS = {}
#: The module that registers each handle, imported when a process first receives one.
_HANDLE_MODULES = {'Connection': 'pipes'}


def _is_json(value, depth=0):
    if depth > 60:
        return False
    if value is None or value is True or value is False:
        return True
    kind = type(value)
    if kind is int:
        return -_SAFE_INT < value < _SAFE_INT
    if kind is float:
        return math.isfinite(value) and value != int(value)
    if kind is str:
        return True
    if kind is list:
        return all(_is_json(v, depth + 1) for v in value)
    if kind is dict:
        return '$cl' not in value and all(
            type(k) is str and _is_json(v, depth + 1) for k, v in value.items()
        )
    return False


def encode(value):
    """The wire form of `value`."""
    to_wire = HANDLES.get(type(value))
    if to_wire is not None:
        return to_wire(value)
    if _is_json(value):
        return value
    text = repr(value)
    if len(text) > REPR_CHARS:
        text = text[: REPR_CHARS - 1] + '…'
    data = base64.b64encode(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return {'$cl': 'Pickle', 'data': data.decode('ascii'), 'repr': text}


def decode(value):
    """The Python value of a wire value."""
    if type(value) is dict and '$cl' in value:
        if value['$cl'] == 'Pickle':
            return pickle.loads(base64.b64decode(value['data']))
        kind = value['$cl']
        if kind in _HANDLE_MODULES and kind not in REBUILDERS:
            importlib.import_module(f'{__package__}.{_HANDLE_MODULES[kind]}')
        rebuild = REBUILDERS.get(kind)
        if rebuild is not None:
            return rebuild(value)
    return value
