"""Display bugs planted on the LSTM gates page (caught by tests/test_display_lstm_gates.py)."""

from tests.mutation import Mutation

PAGE = "pages/lstm_gates.py"
FIG = "ui/figures_lstm_gates.py"
TESTS = ("tests/test_display_lstm_gates.py",)

MUTATIONS = [
    Mutation("the diagram shows the previous step's input gate", PAGE,
             "i=float(layer.i[s, j]), g=float(layer.g[s, j])",
             "i=float(layer.i[max(s - 1, 0), j]), g=float(layer.g[s, j])", TESTS),
    Mutation("the diagram shows the previous step's forget gate", PAGE,
             "h_prev=float(layer.h_prev[s, j]), f=float(layer.f[s, j]),",
             "h_prev=float(layer.h_prev[s, j]), f=float(layer.f[max(s - 1, 0), j]),", TESTS),
    Mutation("gate heatmaps drawn time × units (transposed)", FIG,
             "z=arrays[key].T, x=np.arange(1, T + 1), y=units,",
             "z=arrays[key], x=np.arange(1, T + 1), y=units,", TESTS),
    Mutation("the cell equation plugs in C_t for C_{t-1}", PAGE,
             "    c_prev = layer.c_prev[s, j]\n",
             "    c_prev = layer.c[s, j]\n", TESTS),
    Mutation("the belt's erased part starts at 0, not where the kept part ends", FIG,
             '(names["erased"], kept, c_prev - kept, ERASED, -0.42, "/"),',
             '(names["erased"], np.zeros(H), c_prev - kept, ERASED, -0.42, "/"),', TESTS),
    Mutation("the PyTorch badge is always green", PAGE,
             'torch_badge("PeepholeLSTM" if knobs.peephole else "nn.LSTM", study.max_diff)',
             'torch_badge("PeepholeLSTM" if knobs.peephole else "nn.LSTM", 0.0)', TESTS),
    Mutation("the input gate's terms are labelled W_if, W_hf, b_f", PAGE,
             'gate("i", "i_t", "i", "sigma", r"w_{ci}\\odot C_{t-1}")',
             'gate("i", "i_t", "f", "sigma", r"w_{ci}\\odot C_{t-1}")', TESTS),
    Mutation("the unit table's o column shows the input gate", PAGE,
             '"o": layer.o[s], "h(t)": layer.h[s],',
             '"o": layer.i[s], "h(t)": layer.h[s],', TESTS),
    Mutation("Δh and ΔC are original − intervened (wrong sign)", FIG,
             "dh, dc = (h_alt - h).T, (c_alt - c).T",
             "dh, dc = (h - h_alt).T, (c - c_alt).T", TESTS),
    Mutation("the token row lights the previous token", FIG,
             "    state[0, step - 1] = 1.0\n",
             "    state[0, step - 2] = 1.0\n", TESTS),
    Mutation("the output peephole wire shows the input gate's peephole", PAGE,
             'peep_o=float(terms["o"].peephole[j]),',
             'peep_o=float(terms["i"].peephole[j]),', TESTS),
    Mutation("the API code writes X with Y's shape", PAGE,
             'f"X = torch.randn{shapes.X}',
             'f"X = torch.randn{shapes.Y}', TESTS),
    Mutation("the intervened P(positive) metric shows the original run", PAGE,
             'c3.metric(t("lstm.iv.p"), f"{study.p_positive_intervened:.3f}",',
             'c3.metric(t("lstm.iv.p"), f"{study.p_positive:.3f}",', TESTS),
    Mutation("the table's title names the previous step", PAGE,
             "st.markdown(f\"**{t('lstm.table.title', t=step)}**\")",
             "st.markdown(f\"**{t('lstm.table.title', t=step - 1)}**\")", TESTS),
]
