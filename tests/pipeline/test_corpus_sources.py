"""A corpus folder's sources.yaml: the actors of the conflict it covers, read on
top of the default registry and under the user's --sources file."""

from __future__ import annotations

import pytest

from claimdiff.config import Config
from claimdiff.errors import ConfigError
from claimdiff.pipeline import corpus_registry, extract

pytestmark = pytest.mark.slow

ARTICLE = (
    "Border post attacked\n\n"
    "Fighters of the Upper Valley Front attacked a border post on Monday, killing two "
    "guards, the interior ministry said.\n\n"
    "A Front spokesman, Omar Dal, said the group had only returned fire.\n"
)
CORPUS_SOURCES = """sources:
  - id: uvf
    name: Upper Valley Front
    party: uvf
    kind: armed-group
    aliases: [Upper Valley Front, the Front]
party_cues:
  uvf: [Front spokesman]
"""


def test_a_corpus_names_its_own_actors(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    plain = extract([tmp_path], Config())
    (tmp_path / "sources.yaml").write_text(CORPUS_SOURCES, encoding="utf-8")
    run = extract([tmp_path], Config())
    spokesman = [c for c in run.claims if "returned fire" in c.content_text]
    assert spokesman and run.sources_by_id[spokesman[0].source_id].party == "uvf"
    before = [c for c in plain.claims if "returned fire" in c.content_text]
    assert before and plain.sources_by_id[before[0].source_id].party == "unknown"


def test_the_user_file_overrides_the_corpus_file(tmp_path):
    (tmp_path / "sources.yaml").write_text(CORPUS_SOURCES, encoding="utf-8")
    user = tmp_path.parent / f"{tmp_path.name}-user.yaml"
    user.write_text(CORPUS_SOURCES.replace("party: uvf", "party: rebels"), encoding="utf-8")
    reg = corpus_registry([tmp_path], Config(sources_file=str(user)))
    assert reg.sources["uvf"].party == "rebels"


def test_a_broken_corpus_file_names_itself(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("sources: [{name: no id}]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        extract([tmp_path], Config())
    assert "sources.yaml" in str(err.value) or "sources.yaml" in str(getattr(err.value, "path", ""))
