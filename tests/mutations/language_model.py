"""Display bugs planted on the Language model page (caught by tests/test_display_language_model.py)."""

from tests.mutation import Mutation

PAGE = "pages/language_model.py"
FIG = "ui/figures_language_model.py"
TESTS = ("tests/test_display_language_model.py",)

MUTATIONS = [
    Mutation("the 'next token' box shows the token just read", PAGE,
             "        nxt = shown[i]\n",
             '        nxt = shown[i - 1] if i else "<bos>"\n', TESTS),
    Mutation("the running product is summed from the end", FIG,
             "    running = np.cumsum(logs)\n",
             "    running = np.cumsum(logs[::-1])[::-1]\n", TESTS),
    Mutation("the PyTorch badge is always green", PAGE,
             'torch_badge("nn.CrossEntropyLoss", score.torch_diff)',
             'torch_badge("nn.CrossEntropyLoss", 0.0)', TESTS),
    Mutation("the candidate bars show the previous step's distribution", PAGE,
             "figs.next_token_bars(score.top(i, BARS), nxt,",
             "figs.next_token_bars(score.top(max(i - 1, 0), BARS), nxt,", TESTS),
    Mutation("perplexity divides by T instead of T + 1", PAGE,
             'c3.metric(t("lm.along.ppl"), f"{score.perplexity:.2f}")',
             'c3.metric(t("lm.along.ppl"), f"{math.exp(-score.log_prob / len(score.tokens)):.2f}")', TESTS),
    Mutation("the strip outlines the previous step", FIG,
             "        colors[step] = HIGHLIGHT\n",
             "        colors[step - 1] = HIGHLIGHT\n", TESTS),
    Mutation("the drawn token's two probabilities are swapped", PAGE,
             "p=chosen_p[i], q=float(trace.model_probs[i, trace.ids[i]])",
             "q=chosen_p[i], p=float(trace.model_probs[i, trace.ids[i]])", TESTS),
    Mutation("nats per character divide by the model's steps", PAGE,
             "                     -s.log_prob / n_chars))",
             "                     -s.log_prob / s.steps))", TESTS),
    Mutation("log10 P is shown as the natural log", PAGE,
             "    log10 = score.log_prob / math.log(10)\n",
             "    log10 = score.log_prob\n", TESTS),
    Mutation("the sample bars show the model's distribution twice", FIG,
             "fig.add_trace(go.Bar(x=ticks, y=drawn_from[shown], name=names[1], marker_color=colors,",
             "fig.add_trace(go.Bar(x=ticks, y=model_probs[shown], name=names[1], marker_color=colors,",
             TESTS),
    Mutation("the word strip marks the token after each <unk>", FIG,
             "colors = [UNK_COLOR if i < len(unknown) and unknown[i] else BAR for i in range(T)]",
             "colors = [UNK_COLOR if 0 < i <= len(unknown) and unknown[i - 1] else BAR for i in range(T)]",
             TESTS),
    Mutation("the real next token's bar is not the one in orange", FIG,
             "    colors = [HIGHLIGHT if tok == actual else BAR for tok, _ in rows]\n",
             "    colors = [HIGHLIGHT if k == 0 else BAR for k, _ in enumerate(rows)]\n", TESTS),
    Mutation("the candidate bars' title names the 0-based step", PAGE,
             't("lm.along.bars", t=step), t("lm.along.prob")',
             't("lm.along.bars", t=i), t("lm.along.prob")', TESTS),
]
