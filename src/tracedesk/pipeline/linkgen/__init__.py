"""Seeded tracing-request cases for the matching evaluation (issue 4).

``people`` draws registry people (with brothers and namesakes as distractors), ``variants``
distorts them into queries the way relatives and reporters write names, ``cases`` puts a
registry, queries and their truth together, and ``evaluation`` scores any linker on them.
Nothing here imports the name layer under test.
"""
