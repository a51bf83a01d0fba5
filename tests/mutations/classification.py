"""Display bugs planted on the Classification page (and the core helpers that only it uses)."""

from tests.mutation import Mutation

PAGE = "pages/classification.py"
FIG = "ui/figures_classification.py"
CORE = "core/classify.py"
TESTS = ("tests/test_display_classification.py",)

MUTATIONS = [
    Mutation("hidden-state heatmap transposed (time on y, units on x)", FIG,
             "        z=h.T, x=np.arange(1, T + 1), y=np.arange(1, H + 1), colorscale=DIVERGING,",
             "        z=h, x=np.arange(1, H + 1), y=np.arange(1, T + 1), colorscale=DIVERGING,", TESTS),
    Mutation("the character shown is the previous step's", PAGE,
             "        token = run.tokens[step - 1]",
             "        token = run.tokens[step - 2]", TESTS),
    Mutation("'goes from' reads p one step back instead of p_before (wrong at t = 1)", PAGE,
             "        p_before, p_now = float(before[step - 1]), float(run.p[step - 1])",
             "        p_before, p_now = float(run.p[step - 2]), float(run.p[step - 1])", TESTS),
    Mutation("the LaTeX logit is the previous step's", PAGE,
             r'rf" = \sigma({run.logits[step - 1]:.3f}) = {p_now:.3f}")',
             r'rf" = \sigma({run.logits[step - 2]:.3f}) = {p_now:.3f}")', TESTS),
    Mutation("unit votes: now and t − 1 swapped", FIG,
             "    now, before = w * h, w * h_prev  # (H,), (H,)",
             "    now, before = w * h_prev, w * h  # (H,), (H,)", TESTS),
    Mutation("the nn.LSTM badge is always green", PAGE,
             '    torch_badge("nn.LSTM", run.torch_diff)',
             '    torch_badge("nn.LSTM", 0.0)', TESTS),
    Mutation("the pair table shows text A's LSTM score for text B", PAGE,
             '[f"{report.first.p[-1]:.4f}", f"{report.second.p[-1]:.4f}"]',
             '[f"{report.first.p[-1]:.4f}", f"{report.first.p[-1]:.4f}"]', TESTS),
    Mutation("confusion matrix transposed (rows predicted)", FIG,
             "        z=matrix, x=labels, y=labels,",
             "        z=matrix.T, x=labels, y=labels,", TESTS),
    Mutation("P before reading anything uses −b (wrong sign)", CORE,
             "        p0=float(torch.sigmoid(model.head.bias.detach()[0])),",
             "        p0=float(torch.sigmoid(-model.head.bias.detach()[0])),", TESTS),
    Mutation("biggest word turn compares with the character after the previous word end", CORE,
             "        earlier = np.concatenate([[self.p0], self.p[at_ends[:-1]]])",
             "        earlier = np.concatenate([[self.p0], self.p[np.minimum(at_ends[:-1] + 1, len(self.p) - 1)]])",
             TESTS),
    Mutation("biggest word turn only counts upward moves", CORE,
             "        k = int(np.argmax(np.abs(self.p[at_ends] - earlier)))",
             "        k = int(np.argmax(self.p[at_ends] - earlier))", TESTS),
    Mutation("accuracy-by-kind bars: LSTM and bag of characters swapped", PAGE,
             '        labels, [("LSTM", [m[f"kind_{k}"] for k in kinds]),\n'
             '                 (t("cls.bow.short"), [m[f"bow_kind_{k}"] for k in kinds])],',
             '        labels, [("LSTM", [m[f"bow_kind_{k}"] for k in kinds]),\n'
             '                 (t("cls.bow.short"), [m[f"kind_{k}"] for k in kinds])],', TESTS),
    Mutation("the running chart rings the previous step's point", FIG,
             "        go.Scatter(x=[step], y=[p[step - 1]], mode=\"markers\", hoverinfo=\"skip\",",
             "        go.Scatter(x=[step], y=[p[step - 2]], mode=\"markers\", hoverinfo=\"skip\",", TESTS),
    Mutation("time-axis ticks numbered from 0", FIG,
             '    return [f"{label(tok)}<br><sub>{t}</sub>" for t, tok in enumerate(tokens, 1)]',
             '    return [f"{label(tok)}<br><sub>{t}</sub>" for t, tok in enumerate(tokens)]', TESTS),
    Mutation("parameter shapes written transposed", PAGE,
             '        t("cls.params.shape"): [" × ".join(map(str, s)) for _, s, _ in params],',
             '        t("cls.params.shape"): [" × ".join(map(str, s[::-1])) for _, s, _ in params],', TESTS),
]
