"""The search index: plain arrays and sparse matrices, built once from a corpus, queried many times.

Everything a query needs is here and nothing refers back to the corpus objects, so the index can be
written to disk and read back (the cache of the scaling issue) without rebuilding.
Rows are items, columns are terms; `question` and `answer` hold BM25 weights of each field.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.answer import is_pointer_answer
from bot.corpus.store import Corpus, ItemKey
from bot.search.lexicon import Lexicon
from bot.search.references import outgoing
from bot.search.stemming import Splitter, term
from bot.search.text import words

K1 = 1.2
B_QUESTION = 0.5
B_ANSWER = 0.5
PART_WEIGHT = 0.5
"""A compound's part counts half a word: "troepenreductie" is mostly, not only, about "reductie"."""

BORROWED_WEIGHT = 0.5
"""How much a pointer answer ("Zie het antwoord op vraag 13.") counts the answer it points to."""

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class SearchIndex:
    documents: npt.NDArray[np.str_]
    numbers: npt.NDArray[np.int64]
    terms: npt.NDArray[np.str_]
    """Column → term (a folded, stemmed word)."""
    vocabulary: npt.NDArray[np.str_]
    """Every folded word of the corpus, for typo correction and compound tails."""
    idf: FloatArray
    question: sparse.csc_matrix
    answer: sparse.csc_matrix
    questions: npt.NDArray[np.str_]
    """Each item's question, folded."""
    question_mass: FloatArray
    """Per item, the sum of its question's weights: how much a query could match of it."""

    @property
    def size(self) -> int:
        return int(self.numbers.shape[0])

    def key(self, row: int) -> ItemKey:
        return ItemKey(str(self.documents[row]), int(self.numbers[row]))


def document_terms(text: str, lexicon: Lexicon, splitter: Splitter) -> Counter[str]:
    """Term frequencies of a text; compound parts count `PART_WEIGHT` each."""
    counts: Counter[str] = Counter()
    for w in words(text, lexicon.acronyms):
        if w in lexicon.stopwords:
            continue
        counts[term(w)] += 1
        for part in splitter.split(w):
            counts[term(part)] += PART_WEIGHT  # type: ignore[assignment]
    return counts


def borrowed_answers(corpus: Corpus, key: ItemKey, links: dict[ItemKey, tuple[ItemKey, ...]]) -> str:
    """An answer that only points elsewhere ("Zie het antwoord op vraag 13.") is also found by what it
    points to, at `BORROWED_WEIGHT`: the item's own question stays what sets it apart."""
    if not is_pointer_answer(corpus.item(key).answer):
        return ""
    return " ".join(corpus.item(k).answer for k in links.get(key, ()))


def _bm25(rows: list[Counter[str]], column: dict[str, int], idf: FloatArray, b: float) -> sparse.csc_matrix:
    lengths = np.array([sum(r.values()) for r in rows], dtype=np.float32)
    avg = float(lengths.mean()) if len(rows) and lengths.mean() > 0 else 1.0
    indptr, indices, data = [0], [], []
    for i, row in enumerate(rows):
        norm = K1 * (1 - b + b * lengths[i] / avg)
        for t, tf in row.items():
            j = column[t]
            indices.append(j)
            data.append(idf[j] * tf * (K1 + 1) / (tf + norm))
        indptr.append(len(indices))
    m = sparse.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)),
        shape=(len(rows), len(column)),
    )
    return m.tocsc()


def build_index(corpus: Corpus, lexicon: Lexicon) -> SearchIndex:
    keys = list(corpus.keys)
    links = outgoing(corpus)
    raw_questions = [corpus.item(k).question for k in keys]
    raw_answers = [corpus.item(k).answer for k in keys]
    vocabulary = sorted({w for text in (*raw_questions, *raw_answers) for w in words(text, lexicon.acronyms)})
    splitter = Splitter(vocabulary, lexicon.stopwords)
    q_rows = [document_terms(t, lexicon, splitter) for t in raw_questions]
    a_rows = [document_terms(t, lexicon, splitter) for t in raw_answers]
    for row, k in zip(a_rows, keys, strict=True):
        for t, tf in document_terms(borrowed_answers(corpus, k, links), lexicon, splitter).items():
            row[t] += BORROWED_WEIGHT * tf  # type: ignore[assignment]
    df: Counter[str] = Counter()
    for q, a in zip(q_rows, a_rows, strict=True):
        df.update(set(q) | set(a))
    term_list = sorted(df)
    column = {t: j for j, t in enumerate(term_list)}
    n = len(keys)
    idf = np.array([math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) for t in term_list], dtype=np.float32)
    question = _bm25(q_rows, column, idf, B_QUESTION)
    return SearchIndex(
        documents=np.array([k.document for k in keys], dtype=np.str_),
        numbers=np.array([k.number for k in keys], dtype=np.int64),
        terms=np.array(term_list, dtype=np.str_),
        vocabulary=np.array(vocabulary, dtype=np.str_),
        idf=idf,
        question=question,
        answer=_bm25(a_rows, column, idf, B_ANSWER),
        questions=np.array([" ".join(words(t, lexicon.acronyms)) for t in raw_questions], dtype=np.str_),
        question_mass=np.asarray(question.sum(axis=1), dtype=np.float32).ravel(),
    )
