"""The lexicon is data next to the corpus; every entry must lead to words the corpus uses."""

from __future__ import annotations

from bot.corpus import Corpus
from bot.search import Engine
from bot.search.lexicon import lexicon_path, load_lexicon
from bot.search.text import words


def _vocabulary(corpus: Corpus) -> set[str]:
    lexicon = load_lexicon()
    return {w for _, item in corpus for w in words(item.question + " " + item.answer, lexicon.acronyms)}


def test_lexicon_travels_with_the_corpus() -> None:
    path = lexicon_path()
    for name in ("synonyms.tsv", "expansions.tsv", "glossary_en.tsv", "acronyms.tsv", "stopwords.txt", "places.txt"):
        assert (path / name).is_file(), name
    assert not list(path.glob("*.json")), "the corpus loader would read a .json lexicon as a document"


def test_every_expansion_leads_to_words_in_the_corpus(corpus: Corpus) -> None:
    lexicon = load_lexicon()
    vocabulary = _vocabulary(corpus)
    assert lexicon.expansions
    for source, targets in lexicon.expansions.items():
        reachable = [t for t, _ in targets if all(w in vocabulary or w in lexicon.stopwords for w in t)]
        assert reachable or all(w in vocabulary for w in source), f"{' '.join(source)} leads nowhere"


def test_glossary_targets_occur_in_the_corpus(corpus: Corpus) -> None:
    lexicon = load_lexicon()
    vocabulary = _vocabulary(corpus)
    for line in (lexicon_path() / "glossary_en.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english, dutch = line.split("\t")
        for target in dutch.split(";"):
            missing = [w for w in words(target, lexicon.acronyms) if w not in vocabulary]
            assert not missing, f"{english} → {target}: {missing} not in the corpus"


def test_abbreviations_and_synonyms_from_the_issue() -> None:
    expansions = load_lexicon().expansions

    def means(a: str, b: str) -> bool:
        return any(t == tuple(words(b)) for t, _ in expansions.get(tuple(words(a)), ()))

    assert means("vs", "verenigde staten") and means("vs", "amerikaanse")
    assert means("isis", "islamitische staat") and means("daesh", "isis")
    assert means("nl", "nederland") and means("nato", "navo") and means("straaljagers", "f16")
    assert means("betogers", "demonstranten") and means("teheran", "iran")


def test_another_form_of_a_lexicon_word_gets_its_expansions(engine: Engine) -> None:
    """ "verstoort" is not in the lexicon, "verstoren" is (with "versperren"): the stem finds it."""
    analyse = engine.analyzer.analyse
    inflected = {j for c in analyse("verstoort") for j, _ in c.alternatives}
    listed = {j for c in analyse("verstoren") for j, _ in c.alternatives}
    assert listed and listed <= inflected


def test_a_compound_part_gets_its_lexicon_meaning(engine: Engine) -> None:
    """ "coronaprotocol" is no corpus word; its part "corona" means "COVID-19", which item 40 asks about."""
    assert engine.ask("welk coronaprotocol geldt voor de militairen?").hits[0].key.number == 40
    columns = {j for c in engine.analyzer.analyse("coronaprotocol") for j, _ in c.alternatives}
    assert {j for c in engine.analyzer.analyse("covid-19") for j, _ in c.alternatives} & columns


def test_a_separated_verb_is_also_searched_whole(engine: Engine) -> None:
    """ "Nemen … mee" is "meenemen" (item 38 asks about "het meenemen van groot materieel")."""
    whole = {j for c in engine.analyzer.analyse("meenemen") for j, _ in c.alternatives}
    split = {j for c in engine.analyzer.analyse("nemen ze pantservoertuigen mee?") for j, _ in c.alternatives}
    assert whole and whole <= split
    assert engine.ask("Nemen de Nederlanders pantservoertuigen mee naar Jordanië?").hits[0].key.number == 38
