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
    """The tests' last windows are freed while Python still runs, not by PySide at interpreter exit.

    A window a test closed waits for its deleteLater until the event loop turns again, which after the last
    test it never does; PySide then deletes every object it still owns at exit, when Python is finalizing, and
    a pyqtgraph item whose Python override (a resize on losing its parent) runs then crashed the interpreter
    after every test had passed (exit code 139, seen once in two runs of tests/gui, on main too)."""
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():  # deleted, not closed: a close could ask to save, with nobody to answer
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
