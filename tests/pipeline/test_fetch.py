"""Polite fetching and feed reading, against a real HTTP server on localhost."""

import pytest
from tests.httpserver import Route, Site, serve

from tracedesk.pipeline.feeds import FeedError, looks_like_feed, parse_feed
from tracedesk.pipeline.fetch import Fetcher, FetchError

PAGE = "<html><body><p>Звіт про затримання.</p></body></html>".encode()


@pytest.fixture
def site():
    site = Site()
    server = serve(site)
    yield site
    server.shutdown()
    server.server_close()


def test_fetch_sends_our_user_agent_and_reads_the_charset(site):
    site.routes["/news/1"] = Route(PAGE, content_type="text/html; charset=windows-1251")
    page = Fetcher(delay=0, user_agent="TraceDeskTest/1").fetch(site.url("/news/1"))
    assert page.body == PAGE and page.status == 200
    assert (page.content_type, page.charset) == ("text/html", "windows-1251")
    assert {ua for _path, ua, _at in site.requests} == {"TraceDeskTest/1"}


def test_robots_txt_is_read_once_and_obeyed(site):
    site.routes["/robots.txt"] = Route(
        b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    site.routes["/news/1"] = Route(PAGE)
    site.routes["/private/list"] = Route(PAGE)
    fetcher = Fetcher(delay=0)
    fetcher.fetch(site.url("/news/1"))
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher.fetch(site.url("/private/list"))
    fetcher.fetch(site.url("/news/1"))
    assert site.paths() == ["/robots.txt", "/news/1", "/news/1"]


def test_a_missing_robots_txt_allows_and_a_failing_one_forbids(site):
    site.routes["/news/1"] = Route(PAGE)
    Fetcher(delay=0).fetch(site.url("/news/1"))  # /robots.txt answers 404
    site.routes["/robots.txt"] = Route(b"oops", status=503, content_type="text/plain")
    with pytest.raises(FetchError, match="robots.txt"):
        Fetcher(delay=0).fetch(site.url("/news/1"))


def test_requests_to_one_host_wait_for_the_delay_and_the_crawl_delay(site):
    site.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 2\n")
    site.routes["/a"] = Route(PAGE)
    site.routes["/b"] = Route(PAGE)
    other = Site()
    other_server = serve(other)
    other.routes["/c"] = Route(PAGE)
    now = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    fetcher = Fetcher(delay=0.5, sleep=sleep, clock=lambda: now[0])
    try:
        fetcher.fetch(site.url("/a"))
        slept.clear()  # the robots.txt request came first, on the same host
        fetcher.fetch(other.url("/c"))  # another host (another port) does not wait
        assert slept == [0.5]  # ...except for its own robots.txt, half a second after
        slept.clear()
        fetcher.fetch(site.url("/b"))
    finally:
        other_server.shutdown()
        other_server.server_close()
    # The site's Crawl-delay (2 s) is larger than ours (0.5 s) and wins; half a second of it
    # already passed while the other host was waited for.
    assert slept == [2.0 - 0.5]


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(b"gone", status=410), "HTTP 410"),
        (Route(b"x" * 2048), "limit"),
        (Route(PAGE, delay=1.5), "within"),
    ],
)
def test_fetch_errors_name_the_url_and_the_problem(site, route, message):
    site.routes["/page"] = route
    fetcher = Fetcher(delay=0, max_bytes=1024, timeout=0.5)
    with pytest.raises(FetchError, match=message) as error:
        fetcher.fetch(site.url("/page"))
    assert site.url("/page") in str(error.value)


def test_only_http_urls_are_fetched():
    with pytest.raises(FetchError, match="not an http"):
        Fetcher().fetch("file:///etc/passwd")


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>News</title>
<item><title>One</title><link>https://example.org/news/1</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Two</title><guid>https://example.org/news/2</guid></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
<entry><title>Three</title><link rel="self" href="/api/3"/><link href="/news/3"/>
<updated>2024-03-05T10:00:00Z</updated></entry>
</feed>"""


def test_rss_items_with_links_are_listed_in_order():
    items = parse_feed(RSS)
    assert [(i.url, i.title) for i in items] == [
        ("https://example.org/news/1", "One"),
        ("https://example.org/news/2", "Two"),
    ]
    assert items[0].published.startswith("Tue, 05 Mar 2024")


def test_atom_links_are_made_absolute_and_prefer_alternate():
    (item,) = parse_feed(ATOM, "https://example.org/feed.xml")
    assert item.url == "https://example.org/news/3" and item.published == "2024-03-05T10:00:00Z"


def test_feeds_are_told_apart_from_pages():
    assert looks_like_feed(RSS) and looks_like_feed(ATOM)
    assert looks_like_feed(b"{}", "application/rss+xml")
    assert not looks_like_feed(PAGE)


def test_not_a_feed_is_a_clear_error():
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(b"<?xml version='1.0'?><html><body/></html>")


def test_entities_are_not_expanded():
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><item><title>&x;</title><link>https://e.org/1</link></item>"
        b"</channel></rss>"
    )
    (item,) = parse_feed(hostile)
    assert "root:" not in item.title
