"""Tips tell people what to type; with several documents a bare number would be ambiguous."""

from __future__ import annotations

from bot.corpus import Corpus, CorpusDocument, Document, Item
from bot.corpus.lookup import example_reference
from bot.render.slack import decline_message


def _other() -> CorpusDocument:
    return CorpusDocument(
        document=Document(
            id="kst-99999-1", dossier="99 999", number="1", session_year="2021–2022", url="https://example.org/x"
        ),
        questions=(Item(number=1, question="Vraag?", answer="Antwoord."),),
    )


def test_one_document_tip_is_a_bare_number(corpus: Corpus) -> None:
    assert example_reference(corpus) == "53"
    assert example_reference(Corpus([_other()])) == "1"


def test_several_documents_tip_is_a_bare_number_of_the_default_document(corpus: Corpus) -> None:
    assert example_reference(Corpus([_other(), *corpus.documents])) == "53"


def test_several_documents_without_the_default_tip_names_the_document(corpus: Corpus) -> None:
    seed = corpus.corpus_document("kst-27925-748")
    renamed = seed.model_copy(update={"document": seed.document.model_copy(update={"id": "kst-27925-748a"})})
    both = Corpus([renamed, _other()])
    assert example_reference(both) == "kst-27925-748a:53"
    payload = decline_message([], example=example_reference(both))
    assert "/kamervraag kst-27925-748a:53 toont vraag kst-27925-748a:53" in str(payload["blocks"])
