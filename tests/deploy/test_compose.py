"""deploy/compose.yaml: the bot in HTTP mode beside Redis, each with a health check."""

from __future__ import annotations

import json
import re

from tests.deploy.deploy_support import COMPOSE, ROOT, compose, dockerfile, final_stage, image_uid, known_variables

SERVICES = compose()["services"]


def test_bot_and_redis() -> None:
    assert set(SERVICES) == {"bot", "redis"}


def test_the_bot_is_built_from_this_repository_with_the_dockerfile() -> None:
    build = SERVICES["bot"]["build"]
    context = (COMPOSE.parent / build["context"]).resolve()
    assert context == ROOT
    assert (context / build["dockerfile"]).resolve() == (ROOT / "deploy" / "Dockerfile")


def test_the_bot_serves_http_as_the_image_does() -> None:
    (cmd,) = [json.loads(i.arguments) for i in final_stage(dockerfile()) if i.keyword == "CMD"]
    assert SERVICES["bot"]["command"] == cmd
    assert "--http" in cmd
    (published,) = SERVICES["bot"]["ports"]
    assert published == f"127.0.0.1:{cmd[-1]}:{cmd[-1]}"


def test_the_bot_shares_its_state_through_the_redis_service_once_it_is_healthy() -> None:
    bot = SERVICES["bot"]
    assert bot["environment"]["KAMERVRAAG_REDIS_URL"] == "redis://redis:6379/0"
    assert bot["depends_on"] == {"redis": {"condition": "service_healthy"}}
    assert SERVICES["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert set(bot["environment"]) <= known_variables()


def test_the_bot_is_healthy_when_ready() -> None:
    test = SERVICES["bot"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python3", "-c"]
    assert "urlopen('http://127.0.0.1:3000/readyz'" in test[3]


def test_the_tokens_come_from_the_env_file_the_readme_names() -> None:
    (env_file,) = SERVICES["bot"]["env_file"]
    assert (COMPOSE.parent / env_file).resolve() == ROOT / ".env"
    assert ".env" in (ROOT / ".gitignore").read_text().split()


def test_a_read_only_root_with_a_writable_home_for_the_image_user() -> None:
    bot = SERVICES["bot"]
    assert bot["read_only"] is True
    assert f"/home/kamervraag:uid={image_uid()},gid={image_uid()}" in bot["tmpfs"]
    (env,) = [i.arguments for i in final_stage(dockerfile()) if i.keyword == "ENV"]
    cache = re.search(r"XDG_CACHE_HOME=(\S+)", env)
    assert cache and cache.group(1).startswith("/home/kamervraag/"), "the index cache lives in that home"
