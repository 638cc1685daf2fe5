from __future__ import annotations

import pytest

from claimdiff.errors import EmptyInputError
from claimdiff.ingest import read_inputs
from claimdiff.ingest.html import visible_text

from .conftest import Write

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Coalition strikes pro-regime forces in Syria | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Coalition strikes pro-regime forces in Syria">
<meta property="article:published_time" content="2018-02-08T04:12:00Z">
<link rel="canonical" href="https://news.example.com/2018/02/08/syria-strikes">
<style>body { font-family: serif; }</style>
<script>window.analytics = {page: "article"};</script>
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/newsletter">Subscribe to our newsletter</a></li></ul></nav>
<header><div class="logo">Example News</div></header>
<main>
<article>
<h1>Coalition strikes pro-regime forces in Syria</h1>
<p>Allied warplanes and rocket batteries hit militia positions near the border on
Tuesday, killing about 40 gunmen, the alliance said in a statement.</p>
<p>“We acted to protect our troops,” a senior alliance officer said, adding that units
that had pulled back over the bridge were spared.</p>
<p>Syrian state media said the strikes were an act of aggression and that dozens of
civilians had been wounded, a claim the coalition did not address.</p>
<figure><img src="/a.jpg"><figcaption>Smoke over the town on October 20, 2019.</figcaption></figure>
</article>
</main>
<aside><h3>Most read</h3><ul><li><a href="/x">Celebrity news of the week you missed</a></li></ul></aside>
<footer><p>© 2018 Example News. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
</body>
</html>
"""


def test_news_page(write: Write) -> None:
    path = write("page.html", PAGE)
    (article,), errors = read_inputs([path])
    assert errors == []
    assert article.title == "Coalition strikes pro-regime forces in Syria"
    assert article.outlet == "Example News"
    assert article.published == "2018-02-08"
    assert article.url == "https://news.example.com/2018/02/08/syria-strikes"
    assert "killing about 40 gunmen" in article.text
    assert "“We acted to protect our troops,”" in article.text
    for boilerplate in ("Subscribe", "newsletter", "Privacy policy", "All rights reserved",
                        "Terms of use", "Celebrity", "analytics", "font-family"):  # fmt: skip
        assert boilerplate not in article.text
    assert article.path == path.as_posix()


def test_manifest_beats_page_metadata(write: Write) -> None:
    write(
        "site/manifest.yaml",
        'articles:\n  "page.html": {outlet: Reuters, published: "2018-02-09"}\n',
    )
    (article,), errors = read_inputs([write("site/page.html", PAGE).parent])
    assert errors == []
    assert (article.outlet, article.published) == ("Reuters", "2018-02-09")
    assert article.title == "Coalition strikes pro-regime forces in Syria"  # still from the page


def test_htm_and_html_read_alike(write: Write) -> None:
    a, _ = read_inputs([write("a.html", PAGE)])
    b, _ = read_inputs([write("b.htm", PAGE)])
    assert [(x.text, x.title, x.id) for x in a] == [(x.text, x.title, x.id) for x in b]


def test_a_date_in_the_text_is_not_the_published_date(write: Write) -> None:
    page = PAGE.replace(
        '<meta property="article:published_time" content="2018-02-08T04:12:00Z">', ""
    )
    page = page.replace(
        "<p>Syrian state media", "<p>Published October 20, 2019. Syrian state media"
    )
    (article,), _ = read_inputs([write("page.html", page)])
    assert article.published is None


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2019-10-21T10:00:00+03:00"}</script>',
            "2019-10-21",
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"datePublished": "2019-10-22"}]}</script>',
            "2019-10-22",
        ),
        ('<meta itemprop="datePublished" content="2019-10-23">', "2019-10-23"),
        ('<meta name="pubdate" content="20191024">', "2019-10-24"),
        ('<script type="application/ld+json">{broken json</script>', None),
    ],
)
def test_published_from_markup(write: Write, markup: str, expected: str | None) -> None:
    page = PAGE.replace(
        '<meta property="article:published_time" content="2018-02-08T04:12:00Z">', markup
    )
    (article,), _ = read_inputs([write("page.html", page)])
    assert article.published == expected


def test_declared_windows_1252(write: Write) -> None:
    page = PAGE.replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    )
    (article,), errors = read_inputs(
        [write("page.html", page.replace("©", "(c)").encode("cp1252"))]
    )
    assert errors == []
    assert "“We acted to protect our troops,”" in article.text


def test_no_main_text_falls_back_to_visible_body_text(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    page = "<html><head><title>T</title><script>var x;</script></head><body><p>First   line.</p><div>Second&nbsp;line</div></body></html>"
    (article,), errors = read_inputs([write("page.html", page)])
    assert errors == []
    assert article.text == "First line.\nSecond\u00a0line"
    assert article.title == "T"
    assert any("visible text" in w for w in article.warnings)


def test_page_without_visible_text_is_empty(write: Write) -> None:
    page = "<html><head><title>Only a title</title></head><body><script>var a = 1;</script></body></html>"
    bad = write("page.html", page)
    good = write("good.txt", "Good.")
    articles, (error,) = read_inputs([bad, good])
    assert [a.path for a in articles] == [good.as_posix()]
    assert error.path == bad.as_posix()
    assert error.code == EmptyInputError.code


def test_visible_text_lays_out_blocks() -> None:
    import lxml.html

    tree = lxml.html.document_fromstring(
        "<body><h1>Head</h1><p>One <b>bold</b> word.</p><ul><li>a</li><li>b</li></ul>tail<br>after</body>"
    )
    assert visible_text(tree) == "Head\nOne bold word.\na\nb\ntail\nafter"
