"""Strings of the "Sequence data" page (concepts C1–C4)."""

STRINGS: dict[str, dict[str, str]] = {
    "page.sequence_data.title": {"ko": "시퀀스 데이터", "en": "Sequence data"},
    "page.sequence_data.summary": {
        "ko": "순서가 왜 중요한지: 조건부 확률의 곱, AR(τ)와 마르코프 모델, 잠재 상태, 유한·무한 응답.",
        "en": "Why order matters: a product of conditionals, AR(τ) and Markov models, a latent state, finite against infinite response.",
    },
    "sd.intro": {
        "ko": "사진 여러 장은 순서를 섞어도 각 사진의 뜻이 그대로지만, 문장이나 주가처럼 시간 순서가 있는 데이터는 "
        "섞는 순간 다른 데이터가 됩니다. 앞의 값이 뒤의 값을 좌우하므로 '서로 독립이고 같은 분포에서 뽑았다'(i.i.d.)는 "
        "가정이 깨지기 때문입니다. 이 페이지에서는 내 문장과 직접 만든 시계열로 네 가지를 확인합니다: "
        "① 확률을 조건부 확률의 곱으로 쪼개기, ② 고정된 길이 τ의 창으로 예측하는 AR(τ), "
        "③ 과거 전체를 요약하는 은닉 상태, ④ 입력 하나를 바꿨을 때 영향이 얼마나 오래 남는지.",
        "en": "A pile of photos means the same in any order, but a sentence or a stock price does not: "
        "shuffle it and it becomes other data. Each value depends on the ones before it, so the "
        "assumption that samples are independent and identically distributed (i.i.d.) fails. This "
        "page checks four things on your own sentence and on a series it generates: (1) a probability "
        "split into a product of conditionals, (2) AR(τ), which predicts from a fixed window of τ "
        "values, (3) a hidden state that summarises the whole past, and (4) how long a change to one "
        "input keeps echoing.",
    },
    # --- 1. order matters --------------------------------------------------------------------------
    "sd.chain.title": {"ko": "1. 순서가 중요하다: 조건부 확률의 곱", "en": "1. Order matters: a product of conditionals"},
    "sd.chain.body": {
        "ko": "어떤 시퀀스든 확률의 곱셈 법칙(연쇄 법칙)으로 '지금까지 본 것이 주어졌을 때 다음 것'의 확률들의 곱으로 "
        "정확히 쓸 수 있습니다. 마지막 인자는 문장이 거기서 끝날 확률 P(`<eos>` | …)입니다. 모델은 과거 전체 대신 "
        "직전 n−1개 토큰만 보는 n-gram으로 근사합니다. 이 모델은 SeqLab의 말뭉치에서 토큰 조각이 이어진 횟수를 세어 "
        "만들었고, 처음 보는 조합에도 0이 아닌 확률을 주도록 평활화했습니다. 같은 토큰을 섞으면 각 인자가 보는 "
        "맥락이 달라지고 확률이 떨어집니다. n = 1이면 맥락을 전혀 보지 않으므로(i.i.d. 가정) 어떤 순서든 확률이 같습니다.",
        "en": "The product rule of probability (the chain rule) writes any sequence's probability, "
        "exactly, as a product of 'the next token given everything so far'. The last factor is the "
        "chance that the sentence ends there, P(`<eos>` | …). The model approximates the whole past "
        "by the last n−1 tokens, an n-gram model. SeqLab built it by counting how often pieces of "
        "text follow each other in its corpus, smoothed so that unseen pairs still get a small "
        "probability. Shuffle the same tokens and every factor sees another context, so the "
        "probability falls. With n = 1 no factor looks back (the i.i.d. assumption), and every order "
        "gets the same probability.",
    },
    "sd.settings": {"ko": "언어 모델 설정", "en": "Language model settings"},
    "sd.unit": {"ko": "토큰 단위", "en": "Token unit"},
    "sd.unit.word": {"ko": "단어", "en": "Word"},
    "sd.unit.char": {"ko": "문자", "en": "Character"},
    "sd.unit.help": {
        "ko": "단어 단위는 띄어쓰기로, 문자 단위는 한 글자씩 자릅니다. 대소문자는 구별하지 않습니다.",
        "en": "Word: split at spaces. Character: one letter or syllable at a time. Upper and lower case count as one.",
    },
    "sd.order": {"ko": "n-gram 차수 n (직전 n−1개 토큰을 봄)", "en": "n-gram order n (looks at the last n−1 tokens)"},
    "sd.order.iid": {"ko": "1 (i.i.d.)", "en": "1 (i.i.d.)"},
    "sd.order.help": {
        "ko": "n = 1은 맥락 없이 토큰의 빈도만 봅니다. n이 클수록 더 긴 맥락을 보지만, 말뭉치에서 그 맥락을 본 적이 "
        "없으면 더 짧은 맥락으로 물러납니다.",
        "en": "n = 1 uses only how frequent each token is, with no context. A larger n looks further "
        "back, and falls back to a shorter context when the corpus never saw the longer one.",
    },
    "sd.shuffle_seed": {"ko": "섞기 시드", "en": "Shuffle seed"},
    "sd.shuffle_seed.help": {
        "ko": "토큰을 섞는 난수 시드입니다. 바꾸면 다른 순서로 섞입니다.",
        "en": "The random seed of the shuffle; change it for another order.",
    },
    "sd.pick": {"ko": "확률을 계산할 문장", "en": "Sentence to score"},
    "sd.chain.model": {
        "ko": "모델: {unit} 단위 {n}-gram, 말뭉치 {sentences:,}문장에서 센 횟수, 어휘 사전 |V| = {v:,}, 소문자로 통일, "
        "Witten–Bell 평활화.",
        "en": "Model: {unit}-level {n}-gram counted on {sentences:,} corpus sentences, vocabulary "
        "|V| = {v:,}, lower-cased, Witten–Bell smoothing.",
    },
    "sd.chain.unknown": {
        "ko": "말뭉치에 없는 토큰은 `<unk>`로 계산합니다:",
        "en": "Tokens the corpus never had are scored as `<unk>`:",
    },
    "sd.chain.p_yours": {"ko": "P(내 순서)", "en": "P(your order)"},
    "sd.chain.p_shuffled": {"ko": "P(섞은 순서)", "en": "P(shuffled)"},
    "sd.chain.ratio": {"ko": "내 순서 ÷ 섞은 순서", "en": "yours ÷ shuffled"},
    "sd.chain.times": {"ko": "{x}배", "en": "{x} times"},
    "sd.chain.beaten": {
        "ko": "같은 토큰을 무작위로 섞은 순서 {n}개 중 {share:.0%}가 내 순서보다 확률이 낮습니다.",
        "en": "Of {n} random orders of the same tokens, {share:.0%} are less probable than yours.",
    },
    "sd.chain.iid": {
        "ko": "n = 1: 모든 인자가 맥락을 무시하므로 곱은 같은 수들을 다른 순서로 곱한 것일 뿐입니다. 그래서 내 순서와 "
        "섞은 순서의 확률이 똑같습니다. 이것이 i.i.d. 가정의 한계입니다. n을 2 이상으로 올려 보세요.",
        "en": "n = 1: every factor ignores its context, so the product multiplies the same numbers in "
        "another order, and your order and the shuffle get exactly the same probability. That is the "
        "limit of the i.i.d. assumption. Raise n to 2 or more.",
    },
    "sd.chain.no_shuffle": {
        "ko": "토큰이 하나뿐이거나 모두 같아서 섞어도 같은 순서입니다. 서로 다른 토큰을 두 개 이상 넣어 보세요.",
        "en": "There is one token, or all tokens are the same, so every shuffle is the same sequence. "
        "Type at least two different tokens.",
    },
    "sd.chain.steps": {
        "ko": "아래 단계 t를 옮기면 곱의 인자를 하나씩 봅니다. 두 순서의 같은 단계를 나란히 보여 줍니다. 인자는 모두 "
        "1보다 작으니 곱은 내려가기만 하고, 모델이 예상하지 못한 토큰에서 크게 떨어집니다. ▶ 재생을 누르면 곱이 "
        "한 인자씩 쌓입니다.",
        "en": "Move the step t below to walk through the factors one by one, for both orders side by "
        "side. Every factor is below 1, so the product only goes down, and it drops hardest at a token "
        "the model did not expect. Press Play to watch the product build up one factor at a time.",
    },
    "sd.chain.yours": {"ko": "내 순서", "en": "your order"},
    "sd.chain.shuffled": {"ko": "섞은 순서", "en": "shuffled"},
    "sd.chain.factor": {
        "ko": "인자 t = {t} / {n}: 직전 토큰을 맥락으로 다음 토큰의 확률을 봅니다 (주황 = 실제로 온 토큰)",
        "en": "Factor t = {t} of {n}: the chance of the next token given the context (orange = the token that came)",
    },
    "sd.chain.strip": {
        "ko": "칸마다 토큰과 그 인자 P(x_t | 맥락). 진할수록 모델이 놀란 토큰",
        "en": "Each box: a token and its factor P(x_t | context); darker = more surprising",
    },
    "sd.chain.bars_yours": {"ko": "내 순서: 모델이 예상한 다음 토큰", "en": "Your order: what the model expected next"},
    "sd.chain.bars_shuffled": {"ko": "섞은 순서: 모델이 예상한 다음 토큰", "en": "Shuffled: what the model expected next"},
    "sd.chain.running": {
        "ko": "지금까지의 곱 log10 P(x_1 … x_t)",
        "en": "The running product, log10 P(x_1 … x_t)",
    },
    "sd.chain.hist": {
        "ko": "같은 토큰의 무작위 순서 {n}개의 log10 P",
        "en": "log10 P of {n} random orders of the same tokens",
    },
    "sd.chain.random": {"ko": "무작위 순서", "en": "random orders"},
    # --- 2. AR(τ) --------------------------------------------------------------------------------------
    "sd.ar.title": {"ko": "2. AR(τ)와 마르코프 모델", "en": "2. AR(τ) and Markov models"},
    "sd.ar.body": {
        "ko": "이번에는 빠르고 느린 사인파 두 개를 더하고 잡음을 섞은 시계열입니다. 자기회귀 모델 AR(τ)는 직전 τ개 "
        "값에 가중치를 곱해 더해서 다음 값을 예측합니다. 가중치는 앞쪽 60%(학습 구간)에서 최소제곱법으로 바로 풀고, "
        "뒤쪽 40%(노란 시험 구간)에서 평가합니다. τ = 1이 마르코프 모델로, 바로 앞 값 하나만 봅니다. "
        "1단계 예측은 언제나 실제 값을 보고 예측하지만, k단계 앞을 예측하려면 중간 값을 모르므로 "
        "자기 예측을 다시 입력으로 넣어야 합니다. 그래서 오차가 쌓이고 k가 커질수록 예측이 나빠집니다.",
        "en": "Now a series: a fast and a slow sine wave added together, plus noise. An "
        "autoregressive model AR(τ) predicts the next value as a weighted sum of the last τ values. "
        "The weights are solved directly by least squares on the first 60 % (training part) and "
        "judged on the last 40 % (the yellow test part). τ = 1 is the Markov model: only the latest "
        "value counts. A 1-step prediction always reads true values; to look k steps ahead the "
        "values in between are unknown, so the model must feed on its own predictions. Errors pile "
        "up, and the predictions get worse as k grows.",
    },
    "sd.ar.tau": {"ko": "창의 길이 τ", "en": "Window length τ"},
    "sd.ar.tau.markov": {"ko": "1 (마르코프)", "en": "1 (Markov)"},
    "sd.ar.k": {"ko": "몇 단계 앞 k", "en": "Steps ahead k"},
    "sd.ar.noise": {"ko": "잡음 σ", "en": "Noise σ"},
    "sd.ar.seed": {"ko": "시드", "en": "Seed"},
    "sd.ar.seed.help": {
        "ko": "잡음과 아래 RNN의 무작위 가중치를 정하는 시드입니다.",
        "en": "Draws the noise and the random weights of the RNN below.",
    },
    "sd.ar.fitted": {"ko": "학습 구간에서 푼 AR({tau}) 모델:", "en": "AR({tau}) as fitted on the training part:"},
    "sd.ar.markov": {
        "ko": "τ = 1(마르코프)은 값 하나로 다음 값을 정하므로 x̂ = b + w₁x 꼴이고, 자기 예측을 반복하면 평균으로 "
        "미끄러질 뿐 파도를 만들지 못합니다. 사인파 하나에는 직전 두 값이, 두 개가 섞인 이 시계열에는 네 값이 필요합니다. "
        "τ를 4로 올려 k단계 예측을 비교해 보세요.",
        "en": "τ = 1 (Markov) sets the next value from one value, x̂ = b + w₁x, so feeding on itself it "
        "can only slide to the mean; it cannot make a wave. One sine wave needs the last two values, "
        "and this mix of two needs four. Raise τ to 4 and compare the k-step predictions.",
    },
    "sd.ar.summary": {
        "ko": "시험 구간 RMSE, AR({tau}): 1단계 {one:.3f}, k = {k}단계 {kk:.3f}. 잡음만으로도 σ = {noise} 만큼은 틀립니다.",
        "en": "Test RMSE of AR({tau}): {one:.3f} one step ahead, {kk:.3f} at k = {k}. The noise alone "
        "costs σ = {noise}.",
    },
    "sd.ar.fig.ar": {"ko": "AR({tau}): 직전 {tau}개 값의 창", "en": "AR({tau}): a window of the last {tau} values"},
    "sd.ar.fig.rnn": {"ko": "RNN: 은닉 상태 h_t (3절)", "en": "RNN: a hidden state h_t (section 3)"},
    "sd.ar.fig.data": {"ko": "관측값 x_t", "en": "observed x_t"},
    "sd.ar.fig.ar_one": {"ko": "AR 1단계", "en": "AR, 1 step"},
    "sd.ar.fig.ar_k": {"ko": "AR {k}단계 (자기 예측 사용)", "en": "AR, {k} steps (own outputs)"},
    "sd.ar.fig.rnn_one": {"ko": "RNN 1단계", "en": "RNN, 1 step"},
    "sd.ar.fig.rnn_k": {"ko": "RNN {k}단계", "en": "RNN, {k} steps"},
    "sd.ar.fig.test": {"ko": "시험 구간 →", "en": "test part →"},
    "sd.ar.err.title": {"ko": "더 멀리 내다볼수록 커지는 시험 오차", "en": "Test error grows as the model looks further ahead"},
    "sd.ar.err.floor": {"ko": "잡음 σ = {s}", "en": "noise σ = {s}"},
    # --- 3. latent autoregression --------------------------------------------------------------------
    "sd.latent.title": {"ko": "3. 잠재 자기회귀: 과거를 요약하는 은닉 상태", "en": "3. Latent autoregression: a hidden state that summarises the past"},
    "sd.latent.body": {
        "ko": "AR(τ)의 창은 τ보다 먼 과거를 버립니다. 창을 넓히면 가중치도 늘어납니다. 대신 크기가 고정된 은닉 상태 $h_t$가 "
        "'지금까지 본 전부'를 요약하게 하면, 매 단계 새 값 $x_t$와 직전 상태 $h_{t-1}$만으로 상태를 갱신할 수 있습니다. "
        "여기서는 RNN 가중치 $W_{xh}, W_{hh}, b$를 PyTorch의 무작위 초기값(×1.5)으로 두고 학습하지 않습니다. "
        "읽기 층 $v, c$만 AR처럼 최소제곱법으로 풉니다(에코 상태 네트워크의 방식). 그래서 결과가 바로 나오고 "
        "방문자 모두에게 같습니다. 아래 히트맵의 각 열이 그 시점의 상태 $h_t$입니다. 과거 전체가 이 숫자 몇십 개에 담깁니다.",
        "en": "The window of AR(τ) throws away everything older than τ steps, and a wider window "
        "costs more weights. Instead, a hidden state $h_t$ of fixed size can summarise 'all I have "
        "seen', updated each step from the new value $x_t$ and the previous state $h_{t-1}$. Here the "
        "RNN's weights $W_{xh}, W_{hh}, b$ keep PyTorch's random initial values (× 1.5) and are not "
        "trained; only the read-out $v, c$ is solved by least squares, like the AR weights (the "
        "echo-state network recipe). So the result is instant and the same for every visitor. In the "
        "heatmap below each column is the state $h_t$ at that time: the whole past, held in a few dozen numbers.",
    },
    "sd.latent.states": {"ko": "입력 x_t와 은닉 상태 h_t ({h}개 단위)", "en": "Input x_t and hidden state h_t ({h} units)"},
    "sd.latent.unit": {"ko": "h의 단위", "en": "unit of h"},
    "sd.latent.tau_title": {
        "ko": "τ 고르기: 창 크기별 시험 오차와 은닉 상태의 비교",
        "en": "Choosing τ: the test error of every window size against the hidden state",
    },
    "sd.latent.ar1": {"ko": "AR(τ) 1단계", "en": "AR(τ), 1 step"},
    "sd.latent.ark": {"ko": "AR(τ) {k}단계", "en": "AR(τ), {k} steps"},
    "sd.latent.rnn1": {"ko": "RNN 1단계", "en": "RNN, 1 step"},
    "sd.latent.rnnk": {"ko": "RNN {k}단계", "en": "RNN, {k} steps"},
    "sd.latent.counts": {
        "ko": "AR({tau})는 숫자 {p}개를 학습하고 값 {tau}개만 봅니다. RNN은 읽기 층의 숫자 {r}개를 학습하고, 그 상태는 "
        "처음부터 지금까지의 모든 값을 거쳐 왔습니다.",
        "en": "AR({tau}) fits {p} numbers and sees {tau} values. The RNN fits the {r} numbers of its "
        "read-out, and its state has passed through every value from the start.",
    },
    # --- 4. finite against infinite response ---------------------------------------------------------
    "sd.resp.title": {"ko": "4. 유한 응답과 무한 응답", "en": "4. Finite against infinite response"},
    "sd.resp.body": {
        "ko": "입력 하나 $x_{t_0}$만 δ만큼 바꾸고, 모델의 1단계 예측 $\\hat x_t$가 얼마나 달라지는지 봅니다. AR(τ)의 예측은 "
        "$x_{t_0}$이 창 안에 있는 동안, 즉 $t_0+1$부터 $t_0+\\tau$까지만 달라지고 그 뒤로는 정확히 0입니다(유한 응답, "
        "폭 τ의 합성곱). RNN은 $h_t = f(x_t, h_{t-1})$로 상태를 이어 받으므로 바뀐 값이 이후 모든 상태에 남습니다(무한 "
        "응답). 다만 상태가 점점 잊어서 영향은 줄어듭니다. 이것이 상태 공간 모델의 관점입니다. 첫 상태 $h_0$을 계산하려면 "
        "시작 상태 $h_{-1}$이 필요합니다(여기서는 0).",
        "en": "Change one input $x_{t_0}$ by δ and see how much each 1-step prediction $\\hat x_t$ moves. "
        "AR(τ) reads $x_{t_0}$ only while it sits in the window, from $t_0+1$ to $t_0+\\tau$, and "
        "afterwards the change is exactly 0: a finite response, a convolution of width τ. The RNN "
        "passes its state on, $h_t = f(x_t, h_{t-1})$, so the change stays in every later state: an "
        "infinite response, fading as the state forgets. This is the state-space view; computing the "
        "first state $h_0$ needs a starting state $h_{-1}$ (zero here).",
    },
    "sd.resp.t0": {"ko": "바꿀 시점 t0", "en": "Time to change, t0"},
    "sd.resp.delta": {"ko": "바꿀 크기 δ", "en": "Change δ"},
    "sd.resp.fig.title": {
        "ko": "x_t0를 δ만큼 바꿨을 때 각 예측 x̂_t의 변화",
        "en": "How each prediction x̂_t moves when x_t0 changes by δ",
    },
    "sd.resp.fig.linear": {"ko": "예측의 변화 Δx̂_t", "en": "change of the prediction, Δx̂_t"},
    "sd.resp.fig.log": {
        "ko": "log10 |Δx̂_t| (점이 없으면 정확히 0)",
        "en": "log10 |Δx̂_t| (no point = exactly 0)",
    },
    "sd.resp.fig.window": {"ko": "AR 창: t0+1 … t0+{tau}", "en": "AR window: t0+1 … t0+{tau}"},
    "sd.resp.summary": {
        "ko": "AR({tau})의 마지막 변화는 t = {last} = t0 + {offset}이고 그 뒤는 모두 정확히 0입니다. RNN의 변화는 "
        "t0 + {far}에서도 {far_value:.1e}이고, 시계열 끝(t = {end})에서 {end_value:.1e}입니다.",
        "en": "AR({tau}) last moves at t = {last} = t0 + {offset}; every later change is exactly 0. The RNN "
        "still moves by {far_value:.1e} at t0 + {far}, and by {end_value:.1e} at the end of the series "
        "(t = {end}).",
    },
    "sd.resp.zero": {
        "ko": "δ = 0이면 아무것도 바뀌지 않습니다. 0이 아닌 크기를 골라 보세요.",
        "en": "With δ = 0 nothing changes. Pick a non-zero change.",
    },
}
