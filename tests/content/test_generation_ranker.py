"""The publishing ranker: its signals, its probability and its fit, without any document."""

from __future__ import annotations

import numpy as np
import pytest

from bench.fit_ranker import auc, fit
from content.generation import ranker
from content.generation import types as qt


def _question(kind=qt.YEAR, prompt="When did the Varnian army take Belmor?", answer="1204"):
    return qt.GeneratedQuestion(type=kind, prompt=prompt, answer=answer, key="k")


def _signals(question, **named):
    return ranker.signals(
        question, named=named, builder=0.5, answer_kind="", wh=True, on_screen=False,
        caption=False, passage_words=12, position=0.1, mentions=3, answer_zipf=0.0,
    )


def test_signals_name_the_type_and_every_scoring_feature_and_count_vetoes():
    x = _signals(_question(), **{"unresolved reference": -0.35, "veto: pronoun 'it'": -1.0,
                                 "veto: opens on a connective": -1.0})
    assert x["type:year"] == 1.0 and x["wh-question"] == 1.0
    assert x["f:unresolved reference"] == 1.0
    assert x["veto"] == 2.0
    assert x["answer is a year"] == 1.0


def test_probability_follows_the_weights_and_ignores_unknown_signals():
    model = {"bias": 0.0, "weights": {"good": 2.0, "bad": -2.0}, "threshold": 0.5}
    assert ranker.probability({}, model) == pytest.approx(0.5)
    assert ranker.probability({"good": 1.0}, model) > 0.85
    assert ranker.probability({"bad": 1.0}, model) < 0.15
    assert ranker.probability({"never fitted": 5.0}, model) == pytest.approx(0.5)


def test_the_shipped_weights_penalise_a_veto_and_have_a_threshold_in_range():
    model = ranker.fitted()
    assert model is not None, "content/generation/ranker_weights.json is shipped"
    assert 0.3 <= model["threshold"] <= 0.9
    assert model["weights"]["veto"] < 0
    q = _question()
    assert ranker.probability(_signals(q), model) > ranker.probability(
        _signals(q, **{"veto: pronoun 'it'": -1.0}), model)


def test_the_fit_recovers_which_signal_helps_and_which_hurts():
    rng = np.random.default_rng(7)
    x = rng.integers(0, 2, size=(400, 3)).astype(float)
    logit = 2.0 * x[:, 0] - 2.0 * x[:, 1]
    y = (rng.random(400) < 1 / (1 + np.exp(-logit))).astype(float)
    w, _ = fit(x, y, lam=1.0)
    assert w[0] > 1.0 and w[1] < -1.0 and abs(w[2]) < 0.5
    p = 1 / (1 + np.exp(-(x @ w)))
    assert auc(p, y) > 0.75
