"""The answering engine: build once from a corpus, then answer free text or a number (no Slack, no I/O)."""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot import messages
from bot.corpus.lookup import MAX_NAMED, LookupProblem, Reference, references_in, resolve
from bot.corpus.store import Corpus, ItemKey
from bot.search import asks, rerank
from bot.search import confidence as conf
from bot.search.cues import query_cues
from bot.search.embeddings import Embedder
from bot.search.fusion import DENSE_WEIGHT, fuse
from bot.search.index import SearchIndex, build_index
from bot.search.lexicon import Lexicon, load_lexicon
from bot.search.memory import load_memory
from bot.search.query import QueryAnalyzer
from bot.search.ranking import score, shortlist
from bot.search.references import incoming, outgoing
from bot.search.related import content_matrix, related
from bot.search.text import words
from bot.search.trees import Forest
from bot.search.types import Hit, Outcome
from bot.search.vectors import DenseIndex

if TYPE_CHECKING:
    from bot.search.cache import IndexCache

DEFAULT_MIN_SCORE = 0.25
"""The decline threshold when none is given (`KAMERVRAAG_MIN_SCORE` sets it in production)."""
MAX_ALSO = 2
MAX_SIMILAR = 0.9999
"""A related item's score stays below the named item's 1.0, however alike their texts."""


@dataclass(frozen=True)
class Ranking:
    """What the engine's one scoring path finds for a free-text query, before it decides to answer."""

    rows: npt.NDArray[np.intp]
    """Index rows of the best candidates, best first (at most the requested size)."""
    fused: npt.NDArray[np.float32]
    """Per item, the fused relevance the rows are ordered by."""
    features: npt.NDArray[np.float64]
    """`confidence.FEATURES` per candidate row."""
    elsewhere: bool
    semantic: bool
    """Whether the sentence model took part."""
    candidates: npt.NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    """With both signals, the rows the re-ranker orders, in fused order (`calibrate` fits it on them)."""
    candidate_features: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, len(rerank.FEATURES))))
    """`rerank.FEATURES` per candidate."""
    vector: npt.NDArray[np.float32] | None = None
    """The query's vector, when the sentence model took part (`calibrate` remembers training questions by it)."""

    @property
    def best(self) -> float:
        return float(self.fused[self.rows[0]]) if len(self.rows) else 0.0

    def certainty(self, w: conf.Model | None = None) -> float:
        if self.best <= 0:
            return 0.0
        return conf.confidence(self.features, w, elsewhere=self.elsewhere, semantic=self.semantic)


class Engine:
    def __init__(
        self,
        corpus: Corpus,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        lexicon: Lexicon | None = None,
        index: SearchIndex | None = None,
        cache: IndexCache | None = None,
        embedder: Embedder | None = None,
        dense: DenseIndex | None = None,
        dense_weight: float = DENSE_WEIGHT,
        reranker: Forest | None = None,
    ) -> None:
        """`embedder` and `dense` (the stored passage vectors) together switch the sentence model on;
        `reranker` then orders the first candidates (`rerank.model()`: the fitted one, if any)."""
        self.corpus = corpus
        self.min_score = min_score
        self.embedder = embedder if dense is not None else None
        self.dense = dense if embedder is not None else None
        self.dense_weight = dense_weight
        self.reranker = reranker if self.dense is not None else None
        self.memory = load_memory(self.dense.model_id) if self.dense is not None else None
        """The questions the decline model remembers (`bot/search/memory.py`), with the sentence model."""
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        if index is None:  # the on-disk cache, when given, saves building the index again
            index = cache.index(corpus, self.lexicon) if cache is not None else build_index(corpus, self.lexicon)
        self.index = index
        self.analyzer = QueryAnalyzer(self.index, self.lexicon)

    # --- answering ----------------------------------------------------------------------------
    def ask(self, query: str, *, top: int = 5, document: str | Collection[str] | None = None) -> Outcome:
        """`document`: the document, or the documents, the answer may come from (None: any)."""
        allowed = None if document is None else frozenset({document} if isinstance(document, str) else document)
        refs = references_in(query)
        if refs:
            return self._by_reference(query, refs, top=top, allowed=allowed)
        unknown = sorted((allowed or frozenset()) - set(self.corpus.document_ids))
        if unknown:
            problem = messages.unknown_document(unknown[0], self.corpus.document_ids)
            return Outcome(query=query, answered=False, hits=(), problem=problem)
        ranking = self.rank(query, size=max(top, 2), allowed=allowed)
        rows, fused, best = ranking.rows, ranking.fused, ranking.best
        certainty = ranking.certainty()
        hits = tuple(
            Hit(self.index.key(int(r)), round(certainty * min(max(float(fused[r]) / best, 0.0), 1.0), 4))
            if best > 0
            else Hit(self.index.key(int(r)), 0.0)
            for r in rows[:top]
        )
        answered = best > 0 and certainty >= self.min_score
        also: tuple[Hit, ...] = ()
        if answered:
            also = tuple(
                h for r, h in zip(rows[1:top], hits[1:], strict=False) if float(fused[r]) >= conf.CLOSE * best
            )[:MAX_ALSO]
        return Outcome(query=query, answered=answered, hits=hits, also=also)

    def rank(
        self, query: str, *, size: int = 5, allowed: Collection[str] | None = None, remembered: bool = True
    ) -> Ranking:
        """BM25 and (when on) the sentence model fused into one ranking, and the decline model's features of
        its best candidates; `allowed` keeps only those documents' items (applied to the fused score).
        `remembered=False`: the query's own copy in the memory is left out (`calibrate`'s training questions)."""
        concepts = self.analyzer.analyse(query)
        cue = query_cues(words(query, self.lexicon.acronyms))
        asked = asks.asked(query)
        scores = score(self.index, concepts, cue)
        dense = sims = vector = recalled = None
        offtopic = near = None
        passages = self.dense
        if self.embedder is not None and passages is not None:
            vector = self.embedder.query(query)
            if self.memory is not None:
                recalled = self.memory.similarities(vector, skip_same=not remembered)
                near = self.memory.near(recalled)
            sims = passages.similarities(vector)
            dense = passages.best(sims, self.index.size)
            if passages.offtopic is not None:
                offtopic = float((passages.offtopic @ vector).max())
        fused = fuse(scores.total, dense, self.dense_weight)
        if allowed is not None:
            fused = np.where(np.isin(self.index.documents, sorted(allowed)), fused, np.float32(-np.inf))
        rows = shortlist(fused, max(size, rerank.CANDIDATES) if sims is not None else size)
        rows = rows[np.isfinite(fused[rows])]
        head = rows[:0]
        head_features = np.zeros((0, len(rerank.FEATURES)))
        ordered = fused
        if passages is not None and sims is not None and dense is not None and len(rows):
            head = rows[: rerank.CANDIDATES]
            roles, role_best = passages.by_role(sims, head)
            texts = [self._texts(int(r)) for r in head]
            before = None
            if self.memory is not None and recalled is not None:
                before = self.memory.asked_before(recalled, [self.index.key(int(r)) for r in head])
            head_features = rerank.features(
                head, fused, scores.total, scores.ceiling, dense, roles, role_best, self._document_codes, texts, before
            )
            if self.reranker is not None:
                rows = np.r_[head[rerank.order(self.reranker, head_features)], rows[rerank.CANDIDATES :]]
                ordered = rerank.shown(fused, rows)
        rows = rows[:size]
        feats = conf.features(
            concepts,
            scores,
            rows,
            dense,
            offtopic,
            fused=fused,
            documents=self._document_codes,
            cue=cue,
            offers=self.index.cues,
            asked=asked,
            given=[asks.given(self.corpus.item(self.index.key(int(r))).answer) for r in rows] if asked else (),
            near=near,
        )
        elsewhere = len(rows) > 0 and conf.elsewhere(concepts, scores, int(rows[0]))
        return Ranking(rows, ordered, feats, elsewhere, dense is not None, head, head_features, vector)

    def _texts(self, row: int) -> tuple[str, str, int]:
        key = self.index.key(row)
        item = self.corpus.item(key)
        return item.question, item.answer, key.number

    def _by_reference(
        self, query: str, refs: tuple[Reference, ...], *, top: int, allowed: frozenset[str] | None
    ) -> Outcome:
        """The items a query named, each scored 1.0, then the first one's related items."""
        if len(refs) > MAX_NAMED:
            return Outcome(
                query=query, answered=False, hits=(), by_reference=True, problem=messages.too_many_named(MAX_NAMED)
            )
        only = next(iter(allowed)) if allowed is not None and len(allowed) == 1 else None
        try:
            keys = tuple(dict.fromkeys(resolve(self.corpus, ref, document=only) for ref in refs))
        except LookupProblem as exc:
            return Outcome(query=query, answered=False, hits=(), by_reference=True, problem=str(exc))
        first = self._named(keys[0], max(top, 1))
        hits = (*(first[:1]), *(Hit(k, 1.0) for k in keys[1:]), *(h for h in first[1:] if h.key not in keys))
        return Outcome(query=query, answered=True, hits=hits[: max(top, len(keys))], by_reference=True, named=keys)

    def _named(self, key: ItemKey, top: int) -> tuple[Hit, ...]:
        """The item a query named (score 1.0), then its related items (in `related` order) scored by their
        content similarity to it."""
        if top <= 0:
            return ()
        others = self.related(key, limit=top - 1)
        if key not in self._rows:
            return (Hit(key, 1.0),)
        rows = [self._rows[k] for k in others]
        sims = self._content[rows] @ self._content[self._rows[key]].toarray().ravel() if rows else np.zeros(0)
        # `related` puts references and joint answers before the most similar items: such a link scores at
        # least what the items after it score, so the list stays best first
        scores = np.maximum.accumulate(np.clip(np.asarray(sims, dtype=np.float64), 0.0, MAX_SIMILAR)[::-1])[::-1]
        return (Hit(key, 1.0), *(Hit(k, round(float(s), 4)) for k, s in zip(others, scores, strict=True)))

    # --- related items ------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Build what `related` builds on first use (links, rows, content vectors) and read the decline model,
        e.g. before serving: at 500 000 items that takes seconds the first asker should not wait for."""
        _ = self._links, self._rows, self._content, self._document_codes, conf.model(self.dense is not None)

    @functools.cached_property
    def _links(self) -> tuple[dict[ItemKey, tuple[ItemKey, ...]], dict[ItemKey, tuple[ItemKey, ...]]]:
        out = outgoing(self.corpus)
        return out, incoming(out)

    @functools.cached_property
    def _document_codes(self) -> npt.NDArray[np.intp]:
        """Per index row, a number for its document (cheaper to compare than the ids at 500 000 items)."""
        return np.unique(self.index.documents, return_inverse=True)[1].astype(np.intp)

    @functools.cached_property
    def _rows(self) -> dict[ItemKey, int]:
        return {self.index.key(r): r for r in range(self.index.size)}

    @functools.cached_property
    def _content(self) -> sparse.csr_matrix:
        return content_matrix(self.index)

    def related(self, key: ItemKey, *, limit: int = 5) -> tuple[ItemKey, ...]:
        """References both ways and joint answers first, then the most similar items; never `key`."""
        if limit <= 0 or key not in self._rows:
            return ()
        out, back = self._links
        explicit = (*out.get(key, ()), *back.get(key, ()))
        return related(self.index, self._content, self._rows[key], explicit, limit=limit)
