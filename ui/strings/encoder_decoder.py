"""Strings of the "Encoder–decoder" page (concepts C27–C30)."""

# English strings that quote Korean on purpose: the task's Korean answers and the word 만.
HANGUL_OK: set[str] = {"ed.intro", "ed.src.korean_words", "ed.src.beyond", "ed.fail.body"}

STRINGS: dict[str, dict[str, str]] = {
    "page.encoder_decoder.title": {"ko": "인코더–디코더", "en": "Encoder–decoder"},
    "page.encoder_decoder.summary": {
        "ko": "작은 트랜스포머가 `<bos>`부터 한 토큰씩 번역합니다. 인과 마스크, 교차 어텐션, RNN seq2seq와의 비교.",
        "en": "A small Transformer translates one token at a time from `<bos>`. Causal mask, cross-attention, and an RNN seq2seq beside it.",
    },
    "ed.intro": {
        "ko": "번역기는 한 문장을 읽고(인코더) 다른 문장을 한 토큰씩 써 내려갑니다(디코더). 이 페이지는 그 구조를 "
        "장난감 번역 과제로 줄여 보여 줍니다: 숫자를 읽고 그 수를 한국어나 영어 단어로 씁니다 "
        "(307 → 삼백칠, three hundred seven). SeqLab이 직접 만든 0부터 9,999까지의 쌍으로 학습한 작은 트랜스포머와 "
        "GRU 인코더–디코더가 함께 들어 있고, 화면의 모든 숫자는 이 두 모델을 실제로 계산한 값입니다.",
        "en": "A translator reads one sentence (the encoder) and writes another one token at a time (the decoder). "
        "This page shrinks that to a toy translation task: read a number in digits and write it out in Korean or "
        "English words (307 → 삼백칠, three hundred seven). A small Transformer and a GRU encoder–decoder, trained "
        "by SeqLab on pairs it generated for 0 to 9,999, ship with the app; every number on screen is computed by "
        "these two models.",
    },
    # --- source and knobs ------------------------------------------------------------------------
    "ed.source": {"ko": "원문: 숫자", "en": "Source: a number in digits"},
    "ed.source.help": {
        "ko": "숫자 0–9만 읽습니다. 띄어쓰기와 자릿수 구분 기호(1,024)는 무시하고, 전각 숫자(３０７)도 읽습니다.",
        "en": "Only the digits 0–9 are read. Spaces and thousands separators (1,024) are ignored; full-width digits (３０７) work too.",
    },
    "ed.source.caps": {
        "ko": "최대 {digits}자리까지 읽고, 출력은 {out}토큰에서 끊습니다. 모델은 0부터 {max}까지의 수로만 배웠습니다.",
        "en": "Reads at most {digits} digits and stops the output at {out} tokens. The model learned from 0 to {max} only.",
    },
    "ed.lang": {"ko": "번역할 언어", "en": "Target language"},
    "ed.lang.auto": {"ko": "화면 언어를 따름", "en": "Same as the page"},
    "ed.lang.ko": {"ko": "한국어", "en": "Korean"},
    "ed.lang.en": {"ko": "영어", "en": "English"},
    "ed.lang.help": {
        "ko": "원문 맨 앞의 언어 태그(`<ko>` 또는 `<en>`)가 바뀝니다. 모델 하나가 이 태그를 읽고 어느 언어로 쓸지 정합니다.",
        "en": "This changes the language tag at the start of the source (`<ko>` or `<en>`). One model reads the tag and writes that language.",
    },
    "ed.layer": {"ko": "그림으로 볼 디코더 층", "en": "Decoder layer to draw"},
    "ed.layer.help": {
        "ko": "디코더 층마다 마스크된 셀프 어텐션과 교차 어텐션이 하나씩 있습니다. 1층의 출력이 2층의 입력입니다.",
        "en": "Every decoder layer has its own masked self-attention and cross-attention; layer 1's output is layer 2's input.",
    },
    # --- what happened to the source ---------------------------------------------------------
    "ed.src.empty": {"ko": "번역할 숫자를 입력해 보세요. 예: 307", "en": "Type a number to translate, for example 307."},
    "ed.src.not_digits": {
        "ko": "이 모델은 숫자 0–9만 읽습니다. 아래 문자를 지우고 숫자만 남겨 주세요.",
        "en": "This model reads only the digits 0–9. Remove the characters below and keep just the digits.",
    },
    "ed.src.korean_words": {
        "ko": "이 모델은 숫자를 단어로 바꾸는 한 방향만 배웠습니다. 삼백칠 대신 307처럼 숫자로 써 주세요.",
        "en": "This model only learned one direction, digits to words. Type 307 rather than 삼백칠.",
    },
    "ed.src.refused": {"ko": "읽지 못한 문자:", "en": "Characters it cannot read:"},
    "ed.src.cut": {
        "ko": "숫자가 너무 깁니다: 앞의 {cap}자리만 쓰고 나머지 {n}자리는 버렸습니다.",
        "en": "Too many digits: the first {cap} are used, {n} more are left out.",
    },
    "ed.src.separators": {
        "ko": "띄어쓰기와 구분 기호 {n}개는 무시했습니다.",
        "en": "Ignored {n} space(s) or separator(s).",
    },
    "ed.src.leading_zeros": {
        "ko": "맨 앞자리가 0입니다. 학습 데이터에는 007 같은 표기가 없으므로 모델이 틀릴 수 있습니다. 어떻게 틀리는지 보세요.",
        "en": "The number starts with 0. The training data never writes numbers like 007, so the model may go wrong; watch how.",
    },
    "ed.src.beyond": {
        "ko": "{max}보다 큰 수입니다. 모델은 다섯 자리 이상의 수를 본 적이 없고, 어휘에 '만'이나 'million' 같은 단어도 없습니다. "
        "아래에서 어디서부터 틀리는지 보세요.",
        "en": "This is larger than {max}. The model never saw five or more digits, and its vocabulary has no word such as "
        "만 or million. See below where it goes wrong.",
    },
    # --- answers -----------------------------------------------------------------------------
    "ed.answer.title": {"ko": "번역 결과", "en": "The translations"},
    "ed.answer.transformer": {"ko": "트랜스포머 (그리디 디코딩)", "en": "Transformer (greedy decoding)"},
    "ed.answer.rnn": {"ko": "GRU 인코더–디코더", "en": "GRU encoder–decoder"},
    "ed.answer.reference": {"ko": "정답", "en": "Right answer"},
    "ed.answer.right": {"ko": "정답과 같습니다.", "en": "Matches the right answer."},
    "ed.answer.wrong": {"ko": "정답과 다릅니다.", "en": "Differs from the right answer."},
    "ed.answer.no_eos": {
        "ko": "{n}토큰 안에 `<eos>`를 쓰지 못해 멈췄습니다.",
        "en": "Stopped after {n} tokens without writing `<eos>`.",
    },
    "ed.answer.unknown_words": {
        "ko": "정답에 모델의 어휘에 없는 단어가 {n}개 있어, 모델은 이 답을 쓸 수 없습니다:",
        "en": "The right answer needs {n} word(s) missing from the model's vocabulary, so the model cannot write it:",
    },
    # --- encoder -----------------------------------------------------------------------------
    "ed.enc.title": {"ko": "인코더: 원문 전체를 한 번에", "en": "Encoder: the whole source at once"},
    "ed.enc.body": {
        "ko": "원문 토큰 {S}개(언어 태그 포함)는 임베딩에 위치 인코딩을 더한 뒤 인코더 층을 한 번씩 통과합니다. "
        "{S}개 위치가 동시에 서로를 보므로 앞 위치의 계산을 기다릴 필요가 없습니다. 그 결과인 **메모리**의 각 행이 "
        "디코더 교차 어텐션의 키(K)와 값(V)이 됩니다.",
        "en": "The {S} source tokens (the language tag included) are embedded, get positional encodings added, and "
        "pass through each encoder layer once. All {S} positions look at each other at the same time, so none waits "
        "for an earlier one. Each row of the result, the **memory**, becomes a key (K) and a value (V) for the "
        "decoder's cross-attention.",
    },
    "ed.enc.figure": {
        "ko": "메모리 (S = {S}, d = {d}): 원문 토큰마다 한 행",
        "en": "Memory (S = {S}, d = {d}): one row per source token",
    },
    # --- decoding ----------------------------------------------------------------------------
    "ed.dec.title": {"ko": "디코더: `<bos>`부터 한 토큰씩", "en": "Decoder: one token at a time, from `<bos>`"},
    "ed.dec.body": {
        "ko": "디코더는 지금까지 쓴 토큰을 읽고 다음 토큰 하나의 확률분포를 냅니다. 가장 확률이 높은 토큰을 골라 "
        "(그리디 디코딩) 입력 끝에 붙이고 디코더를 다시 돌립니다. `<eos>`를 쓰면 멈춥니다. 단계마다 세 가지를 봅니다: "
        "(1) **마스크된 셀프 어텐션**: 디코더 위치끼리, 미래는 가린 채; (2) **교차 어텐션**: 디코더의 쿼리가 인코더 "
        "메모리의 키와 값을 봄; (3) **다음 토큰 분포**. 재생을 누르면 디코딩이 한 단계씩 진행됩니다.",
        "en": "The decoder reads the tokens written so far and gives a probability distribution over the next one. "
        "The most probable token is taken (greedy decoding), appended to its input, and the decoder runs again, "
        "until it writes `<eos>`. Each step shows three things: (1) **masked self-attention** among the decoder's "
        "positions, with the future hidden; (2) **cross-attention**, where the decoder's queries look at the keys "
        "and values of the encoder memory; (3) the **next-token distribution**. Play runs the decoding step by step.",
    },
    "ed.step.first": {
        "ko": "**1단계: 첫 쿼리는 어디서 오나요?** 아직 쓴 토큰이 없으므로 디코더의 입력은 시작 토큰 `<bos>` 하나뿐입니다. "
        "`<bos>`의 임베딩에 위치 1의 인코딩을 더한 벡터가 첫 쿼리를 만들고, 이 쿼리가 교차 어텐션으로 원문을 읽어 첫 "
        "단어를 고릅니다. 학습 때도 모든 정답 앞에 `<bos>`를 붙였기 때문에, 모델은 이 자리에서 첫 단어를 내도록 배웠습니다.",
        "en": "**Step 1: where does the first query come from?** Nothing has been written yet, so the decoder's only "
        "input is the start token `<bos>`. Its embedding plus the encoding of position 1 makes the first query, which "
        "reads the source through cross-attention and picks the first word. Training put `<bos>` in front of every "
        "answer too, so the model learned to produce the first word at this position.",
    },
    "ed.step.k": {
        "ko": "**{k}단계:** 디코더는 `<bos>`와 지금까지 쓴 토큰 {prev}개, 모두 {k}개를 읽습니다. 쿼리도 {k}개이지만 "
        "다음 토큰은 마지막 위치(주황 테두리)의 출력에서 나옵니다. 앞 위치들은 인과 마스크 덕분에 이전 단계와 똑같은 값을 "
        "계산합니다.",
        "en": "**Step {k}:** the decoder reads `<bos>` and the {prev} token(s) written so far, {k} in all. There are "
        "{k} queries, but the next token comes from the last position's output (outlined in orange). Thanks to the "
        "causal mask, the earlier positions compute exactly what they computed in earlier steps.",
    },
    "ed.strip.title": {
        "ko": "{k}단계: 위 줄은 디코더가 읽는 토큰, 아래 줄은 쓰는 토큰",
        "en": "Step {k}: the decoder reads the top row and writes the bottom row",
    },
    "ed.strip.reads": {"ko": "읽기 (입력)", "en": "reads (input)"},
    "ed.strip.writes": {"ko": "쓰기 (출력)", "en": "writes (output)"},
    "ed.head": {"ko": "헤드 {i}", "en": "head {i}"},
    "ed.self.figure": {
        "ko": "마스크된 셀프 어텐션, {layer}층 ({k}×{k}): 행 = 쿼리, 열 = 키",
        "en": "Masked self-attention, layer {layer} ({k}×{k}): rows are queries, columns keys",
    },
    "ed.self.caption": {
        "ko": "회색 칸은 인과 마스크가 막은 자리입니다. 점수에 −∞를 더하므로 softmax 뒤 가중치가 정확히 0입니다. "
        "위치 j는 1 … j만 볼 수 있어, {k}개 쿼리 누구도 뒤에 올 토큰을 엿보지 못합니다.",
        "en": "Grey cells are blocked by the causal mask: −∞ is added to their scores, so after softmax their weights "
        "are exactly 0. Position j sees positions 1 … j only: no query, of the {k} here, can peek at a later token.",
    },
    "ed.cross.figure": {
        "ko": "교차 어텐션, {layer}층 ({k}×{S}): 디코더 쿼리 {k}개 → 원문 키 {S}개",
        "en": "Cross-attention, layer {layer} ({k}×{S}): {k} decoder queries → {S} source keys",
    },
    "ed.cross.caption": {
        "ko": "쿼리는 디코더에서 {k}개, 키와 값은 인코더 메모리에서 {S}개가 옵니다. 두 수가 달라도 됩니다 (Tq ≠ Tk). "
        "가중치는 {k}×{S} 행렬이고 각 행의 합은 1입니다. 여기에는 마스크가 없습니다: 원문은 처음부터 전부 주어져 있으니까요.",
        "en": "Queries: {k}, from the decoder. Keys and values: {S}, from the encoder memory. The two counts may "
        "differ (Tq ≠ Tk); the weights form a {k}×{S} matrix whose rows each sum to 1. There is no mask here: the "
        "whole source is known from the start.",
    },
    "ed.next.figure": {"ko": "{k}번째 토큰의 확률 (상위 8개)", "en": "Probabilities of token {k} (top 8)"},
    "ed.next.chosen": {
        "ko": "확률이 가장 높은 토큰(p = {p:.3f})을 {k}번째 출력으로 씁니다:",
        "en": "The most probable token (p = {p:.3f}) is written as output {k}:",
    },
    "ed.next.done": {"ko": "`<eos>`를 썼으므로 디코딩이 끝났습니다.", "en": "It wrote `<eos>`, so decoding ends here."},
    "ed.next.cap": {
        "ko": "{n}토큰 상한에 닿아 멈췄습니다 (`<eos>` 없음).",
        "en": "Stopped at the cap of {n} tokens (no `<eos>`).",
    },
    # --- teacher forcing ---------------------------------------------------------------------
    "ed.tf.title": {"ko": "학습: 한 칸 민 정답 (교사 강요)", "en": "Training: shifted targets (teacher forcing)"},
    "ed.tf.body": {
        "ko": "학습할 때는 정답을 이미 압니다. 그래서 디코더 입력에 모델 자신의 출력 대신 정답을 한 칸 오른쪽으로 민 "
        "`<bos>` y₁ … yₙ을 넣고, 목표는 y₁ … yₙ `<eos>`로 둡니다 (교사 강요, teacher forcing). 인과 마스크 때문에 "
        "위치 j는 자기 목표 y_j를 볼 수 없으므로 모든 위치를 한 번의 병렬 계산으로 학습할 수 있습니다. 아래는 이 예제의 "
        "정답으로 한 그 계산입니다. 막대는 위치마다 정답 토큰에 준 확률입니다 (초록: 모델의 1순위도 정답, 빨강: 다른 "
        "토큰이 1순위).",
        "en": "In training the answer is known. So instead of its own outputs the decoder reads the answer shifted one "
        "place to the right, `<bos>` y₁ … yₙ, and the targets are y₁ … yₙ `<eos>` (teacher forcing). The causal mask "
        "keeps position j from seeing its own target y_j, so every position is trained in one parallel pass. Below "
        "is that pass on this example's right answer. The bars are the probability given to the right token at each "
        "position (green: it is also the model's top choice; red: another token ranks first).",
    },
    "ed.tf.figure": {
        "ko": "이 예제의 교사 강요: 위치 {n}개를 한 번에",
        "en": "Teacher forcing on this example: {n} positions in one pass",
    },
    "ed.tf.row.input": {"ko": "디코더 입력", "en": "decoder input"},
    "ed.tf.row.target": {"ko": "목표", "en": "target"},
    "ed.tf.row.p": {"ko": "p(목표)", "en": "p(target)"},
    "ed.tf.position": {"ko": "위치", "en": "position"},
    "ed.tf.passes": {
        "ko": "학습: 디코더를 **1번** 돌려 위치 {n}개의 손실을 모두 얻습니다. 생성(위의 그리디 디코딩): 디코더를 "
        "**{steps}번** 돌리고, 한 번에 한 토큰씩 씁니다. 위 식은 이 예제 하나의 손실이고, 학습은 수많은 예제에 걸친 "
        "평균을 줄입니다.",
        "en": "Training: **one** decoder run gives the loss at all {n} positions. Generation (the greedy decoding "
        "above): **{steps}** decoder runs, one token each. The formula above is this one example's loss; training "
        "lowers its average over many examples.",
    },
    "ed.tf.unknown": {
        "ko": "정답에 어휘에 없는 단어가 있어 목표에 `<unk>`가 들어갑니다. 모델은 `<unk>`를 쓰도록 배운 적이 없으므로 "
        "그 위치의 확률이 0에 가깝고 손실이 큽니다.",
        "en": "The right answer has words outside the vocabulary, so the targets contain `<unk>`. The model never "
        "learned to write `<unk>`: the probability at that position is near 0 and the loss is large.",
    },
    # --- the RNN beside it -------------------------------------------------------------------
    "ed.rnn.title": {"ko": "나란히 보기: RNN 인코더–디코더", "en": "Beside it: an RNN encoder–decoder"},
    "ed.rnn.body": {
        "ko": "같은 과제를 GRU 두 개로 풉니다. 인코더 GRU가 원문 토큰을 하나씩 차례로 읽으며 은닉 상태를 고칩니다 "
        "($h_t$를 계산하려면 $h_{t-1}$이 있어야 합니다). 마지막 상태 하나가 원문 전체의 요약이 되어 디코더 GRU의 첫 "
        "상태가 됩니다. 디코더는 `<bos>`부터 자기 직전 출력을 읽으며 한 토큰씩 씁니다. 어텐션이 없으므로 디코더는 원문을 "
        "이 벡터 하나로만 봅니다.",
        "en": "The same task, solved with two GRUs. The encoder GRU reads the source one token after another and "
        "updates its hidden state ($h_t$ needs $h_{t-1}$). Its last state, one vector that sums up the whole "
        "source, becomes the decoder GRU's first state. The decoder starts from `<bos>` and reads its own previous "
        "output at each step. There is no attention: the decoder sees the source only through that one vector.",
    },
    "ed.rnn.enc": {"ko": "인코더 상태 h_t: {S}단계를 차례로", "en": "Encoder states h_t: {S} steps in a row"},
    "ed.rnn.dec": {"ko": "디코더 상태: {n}단계", "en": "Decoder states: {n} steps"},
    # --- cost counter ------------------------------------------------------------------------
    "ed.cost.title": {"ko": "비용 세기: 순차 단계와 곱셈–덧셈", "en": "Counting the cost: sequential steps and multiply-adds"},
    "ed.cost.body": {
        "ko": "RNN 인코더는 T단계를 순서대로 밟아야 합니다. 단계마다 d×d 크기의 행렬 곱이라 일은 모두 O(T·d²)이지만, "
        "앞 단계가 끝나야 다음 단계를 시작할 수 있습니다. 트랜스포머 인코더는 층마다 한 번, 모든 위치를 동시에 "
        "계산합니다. 그 대신 어텐션이 모든 쌍(T×T)을 비교하므로 O(T²·d)가 듭니다. 디코더는 두 모델 모두 한 토큰씩 씁니다.",
        "en": "The RNN encoder must take T steps in order. Each is a d×d matrix product, O(T·d²) work in all, but a "
        "step cannot start before the previous one ends. The Transformer encoder computes all positions at once, one "
        "pass per layer; in exchange its attention compares every pair (T×T), which costs O(T²·d). Both decoders "
        "write one token at a time.",
    },
    "ed.cost.measure": {"ko": "항목", "en": "Measure"},
    "ed.cost.rnn": {"ko": "GRU 인코더", "en": "GRU encoder"},
    "ed.cost.transformer": {"ko": "트랜스포머 인코더", "en": "Transformer encoder"},
    "ed.cost.enc_steps": {"ko": "인코더의 순차 단계", "en": "Encoder steps in sequence"},
    "ed.cost.enc_macs": {
        "ko": "인코더 곱셈–덧셈 (트랜스포머: 어텐션 + 선형층)",
        "en": "Encoder multiply-adds (Transformer: attention + linear)",
    },
    "ed.cost.dec_steps": {"ko": "디코더 실행 횟수 (출력 토큰 수)", "en": "Decoder runs (output tokens)"},
    "ed.cost.caption": {
        "ko": "이 원문에서 T = {T} (태그 포함). 트랜스포머: d = {d}, 인코더 층 {L}개. 층마다 한 번씩이므로 순차 단계는 T와 "
        "상관없이 {L}입니다. GRU: 은닉 크기 {H}, 순차 단계는 T. 곱셈–덧셈은 가중치 행렬 곱과 어텐션의 두 행렬 곱(QKᵀ, "
        "가중치·V)만 셉니다.",
        "en": "For this source T = {T} (the tag included). Transformer: d = {d}, {L} encoder layers, one pass each, "
        "so {L} steps in sequence whatever T is. GRU: hidden size {H}, T steps in sequence. Multiply-adds count the "
        "weight-matrix products and attention's two products (QKᵀ and weights·V) only.",
    },
    "ed.cost.d": {"ko": "그래프의 폭 d", "en": "Width d for the chart"},
    "ed.cost.d.help": {
        "ko": "두 모델의 폭이 같다고 두고 (GRU 은닉 크기 = d, 피드포워드 4d) 층 하나의 일을 비교합니다.",
        "en": "Compares one layer of each at the same width (GRU hidden size d, feed-forward 4d).",
    },
    "ed.cost.line.rnn": {"ko": "GRU 층: 6·T·d² (T단계 순차)", "en": "GRU layer: 6·T·d² (T steps in sequence)"},
    "ed.cost.line.attention": {
        "ko": "셀프 어텐션의 QKᵀ와 가중치·V: 2·T²·d (병렬)",
        "en": "Self-attention QKᵀ and weights·V: 2·T²·d (parallel)",
    },
    "ed.cost.line.layer": {"ko": "인코더 층 전체: 2·T²·d + 12·T·d²", "en": "Whole encoder layer: 2·T²·d + 12·T·d²"},
    "ed.cost.figure": {
        "ko": "T가 커질 때 층 하나의 곱셈–덧셈 (d = {d}, 로그–로그 눈금)",
        "en": "Multiply-adds of one layer as T grows (d = {d}, log–log)",
    },
    "ed.cost.now": {"ko": "내 원문 T = {T}", "en": "your source, T = {T}"},
    "ed.cost.meet": {"ko": "T = {T}에서 만남", "en": "they meet at T = {T}"},
    "ed.cost.axis": {"ko": "곱셈–덧셈", "en": "multiply-adds"},
    "ed.cost.crossover": {
        "ko": "기울기를 보세요. RNN 선은 T에 비례하고(기울기 1) 어텐션 선은 T²에 비례합니다(기울기 2). 폭 d = {d}에서는 "
        "T = {T}일 때 둘이 같아지고, 그보다 긴 글에서는 어텐션이 곱셈을 더 많이 합니다. 그래도 트랜스포머 인코더가 빠를 수 "
        "있는 까닭은 T개 위치를 동시에 계산하기 때문입니다. T²은 메모리도 차지하므로 SeqLab은 T에 상한을 둡니다.",
        "en": "Look at the slopes: the RNN's line grows like T (slope 1), attention's like T² (slope 2). At width "
        "d = {d} they meet at T = {T}; for longer text attention does more multiplications. The Transformer encoder "
        "can still be faster, because it computes all T positions at once. T² costs memory as well, which is why "
        "SeqLab caps T.",
    },
    # --- where it fails ----------------------------------------------------------------------
    "ed.fail.title": {"ko": "모델이 틀리는 곳", "en": "Where the model fails"},
    "ed.fail.body": {
        "ko": "두 모델은 장난감 과제로만 학습했습니다. 0부터 {max}까지 가운데 학습에서 빼 둔 수를 정확히 번역한 비율은 "
        "트랜스포머 {t_exact:.2f}%, GRU {r_exact:.2f}%입니다. 하지만 배운 범위 밖은 모릅니다.\n\n"
        "- **다섯 자리 이상** (예: 12345): 다섯 자리 수를 본 적이 없고, 어휘에 '만'과 'million'이 없습니다. 영어는 필요한 "
        "단어가 어휘에 다 있는데도 (twelve thousand …) 다섯 자리 수 200개 가운데 정확히 맞힌 비율이 트랜스포머 "
        "{t_five:.0f}%, GRU {r_five:.0f}%입니다.\n"
        "- **앞자리 0** (007): 학습 데이터에 없는 표기입니다.\n"
        "- **숫자가 아닌 입력**: 모델이 읽을 수 없으니 페이지가 먼저 막습니다.\n\n"
        "큰 번역 모델도 마찬가지입니다. 학습 분포를 벗어난 입력에는 그럴듯하지만 틀린 답을 자신 있게 냅니다.",
        "en": "Both models learned this toy task and nothing else. On the numbers from 0 to {max} held out from "
        "training, the Transformer translates {t_exact:.2f}% exactly right and the GRU {r_exact:.2f}%. Outside what "
        "they learned they know nothing:\n\n"
        "- **Five or more digits** (say 12345): they never saw five digits, and the vocabulary has neither 만 nor "
        "million. In English every word needed is in the vocabulary (twelve thousand …), yet of 200 five-digit "
        "numbers the Transformer gets {t_five:.0f}% exactly right and the GRU {r_five:.0f}%.\n"
        "- **Leading zeros** (007): the training data never writes numbers that way.\n"
        "- **Anything but digits**: the model cannot read it, so the page refuses it first.\n\n"
        "Large translation models behave the same way: off their training distribution they give plausible, "
        "confident, wrong answers.",
    },
}
