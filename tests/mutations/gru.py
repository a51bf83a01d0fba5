"""Display bugs planted on the GRU page (caught by tests/test_display_gru.py)."""

from tests.mutation import Mutation

PAGE = "pages/gru.py"
FIG = "ui/figures_gru.py"
TESTS = ("tests/test_display_gru.py",)

MUTATIONS = [
    Mutation("the diagram's wires carry the previous step", PAGE,
             "figures_gru.cell_diagram(wire_values(lab, s, j), names,",
             "figures_gru.cell_diagram(wire_values(lab, max(s - 1, 0), j), names,", TESTS),
    Mutation("the diagram's h_{t-1} wire shows h_t", PAGE,
             '"h_prev": float(tr.h_prev[s, j]), "r": float(tr.r[s, j]),',
             '"h_prev": float(tr.h[s, j]), "r": float(tr.r[s, j]),', TESTS),
    Mutation("the keep/write split uses the other convention (z writes, 1 − z keeps)", FIG,
             "kept, written = z * h_prev, (1 - z) * n  # (H,) each",
             "kept, written = (1 - z) * h_prev, z * n  # (H,) each", TESTS),
    Mutation("gate heatmaps drawn time × units (transposed)", FIG,
             "z=values.T, x=steps, y=np.arange(1, H + 1), xgap=1, ygap=1, yaxis=axis,",
             "z=values, x=steps, y=np.arange(1, H + 1), xgap=1, ygap=1, yaxis=axis,", TESTS),
    Mutation("a negative summand is written with a plus sign", PAGE,
             'return f"- {-rounded(v):.3f}" if rounded(v) < 0 else f"+ {rounded(v):.3f}"',
             'return f"+ {-rounded(v):.3f}" if rounded(v) < 0 else f"+ {rounded(v):.3f}"', TESTS),
    Mutation("the token read now is the next token", PAGE,
             "            token = row.tokens[s]\n",
             "            token = row.tokens[min(s + 1, T - 1)]\n", TESTS),
    Mutation("the PyTorch badge is always green", PAGE,
             'torch_badge("torch.nn.GRU", lab.gru_diff)',
             'torch_badge("torch.nn.GRU", 0.0)', TESTS),
    Mutation("the carried share is taken from the start up to t, not from t to T", PAGE,
             "share = carry_share(tr.z, since=s)[-1]",
             "share = carry_share(tr.z, since=0)[s]", TESTS),
    Mutation("the lockstep row 'LSTM c_t' shows the LSTM's h_t", PAGE,
             '("LSTM cₜ", lab.lstm.c[s]),',
             '("LSTM cₜ", lab.lstm.h[s]),', TESTS),
    Mutation("the parameter formula counts one bias vector", PAGE,
             'first = f"{row.gates}·({d}·({q}+{d}) + 2·{d})"',
             'first = f"{row.gates}·({d}·({q}+{d}) + {d})"', TESTS),
    Mutation("the mean-z metric shows the mean of 1 − z", PAGE,
             'c1.metric(t("gru.update.mean_z"), f"{np.mean(tr.z):.3f}")',
             'c1.metric(t("gru.update.mean_z"), f"{np.mean(1 - tr.z):.3f}")', TESTS),
    Mutation("the textbook reset line shows PyTorch's reset", PAGE,
             'rf" = {num(m.reset_textbook[s, j])}"',
             'rf" = {num(m.reset_pytorch[s, j])}"', TESTS),
    Mutation("the diagram's title names the unit with a 0-based index", PAGE,
             't("gru.diagram.title", t=step, j=j + 1)',
             't("gru.diagram.title", t=step, j=j)', TESTS),
]
