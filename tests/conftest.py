"""Suite-wide settings."""

import gc
import os

import pytest
from hypothesis import settings

# CI replays a fixed set of examples so a submission is judged on the same cases every time; local runs keep
# exploring new ones (and hypothesis' database remembers any failure they find).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_the_gui_thread(request):
    """After a window test, free its Qt objects here, on the GUI thread.

    Left to Python's cyclic collector, a closed widget caught in a reference cycle is freed by whichever thread
    next allocates enough: a worker thread compiling a model. PySide6 then destroys the QObject off the GUI thread
    and waits for the GIL the GUI thread needs: a deadlock (seen once, three clones at once on two cores).
    """
    yield
    if "gui" in request.node.path.parent.name:
        gc.collect()


def pytest_sessionfinish(session, exitstatus):
    """Deletes still waiting when the last test ends are carried out while Python runs, not at interpreter exit.

    A window a test closed is deleted when the event loop next turns, which after the last test it never does;
    PySide then deletes what it still owns at exit, while Python is finalizing, and a pyqtgraph item whose Python
    override ran then crashed the interpreter after every test had passed (exit 139, on main too: the 15
    tests/gui files that select blocks, 2 runs of 2). Only deletes already asked for are carried out: deleting
    Qt's own top-level widgets (a tooltip, a popup) here segfaulted the full suite."""
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is None:
        return
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()  # wrappers freed by the deletes may hold more widgets that asked for theirs
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
