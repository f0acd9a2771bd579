"""The vectorised index build gives exactly the weights of the straightforward per-item definition.

The reference below counts each text with `document_terms` (one Counter per item) and computes BM25
item by item, as the index was first built; the fast build must agree bit for bit, so a speed-up can
never change an answer. Checked on the real corpus and on a generated one (many lists, repeated words).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import fields

import numpy as np
import pytest
from scipy import sparse

from bench.generate import documents, sentence_pools
from bot.corpus import Corpus, load_corpus
from bot.corpus.models import CorpusDocument
from bot.search import index as ix
from bot.search.cues import item_cues
from bot.search.lexicon import load_lexicon
from bot.search.references import outgoing
from bot.search.stemming import Splitter
from bot.search.text import words


def _reference_bm25(
    rows: list[Counter[str]], column: dict[str, int], idf: ix.FloatArray, b: float
) -> sparse.csc_matrix:
    lengths = np.array([sum(r.values()) for r in rows], dtype=np.float32)
    avg = float(lengths.mean()) if len(rows) and lengths.mean() > 0 else 1.0
    indptr, indices, data = [0], [], []
    for i, row in enumerate(rows):
        norm = ix.K1 * (1 - b + b * lengths[i] / avg)
        for t, tf in row.items():
            j = column[t]
            indices.append(j)
            data.append(idf[j] * tf * (ix.K1 + 1) / (tf + norm))
        indptr.append(len(indices))
    m = sparse.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)),
        shape=(len(rows), len(column)),
    )
    return m.tocsc()


def reference_index(corpus: Corpus) -> ix.SearchIndex:
    lexicon = load_lexicon()
    keys = list(corpus.keys)
    links = outgoing(corpus)
    raw_questions = [corpus.item(k).question for k in keys]
    raw_answers = [corpus.item(k).answer for k in keys]
    vocabulary = sorted({w for text in (*raw_questions, *raw_answers) for w in words(text, lexicon.acronyms)})
    splitter = Splitter(vocabulary, lexicon.stopwords)
    q_rows = [ix.document_terms(t, lexicon, splitter) for t in raw_questions]
    a_rows = [ix.document_terms(t, lexicon, splitter) for t in raw_answers]
    for row, k in zip(a_rows, keys, strict=True):
        for t, tf in ix.document_terms(ix.borrowed_answers(corpus, k, links), lexicon, splitter).items():
            row[t] += ix.BORROWED_WEIGHT * tf  # type: ignore[assignment]
    df: Counter[str] = Counter()
    for q, a in zip(q_rows, a_rows, strict=True):
        df.update(set(q) | set(a))
    term_list = sorted(df)
    column = {t: j for j, t in enumerate(term_list)}
    n = len(keys)
    idf = np.array([math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) for t in term_list], dtype=np.float32)
    question = _reference_bm25(q_rows, column, idf, ix.B_QUESTION)
    return ix.SearchIndex(
        documents=np.array([k.document for k in keys], dtype=np.str_),
        numbers=np.array([k.number for k in keys], dtype=np.int64),
        terms=np.array(term_list, dtype=np.str_),
        vocabulary=np.array(vocabulary, dtype=np.str_),
        idf=idf,
        question=question,
        answer=_reference_bm25(a_rows, column, idf, ix.B_ANSWER),
        question_mass=np.asarray(question.sum(axis=1), dtype=np.float32).ravel(),
        cues=np.array(
            [
                item_cues(words(q, lexicon.acronyms), words(a, lexicon.acronyms))
                for q, a in zip(raw_questions, raw_answers, strict=True)
            ],
            dtype=np.uint8,
        ),
        # these corpora have no curated phrasings (tests/curation covers those)
        phrasing=sparse.csc_matrix((0, len(term_list)), dtype=np.float32),
        phrasing_item=np.zeros(0, dtype=np.int64),
        phrasing_mass=np.zeros(0, dtype=np.float32),
    )


def _generated(size: int) -> Corpus:
    docs = documents(size, 3, sentence_pools(load_corpus()))
    return Corpus([CorpusDocument.model_validate(d, strict=False) for d in docs])


@pytest.mark.parametrize("make", [load_corpus, lambda: _generated(600)], ids=["real", "generated"])
def test_fast_build_equals_the_per_item_definition(make: Callable[[], Corpus]) -> None:
    corpus = make()
    fast, slow = ix.build_index(corpus, load_lexicon()), reference_index(corpus)
    for f in fields(slow):
        a, b = getattr(slow, f.name), getattr(fast, f.name)
        if isinstance(a, sparse.csc_matrix):
            assert a.shape == b.shape, f.name
            for part in ("data", "indices", "indptr"):
                x, y = getattr(a, part), getattr(b, part)
                assert x.dtype == y.dtype and np.array_equal(x, y), f"{f.name}.{part}"
        else:
            assert a.dtype == b.dtype and np.array_equal(a, b), f.name
