"""`cnnstudio --lang ja|en` and $CNNSTUDIO_LANG: every subcommand speaks the chosen language, exit codes unchanged."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from cnnstudio.cli import main, take_language
from cnnstudio.cli_wrap import columns, wrap
from cnnstudio.core import i18n

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def english_after(monkeypatch):
    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE, raising=False)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # the system's language: English, whatever the machine says
    yield
    i18n.set_language("en")


@pytest.fixture
def broken(tmp_path, capsys):
    """LeNet-5 with conv1's kernel larger than its padded input: (28 + 2·2 − 40) / 1 + 1 = −7."""
    path = tmp_path / "broken.cnn.json"
    assert main(["new", "--preset", "lenet5", "-o", str(path)]) == 0
    capsys.readouterr()
    text = path.read_text(encoding="utf-8").replace('"kernel_size": 5', '"kernel_size": 40', 1)
    path.write_text(text, encoding="utf-8")
    return path


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_summary_of_a_broken_design_in_japanese_exits_1_with_the_same_numbers(broken, capsys):
    code, english, _ = _run(capsys, "summary", str(broken))
    assert code == 1 and "1 problem(s):" in english and "Total params" in english
    code, japanese, _ = _run(capsys, "--lang", "ja", "summary", str(broken))
    assert code == 1
    assert "問題が 1 件あります:" in japanese and "パラメータ合計" in japanese and "受容野" in japanese
    assert "  エラー: conv1: " in japanese and "[kernel_too_large]" in japanese  # the code stays as it is
    en_problem = english.splitlines()[-1]
    ja_problem = japanese.splitlines()[-1]
    assert sorted(re.findall(r"\d+", en_problem)) == sorted(re.findall(r"\d+", ja_problem))


def test_json_output_keeps_its_keys_and_codes_in_japanese(broken, capsys):
    import json

    code, out, _ = _run(capsys, "summary", str(broken), "--json", "--lang=ja")
    data = json.loads(out)
    assert code == 1 and data["diagnostics"][0]["code"] == "kernel_too_large"
    assert set(data["diagnostics"][0]) == {"node", "level", "code", "message"}
    assert data["diagnostics"][0]["level"] == "error"  # machine-readable fields are not translated


def test_a_missing_file_is_one_japanese_line_and_exit_2(tmp_path, capsys):
    code, out, err = _run(capsys, "--lang", "ja", "summary", str(tmp_path / "nothing.cnn.json"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("cnnstudio: ") and err.rstrip().endswith("ファイルがありません")


def test_the_environment_variable_chooses_japanese_and_lang_overrides_it(broken, capsys, monkeypatch):
    monkeypatch.setenv(i18n.ENVIRONMENT_VARIABLE, "ja")
    code, out, _ = _run(capsys, "summary", str(broken))
    assert code == 1 and "問題が 1 件あります:" in out
    code, out, _ = _run(capsys, "summary", str(broken), "--lang", "en")
    assert code == 1 and "1 problem(s):" in out and not JAPANESE.search(out.split("\n\n")[-1])


def test_argparse_usage_errors_and_help_speak_japanese(capsys):
    code, _, err = _run(capsys, "--lang", "ja", "new", "--preset", "lenet5")
    assert code == 2 and err.count("\n") == 1
    assert "次の引数が必要です: -o/--output" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "ja", "summary", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("使い方: cnnstudio summary") and "機械可読な出力" in out


def test_checks_before_torch_answer_in_japanese(tmp_path, capsys):
    out = tmp_path / "x.cnn.json"
    out.write_text("{}", encoding="utf-8")
    code, _, err = _run(capsys, "--lang", "ja", "new", "-o", str(out))
    assert code == 2 and "は既に存在します（上書きするには --force を付けてください）" in err
    code, _, err = _run(capsys, "--lang", "ja", "new", "-o", str(tmp_path / "y.cnn.json"), "--input", "3,a")
    assert code == 2 and "--input は C,H,W の形式" in err


def test_an_unknown_language_is_bad_input(capsys):
    code, out, err = _run(capsys, "--lang", "fr", "presets")
    assert code == 2 and out == "" and err.startswith("cnnstudio: --lang must be one of en, ja, got fr")


def test_presets_list_titles_in_japanese_and_files_keep_english(tmp_path, capsys):
    code, out, _ = _run(capsys, "--lang", "ja", "presets")
    assert code == 0
    lenet = next(line for line in out.splitlines() if line.startswith("lenet5"))
    assert lenet.rstrip().endswith("LeNet-5（LeCun 1998、ReLU と最大プーリング）")
    assert "resnet18" in out and "ResNet-18（He 2015、2+2+2+2 個の basic 型残差モジュール）" in out
    path = tmp_path / "r.cnn.json"
    code, out, _ = _run(capsys, "--lang", "ja", "new", "--preset", "resnet18", "-o", str(path))
    assert code == 0 and out.startswith(f"{path} を書き出しました: resnet18、ノード ")
    assert '"description": "ResNet-18 (He 2015), 2+2+2+2 residual basic modules' in path.read_text(encoding="utf-8")


def test_take_language_finds_the_option_anywhere():
    assert take_language(["--lang", "ja", "summary", "f"]) == ("ja", ["summary", "f"])
    assert take_language(["summary", "f", "--lang=en"]) == ("en", ["summary", "f"])
    assert take_language(["summary", "--", "--lang", "ja"]) == (None, ["summary", "--", "--lang", "ja"])
    assert take_language(["summary", "--lang"]) == (None, ["summary", "--lang"])


def test_the_console_script_follows_the_environment(broken):
    env = dict(os.environ, CNNSTUDIO_LANG="ja", LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "cnnstudio", "summary", str(broken)], env=env, capture_output=True, text=True
    )
    assert run.returncode == 1 and "問題が 1 件あります:" in run.stdout


def test_japanese_help_fits_the_terminal_and_breaks_between_characters(capsys, monkeypatch):
    """Kana and kanji take two columns: every help line stays within $COLUMNS, English words stay whole."""
    monkeypatch.setenv("COLUMNS", "60")
    with pytest.raises(SystemExit):
        main(["--lang", "ja", "generate", "--help"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(columns(line) <= 60 for line in lines if not line.lstrip().startswith("[")), out
    assert any(JAPANESE.search(line) and columns(line) > 50 for line in lines)  # full lines, not ragged ones
    text = "".join(line.strip() for line in lines)
    assert "学習済みの生成器" in text and "--classifier-weights" in text


def test_wrap_keeps_closing_punctuation_on_its_line():
    lines = wrap("畳み込み層の出力サイズ、ストライド、パディング。" * 3, 20)
    assert all(columns(line) <= 20 for line in lines)
    assert not any(line[0] in "、。）" for line in lines)
    assert "".join(lines) == "畳み込み層の出力サイズ、ストライド、パディング。" * 3
