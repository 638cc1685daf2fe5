"""Incident grouping on the seed corpus, scored against its gold file."""

from __future__ import annotations

import pytest

from claimdiff.evaluate import load_gold, score

from ..conftest import SEEDS

pytestmark = pytest.mark.slow


def _claim(run, text):  # type: ignore[no-untyped-def]
    return next(c for c in run.claims if text in c.content_text)


def test_seed_incident_agreement(seed_run):
    s = score(seed_run.to_json(), load_gold(SEEDS / "gold.yaml"))
    assert s.incidents.items >= 35
    assert s.incidents.f1 >= 0.9, s.incidents


def test_recalled_strikes_join_the_earlier_article_and_the_rest_does_not(seed_run):
    recalled = _claim(seed_run, "Hundreds of pro-regime militiamen")
    original = _claim(seed_run, "conducted air and artillery strikes against pro-regime forces")
    neighbour = _claim(seed_run, "have come under attack by pro-regime militias")
    assert recalled.incident_id is not None
    assert recalled.incident_id == original.incident_id
    assert neighbour.incident_id not in (None, original.incident_id)


def test_background_troop_figures_belong_to_no_incident(seed_run):
    for text in ("maintains less than 1,000 troops", "maintains about 2,000 troops"):
        assert _claim(seed_run, text).incident_id is None


def test_every_incident_has_its_summary_fields(seed_run):
    claims = seed_run.claims_by_id
    for inc in seed_run.incidents:
        assert inc.title and inc.claim_ids and inc.source_ids
        assert all(claims[c].incident_id == inc.id for c in inc.claim_ids)
        for summary in inc.casualties:
            assert set(summary.claim_ids) <= set(inc.claim_ids)
