"""Type stubs of the extension fahras._fahras (fahras_python.cc), written by hand: the
package's tests check that they name what the extension holds, with the same parameters."""
from types import TracebackType
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Type, TypeVar, Union

from . import Hits

_Self = TypeVar("_Self")  # what `with X(...) as x` binds: X's subclass fahras.Index included

__version__: str
analyzer_version: int

class Error(RuntimeError): ...
class QueryError(Error): ...
class InputError(Error): ...
class IndexVersionError(Error): ...
class LockError(Error): ...
class InputWarning(UserWarning): ...

class Index:
    def __init__(self, path: str, *, synonyms: Optional[str] = None) -> None: ...
    def search(
        self,
        query: str,
        k: int = 10,
        *,
        offset: int = 0,
        since: Optional[str] = None,
        until: Optional[str] = None,
        sources: Optional[Sequence[str]] = None,
        sort: str = "relevance",
        snippets: bool = True,
        rerank: Optional[int] = None,
        variants: bool = True,
        ranking: str = "learned",
        k1: float = 1.0,
        b: float = 0.75,
        expand: int = 0,
        explain: bool = False,
        suggest: bool = False,
    ) -> Hits: ...
    def search_many(
        self,
        queries: Sequence[str],
        k: int = 10,
        *,
        since: Optional[str] = None,
        until: Optional[str] = None,
        sources: Optional[Sequence[str]] = None,
        sort: str = "relevance",
        snippets: bool = False,
        threads: Optional[int] = None,
        rerank: Optional[int] = None,
        variants: bool = True,
        ranking: str = "learned",
        k1: float = 1.0,
        b: float = 0.75,
        expand: int = 0,
        explain: bool = False,
        suggest: bool = False,
    ) -> List[Hits]: ...
    def facets(
        self,
        query: str,
        facets: Sequence[str] = ["source", "month"],
        *,
        since: Optional[str] = None,
        until: Optional[str] = None,
        sources: Optional[Sequence[str]] = None,
    ) -> Dict[str, Dict[str, int]]: ...
    def count(
        self,
        query: str,
        *,
        since: Optional[str] = None,
        until: Optional[str] = None,
        sources: Optional[Sequence[str]] = None,
    ) -> int: ...
    def doc(self, id: Union[str, int]) -> Optional[Dict[str, str]]: ...
    def __len__(self) -> int: ...
    def reopen(self) -> None: ...
    def close(self) -> None: ...
    def __enter__(self: _Self) -> _Self: ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc_value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None: ...
    @property
    def path(self) -> str: ...
    @property
    def synonyms(self) -> Optional[str]: ...

class Writer:
    def __init__(
        self, path: str, *, overwrite: bool = False, stemmer: Optional[str] = None
    ) -> None: ...
    def add(
        self,
        id: Any,
        text: Any,
        *,
        title: Any = "",
        date: Any = "",
        source: Any = "",
        url: Any = "",
    ) -> None: ...
    def commit(self) -> None: ...
    def close(self) -> None: ...
    def __len__(self) -> int: ...
    def __enter__(self: _Self) -> _Self: ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc_value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None: ...

def index(
    path: str,
    records: Iterable[Mapping[str, Any]],
    *,
    overwrite: bool = False,
    stemmer: Optional[str] = None,
    batch_size: int = 1000,
    batch_mb: float = 64.0,
) -> int: ...
def analyze(text: str, *, stemmer: str = "light") -> List[Dict[str, Any]]: ...
def source_key(name: str) -> str: ...
def document_day(date: str) -> Optional[str]: ...
