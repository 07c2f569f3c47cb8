"""Start the desktop app: ``cnnstudio [FILE] [--screenshot PNG] [--lang ja|en]``."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication

DEFAULT_PRESET = "lenet5"
SCREENSHOT_SIZE = (1600, 1000)


def run(file: str | None = None, screenshot: str | None = None, lang: str | None = None) -> int:
    """Open the app on FILE (default: the LeNet-5 preset as a new unsaved project); 0 on success, 2 on bad input.

    ``lang`` (``--lang``) overrides the saved language choice and the system's."""
    from cnnstudio.core import i18n

    i18n.set_language(i18n.choose_language(explicit=lang))  # what the messages before Qt starts speak
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if screenshot and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # screenshots work on headless machines too
    elif headless and not os.environ.get("QT_QPA_PLATFORM"):
        # Qt would abort with a page about platform plugins; say what is wrong and what works instead.
        print(
            i18n.translate(
                "App",
                "cnnstudio: no display (DISPLAY and WAYLAND_DISPLAY are not set): run it on a desktop, "
                "or render the window with: cnnstudio [FILE] --screenshot window.png",
            ),
            file=sys.stderr,
        )
        return 2
    from PySide6.QtWidgets import QApplication

    from cnnstudio import blocks  # noqa: F401  (registers the block catalog)
    from cnnstudio.core.project_file import ProjectFileError, load

    from . import dialogs
    from .context import APPLICATION, ORGANIZATION, AppContext
    from .theme import apply_theme
    from .translation import choose, install

    _quiet_platform_notes()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    apply_theme(app)
    ctx = AppContext.default(persist=not screenshot)
    # a screenshot reads nothing personal: --lang or the system's language, never the saved choice
    install(app, choose(lang, ctx.settings if ctx.persist else None))

    graph, path, problem = None, None, None
    if file:
        try:
            graph, path = load(file), file
        except ProjectFileError as exc:
            problem = str(exc)
            print(f"cnnstudio: {problem}", file=sys.stderr)
            if screenshot:
                return 2

    from .main_window import MainWindow

    window = MainWindow(ctx)
    if graph is not None:
        window.open_graph(graph, path=path)
    else:
        window.files.open_preset(DEFAULT_PRESET)

    if screenshot:
        return render_screenshot(window, screenshot)

    _install_excepthook(window)
    if not ctx.settings.contains("window/geometry"):
        window.resize(1440, 900)
    window.show()
    collector = collect_garbage_on_the_gui_thread()  # noqa: F841  (lives as long as the event loop)
    if problem:
        dialogs.show_error(window, QCoreApplication.translate("App", "Cannot open the project"), problem)
    window.offer_recovery()
    from .background import finish_background_work

    app.aboutToQuit.connect(finish_background_work)
    return app.exec()


def collect_garbage_on_the_gui_thread(interval_s: float = 1.0):
    """Cyclic garbage is collected on the GUI thread only (see gui/garbage.py)."""
    from .garbage import GuiThreadCollector

    return GuiThreadCollector(interval_s)


def render_screenshot(window, png: str, size: tuple[int, int] = SCREENSHOT_SIZE, after_fit=None) -> int:
    """Lay the window out offscreen at ``size``, fit the canvas, write the PNG (``after_fit(window)`` may
    then select or frame something, for documentation)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(*size)
    window.show()
    for _ in range(3):
        QApplication.processEvents()
    window.view.fit_readable()
    if after_fit is not None:
        after_fit(window)
    for _ in range(3):
        QApplication.processEvents()
    window.settle()
    QApplication.processEvents()
    target = Path(png)
    if not target.parent.is_dir():
        print(
            QCoreApplication.translate("App", "cnnstudio: cannot write {0}: folder {1} does not exist").format(
                png, target.parent
            ),
            file=sys.stderr,
        )
        return 2
    if not window.grab().save(str(target), "PNG"):
        print(QCoreApplication.translate("App", "cnnstudio: cannot write {0}").format(png), file=sys.stderr)
        return 2
    window.doc.undo_stack.setClean()
    window.close()
    return 0


def _quiet_platform_notes() -> None:
    """The offscreen platform says it cannot propagate size hints on every window: not news to a user."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(kind, context, message):
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)


def _install_excepthook(window) -> None:
    """A bug shows a one-line message instead of vanishing; the traceback goes to stderr."""

    def hook(kind, value, tb):
        traceback.print_exception(kind, value, tb)
        try:
            window.status.showMessage(
                QCoreApplication.translate("App", "Internal error: {0}: {1}").format(kind.__name__, value), 15000
            )
        except RuntimeError:
            pass

    sys.excepthook = hook
