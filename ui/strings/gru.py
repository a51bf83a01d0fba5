"""Strings of the "GRU" page (concept C18).

Inline math uses $…$; where a string also has {placeholders}, LaTeX braces are doubled.
"""

STRINGS: dict[str, dict[str, str]] = {
    "page.gru.title": {"ko": "GRU", "en": "GRU"},
    "page.gru.summary": {
        "ko": "리셋·업데이트 게이트를 한 단계씩. RNN·LSTM·GRU를 같은 문장에서 나란히 비교합니다.",
        "en": "Reset and update gates, step by step. RNN, LSTM and GRU side by side on the same text.",
    },
    "gru.intro": {
        "ko": "GRU(gated recurrent unit)는 게이트 두 개로 기억을 다룹니다. **리셋 게이트** $r_t$는 새 후보 "
        "$\\tilde h_t$를 만들 때 이전 상태를 얼마나 참고할지, **업데이트 게이트** $z_t$는 이전 상태를 얼마나 "
        "그대로 남기고 얼마나 후보로 바꿀지를 정합니다. LSTM과 달리 셀 상태가 따로 없어서, 은닉 상태 $h_t$ "
        "하나가 기억이자 출력입니다.",
        "en": "A GRU (gated recurrent unit) manages its memory with two gates. The **reset gate** $r_t$ "
        "decides how much of the old state the new candidate $\\tilde h_t$ may look at; the **update gate** "
        "$z_t$ decides how much of the old state to keep as it is and how much to replace with the "
        "candidate. Unlike an LSTM it has no separate cell state: one hidden state $h_t$ is both its "
        "memory and its output.",
    },
    "gru.random": {
        "ko": "이 페이지의 GRU·RNN·LSTM은 학습하지 않은 무작위 가중치(PyTorch 기본 초기화, 시드 {seed})를 "
        "씁니다. 입력 $x_t$도 내 문장 토큰의 무작위 임베딩(‘텍스트 → 텐서’ 페이지와 같은 방식)입니다. 그래서 "
        "게이트 값에 아직 언어적 의미는 없지만, 모든 숫자는 실제로 계산한 값입니다.",
        "en": "The GRU, RNN and LSTM on this page use untrained, random weights (PyTorch's default "
        "initialisation, seed {seed}), and the inputs $x_t$ are random embeddings of your tokens (as on "
        "the Text → tensors page). The gate values therefore mean nothing linguistic yet, but every "
        "number is really computed.",
    },
    # --- settings ----------------------------------------------------------------------------
    "gru.settings": {"ko": "설정", "en": "Settings"},
    "gru.level": {"ko": "토큰 단위", "en": "Token unit"},
    "gru.level.word": {"ko": "단어", "en": "Word"},
    "gru.level.char": {"ko": "문자", "en": "Character"},
    "gru.q": {"ko": "임베딩 크기 Q", "en": "Embedding size Q"},
    "gru.q.help": {"ko": "입력 벡터 $x_t$의 길이입니다.", "en": "The length of each input vector $x_t$."},
    "gru.hidden": {"ko": "은닉 크기 H", "en": "Hidden size H"},
    "gru.hidden.help": {
        "ko": "은닉 상태와 각 게이트의 유닛 수입니다. 비교할 RNN과 LSTM도 같은 크기로 만듭니다.",
        "en": "Units in the hidden state and in each gate. The RNN and LSTM it is compared with get the same size.",
    },
    "gru.seed": {"ko": "시드", "en": "Seed"},
    "gru.seed.help": {
        "ko": "임베딩과 세 모델의 가중치를 정하는 난수 시드입니다.",
        "en": "The random seed of the embeddings and of all three models' weights.",
    },
    "gru.caps": {
        "ko": "상한: 임베딩 크기 Q ≤ {q}, 은닉 크기 H ≤ {h}, 층 수 K ≤ {k}(매개변수 표에서만), 한 줄에 토큰 "
        "{tokens}개(`<bos>`·`<eos>` 포함). 여러 줄을 쓰면 한 번에 한 줄씩 계산합니다.",
        "en": "Caps: embedding size Q ≤ {q}, hidden size H ≤ {h}, layers K ≤ {k} (parameter table only), "
        "{tokens} tokens a line (with `<bos>` and `<eos>`). With several lines, one line runs at a time.",
    },
    "gru.line": {"ko": "계산할 줄", "en": "Line to run"},
    "gru.nonfinite": {
        "ko": "계산 중에 유한하지 않은 값(NaN 또는 ∞)이 나왔습니다. 임베딩 크기나 시드를 바꿔 보세요.",
        "en": "Some values came out non-finite (NaN or ∞). Try another embedding size or seed.",
    },
    # --- 1. step by step ---------------------------------------------------------------------
    "gru.step.title": {"ko": "1. 한 단계씩, 게이트 하나씩", "en": "1. Step by step, gate by gate"},
    "gru.step.body": {
        "ko": "매 단계 t에서 GRU는 토큰 하나의 임베딩 $x_t$와 이전 상태 $h_{t-1}$을 읽고 "
        "$r_t \\to z_t \\to \\tilde h_t \\to h_t$ 순서로 계산합니다. 아래 식에는 고른 유닛 j 하나의 실제 숫자를 "
        "넣었고, 표에는 모든 유닛이 있습니다. PyTorch 코드에서는 후보 $\\tilde h_t$를 `n_t`라고 부릅니다.",
        "en": "At every step t the GRU reads one token's embedding $x_t$ and the previous state $h_{t-1}$ "
        "and computes $r_t \\to z_t \\to \\tilde h_t \\to h_t$, in that order. The equations below carry "
        "the real numbers of the unit j you pick; the table lists every unit. PyTorch's code calls the "
        "candidate $\\tilde h_t$ `n_t`.",
    },
    "gru.step.tokens": {"ko": "토큰 (t = {t} / {T})", "en": "Tokens (t = {t} of {T})"},
    "gru.step.token": {"ko": "지금 읽는 토큰:", "en": "Token read now:"},
    "gru.unit": {"ko": "유닛 j", "en": "Unit j"},
    "gru.unit.help": {
        "ko": "식과 그림에 숫자를 보여 줄 은닉 유닛입니다.",
        "en": "The hidden unit whose numbers the equations and the diagram show.",
    },
    "gru.eq.r": {
        "ko": "**① 리셋 게이트 $r_t$**: 후보를 만들 때 이전 상태의 몫을 얼마나 쓸지 (0이면 과거를 무시)",
        "en": "**① Reset gate $r_t$**: how much of the old state's contribution the candidate may use "
        "(0 ignores the past)",
    },
    "gru.eq.z": {
        "ko": "**② 업데이트 게이트 $z_t$**: 이전 상태를 얼마나 그대로 둘지 (1에 가까우면 유지)",
        "en": "**② Update gate $z_t$**: how much of the old state to keep as it is (near 1: keep)",
    },
    "gru.eq.n": {
        "ko": "**③ 후보 상태 $\\tilde h_t$** (PyTorch의 `n_t`): 새로 쓸 내용, −1과 1 사이",
        "en": "**③ Candidate $\\tilde h_t$** (PyTorch's `n_t`): what could be written, between −1 and 1",
    },
    "gru.eq.h": {
        "ko": "**④ 새 은닉 상태 $h_t$**: 이전 상태와 후보를 $z_t$ 비율로 섞은 값",
        "en": "**④ New hidden state $h_t$**: the old state and the candidate, mixed in the ratio $z_t$",
    },
    "gru.diagram.title": {
        "ko": "t = {t}, 유닛 j = {j}의 GRU 셀 (PyTorch 방식)",
        "en": "GRU cell at t = {t}, unit j = {j} (PyTorch's form)",
    },
    "gru.diagram.update": {"ko": "업데이트", "en": "update"},
    "gru.diagram.reset": {"ko": "리셋", "en": "reset"},
    "gru.diagram.candidate": {"ko": "후보", "en": "candidate"},
    "gru.diagram.x": {"ko": "(Q = {q})", "en": "(Q = {q})"},
    "gru.diagram.out": {"ko": "출력 = 다음 단계의 상태", "en": "output = next step's state"},
    "gru.diagram.caption": {
        "ko": "파란 굵은 선이 상태 $h$가 흐르는 길입니다. LSTM과 달리 셀 상태 $c$가 없어서 이 선이 곧 "
        "출력입니다. 빨간 숫자는 양수, 파란 숫자는 음수입니다.",
        "en": "The thick blue line is the path of the state $h$. There is no cell state $c$ as in an "
        "LSTM, so this line is also the output. Red numbers are positive, blue ones negative.",
    },
    "gru.table.caption": {"ko": "**t = {t}의 모든 유닛**", "en": "**Every unit at t = {t}**"},
    "gru.split.title": {"ko": "유지한 몫과 새로 쓴 몫", "en": "What this step keeps and writes"},
    "gru.split.kept": {"ko": "유지 z·h(t−1)", "en": "kept z·h(t−1)"},
    "gru.split.written": {"ko": "새로 씀 (1−z)·h̃", "en": "written (1−z)·h̃"},
    "gru.split.survives": {
        "ko": "t = {t}의 $h_t$ 가운데 업데이트 게이트를 거쳐 마지막 단계 T = {T}까지 그대로 전해지는 몫 "
        "$\\prod_k z_k$: 유닛 평균 {mean:.3g}, 가장 큰 유닛 {best:.3g}.",
        "en": "Of $h_t$ at t = {t}, the share the update gate passes straight on to the last step "
        "T = {T}, $\\prod_k z_k$: {mean:.3g} on average over units, {best:.3g} at most.",
    },
    "gru.split.last": {
        "ko": "마지막 단계입니다. 이 $h_t$가 GRU의 최종 상태 `h_n`입니다.",
        "en": "This is the last step: this $h_t$ is the GRU's final state `h_n`.",
    },
    "gru.forms.now.title": {
        "ko": "PyTorch 방식과 교과서 방식 (이 단계, 같은 $h_{t-1}$에서)",
        "en": "PyTorch's reset and the textbook's (this step, same $h_{t-1}$)",
    },
    "gru.forms.now.pytorch": {
        "ko": "**PyTorch** (`torch.nn.GRU`): 행렬을 곱한 **뒤에** $r_t$를 곱합니다.",
        "en": "**PyTorch** (`torch.nn.GRU`): $r_t$ multiplies **after** the matrix.",
    },
    "gru.forms.now.textbook": {
        "ko": "**교과서** (Cho et al., 2014): 행렬을 곱하기 **전에** $h_{t-1}$에 $r_t$를 곱합니다.",
        "en": "**Textbook** (Cho et al., 2014): $r_t$ multiplies $h_{t-1}$ **before** the matrix.",
    },
    "gru.forms.now.gap": {
        "ko": "유닛 j의 두 후보는 {d:.4f}만큼, 모든 유닛 가운데서는 최대 {all:.4f}만큼 다릅니다.",
        "en": "The two candidates of unit j differ by {d:.4f}; across all units by up to {all:.4f}.",
    },
    "gru.now.title": {
        "ko": "t = {t}까지 같은 토큰을 읽은 RNN, LSTM, GRU의 상태",
        "en": "RNN, LSTM and GRU after reading the same tokens up to t = {t}",
    },
    "gru.heat.title": {
        "ko": "문장 전체의 게이트: 가로축이 단계 t, 세로축이 유닛 j",
        "en": "Gates over the whole text: step t across, unit j down",
    },
    "gru.heat.r": {"ko": "리셋 게이트 r", "en": "reset gate r"},
    "gru.heat.z": {"ko": "업데이트 게이트 z", "en": "update gate z"},
    "gru.heat.n": {"ko": "후보 h̃", "en": "candidate h̃"},
    "gru.heat.h": {"ko": "은닉 상태 h", "en": "hidden state h"},
    # --- 2. update gate ----------------------------------------------------------------------
    "gru.update.title": {
        "ko": "2. 업데이트 게이트: 이전 상태를 그대로 실어 나르기",
        "en": "2. The update gate carries the old state through",
    },
    "gru.update.body": {
        "ko": "$h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t$ 이므로 $z_t$가 1에 가까운 유닛은 이전 "
        "상태를 거의 바꾸지 않고 다음 단계로 넘깁니다. 단계 s의 상태가 t까지 곧장 전해지는 몫은 그 사이 "
        "업데이트 게이트들의 곱 $\\prod_{k=s+1}^{t} z_k$입니다. 이 곱이 1에 가까우면 기억(그리고 역전파의 "
        "기울기)이 먼 거리를 건너갑니다. 흔한 오해와 달리 LSTM의 망각 게이트에 해당하는 것은 리셋 게이트가 "
        "아니라 업데이트 게이트입니다. $z_t$가 망각 게이트처럼 남길 몫을, $1 - z_t$가 입력 게이트처럼 "
        "쓸 몫을 한꺼번에 정합니다.\n\n"
        "아래 손잡이는 모든 유닛의 업데이트 게이트 편향 $b_{iz}$에 같은 값을 더합니다. 위의 단계별 계산과 "
        "그림, 아래의 비교도 모두 바뀐 모델로 다시 계산됩니다.",
        "en": "Because $h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t$, a unit whose $z_t$ is near 1 "
        "passes its old state on almost unchanged. The share of the state at step s that reaches step t "
        "this way is the product of the update gates in between, $\\prod_{k=s+1}^{t} z_k$; while it stays "
        "near 1, memory (and, in backpropagation, the gradient) crosses long distances. Contrary to a "
        "common guess, the LSTM's forget gate has its counterpart in the update gate, not the reset gate: "
        "$z_t$ sets what to keep, like a forget gate, and $1 - z_t$ what to write, like an input gate, "
        "both at once.\n\n"
        "The knob below adds the same number to the update-gate bias $b_{iz}$ of every unit. Everything "
        "on the page (the steps and the diagram above, the comparisons below) is recomputed with the "
        "shifted model.",
    },
    "gru.update.shift": {
        "ko": "업데이트 게이트 편향에 더할 값 (b_iz + …)",
        "en": "Shift of the update-gate bias (b_iz + …)",
    },
    "gru.update.shift.help": {
        "ko": "σ 안에 더해집니다. 양수면 z가 1 쪽으로(유지), 음수면 0 쪽으로(덮어쓰기) 갑니다. 편향을 바꾼 "
        "모델도 여전히 torch.nn.GRU이므로 위의 배지는 그 모듈과 비교합니다.",
        "en": "Added inside σ. Positive pushes z towards 1 (keep), negative towards 0 (overwrite). The "
        "shifted model is still a torch.nn.GRU, and the badge above compares with it.",
    },
    "gru.update.mean_z": {"ko": "z의 평균 (문장 전체)", "en": "Mean z over the text"},
    "gru.update.carry_end": {
        "ko": "h₁ 가운데 T = {T}까지 남는 몫 (평균)",
        "en": "Share of h₁ still carried at T = {T} (mean)",
    },
    "gru.update.change": {"ko": "가장 큰 |hₜ − hₜ₋₁|", "en": "Largest |hₜ − hₜ₋₁|"},
    "gru.update.figure": {
        "ko": "h₁ 가운데 단계 t까지 곧장 전해지는 몫 ∏ z (가는 선: 유닛별)",
        "en": "How much of h₁ is carried straight to step t: ∏ z (thin lines: single units)",
    },
    "gru.update.mean": {"ko": "유닛 평균 (편향 {s})", "en": "mean over units (shift {s})"},
    "gru.update.reference": {"ko": "편향 {s}일 때 평균", "en": "mean at shift {s}"},
    "gru.update.convention": {
        "ko": "표기 주의: PyTorch(그리고 Cho et al. 2014, d2l)에서는 $z_t$가 1에 가까울 때 이전 상태를 "
        "**유지**합니다. Chung et al.(2014)이나 Olah의 글처럼 $z_t$와 $1 - z_t$의 역할을 바꿔 쓰는 자료도 "
        "있으니, 식을 볼 때 어느 쪽이 $h_{t-1}$에 곱해지는지 확인하세요.",
        "en": "Mind the convention: in PyTorch (and Cho et al. 2014, d2l) $z_t$ near 1 **keeps** the old "
        "state. Some texts (Chung et al. 2014, Olah's blog) swap the roles of $z_t$ and $1 - z_t$; check "
        "which one multiplies $h_{t-1}$.",
    },
    # --- 3. PyTorch's reset versus the textbook's ------------------------------------------
    "gru.forms.title": {
        "ko": "3. 리셋 게이트: PyTorch 방식과 교과서 방식",
        "en": "3. The reset gate: PyTorch's form and the textbook's",
    },
    "gru.forms.body": {
        "ko": "두 방식은 리셋 게이트를 곱하는 자리만 다릅니다. PyTorch(cuDNN과 같은 방식)는 "
        "$W_{hn} h_{t-1} + b_{hn}$을 먼저 계산하고 거기에 $r_t$를 곱합니다. Cho et al.(2014)의 원래 GRU는 "
        "$h_{t-1}$에 먼저 $r_t$를 곱한 뒤 행렬을 곱합니다. 행렬 곱과 원소별 곱은 순서를 바꿀 수 없고, "
        "편향 $b_{hn}$도 PyTorch 방식에서만 $r_t$에 곱해지므로, 같은 가중치라도 결과가 다릅니다. 모든 $r_t$가 "
        "1일 때만 둘이 같습니다. PyTorch 방식은 $W_{hn} h_{t-1}$을 다른 게이트의 행렬 곱과 한 번에 계산할 수 "
        "있어 빠릅니다.",
        "en": "The two forms differ only in where the reset gate multiplies. PyTorch (like cuDNN) first "
        "computes $W_{hn} h_{t-1} + b_{hn}$ and multiplies that by $r_t$; the original GRU of Cho et al. "
        "(2014) multiplies $h_{t-1}$ by $r_t$ first and applies the matrix afterwards. A matrix product "
        "and an element-wise product do not commute, and only PyTorch's form gates the bias $b_{hn}$, so "
        "the same weights give different numbers; the two agree only when every $r_t$ is 1. PyTorch's "
        "form is faster: $W_{hn} h_{t-1}$ can be computed in one go with the other gates' matrix products.",
    },
    "gru.forms.pytorch": {"ko": "**PyTorch 방식** (`torch.nn.GRU`)", "en": "**PyTorch's form** (`torch.nn.GRU`)"},
    "gru.forms.textbook": {"ko": "**교과서 방식** (Cho et al., 2014)", "en": "**Textbook form** (Cho et al., 2014)"},
    "gru.forms.one_step": {
        "ko": "같은 h(t−1)에서 한 단계: 후보 h̃의 차이",
        "en": "one step from the same h(t−1): gap in h̃",
    },
    "gru.forms.whole_run": {
        "ko": "각 방식으로 끝까지 실행: 상태 h의 차이",
        "en": "each form run on its own: gap in h",
    },
    "gru.forms.figure": {
        "ko": "내 문장에서 두 방식의 차이 (유닛 가운데 최대)",
        "en": "How far apart the two forms are on your text (largest over units)",
    },
    "gru.forms.max": {
        "ko": "이 문장에서 두 방식의 은닉 상태는 최대 {d:.4f}만큼 다릅니다. `torch.nn.GRU`와 일치하는 것은 "
        "PyTorch 방식뿐입니다.",
        "en": "On this text the two forms' hidden states differ by up to {d:.4f}; only PyTorch's form "
        "matches `torch.nn.GRU`.",
    },
    # --- 4. RNN, LSTM and GRU --------------------------------------------------------------
    "gru.compare.title": {"ko": "4. RNN, LSTM, GRU 나란히", "en": "4. RNN, LSTM and GRU side by side"},
    "gru.compare.body": {
        "ko": "세 모델이 같은 임베딩 $x_1, \\dots, x_T$를 같은 은닉 크기 H로 읽습니다(가중치는 각각 같은 "
        "시드의 무작위 초기값). 지금 단계의 상태는 위의 단계별 보기에서 비교했고, 여기서는 문장 전체를 "
        "봅니다. RNN은 매 단계 상태를 통째로 다시 쓰고, LSTM은 상태 $h$ 옆에 셀 $c$를 따로 들고 다니며, "
        "GRU는 게이트로 상태 $h$ 하나를 조금씩 고칩니다.",
        "en": "The three models read the same embeddings $x_1, \\dots, x_T$ with the same hidden size H "
        "(each with random initial weights from the same seed). The step view above compares their "
        "states at the current step; here is the whole text. The RNN rewrites its whole state at every "
        "step, the LSTM carries a cell $c$ beside its state $h$, and the GRU edits its single state $h$ "
        "through its gates.",
    },
    "gru.compare.checks": {
        "ko": "세 모델 모두 PyTorch 모듈과 비교했습니다. `nn.RNN` 최대 차이 {rnn:.1e}, `nn.LSTM` 최대 차이 "
        "{lstm:.1e} (GRU는 위의 배지).",
        "en": "All three are checked against PyTorch: `nn.RNN` max difference {rnn:.1e}, `nn.LSTM` "
        "{lstm:.1e} (the GRU: the badge above).",
    },
    "gru.params.title": {"ko": "매개변수 개수", "en": "Parameter count"},
    "gru.params.body": {
        "ko": "입력 크기 Q, 은닉 크기 D인 층 하나·방향 하나에는 게이트 블록마다 D×Q 입력 행렬, D×D 순환 행렬, "
        "길이 D인 편향 두 개가 있습니다. 블록 수 G는 RNN 1, GRU 3(r, z, n), LSTM 4(i, f, g, o)이므로 "
        "G·(D·(Q+D) + 2D)개입니다. 두 번째 층부터는 입력 크기가 D(양방향이면 2D)입니다. ‘실제 개수’ 열은 그 "
        "크기로 만든 PyTorch 모듈의 `sum(p.numel())`입니다. 여기서는 D = H = {d}, Q = {q}입니다.",
        "en": "One layer and direction with input size Q and hidden size D has, per gate block, a D×Q "
        "input matrix, a D×D recurrent matrix and two bias vectors of length D. An RNN has G = 1 block, a "
        "GRU 3 (r, z, n), an LSTM 4 (i, f, g, o): G·(D·(Q+D) + 2D) parameters. Layers above the first read "
        "D inputs (2D when bidirectional). The column 'counted' is `sum(p.numel())` of a real PyTorch "
        "module of those sizes. Here D = H = {d} and Q = {q}.",
    },
    "gru.params.layers": {"ko": "층 수 K", "en": "Layers K"},
    "gru.params.bidir": {"ko": "양방향 (bidirectional)", "en": "Bidirectional"},
    "gru.params.model": {"ko": "모듈", "en": "Module"},
    "gru.params.gates": {"ko": "게이트 블록 G", "en": "Gate blocks G"},
    "gru.params.formula": {"ko": "식", "en": "Formula"},
    "gru.params.by_formula": {"ko": "식으로 계산", "en": "By formula"},
    "gru.params.counted": {"ko": "실제 개수 sum(p.numel())", "en": "Counted, sum(p.numel())"},
    "gru.params.ratio": {
        "ko": "GRU는 {gru}개로 LSTM({lstm}개)의 정확히 3/4입니다. 게이트 블록이 하나 적기 때문입니다. "
        "RNN은 {rnn}개입니다.",
        "en": "The GRU has {gru} parameters, exactly 3/4 of the LSTM's {lstm}: one gate block fewer. "
        "The RNN has {rnn}.",
    },
    "gru.params.shapes": {
        "ko": "GRU 매개변수의 모양 (r, z, n 블록을 세로로 쌓음)",
        "en": "Shapes of the GRU's parameters (blocks r, z, n stacked row-wise)",
    },
    "gru.params.name": {"ko": "이름", "en": "Name"},
    "gru.params.shape": {"ko": "모양", "en": "Shape"},
    "gru.gives.title": {
        "ko": "셀 상태가 없어서 GRU가 포기한 것",
        "en": "What the GRU gives up by having no cell state",
    },
    "gru.gives.body": {
        "ko": "- **숨겨 둔 기억이 없습니다.** LSTM은 셀 $c_t$에 기억을 두고 출력 게이트로 그 일부만 $h_t$로 "
        "내보냅니다. GRU는 기억하는 것이 곧 내보내는 것입니다.\n"
        "- **남기기와 쓰기가 묶여 있습니다.** LSTM의 $f_t$와 $i_t$는 따로 움직여서 다 남기면서 새로 더할 수도 "
        "있지만, GRU는 $z_t$만큼 남기면 정확히 $1 - z_t$만큼만 씁니다.\n"
        "- **상태의 크기가 묶여 있습니다.** $h_t$는 (−1, 1) 안의 값들을 섞은 것이라 늘 그 안에 있습니다. "
        "LSTM의 셀은 단계마다 더해져 1을 넘을 수 있습니다(예: 개수 세기).\n"
        "- **대신 얻는 것:** 매개변수가 1/4 적고 한 단계가 빠르며, 많은 과제에서 LSTM과 비슷한 성능을 냅니다.",
        "en": "- **No hidden memory.** An LSTM keeps its memory in the cell $c_t$ and lets the output gate "
        "show only part of it as $h_t$. In a GRU, what it remembers is exactly what it outputs.\n"
        "- **Keeping and writing are tied.** The LSTM's $f_t$ and $i_t$ move independently, so it can keep "
        "everything and still add; a GRU that keeps $z_t$ writes exactly $1 - z_t$.\n"
        "- **The state is bounded.** $h_t$ mixes values in (−1, 1), so it stays inside; the LSTM's cell "
        "adds up step by step and can pass 1 (to count, for instance).\n"
        "- **What it gains:** a quarter fewer parameters, faster steps, and on many tasks accuracy close "
        "to an LSTM's.",
    },
    "gru.gives.c_max": {"ko": "LSTM: 가장 큰 |cₜ|", "en": "LSTM: largest |cₜ|"},
    "gru.gives.h_max": {"ko": "GRU: 가장 큰 |hₜ| (늘 1 미만)", "en": "GRU: largest |hₜ| (always below 1)"},
    "gru.gives.fi": {"ko": "LSTM: fₜ + iₜ의 범위", "en": "LSTM: range of fₜ + iₜ"},
    "gru.gives.zz": {"ko": "GRU: zₜ + (1 − zₜ), 언제나", "en": "GRU: zₜ + (1 − zₜ), always"},
}
