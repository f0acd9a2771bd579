"""The search index: plain arrays and sparse matrices, built once from a corpus, queried many times.

Everything a query needs is here and nothing refers back to the corpus objects, so the index can be
written to disk and read back (the cache of the scaling issue) without rebuilding.
Rows are items, columns are terms; `question` and `answer` hold BM25 weights of each field.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.answer import is_pointer_answer
from bot.corpus.store import Corpus, ItemKey
from bot.search.cues import item_cues
from bot.search.lexicon import Lexicon
from bot.search.references import outgoing
from bot.search.stemming import Splitter, term
from bot.search.text import words

K1 = 1.2
B_QUESTION = 0.5
B_ANSWER = 0.75
"""Answers vary in length far more than questions: a long answer should not collect a query's words by its
length alone, so the fact in a neighbour's short answer can win (0.3, 0.5, 0.75, 0.9, 1.0 tried on the
training sets; 0.75 helped both and changed no held-out set by more than one query)."""
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
    question_mass: FloatArray
    """Per item, the sum of its question's weights: how much a query could match of it."""
    cues: npt.NDArray[np.uint8]
    """Per item, the kinds of fact it offers (`cues.NUMBER`, `cues.DATE` bit flags)."""
    phrasing: sparse.csc_matrix
    """Curated phrasings (`corpus/phrasings/`) × terms, BM25 weights as if each were a question of its own."""
    phrasing_item: npt.NDArray[np.int64]
    """Per phrasing, the row of its item."""
    phrasing_mass: FloatArray
    """Per phrasing, the sum of its weights (like `question_mass`)."""

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


def _bm25(tf: sparse.csc_matrix, idf: FloatArray, b: float, avg: float | None = None) -> sparse.csc_matrix:
    """BM25 weights of term frequencies (rows items, columns terms), in float32 exactly as per item.
    `avg`: the average length to normalise against (default: this matrix's own)."""
    n = tf.shape[0]
    lengths = np.asarray(tf.sum(axis=1)).ravel().astype(np.float32)
    if avg is None:
        avg = float(lengths.mean()) if n and lengths.mean() > 0 else 1.0
    norm = np.float32(K1) * (np.float32(1 - b) + np.float32(b) * lengths / np.float32(avg))
    rows = tf.indices.astype(np.int32)
    cols = np.repeat(np.arange(tf.shape[1], dtype=np.int32), np.diff(tf.indptr))
    freq = tf.data.astype(np.float32)
    data = idf[cols] * freq * np.float32(K1 + 1) / (freq + norm[rows])
    return sparse.csc_matrix((data, rows, tf.indptr.astype(np.int32)), shape=tf.shape)


class _Tokens:
    """Texts as word ids (CSR layout: one row per text), without keeping a string per word occurrence."""

    def __init__(self, ids: dict[str, int]) -> None:
        self.ids = ids
        self.flat = array("i")
        self.indptr = array("q", [0])

    def add(self, ws: list[str]) -> None:
        ids, new = self.ids, self.ids.setdefault
        self.flat.extend([ids[w] if w in ids else new(w, len(ids)) for w in ws])
        self.indptr.append(len(self.flat))

    def counts(self, n_words: int) -> sparse.csr_matrix:
        flat = np.frombuffer(self.flat, dtype=np.int32) if len(self.flat) else np.zeros(0, np.int32)
        indptr = np.frombuffer(self.indptr, dtype=np.int64)
        m = sparse.csr_matrix((np.ones(len(flat)), flat, indptr), shape=(len(indptr) - 1, n_words))
        m.sum_duplicates()
        return m


def _word_terms(vocab: list[str], lexicon: Lexicon, splitter: Splitter) -> tuple[sparse.csr_matrix, list[str]]:
    """Words × terms: what one occurrence of each word adds (`document_terms`, once per distinct word)."""
    rows: list[int] = []
    found: list[str] = []
    weights: list[float] = []
    for i, w in enumerate(vocab):
        if w in lexicon.stopwords:
            continue
        rows.append(i)
        found.append(term(w))
        weights.append(1.0)
        for part in splitter.split(w):
            rows.append(i)
            found.append(term(part))
            weights.append(PART_WEIGHT)
    term_list = sorted(set(found))
    column = {t: j for j, t in enumerate(term_list)}
    cols = [column[t] for t in found]
    return sparse.csr_matrix((weights, (rows, cols)), shape=(len(vocab), len(term_list))), term_list


def build_index(corpus: Corpus, lexicon: Lexicon) -> SearchIndex:
    """Term frequencies as in `document_terms`, but counted per distinct word and summed as sparse
    matrices: no per-item Counter, so 500 000 items build in about a minute."""
    keys = list(corpus.keys)
    links = outgoing(corpus)
    ids: dict[str, int] = {}
    questions, answers, borrowed = _Tokens(ids), _Tokens(ids), _Tokens(ids)
    offered: list[int] = []
    for k in keys:
        item = corpus.item(k)
        q_words, a_words = words(item.question, lexicon.acronyms), words(item.answer, lexicon.acronyms)
        questions.add(q_words)
        answers.add(a_words)
        offered.append(item_cues(q_words, a_words))
    phrases, phrasing_item = _Tokens(ids), []
    for row, k in enumerate(keys):  # a phrasing is a question of its own, found with its item's answer
        for text in corpus.phrasings.get(k, ()):
            phrases.add(words(text, lexicon.acronyms))
            phrasing_item.append(row)
    n_vocab = len(ids)
    for k in keys:
        borrowed.add(words(borrowed_answers(corpus, k, links), lexicon.acronyms))
    by_id = list(ids)
    vocabulary = sorted(by_id[:n_vocab])
    splitter = Splitter(vocabulary, lexicon.stopwords)
    word_terms, term_list = _word_terms(by_id, lexicon, splitter)
    n_words = len(by_id)
    q_tf = (questions.counts(n_words) @ word_terms).tocsc()
    a_tf = (answers.counts(n_words) @ word_terms + BORROWED_WEIGHT * (borrowed.counts(n_words) @ word_terms)).tocsc()
    p_tf = (phrases.counts(n_words) @ word_terms).tocsc()
    q_tf.sort_indices()
    a_tf.sort_indices()
    p_tf.sort_indices()
    n = len(keys)
    owner = sparse.csr_matrix(
        (np.ones(len(phrasing_item)), (phrasing_item, np.arange(len(phrasing_item)))), shape=(n, len(phrasing_item))
    )
    present = ((q_tf != 0) + (a_tf != 0) + ((owner @ p_tf) != 0)).tocsc()
    df = np.diff(present.indptr)
    idf = np.array([math.log(1 + (n - int(d) + 0.5) / (int(d) + 0.5)) for d in df], dtype=np.float32)
    question = _bm25(q_tf, idf, B_QUESTION)
    q_lengths = np.asarray(q_tf.sum(axis=1)).ravel()
    phrasing = _bm25(p_tf, idf, B_QUESTION, avg=float(q_lengths.mean()) if n and q_lengths.mean() > 0 else 1.0)
    return SearchIndex(
        documents=np.array([k.document for k in keys], dtype=np.str_),
        numbers=np.array([k.number for k in keys], dtype=np.int64),
        terms=np.array(term_list, dtype=np.str_),
        vocabulary=np.array(vocabulary, dtype=np.str_),
        idf=idf,
        question=question,
        answer=_bm25(a_tf, idf, B_ANSWER),
        question_mass=np.asarray(question.sum(axis=1), dtype=np.float32).ravel(),
        cues=np.array(offered, dtype=np.uint8),
        phrasing=phrasing,
        phrasing_item=np.array(phrasing_item, dtype=np.int64),
        phrasing_mass=np.asarray(phrasing.sum(axis=1), dtype=np.float32).ravel(),
    )
