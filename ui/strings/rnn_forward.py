"""Strings of the "RNN forward pass" page (concepts C3, C4, C6–C8)."""

STRINGS: dict[str, dict[str, str]] = {
    "page.rnn_forward.title": {"ko": "RNN 순전파", "en": "RNN forward pass"},
    "page.rnn_forward.summary": {
        "ko": "내 문장이 RNN 셀을 한 단계씩 지나갑니다. 같은 가중치가 매 단계 다시 쓰입니다. 여러 층, 양방향, 쓰임새.",
        "en": "Your sentence goes through an RNN cell one step at a time, with the same weights at every step. Stacked, bidirectional, and the shapes of use.",
    },
    "rnn.intro": {
        "ko": "RNN은 문장을 한 번에 읽지 않습니다. 토큰을 하나씩 받으면서, 지금까지 읽은 내용을 은닉 상태 h_t라는 "
        "작은 벡터에 요약해 들고 갑니다. 매 단계 하는 일은 똑같습니다. 새 입력 x_t와 직전 상태 h_(t-1)을 섞어 "
        "새 상태 h_t를 만듭니다. 아래에서 내 문장으로 그 계산을 한 단계씩 따라가 봅시다. 가중치는 시드로 정한 "
        "무작위 값이고 아직 학습 전입니다. 학습은 뒤의 '언어 모델'과 'BPTT' 페이지에서 다룹니다.",
        "en": "An RNN does not read a sentence all at once. It takes one token at a time and carries "
        "a small vector, the hidden state h_t, that sums up everything read so far. Every step does "
        "the same thing: mix the new input x_t with the previous state h_(t-1) into a new state h_t. "
        "Follow that computation on your own sentence below. The weights are random values fixed by "
        "the seed, not trained yet; training comes on the Language model and BPTT pages.",
    },
    # --- settings ----------------------------------------------------------------------------
    "rnn.settings": {"ko": "설정", "en": "Settings"},
    "rnn.level": {"ko": "토큰 단위", "en": "Token unit"},
    "rnn.level.word": {"ko": "단어", "en": "Word"},
    "rnn.level.char": {"ko": "문자", "en": "Character"},
    "rnn.bos_eos": {"ko": "`<bos>`·`<eos>` 붙이기", "en": "Add `<bos>` and `<eos>`"},
    "rnn.dim": {"ko": "입력 크기 d (임베딩)", "en": "Input size d (embedding)"},
    "rnn.dim.help": {
        "ko": "x_t는 토큰의 임베딩 벡터이고 길이가 d입니다. W_xh의 모양은 (H, d)입니다.",
        "en": "x_t is the token's embedding vector, of length d, so W_xh has shape (H, d).",
    },
    "rnn.hidden": {"ko": "은닉 크기 H", "en": "Hidden size H"},
    "rnn.hidden.help": {
        "ko": "h_t의 길이입니다. 최대 {cap}까지 고를 수 있습니다. {small} 이하면 식에 행렬 전체를 숫자로 쓰고, "
        "그보다 크면 히트맵으로 보여 줍니다.",
        "en": "The length of h_t, at most {cap}. Up to {small}, the equation writes out whole "
        "matrices; above that it draws them as heatmaps.",
    },
    "rnn.act": {"ko": "활성화 함수 ψ", "en": "Activation ψ"},
    "rnn.act.help": {
        "ko": "tanh는 출력을 -1과 1 사이에 가둡니다. relu는 음수를 0으로 만들 뿐 위로는 제한이 없어서, "
        "가중치가 크면 값이 단계마다 몇 배씩 불어납니다.",
        "en": "tanh squeezes every value into (-1, 1). relu only zeroes negatives and has no upper "
        "limit, so with large weights the state grows several-fold at every step.",
    },
    "rnn.scale": {"ko": "가중치 배율", "en": "Weight scale"},
    "rnn.scale.help": {
        "ko": "W_xh와 W_hh에 곱하는 배율입니다(편향은 그대로). 1이 PyTorch의 기본 초기화입니다. relu에서 "
        "아주 큰 배율을 고르면 값이 부동소수점 범위를 넘어 inf와 NaN이 되는 것을 볼 수 있습니다.",
        "en": "Multiplies W_xh and W_hh (not the biases); 1 is PyTorch's default initialisation. "
        "Pick a huge scale with relu to watch the numbers leave the floating-point range and "
        "turn into inf and NaN.",
    },
    "rnn.layers": {"ko": "층 수 L", "en": "Layers L"},
    "rnn.bidir": {"ko": "양방향", "en": "Bidirectional"},
    "rnn.bidir.help": {
        "ko": "문장을 뒤에서 앞으로 읽는 두 번째 RNN을 더합니다. 그 RNN의 가중치는 따로 있습니다.",
        "en": "Adds a second RNN, with weights of its own, that reads the sentence from the end "
        "back to the start.",
    },
    "rnn.seed": {"ko": "시드", "en": "Seed"},
    "rnn.seed.help": {
        "ko": "임베딩, RNN 가중치, 출력층 V와 c의 초기값을 정하는 난수 시드입니다.",
        "en": "The random seed of the embedding, the RNN weights and the output layer V, c.",
    },
    "rnn.caps": {
        "ko": "은닉 크기 H는 최대 {cap}, 입력 크기 d는 최대 {dim}입니다. H가 {small} 이하면 식에 행렬 전체를 숫자로 씁니다.",
        "en": "Hidden size H is capped at {cap} and input size d at {dim}. Up to H = {small} the "
        "equation writes out whole matrices.",
    },
    "rnn.sentence": {"ko": "계산할 문장", "en": "Sentence to run"},
    # --- health messages -----------------------------------------------------------------------
    "rnn.blowup": {
        "ko": "**값이 폭발했습니다.** 층 {layer}의 t = {t}(계산 순서로 {step}번째 단계)에서 은닉 상태가 float64의 "
        "범위(약 1.8×10^308)를 넘어 inf가 되었습니다. 지금 은닉 상태에 inf가 {inf}개, NaN이 {nan}개 있습니다. "
        "NaN은 inf − inf처럼 답이 정해지지 않는 계산에서 나옵니다. relu는 값을 위에서 막지 않기 때문에, 단계마다 "
        "W_hh가 상태를 몇 배로 키우면 결국 이렇게 됩니다. 가중치 배율을 낮추거나 tanh로 바꿔 보세요. 페이지의 "
        "나머지는 그대로 동작하고, PyTorch도 같은 자리에서 inf와 NaN을 냅니다.",
        "en": "**The numbers exploded.** At layer {layer}, t = {t} (step {step} in running order) the "
        "hidden state left float64's range (about 1.8×10^308) and became inf. The hidden states now "
        "hold {inf} inf and {nan} NaN entries; NaN comes from sums with no answer, such as "
        "inf − inf. relu puts no ceiling on the state, so when W_hh multiplies it several-fold "
        "every step this is where it ends. Lower the weight scale or switch to tanh. The rest of "
        "the page keeps working, and PyTorch gives inf and NaN in the same places.",
    },
    "rnn.growing": {
        "ko": "**relu 상태가 기하급수적으로 커지고 있습니다.** 가장 큰 |h|가 {big}입니다. 단계마다 거의 같은 비율로 "
        "곱해지므로, 문장이 더 길거나 배율이 더 크면 곧 inf가 됩니다.",
        "en": "**The relu state is growing geometrically**: the largest |h| is {big}. Each step "
        "multiplies it by about the same factor, so a longer sentence or a larger scale soon "
        "reaches inf.",
    },
    "rnn.float32": {
        "ko": "여기서는 float64로 계산해서 아직 유한하지만, PyTorch의 기본 자료형이자 GPU 학습에 쓰는 float32(최대 약 "
        "3.4×10^38)로 같은 계산을 하면 층 {layer}의 t = {t}에서 이미 inf가 됩니다.",
        "en": "These float64 numbers are still finite, but the same pass in float32 (PyTorch's default "
        "dtype and what GPUs train in, maximum about 3.4×10^38) already overflows to inf at layer "
        "{layer}, t = {t}.",
    },
    "rnn.saturated": {
        "ko": "은닉 상태의 {share}가 ±1 근처(|h| > 0.99)에 붙어 있습니다. tanh가 포화된 것입니다. 그 자리에서는 기울기 "
        "1 − h²가 거의 0이라 입력이 조금 바뀌어도 상태가 거의 변하지 않습니다. 아래 4절의 그림에서 확인해 보세요.",
        "en": "{share} of the hidden-state entries sit next to ±1 (|h| > 0.99): tanh is saturated. "
        "There its slope 1 − h² is almost 0, so changing an input barely moves the state; see "
        "the picture in section 4.",
    },
    # --- 1. inputs -------------------------------------------------------------------------------
    "rnn.inputs.title": {"ko": "1. 토큰에서 입력 벡터 x_t로", "en": "1. From tokens to input vectors x_t"},
    "rnn.inputs.body": {
        "ko": "문장은 토큰 T = {T}개이고, 각 토큰은 어휘 사전(|V| = {V})의 id를 거쳐 임베딩 행렬의 한 행, 즉 길이 d = {d}인 "
        "벡터 x_t가 됩니다('텍스트 → 텐서' 페이지). RNN은 이 벡터들을 t = 1부터 차례로 받습니다.",
        "en": "The sentence has T = {T} tokens. Each one goes through its vocabulary id (|V| = {V}) to "
        "a row of the embedding matrix: a vector x_t of length d = {d} (see the Text → tensors "
        "page). The RNN takes these vectors in order, from t = 1.",
    },
    "rnn.inputs.figure": {
        "ko": "입력 x_t: 열 하나가 토큰 하나 (d = {d}, T = {T})",
        "en": "Inputs x_t: one column per token (d = {d}, T = {T})",
    },
    # --- 2. the step ---------------------------------------------------------------------------------
    "rnn.step.title": {"ko": "2. 셀 하나를 T번 적용하기", "en": "2. One cell, applied T times"},
    "rnn.step.body": {
        "ko": "RNN은 셀 하나를 시간 축을 따라 펼친 것입니다. 아래 그림의 네모는 모두 **같은 셀**이고, 같은 색 네모는 같은 "
        "W_xh, W_hh, b를 씁니다. 가중치는 시간에 따라 바뀌지 않습니다. 단계를 넘기면 주황색 테두리가 지금 계산하는 셀을, "
        "주황색 선이 그 셀이 읽는 값(아래의 x_t와 옆의 직전 상태)을 가리킵니다. 그 아래 식에는 이번 단계의 숫자가 "
        "그대로 들어가 있고, 은닉 상태 히트맵은 한 열씩 채워지며, 오른쪽 막대는 출력 ŷ_t = softmax(V h_t + c)가 어휘 "
        "사전 전체에 나눠 주는 확률입니다.",
        "en": "An RNN is one cell unrolled along time. Every box in the picture below is **the same "
        "cell**, and boxes of one colour use the same W_xh, W_hh and b: the weights do not change "
        "with t. As you step, the orange frame marks the cell being computed and the orange lines "
        "what it reads (x_t below it, the previous state beside it). The equation under it holds "
        "this step's actual numbers, the hidden-state heatmap fills in one column at a time, and "
        "the bars on the right are the output ŷ_t = softmax(V h_t + c) spread over the whole "
        "vocabulary.",
    },
    "rnn.badge.until": {
        "ko": "이 설정에서는 값이 넘쳤으므로, `nn.RNN`과는 층마다 넘치기 전의 {n}개 칸(단계 {step} 앞까지)을 비교했습니다. 둘 다 같은 칸에서 처음 넘칩니다. 그 뒤의 Inf/NaN은 덧셈 순서에 따라 달라질 수 있어 비교하지 않습니다.",
        "en": "The numbers overflowed here, so `nn.RNN` was compared layer by layer on the {n} cells before the overflow (up to step {step}); both first overflow at the same cell. What follows is Inf/NaN, whose values depend on the order of the sums, so it is not compared.",
    },
    "rnn.badge.relative": {
        "ko": "위 차이는 PyTorch 모듈을 같은 입력에 직접 돌린 결과와 이 페이지의 단계별 계산을 비교한 것입니다. 크기가 1보다 "
        "큰 값은 상대 차이로 잽니다.",
        "en": "The differences compare this page's step-by-step numbers with PyTorch's modules run "
        "on the same input; values larger than 1 are compared relative to their size.",
    },
    "rnn.step.where": {
        "ko": "**단계 {step} / {n}**: 층 {layer}, {dir}, 시간 t = {t} / {T}",
        "en": "**Step {step} of {n}**: layer {layer}, {dir}, time t = {t} of {T}",
    },
    "rnn.dir.fwd": {"ko": "정방향 →", "en": "forward →"},
    "rnn.dir.rev": {"ko": "역방향 ←", "en": "backward ←"},
    "rnn.row": {"ko": "층 {k} {arrow}", "en": "layer {k} {arrow}"},
    "rnn.row.single": {"ko": "RNN 셀", "en": "RNN cell"},
    "rnn.diagram.title": {
        "ko": "펼친 RNN: 같은 색 = 같은 가중치, 주황 = 지금 계산하는 셀",
        "en": "The unrolled RNN: same colour = same weights, orange = the cell being computed",
    },
    "rnn.diagram.shared": {
        "ko": "한 줄의 네모는 모두 같은 파라미터 세 개를 씁니다. 이 줄에서는 W_xh ({H}×{d_in}), W_hh ({H}×{H}), b ({H})입니다. "
        "네모마다 달라지는 것은 입력 x_t와 직전 상태뿐입니다.",
        "en": "Every box in a row uses the same three parameters, here W_xh ({H}×{d_in}), W_hh "
        "({H}×{H}) and b ({H}); only the input x_t and the previous state change from box to box.",
    },
    "rnn.diagram.x": {"ko": "입력 x_t", "en": "input x_t"},
    "rnn.diagram.y": {"ko": "출력 ŷ_t", "en": "output ŷ_t"},
    "rnn.eq.bias": {
        "ko": "PyTorch는 편향을 두 개(b_ih, b_hh) 두지만 늘 더해서 쓰므로 식에서는 b = b_ih + b_hh 하나로 씁니다. "
        "처음 상태 h_0은 0 벡터입니다.",
        "en": "PyTorch keeps two bias vectors, b_ih and b_hh, but only their sum is ever used, so the "
        "equation writes b = b_ih + b_hh. The initial state h_0 is the zero vector.",
    },
    "rnn.eq.large": {
        "ko": "H가 {cap}보다 크거나 숫자가 {big}을 넘으면 행렬을 숫자로 다 쓰기에는 너무 커서, 같은 식을 히트맵으로 "
        "보여 줍니다. 패널마다 색 눈금이 따로 있습니다.",
        "en": "With H above {cap}, or numbers beyond {big}, the matrices are too large to write out, so "
        "the same equation is drawn as heatmaps, each panel on its own colour scale.",
    },
    "rnn.step.nonfinite": {
        "ko": "t = {t}의 상태에 inf 또는 NaN이 있습니다. 여기서부터는 값이 숫자로서 의미를 잃습니다.",
        "en": "The state at t = {t} holds inf or NaN; from here on the numbers no longer mean anything.",
    },
    "rnn.hidden.figure": {"ko": "지금까지 계산한 은닉 상태 h_t", "en": "Hidden states h_t computed so far"},
    "rnn.out.figure": {"ko": "t = {t}의 출력 ŷ_t (어휘 사전 전체)", "en": "Output ŷ_t at t = {t}, over the vocabulary"},
    "rnn.out.uniform": {"ko": "균등 1/|V|", "en": "uniform 1/|V|"},
    "rnn.out.wait": {
        "ko": "ŷ_t는 마지막 층의 출력(양방향이면 두 방향 모두)이 t = {t}에 닿아야 계산됩니다. 단계를 더 넘겨 보세요.",
        "en": "ŷ_t needs the last layer's output (both directions, if bidirectional) at t = {t}; keep "
        "stepping.",
    },
    "rnn.out.nan": {
        "ko": "t = {t}의 상태가 inf/NaN이라 softmax도 NaN이 되어 확률을 그릴 수 없습니다.",
        "en": "The state at t = {t} is inf/NaN, so the softmax is NaN too and there are no "
        "probabilities to draw.",
    },
    "rnn.out.top": {
        "ko": "어휘 사전({V}개) 중 확률이 높은 {n}개만 그렸습니다.",
        "en": "Only the {n} most probable of the {V} vocabulary entries are drawn.",
    },
    "rnn.out.note": {
        "ko": "주황색 막대는 문장에서 실제로 다음에 오는 토큰입니다. 학습 전이라 확률이 거의 고르게 퍼져 있습니다. 학습은 이 "
        "막대를 높이도록 V, c, W를 바꾸는 일입니다.",
        "en": "The orange bar is the token that really comes next in your sentence. Untrained, the "
        "model spreads its probability almost evenly; training changes V, c and the W's to raise "
        "that bar.",
    },
    # --- 3. deep and bidirectional ------------------------------------------------------------------
    "rnn.deep.title": {"ko": "3. 여러 층 RNN과 양방향 RNN", "en": "3. Deep (stacked) and bidirectional RNNs"},
    "rnn.deep.body": {
        "ko": "**여러 층**: 층 2는 문장을 직접 보지 않고, 층 1이 만든 h_t를 자기 입력으로 받습니다. 층마다 가중치가 따로 있고, "
        "층 안에서는 모든 시간 단계가 그 층의 가중치를 같이 씁니다. **양방향**: 정방향 RNN은 t까지의 과거만 볼 수 있습니다. "
        "거꾸로 읽는 두 번째 RNN을 붙이면 t 이후의 내용도 알 수 있고, 두 상태를 이어 붙인 y_t가 출력이 됩니다. 그래서 "
        "다음 층이나 출력은 두 방향이 모두 t에 닿을 때까지 기다려야 합니다. 위 단계 재생기는 PyTorch와 같은 순서로 "
        "셀을 계산합니다. 층 1의 정방향을 끝까지, 그다음 역방향을, 그다음 층 2를 계산합니다.",
        "en": "**Stacked**: layer 2 never sees the sentence; its input at t is layer 1's h_t. Each "
        "layer has weights of its own, shared by all time steps within the layer. "
        "**Bidirectional**: a forward RNN at t has only seen the past. A second RNN reading "
        "backwards adds what comes after t, and the output y_t joins both states. So the next "
        "layer, or the output, must wait until both directions have reached t. The step player "
        "above runs the cells in PyTorch's order: layer 1 forward to the end, then backward, then "
        "layer 2.",
    },
    "rnn.deep.now": {
        "ko": "지금 설정: 층 {layers}개, {dirs}. 아래 버튼으로 바꾸고 위에서 단계를 넘겨 보세요.",
        "en": "Now: {layers} layer(s), {dirs}. Switch with the buttons below and step through above.",
    },
    "rnn.deep.one": {"ko": "한 방향", "en": "one direction"},
    "rnn.deep.two": {"ko": "양방향", "en": "both directions"},
    "rnn.deep.try_layers": {"ko": "2층으로", "en": "Two layers"},
    "rnn.deep.try_bidir": {"ko": "양방향으로", "en": "Bidirectional"},
    "rnn.deep.reset": {"ko": "1층 한 방향으로", "en": "Back to one layer"},
    # --- 4. what each output has read ----------------------------------------------------------------
    "rnn.sens.title": {
        "ko": "4. 각 출력은 어떤 입력에 달려 있나: 과거 전체를 요약하는 상태",
        "en": "4. Which inputs each output depends on: a state that sums up the whole past",
    },
    "rnn.sens.body": {
        "ko": "칸 (t, s)의 색은 ‖∂h_t/∂x_s‖, 곧 입력 x_s를 조금 바꿀 때 마지막 층의 상태 h_t가 얼마나 움직이는지입니다. "
        "자동 미분과 같은 값을 단계별 계산에서 정확히 구했고, 로그 눈금입니다. 정방향 RNN에서는 대각선 위쪽(s > t)이 "
        "비어 있습니다. 미래의 입력은 영향을 주지 않습니다. 대각선 아래쪽은 끝까지 채워져 있습니다. 고정된 창 τ만 보는 "
        "AR(τ) 모델과 달리, h_t는 처음부터 지금까지의 모든 입력에 달려 있습니다(무한 응답). 멀어질수록 영향은 "
        "줄어듭니다. 역방향은 거울상이고, 양방향 출력 y_t는 문장 전체에 달려 있습니다.",
        "en": "Cell (t, s) shows ‖∂h_t/∂x_s‖: how far the last layer's state h_t moves when input "
        "x_s is nudged, computed exactly from the step-by-step trace (equal to autograd) and drawn "
        "on a log scale. In a forward RNN everything above the diagonal (s > t) is empty: future "
        "inputs have no effect. Everything below it is filled, all the way back. Unlike an AR(τ) "
        "model with its fixed window, h_t depends on every input so far (an infinite response), "
        "more weakly the further back it lies. The backward direction is the mirror image, and "
        "a bidirectional output y_t depends on the whole sentence.",
    },
    "rnn.sens.one": {"ko": "‖∂h_t/∂x_s‖", "en": "‖∂h_t/∂x_s‖"},
    "rnn.sens.fwd": {"ko": "정방향 h→_t", "en": "forward h→_t"},
    "rnn.sens.rev": {"ko": "역방향 h←_t", "en": "backward h←_t"},
    "rnn.sens.both": {"ko": "출력 y_t = [h→; h←]", "en": "output y_t = [h→; h←]"},
    "rnn.sens.scale": {"ko": "log10", "en": "log10"},
    "rnn.sens.reach": {
        "ko": "마지막 상태 h_T가 첫 입력 x_1에 대해 갖는 민감도는 {first}, 바로 그 단계의 입력 x_T에 대해서는 {last}입니다. "
        "0은 아니지만, 그 차이가 먼 과거를 기억하기 어려운 이유입니다(BPTT 페이지의 기울기 소실).",
        "en": "The last state h_T responds to the first input x_1 with {first} and to its own input "
        "x_T with {last}: not zero, but that gap is why distant inputs are hard to remember (the "
        "vanishing gradients of the BPTT page).",
    },
    "rnn.sens.stacked": {
        "ko": "지금은 양방향 층이 여러 개입니다. 층 2는 층 1의 두 방향을 모두 읽으므로, 층 2의 정방향 상태도 이미 문장 전체에 "
        "달려 있습니다. 그래서 위의 세 그림이 모두 꽉 차 있습니다.",
        "en": "This net stacks bidirectional layers. Layer 2 reads both directions of layer 1, so even "
        "its forward state already depends on the whole sentence, and all three pictures above are "
        "full.",
    },
    "rnn.sens.nan": {
        "ko": "상태에 inf/NaN이 있어 미분도 정의되지 않습니다(빈 칸). 가중치 배율을 낮춰 보세요.",
        "en": "The states hold inf/NaN, so the derivatives are undefined (blank cells). Lower the "
        "weight scale.",
    },
    # --- 5. shapes of use --------------------------------------------------------------------------
    "rnn.shape.title": {"ko": "5. RNN의 쓰임새 다섯 가지", "en": "5. Five shapes of use"},
    "rnn.shape.body": {
        "ko": "같은 셀이라도 어떤 입력을 넣고 어떤 출력을 읽느냐에 따라 풀 수 있는 문제가 달라집니다. 아래 그림은 모두 "
        "내 문장의 토큰 위에 그렸습니다. 셀 아래의 토큰은 넣는 입력, 위쪽 주황 화살표는 읽는 출력 ŷ입니다. 셀 아래에 "
        "주황색 ŷ가 있으면 앞 단계의 출력을 다음 입력으로 되먹인다는 뜻입니다.",
        "en": "The same cell solves different problems depending on which inputs go in and which "
        "outputs are read. Each picture is drawn on the tokens of your own sentence: tokens under "
        "a cell are fed in, orange arrows above are the outputs ŷ that are read, and an orange ŷ "
        "under a cell is the previous step's output fed back in as the next input.",
    },
    "rnn.shape.one_to_one.title": {"ko": "일대일 (one-to-one)", "en": "One-to-one"},
    "rnn.shape.one_to_one.task": {
        "ko": "입력 하나에 출력 하나이므로 되풀이할 것이 없습니다. 보통의 신경망과 같습니다. 예: 사진 한 장을 보고 고양이인지 "
        "개인지 분류하기, 단어 하나의 품사를 앞뒤 없이 맞히기.",
        "en": "One input, one output, nothing to repeat: an ordinary network. Example: classify "
        "one photo as cat or dog; guess one word's part of speech with no context.",
    },
    "rnn.shape.one_to_many.title": {"ko": "일대다 (one-to-many)", "en": "One-to-many"},
    "rnn.shape.one_to_many.task": {
        "ko": "첫 토큰 하나만 넣고, 그다음부터는 방금 낸 출력을 다시 입력으로 받아 한 단계씩 이어 씁니다. 예: 사진 한 장으로 "
        "설명 문장 쓰기(이미지 캡셔닝), 첫 음 하나로 음악 만들기.",
        "en": "Feed only the first token; from then on each output is fed back in as the next "
        "input. Examples: write a caption for one photo, generate music from a single note.",
    },
    "rnn.shape.many_to_one.title": {"ko": "다대일 (many-to-one)", "en": "Many-to-one"},
    "rnn.shape.many_to_one.task": {
        "ko": "문장 전체를 읽고 마지막 상태 h_T에서 답 하나만 냅니다. 예: 영화 리뷰의 감성(긍정/부정) 분류, 스팸 판별.",
        "en": "Read the whole sentence and give one answer from the last state h_T. Examples: "
        "sentiment of a movie review (positive or negative), spam detection.",
    },
    "rnn.shape.many_to_many.title": {"ko": "다대다, 정렬형 (many-to-many)", "en": "Many-to-many, aligned"},
    "rnn.shape.many_to_many.task": {
        "ko": "토큰마다 바로 그 자리의 답을 냅니다. 입력과 출력의 길이가 같습니다. 예: 품사 태깅, 개체명 인식, 다음 토큰 "
        "예측(언어 모델).",
        "en": "An answer for every token, right where it stands; input and output have the same "
        "length. Examples: part-of-speech tagging, named-entity recognition, next-token "
        "prediction (a language model).",
    },
    "rnn.shape.encoder_decoder.title": {
        "ko": "다대다, 인코더–디코더 (seq2seq)",
        "en": "Many-to-many, encoder–decoder (seq2seq)",
    },
    "rnn.shape.encoder_decoder.task": {
        "ko": "인코더가 문장을 끝까지 읽고 그 마지막 상태(문맥)를 디코더에 넘깁니다. 디코더는 `<bos>`에서 시작해 자기 출력을 "
        "되먹이며 새 문장을 씁니다. 두 문장의 길이는 달라도 됩니다. 예: 기계 번역, 문서 요약.",
        "en": "The encoder reads the whole sentence and hands its last state (the context) to the "
        "decoder, which starts from `<bos>` and writes a new sentence, feeding back its own "
        "outputs; the two lengths may differ. Examples: machine translation, summarisation.",
    },
    "rnn.shape.context": {"ko": "문맥 h_T →", "en": "context h_T →"},
    "rnn.shape.elided": {
        "ko": "토큰이 {T}개라서 그림에는 앞뒤 일부만 그리고 가운데는 …로 줄였습니다(최대 {n}개).",
        "en": "Your sentence has {T} tokens, so the pictures draw the first and last few (at most "
        "{n}) and shorten the middle to ….",
    },
    # --- 6. cost -------------------------------------------------------------------------------------
    "rnn.cost.title": {"ko": "6. 비용: 차례로 밟아야 하는 단계 수", "en": "6. Cost: steps that must run one after another"},
    "rnn.cost.T": {"ko": "토큰 수 T", "en": "Tokens T"},
    "rnn.cost.seq": {"ko": "순차 단계 수", "en": "Sequential steps"},
    "rnn.cost.cells": {"ko": "셀 계산 횟수", "en": "Cell applications"},
    "rnn.cost.params": {"ko": "RNN 파라미터 수", "en": "RNN parameters"},
    "rnn.cost.body": {
        "ko": "h_t를 계산하려면 h_(t-1)이 먼저 있어야 하므로, 같은 층의 한 방향 안에서는 T = {T}단계를 하나씩 차례로 밟아야 "
        "합니다. 계산기를 아무리 많이 써도 이 사슬은 짧아지지 않습니다. 이 설정(층 {L}개, 방향 {D}개)에서 셀은 모두 "
        "{cells}번 계산되고(곱셈-덧셈 {mults}번), 가장 긴 의존 사슬은 {seq}단계입니다. 한 방향 여러 층이면 층 2가 층 1을 "
        "한 칸 뒤에서 따라갈 수 있어 T + L − 1단계가 되고, 양방향이면 다음 층이 앞 층의 두 방향이 모두 끝나기를 기다려야 "
        "해서 L × T단계가 됩니다. 아래 표의 숫자는 각 셀을 가장 빨리 계산할 수 있는 차례입니다. 같은 숫자의 셀끼리는 "
        "동시에 계산할 수 있습니다. 뒤의 셀프 어텐션은 모든 위치를 한 번에 처리해서 이 사슬이 없습니다.",
        "en": "h_t needs h_(t-1) first, so within one layer and direction the T = {T} steps must run "
        "one after another; no amount of hardware shortens that chain. With these settings ({L} "
        "layer(s), {D} direction(s)) the cell runs {cells} times ({mults} multiply-adds), and the "
        "longest chain of dependencies is {seq} steps. Stacked one-way layers can follow one "
        "step behind each other, giving T + L − 1; with both directions the next layer has to "
        "wait for both directions of the one below to finish, giving L × T. The numbers in the "
        "grid are the earliest turn at which each cell can run; cells with equal numbers can run "
        "at the same time. Self-attention, later on, handles all positions at once and has no "
        "such chain.",
    },
    "rnn.cost.figure": {
        "ko": "각 셀을 가장 빨리 계산할 수 있는 차례 (같은 숫자 = 동시에 가능)",
        "en": "The earliest turn at which each cell can run (equal numbers can run together)",
    },
}
