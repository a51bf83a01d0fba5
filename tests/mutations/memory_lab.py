"""Display bugs planted on the Long-range memory lab page."""

from tests.mutation import Mutation

PAGE = "pages/memory_lab.py"
FIG = "ui/figures_memory_lab.py"
TESTS = ("tests/test_display_memory_lab.py",)

MUTATIONS = [
    Mutation("the forget-bias note quotes the wrong sweep entry (d = 40)", PAGE,
             '    b1 = next((r for r in records if variant_of(r) == "lstm_b1" and r["d"] == 20), None)',
             '    b1 = next((r for r in records if variant_of(r) == "lstm_b1" and r["d"] == 40), None)', TESTS),
    Mutation("gradient chart: before and after training swapped", FIG,
             '        for which, label, dash, width in (("grad_before", before, "dot", 2),\n'
             '                                          ("grad_after", after, _dash(v), 3)):',
             '        for which, label, dash, width in (("grad_after", before, "dot", 2),\n'
             '                                          ("grad_before", after, _dash(v), 3)):', TESTS),
    Mutation("the key's marker drawn at d instead of d + 1", FIG,
             "    fig.add_vline(x=d + 1, line=",
             "    fig.add_vline(x=d, line=", TESTS),
    Mutation("gradient chart's distance axis reversed", FIG,
             '                x=np.arange(len(y)), y=y, name=f"{names.get(v, v)} · {label}", mode="lines",',
             '                x=np.arange(len(y))[::-1], y=y, name=f"{names.get(v, v)} · {label}", mode="lines",',
             TESTS),
    Mutation("accuracy chart: accuracies in reverse order of d", FIG,
             "            x=[d for d, _, _ in rows], y=[a for _, a, _ in rows], name=names.get(v, v),",
             "            x=[d for d, _, _ in rows], y=[a for _, a, _ in rows][::-1], name=names.get(v, v),", TESTS),
    Mutation("the LSTM and the bias-1 LSTM swap their labels", PAGE,
             '    return {"rnn": t("mem.variant.rnn"), "lstm": t("mem.variant.lstm"),\n'
             '            "gru": t("mem.variant.gru"), "lstm_b1": t("mem.variant.lstm_b1")}',
             '    return {"rnn": t("mem.variant.rnn"), "lstm": t("mem.variant.lstm_b1"),\n'
             '            "gru": t("mem.variant.gru"), "lstm_b1": t("mem.variant.lstm")}', TESTS),
    Mutation("the answer lists 'both learn' distances as 'both fail'", PAGE,
             '        ("mem.answer.bf", v.both_fail), ("mem.answer.lr", v.lstm_fails_rnn_learns)) if ds]',
             '        ("mem.answer.bf", v.both_learn), ("mem.answer.lr", v.lstm_fails_rnn_learns)) if ds]', TESTS),
    Mutation("the table's key gradient is the query step's", PAGE,
             '        t("mem.col.key_grad"): [float(r["grad_after"][-1]) for r in records],',
             '        t("mem.col.key_grad"): [float(r["grad_after"][0]) for r in records],', TESTS),
    Mutation("gradient during training plots the accuracy", FIG,
             '        grad = [float(h[2]) if float(h[2]) > 0 else None for h in run["history"]]',
             '        grad = [float(h[1]) if float(h[1]) > 0 else None for h in run["history"]]', TESTS),
    Mutation("the samples' answers are shifted by one key", PAGE,
             "    return [(as_text(x[i]), keys[int(y[i])]) for i in range(n)]",
             "    return [(as_text(x[i]), keys[(int(y[i]) + 1) % 4]) for i in range(n)]", TESTS),
    Mutation("the chance line drawn at 50 %", PAGE,
             '        y_title=t("mem.fig.acc.y"), chance=chance(), chance_label=t("mem.fig.chance")),',
             '        y_title=t("mem.fig.acc.y"), chance=0.5, chance_label=t("mem.fig.chance")),', TESTS),
    Mutation("a live run's caption shows the accuracy before training", PAGE,
             '            st.caption(t("mem.live.result", acc=record["accuracy"], steps=record["steps"],',
             '            st.caption(t("mem.live.result", acc=record["history"][0][1], steps=record["steps"],',
             TESTS),
]
