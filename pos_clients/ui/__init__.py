"""The Qt user interface: main window, directory, groups, register and settings."""

from pos_clients.ui.refcount_guard import make_singletons_immortal

# Before any Qt call: see refcount_guard (a PySide6 6.12.0 defect on Python 3.11).
make_singletons_immortal()
