"""The core's language: choice order, catalogue reading, and English as the fallback."""

from cnnstudio.core import i18n

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context><name>Diagnostics</name>
  <message><source>kernel {kernel} is too large</source><translation>カーネル {kernel} が大きすぎます</translation></message>
  <message><source>not yet</source><translation type="unfinished"></translation></message>
  <message><source>gone</source><translation type="vanished">消えた</translation></message>
</context>
</TS>
"""


def test_a_finished_translation_is_used_and_numbers_go_in_unchanged(tmp_path):
    (tmp_path / "messages_ja.ts").write_text(TS, encoding="utf-8")
    try:
        assert i18n.set_language("ja_JP.UTF-8", tmp_path) == "ja"
        text = i18n.translate("Diagnostics", "kernel {kernel} is too large").format(kernel=5)
        assert text == "カーネル 5 が大きすぎます"
        assert i18n.translate("Diagnostics", "not yet") == "not yet"  # unfinished: English shows
        assert i18n.translate("Diagnostics", "gone") == "gone"
        assert i18n.translate("Other", "kernel {kernel} is too large") == "kernel {kernel} is too large"
    finally:
        i18n.set_language("en")
    assert i18n.translate("Diagnostics", "kernel {kernel} is too large") == "kernel {kernel} is too large"


def test_a_damaged_catalogue_is_skipped_not_fatal(tmp_path):
    (tmp_path / "broken_ja.ts").write_text("<TS><context>", encoding="utf-8")
    try:
        assert i18n.set_language("ja", tmp_path) == "ja"
        assert i18n.translate("X", "y") == "y"
    finally:
        i18n.set_language("en")


def test_the_choice_is_flag_then_environment_then_setting_then_system(monkeypatch):
    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE, raising=False)
    assert i18n.choose_language("ja", "en", "en") == "ja"
    assert i18n.choose_language(None, "ja", "en") == "ja"
    assert i18n.choose_language(None, None, "ja") == "ja"
    assert i18n.choose_language("fr", None, "en") == "en"
    monkeypatch.setenv(i18n.ENVIRONMENT_VARIABLE, "ja")
    assert i18n.choose_language(None, "en", "en") == "ja"


def test_the_system_language_reads_the_posix_variables(monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert i18n.system_language() == "ja"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert i18n.system_language() == "en"
