"""Display bugs planted on the "Sequence data" page."""

from tests.mutation import Mutation

PAGE = "pages/sequence_data.py"
FIG = "ui/figures_sequence_data.py"
STR = "ui/strings/sequence_data.py"
TESTS = ("tests/test_display_sequence_data.py", "tests/test_page_sequence_data.py")

MUTATIONS = [
    Mutation("the factor lines and bars of your order show the previous step", PAGE,
             "mine, theirs = study.original.steps[step - 1], study.shuffled.steps[step - 1]",
             "mine, theirs = study.original.steps[max(step - 2, 0)], study.shuffled.steps[step - 1]", TESTS),
    Mutation("the running product plots each factor, not the product so far", FIG,
             "cum = scored.cumulative_log10  # (T+1,)", "cum = np.log10(scored.p)  # (T+1,)", TESTS),
    Mutation("the running product's solid line stops one step short", FIG,
             "x=t[:step], y=cum[:step]", "x=t[:step], y=np.concatenate([[0.0], cum[:step - 1]])", TESTS),
    Mutation("the AR equation writes the weights in reverse lag order", PAGE,
             'terms = [f"{w[i - 1]:+.3f}', 'terms = [f"{w[-i]:+.3f}', TESTS),
    Mutation("the factor strip's rows are swapped under their labels", FIG,
             "    for scored in (original, shuffled):\n        z.append",
             "    for scored in (shuffled, original):\n        z.append", TESTS),
    Mutation("the hidden-state heatmap is drawn transposed (time down, units across)", FIG,
             "go.Heatmap(z=h.T, x=np.arange(T)", "go.Heatmap(z=h, x=np.arange(T)", TESTS),
    Mutation("the bars highlight the model's favourite, not the token that came", FIG,
             "colors = [HIGHLIGHT if tok == step.token or",
             "colors = [HIGHLIGHT if tok == step.top_tokens[0] or", TESTS),
    Mutation("the ratio metric is shuffled ÷ yours", PAGE,
             'x=sci(yours - shuffled)', 'x=sci(shuffled - yours)', TESTS),
    Mutation("the nn.Conv1d badge is always green", PAGE,
             'torch_badge("nn.Conv1d", study.conv_max_diff)', 'torch_badge("nn.Conv1d", 0.0)', TESTS),
    Mutation("the impulse response is drawn one step late", FIG,
             "ar, rnn = resp.ar[lo:hi], resp.rnn[lo:hi]",
             "ar, rnn = resp.ar[lo - 1:hi - 1], resp.rnn[lo - 1:hi - 1]", TESTS),
    Mutation("the k-step prediction line is shifted by one step", FIG,
             "go.Scatter(x=t, y=kstep[start:]", "go.Scatter(x=t, y=kstep[start - 1:T - 1]", TESTS),
    Mutation("the AR equation's bias has the wrong sign", PAGE,
             r'return rf"\hat x_t = {study.ar.b:.3f} "', r'return rf"\hat x_t = {-study.ar.b:.3f} "', TESTS),
    Mutation("the step frame sits on the previous factor", FIG,
             "shapes=[_frame(step - 0.5, step + 0.5, y) for y in (0, 1)]",
             "shapes=[_frame(step - 1.5, step - 0.5, y) for y in (0, 1)]", TESTS),
    Mutation("the histogram marks your order and the shuffle at ln P instead of log10 P", FIG,
             "x=[value / ln10] * 2", "x=[value] * 2", TESTS),
    Mutation("the RMSE summary reports the k-step error as the 1-step one", PAGE,
             "one=study.ar_rmse_by_k[0], kk=study.ar_rmse_by_k[k - 1]",
             "one=study.ar_rmse_by_k[k - 1], kk=study.ar_rmse_by_k[0]", TESTS),
    Mutation("the response summary swaps the change at t0 + far and at the end", STR,
             '"still moves by {far_value:.1e} at t0 + {far}, and by {end_value:.1e} at the end of the '
             'series "',
             '"still moves by {end_value:.1e} at t0 + {far}, and by {far_value:.1e} at the end of the '
             'series "', TESTS),
]
