"""Strings of the "BPTT & gradients" page (concepts C11–C14, C17)."""

STRINGS: dict[str, dict[str, str]] = {
    "page.bptt.title": {"ko": "BPTT와 기울기", "en": "BPTT & gradients"},
    "page.bptt.summary": {
        "ko": "역전파를 시간 거꾸로 한 단계씩. 기울기 소실과 폭발을 측정하고, 잘라 내기(truncation)와 클리핑을 실험합니다.",
        "en": "Backpropagation one time step at a time, backwards. Vanishing and exploding gradients measured; truncation and clipping tried.",
    },
    "bptt.intro": {
        "ko": "RNN은 같은 가중치를 매 시간 단계에 다시 씁니다. 그래서 학습할 때는 펼친(unrolled) 네트워크를 "
        "끝(t = T)에서 처음(t = 1)으로 거슬러 올라가며 기울기를 모읍니다. 이것이 **시간을 거슬러 가는 역전파**(BPTT)입니다. "
        "여기서는 내 문장으로 다음 토큰 맞히기 과제를 만들고, 그 역전파의 숫자를 한 단계씩 직접 확인합니다.",
        "en": "An RNN reuses the same weights at every time step, so training walks the unrolled network "
        "backwards, from the end (t = T) to the start (t = 1), collecting gradients on the way: "
        "**backpropagation through time (BPTT)**. Here your sentence becomes a next-token task, and you "
        "check every number of its backward pass, one step at a time.",
    },
    # --- settings ----------------------------------------------------------------------------
    "bptt.settings": {"ko": "설정", "en": "Settings"},
    "bptt.level": {"ko": "토큰 단위", "en": "Token unit"},
    "bptt.level.word": {"ko": "단어", "en": "Word"},
    "bptt.level.char": {"ko": "문자", "en": "Character"},
    "bptt.hidden": {"ko": "은닉 크기 H", "en": "Hidden size H"},
    "bptt.radius": {"ko": "W_hh의 스펙트럼 반경 ρ", "en": "Spectral radius ρ of W_hh"},
    "bptt.radius.help": {
        "ko": "ρ는 W_hh의 고윳값 중 절댓값이 가장 큰 값입니다. W_hh를 이 값이 되도록 늘이거나 줄입니다. "
        "1보다 작으면 신호와 기울기가 시간이 갈수록 줄어드는 경향이 있습니다.",
        "en": "ρ is the largest absolute eigenvalue of W_hh; W_hh is rescaled to have it. Below 1, "
        "signals and gradients tend to shrink as they travel through time.",
    },
    "bptt.seed": {"ko": "시드", "en": "Seed"},
    "bptt.seed.help": {
        "ko": "임베딩, RNN, 출력층의 초기 가중치를 정하는 난수 시드입니다. 학습하지 않은 무작위 가중치입니다.",
        "en": "The random seed of the embedding, the RNN and the output layer. The weights are random, untrained.",
    },
    "bptt.sentence": {"ko": "따라갈 문장", "en": "Sentence to follow"},
    "bptt.model": {
        "ko": "모델: tanh RNN 한 층(H = {H}, 입력은 {d}차원 임베딩, ρ(W_hh) = {rho:.2f}), 출력층 V (|V| = {v}). "
        "단계 t의 입력은 토큰 t, 정답은 토큰 t+1이므로 시간 단계는 T = {T}개입니다.",
        "en": "Model: one tanh RNN layer (H = {H}, inputs are {d}-dimensional embeddings, ρ(W_hh) = {rho:.2f}) "
        "and an output layer V (|V| = {v}). Step t reads token t and must predict token t+1, so there are "
        "T = {T} time steps.",
    },
    # --- 1. forward, then backward -------------------------------------------------------------
    "bptt.fwd.title": {"ko": "1. 먼저 순전파: 단계별 손실과 그 합", "en": "1. Forward first: the loss of each step, and their sum"},
    "bptt.fwd.body": {
        "ko": "각 단계 t에서 RNN은 다음 토큰의 확률 $\\hat y_t = \\mathrm{softmax}(V h_t + c)$를 내고, "
        "교차 엔트로피 $L_t = -\\log \\hat y_t[y_t]$로 채점됩니다. 전체 손실은 모든 단계의 합 $L = \\sum_t L_t$입니다. "
        "막대 아래 글자는 '입력 토큰 → 맞혀야 할 토큰'입니다.",
        "en": "At each step t the RNN outputs next-token probabilities $\\hat y_t = \\mathrm{softmax}(V h_t + c)$, "
        "scored by the cross-entropy $L_t = -\\log \\hat y_t[y_t]$. The total loss is the sum over all steps, "
        "$L = \\sum_t L_t$. Under each bar: 'input token → token to predict'.",
    },
    "bptt.fwd.figure": {"ko": "단계별 손실 L_t", "en": "Loss of each step, L_t"},
    "bptt.fwd.axis": {"ko": "L_t (nat)", "en": "L_t (nats)"},
    # --- 2. backward, step by step ---------------------------------------------------------------
    "bptt.bwd.title": {"ko": "2. 역전파를 한 단계씩: t = T에서 1로", "en": "2. The backward pass, one step at a time: t = T down to 1"},
    "bptt.bwd.body": {
        "ko": "$\\delta_t = \\partial L / \\partial h_t$는 $h_t$가 전체 손실에 미치는 영향입니다. $h_t$에서 손실로 가는 길은 두 갈래입니다: "
        "자기 출력 $L_t$로 가는 길(위에서 내려오는 화살표)과 다음 상태 $h_{t+1}$을 거쳐 이후 모든 단계로 가는 길(오른쪽에서 오는 화살표). "
        "그래서 마지막 단계부터 거꾸로 계산합니다. 화살표의 굵기와 색은 흘러가는 기울기의 크기(노름)입니다. "
        "재생을 누르면 역방향 훑기가 움직입니다. 플레이어의 1단계가 t = T입니다.",
        "en": "$\\delta_t = \\partial L / \\partial h_t$ is how much $h_t$ moves the total loss. The loss reaches $h_t$ "
        "along two roads: through its own output $L_t$ (the arrow from above) and through the next state $h_{t+1}$ "
        "into every later step (the arrow from the right). That is why the computation runs backwards from the last "
        "step. Arrow width and colour show the size (norm) of the gradient flowing. Play animates the backward sweep; "
        "step 1 of the player is t = T.",
    },
    "bptt.bwd.now": {
        "ko": "역전파 {s}/{n}단계: **t = {t}** (입력 id {i} → 정답 id {y}, 정답의 확률 $\\hat y_t[y_t]$ = {p:.3f})",
        "en": "Backward step {s} of {n}: **t = {t}** (input id {i} → target id {y}, probability of the target "
        "$\\hat y_t[y_t]$ = {p:.3f})",
    },
    "bptt.bwd.flow": {"ko": "펼친 RNN에서 오른쪽 → 왼쪽으로 흐르는 기울기", "en": "The gradient flowing right to left through the unrolled RNN"},
    "bptt.bwd.road_out": {"ko": "자기 출력에서: Vᵀ(ŷ_t − y_t)", "en": "from its own output: Vᵀ(ŷ_t − y_t)"},
    "bptt.bwd.road_rec": {"ko": "다음 상태에서: W_hhᵀ(δ_{t+1} ⊙ (1 − h²_{t+1}))", "en": "from the next state: W_hhᵀ(δ_{t+1} ⊙ (1 − h²_{t+1}))"},
    "bptt.bwd.colorbar": {"ko": "‖기울기‖", "en": "‖gradient‖"},
    "bptt.bwd.cut": {"ko": "절단", "en": "cut"},
    "bptt.bwd.eq_last": {
        "ko": "마지막 단계 t = T에는 다음 상태가 없으므로 자기 출력에서 오는 길만 있습니다.",
        "en": "At the last step t = T there is no next state: only the road from its own output.",
    },
    "bptt.bwd.eq": {
        "ko": "아래는 위의 식에 이 단계의 숫자를 넣은 것입니다(벡터는 H = {H}개 성분, {shown}개까지 표시).",
        "en": "Below: the equation above with this step's numbers plugged in (vectors have H = {H} entries; up to {shown} shown).",
    },
    "bptt.bwd.sum.title": {"ko": "공유 가중치의 기울기는 시간에 걸친 합", "en": "A shared weight's gradient is a sum over time"},
    "bptt.bwd.sum.body": {
        "ko": "W_hh는 모든 단계에서 같은 행렬이므로, 각 단계가 자기 몫 $(\\delta_t \\odot (1 - h_t^2))\\, h_{t-1}^\\top$을 "
        "만들고 그 몫들을 더한 것이 $\\partial L / \\partial W_{hh}$입니다. 왼쪽은 이번 단계의 몫, 가운데는 T부터 지금까지 쌓인 합, "
        "오른쪽은 모든 단계를 더한 최종 기울기입니다. t = 1에 이르면 가운데와 오른쪽이 같아집니다.",
        "en": "W_hh is the same matrix at every step, so each step makes its own share "
        "$(\\delta_t \\odot (1 - h_t^2))\\, h_{t-1}^\\top$, and $\\partial L / \\partial W_{hh}$ is the sum of the shares. "
        "Left: this step's share; middle: the sum stacked up from T down to now; right: the final gradient over all "
        "steps. At t = 1 the middle equals the right.",
    },
    "bptt.bwd.share": {"ko": "t = {t}의 몫", "en": "share of t = {t}"},
    "bptt.bwd.running": {"ko": "t = {T} … {t}의 합", "en": "sum over t = {T} … {t}"},
    "bptt.bwd.total": {"ko": "∂L/∂W_hh (전체 합)", "en": "∂L/∂W_hh (all steps)"},
    "bptt.bwd.check": {
        "ko": "이 손으로 쓴 역전파를 이 입력에서 PyTorch autograd와 비교했습니다. 손실, 모든 δ_t, 모든 가중치 기울기가 대상입니다"
        "(5절의 절단 BPTT도 따로 비교합니다).",
        "en": "This hand-written backward pass is compared with PyTorch autograd on this input: the loss, every δ_t "
        "and every weight gradient (section 5 checks the truncated pass the same way).",
    },
    # --- finite differences ----------------------------------------------------------------------
    "bptt.fd.title": {"ko": "눈으로 하는 검산: 가중치 하나를 살짝 움직이기", "en": "A check you can see: nudge one weight"},
    "bptt.fd.body": {
        "ko": "기울기는 '가중치를 조금 움직이면 손실이 얼마나 변하는가'입니다. 가중치 하나를 ±ε만큼 움직여 손실을 두 번 다시 계산하면 "
        "$(L(w+\\varepsilon) - L(w-\\varepsilon)) / 2\\varepsilon$으로 기울기를 어림할 수 있습니다(유한 차분). 역전파 값과 비교해 보세요.",
        "en": "A gradient says how much the loss changes when a weight moves a little. Move one weight by ±ε, compute "
        "the loss twice more, and $(L(w+\\varepsilon) - L(w-\\varepsilon)) / 2\\varepsilon$ estimates the gradient "
        "(a finite difference). Compare it with the backprop value.",
    },
    "bptt.fd.param": {"ko": "가중치 행렬", "en": "Weight"},
    "bptt.fd.row": {"ko": "행 i", "en": "Row i"},
    "bptt.fd.col": {"ko": "열 j", "en": "Column j"},
    "bptt.fd.button": {"ko": "살짝 움직여 비교하기", "en": "Nudge and compare"},
    "bptt.fd.backprop": {"ko": "역전파", "en": "Backprop"},
    "bptt.fd.numeric": {"ko": "유한 차분", "en": "Finite difference"},
    "bptt.fd.diff": {"ko": "상대 차이", "en": "Relative difference"},
    "bptt.fd.entry": {"ko": "움직인 가중치: {name}[{index}], ε = {eps:g}", "en": "Nudged weight: {name}[{index}], ε = {eps:g}"},
    "bptt.fd.ok": {
        "ko": "두 값이 상대 차이 {rel:.1e}로 일치합니다. 역전파가 맞게 계산되었습니다.",
        "en": "The two agree to a relative difference of {rel:.1e}: the backward pass is right.",
    },
    "bptt.fd.bad": {
        "ko": "두 값의 상대 차이가 {rel:.1e}로 큽니다. 기울기가 거의 0이면 유한 차분의 반올림 오차가 두드러질 수 있습니다.",
        "en": "The two differ by {rel:.1e} (relative). When the gradient is nearly 0, rounding in the finite "
        "difference can dominate.",
    },
    "bptt.fd.hint": {"ko": "버튼을 누르면 계산합니다.", "en": "Press the button to compute."},
    # --- 3. vanishing and exploding ----------------------------------------------------------------
    "bptt.lab.title": {"ko": "3. 기울기 소실과 폭발, 직접 측정하기", "en": "3. Vanishing and exploding gradients, measured"},
    "bptt.lab.body": {
        "ko": "$\\partial h_T / \\partial h_t = \\prod_{j=t+1}^{T} \\mathrm{diag}(\\psi'(a_j))\\, W_{hh}$는 야코비 행렬 T − t개의 곱입니다. "
        "곱하는 수가 많아질수록 크기는 대략 (ρ × ψ')^(T − t)처럼 변합니다. 1보다 작으면 지수적으로 사라지고(소실), 1보다 크면 "
        "지수적으로 커집니다(폭발). 아래 그래프는 실제 PyTorch 모듈에 autograd를 써서 잰 $\\lVert \\partial h_T / \\partial h_t \\rVert_2$를 "
        "거리 T − t에 대해 로그 눈금으로 그립니다. 입력은 내 문장의 토큰을 길이 T가 될 때까지 반복한 것입니다.",
        "en": "$\\partial h_T / \\partial h_t = \\prod_{j=t+1}^{T} \\mathrm{diag}(\\psi'(a_j))\\, W_{hh}$ is a product of "
        "T − t Jacobians. The more factors, the more its size behaves like (ρ × ψ')^(T − t): below 1 it fades "
        "exponentially (vanishing), above 1 it grows exponentially (exploding). The plot shows "
        "$\\lVert \\partial h_T / \\partial h_t \\rVert_2$ measured with autograd on real PyTorch modules, against the "
        "distance T − t on a log scale. The input is your sentence's tokens repeated until it is T long.",
    },
    "bptt.lab.act": {"ko": "RNN 활성화 함수 ψ", "en": "RNN activation ψ"},
    "bptt.lab.act.help": {
        "ko": "torch.nn.RNN은 tanh와 ReLU만 지원합니다. sigmoid는 SeqLab의 ElmanRNN 모듈(같은 가중치 이름, tanh·ReLU에서 "
        "torch.nn.RNN과 같은 값임을 테스트로 확인)로 계산합니다. 도함수의 최댓값: tanh 1, sigmoid 1/4, ReLU 1(상한 없음).",
        "en": "torch.nn.RNN supports only tanh and ReLU; sigmoid runs on SeqLab's own ElmanRNN module (same weight names, "
        "tested equal to torch.nn.RNN for tanh and ReLU). Largest derivative: tanh 1, sigmoid 1/4, ReLU 1 (and no cap on h).",
    },
    "bptt.lab.radius": {"ko": "스펙트럼 반경 ρ", "en": "Spectral radius ρ"},
    "bptt.lab.radius.help": {
        "ko": "RNN, LSTM, GRU의 모든 순환 행렬(게이트마다 H×H 블록 하나)을 이 스펙트럼 반경으로 맞춥니다. 세 모델이 같은 크기의 순환 가중치로 비교됩니다.",
        "en": "Every recurrent matrix of the RNN, LSTM and GRU (one H×H block per gate) is rescaled to this spectral "
        "radius, so the three models are compared with recurrent weights of the same size.",
    },
    "bptt.lab.length": {"ko": "시퀀스 길이 T", "en": "Sequence length T"},
    "bptt.lab.fbias": {"ko": "LSTM 망각 게이트 편향 b_f", "en": "LSTM forget-gate bias b_f"},
    "bptt.lab.fbias.help": {
        "ko": "b_f를 키우면 f_t = σ(… + b_f)가 1에 가까워져 셀 상태를 더 오래 보존합니다. 실무에서 흔히 1로 둡니다.",
        "en": "A larger b_f pushes f_t = σ(… + b_f) towards 1, so the cell keeps its content longer. 1 is a common choice.",
    },
    "bptt.lab.dtype": {"ko": "부동소수점 정밀도", "en": "Floating-point precision"},
    "bptt.lab.dtype.help": {
        "ko": "학습은 보통 float32로 합니다. float32는 약 3.4e38보다 큰 수를 Inf로, 약 1.4e-45보다 작은 수를 0으로 만듭니다. "
        "float64는 한계가 더 멀 뿐, 없어지지는 않습니다.",
        "en": "Training usually runs in float32, which turns numbers above about 3.4e38 into Inf and below about 1.4e-45 "
        "into 0. float64 moves those limits further out; it does not remove them.",
    },
    "bptt.lab.figure": {"ko": "RNN의 기울기 크기 ‖∂h_T/∂h_t‖₂ 대 거리 T − t", "en": "RNN gradient size ‖∂h_T/∂h_t‖₂ against distance T − t"},
    "bptt.lab.xaxis": {"ko": "거리 T − t (왼쪽일수록 먼 과거)", "en": "distance T − t (further left = further in the past)"},
    "bptt.lab.yaxis": {"ko": "‖∂h_T/∂h_t‖₂ (로그)", "en": "‖∂h_T/∂h_t‖₂ (log)"},
    "bptt.lab.max": {"ko": "float32 최댓값 3.4e38: 넘으면 Inf", "en": "float32 max 3.4e38: beyond it, Inf"},
    "bptt.lab.tiny": {"ko": "float32 최솟값 1.4e-45: 밑은 0", "en": "float32 smallest 1.4e-45: below it, 0"},
    "bptt.lab.overflow": {
        "ko": "{model}: 거리 {d} 이상에서 기울기가 Inf 또는 NaN이 되었습니다({dtype}). 수가 표현 범위를 넘어 폭발했고, "
        "그래프에서는 그 부분이 비어 있습니다. 이런 기울기로 가중치를 고치면 모든 가중치가 NaN이 됩니다.",
        "en": "{model}: from distance {d} on the gradient is Inf or NaN ({dtype}). The numbers exploded past what the "
        "format can hold, so the plot leaves that part out. An update with such a gradient turns every weight into NaN.",
    },
    "bptt.lab.underflow": {
        "ko": "{model}: 거리 {d} 이상에서 기울기가 정확히 0이 되었습니다({dtype}의 표현 범위 밑으로 사라짐). 로그 눈금에는 0을 그릴 수 없어 비어 있습니다.",
        "en": "{model}: from distance {d} on the gradient is exactly 0 (it vanished below what {dtype} can hold). A log "
        "axis cannot draw 0, so the plot leaves that part out.",
    },
    "bptt.lab.read": {
        "ko": "이 설정에서 RNN({act})은 거리 {T}에서 기울기 크기가 {rnn}입니다. 1보다 아주 작으면 먼 과거의 입력이 학습에 거의 반영되지 않고, 아주 크면 학습이 불안정해집니다.",
        "en": "With these settings the RNN ({act}) has gradient size {rnn} at distance {T}. Far below 1, distant inputs "
        "barely affect learning; far above 1, learning becomes unstable.",
    },
    # --- 4. clipping -----------------------------------------------------------------------------
    "bptt.clip.title": {"ko": "4. 기울기 클리핑: 폭발을 길들이기", "en": "4. Gradient clipping: taming an explosion"},
    "bptt.clip.body": {
        "ko": "전역 노름 클리핑은 모든 가중치의 기울기를 하나의 벡터로 보고 그 길이 $\\lVert g \\rVert = \\sqrt{{\\sum_p \\lVert g_p \\rVert^2}}$가 "
        "상한을 넘으면 모든 기울기에 같은 수 $\\text{{max\\_norm}} / \\lVert g \\rVert$를 곱합니다. 방향은 그대로, 길이만 줄입니다"
        "(torch.nn.utils.clip_grad_norm_과 같은 계산). 아래는 위 실험의 RNN({act}, ρ = {rho:g}, T = {T})이 내 문장의 "
        "다음 토큰 손실에서 받은 기울기입니다.",
        "en": "Clipping by global norm treats all gradients as one vector; when its length "
        "$\\lVert g \\rVert = \\sqrt{{\\sum_p \\lVert g_p \\rVert^2}}$ exceeds the threshold, every gradient is multiplied "
        "by the same $\\text{{max\\_norm}} / \\lVert g \\rVert$. The direction stays, only the length shrinks (the same "
        "computation as torch.nn.utils.clip_grad_norm_). Below: the gradient that the RNN of the experiment above "
        "({act}, ρ = {rho:g}, T = {T}) gets from the next-token loss on your sentence.",
    },
    "bptt.clip.max_norm": {"ko": "클리핑 상한 max_norm", "en": "Clipping threshold max_norm"},
    "bptt.clip.max_norm.help": {
        "ko": "기울기 전체의 길이가 이 값을 넘으면 이 길이로 줄입니다.",
        "en": "When the whole gradient is longer than this, it is scaled down to this length.",
    },
    "bptt.clip.numbers": {
        "ko": "전역 노름: 클리핑 전 **{before}**, 후 **{after}** (모든 기울기에 곱한 수: {scale})",
        "en": "Global norm: **{before}** before, **{after}** after (every gradient multiplied by {scale})",
    },
    "bptt.clip.figure": {"ko": "가중치별 기울기 노름, 클리핑 전과 후", "en": "Gradient norm of each weight, before and after clipping"},
    "bptt.clip.before": {"ko": "클리핑 전", "en": "before"},
    "bptt.clip.after": {"ko": "클리핑 후", "en": "after"},
    "bptt.clip.global": {"ko": "전역 노름", "en": "global norm"},
    "bptt.clip.unclipped": {
        "ko": "기울기 길이가 상한보다 작아 그대로 둡니다. 클리핑은 긴 기울기에만 작동합니다.",
        "en": "The gradient is shorter than the threshold, so it is left alone: clipping only acts on long gradients.",
    },
    "bptt.clip.nonfinite": {
        "ko": "클리핑 전 기울기가 이미 Inf 또는 NaN입니다. 클리핑은 이런 기울기를 구하지 못합니다: Inf에 0을 곱하면 NaN입니다. "
        "수가 넘치기 전에 막아야 합니다. ρ를 낮추거나, tanh를 쓰거나, T를 줄여 보세요.",
        "en": "The gradient is already Inf or NaN before clipping, and clipping cannot rescue it: Inf times 0 is NaN. "
        "Overflow has to be prevented before it happens: lower ρ, use tanh, or shorten T.",
    },
    "bptt.clip.train.title": {"ko": "클리핑이 학습을 길들이는 모습", "en": "How clipping tames training"},
    "bptt.clip.train.body": {
        "ko": "같은 RNN의 복사본 두 개를 학습률 {lr}의 경사 하강법으로 {n}번 고칩니다. 하나는 그대로, 하나는 매번 클리핑한 기울기로. "
        "(각자 새 복사본이라 다른 사용자와 공유되는 모델은 바뀌지 않습니다.)",
        "en": "Two copies of the same RNN take {n} gradient-descent updates with learning rate {lr}: one with the raw "
        "gradient, one with the clipped gradient each time. (Fresh copies: no shared model is changed.)",
    },
    "bptt.clip.train.figure": {"ko": "업데이트에 따른 손실 L", "en": "Loss L over the updates"},
    "bptt.clip.train.plain": {"ko": "클리핑 없음", "en": "no clipping"},
    "bptt.clip.train.clipped": {"ko": "클리핑 (max_norm = {m:g})", "en": "clipped (max_norm = {m:g})"},
    "bptt.clip.train.xaxis": {"ko": "업데이트 횟수", "en": "update"},
    "bptt.clip.train.yaxis": {"ko": "손실 L (로그)", "en": "loss L (log)"},
    "bptt.clip.train.broke": {
        "ko": "{which}: {n}번째 업데이트 뒤 손실이 NaN 또는 Inf가 되어 학습이 무너졌습니다. 그래프는 거기서 끊깁니다.",
        "en": "{which}: after update {n} the loss became NaN or Inf and training broke down. The curve stops there.",
    },
    "bptt.clip.train.broke_start": {
        "ko": "{which}: 업데이트를 하기도 전에 순전파에서 이미 수가 넘쳐 손실이 NaN 또는 Inf입니다. 클리핑은 기울기만 줄일 뿐, 넘친 순전파는 고치지 못합니다.",
        "en": "{which}: the forward pass already overflowed before any update, so the loss is NaN or Inf. Clipping "
        "only shrinks gradients; it cannot fix an overflowing forward pass.",
    },
    "bptt.clip.train.slower": {
        "ko": "두 학습 모두 유한한 값을 유지했고, 여기서는 클리핑이 학습을 늦추기만 했습니다. 기울기가 위험하지 않았는데도 매 업데이트의 크기를 "
        "max_norm으로 제한했기 때문입니다. 클리핑은 가끔 튀는 거대한 기울기를 막는 안전벨트이고, 상한이 너무 작으면 속도를 잃습니다. "
        "ρ를 키우거나 ReLU를 골라 폭발하는 경우와 비교해 보세요.",
        "en": "Both runs stayed finite, and here clipping only slowed learning: the gradient was not dangerous, yet every "
        "update was capped at max_norm. Clipping is a safety belt against rare huge gradients; a threshold that is too "
        "small costs speed. Raise ρ or pick ReLU to compare with a run that explodes.",
    },
    "bptt.clip.train.fine": {
        "ko": "두 학습 모두 유한한 값을 유지했습니다. 손실이 클수록(ρ를 키우거나 ReLU를 골라 보세요) 차이가 뚜렷해집니다.",
        "en": "Both runs stayed finite. The difference shows with larger gradients: raise ρ or pick ReLU.",
    },
    "bptt.nothing": {"ko": "그릴 것이 없습니다: 모든 값이 Inf 또는 NaN입니다.", "en": "Nothing to draw: every value is Inf or NaN."},
    # --- 5. truncation ---------------------------------------------------------------------------
    "bptt.trunc.title": {"ko": "5. 절단 BPTT: 블록으로 잘라 역전파하기", "en": "5. Truncated BPTT: backpropagate in blocks"},
    "bptt.trunc.body": {
        "ko": "절단 BPTT는 시퀀스를 길이 k의 블록 [1, k], [k+1, 2k], …로 나누고, 블록 경계에서 은닉 상태를 떼어 냅니다(detach). "
        "순전파 값은 그대로지만 기울기는 경계를 넘지 못합니다. 저장할 중간값이 줄어 빠르고 메모리가 적게 들지만, "
        "손실이 k단계보다 먼 과거의 입력에 닿지 못합니다. 1절의 문장으로 계산합니다.",
        "en": "Truncated BPTT cuts the sequence into blocks of length k, [1, k], [k+1, 2k], …, and detaches the hidden "
        "state at each boundary. The forward values do not change, but no gradient crosses a boundary. Less to store, "
        "so it is faster and lighter, but a loss can no longer reach an input further back than its block. Computed "
        "on the sentence of section 1.",
    },
    "bptt.trunc.k": {"ko": "블록 길이 k", "en": "Window k"},
    "bptt.trunc.k.help": {"ko": "k = T이면 자르지 않은 전체 BPTT와 같습니다.", "en": "k = T is full BPTT, nothing cut."},
    "bptt.trunc.single": {"ko": "시간 단계가 하나뿐이라 자를 곳이 없습니다.", "en": "There is only one time step: nothing to cut."},
    "bptt.trunc.paths": {"ko": "k = {k}: 빨간 점선에서 기울기 경로가 끊깁니다", "en": "k = {k}: gradient paths are cut at the red dotted lines"},
    "bptt.trunc.numbers": {
        "ko": "k = {k}일 때 순환 가중치(W_xh, W_hh, b)의 기울기: 전체 BPTT와의 코사인 유사도 **{cos}**, 노름 비 **{ratio}**. "
        "끊긴 경로 {cuts}곳.",
        "en": "With k = {k}, the gradient of the recurrent weights (W_xh, W_hh, b): cosine similarity to full BPTT "
        "**{cos}**, norm ratio **{ratio}**. Paths cut: {cuts}.",
    },
    "bptt.trunc.curve": {"ko": "k에 따라 살아남는 진짜 기울기", "en": "How much of the true gradient survives, against k"},
    "bptt.trunc.cos": {"ko": "코사인 유사도", "en": "cosine similarity"},
    "bptt.trunc.ratio": {"ko": "노름 비 ‖g_k‖/‖g‖", "en": "norm ratio ‖g_k‖/‖g‖"},
    "bptt.trunc.xaxis": {"ko": "블록 길이 k", "en": "window k"},
    "bptt.trunc.why": {
        "ko": "**왜 긴 의존성에 맞지 않을까?** 문장 앞부분의 단어가 한참 뒤의 예측에 필요하다고 해 봅시다. 그 둘 사이 거리가 k보다 길면, "
        "뒤쪽 손실의 기울기는 앞 단어까지 가는 길이 모두 끊겨 정확히 0입니다. 모델은 그 관계를 배울 신호를 아예 받지 못합니다. "
        "k를 T까지 늘리면 코사인 유사도와 노름 비가 1이 됩니다.",
        "en": "**Why does it fail on long dependencies?** Suppose a word early in the sentence is needed for a prediction much "
        "later. If the distance between them is longer than k, every path from the later loss back to the early word is "
        "cut, so that gradient is exactly 0: the model never gets a signal to learn the relation. Raise k to T and the "
        "cosine similarity and norm ratio reach 1.",
    },
    # --- 6. did the LSTM solve it? ---------------------------------------------------------------
    "bptt.lstm.title": {"ko": "6. LSTM은 기울기 소실을 해결했을까?", "en": "6. Did the LSTM solve vanishing gradients?"},
    "bptt.lstm.body": {
        "ko": "같은 입력, 같은 ρ에서 RNN, LSTM, GRU를 비교합니다(왼쪽). LSTM의 상태는 (h_t, c_t)이므로 "
        "$\\lVert \\partial h_T / \\partial (h_t, c_t) \\rVert_2$를 잽니다. 오른쪽은 셀 상태의 지름길 "
        "$\\partial c_T / \\partial c_t$에 들어 있는 망각 게이트의 곱 $\\prod_{j=t+1}^{T} f_j$(유닛 평균)와 RNN의 야코비 곱 "
        "$\\lVert \\prod_j \\mathrm{diag}(\\psi'(a_j)) W_{hh} \\rVert_2$(float64로 직접 곱한 값)입니다.",
        "en": "RNN, LSTM and GRU on the same input with the same ρ (left). An LSTM's state is (h_t, c_t), so it measures "
        "$\\lVert \\partial h_T / \\partial (h_t, c_t) \\rVert_2$. Right: the product of forget gates "
        "$\\prod_{j=t+1}^{T} f_j$ (mean over units) that sits in the cell's shortcut $\\partial c_T / \\partial c_t$, "
        "beside the RNN's Jacobian product $\\lVert \\prod_j \\mathrm{diag}(\\psi'(a_j)) W_{hh} \\rVert_2$ "
        "(multiplied out by hand in float64).",
    },
    "bptt.lstm.left": {"ko": "‖∂h_T/∂state_t‖₂: RNN, LSTM, GRU", "en": "‖∂h_T/∂state_t‖₂: RNN, LSTM, GRU"},
    "bptt.lstm.right": {"ko": "LSTM의 ∏ f_j 와 RNN의 야코비 곱", "en": "LSTM's ∏ f_j beside the RNN's Jacobian product"},
    "bptt.lstm.fprod": {"ko": "LSTM ∏ f_j (유닛 평균)", "en": "LSTM ∏ f_j (mean over units)"},
    "bptt.lstm.jprod": {"ko": "RNN 야코비 곱 (직접 곱함)", "en": "RNN Jacobian product (by hand)"},
    "bptt.lstm.yaxis": {"ko": "크기 (로그)", "en": "size (log)"},
    "bptt.lstm.numbers": {
        "ko": "거리 {T}에서: RNN {rnn}, LSTM {lstm}, GRU {gru}, 망각 게이트 곱 ∏f {fprod} (b_f = {fb:g}).",
        "en": "At distance {T}: RNN {rnn}, LSTM {lstm}, GRU {gru}, forget-gate product ∏f {fprod} (b_f = {fb:g}).",
    },
    "bptt.lstm.answer": {
        "ko": "**정직한 답: 완화했을 뿐, 없애지는 못했습니다.** LSTM의 셀 상태는 곱이 아니라 덧셈으로 갱신되므로, 기울기가 "
        "$\\partial c_t / \\partial c_{t-1} = \\mathrm{diag}(f_t)$라는 지름길로 흐를 수 있습니다. f_t가 1에 가까우면 "
        "이 길은 RNN의 야코비 곱보다 훨씬 천천히 줄어듭니다. 하지만 f_t는 시그모이드 값이라 언제나 1보다 작고, "
        "그 곱 $\\prod f_j$는 거리가 길어지면 결국 0으로 갑니다. 'f_t < 1이 계속 곱해지는데 정말 해결된 걸까?'라는 학습자들의 의심이 정확히 맞습니다. "
        "망각 게이트 편향 b_f를 키우면 감소가 느려지고, 작게 하면 RNN만큼 빨리 사라지는 것을 위 그래프로 확인해 보세요. "
        "LSTM은 게이트를 배워서 '기억할 때는 f ≈ 1'로 만들 수 있다는 점이 핵심이며, 아주 긴 의존성에는 여전히 어려움이 남습니다.",
        "en": "**The honest answer: it mitigates the problem; it does not remove it.** The LSTM's cell is updated by "
        "addition, not by a matrix product, so the gradient has a shortcut "
        "$\\partial c_t / \\partial c_{t-1} = \\mathrm{diag}(f_t)$. With f_t near 1 that road fades far more slowly "
        "than the RNN's Jacobian product. But f_t is a sigmoid, always below 1, so the product $\\prod f_j$ still goes to 0 "
        "as the distance grows. The doubt learners often raise ('f_t < 1 keeps multiplying: is it really solved?') "
        "is exactly right. Raise the forget-gate bias b_f and watch the decay slow down; lower it and the LSTM fades as "
        "fast as the RNN. What the LSTM adds is that it can *learn* to set f ≈ 1 when something must be remembered; "
        "very long dependencies remain hard.",
    },
}
