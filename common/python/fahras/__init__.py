"""Arabic full-text search (Xapian + ICU): index, search, count and analyze.

The package `fahras` (docs/python.md): the extension fahras._fahras (pybind11 over the
fahras library) and, here, what is plainer in Python: the list type of search results
(Hits) and the PyTerrier-style table interface (Index.search_df, with pandas).
"""
from typing import TYPE_CHECKING, Any, List, Optional

from ._fahras import (
    Error,
    IndexVersionError,
    InputError,
    InputWarning,
    LockError,
    QueryError,
    Writer,
    __version__,
    analyze,
    analyzer_version,
    document_day,
    index,
    source_key,
)
from ._fahras import Index as _Index

if TYPE_CHECKING:  # pandas is optional: only search_df needs it
    import pandas

__all__ = [
    "Error",
    "Hits",
    "Index",
    "IndexVersionError",
    "InputError",
    "InputWarning",
    "LockError",
    "QueryError",
    "Writer",
    "__version__",
    "analyze",
    "analyzer_version",
    "document_day",
    "index",
    "source_key",
]


class Hits(List[Any]):
    """The hits of one query (Index.search): a list of hit dicts, best first, and beside
    them what the search knows of all the matches.

    total: Xapian's estimate of the number of matching documents; total_min and total_max
    bound it (every count lies within; when they are equal, total is exact; Index.count()
    always counts exactly). did_you_mean: the spelling suggestion with suggest=True ("" if
    none), None otherwise. A Hits compares equal to a list of the same dicts.
    """

    total: int = 0
    total_min: int = 0
    total_max: int = 0
    did_you_mean: Optional[str] = None

    def __repr__(self) -> str:
        return (f"Hits({list.__repr__(self)}, total={self.total}, "
                f"total_min={self.total_min}, total_max={self.total_max}, "
                f"did_you_mean={self.did_you_mean!r})")


class Index(_Index):
    __doc__ = _Index.__doc__

    def search_df(self, queries: "pandas.DataFrame", k: int = 10, **options: Any) -> "pandas.DataFrame":
        """PyTerrier's retrieval, without PyTerrier: queries is a pandas DataFrame with the
        columns qid and query (other columns are carried over to each of its hits); the
        answer has one row per hit: qid, query (and the other columns of queries), docno
        (the document's id), docid (Xapian's), title, score and rank, counted from 0 per
        query as PyTerrier counts (hit["rank"] counts from 1). A query without hits has
        no row. options are search_many()'s (since, until, sources, ranking, k1, b,
        expand, threads...). Raises ImportError if pandas is missing.
        """
        try:
            import pandas
        except ImportError as e:
            raise ImportError(
                "Index.search_df needs pandas (Debian: apt-get install python3-pandas; "
                "pip: pip install pandas)") from e
        missing = [c for c in ("qid", "query") if c not in queries.columns]
        if missing:
            raise ValueError(f"search_df: queries has no column {', '.join(map(repr, missing))}"
                             f" (it needs qid and query; it has {list(queries.columns)})")
        answers = self.search_many([str(q) for q in queries["query"]], k, **options)
        columns = list(queries.columns) + ["docno", "docid", "title", "score", "rank"]
        rows = []
        for query_row, hits in zip(queries.itertuples(index=False), answers):
            for rank, hit in enumerate(hits):
                rows.append((*query_row, hit["id"], hit["docid"], hit["title"], hit["score"],
                             rank))
        return pandas.DataFrame.from_records(rows, columns=columns)


# Shown as fahras.X (in tracebacks, repr and help), not as the extension's fahras._fahras.X.
for _exported in (Error, IndexVersionError, InputError, InputWarning, LockError, QueryError,
                  Writer):
    _exported.__module__ = __name__
del _exported
