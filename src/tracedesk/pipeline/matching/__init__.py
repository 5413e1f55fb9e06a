"""The name layer of matching (issue 4): given names, transliteration, phonetics, parsing.

Django-free and offline. ``compare.compare_names`` is the entry point; the other modules are
its features and are usable on their own (blocking keys, candidate search).
"""
