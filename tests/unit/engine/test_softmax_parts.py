"""``softmax_parts`` and ``share_against`` give the floats of ``softmax`` and
``not_listed.listed_share`` (session 14: the one-case path computes both from one
``exp``)."""

from __future__ import annotations

import numpy as np

from milia.engine.model import (
    condition_model,
    share_against,
    softmax,
    softmax_parts,
    type_model,
)
from milia.engine.not_listed import listed_share


def _scores(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    scale = rng.choice([0.5, 5.0, 40.0, 400.0])
    return rng.normal(-20.0, scale, size=shape)


def test_softmax_parts_are_softmax_and_listed_share() -> None:
    rng = np.random.default_rng(35)
    for n in range(3_000):
        shape = (23,) if n % 2 else (int(rng.integers(1, 64)), 23)
        scores = _scores(rng, shape)
        leak = (
            float(rng.normal(-20.0, 30.0))
            if len(shape) == 1
            else rng.normal(-20.0, 30.0, size=shape[0])
        )
        probs, top, total = softmax_parts(scores)
        assert np.array_equal(probs, softmax(scores))
        share = share_against(top, total, leak)
        assert share.shape == listed_share(scores, leak).shape
        assert np.array_equal(share, listed_share(scores, leak))


def test_share_against_an_overwhelming_other_score() -> None:
    scores = np.array([-5.0, -6.0, -7.0])
    _, top, total = softmax_parts(scores)
    assert share_against(top, total, 600.0)[0] < 1e-200
    assert share_against(top, total, -800.0)[0] == 1.0


def test_mix_from_softmax_parts_as_from_logsumexp() -> None:
    model = condition_model()
    rng = np.random.default_rng(36)
    n_types = len(type_model().classes)
    for _ in range(1_000):
        rows = int(rng.integers(1, 64))
        log_post = _scores(rng, (rows, len(model.classes)))
        type_scores = _scores(rng, (rows, n_types))
        age_row = int(rng.integers(0, 4))
        _, top, total = softmax_parts(type_scores)
        plain = model.mix(log_post.copy(), type_scores, age_row)
        parts = model.mix(log_post.copy(), type_scores, age_row, type_parts=(top, total))
        assert np.array_equal(plain, parts)
    one = _scores(rng, (n_types,))  # one case: logsumexp's own (plain float) path
    _, top, total = softmax_parts(one)
    log_post = _scores(rng, (len(model.classes),))
    assert np.array_equal(
        model.mix(log_post.copy(), one, 0, type_parts=(top, total)),
        model.mix(log_post.copy(), one, 0),
    )
