from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from claimdiff.config import ColumnMap
from claimdiff.errors import EmptyInputError, MissingColumnError, ParseError
from claimdiff.ingest import read_inputs
from claimdiff.ingest.tables import sniff_delimiter
from claimdiff.models import Article, stable_id

from .conftest import Write

ROWS = [
    {"text": "First article, with a comma; and a semicolon.", "title": "One", "outlet": "CNN",
     "published": "2019-10-20", "url": "https://x/1", "id": "r1"},
    {"text": "Second article.\nSecond paragraph.", "title": "Two", "outlet": "Reuters",
     "published": "October 21, 2019", "url": "https://x/2", "id": "r2"},
]  # fmt: skip


def _fields(a: Article) -> tuple[object, ...]:
    return (a.row, a.text, a.title, a.outlet, a.published, a.url, a.id)


EXPECTED = [
    (0, ROWS[0]["text"], "One", "CNN", "2019-10-20", "https://x/1", "r1"),
    (1, ROWS[1]["text"], "Two", "Reuters", "2019-10-21", "https://x/2", "r2"),
]


def _csv(rows: list[dict[str, str]], sep: str = ",", newline: str = "\n") -> str:
    return pd.DataFrame(rows).to_csv(index=False, sep=sep, lineterminator=newline)


WRITERS = {
    "csv": lambda p: p.write_text(_csv(ROWS), encoding="utf-8"),
    "csv-semicolon": lambda p: p.write_text(_csv(ROWS, ";"), encoding="utf-8"),
    "csv-tab": lambda p: p.write_text(_csv(ROWS, "\t"), encoding="utf-8"),
    "csv-crlf-bom": lambda p: p.write_bytes(b"\xef\xbb\xbf" + _csv(ROWS, newline="\r\n").encode()),
    "csv-cp1252": lambda p: p.write_bytes(_csv(ROWS).encode("cp1252")),
    "jsonl": lambda p: p.write_text(
        "\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8"
    ),
    "json": lambda p: p.write_text(json.dumps(ROWS), encoding="utf-8"),
    "json-articles": lambda p: p.write_text(json.dumps({"articles": ROWS}), encoding="utf-8"),
    "json-data": lambda p: p.write_text(json.dumps({"meta": 1, "data": ROWS}), encoding="utf-8"),
    "parquet": lambda p: pd.DataFrame(ROWS).to_parquet(p),
}


@pytest.mark.parametrize("kind", list(WRITERS))
def test_every_table_format(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"table.{kind.split('-')[0]}"
    WRITERS[kind](path)
    articles, errors = read_inputs([path])
    assert errors == []
    assert [_fields(a) for a in articles] == EXPECTED
    assert {a.path for a in articles} == {path.as_posix()}


def test_columns_recognised_case_insensitively(write: Write) -> None:
    csv = "Article_ID,Headline,Body,Publisher,Publication_Date,Link,extra\n7,Hed,The body.,AFP,2019-10-20,https://x,z\n"
    (article,), errors = read_inputs([write("t.csv", csv)])
    assert errors == []
    assert _fields(article) == (0, "The body.", "Hed", "AFP", "2019-10-20", "https://x", "7")


def test_first_recognised_name_wins(write: Write) -> None:
    csv = "content,text,source,outlet\nfrom content,from text,from source,from outlet\n"
    (article,), _ = read_inputs([write("t.csv", csv)])
    assert article.text == "from text"
    assert article.outlet == "from outlet"


def test_column_map_overrides(write: Write) -> None:
    csv = "story,text,hed,pub\nThe story.,Not this.,A headline,Al Jazeera\n"
    columns = ColumnMap(text="story", title="HED", outlet="pub")
    (article,), errors = read_inputs([write("t.csv", csv)], columns)
    assert errors == []
    assert (article.text, article.title, article.outlet) == (
        "The story.",
        "A headline",
        "Al Jazeera",
    )


def test_column_map_naming_a_missing_column(write: Write) -> None:
    bad = write("t.csv", "text,title\nBody.,T\n")
    good = write("good.txt", "Good.")
    articles, (error,) = read_inputs([bad, good], ColumnMap(title="headline_text"))
    assert [a.path for a in articles] == [good.as_posix()]
    assert error.path == bad.as_posix()
    assert error.code == MissingColumnError.code
    assert "'headline_text'" in error.reason and "'text', 'title'" in error.reason


def test_no_text_column(write: Write) -> None:
    _, (error,) = read_inputs([write("t.csv", "headline,summary\nH,S\n")])
    assert error.code == MissingColumnError.code
    for words in (
        "'headline', 'summary'",
        "text, content, body, article_content, article_text",
        "--text-column",
    ):
        assert words in error.reason


def test_empty_text_row_is_an_error_and_other_rows_are_kept(write: Write) -> None:
    path = write("t.csv", "id,text\na,First.\nb,   \nc,\nd,Fourth.\n")
    articles, errors = read_inputs([path])
    assert [(a.row, a.id) for a in articles] == [(0, "a"), (3, "d")]
    assert [(e.path, e.code) for e in errors] == [(path.as_posix(), EmptyInputError.code)] * 2
    assert errors[0].reason.startswith("row 1:") and errors[1].reason.startswith("row 2:")


def test_csv_row_with_too_many_fields(write: Write) -> None:
    articles, (error,) = read_inputs(
        [write("t.csv", "text,title\nOne.,T1\nTwo, unquoted, comma,T2\nThree.,T3\n")]
    )
    assert [a.row for a in articles] == [0, 2]
    assert (
        error.code == ParseError.code
        and error.reason.startswith("row 1:")
        and "line 3" in error.reason
    )


def test_csv_keeps_cells_as_written(write: Write) -> None:
    csv = 'id,text,title\n007,"Quoted ""text"", with\nnewline and\u00a0nbsp.",NA\n'
    (article,), _ = read_inputs([write("t.csv", csv)])
    assert article.id == "007"  # not the number 7
    assert article.text == 'Quoted "text", with\nnewline and\u00a0nbsp.'
    assert article.title is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("a,b,c", ","),
        ("a;b;c", ";"),
        ("a\tb\tc", "\t"),
        ("a|b", "|"),
        ("text", ","),
        ("a;b,c,d", ","),
    ],
)
def test_sniff_delimiter(header: str, expected: str) -> None:
    assert sniff_delimiter(header + "\nx, y; z\tw|v\n") == expected


def test_jsonl_bad_line_is_an_error_and_other_lines_are_kept(write: Write) -> None:
    lines = ['{"text": "Line one."}', "{not json", "", '["a list"]', '{"text": "Line five."}']
    path = write("t.jsonl", "\n".join(lines) + "\n")
    articles, errors = read_inputs([path])
    assert [(a.row, a.text) for a in articles] == [(0, "Line one."), (4, "Line five.")]
    assert [e.path for e in errors] == [path.as_posix()] * 2
    assert errors[0].reason.startswith("line 2:") and "not valid JSON" in errors[0].reason
    assert errors[1].reason.startswith("line 4:") and "not a JSON object" in errors[1].reason


def test_json_non_object_items_and_odd_values(write: Write) -> None:
    rows = [
        {"text": "One.", "id": 17, "title": None},
        "a string",
        {"text": ["a", "list"]},
        {"text": 42},
    ]
    articles, errors = read_inputs([write("t.json", json.dumps(rows))])
    assert [(a.row, a.text, a.id, a.title) for a in articles] == [
        (0, "One.", "17", None),
        (3, "42", stable_id("a", "42"), None),
    ]
    assert [e.reason.split(":")[0] for e in errors] == ["row 1", "row 2"]


def test_json_text_crlf_is_normalised(write: Write) -> None:
    (article,), _ = read_inputs([write("t.json", json.dumps([{"text": "a\r\nb\rc"}]))])
    assert article.text == "a\nb\nc"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('[{"text": "a"}', "line 1"),
        ('{"text": "a"}\n{"text": "b"}', ".jsonl"),
        ('{"items": []}', "'items'"),
        ('"just a string"', "a string"),
    ],
)
def test_unusable_json(write: Write, content: str, words: str) -> None:
    _, (error,) = read_inputs([write("t.json", content)])
    assert error.code == ParseError.code and words in error.reason


def test_parquet_types(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "article_text": ["Body one.", "Body two.", None],
            "headline": ["H1", float("nan"), "H3"],
            "date": pd.to_datetime(["2019-10-20 08:00", None, "2019-10-22 00:00"]),
            "unit_id": [17, 18, 19],
        }
    )
    path = tmp_path / "t.parquet"
    frame.to_parquet(path)
    articles, (error,) = read_inputs([path])
    assert [(a.row, a.title, a.published, a.id) for a in articles] == [
        (0, "H1", "2019-10-20", "17"),
        (1, None, None, "18"),
    ]
    assert error.reason.startswith("row 2:") and error.code == EmptyInputError.code


def test_parquet_named_index_is_a_column(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pd.DataFrame({"id": ["x1", "x2"], "text": ["One.", "Two."]}).set_index("id").to_parquet(path)
    articles, errors = read_inputs([path])
    assert errors == []
    assert [a.id for a in articles] == ["x1", "x2"]


def test_csv_long_text_cell(write: Write) -> None:
    long_text = "A very long article. " * 20_000  # 420 KB, over the csv module's default cap
    (article,), errors = read_inputs([write("t.csv", f'text\n"{long_text}"\n')])
    assert errors == []
    assert article.text == long_text


def test_duplicate_table_ids(write: Write) -> None:
    path = write("t.csv", "id,text\nx,One.\nx,Two.\n")
    first, second = read_inputs([path])[0]
    assert first.id == "x" and first.warnings == ()
    assert second.id == stable_id("a", "Two.", path.as_posix(), 1)
    assert any("'x'" in w and "row 0" in w for w in second.warnings)


def test_header_only_table_is_empty(write: Write) -> None:
    _, (error,) = read_inputs([write("t.csv", "text,title\n")])
    assert error.code == EmptyInputError.code
