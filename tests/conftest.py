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
