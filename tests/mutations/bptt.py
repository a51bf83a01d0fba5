"""Display bugs planted on the BPTT & gradients page (caught by tests/test_display_bptt.py)."""

from tests.mutation import Mutation

PAGE = "pages/bptt.py"
FIG = "ui/figures_bptt.py"
CORE = "core/bptt.py"
TESTS = ("tests/test_display_bptt.py",)

MUTATIONS = [
    Mutation("the ∂L/∂W_hh share panel shows the wrong step", FIG,
             "share = contributions[t_now - 1]  # (H, H)",
             "share = contributions[t_now - 2]  # (H, H)", TESTS),
    Mutation("the running sum is summed from 1 up to t instead of from T down to t", FIG,
             "running = contributions[t_now - 1:].sum(axis=0)  # (H, H)",
             "running = contributions[:t_now].sum(axis=0)  # (H, H)", TESTS),
    Mutation("the target token is shown as the input token", PAGE,
             "→    y_{t_now} = {ex.tokens[t_now]}",
             "→    y_{t_now} = {ex.tokens[t_now - 1]}", TESTS),
    Mutation("the step's target id and its probability use the input id", PAGE,
             "        target = int(tr.targets[t_now - 1])\n",
             "        target = int(ex.ids[t_now - 1])\n", TESTS),
    Mutation("the backward pass's PyTorch badge is always green", PAGE,
             'torch_badge("torch.autograd", ex.autograd_diff)',
             'torch_badge("torch.autograd", 0.0)', TESTS),
    Mutation("the truncated pass's PyTorch badge is always green", PAGE,
             '    torch_badge("torch.autograd", diff)\n',
             '    torch_badge("torch.autograd", 0.0)\n', TESTS),
    Mutation("the recurrent road is written with the wrong sign", PAGE,
             r'rf"&= {vec(tr.dh_rec[i])} + {vec(tr.dh_out[i])} \\"',
             r'rf"&= {vec(-tr.dh_rec[i])} + {vec(tr.dh_out[i])} \\"', TESTS),
    Mutation("the W_hh heatmaps are transposed", FIG,
             'type="heatmap", z=z.tolist(), x=idx, y=idx,',
             'type="heatmap", z=z.T.tolist(), x=idx, y=idx,', TESTS),
    Mutation("tanh's derivative of this step instead of the next", PAGE,
             "{vec(1 - tr.h[i + 1] ** 2)}",
             "{vec(1 - tr.h[i] ** 2)}", TESTS),
    Mutation("the flow diagram greys out the steps already done", FIG,
             "        return t_now is None or t >= t_now\n",
             "        return t_now is None or t <= t_now\n", TESTS),
    Mutation("the loss bars' labels show the input twice", FIG,
             'ticks = [f"{t}: {label(tokens[t - 1])} → {label(tokens[t])}" for t in ts]',
             'ticks = [f"{t}: {label(tokens[t - 1])} → {label(tokens[t - 1])}" for t in ts]', TESTS),
    Mutation("the lab's sentence reads the gradient at distance 1, not T", PAGE,
             "                  rnn=sci(lab.rnn.norms[0])))",
             "                  rnn=sci(lab.rnn.norms[-1])))", TESTS),
    Mutation("the truncation cosine divides by ‖g‖² instead of ‖g‖·‖g_k‖", CORE,
             'cos.append(float(g @ gk / (norm * norm_k)) if norm > 0 and norm_k > 0 else float("nan"))',
             'cos.append(float(g @ gk / (norm * norm)) if norm > 0 and norm_k > 0 else float("nan"))', TESTS),
    Mutation("the truncation curve compares W_hh only", CORE,
             'RECURRENT_NAMES = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")',
             'RECURRENT_NAMES = ("weight_hh_l0",)', TESTS),
    Mutation("the share panel's title names the step before", PAGE,
             'titles = (t("bptt.bwd.share", t=t_now),',
             'titles = (t("bptt.bwd.share", t=t_now + 1),', TESTS),
]
