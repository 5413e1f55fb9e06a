"""Remove page clutter from plain text line by line, keeping every sentence of the report.

Text copied from a page, scraped, or read from a Common Crawl WET record carries the same
clutter as the page: currency tickers, subscribe and share lines, browser and cookie notices,
photo captions, "read also" links, dates and menus. Each rule below matches a whole line
that is short or made mostly of the pattern, so a real sentence that merely mentions a word
("Police said the cookies were poisoned.") survives.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A line longer than this is treated as prose by the keyword rules (a notice is short).
SHORT = 160
# Menus: at least this many consecutive lines of at most MENU_WORDS words each.
MENU_RUN = 4
MENU_WORDS = 3

_I = re.IGNORECASE
_SUBSCRIBE = re.compile(
    r"^\W*(subscribe|sign up|join us|follow us|get our|подпис\w*|підпис\w*|присоедин\w*"
    r"|приєдн\w*|следите|стежте|слідкуйте)\b",
    _I,
)
_CALL_TO_FOLLOW = re.compile(
    r"\b(subscribe|sign up|follow|join|подпис\w*|підпис\w*|следите|стежте|присоедин\w*|приєдн\w*)",
    _I,
)
_CHANNEL = re.compile(
    r"\b(newsletters?|digest|рассылк\w*|розсилк\w*|дайджест\w*|telegram\w*|телеграм\w*|viber"
    r"|соцсет\w*|соцмереж\w*|youtube|facebook|instagram|twitter)\b",
    _I,
)
_READ_MORE = re.compile(
    r"^\W*(read more|read also|see also|also read|related( stories| articles)?|more on this"
    r"|читайте также|читайте також|читайте тоже|смотрите также|дивіться також|см\. также"
    r"|по теме|на тему|більше новин|больше новостей|другие новости"
    r"|інші новини|популярное|популярне|по темі)\b",
    _I,
)
_BROWSER = re.compile(
    r"(your browser (is )?(out of date|outdated|not supported|does not support)|update your browser"
    r"|ваш браузер (устарел|застарів|не поддерживает|не підтримує)|обновите (ваш )?браузер"
    r"|оновіть (ваш )?браузер|enable javascript|включите javascript|увімкніть javascript)",
    _I,
)
_COOKIE = re.compile(
    r"(we use cookies|this (web)?site uses cookies|uses cookies to|accept (all )?cookies"
    r"|cookie (policy|settings|preferences)|(использ\w+|применя\w+) (файлы )?cookie"
    r"|використову\w* (файли )?cookie|файл\w* cookie|cookie-файл|куки-файл|файлы куки"
    r"|(принять|прийняти|согласен|погоджуюсь)\s*(все\s*|всі\s*)?(cookie|куки))",
    _I,
)
_CAPTION = re.compile(
    r"^\W*(photo|photos|photograph|image|illustration|picture|video|фото|фотография|видео"
    r"|відео|ілюстрація|иллюстрация|скриншот|screenshot|источник фото|джерело фото)"
    r"\s*(by\b|:|©|—|–|-|/|\|)",
    _I,
)
_CREDIT = re.compile(r"(getty images|reuters|ap photo|afp|epa|shutterstock|©)[\s)\]]*$", _I)
_SHARE_WORDS = frozenset(
    {
        "share",
        "shares",
        "tweet",
        "email",
        "e-mail",
        "print",
        "comment",
        "comments",
        "copy",
        "link",
        "facebook",
        "twitter",
        "x",
        "vk",
        "ok",
        "telegram",
        "viber",
        "whatsapp",
        "linkedin",
        "pinterest",
        "reddit",
        "поделиться",
        "поділитися",
        "печать",
        "друк",
        "распечатать",
        "роздрукувати",
        "комментарии",
        "коментарі",
        "вконтакте",
        "одноклассники",
        "мессенджер",
        "this",
        "on",
    }
)
_STANDALONE = re.compile(
    r"^\W*(advertisement|реклама|sponsored|loading\.*|загрузка\.*|завантаження\.*|close|закрыть"
    r"|закрити|menu|меню|search|поиск|пошук|top|наверх|вгору|\d+ comments?|комментарии \(\d+\))"
    r"\W*$",
    _I,
)
_MONTHS = (
    r"jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*"
    r"|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йя]\w*|июн\w*|июл\w*|август\w*|сентябр\w*"
    r"|октябр\w*|ноябр\w*|декабр\w*|січ\w*|лют\w*|берез\w*|квіт\w*|трав\w*|черв\w*|лип\w*"
    r"|серп\w*|верес\w*|жовт\w*|листопад\w*|груд\w*"
)
_DATE_ONLY = re.compile(
    r"^\W*((updated|published|обновлено|опубликовано|оновлено|опубліковано|сегодня|вчера"
    r"|сьогодні|вчора|today|yesterday)\W*)?"
    rf"(\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|(\d{{1,2}}\s+)?({_MONTHS})"
    rf"\s*(\d{{1,2}},?\s*)?(\d{{4}})?(\s*(г\.?|р\.?|року|года))?)?"
    r"[\s,|•·—–-]*(\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?)?\s*(utc|gmt|мск|msk|kyiv|київ)?\W*$",
    _I,
)
_CURRENCY = re.compile(
    r"^(usd|eur|rub|uah|gbp|chf|cny|jpy|kzt|byn|btc|eth|brent|wti|gold|нефть|нафта|золото"
    r"|доллар\w*|долар\w*|евро|євро|рубл\w*|гривн\w*|\$|€|₽|₴|£|¥)$",
    _I,
)
_TICKER_FILLER = re.compile(r"^([+\-−]?[\d.,]+%?|[▲▼↑↓+\-−/|:]+|курс\w*|нбу|цб|цбр|мосбиржа)$", _I)
_SENTENCE_END = re.compile(r"[.!?…»\"”:;)]\s*$")
_WORD = re.compile(r"\w+")


def clean_text(text: str) -> str:
    """Drop clutter lines from plain text, keep the rest in order, and squeeze blank runs."""
    lines = text.splitlines()
    keep = [not is_clutter(line) for line in lines]
    _drop_menu_runs(lines, keep)
    kept = [line.rstrip() for line, k in zip(lines, keep, strict=True) if k]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def is_clutter(line: str) -> bool:
    """Tell whether one line is page furniture rather than part of the report."""
    stripped = line.strip()
    if not stripped:
        return False
    return any(rule(stripped) for rule in _RULES)


def _is_subscribe(line: str) -> bool:
    """A short call to subscribe, follow or join a channel."""
    return len(line) <= SHORT and bool(
        _SUBSCRIBE.search(line) or (_CALL_TO_FOLLOW.search(line) and _CHANNEL.search(line))
    )


def _is_read_more(line: str) -> bool:
    """A "read also" / related-links line: a pointer to another article."""
    return len(line) <= SHORT and bool(_READ_MORE.search(line))


def _is_browser_notice(line: str) -> bool:
    """An outdated-browser or enable-JavaScript notice."""
    return len(line) <= 2 * SHORT and bool(_BROWSER.search(line))


def _is_cookie_banner(line: str) -> bool:
    """A cookie-consent banner: cookie vocabulary plus consent wording, short."""
    return len(line) <= 2 * SHORT and bool(_COOKIE.search(line))


def _is_caption(line: str) -> bool:
    """A photo or video caption or credit line."""
    if len(line) > SHORT:
        return False
    return bool(_CAPTION.search(line)) or (len(line) <= 80 and bool(_CREDIT.search(line)))


def _is_share_bar(line: str) -> bool:
    """A row of share buttons: every word a sharing verb or network name."""
    words = [w.lower() for w in _WORD.findall(line) if not w.isdigit()]
    return bool(words) and len(words) <= 12 and all(w in _SHARE_WORDS for w in words)


def _is_standalone(line: str) -> bool:
    """A lone widget label: "Advertisement", "Loading...", "Menu"."""
    return bool(_STANDALONE.match(line))


def _is_date_only(line: str) -> bool:
    """A line that is only a date and/or time stamp."""
    return len(line) <= 60 and any(ch.isdigit() for ch in line) and bool(_DATE_ONLY.match(line))


def _is_ticker(line: str) -> bool:
    """A currency or commodity ticker: codes and numbers with arrows, no prose."""
    tokens = line.replace("▲", " ▲ ").replace("▼", " ▼ ").split()
    if not tokens or len(line) > 2 * SHORT:
        return False
    currencies = sum(1 for t in tokens if _CURRENCY.match(t.strip(":,")))
    filler = sum(1 for t in tokens if _TICKER_FILLER.match(t.strip(":,")))
    return currencies >= 1 and filler >= 1 and currencies + filler >= 0.8 * len(tokens)


_RULES: tuple[Callable[[str], bool], ...] = (
    _is_subscribe,
    _is_read_more,
    _is_browser_notice,
    _is_cookie_banner,
    _is_caption,
    _is_share_bar,
    _is_standalone,
    _is_date_only,
    _is_ticker,
)


def _is_menu_like(line: str) -> bool:
    """A short label without sentence punctuation, as menu items are."""
    stripped = line.strip()
    return (
        bool(stripped)
        and len(_WORD.findall(stripped)) <= MENU_WORDS
        and len(stripped) <= 30
        and not _SENTENCE_END.search(stripped)
    )


def _drop_menu_runs(lines: list[str], keep: list[bool]) -> None:
    """Mark runs of MENU_RUN or more menu-like lines (blank lines ignored) as clutter."""
    run: list[int] = []
    for index, line in enumerate([*lines, "end of text."]):
        if not line.strip():
            continue
        if index < len(lines) and _is_menu_like(line):
            run.append(index)
            continue
        if len(run) >= MENU_RUN:
            for i in run:
                keep[i] = False
        run = []
