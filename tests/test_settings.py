from __future__ import annotations

from pathlib import Path

import pytest

from bot import messages
from bot.settings import DEFAULT_MIN_SCORE, Settings, SettingsProblem, load_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "SLACK_API_URL",
        "KAMERVRAAG_CORPUS",
        "KAMERVRAAG_ANSWER_VISIBILITY",
        "KAMERVRAAG_MIN_SCORE",
        "KAMERVRAAG_LOG_LEVEL",
        "KAMERVRAAG_INDEX_CACHE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults_need_no_slack_credentials() -> None:
    s = Settings(_env_file=None)
    assert s.slack_bot_token is None
    assert s.slack_api_url == "https://slack.com/api/"
    assert s.answer_visibility == "in_channel"
    assert s.min_score == DEFAULT_MIN_SCORE
    assert s.log_level == "INFO"
    assert s.index_cache is True  # on unless KAMERVRAAG_INDEX_CACHE=0


def test_standard_slack_variable_names_and_secret_masking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "sign-very-secret")
    s = load_settings()
    assert s.slack_bot_token is not None
    assert s.slack_bot_token.get_secret_value() == "xoxb-very-secret"
    assert "very-secret" not in repr(s) and "very-secret" not in str(s)


def test_dotenv_in_working_directory_is_read(tmp_path: object) -> None:
    with open(".env", "w", encoding="utf-8") as fh:
        fh.write("KAMERVRAAG_ANSWER_VISIBILITY=ephemeral\nKAMERVRAAG_MIN_SCORE=0.7\n")
    s = load_settings()
    assert s.answer_visibility == "ephemeral"
    assert s.min_score == 0.7


LEVELS = "'CRITICAL', 'ERROR', 'WARNING', 'INFO' of 'DEBUG'"


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("KAMERVRAAG_MIN_SCORE", "hoog", messages.setting_not_a_number()),
        ("KAMERVRAAG_MIN_SCORE", "1.5", messages.setting_out_of_range(0, 1)),
        ("KAMERVRAAG_ANSWER_VISIBILITY", "iedereen", messages.setting_choose_from("'in_channel' of 'ephemeral'")),
        (
            "KAMERVRAAG_LOG_LEVEL",
            "LOUD",
            messages.setting_choose_from("'CRITICAL', 'ERROR', 'WARNING', 'INFO' of 'DEBUG'"),
        ),
        ("KAMERVRAAG_INDEX_CACHE", "misschien", messages.setting_not_a_switch()),
    ],
)
def test_malformed_setting_names_the_variable_and_the_reason_in_dutch(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, reason: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsProblem) as info:
        load_settings()
    assert str(info.value) == messages.setting_invalid(variable, reason)


def test_require_names_the_missing_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    s = load_settings()
    s.require("SLACK_BOT_TOKEN")
    with pytest.raises(SettingsProblem, match="SLACK_SIGNING_SECRET ontbreekt"):
        s.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")


def test_dotenv_that_is_not_utf8_gives_a_dutch_line_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"KAMERVRAAG_MIN_SCORE=0.5\xff\n")
    with pytest.raises(SettingsProblem) as info:
        load_settings()
    assert str(info.value) == "Kan .env niet lezen: geen UTF-8-tekst"


def test_an_empty_variable_means_not_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KAMERVRAAG_CORPUS", "")
    monkeypatch.setenv("KAMERVRAAG_MIN_SCORE", "")
    (tmp_path / ".env").write_text("KAMERVRAAG_LOG_LEVEL=\n", encoding="utf-8")
    s = load_settings()
    assert (s.corpus, s.min_score, s.log_level) == (None, DEFAULT_MIN_SCORE, "INFO")


def test_a_dotenv_line_that_is_no_setting_is_warned_about_in_dutch(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / ".env").write_text("KAMERVRAAG_MIN_SCORE=0.5\nzomaar wat tekst\n", encoding="utf-8")
    assert load_settings().min_score == 0.5
    assert [r.getMessage() for r in caplog.records] == [
        "Let op: regel 2 van .env is geen NAAM=waarde en wordt overgeslagen."
    ]


@pytest.mark.parametrize(
    ("variable", "value", "field", "expected"),
    [
        ("KAMERVRAAG_LOG_LEVEL", "debug", "log_level", "DEBUG"),
        ("KAMERVRAAG_ANSWER_VISIBILITY", " Ephemeral ", "answer_visibility", "ephemeral"),
    ],
)
def test_choices_are_accepted_in_any_case(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, field: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    assert getattr(load_settings(), field) == expected
