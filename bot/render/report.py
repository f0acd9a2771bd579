"""`kamervraag report` for people: plain text, or one self-contained HTML page with an inline SVG chart.

Pure: a `Report` in, a string out. The page loads nothing from elsewhere (no scripts, fonts or images),
so it can be mailed or opened offline.
"""

from __future__ import annotations

from html import escape

from bot import messages
from bot.answerlog.report import Day, Report

CHART_WIDTH, CHART_HEIGHT, MARGIN = 720, 240, 36


def _reason(key: str | None) -> str:
    return messages.FEEDBACK_REASONS.get(key or "", messages.REPORT_NO_REASON).lower()


def report_text(report: Report, *, since: str | None = None) -> str:
    lines = [messages.report_heading(report.questions, report.answered, since)]
    if report.up or report.down:
        lines.append(messages.report_votes(report.up, report.down))
    for doc in report.documents:
        lines += ["", messages.report_document(doc.document, doc.answered)]
        if doc.most_asked:
            lines.append("  " + messages.REPORT_MOST_ASKED)
            lines += [f"    {messages.report_asked(key.number, n)}" for key, n in doc.most_asked]
        if doc.disliked:
            lines.append("  " + messages.REPORT_DISLIKED)
            for d in doc.disliked:
                said = messages.report_disliked(d.key.number, _reason(d.vote.reason))
                line = f"    {d.vote.time:%Y-%m-%d %H:%M}  {said}"
                if d.vote.comment:
                    line += f": “{' '.join(d.vote.comment.split())}”"
                if d.query:
                    line += f" — {messages.report_asked_as(d.query)}"
                lines.append(line)
    if report.declined:
        lines += ["", messages.report_declined(len(report.declined))]
        for e in report.declined:
            lines.append(f"  {e.time:%Y-%m-%d %H:%M}  {e.query if e.query is not None else messages.REPORT_NO_QUERY}")
    return "\n".join(lines)


def chart_svg(days: tuple[Day, ...]) -> str:
    """Bars: questions per day (left scale); line: the share answered (0–100 %, right scale)."""
    if not days:
        return f"<p>{escape(messages.REPORT_CHART_EMPTY)}</p>"
    w, h, m = CHART_WIDTH, CHART_HEIGHT, MARGIN
    inner_w, inner_h = w - 2 * m, h - 2 * m
    top = max(d.questions for d in days)
    slot = inner_w / len(days)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">',
        f"<title>{escape(messages.REPORT_CHART_TITLE)}</title>",
        f'<line x1="{m}" y1="{h - m}" x2="{w - m}" y2="{h - m}" stroke="#888"/>',
        f'<text x="4" y="{m}" font-size="11">{top}</text><text x="4" y="{h - m}" font-size="11">0</text>',
        f'<text x="{w - m + 4}" y="{m}" font-size="11">100%</text>',
        f'<text x="{w - m + 4}" y="{h - m}" font-size="11">0%</text>',
    ]
    points = []
    for i, d in enumerate(days):
        bar_h = inner_h * d.questions / top
        x = m + i * slot
        parts.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{h - m - bar_h:.1f}" width="{slot * 0.7:.1f}" height="{bar_h:.1f}" '
            f'fill="#9ec5e8"><title>{d.day.isoformat()}: {d.questions} / {round(100 * d.rate)}%</title></rect>'
        )
        points.append(f"{x + slot / 2:.1f},{h - m - inner_h * d.rate:.1f}")
        if len(days) <= 31 or i % max(1, len(days) // 15) == 0:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{h - m + 14}" font-size="10" text-anchor="middle">'
                f"{d.day:%d-%m}</text>"
            )
    parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#c0392b" stroke-width="2"/>')
    parts += [f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3" fill="#c0392b"/>' for p in points]
    parts.append("</svg>")
    return "\n".join(parts)


def report_html(report: Report, *, since: str | None = None) -> str:
    title = escape(messages.REPORT_HTML_TITLE)
    body = escape(report_text(report, since=since))
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }}
pre {{ white-space: pre-wrap; font-size: 0.95em; background: #f6f6f6; padding: 1em; }}
</style>
</head>
<body>
<h1>{title}</h1>
<figure>
{chart_svg(report.days)}
<figcaption>{escape(messages.REPORT_CHART_TITLE)}</figcaption>
</figure>
<pre>{body}</pre>
</body>
</html>
"""
