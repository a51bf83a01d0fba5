"""Display bugs planted on the RNN forward page."""

from tests.mutation import Mutation

FIG = "ui/figures_rnn_forward.py"
PAGE = "pages/rnn_forward.py"
STR = "ui/strings/rnn_forward.py"
TESTS = ("tests/test_display_rnn_forward.py", "tests/test_page_rnn_forward.py")

MUTATIONS = [
    Mutation("every LaTeX matrix written transposed", FIG,
             "    rows = [\" & \".join(tex_number(float(v)) for v in row) for row in m]",
             "    rows = [\" & \".join(tex_number(float(v)) for v in row) for row in m.T]", TESTS),
    Mutation("the equation's h_{t-1} is the state from two steps back", FIG,
             r'rf"\underbrace{{{tex_matrix(layer.h_prev[t])}}}_{{{prev_sym}}}"',
             r'rf"\underbrace{{{tex_matrix(layer.h_prev[max(t - 1, 0)])}}}_{{{prev_sym}}}"', TESTS),
    Mutation("the equation's bias is b_ih − b_hh", FIG,
             "    b = layer.b_xh + layer.b_hh\n    a_sym = h_sym",
             "    b = layer.b_xh - layer.b_hh\n    a_sym = h_sym", TESTS),
    Mutation("the hidden-state heatmap fills each column with the previous state", FIG,
             "h = trace.layers[k][d].h[t]", "h = trace.layers[k][d].h_prev[t]", TESTS),
    Mutation("the orange bar of ŷ_t is the current token, not the next", PAGE,
             "next_id = int(fp.ids[time + 1]) if time + 1 < fp.T else None",
             "next_id = int(fp.ids[time]) if time + 1 < fp.T else None", TESTS),
    Mutation("ŷ_t shows the previous step's probabilities", PAGE,
             "probs = fp.probs[time]", "probs = fp.probs[max(time - 1, 0)]", TESTS),
    Mutation("the inputs heatmap puts the tokens' columns in reverse order", FIG,
             "z=x.T, x=np.arange(1, T + 1)", "z=x.T[:, ::-1], x=np.arange(1, T + 1)", TESTS),
    Mutation("the nn.RNN badge is always green", PAGE,
             'torch_badge("nn.RNN", fp.rnn_diff)', 'torch_badge("nn.RNN", 0.0)', TESTS),
    Mutation("the sequential-steps metric shows T whatever the depth", PAGE,
             'c[1].metric(t("rnn.cost.seq"), cost.sequential_steps)',
             'c[1].metric(t("rnn.cost.seq"), cost.T)', TESTS),
    Mutation("the sensitivity heatmap swaps output t and input s", FIG,
             "z=lg, x=np.arange(1, T + 1)", "z=lg.T, x=np.arange(1, T + 1)", TESTS),
    Mutation("the unrolled diagram outlines the cell before the current one", FIG,
             "now = [(k, d, t) == (k_now, d_now, t_now) for t in range(T)]",
             "now = [(k, d, t + 1) == (k_now, d_now, t_now) for t in range(T)]", TESTS),
    Mutation("a backward cell's previous state is labelled h_{t-1} instead of h_{t+1}", FIG,
             "    prev = step - 1 if layer.direction == 0 else step + 1\n    arrow",
             "    prev = step - 1\n    arrow", TESTS),
    Mutation("the schedule grid counts turns from 0", FIG,
             "z = waves.reshape(L * D, T) + 1", "z = waves.reshape(L * D, T)", TESTS),
    Mutation("the step line says the step number where it should say the time t", STR,
             '"en": "**Step {step} of {n}**: layer {layer}, {dir}, time t = {t} of {T}"',
             '"en": "**Step {step} of {n}**: layer {layer}, {dir}, time t = {step} of {T}"', TESTS),
    Mutation("the saturation note states the share of entries away from ±1", PAGE,
             'share=f"{fp.saturated_fraction:.0%}"', 'share=f"{1 - fp.saturated_fraction:.0%}"', TESTS),
]
