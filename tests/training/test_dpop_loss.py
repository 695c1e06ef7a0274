"""The DPO-Positive loss on hand-made log-probs, against the formula written out independently."""

from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch")

from effilab.training.dpop import dpop_loss  # noqa: E402


def dpo_by_hand(c, r, rc, rr, beta):
    z = beta * ((c - rc) - (r - rr))
    return math.log1p(math.exp(-z))  # -log sigmoid(z)


def t(*values):
    return torch.tensor(values, dtype=torch.float64)


def test_equals_dpo_when_chosen_is_at_or_above_the_reference():
    chosen, rejected, ref_chosen, ref_rejected = t(-10.0, -4.0, -7.5), t(-20.0, -9.0, -3.0), t(-12.0, -4.0, -9.0), \
        t(-18.0, -8.0, -2.0)
    got = dpop_loss(chosen, rejected, ref_chosen, ref_rejected, beta=0.1, lam=50.0)
    for i in range(3):
        expected = dpo_by_hand(chosen[i].item(), rejected[i].item(), ref_chosen[i].item(), ref_rejected[i].item(), 0.1)
        assert got[i].item() == pytest.approx(expected, rel=1e-12)


def test_larger_than_dpo_when_chosen_falls_below_the_reference():
    chosen, rejected, ref_chosen, ref_rejected = t(-15.0), t(-30.0), t(-12.0), t(-18.0)
    beta, lam = 0.1, 5.0
    dpo = dpo_by_hand(-15.0, -30.0, -12.0, -18.0, beta)
    got = dpop_loss(chosen, rejected, ref_chosen, ref_rejected, beta=beta, lam=lam).item()
    assert got > dpo
    # the penalty is inside the sigmoid: -log sigmoid(beta * (margin - lam * (ref_c - c)))
    z = beta * ((-15.0 + 12.0) - (-30.0 + 18.0) - lam * 3.0)
    assert got == pytest.approx(math.log1p(math.exp(-z)), rel=1e-12)
    # and it grows with lambda
    assert dpop_loss(chosen, rejected, ref_chosen, ref_rejected, beta=beta, lam=10.0).item() > got


def test_lambda_zero_is_dpo_and_penalty_gradient_pushes_chosen_up():
    chosen = torch.tensor([-15.0], requires_grad=True)
    rejected, ref_chosen, ref_rejected = t(-30.0).float(), t(-12.0).float(), t(-18.0).float()
    plain = dpop_loss(chosen, rejected, ref_chosen, ref_rejected, beta=0.1, lam=0.0)
    assert plain.item() == pytest.approx(dpo_by_hand(-15.0, -30.0, -12.0, -18.0, 0.1), rel=1e-6)
    plain.sum().backward()
    grad_dpo = chosen.grad.item()
    chosen.grad = None
    dpop_loss(chosen, rejected, ref_chosen, ref_rejected, beta=0.1, lam=50.0).sum().backward()
    assert chosen.grad.item() < grad_dpo < 0  # descending the loss raises log pi(y_w|x), harder with the penalty
