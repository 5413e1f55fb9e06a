"""Stage 1: decoding pages, extracting the report, and removing clutter from plain text."""

from __future__ import annotations

import pytest

from tracedesk.pipeline.boilerplate import clean_text, is_clutter
from tracedesk.pipeline.extraction import ExtractOptions, decode_html, extract_article
from tracedesk.pipeline.extraction.scoring import aggregate, match_counts, paragraphs_to_text

RUSSIAN = (
    "Сотрудники полиции задержали жителя Брянки по подозрению в краже. "
    "Его родственники сообщили, что он пропал три дня назад и до сих пор не вернулся домой."
)
UKRAINIAN = "Його рідні повідомили, що він зник безвісти у березні під час обстрілу міста."

REPORT = [
    "Ivan Petrenko, 34, was detained by soldiers at a checkpoint near Brianka on 5 March.",
    "His sister said he had been taken to the local police station and then to a SIZO.",
    "Human rights groups have asked the authorities to disclose where he is being held.",
    "The family last heard from him on the evening of his arrest, when he called his mother.",
]
CLUTTER = [
    "USD 92.50 ▲ EUR 100.10 ▼",
    "Subscribe to our weekly digest",
    "We use cookies to improve your experience. Accept all cookies",
    "Your browser is out of date. Please update your browser.",
    "Photo: Reuters / John Smith",
    "Read more: Ten things to know about the war",
    "Share this on Facebook",
]


def _page(body: str, head: str = "") -> str:
    """Wrap body markup in a minimal news page."""
    return (
        f"<html><head><title>Man detained near Brianka</title>{head}</head>"
        f"<body>{body}</body></html>"
    )


def _cluttered_page() -> str:
    """A news page with the report among tickers, banners, captions and related links."""
    menu = "".join(
        f"<li><a href='/{w}'>{w}</a></li>" for w in ["News", "World", "Sport", "Opinion"]
    )
    related = "".join(
        f"<li><a href='/story{i}'>Related story number {i} about something else</a></li>"
        for i in range(5)
    )
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in REPORT)
    return _page(
        f"<header><ul class='menu'>{menu}</ul><div class='ticker'>{CLUTTER[0]}</div></header>"
        f"<div class='cookie-banner'><p>{CLUTTER[2]}</p><button>Accept</button></div>"
        f"<div class='browser-warning'>{CLUTTER[3]}</div>"
        "<main><article><h1>Man detained near Brianka</h1>"
        "<figure><img src='a.jpg'><figcaption>Photo: Reuters / John Smith</figcaption></figure>"
        f"{paragraphs}"
        "<div class='share'><a href='#'>Share this on Facebook</a></div>"
        f"<aside class='newsletter'><p>{CLUTTER[1]}</p></aside>"
        f"<p>{CLUTTER[5]}</p>"
        "</article>"
        f"<aside class='related'><h3>Related</h3><ul>{related}</ul></aside></main>"
        "<footer><p>© 2024 Example News. All rights reserved.</p></footer>",
        head="<meta property='og:site_name' content='Example News'>"
        "<meta property='article:published_time' content='2024-03-06T10:00:00Z'>",
    )


class TestDecodeHtml:
    @pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
    @pytest.mark.parametrize("declared", ["utf-8", "iso-8859-1", "koi8-r", "windows-1251"])
    def test_cyrillic_with_wrong_declared_charset(self, encoding: str, declared: str) -> None:
        """A declared charset that does not fit the bytes is overruled by what reads as text."""
        raw = _page(f"<p>{RUSSIAN}</p>").encode(encoding)
        assert RUSSIAN in decode_html(raw, declared=declared)

    def test_wrong_meta_charset(self) -> None:
        """A <meta charset> that lies is overruled as well."""
        page = _page(f"<p>{RUSSIAN}</p>", head='<meta charset="koi8-r">')
        assert RUSSIAN in decode_html(page.encode("cp1251"))

    def test_ukrainian_letters(self) -> None:
        """Ukrainian text in cp1251 keeps і, ї, є."""
        assert UKRAINIAN in decode_html(_page(f"<p>{UKRAINIAN}</p>").encode("cp1251"), "utf-8")

    def test_utf8_and_bom(self) -> None:
        """UTF-8 wins when valid, and a byte-order mark decides by itself."""
        page = _page(f"<p>{RUSSIAN}</p>")
        assert RUSSIAN in decode_html(page.encode("utf-8"), declared="cp1251")
        assert RUSSIAN in decode_html(page.encode("utf-16"))
        assert decode_html(b"\xef\xbb\xbf<p>x</p>") == "<p>x</p>"

    def test_truncated_utf8(self) -> None:
        """A page cut in the middle of a multi-byte character still decodes."""
        raw = _page(f"<p>{RUSSIAN}</p>").encode("utf-8")[:-20] + "ж".encode()[:1]
        assert "Сотрудники полиции" in decode_html(raw)

    @pytest.mark.parametrize(
        ("raw", "problem"),
        [
            (b"", "empty"),
            (b"   \n", "empty"),
            (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
            (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
            (b"\x1f\x8b\x08\x00" + bytes(100), "gzip"),
            (bytes(range(256)) * 20, "binary"),
            (b"\x01\x02\x03\x04\x05\x06hello\x07\x08" * 50, "binary"),
        ],
    )
    def test_binary_is_refused(self, raw: bytes, problem: str) -> None:
        """Bytes that are not text raise ValueError naming the problem instead of garbage."""
        with pytest.raises(ValueError, match=problem):
            decode_html(raw)


class TestExtractArticle:
    def test_keeps_the_report_and_drops_the_clutter(self) -> None:
        """Every sentence of the report survives; tickers, banners, captions, links do not."""
        article = extract_article(_cluttered_page(), url="https://www.example.com/news/1")
        for sentence in REPORT:
            assert sentence in article.text
        for line in [*CLUTTER, "Related story number", "All rights reserved"]:
            assert line not in article.text, line

    def test_metadata(self) -> None:
        """Title, date, outlet and URL come from the page; language is left to a later stage."""
        article = extract_article(_cluttered_page(), url="https://www.example.com/news/1")
        assert article.title == "Man detained near Brianka"
        assert article.published == "2024-03-06"
        assert article.outlet == "Example News"
        assert article.url == "https://www.example.com/news/1"
        assert article.language is None

    def test_outlet_falls_back_to_domain(self) -> None:
        """Without a site name the outlet is the host without www."""
        page = _page("".join(f"<p>{s}</p>" for s in REPORT))
        assert extract_article(page, url="https://www.kyivpost.com/a").outlet == "kyivpost.com"

    def test_frozen(self) -> None:
        """An Article cannot be changed after extraction."""
        article = extract_article(_page("<p>" + REPORT[0] + "</p>"))
        with pytest.raises(AttributeError):
            article.text = "x"  # type: ignore[misc]

    def test_empty_page(self) -> None:
        """A page without text yields empty text, not an exception."""
        assert extract_article("<html><body></body></html>").text == ""

    def test_options_change_the_cascade(self) -> None:
        """Turning cleaning off lets a clutter line through that the default removes."""
        paragraphs = "".join(f"<p>{s}</p>" for s in REPORT) + "<p>Читайте также: Новости</p>"
        raw = ExtractOptions(clean=False, vote_with_readability=False)
        assert "Читайте также" in extract_article(_page(paragraphs), options=raw).text
        assert "Читайте также" not in extract_article(_page(paragraphs)).text


class TestCleanText:
    def test_keeps_a_sentence_about_cookies(self) -> None:
        """A sentence that mentions cookies is prose, while a consent banner line is clutter."""
        text = (
            "The guards took the cookies his mother had brought to the detention centre.\n"
            "This website uses cookies. By continuing you accept our cookie policy.\n"
            "Мы используем файлы cookie. Принять\n"
            "He has not been seen since."
        )
        cleaned = clean_text(text)
        assert "The guards took the cookies" in cleaned
        assert "He has not been seen since." in cleaned
        assert "website uses cookies" not in cleaned
        assert "файлы cookie" not in cleaned

    @pytest.mark.parametrize(
        "line",
        [
            "Подписывайтесь на наш Telegram-канал",
            "Підписуйтесь на наш Telegram",
            "Subscribe to our weekly digest",
            "Читайте также: Взрыв в Донецке",
            "Читайте також: Обстріл Харкова",
            "Read more: What we know so far",
            "Share",
            "Facebook Twitter Telegram",
            "Ваш браузер устарел",
            "Ваш браузер застарів. Оновіть браузер",
            "USD 92.5 ▲ EUR 100.1",
            "Курс НБУ: USD 41,25 EUR 44,80",
            "Фото: РИА Новости",
            "Photo: Getty Images",
            "12.03.2024 14:35",
            "5 марта 2024, 10:12",
            "March 5, 2024",
            "Advertisement",
        ],
    )
    def test_clutter_lines(self, line: str) -> None:
        """Each known kind of clutter line is recognised in English, Russian and Ukrainian."""
        assert is_clutter(line)
        assert clean_text(f"{REPORT[0]}\n{line}\n{REPORT[1]}") == f"{REPORT[0]}\n{REPORT[1]}"

    @pytest.mark.parametrize(
        "line",
        [
            *REPORT,
            RUSSIAN,
            UKRAINIAN,
            "Share prices fell after the news, and the hryvnia lost 2% against the dollar.",
            "Photographs of the detainees were shown to relatives on 12 March.",
            "The exchange rate was USD 41 for one hundred hryvnia, the bank said in its report.",
            "Читайте также наши материалы о том, как искать пропавших без вести родственников, "
            "которые мы публиковали в прошлом году вместе с правозащитниками из Харькова и Киева, "
            "а также советы юристов о том, куда обращаться.",
        ],
    )
    def test_report_sentences_survive(self, line: str) -> None:
        """Real sentences are kept even when they contain a clutter keyword."""
        assert not is_clutter(line)

    def test_menu_runs(self) -> None:
        """A run of short label lines is a menu; one short line alone is kept."""
        text = "\n".join(["Home", "News", "World", "Sport", REPORT[0], "Brianka", REPORT[1]])
        assert clean_text(text) == "\n".join([REPORT[0], "Brianka", REPORT[1]])


class TestScoring:
    def test_identical_and_disjoint(self) -> None:
        """The benchmark metric gives 1 for identical texts and 0 for disjoint ones."""
        text = " ".join(REPORT)
        assert aggregate([match_counts(text, text)]).f1 == 1.0
        assert aggregate([match_counts(text, "nothing in common at all here")]).f1 == 0.0

    def test_extra_text_costs_precision(self) -> None:
        """Clutter added to the report lowers precision, not recall."""
        text = " ".join(REPORT)
        scores = aggregate([match_counts(text, text + " " + " ".join(CLUTTER))])
        assert scores.recall == 1.0
        assert scores.precision < 0.8

    def test_paragraph_reference(self) -> None:
        """A <p>-per-paragraph reference turns into one paragraph a line."""
        assert paragraphs_to_text("<p>One &amp; two</p>\n<p>Three</p>") == "One & two\nThree"
