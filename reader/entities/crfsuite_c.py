"""crfsuite's own C API, reached through ctypes in python-crfsuite's extension module: a sentence
is handed over as crfsuite's attribute records, not as feature names.

pycrfsuite's `Tagger.set` turns every feature name of every token into a C++ string and looks it
up in the model's attribute dictionary, on every call: two thirds of the time tagging took (1.3
of 2 ms an article of the bench library). A word's features are the same wherever it stands, so
here each name is looked up once (`Model.encode`), a word's features are kept as the records
crfsuite reads (`crfsuite_attribute_t`: the attribute's id and the value 1.0), and a sentence's
records go to the C functions pycrfsuite itself calls (`set`, `viterbi`, `marginal_point`). The
same code computes the scores, labels and marginals from the same attributes in the same order,
so they are the same to the last bit (tests/test_entities.py holds the two ways to each other).

python-crfsuite 0.9 carries crfsuite 0.12, whose C API (crfsuite.h) is what the structures below
spell. Its extension module exports that API on Linux and macOS; where it does not (a Windows
build), `usable()` says so and the recogniser takes pycrfsuite's Tagger instead.
"""

from __future__ import annotations

import ctypes
import functools
import struct
import weakref
from array import array
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

from reader.entities.recognizer import RecognizerUnavailable

_int, _double, _address = ctypes.c_int, ctypes.c_double, ctypes.c_void_p


class _Attribute(ctypes.Structure):
    """crfsuite_attribute_t: one feature of a token."""

    _fields_ = (("aid", _int), ("value", _double))


class _Item(ctypes.Structure):
    """crfsuite_item_t: a token's features."""

    _fields_ = (("num_contents", _int), ("cap_contents", _int), ("contents", _address))


class _Instance(ctypes.Structure):
    """crfsuite_instance_t: a sentence."""

    _fields_ = (
        ("num_items", _int),
        ("cap_items", _int),
        ("items", _address),
        ("labels", _address),
        ("weight", _double),
        ("group", _int),
    )


# The interfaces: each begins with its internal pointer and reference count, then its methods.
_HEAD = (("internal", _address), ("nref", _int), ("addref", _address), ("release", _address))


class _ModelInterface(ctypes.Structure):
    _fields_ = (*_HEAD, ("get_tagger", _address), ("get_labels", _address), ("get_attrs", _address), ("dump", _address))


class _TaggerInterface(ctypes.Structure):
    _fields_ = (
        *_HEAD,
        ("set", _address),
        ("length", _address),
        ("viterbi", _address),
        ("score", _address),
        ("lognorm", _address),
        ("marginal_point", _address),
        ("marginal_path", _address),
    )


class _DictionaryInterface(ctypes.Structure):
    _fields_ = (
        *_HEAD,
        ("get", _address),
        ("to_id", _address),
        ("to_string", _address),
        ("num", _address),
        ("free", _address),
    )


_Function = Callable[..., int]  # a C function through a ctypes prototype
_RELEASE = ctypes.CFUNCTYPE(_int, _address)
_GET = ctypes.CFUNCTYPE(_int, _address, _address)  # (model, where the interface's pointer goes)
_SET = ctypes.CFUNCTYPE(_int, _address, _address)  # (tagger, instance)
_VITERBI = ctypes.CFUNCTYPE(_int, _address, _address, _address)  # (tagger, labels, score)
_MARGINAL = ctypes.CFUNCTYPE(_int, _address, _int, _int, _address)  # (tagger, label, position, probability)
_TO_ID = ctypes.CFUNCTYPE(_int, _address, ctypes.c_char_p)
_TO_STRING = ctypes.CFUNCTYPE(_int, _address, _int, _address)
_NUM = ctypes.CFUNCTYPE(_int, _address)
_FREE = ctypes.CFUNCTYPE(None, _address, _address)
_RECORD = ctypes.sizeof(_Attribute)
_MAGIC, _HEADER = b"lCRF", 48  # a model file's first bytes, and its header's size
_ITEM = struct.Struct("@iiP")  # a _Item, as struct packs it: the same layout, made faster
_BUFFER = 64 * 1024  # bytes for a sentence's items and records; a longer sentence grows it
_KEPT_BUFFER = 1024 * 1024  # and is kept up to this size (a sentence of some 4,000 words)
assert _ITEM.size == ctypes.sizeof(_Item)


@functools.cache
def _library() -> ctypes.CDLL | None:
    import pycrfsuite

    try:
        library = ctypes.CDLL(pycrfsuite._pycrfsuite.__file__)
        create = library.crfsuite_create_instance_from_file
    except (OSError, AttributeError):
        return None
    create.argtypes = (ctypes.c_char_p, _address)
    create.restype = _int
    return library


def usable() -> bool:
    """Whether this python-crfsuite build exports crfsuite's C API."""
    return _library() is not None


def _method(interface: ctypes.Structure, name: str, prototype: Callable[[int], _Function]) -> _Function:
    return prototype(getattr(interface, name))


class _Records(dict[bytes, bytes]):
    """Feature name -> its attribute record (b"" for a name the model does not know), looked up on first use."""

    def __init__(self, to_id: _Function, dictionary: int) -> None:
        super().__init__()
        self._to_id = to_id
        self._dictionary = dictionary

    def __missing__(self, name: bytes) -> bytes:
        aid = self._to_id(self._dictionary, name)
        found = bytes(_Attribute(aid, 1.0)) if aid >= 0 else b""
        self[name] = found
        return found


def _release(functions: list[tuple[_Function, int]]) -> None:
    for release, pointer in functions:
        release(pointer)


class Model:
    """A crfsuite model opened through its C API, with its tagger, which holds one sentence at a
    time (a thread needs a model of its own), its labels and its attribute dictionary."""

    def __init__(self, path: Path) -> None:
        library = _library()
        if library is None:
            raise RecognizerUnavailable("this python-crfsuite does not export crfsuite's C API")
        unreadable = RecognizerUnavailable(
            f"entity model {path} cannot be read: run `make train-ner` to build it again"
        )
        # crfsuite reads past its buffer on a file that is not a model or is shorter than a model's
        # header, so those are refused first (as pycrfsuite's Tagger.open refuses them).
        with path.open("rb") as file:
            if file.read(4) != _MAGIC or path.stat().st_size <= _HEADER:
                raise unreadable
        model = _address()
        if library.crfsuite_create_instance_from_file(str(path).encode(), ctypes.byref(model)) != 0 or not model.value:
            raise unreadable
        interface = _ModelInterface.from_address(model.value)
        pointers = []
        for name in ("get_tagger", "get_attrs", "get_labels"):
            into = _address()
            if _method(interface, name, _GET)(model.value, ctypes.addressof(into)) != 0 or not into.value:
                raise RecognizerUnavailable(f"entity model {path}: crfsuite could not {name[4:]}")
            pointers.append(into.value)
        tagger, attributes, labels = pointers
        held = [(tagger, _TaggerInterface), (attributes, _DictionaryInterface), (labels, _DictionaryInterface)]
        releases = [
            (_method(kind.from_address(pointer), "release", _RELEASE), pointer)
            for pointer, kind in [*held, (model.value, _ModelInterface)]
        ]
        weakref.finalize(self, _release, releases)
        self.labels = self._names(labels)
        self._label_ids = {label: number for number, label in enumerate(self.labels)}
        dictionary = _DictionaryInterface.from_address(attributes)
        self._records = _Records(_method(dictionary, "to_id", _TO_ID), attributes)
        methods = _TaggerInterface.from_address(tagger)
        self._tagger = tagger
        self._set = _method(methods, "set", _SET)
        self._viterbi = _method(methods, "viterbi", _VITERBI)
        self._marginal = _method(methods, "marginal_point", _MARGINAL)
        self._length = 0
        self._instance = _Instance(0, 0, None, None, 1.0, 0)
        self._instance_address = ctypes.addressof(self._instance)
        buffer = ctypes.create_string_buffer(_BUFFER)
        self._view, self._base = memoryview(buffer).cast("B"), ctypes.addressof(buffer)
        self._out = array("d", [0.0])
        self._out_address = self._out.buffer_info()[0]

    @staticmethod
    def _names(labels: int) -> tuple[str, ...]:
        dictionary = _DictionaryInterface.from_address(labels)
        to_string, free = _method(dictionary, "to_string", _TO_STRING), _method(dictionary, "free", _FREE)
        names = []
        for number in range(_method(dictionary, "num", _NUM)(labels)):
            text = ctypes.c_char_p()
            to_string(labels, number, ctypes.addressof(text))
            names.append((text.value or b"").decode())
            free(labels, ctypes.cast(text, _address).value)
        return tuple(names)

    def encode(self, names: tuple[bytes, ...]) -> bytes:
        """The records of the features named that the model knows, in their order: those it does
        not know are skipped, as crfsuite's `set` skips them. Thread-safe: the dictionary is read only."""
        return b"".join(map(self._records.__getitem__, names))

    def set(self, items: list[bytes]) -> None:
        """Take a sentence: each token's records (its `encode`d features joined)."""
        data = b"".join(items)
        sizes = list(map(len, items))
        counts = list(map(_RECORD.__rfloordiv__, sizes))  # each size // _RECORD
        n = len(items)
        # The items, then the records they point into, in one buffer: crfsuite reads them in `set`
        # only (crf1d_tag.c), so one buffer serves every sentence, without a ctypes object made for
        # each; a sentence longer than news has gets one of its own, let go after it.
        records = n * _ITEM.size
        end = records + len(data)
        view, base = self._view, self._base
        if end > len(view):
            buffer = ctypes.create_string_buffer(end)
            view, base = memoryview(buffer).cast("B"), ctypes.addressof(buffer)
            if end <= _KEPT_BUFFER:
                self._view, self._base = view, base
        view[:records] = b"".join(map(_ITEM.pack, counts, counts, accumulate(sizes, initial=base + records)))
        view[records:end] = data
        instance = self._instance
        instance.num_items = instance.cap_items = n
        instance.items = base
        self._length = n
        if self._set(self._tagger, self._instance_address) != 0:
            raise MemoryError("crfsuite could not take a sentence")

    def tag(self) -> list[str]:
        """The likeliest labels of the sentence `set` took."""
        labels = array("i", [0]) * self._length
        if self._viterbi(self._tagger, labels.buffer_info()[0], self._out_address) != 0:
            raise MemoryError("crfsuite could not tag a sentence")
        return list(map(self.labels.__getitem__, labels))

    def marginal(self, label: str, position: int) -> float:
        """The marginal probability of `label` at `position` of the sentence `set` took."""
        if self._marginal(self._tagger, self._label_ids[label], position, self._out_address) != 0:
            raise MemoryError("crfsuite could not compute a marginal")
        return self._out[0]
