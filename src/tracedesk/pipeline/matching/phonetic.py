"""Daitch–Mokotoff Soundex: six-digit codes that join spellings of one surname by sound.

Written from the published rule table (Gary Mokotoff and Randy Daitch, 1985, as Stephen P. Morse
and JewishGen publish it). Each letter group has three codes: at the start of the name, before
a vowel, and elsewhere; "" means not coded. Some groups are ambiguous and yield two codes (CH is
KH or TCH, RZ is ZH or R+Z, J is Y or DZH), so a name has a set of codes, one per branch.
Groups are matched longest first; a group whose code repeats the previous group's code is not
coded again, except M and N next to each other. Codes are padded or cut to six digits.

The codes are applied to Latin forms; ``dm_codes_any`` codes a Cyrillic name through its
transliterations (``translit.variants``), so «Сидоренко» and "Sydorenko" share a code.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final

__all__ = ["dm_soundex", "dm_codes_any"]

# group: at start, before a vowel, elsewhere; "-" is not coded, "a/b" lists alternatives.
_RULES_TEXT: Final = """
ai 0 1 - ; aj 0 1 - ; ay 0 1 - ; au 0 7 - ; a 0 - - ; e 0 - - ; ei 0 1 - ; ej 0 1 - ; ey 0 1 -
eu 1 1 - ; i 0 - - ; ia 1 - - ; ie 1 - - ; io 1 - - ; iu 1 - - ; o 0 - - ; oi 0 1 - ; oj 0 1 -
oy 0 1 - ; u 0 - - ; ui 0 1 - ; uj 0 1 - ; uy 0 1 - ; ue 0 - - ; y 1 - - ; j 1/4 1/4 1/4
b 7 7 7 ; chs 5 54 54 ; ch 5/4 5/4 5/4 ; ck 5/45 5/45 5/45 ; c 5/4 5/4 5/4 ; cz 4 4 4
cs 4 4 4 ; csz 4 4 4 ; czs 4 4 4 ; drz 4 4 4 ; drs 4 4 4 ; ds 4 4 4 ; dsh 4 4 4 ; dsz 4 4 4
dz 4 4 4 ; dzh 4 4 4 ; dzs 4 4 4 ; d 3 3 3 ; dt 3 3 3 ; f 7 7 7 ; fb 7 7 7 ; g 5 5 5
h 5 5 - ; ks 5 54 54 ; kh 5 5 5 ; k 5 5 5 ; l 8 8 8 ; m 6 6 6 ; mn 66 66 66 ; n 6 6 6
nm 66 66 66 ; p 7 7 7 ; pf 7 7 7 ; ph 7 7 7 ; q 5 5 5 ; r 9 9 9 ; rs 94/4 94/4 94/4
rz 94/4 94/4 94/4 ; s 4 4 4 ; sch 4 4 4 ; schtsch 2 4 4 ; schtsh 2 4 4 ; schtch 2 4 4
sh 4 4 4 ; shch 2 4 4 ; shtch 2 4 4 ; shtsh 2 4 4 ; sht 2 43 43 ; shd 2 43 43 ; st 2 43 43
stch 2 4 4 ; stsch 2 4 4 ; strz 2 4 4 ; strs 2 4 4 ; stsh 2 4 4 ; sd 2 43 43 ; sz 4 4 4
szcz 2 4 4 ; szcs 2 4 4 ; szt 2 43 43 ; szd 2 43 43 ; t 3 3 3 ; tch 4 4 4 ; ttch 4 4 4
ttsch 4 4 4 ; th 3 3 3 ; trz 4 4 4 ; trs 4 4 4 ; tsch 4 4 4 ; tsh 4 4 4 ; ts 4 4 4
tts 4 4 4 ; ttsz 4 4 4 ; tc 4 4 4 ; tz 4 4 4 ; ttz 4 4 4 ; tzs 4 4 4 ; tsz 4 4 4
v 7 7 7 ; w 7 7 7 ; x 5 54 54 ; z 4 4 4 ; zdz 2 4 4 ; zdzh 2 4 4 ; zhdzh 2 4 4 ; zd 2 43 43
zhd 2 43 43 ; zh 4 4 4 ; zs 4 4 4 ; zsch 4 4 4 ; zsh 4 4 4
"""
_VOWELS: Final = frozenset("aeiou")


def _parse_rules() -> dict[str, list[tuple[str, tuple[tuple[str, ...], ...]]]]:
    rules: dict[str, list[tuple[str, tuple[tuple[str, ...], ...]]]] = {}
    for item in _RULES_TEXT.replace("\n", ";").split(";"):
        fields = item.split()
        if fields:
            group, *codes = fields
            alternatives = tuple(
                tuple("" if alt == "-" else alt for alt in code.split("/")) for code in codes
            )
            rules.setdefault(group[0], []).append((group, alternatives))
    for candidates in rules.values():
        candidates.sort(key=lambda rule: -len(rule[0]))
    return rules


_RULES: Final = _parse_rules()


def _letters(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.lower().replace("ł", "l"))
    return "".join(ch for ch in decomposed if "a" <= ch <= "z")


@lru_cache(maxsize=65536)
def dm_soundex(name: str) -> frozenset[str]:
    """The Daitch–Mokotoff codes of a Latin name: "Peters" → {"739400", "734000"}.

    Letters outside a-z after removing diacritics are skipped; a name with no letters has no
    codes. Spaces join: the code of "van Dam" is the code of "vandam".
    """
    text = _letters(name)
    if not text:
        return frozenset()
    # Each branch: (digits so far, the previous group's code).
    branches: set[tuple[str, str | None]] = {("", None)}
    index = 0
    last_char = ""
    while index < len(text):
        ch = text[index]
        for group, codes in _RULES.get(ch, []):
            if not text.startswith(group, index):
                continue
            after = index + len(group)
            if index == 0:
                options = codes[0]
            elif after < len(text) and text[after] in _VOWELS:
                options = codes[1]
            else:
                options = codes[2]
            force = (last_char, ch) in {("m", "n"), ("n", "m")}
            new: set[tuple[str, str | None]] = set()
            for digits, previous in branches:
                for code in options:
                    repeat = previous is not None and previous.endswith(code)
                    append = code and (not repeat or force)
                    new.add((digits + code if append else digits, code))
            branches = new
            last_char = text[after - 1]
            index = after
            break
        else:
            index += 1  # not a coded letter
    return frozenset((digits + "000000")[:6] for digits, _ in branches)


def dm_codes_any(name: str) -> frozenset[str]:
    """Codes of a name in either script: a Cyrillic name is coded through its romanisations."""
    from tracedesk.pipeline.matching.translit import variants  # local: avoids an import cycle

    if any("\u0400" <= ch <= "\u04ff" for ch in name):
        forms = set(variants(name, "ru").values()) | set(variants(name, "uk").values())
    else:
        forms = {name}
    codes: set[str] = set()
    for form in forms:
        codes |= dm_soundex(form)
    return frozenset(codes)
