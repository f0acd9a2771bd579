"""`kamervraag report` and what `kamervraag ask` logs, on real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import re
import socket
from datetime import timedelta
from pathlib import Path

from bot.answerlog.quick import add_quickly
from bot.answerlog.records import Entry, Vote, new_answer_id, now, voter
from bot.answerlog.report import build_report
from bot.answerlog.store import AnswerLog
from tests.cli_support import run_cli

ANSWERABLE = "hoeveel Amerikaanse troepen blijven er in Irak?"
NONSENSE = "xylofoon kwartel pindakaas"


def entry(query: str | None, *, answered: bool = True, number: int | None = 1, days_ago: float = 0) -> Entry:
    return Entry(
        id=new_answer_id(),
        time=now() - timedelta(days=days_ago),
        kind="thread",
        query=query,
        answered=answered,
        document="kst-27925-748" if answered else None,
        number=number if answered else None,
        score=0.8 if answered else 0.1,
    )


def report_json(url: str, *args: str) -> list[dict[str, object]]:
    result = run_cli("report", "--json", *args, env={"KAMERVRAAG_DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_ask_logs_what_it_answered_and_a_batch_does_not(database_url: str, tmp_path: Path) -> None:
    env = {"KAMERVRAAG_DATABASE_URL": database_url}
    for query in (ANSWERABLE, NONSENSE):
        assert run_cli("ask", query, env=env).returncode == 0
    assert run_cli("ask", ANSWERABLE, "--json", env={**env, "KAMERVRAAG_LOG_QUERIES": "0"}).returncode == 0
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"query": ANSWERABLE}) + "\n")
    assert run_cli("ask", "--batch", str(batch), "--json", env=env).returncode == 0

    lines = report_json(database_url)
    assert [(x["query"], x["answered"], x["number"], x["kind"], x["feedback"]) for x in lines] == [
        (ANSWERABLE, True, 1, "cli", None),
        (NONSENSE, False, None, "cli", None),
        (None, True, 1, "cli", None),
    ]
    # the certainty word the asker was shown (issue 12's scale), the same as `ask --json` says
    shown = json.loads(run_cli("ask", ANSWERABLE, "--json").stdout)["results"][0]["certainty"]
    assert [x["certainty"] for x in lines] == [shown, "Onzeker", shown]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", str(x["time"])) for x in lines)


def test_the_report_in_words_since_a_date_and_as_a_page(database_url: str, tmp_path: Path) -> None:
    with AnswerLog.open(database_url) as log:
        asked = [entry("vraag over troepen", days_ago=3), entry("nog eens troepen"), entry("dreiging", number=53)]
        for e in [*asked, entry("iets onbekends", answered=False, days_ago=3), entry("zomaar", answered=False)]:
            log.add(e)
        log.vote(Vote(answer_id=asked[2].id, voter=voter("U1"), time=now(), vote="down", document="kst-27925-748",
                      number=53, reason="incomplete"))  # fmt: skip
    env = {"KAMERVRAAG_DATABASE_URL": database_url}
    text = run_cli("report", env=env)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Antwoordlog: 5 vragen, 3 beantwoord (60%).")
    assert "vraag 1: 2×" in text.stdout and "vraag 53: 1×" in text.stdout
    assert "vraag 53: onvolledig — gevraagd als “dreiging”" in text.stdout
    assert text.stdout.index("zomaar") < text.stdout.index("iets onbekends")  # newest declined first

    since = (now() - timedelta(days=1)).date().isoformat()
    recent = run_cli("report", "--since", since, env=env).stdout
    assert recent.startswith(f"Antwoordlog sinds {since}: 3 vragen, 2 beantwoord (67%).")
    assert "iets onbekends" not in recent
    assert [x["query"] for x in report_json(database_url, "--since", since)] == [
        "nog eens troepen",
        "dreiging",
        "zomaar",
    ]

    page = tmp_path / "rapport.html"
    written = run_cli("report", "--html", str(page), env=env)
    assert written.returncode == 0, written.stderr
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<rect ") == 2  # two days with questions
    assert "<polyline" in html and "vraag 53: onvolledig" in html
    assert not re.search(r"(src|href)=", html)  # self-contained: nothing loaded from elsewhere


def test_report_problems_are_one_dutch_line() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = run_cli("report", env={"KAMERVRAAG_DATABASE_URL": f"postgresql://u:geheim@127.0.0.1:{port}/x"})
    assert down.returncode == 2 and "niet bereikbaar" in down.stderr and "geheim" not in down.stderr
    off = run_cli("report", env={"KAMERVRAAG_DATABASE_URL": "off"})
    assert off.returncode == 2 and "staat uit" in off.stderr
    bad = run_cli("report", "--since", "gisteren")
    assert bad.returncode == 2 and "2026-01-31" in bad.stderr


def test_ask_with_the_database_down_still_answers_with_one_warning() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_cli("ask", ANSWERABLE, env={"KAMERVRAAG_DATABASE_URL": f"postgresql://u:geheim@127.0.0.1:{port}/x"})
    assert result.returncode == 0
    assert "Vraag 1" in result.stdout
    assert result.stderr.count("antwoordlog") == 1 and "geheim" not in result.stderr


def test_the_quick_sqlite_path_writes_what_the_store_reads(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'answers.sqlite3'}"
    fresh = entry("nieuw")
    assert not add_quickly(url, fresh, retention_days=90)  # no log yet: the store makes it first
    with AnswerLog.open(url) as log:
        assert add_quickly(url, fresh, retention_days=90)
        assert add_quickly(url, entry("te oud", days_ago=91), retention_days=90)
        assert log.entries() == [fresh]


def test_build_report_counts_per_document_and_day() -> None:
    a, b = entry("x"), entry("y", days_ago=1)
    d = entry("z", answered=False)
    votes = [
        Vote(answer_id=a.id, voter=voter("U1"), time=now(), vote="up", document="kst-27925-748", number=1),
        Vote(answer_id=a.id, voter=voter("U2"), time=now(), vote="down", document="kst-27925-748", number=1),
    ]
    report = build_report([b, a, d], votes)
    assert (report.questions, report.answered, report.up, report.down) == (3, 2, 1, 1)
    (doc,) = report.documents
    assert [(k.number, n) for k, n in doc.most_asked] == [(1, 2)]
    assert [dl.query for dl in doc.disliked] == ["x"]
    assert [(day.questions, day.answered) for day in report.days] == [(1, 1), (2, 1)]
