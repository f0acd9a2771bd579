from __future__ import annotations

import pytest

from bot.settings import DEFAULT_MIN_SCORE, Settings, SettingsProblem, load_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: pytest.TempPathFactory) -> None:
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "SLACK_API_URL",
        "KAMERVRAAG_CORPUS",
        "KAMERVRAAG_ANSWER_VISIBILITY",
        "KAMERVRAAG_MIN_SCORE",
        "KAMERVRAAG_LOG_LEVEL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]


def test_defaults_need_no_slack_credentials() -> None:
    s = Settings(_env_file=None)
    assert s.slack_bot_token is None
    assert s.slack_api_url == "https://slack.com/api/"
    assert s.answer_visibility == "in_channel"
    assert s.min_score == DEFAULT_MIN_SCORE
    assert s.log_level == "INFO"


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


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("KAMERVRAAG_MIN_SCORE", "hoog"),
        ("KAMERVRAAG_MIN_SCORE", "1.5"),
        ("KAMERVRAAG_ANSWER_VISIBILITY", "iedereen"),
        ("KAMERVRAAG_LOG_LEVEL", "LOUD"),
    ],
)
def test_malformed_setting_names_the_variable_in_dutch(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsProblem) as info:
        load_settings()
    message = str(info.value)
    assert message.startswith(f"Instelling {variable} is ongeldig")
    assert "\n" not in message


def test_require_names_the_missing_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    s = load_settings()
    s.require("SLACK_BOT_TOKEN")
    with pytest.raises(SettingsProblem, match="SLACK_SIGNING_SECRET ontbreekt"):
        s.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
