"""Polite fetching of pages and feeds: robots.txt, a real User-Agent, timeouts, per-host delay.

One ``Fetcher`` per run. It reads each host's robots.txt once (RFC 9309: a missing file allows
everything, an unreachable one forbids everything), waits between two requests to the same host
(the larger of our delay and the site's Crawl-delay), refuses bodies over the size limit, and
names the URL and the problem in every error. Standard library only, so it runs anywhere the
pipeline does.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlsplit, urlunsplit

from tracedesk.pipeline.inputs import MAX_DOCUMENT_BYTES

DEFAULT_USER_AGENT = (
    "TraceDeskBot/0.1 (+https://github.com/tracedesk/tracedesk; human-rights documentation)"
)


class FetchError(Exception):
    """A URL that could not be fetched; the message names the URL and why."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str  # the media type alone, lower case: "text/html"
    charset: str | None
    body: bytes


@dataclass
class Fetcher:
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    delay: float = 1.0  # seconds between two requests to one host
    max_bytes: int = MAX_DOCUMENT_BYTES
    respect_robots: bool = True
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)

    def fetch(self, url: str) -> Fetched:
        """GET one URL, or raise FetchError saying why not."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchError(url, "not an http(s) URL")
        host = parts.netloc.lower()
        if self.respect_robots:
            robots = self._robots_for(parts.scheme, host)
            if robots is not None and not robots.can_fetch(self.user_agent, url):
                raise FetchError(url, "disallowed by the site's robots.txt")
        return self._get(url, host)

    def _wait(self, host: str) -> None:
        delay = self.delay
        robots = self._robots.get(host)
        if robots is not None:
            crawl_delay = robots.crawl_delay(self.user_agent)
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        last = self._last.get(host)
        if last is not None:
            remaining = last + delay - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last[host] = self.clock()

    def _get(self, url: str, host: str) -> Fetched:
        self._wait(host)
        # The scheme was checked in fetch(): only http and https reach here.
        request = urllib.request.Request(  # noqa: S310
            url,
            headers={
                "User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
                "Accept-Language": "uk,ru;q=0.9,en;q=0.8",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read(self.max_bytes + 1)
                headers: Message = response.headers
                status = response.status
                final_url = response.geturl()
        except urllib.error.HTTPError as error:
            raise FetchError(url, f"HTTP {error.code} {error.reason}") from None
        except urllib.error.URLError as error:
            raise FetchError(url, f"cannot connect: {error.reason}") from None
        except TimeoutError:
            raise FetchError(url, f"no answer within {self.timeout:g} s") from None
        except OSError as error:
            raise FetchError(url, f"connection failed: {error}") from None
        if len(body) > self.max_bytes:
            limit = self.max_bytes // (1024 * 1024)
            raise FetchError(url, f"the page is over the {limit} MB limit")
        return Fetched(
            url=url,
            final_url=final_url,
            status=status,
            content_type=headers.get_content_type(),
            charset=headers.get_content_charset(),
            body=body,
        )

    def _robots_for(self, scheme: str, host: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's rules, read once; None when the site has no robots.txt."""
        if host in self._robots:
            return self._robots[host]
        robots_url = urlunsplit((scheme, host, "/robots.txt", "", ""))
        parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser(
            robots_url
        )
        try:
            fetched = self._get(robots_url, host)
            assert parser is not None
            parser.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        except FetchError as error:
            if error.reason.startswith("HTTP 4"):
                parser = None  # no robots.txt (or not for us to read): everything is allowed
            else:
                # Unreachable or failing: RFC 9309 says assume everything is disallowed.
                assert parser is not None
                parser.parse(["User-agent: *", "Disallow: /"])
        self._robots[host] = parser
        return parser
