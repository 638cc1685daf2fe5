"""A saved spaCy parse for the benchmarks (``--docs``), so that a rerun times
and tunes extraction without parsing again.  Kept outside the repository: a
parse holds the article texts.

    docs = load(path, nlp.vocab)    # None when nothing was saved at path
    save(docs, path)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


def save(docs: Sequence[Any], path: Path) -> None:
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)


def load(path: Path, vocab: Any) -> list[Any] | None:
    from spacy.tokens import DocBin

    if not path.exists():
        return None
    return list(DocBin().from_disk(path).get_docs(vocab))
