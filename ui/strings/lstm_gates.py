"""Strings of the "LSTM gates" page (concepts C15, C16, C19)."""

STRINGS: dict[str, dict[str, str]] = {
    "page.lstm_gates.title": {"ko": "LSTM 게이트", "en": "LSTM gates"},
    "page.lstm_gates.summary": {
        "ko": "망각·입력·출력 게이트와 셀 상태가 단계마다 어떻게 열리고 닫히는지, 실제 숫자로 봅니다.",
        "en": "Watch the forget, input and output gates and the cell state open and close at every step, with the real numbers.",
    },
    "lstm.intro": {
        "ko": "RNN은 매 단계 은닉 상태를 tanh(W·h + U·x + b)로 통째로 새로 쓰기 때문에, 멀리 떨어진 단계의 정보는 곱해질수록 옅어집니다. "
        "LSTM은 여기에 두 번째 선인 **셀 상태 C_t**를 더합니다. 셀 상태는 컨베이어 벨트처럼 단계에서 단계로 흘러가고, "
        "원소별 곱(**망각 게이트 f**)과 덧셈(**입력 게이트 i** × **후보 C̃**)으로만 바뀝니다. **출력 게이트 o**는 tanh(C_t) 가운데 "
        "얼마를 은닉 상태 h_t로 내보낼지 정합니다. 한 셀은 x_t, h_(t−1), C_(t−1) 세 가지를 받아 C_t, 다음 단계로 가는 h_t, "
        "위로 나가는 출력 h_t 세 갈래로 내보냅니다.",
        "en": "An RNN rewrites its whole hidden state at every step with tanh(W·h + U·x + b), so what it read long ago "
        "fades a little with each multiplication. An LSTM adds a second line, the **cell state C_t**. It runs from step to "
        "step like a conveyor belt and changes only through an element-wise product (the **forget gate f**) and a sum "
        "(the **input gate i** times the **candidate C̃**). The **output gate o** decides how much of tanh(C_t) leaves as "
        "the hidden state h_t. One cell takes three things in, x_t, h_(t−1) and C_(t−1), and sends three out: C_t, "
        "h_t to the next step, and h_t upwards as this step's output.",
    },
    # --- settings ----------------------------------------------------------------------------
    "lstm.settings": {"ko": "모델 설정", "en": "Model settings"},
    "lstm.model": {"ko": "모델", "en": "Model"},
    "lstm.model.kind.random": {"ko": "시드로 만든 무작위 LSTM", "en": "Seeded random LSTM"},
    "lstm.model.kind.trained": {"ko": "학습된 감성 분류 LSTM", "en": "Trained sentiment LSTM"},
    "lstm.model.help": {
        "ko": "무작위 LSTM은 학습 전의 모델이라 게이트가 뜻 없이 열리고 닫히지만 계산 과정은 똑같습니다. "
        "학습된 감성 분류 LSTM은 문장이 긍정인지 부정인지 맞히도록 학습한 가중치와 그 모델의 토큰화·임베딩을 씁니다.",
        "en": "The random LSTM is untrained, so its gates open and close without meaning, but the arithmetic is the "
        "same. The trained sentiment LSTM uses weights learned to tell positive from negative sentences, with that "
        "model's own tokens and embeddings.",
    },
    "lstm.model.only_random": {
        "ko": "모델: 시드로 만든 무작위 LSTM. 학습된 감성 분류 LSTM은 이 설치본에 아직 없습니다.",
        "en": "Model: a seeded random LSTM. This build does not ship the trained sentiment LSTM yet.",
    },
    "lstm.model.using_random": {
        "ko": "**사용 중인 모델: 시드로 만든 무작위 LSTM** (학습하지 않음). 임베딩 E = {E}, 은닉 크기 H = {H}, "
        "시드 {seed}, 망각 편향 b_f = {b}, 토큰 T = {T}개. 숫자에 아직 뜻은 없지만, 계산 과정은 학습된 모델과 똑같습니다.",
        "en": "**Model in use: a seeded random LSTM** (untrained). Embedding E = {E}, hidden size H = {H}, seed {seed}, "
        "forget bias b_f = {b}, T = {T} tokens. The numbers mean nothing yet, but the arithmetic is exactly that of a "
        "trained model.",
    },
    "lstm.model.using_trained": {
        "ko": "**사용 중인 모델: 학습된 감성 분류 LSTM.** 입력 크기 E = {E}, 은닉 크기 H = {H}, 토큰 T = {T}개. "
        "마지막 은닉 상태 h_T가 분류기로 들어가 긍정일 확률을 냅니다.",
        "en": "**Model in use: the trained sentiment LSTM.** Input size E = {E}, hidden size H = {H}, T = {T} tokens. "
        "The last hidden state h_T goes into a classifier that gives the probability of a positive sentence.",
    },
    "lstm.model.p": {
        "ko": "이 문장이 긍정일 확률 σ(w·h_T + b) = **{p}**",
        "en": "Probability that this sentence is positive, σ(w·h_T + b) = **{p}**",
    },
    "lstm.level": {"ko": "토큰 단위", "en": "Token unit"},
    "lstm.level.kind.word": {"ko": "단어", "en": "Word"},
    "lstm.level.kind.char": {"ko": "문자", "en": "Character"},
    "lstm.dim": {"ko": "임베딩 크기 E", "en": "Embedding size E"},
    "lstm.dim.help": {
        "ko": "토큰 하나가 E개의 숫자로 된 벡터 x_t가 됩니다. E가 곧 LSTM의 입력 크기입니다.",
        "en": "Each token becomes a vector x_t of E numbers; E is the LSTM's input size.",
    },
    "lstm.hidden": {"ko": "은닉 크기 H", "en": "Hidden size H"},
    "lstm.hidden.help": {
        "ko": "게이트와 상태가 모두 H개의 숫자(유닛 j = 1 … H)로 된 벡터입니다.",
        "en": "Every gate and state is a vector of H numbers, the units j = 1 … H.",
    },
    "lstm.seed": {"ko": "시드", "en": "Seed"},
    "lstm.seed.help": {
        "ko": "임베딩, LSTM 가중치, 핍홀 가중치의 무작위 초기값을 정합니다. 같은 시드는 언제나 같은 숫자를 냅니다.",
        "en": "Fixes the random initial values of the embedding, the LSTM weights and the peephole weights. "
        "The same seed always gives the same numbers.",
    },
    "lstm.fbias": {"ko": "망각 게이트 편향 b_f", "en": "Forget-gate bias b_f"},
    "lstm.fbias.help": {
        "ko": "b_f가 크면 처음부터 f_t ≈ 1이라 셀이 잘 잊지 않습니다. 학습을 시작할 때 1 정도로 두는 관례가 있습니다. 음수면 셀이 금세 잊습니다.",
        "en": "A large b_f starts f_t near 1, so the cell forgets little; starting training at about 1 is a common "
        "habit. A negative b_f makes the cell forget quickly.",
    },
    "lstm.peephole": {"ko": "핍홀 연결 켜기", "en": "Peephole connections"},
    "lstm.peephole.help": {
        "ko": "게이트가 셀 상태를 직접 들여다보는 변형입니다. 아래 4절에서 설명합니다.",
        "en": "A variant whose gates look at the cell state directly; section 4 explains it.",
    },
    "lstm.caps": {
        "ko": "상한: 임베딩 E ≤ {E}, 은닉 크기 H ≤ {H}, 한 번에 한 문장, 문장마다 토큰 {T}개(`<bos>`·`<eos>` 포함)까지.",
        "en": "Caps: embedding E ≤ {E}, hidden size H ≤ {H}, one sentence at a time, {T} tokens a sentence "
        "(with `<bos>` and `<eos>`).",
    },
    "lstm.sentence": {"ko": "따라가 볼 문장", "en": "Sentence to step through"},
    "lstm.trained.loading": {"ko": "학습된 모델을 불러오는 중…", "en": "Loading the trained model…"},
    "lstm.trained.missing": {
        "ko": "학습된 모델을 불러올 수 없어 시드로 만든 무작위 LSTM을 대신 씁니다.",
        "en": "The trained model cannot be loaded, so the seeded random LSTM is used instead.",
    },
    "lstm.trained.failed": {
        "ko": "학습된 모델이 이 문장을 읽지 못했습니다. 문장을 바꾸거나 설정에서 무작위 LSTM을 골라 주세요.",
        "en": "The trained model could not read this text. Change the text, or pick the random LSTM in the settings.",
    },
    "lstm.nonfinite": {
        "ko": "계산 중에 무한대나 NaN이 나왔습니다. 설정을 바꿔 보세요.",
        "en": "The computation produced infinity or NaN. Try other settings.",
    },
    "lstm.check.plain": {
        "ko": "아래의 모든 숫자는 게이트를 한 단계씩 직접 계산한 값입니다. 그 결과(모든 h_t와 마지막 h_T, C_T)를 같은 가중치의 "
        "`torch.nn.LSTM`과 float64로 비교했습니다. 개입을 켜도 이 비교는 개입하지 않은 실행에 대한 것입니다.",
        "en": "Every number below is computed gate by gate, one step at a time. The result (every h_t and the final "
        "h_T, C_T) is compared in float64 with `torch.nn.LSTM` holding the same weights. With an intervention on, the "
        "check still concerns the run without it.",
    },
    "lstm.check.peephole": {
        "ko": "`torch.nn.LSTM`에는 핍홀이 없어서, 핍홀 식을 그대로 PyTorch로 쓴 `PeepholeLSTM.forward`와 비교합니다. "
        "이 모듈은 자동미분과 유한차분으로 검증했고, 핍홀 가중치가 0이면 `nn.LSTM`과 정확히 같습니다.",
        "en": "`torch.nn.LSTM` has no peepholes, so the check is against `PeepholeLSTM.forward`, the peephole "
        "equations written as a PyTorch module. That module is checked with autograd and finite differences, and with "
        "zero peephole weights it equals `nn.LSTM` exactly.",
    },
    # --- interventions (controls) ------------------------------------------------------------------
    "lstm.iv": {"ko": "개입", "en": "Intervention"},
    "lstm.iv.kind.none": {"ko": "없음", "en": "None"},
    "lstm.iv.kind.forget0": {"ko": "f = 0 고정 (모두 잊기)", "en": "Clamp f = 0 (forget everything)"},
    "lstm.iv.kind.forget1": {"ko": "f = 1 고정 (절대 잊지 않기)", "en": "Clamp f = 1 (never forget)"},
    "lstm.iv.kind.reset": {"ko": "한 단계에서 셀 지우기", "en": "Reset the cell at a step"},
    "lstm.iv.help": {
        "ko": "개입한 실행은 일부러 모델과 다르게 계산합니다. 1·2절은 개입한 실행을 보여 주고, 3절에서 원래 실행과 비교합니다.",
        "en": "The intervened run departs from the model on purpose. Sections 1 and 2 show the intervened run; "
        "section 3 compares it with the original.",
    },
    "lstm.iv.reset_at": {"ko": "지우는 단계 t (C_(t−1) := 0)", "en": "Reset before step t (C_(t−1) := 0)"},
    # --- 1. step by step ---------------------------------------------------------------------------
    "lstm.step.title": {"ko": "1. 한 단계씩: 여섯 개의 식", "en": "1. One step at a time: the six equations"},
    "lstm.step.body": {
        "ko": "시간 단계 t마다 LSTM은 x_t와 h_(t−1)을 보고 게이트 세 개(f, i, o)와 후보 C̃_t를 계산한 뒤, 셀 상태와 은닉 상태를 "
        "갱신합니다. 식의 각 항 아래 숫자가 고른 유닛 j에서 그 항의 값입니다. PyTorch는 네 블록의 가중치를 i, f, g(= C̃), o 순서로 "
        "한 행렬에 쌓아 두고 편향도 두 벌(b_ih, b_hh) 두지만, 계산에 쓰이는 것은 합 b = b_ih + b_hh뿐입니다.",
        "en": "At each time step t the LSTM reads x_t and h_(t−1), computes the three gates (f, i, o) and the candidate "
        "C̃_t, then updates the cell and hidden states. The number under each term is that term's value for the chosen "
        "unit j. PyTorch stacks the weights of the four blocks in one matrix in the order i, f, g (= C̃), o, and keeps "
        "two biases (b_ih, b_hh); only their sum b = b_ih + b_hh matters.",
    },
    "lstm.unit": {"ko": "유닛 j", "en": "Unit j"},
    "lstm.unit.help": {
        "ko": "식과 셀 그림은 유닛 하나의 숫자를, 컨베이어 벨트와 표는 모든 유닛을 보여 줍니다.",
        "en": "The equations and the cell diagram show one unit; the conveyor belt and the table show them all.",
    },
    "lstm.step.intervened": {
        "ko": "개입한 실행을 보여 주는 중입니다. 원래 실행과의 비교는 3절에 있습니다.",
        "en": "Showing the intervened run; section 3 compares it with the original.",
    },
    "lstm.step.now": {
        "ko": "**t = {t} / {T}**, 유닛 **j = {j} / {H}**. 위에서 주황 테두리 토큰이 지금 읽는 입력 x_t입니다.",
        "en": "**t = {t} of {T}**, unit **j = {j} of {H}**. The token outlined in orange above is the input x_t read now.",
    },
    "lstm.step.clamped": {
        "ko": "망각 게이트를 {v}로 고정했습니다. σ(…)가 낸 값(취소선)은 쓰이지 않습니다.",
        "en": "The forget gate is clamped to {v}: the value σ(…) gave (struck out) is not used.",
    },
    "lstm.step.legend": {
        "ko": "σ는 시그모이드(0과 1 사이), ⊙는 원소별 곱입니다. 게이트가 0이면 닫힘, 1이면 활짝 열림입니다. 그림에서 게이트 선이 굵을수록 "
        "많이 통과시킵니다.",
        "en": "σ is the sigmoid (between 0 and 1) and ⊙ the element-wise product. A gate at 0 is shut, at 1 wide open; "
        "in the diagram, the thicker a gate's wire, the more it lets through.",
    },
    "lstm.diagram.title": {
        "ko": "셀 그림: 유닛 j = {j}의 숫자가 선을 따라 흐릅니다",
        "en": "The cell: unit j = {j}'s numbers flow along the wires",
    },
    "lstm.diagram.f": {"ko": "망각 f", "en": "forget f"},
    "lstm.diagram.i": {"ko": "입력 i", "en": "input i"},
    "lstm.diagram.g": {"ko": "후보 C̃", "en": "candidate C̃"},
    "lstm.diagram.o": {"ko": "출력 o", "en": "output o"},
    "lstm.diagram.cell": {"ko": "셀 상태 (컨베이어 벨트)", "en": "cell state (conveyor belt)"},
    "lstm.diagram.hidden": {"ko": "은닉 상태", "en": "hidden state"},
    "lstm.diagram.clamped": {"ko": "고정", "en": "clamped"},
    "lstm.diagram.reset": {"ko": "셀 지움 → 0", "en": "cell reset → 0"},
    "lstm.belt.title": {
        "ko": "컨베이어 벨트: 망각 게이트가 지운 것, 입력 게이트가 쓴 것",
        "en": "The conveyor belt: what f erased, what i·C̃ wrote",
    },
    "lstm.belt.body": {
        "ko": "유닛마다 위 막대가 이전 셀 값 C_(t−1)(○)입니다. 파란 부분은 f가 남긴 f⊙C_(t−1), 빗금 친 빨간 부분은 지운 "
        "(1−f)⊙C_(t−1)입니다. 아래 초록 막대는 남은 값의 끝에서 i⊙C̃를 더한 것이고, 그 끝(◆)이 새 셀 값 C_t입니다.",
        "en": "For each unit the upper bar is the previous cell value C_(t−1) (○): the blue part is f⊙C_(t−1), what f "
        "kept; the hatched red part is (1−f)⊙C_(t−1), what it erased. The green bar below adds i⊙C̃ from the end of "
        "what was kept, and where it ends (◆) is the new cell value C_t.",
    },
    "lstm.belt.kept": {"ko": "남김 f⊙C(t−1)", "en": "kept f⊙C(t−1)"},
    "lstm.belt.erased": {"ko": "지움 (1−f)⊙C(t−1)", "en": "erased (1−f)⊙C(t−1)"},
    "lstm.belt.written": {"ko": "씀 i⊙C̃", "en": "written i⊙C̃"},
    "lstm.belt.c_prev": {"ko": "C(t−1)", "en": "C(t−1)"},
    "lstm.belt.c": {"ko": "C(t)", "en": "C(t)"},
    "lstm.window": {
        "ko": "유닛이 많아 고른 유닛 주변의 j = {a} … {b}만 그렸습니다 (전체 H = {H}). 표에는 모든 유닛이 있습니다.",
        "en": "Many units: only j = {a} … {b}, around the chosen unit, are drawn (of H = {H}). The table lists them all.",
    },
    "lstm.table.title": {"ko": "단계 t = {t}의 모든 유닛", "en": "Every unit at step t = {t}"},
    # --- 2. the whole sentence ----------------------------------------------------------------------
    "lstm.whole.title": {
        "ko": "2. 문장 전체: 게이트 히트맵과 셀 상태",
        "en": "2. The whole sentence: gate heatmaps and the cell state",
    },
    "lstm.whole.body": {
        "ko": "가로가 시간 t, 세로가 유닛 j입니다. 게이트 f, i, o는 0과 1 사이, 후보 C̃와 h는 −1과 1 사이에 있고, 셀 상태 C에는 "
        "상한이 없습니다. 망각 게이트가 밝은(1에 가까운) 유닛은 셀 값을 오래 들고 갑니다.",
        "en": "Time t runs across, units j down. The gates f, i and o lie between 0 and 1, the candidate C̃ and h "
        "between −1 and 1, and the cell state C has no bound. A unit whose forget gate stays bright (near 1) carries "
        "its cell value a long way.",
    },
    "lstm.heat.f": {"ko": "망각 게이트 f", "en": "forget gate f"},
    "lstm.heat.i": {"ko": "입력 게이트 i", "en": "input gate i"},
    "lstm.heat.g": {"ko": "후보 C̃", "en": "candidate C̃"},
    "lstm.heat.o": {"ko": "출력 게이트 o", "en": "output gate o"},
    "lstm.heat.c": {"ko": "셀 상태 C", "en": "cell state C"},
    "lstm.heat.h": {"ko": "은닉 상태 h", "en": "hidden state h"},
    "lstm.lines.title": {"ko": "유닛별 셀 상태 C_t", "en": "Cell state C_t of each unit"},
    "lstm.lines.alt": {"ko": "개입", "en": "intervened"},
    "lstm.lines.caption": {
        "ko": "실선은 원래 실행, 점선은 개입한 실행입니다.",
        "en": "Solid lines are the original run, dashed lines the intervened one.",
    },
    # --- 3. interventions ---------------------------------------------------------------------------
    "lstm.iv.title": {"ko": "3. 개입: 기억을 일부러 망가뜨리면", "en": "3. Interventions: break the memory on purpose"},
    "lstm.iv.body": {
        "ko": "위의 '개입'에서 망각 게이트를 0이나 1로 고정하거나, 한 단계에서 셀을 0으로 지워 보세요. 개입한 지점 앞은 그대로이고, "
        "그 뒤의 상태가 원래 실행과 얼마나 달라지는지가 아래에 나옵니다.",
        "en": "Use 'Intervention' above to clamp the forget gate to 0 or 1, or to wipe the cell at one step. Everything "
        "before the intervention stays as it was; below is how much every later state differs from the original run.",
    },
    "lstm.iv.none_yet": {
        "ko": "지금은 개입이 없습니다. 위의 '개입'에서 하나를 고르면 여기에 원래 실행과의 차이가 나타납니다.",
        "en": "No intervention now. Pick one under 'Intervention' above and the difference from the original run appears here.",
    },
    "lstm.iv.first": {"ko": "처음 달라진 단계", "en": "First step that changed"},
    "lstm.iv.last_dh": {"ko": "마지막 단계의 최대 |Δh|", "en": "Largest |Δh| at the last step"},
    "lstm.iv.last_dc": {"ko": "마지막 단계의 최대 |ΔC|", "en": "Largest |ΔC| at the last step"},
    "lstm.iv.p": {"ko": "긍정 확률 (개입 후)", "en": "P(positive), intervened"},
    "lstm.iv.explain.forget0": {
        "ko": "f = 0이면 C_t = i_t ⊙ C̃_t입니다. 셀은 매 단계 과거를 모두 버리고 이번 입력에서 쓴 것만 들고 갑니다. "
        "첫 단계는 C_0 = 0이라 f와 상관없이 같고, 둘째 단계부터 달라집니다. 이제 장기 기억은 h_(t−1)을 거치는 길뿐입니다.",
        "en": "With f = 0, C_t = i_t ⊙ C̃_t: at every step the cell throws the whole past away and keeps only what this "
        "input wrote. The first step is unchanged because C_0 = 0 whatever f is; from the second step on the runs "
        "differ. Long-term memory can now only pass through h_(t−1).",
    },
    "lstm.iv.explain.forget1": {
        "ko": "f = 1이면 C_t = C_(t−1) + i_t ⊙ C̃_t입니다. 아무것도 지우지 않고 쓴 것을 계속 더하므로 셀 값이 문장을 따라 쌓여 커질 수 "
        "있습니다. 이때 ∂C_t/∂C_(t−1) = 1이라 기울기가 셀을 따라 줄지 않고 과거로 흐릅니다. 망각 게이트가 1보다 작을수록 이 곱이 줄어듭니다.",
        "en": "With f = 1, C_t = C_(t−1) + i_t ⊙ C̃_t: nothing is erased and every write adds up, so the cell values can "
        "grow along the sentence. Then ∂C_t/∂C_(t−1) = 1 and a gradient flows back along the cell without shrinking; "
        "the further f is below 1, the more that product shrinks.",
    },
    "lstm.iv.explain.reset": {
        "ko": "고른 단계 바로 앞에서 셀을 0으로 지웁니다(C_(t−1) := 0). 그 앞의 상태는 똑같습니다. 그 뒤에 남는 차이는 원래 실행의 셀이 그 기억을 "
        "얼마나 오래 들고 갔는지를 보여 줍니다. f가 1에 가까운 유닛일수록 차이가 오래 남습니다. t = 1에서 지우면 C_0은 원래 0이라 아무것도 바뀌지 않습니다.",
        "en": "The cell is wiped just before the chosen step (C_(t−1) := 0); every earlier state stays the same. The "
        "difference that remains afterwards shows how long the original cell carried that memory: it lasts longest in "
        "units whose f is near 1. Resetting at t = 1 changes nothing, since C_0 is 0 anyway.",
    },
    "lstm.iv.dh": {"ko": "Δh = h(개입) − h(원래)", "en": "Δh = h(intervened) − h(original)"},
    "lstm.iv.dc": {"ko": "ΔC = C(개입) − C(원래)", "en": "ΔC = C(intervened) − C(original)"},
    # --- 4. peepholes -------------------------------------------------------------------------------
    "lstm.peep.title": {"ko": "4. 핍홀 연결", "en": "4. Peephole connections"},
    "lstm.peep.body": {
        "ko": "표준 LSTM의 게이트는 x_t와 h_(t−1)만 봅니다. 셀 상태는 출력 게이트를 거쳐 h로 새어 나온 만큼만 간접적으로 보입니다. "
        "핍홀 연결(Gers & Schmidhuber, 2000)은 게이트가 셀을 직접 들여다보게 합니다. 망각·입력 게이트는 이전 셀 C_(t−1)을, "
        "출력 게이트는 방금 갱신한 C_t를 유닛별 가중치 w_c로 곱해 더합니다. `torch.nn.LSTM`에는 없는 변형이라 SeqLab이 직접 구현했습니다. "
        "설정에서 켜면 셀 그림에 보라색 점선이 생기고, 식에 항이 하나씩 붙습니다.",
        "en": "A standard LSTM's gates see only x_t and h_(t−1); they see the cell only indirectly, through what the "
        "output gate lets leak into h. Peephole connections (Gers & Schmidhuber, 2000) let the gates look at the cell "
        "itself: the forget and input gates add the previous cell C_(t−1), the output gate the freshly updated C_t, "
        "each times a per-unit weight w_c. `torch.nn.LSTM` has no such variant, so SeqLab implements it. Turn it on in "
        "the settings: purple dashed wires appear in the cell diagram and each gate's equation gains a term.",
    },
    "lstm.peep.off": {
        "ko": "핍홀이 꺼져 있습니다. 설정에서 '핍홀 연결 켜기'를 누르면 1절의 식과 셀 그림에 핍홀 항이 나타납니다.",
        "en": "Peepholes are off. Switch on 'Peephole connections' in the settings to see their terms in section 1's "
        "equations and diagram.",
    },
    "lstm.peep.weights": {
        "ko": "핍홀 가중치는 학습한 값이 아니라 시드 {seed}로 정한 −1과 1 사이의 무작위 값입니다.",
        "en": "The peephole weights are not learned: they are random values between −1 and 1 from seed {seed}.",
    },
    # --- 5. the PyTorch API ---------------------------------------------------------------------------
    "lstm.api.title": {
        "ko": "5. Y, (h_n, c_n) = LSTM(X): PyTorch LSTM의 텐서 모양",
        "en": "5. Y, (h_n, c_n) = LSTM(X): the shapes of PyTorch's LSTM",
    },
    "lstm.api.body": {
        "ko": "`torch.nn.LSTM`에 시퀀스 배치 X를 넣으면 모든 단계의 출력 Y와 마지막 상태 (h_n, c_n)이 나옵니다. 기호는 N = 배치 크기, "
        "L = 시퀀스 길이, Q = 입력 차원, K = 층 수, D = 은닉 차원입니다. 크기를 바꾸면 실제 모듈을 만들어 돌린 결과의 모양을 보여 줍니다. "
        "(위의 단계별 계산은 배치 없이 (L, Q) 하나를 넣은 경우입니다.)",
        "en": "Give `torch.nn.LSTM` a batch of sequences X and it returns the outputs of every step, Y, and the final "
        "states (h_n, c_n). The letters: N = batch size, L = sequence length, Q = input size, K = number of layers, "
        "D = hidden size. Change a size and the page builds and runs a real module and shows the shapes it returns. "
        "(The step-through above feeds one unbatched sequence of shape (L, Q).)",
    },
    "lstm.api.size.N": {"ko": "N (배치)", "en": "N (batch)"},
    "lstm.api.size.L": {"ko": "L (길이)", "en": "L (length)"},
    "lstm.api.size.Q": {"ko": "Q (입력)", "en": "Q (input)"},
    "lstm.api.size.K": {"ko": "K (층)", "en": "K (layers)"},
    "lstm.api.size.D": {"ko": "D (은닉)", "en": "D (hidden)"},
    "lstm.api.caps": {
        "ko": "상한: N ≤ {N}, L ≤ {L}, Q ≤ {Q}, K ≤ {K}, D ≤ {D}.",
        "en": "Caps: N ≤ {N}, L ≤ {L}, Q ≤ {Q}, K ≤ {K}, D ≤ {D}.",
    },
    "lstm.api.tensor": {"ko": "텐서", "en": "tensor"},
    "lstm.api.meaning": {"ko": "뜻", "en": "meaning"},
    "lstm.api.symbolic": {"ko": "기호로 쓴 모양", "en": "shape in symbols"},
    "lstm.api.shape": {"ko": "PyTorch가 돌려준 모양", "en": "shape PyTorch returned"},
    "lstm.api.X": {"ko": "입력 시퀀스 배치", "en": "the input batch of sequences"},
    "lstm.api.Y": {
        "ko": "마지막 층의 모든 단계 h_t (양방향이면 두 방향을 이어 붙임)",
        "en": "the last layer's h_t at every step (both directions side by side when bidirectional)",
    },
    "lstm.api.h_n": {"ko": "층·방향마다 마지막 은닉 상태", "en": "the final hidden state of each layer and direction"},
    "lstm.api.c_n": {"ko": "층·방향마다 마지막 셀 상태", "en": "the final cell state of each layer and direction"},
    "lstm.api.bf_note": {
        "ko": "batch_first=True는 X와 Y의 앞 두 축만 바꿉니다. h_n과 c_n은 언제나 (층×방향, N, D) 모양입니다.",
        "en": "batch_first=True swaps the first two axes of X and Y only; h_n and c_n are always (layers×directions, N, D).",
    },
    "lstm.api.params": {"ko": "매개변수와 그 모양", "en": "Parameters and their shapes"},
    "lstm.api.param": {"ko": "이름", "en": "name"},
    "lstm.api.packing": {
        "ko": "weight_ih와 weight_hh의 4·D개 행은 블록 i, f, g, o의 가중치를 이 순서로 위에서부터 쌓은 것입니다. 1절의 W_if는 "
        "weight_ih_l0의 D번째부터 2D번째 전까지의 행입니다.",
        "en": "The 4·D rows of weight_ih and weight_hh are the blocks i, f, g and o stacked in that order: section 1's W_if is "
        "rows D to 2D of weight_ih_l0.",
    },
    "lstm.api.count_body": {
        "ko": "층 k와 방향 d마다 블록 4개(i, f, g, o)가 있고, 블록마다 D×q 입력 행렬, D×D 순환 행렬, 편향 벡터 2개가 있어 "
        "모두 4·(D·(q + D) + 2D)개입니다. 첫 층은 q = Q이고, 그 위 층은 아래 층의 출력을 읽으므로 q = D × 방향 수입니다.",
        "en": "Each layer k and direction d has 4 blocks (i, f, g, o), each with a D×q input matrix, a D×D recurrent "
        "matrix and two bias vectors: 4·(D·(q + D) + 2D) in all. The first layer has q = Q; layers above read the "
        "outputs of the layer below, so q = D × directions.",
    },
    "lstm.api.layer": {"ko": "층 k", "en": "layer k"},
    "lstm.api.direction": {"ko": "방향", "en": "direction"},
    "lstm.api.forward": {"ko": "정방향", "en": "forward"},
    "lstm.api.reverse": {"ko": "역방향 (_reverse)", "en": "reverse (_reverse)"},
    "lstm.api.count_ok": {
        "ko": "층·방향 {per}개의 공식을 더한 값과 `sum(p.numel())`이 {n}개로 같습니다.",
        "en": "The formula summed over the {per} layer-direction blocks equals `sum(p.numel())`: {n}.",
    },
    "lstm.api.count_bad": {
        "ko": "공식({a})과 PyTorch({b})가 다릅니다. 버그이니 알려 주세요.",
        "en": "The formula ({a}) and PyTorch ({b}) differ. This is a bug; please report it.",
    },
}
