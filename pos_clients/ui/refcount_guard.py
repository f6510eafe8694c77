"""Work around PySide6 6.12.0 on Python 3.10/3.11 dropping a reference to None at every call.

Its abi3 wheels return None (and True, False, NotImplemented) without taking a reference, as
Python 3.12 allows since those objects became immortal (PEP 683). On 3.11 each call to a Qt
method returning nothing then lowers None's count by one, and after a few thousand calls the
interpreter aborts ("deallocating None"). Giving these few objects a huge count makes them as
good as immortal, which is what 3.12 does. Nothing happens on 3.12 and later.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 48
_applied = False


def make_singletons_immortal() -> bool:
    """Raise the reference count of None, True, False, … out of reach; True if applied now."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False
    for singleton in (None, True, False, NotImplemented, Ellipsis):
        # ob_refcnt is the first field of every object in a release build of CPython 3.11.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _MARGIN
    _applied = True
    return True
