"""DPO-Positive (DPOP, the Smaug paper, arXiv 2402.13228): DPO with a penalty that keeps the chosen answer's
likelihood from falling below the reference model's.

Plain DPO only widens the margin between chosen and rejected; when the two differ in a few tokens (fast and slow
versions of one program do) it can lower the likelihood of *both*, and the model gets worse at writing the chosen
code. DPOP subtracts, inside the sigmoid,

    loss = -log sigmoid(beta * ((log pi(y_w|x) - log pi_ref(y_w|x)) - (log pi(y_l|x) - log pi_ref(y_l|x))
                                - lambda * max(0, log pi_ref(y_w|x) - log pi(y_w|x))))

so it equals DPO while the policy gives the chosen answer at least the reference's log-probability and grows as
the policy drops below it. TRL 1.16's `DPOConfig.loss_type` has no such loss, and its loss is computed inline in
`DPOTrainer._compute_loss`, so `DPOPTrainer` overrides that method: the same policy forward through TRL's fused
LM head and TRL's own `compute_ref_log_probs` for the reference (a separate model, the PEFT base with adapters
off, or precomputed), then `dpop_loss`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from trl import DPOConfig, DPOTrainer


def dpop_loss(chosen_logps: torch.Tensor, rejected_logps: torch.Tensor, ref_chosen_logps: torch.Tensor,
              ref_rejected_logps: torch.Tensor, beta: float, lam: float) -> torch.Tensor:
    """Per-pair DPOP loss from summed completion log-probs (policy and reference); `lam=0` is plain DPO."""
    chosen_logratios = chosen_logps - ref_chosen_logps
    rejected_logratios = rejected_logps - ref_rejected_logps
    # relu, not clamp: its gradient at 0 is 0, so at the first step (policy == reference) DPOP is exactly DPO
    penalty = torch.relu(ref_chosen_logps - chosen_logps)
    return -F.logsigmoid(beta * (chosen_logratios - rejected_logratios - lam * penalty))


@dataclass
class DPOPConfig(DPOConfig):
    """`DPOConfig` plus the DPOP penalty weight. Only the plain sigmoid loss is extended (no `ld_alpha`, no
    f-divergence variants, no mixed `loss_type` lists)."""

    dpop_lambda: float = field(
        default=50.0,
        metadata={"help": "Weight lambda of the DPOP penalty max(0, log pi_ref(y_w|x) - log pi(y_w|x)) inside the "
                          "sigmoid; the Smaug paper uses 50 (5 to 500 tried). 0 gives plain DPO."},
    )


class DPOPTrainer(DPOTrainer):
    """`DPOTrainer` with the DPOP loss; everything else (data, reference model, PEFT, logging) is TRL's."""

    _NON_MODEL_KEYS = {"completion_mask", "ref_chosen_logps", "ref_rejected_logps"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cfg = self.args
        if list(cfg.loss_type) != ["sigmoid"] or cfg.ld_alpha is not None or cfg.f_divergence_type != "reverse_kl":
            raise ValueError("DPOP extends the plain sigmoid DPO loss only: use loss_type ['sigmoid'], no ld_alpha, "
                             "f_divergence_type 'reverse_kl'")
        self.dpop_lambda = getattr(cfg, "dpop_lambda", 50.0)

    def _compute_loss(self, model, inputs, return_outputs):
        mode = "train" if self.model.training else "eval"
        model_kwargs = {k: v for k, v in inputs.items() if k not in self._NON_MODEL_KEYS}
        model_kwargs["use_cache"] = False
        completion_mask = inputs["completion_mask"]
        seq_len = completion_mask.size(1) - 1
        labels = inputs["input_ids"].masked_fill(completion_mask == 0, -100)
        outputs = model(**model_kwargs, labels=labels, fused_lm_head=True)
        logps = outputs.log_probs[:, -seq_len:].sum(dim=1)
        chosen_logps, rejected_logps = logps.chunk(2, dim=0)  # TRL batches [chosen..., rejected...]
        if self.precompute_ref_logps:
            ref_chosen_logps, ref_rejected_logps = inputs["ref_chosen_logps"], inputs["ref_rejected_logps"]
        else:
            ref_chosen_logps, ref_rejected_logps = self.compute_ref_log_probs(self.ref_model or self.model, inputs)

        losses = dpop_loss(chosen_logps, rejected_logps, ref_chosen_logps, ref_rejected_logps,
                           self.beta, self.dpop_lambda)
        loss = losses.mean()

        chosen_rewards = self.beta * (chosen_logps - ref_chosen_logps).detach()
        rejected_rewards = self.beta * (rejected_logps - ref_rejected_logps).detach()
        penalty = torch.relu(ref_chosen_logps - chosen_logps).detach()
        gather = self.accelerator.gather
        metrics = self._metrics[mode]
        metrics["rewards/chosen"].append(gather(chosen_rewards).mean().item())
        metrics["rewards/rejected"].append(gather(rejected_rewards).mean().item())
        metrics["rewards/accuracies"].append(gather((chosen_rewards > rejected_rewards).float()).mean().item())
        metrics["rewards/margins"].append(gather(chosen_rewards - rejected_rewards).mean().item())
        metrics["logps/chosen"].append(gather(chosen_logps.detach()).mean().item())
        metrics["logps/rejected"].append(gather(rejected_logps.detach()).mean().item())
        metrics["dpop/penalty"].append(gather(penalty).mean().item())
        if return_outputs:
            with torch.no_grad():
                outputs = model(**{k: v for k, v in model_kwargs.items()})
            return loss, outputs
        return loss
