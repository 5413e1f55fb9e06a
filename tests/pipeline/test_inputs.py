"""Reading inputs: real files, real gzip and WARC bytes; each bad one named, the rest read."""

import gzip

from tracedesk.pipeline.inputs import MAX_DOCUMENT_BYTES, InputDocument, InputError, read_input

PAGE = "<html><head><title>Звіт</title></head><body><p>Івана Сидоренка утримують у Брянці.</p></body></html>"


def warc_record(url: str, content_type: str, body: bytes) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
        "WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def test_html_and_text_files_are_told_apart(tmp_path):
    html = tmp_path / "page.html"
    html.write_text(PAGE, encoding="utf-8")
    text = tmp_path / "note.txt"
    text.write_text("Івана Сидоренка утримують у Брянці.", encoding="utf-8")
    [page] = read_input(str(html))
    [note] = read_input(str(text), url="https://example.org/n")
    assert isinstance(page, InputDocument) and page.kind == "html"
    assert (
        isinstance(note, InputDocument)
        and note.kind == "text"
        and note.url == "https://example.org/n"
    )


def test_bad_files_get_an_error_naming_them(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"  \n")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50)
    huge = tmp_path / "huge.html"
    huge.write_bytes(b"<html><body>" + b"a" * (MAX_DOCUMENT_BYTES + 1))
    truncated = tmp_path / "cut.html.gz"
    truncated.write_bytes(gzip.compress(PAGE.encode())[:20])
    missing = tmp_path / "missing.html"
    results = {p.name: next(read_input(str(p))) for p in [empty, binary, huge, truncated, missing]}
    assert all(isinstance(r, InputError) for r in results.values())
    assert results["empty.html"].error == "empty document"
    assert "binary" in results["photo.jpg"].error
    assert "over the 10 MB limit" in results["huge.html"].error
    assert "gzip" in results["cut.html.gz"].error
    assert "cannot read" in results["missing.html"].error
    assert results["missing.html"].input.endswith("missing.html")


def test_a_warc_yields_each_html_response_and_names_the_others(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    data = (
        warc_record("https://example.org/a", "text/html; charset=utf-8", PAGE.encode())
        + warc_record("https://example.org/logo.png", "image/png", b"\x89PNG....")
        + warc_record(
            "https://example.org/b", "text/html; charset=windows-1251", PAGE.encode("cp1251")
        )
    )
    archive.write_bytes(gzip.compress(data))
    results = list(read_input(str(archive)))
    assert [type(r).__name__ for r in results] == ["InputDocument", "InputError", "InputDocument"]
    assert results[0].url == "https://example.org/a"
    assert "not an HTML response (image/png)" in results[1].error
    assert "https://example.org/logo.png" in results[1].input
    assert results[2].charset == "windows-1251"
    assert results[2].raw.decode("cp1251") == PAGE
