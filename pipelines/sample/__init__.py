"""The bundled sample batch: a synthetic national picture anchored on documented real cases.

No public dataset of conventions de revitalisation exists, so the dashboard ships with a
generated one (`python -m pipelines.sample.generate`). Geography, legal rules, the SMIC series
and the documented cases' published figures are real; everything else is drawn at random with
a fixed seed (see docs/donnees-exemple.md).
"""
