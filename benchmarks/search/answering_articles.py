"""Does a search result show the article that answers the question? (issue #21 item 4)

For each natural question judged in ``answer_articles.json`` (the answering article of each
expected document, judged from the corpus text), prints:

* ``chosen``: the article :func:`search.snippets.answering_article` picks in that document for
  the query's words (as the search computes them: the query and its synonym variants), whether
  or not the search ranks the document in its first ten — how well the article is chosen;
* ``in results``: the same, for the judged documents the portal's search actually returns in
  its first ten (what a citizen sees: the snippet and the ``#第X条`` link);
* the time the choice adds to a search (every result of every judged query of ``queries.json``),
  with the cache of bodies read into articles emptied and kept (a law stores its article
  places when saved, so only pages without them use that cache).

Usage (from the project root; a database holding the corpus, see ``build_db.py``)::

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python -m benchmarks.search.answering_articles
"""

import argparse
import json
import statistics
import time
from pathlib import Path

from benchmarks.search.relevance import setup_django

HERE = Path(__file__).resolve().parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", default=str(HERE / "answer_articles.json"))
    parser.add_argument("--queries", default=str(HERE / "queries.json"))
    args = parser.parse_args(argv)
    setup_django()

    from disclosure.normative.models import NormativeDocumentPage
    from search import service, snippets

    judged = json.loads(Path(args.answers).read_text(encoding="utf-8"))["questions"]
    chosen_right = chosen_total = shown_right = shown_total = 0
    print(f"{'question':<24} {'document':<28} {'judged':<22} {'chosen':<12} rank")
    for question in judged:
        query = question["query"]
        words = snippets.terms(service.synonym_variants(query))
        results = service.search(query).results[:10]
        ranks = {getattr(page, "corpus_id", None): (i + 1, page) for i, page in enumerate(results)}
        for corpus_id, numbers in question["answers"].items():
            page = NormativeDocumentPage.objects.filter(corpus_id=corpus_id).first()
            if page is None:
                print(f"{query:<24} {corpus_id}: not in this database")
                continue
            article = snippets.answering_article(page, words)
            number = article.number if article else "—"
            chosen_total += 1
            chosen_right += number in numbers
            rank = ""
            if corpus_id in ranks:
                rank, shown = ranks[corpus_id]
                shown_number = shown.search_article.number if shown.search_article else "—"
                shown_total += 1
                shown_right += shown_number in numbers
            mark = "ok" if number in numbers else "MISS"
            print(
                f"{query:<24} {page.title[:26]:<28} {'/'.join(numbers):<22} "
                f"{number:<9} {mark:<4} {rank}"
            )
    print()
    print(f"chosen:     {chosen_right}/{chosen_total} = {chosen_right / chosen_total:.3f}")
    if shown_total:
        print(f"in results: {shown_right}/{shown_total} = {shown_right / shown_total:.3f}")

    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    queries = queries["queries"] if isinstance(queries, dict) else queries
    outcomes = [
        (service.search(entry["query"]), snippets.terms(service.synonym_variants(entry["query"])))
        for entry in queries
    ]
    for label, cold in (("the cache of bodies read emptied", True), ("the cache kept", False)):
        added = []
        for outcome, words in outcomes:
            if cold:
                snippets._read_passages.cache_clear()
            start = time.perf_counter()
            for page in outcome.results:
                snippets.answering_article(page, words)
            added.append((time.perf_counter() - start) * 1000)
        added.sort()
        print(
            f"time the choice adds to a search ({len(added)} judged queries, every result), "
            f"{label}: p50 {statistics.median(added):.2f} ms, "
            f"p95 {added[int(len(added) * 0.95)]:.2f} ms"
        )


if __name__ == "__main__":
    main()
