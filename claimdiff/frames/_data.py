"""Loading the frames' YAML data files, once per process."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """The parsed ``data/<name>.yaml`` of this package."""
    text = resources.files("claimdiff.frames").joinpath(f"data/{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words``, longest first (so the longest wins at a
    position), a space matching any run of whitespace."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)
    )
