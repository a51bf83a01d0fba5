"""Display bugs planted on the Encoder–decoder page."""

from tests.mutation import Mutation

PAGE = "pages/encoder_decoder.py"
FIG = "ui/figures_encoder_decoder.py"
TESTS = ("tests/test_display_encoder_decoder.py",)

MUTATIONS = [
    Mutation("attention heatmaps drawn transposed", FIG,
             "        w = weights[c - 1]",
             "        w = weights[c - 1].T", TESTS),
    Mutation("cross-attention labels swapped (source tokens on the query axis)", PAGE,
             "            trace.cross_attention.weights, prefix, lab.source_tokens,",
             "            trace.cross_attention.weights, lab.source_tokens, prefix,", TESTS),
    Mutation("the causal mask greys out the past instead of the future", PAGE,
             'blocked=causal_mask(k).numpy(), current=k - 1),',
             'blocked=causal_mask(k).numpy().T, current=k - 1),', TESTS),
    Mutation("the token written is shown one step late", PAGE,
             "            st.code(TARGET_VOCAB.itos[step.token], language=None)",
             "            st.code(TARGET_VOCAB.itos[tr.steps[max(k - 2, 0)].token], language=None)", TESTS),
    Mutation("the layer knob is ignored: always layer 1's attention", PAGE,
             "        trace = step.layers[layer - 1]",
             "        trace = step.layers[0]", TESTS),
    Mutation("next-token bars not sorted with their labels", FIG,
             '        x=probs[order], y=np.arange(len(order)), orientation="h",',
             '        x=probs[:len(order)], y=np.arange(len(order)), orientation="h",', TESTS),
    Mutation("the decoder badge is always green", PAGE,
             "                max(tr.max_diff, lab.teacher.max_diff))",
             "                0.0)", TESTS),
    Mutation("teacher forcing marks a guess right when it equals the input", PAGE,
             "    right = tf.guesses == tf.targets",
             "    right = tf.guesses == tf.dec_in", TESTS),
    Mutation("the loss shows the last position's loss, not the mean", PAGE,
             'rf"y_{{<j}}, x) = {tf.loss:.4f}")',
             'rf"y_{{<j}}, x) = {tf.losses[-1]:.4f}")', TESTS),
    Mutation("the strip's reads/writes rows swapped", FIG,
             '    text = [[label(tok) if j < k else "" for j, tok in enumerate(row)] for row in (inputs, outputs)]',
             '    text = [[label(tok) if j < k else "" for j, tok in enumerate(row)] for row in (outputs, inputs)]',
             TESTS),
    Mutation("the strip highlights the next position", FIG,
             "2.0 if j == k - 1 else 0.0 for j in range(n)]] * 2)",
             "2.0 if j == k else 0.0 for j in range(n)]] * 2)", TESTS),
    Mutation("memory rows drawn in reverse under the source labels", FIG,
             "        z=memory, x=np.arange(1, d + 1), y=np.arange(S), colorscale=DIVERGING, zmid=0,",
             "        z=memory[::-1], x=np.arange(1, d + 1), y=np.arange(S), colorscale=DIVERGING, zmid=0,", TESTS),
    Mutation("GRU decoder states labelled with the outputs instead of the inputs", PAGE,
             "        lab.source_tokens, r.encoder.h, TARGET_VOCAB.decode(r.decoder_in), r.decoder_h,",
             "        lab.source_tokens, r.encoder.h, TARGET_VOCAB.decode(r.output), r.decoder_h,", TESTS),
    Mutation("the crossover point at T = 2d", PAGE,
             "    meet = 3 * d  # 6·T·d² = 2·T²·d",
             "    meet = 2 * d  # 6·T·d² = 2·T²·d", TESTS),
]
