"""GNU FriBidi's C API through ctypes: a paragraph resolved once, then each line reordered.

This is the order UAX #9 gives (section 3.4) and the one FriBidi's own `fribidi_log2vis`
follows for a single line: `fribidi_get_par_embedding_levels_ex` over the whole paragraph,
then, line by line, Arabic joining and shaping (`fribidi_join_arabic`, `fribidi_shape`: mirroring,
presentation forms, lam-alef) and `fribidi_reorder_line` with the paragraph's levels. The `fribidi`
command cannot do this: it resolves each input line as a paragraph of its own.

`load()` is None where libfribidi is missing (Debian's libfribidi0; `make test` installs
libfribidi-bin, which brings it).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# fribidi-types.h, fribidi-bidi-types.h, fribidi-flags.h (FriBidi 1.0)
_Char = ctypes.c_uint32  # FriBidiChar
_CharType = ctypes.c_uint32  # FriBidiCharType, FriBidiParType
_BracketType = ctypes.c_uint32
_StrIndex = ctypes.c_int
_Level = ctypes.c_int8
_ArabicProp = ctypes.c_uint8  # also FriBidiJoiningType
_Flags = ctypes.c_uint32

PAR_LTR = 0x00000110  # FRIBIDI_MASK_STRONG | FRIBIDI_MASK_LETTER
PAR_RTL = 0x00000111  # ... | FRIBIDI_MASK_RTL
_SHAPE_MIRRORING = 0x00000001
_REORDER_NSM = 0x00000002
_SHAPE_ARAB_PRES = 0x00000100
_SHAPE_ARAB_LIGA = 0x00000200
_FLAGS = _SHAPE_MIRRORING | _REORDER_NSM | _SHAPE_ARAB_PRES | _SHAPE_ARAB_LIGA  # as fribidi_log2vis
FILLER = "\ufeff"  # what shaping leaves where a ligature's second letter was


@dataclass(frozen=True)
class FriBidi:
    """The few entry points of libfribidi the oracle calls."""

    library: ctypes.CDLL

    def levels(self, text: str, rtl: bool) -> list[int]:
        """The embedding level of each character of the paragraph `text` (no line rules)."""
        return list(self._resolve(text, rtl)[2])

    def display_lines(
        self, text: str, spans: Sequence[tuple[int, int]], rtl: bool, *, mirror: bool = True
    ) -> list[str]:
        """Each line text[a:b] of the paragraph `text`, shaped and in display order, fillers removed
        (`mirror`: brackets at right-to-left levels mirrored, as UAX #9 L4 says; Konsole does not).

        Each line is shaped on its own, as reader shapes it: a word cut across two lines does
        not join across the break.
        """
        n = len(text)
        chars, types, levels = self._resolve(text, rtl)
        visual = (_Char * max(n, 1))(*chars)
        props = (_ArabicProp * max(n, 1))()
        lib = self.library
        flags = _FLAGS if mirror else _FLAGS & ~_SHAPE_MIRRORING
        out = []
        for a, b in spans:
            length = b - a
            if length <= 0:
                out.append("")
                continue
            lib.fribidi_get_joining_types(_at(visual, a), length, _at(props, a))
            lib.fribidi_join_arabic(_at(types, a), length, _at(levels, a), _at(props, a))
            lib.fribidi_shape(flags, _at(levels, a), length, _at(props, a), _at(visual, a))
            if not lib.fribidi_reorder_line(flags, types, length, a, PAR_RTL if rtl else PAR_LTR, levels, visual, None):
                raise RuntimeError("fribidi_reorder_line failed")
            out.append("".join(map(chr, visual[a:b])).replace(FILLER, ""))
        return out

    def _resolve(self, text: str, rtl: bool) -> tuple[list[int], ctypes.Array[_CharType], ctypes.Array[_Level]]:
        n = len(text)
        chars = [ord(char) for char in text]
        string = (_Char * max(n, 1))(*chars)
        types = (_CharType * max(n, 1))()
        brackets = (_BracketType * max(n, 1))()
        levels = (_Level * max(n, 1))()
        lib = self.library
        lib.fribidi_get_bidi_types(string, n, types)
        lib.fribidi_get_bracket_types(string, n, types, brackets)
        direction = _CharType(PAR_RTL if rtl else PAR_LTR)
        if n and not lib.fribidi_get_par_embedding_levels_ex(types, brackets, n, ctypes.byref(direction), levels):
            raise RuntimeError("fribidi_get_par_embedding_levels_ex failed")
        return chars, types, levels


def _at(array: ctypes.Array[Any], index: int) -> ctypes.c_void_p:
    """A pointer to array[index], for calls on one line of a paragraph's arrays."""
    return ctypes.c_void_p(ctypes.addressof(array) + index * ctypes.sizeof(array._type_))


def load() -> FriBidi | None:
    """libfribidi with its prototypes declared, or None where it is not installed."""
    name = ctypes.util.find_library("fribidi") or "libfribidi.so.0"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    p = ctypes.c_void_p
    lib.fribidi_get_bidi_types.argtypes = [p, _StrIndex, p]
    lib.fribidi_get_bidi_types.restype = None
    lib.fribidi_get_bracket_types.argtypes = [p, _StrIndex, p, p]
    lib.fribidi_get_bracket_types.restype = None
    lib.fribidi_get_par_embedding_levels_ex.argtypes = [p, p, _StrIndex, p, p]
    lib.fribidi_get_par_embedding_levels_ex.restype = _Level
    lib.fribidi_get_joining_types.argtypes = [p, _StrIndex, p]
    lib.fribidi_get_joining_types.restype = None
    lib.fribidi_join_arabic.argtypes = [p, _StrIndex, p, p]
    lib.fribidi_join_arabic.restype = None
    lib.fribidi_shape.argtypes = [_Flags, p, _StrIndex, p, p]
    lib.fribidi_shape.restype = None
    lib.fribidi_reorder_line.argtypes = [_Flags, p, _StrIndex, _StrIndex, _CharType, p, p, p]
    lib.fribidi_reorder_line.restype = _Level
    return FriBidi(lib)
