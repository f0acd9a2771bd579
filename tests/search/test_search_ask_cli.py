"""`kamervraag ask` as scripts use it: the contract's JSON, batch line by line, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot import messages
from bot.cli import main


def _json_lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_ask_json_is_one_compact_line_with_ints_and_a_boolean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Hoeveel troepen trekt de VS terug uit Irak?", "--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and ", " not in out.split('"question"')[0]
    row = _json_lines(out)[0]
    assert row["query"] == "Hoeveel troepen trekt de VS terug uit Irak?"
    assert row["answered"] is True
    results = row["results"]
    assert isinstance(results, list) and len(results) == 5
    first = results[0]
    assert first["number"] == 1 and type(first["number"]) is int
    assert first["document"] == "kst-27925-748" and first["question"].startswith("Hoeveel troepen")
    assert all(0.0 <= r["score"] <= 1.0 for r in results)


@pytest.mark.parametrize("top", [1, 3, 8])
def test_top_k_results_always_even_when_declining(capsys: pytest.CaptureFixture[str], top: int) -> None:
    assert main(["ask", "wie heeft er koffie?", "--json", "--top", str(top)]) == 0
    row = _json_lines(capsys.readouterr().out)[0]
    assert row["answered"] is False and len(row["results"]) == top  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["53", "vraag 53"])
def test_a_number_answers_with_score_one_then_its_related_items(capsys: pytest.CaptureFixture[str], query: str) -> None:
    assert main(["ask", query, "--json"]) == 0
    row = _json_lines(capsys.readouterr().out)[0]
    assert row["answered"] is True
    results = row["results"]
    assert isinstance(results, list) and len(results) == 5
    assert results[0]["number"] == 53 and results[0]["score"] == 1.0
    assert results[0]["question"].startswith("Is de hernieuwde Nederlandse inzet")
    scores = [r["score"] for r in results[1:]]
    assert all(0.0 <= s < 1.0 for s in scores) and scores == sorted(scores, reverse=True)
    assert 53 not in [r["number"] for r in results[1:]]


@pytest.mark.parametrize("top", ["1", "3"])
def test_a_number_respects_top(capsys: pytest.CaptureFixture[str], top: str) -> None:
    assert main(["ask", "vraag 14", "--json", "--top", top]) == 0
    results = _json_lines(capsys.readouterr().out)[0]["results"]
    assert [r["number"] for r in results] == [14, 13, 54][: int(top)]  # type: ignore[union-attr]


def test_unknown_number_is_a_dutch_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "vraag 99"]) == 2
    assert "Vraag 99 bestaat niet" in capsys.readouterr().err
    assert main(["ask", "vraag 99", "--json"]) == 2
    row = _json_lines(capsys.readouterr().out)[0]
    assert row["answered"] is False and row["results"] == [] and "Vraag 99 bestaat niet" in str(row["error"])


def test_empty_query_is_refused_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "   "]) == 2
    assert capsys.readouterr().err.strip() == messages.ask_empty_query()


@pytest.mark.parametrize("bad", ["0", "-1", "twee"])
def test_bad_top_is_a_usage_error(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["ask", "irak", "--top", bad])
    assert exc.value.code == 2
    assert "--top" in capsys.readouterr().err


def test_text_answer_says_what_was_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Hoeveel troepen trekt de VS terug uit Irak?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Beste match voor: Hoeveel troepen trekt de VS terug uit Irak?")
    assert "Vraag 1\n" in out and "Kamerstuk 27 925, nr. 748 (2020–2021), vraag 1" in out


def test_text_decline_uses_the_contract_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "wat is de stand van zaken rond MH17?"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == messages.DECLINE


def test_batch_one_line_out_per_line_in_with_bad_lines_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"query": "vraag 53", "id": "x"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"vraag": "geen query-veld"}),
        json.dumps({"query": "   "}),
        "",
        json.dumps({"query": 53}),
        json.dumps({"query": "Hoeveel demonstranten zijn er omgekomen in Irak?"}),
        json.dumps({"query": "hoi"}),
    ]
    batch = tmp_path / "q.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["ask", "--batch", str(batch), "--json", "--top", "3"]) == 0
    rows = _json_lines(capsys.readouterr().out)
    assert len(rows) == len(lines)
    assert rows[0]["answered"] is True and rows[0]["results"][0]["number"] == 53  # type: ignore[index]
    for bad in rows[1:7]:
        assert bad["answered"] is False and bad["results"] == [] and isinstance(bad["error"], str)
    assert rows[4]["query"] == "   "
    assert rows[1]["error"] == "Deze regel is geen geldige JSON (kolom 2)."  # Dutch, not the parser's English
    assert rows[7]["answered"] is True and rows[7]["results"][0]["number"] == 9  # type: ignore[index]
    assert len(rows[7]["results"]) == 3  # type: ignore[arg-type]
    assert rows[8]["answered"] is False and "error" not in rows[8]


def test_batch_file_with_a_byte_order_mark_reads_its_first_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text('\ufeff{"query": "53"}\n', encoding="utf-8")
    assert main(["ask", "--batch", str(batch), "--json", "--top", "1"]) == 0
    assert _json_lines(capsys.readouterr().out)[0]["answered"] is True


def test_batch_line_with_a_lone_surrogate_gets_its_output_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"query": "\\ud800 irak"}\n{"query": "53"}\n', encoding="utf-8")
    assert main(["ask", "--batch", str(batch), "--json", "--top", "1"]) == 0
    out = capsys.readouterr().out
    out.encode("utf-8")  # what a pipe to another program must carry
    rows = _json_lines(out)
    assert rows[0]["query"] == "\ud800 irak" and rows[1]["answered"] is True


def test_batch_file_that_cannot_be_read_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--batch", str(tmp_path / "missing.jsonl"), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Kan " in captured.err and "niet lezen" in captured.err
    assert main(["ask", "--batch", str(tmp_path), "--json"]) == 2


def test_ask_never_loads_the_slack_stack() -> None:
    code = (
        "import sys; from bot.cli import main; main(['ask', 'irak', '--json']); "
        "print(sorted(m for m in sys.modules if m.startswith(('slack_bolt', 'slack_sdk'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.splitlines()[-1] == "[]"


def test_prompt_answers_until_an_empty_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import ask

    typed = iter(["vraag 53", "Hoeveel demonstranten zijn er omgekomen in Irak?", ""])
    monkeypatch.setattr("builtins.input", lambda _prompt: next(typed))
    args = ask.argparse.Namespace()
    assert ask.run_prompt(args) == 0
    out = capsys.readouterr().out
    assert "Vraag 53\n" in out and "Beste match voor: Hoeveel demonstranten" in out and "Vraag 9\n" in out


def test_prompt_decline_tip_is_what_to_type_at_the_prompt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import ask

    typed = iter(["wat is de hoofdstad van Peru?", ""])
    monkeypatch.setattr("builtins.input", lambda _prompt: next(typed))
    assert ask.run_prompt(ask.argparse.Namespace()) == 0
    out = capsys.readouterr().out
    assert messages.DECLINE in out and "Tip: typ 53 voor vraag 53" in out and "kamervraag show" not in out


def test_no_arguments_without_a_terminal_prints_help_and_never_waits(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith(("usage: kamervraag", "gebruik: kamervraag")) and "--corpus" in out
