"""Strings of the "Long-range memory lab" page."""

STRINGS: dict[str, dict[str, str]] = {
    "page.memory_lab.title": {"ko": "장거리 기억 실험실", "en": "Long-range memory lab"},
    "page.memory_lab.summary": {
        "ko": "먼 과거를 기억해야 하는 과제에서 RNN, LSTM, GRU를 직접 학습해 거리별 성능을 잽니다.",
        "en": "Train an RNN, LSTM and GRU live on a task that needs memory over a distance, and measure how far each one reaches.",
    },
    "mem.intro": {
        "ko": "BPTT 페이지는 학습하지 않은 모델에서 기울기가 거리에 따라 얼마나 줄어드는지 보여 줍니다. "
              "여기서는 질문을 **학습으로** 답합니다. 모델이 정말 먼 과거를 기억하는 법을 배울 수 있을까요?",
        "en": "The BPTT page shows how the gradient shrinks with distance in models that were never trained. "
              "Here the question is answered **by training**: can a model actually learn to remember far back?",
    },
    "mem.task.title": {"ko": "과제: 첫 기호 기억하기", "en": "The task: recall the first symbol"},
    "mem.task.body": {
        "ko": "수열은 열쇠 기호 하나(`A`, `B`, `C`, `D` 중 하나)로 시작하고, 무작위 방해 기호(`w`, `x`, `y`, `z`) "
              "d개가 이어진 뒤, 질문 기호 `?`로 끝납니다. `?`에서 모델은 처음 본 열쇠를 맞혀야 합니다. "
              "방해 기호에는 답에 대한 정보가 전혀 없으므로, 정답으로 가는 유일한 길은 d + 1번의 순환 단계를 거슬러 "
              "올라가는 것입니다. 찍어서 맞힐 확률(우연 수준)은 1/4 = 25%입니다.",
        "en": "A sequence starts with one key symbol (one of `A`, `B`, `C`, `D`), then d random distractors "
              "(`w`, `x`, `y`, `z`), then a query mark `?`. At `?` the model must name the key it saw first. "
              "The distractors carry no information about the answer, so the only route to it runs back "
              "through d + 1 recurrent steps. Guessing (chance level) gets 1/4 = 25%.",
    },
    "mem.task.sample": {
        "ko": "d = {d}인 실제 예시 {n}개 (입력 → 정답):",
        "en": "{n} real samples with d = {d} (input → answer):",
    },
    "mem.task.sample_d": {"ko": "예시의 거리 d", "en": "Distance d of the samples"},
    "mem.task.model": {
        "ko": "모델: 기호마다 원-핫 벡터 하나(9차원)를 읽는 한 층짜리 순환망(RNN, LSTM 또는 GRU)과, 마지막 은닉 "
              "상태에서 네 열쇠의 점수를 내는 선형층. 손실은 교차 엔트로피, 최적화는 Adam(학습률 0.01, "
              "배치 64, 기울기 노름 1로 자르기). 정확도는 학습에 쓰지 않은 512개 수열로 50단계마다 잽니다.",
        "en": "Model: a one-layer recurrent network (RNN, LSTM or GRU) reading one one-hot vector (9 wide) per "
              "symbol, and a linear layer that scores the four keys from the last hidden state. Cross-entropy "
              "loss, Adam (learning rate 0.01, batch 64, gradient norm clipped at 1). Accuracy is measured "
              "every 50 steps on 512 held-out sequences the model never trains on.",
    },
    "mem.bias.title": {"ko": "LSTM 망각 게이트 편향을 2로 둔 이유", "en": "Why the LSTM's forget-gate bias is 2"},
    "mem.bias.body": {
        "ko": "PyTorch 기본 초기화에서는 망각 게이트가 f ≈ σ(0) = 0.5라서 셀 경로 ∏f가 단계마다 반씩 줄어듭니다. "
              "교과서의 처방은 편향 1(σ(1) ≈ 0.73)입니다. 그런데 이 과제에서 재 보니 편향 1인 LSTM은 d = 20을 "
              "600단계 안에 배우지 못했고(정확도 {b1}), 편향 2(σ(2) ≈ 0.88)인 LSTM은 {b2_steps}단계 만에 배웠습니다. "
              "그래서 이 실험실은 편향 2를 쓰고, 미리 계산한 결과에 편향 1인 LSTM을 점선으로 함께 보여 줍니다. "
              "LSTM의 장기 기억은 저절로 생기지 않습니다. 망각 게이트가 열려 있어야 합니다.",
        "en": "With PyTorch's default initialisation the forget gate starts at f ≈ σ(0) = 0.5, so the cell path ∏f "
              "halves at every step. The textbook remedy is a bias of 1 (σ(1) ≈ 0.73). Measured on this task, "
              "the LSTM with bias 1 did not learn d = 20 within 600 steps (accuracy {b1}), while with bias 2 "
              "(σ(2) ≈ 0.88) it did in {b2_steps} steps. So the lab uses 2, and the precomputed results show the "
              "bias-1 LSTM beside it as a dashed line. The LSTM's long memory is not automatic: the forget gate "
              "has to stay open.",
    },
    "mem.ref.title": {"ko": "미리 계산한 결과 (참조 실험)", "en": "Precomputed results (reference sweep)"},
    "mem.ref.body": {
        "ko": "아래는 이 저장소에서 `python -m core.memory` 명령으로 미리 계산해 함께 배포한 결과입니다. "
              "여러분이 학습한 결과가 아닙니다. 설정: 은닉 크기 {hidden}, 시드 {seed}, 실행마다 최대 {steps}단계 "
              "(시간 제한 없음), 목표 정확도 {target}에 닿으면 멈춤.",
        "en": "Below are results precomputed with `python -m core.memory` and shipped with the app — not your "
              "own runs. Settings: hidden size {hidden}, seed {seed}, at most {steps} steps per run (no time "
              "limit), stopping early at target accuracy {target}.",
    },
    "mem.ref.table": {"ko": "참조 실험의 모든 실행", "en": "Every run of the reference sweep"},
    "mem.fig.acc.title": {"ko": "거리 d에 따른 정확도", "en": "Accuracy against distance d"},
    "mem.fig.acc.x": {"ko": "거리 d (방해 기호 수)", "en": "distance d (distractors)"},
    "mem.fig.acc.y": {"ko": "검증 정확도", "en": "held-out accuracy"},
    "mem.fig.chance": {"ko": "우연 수준", "en": "chance"},
    "mem.fig.grad.title": {
        "ko": "d = {d}: 거리별 기울기 크기 ‖∂L/∂h‖ (점선: 학습 전, 실선: 학습 후)",
        "en": "d = {d}: gradient size ‖∂L/∂h‖ by distance (dotted: before training, solid: after)",
    },
    "mem.fig.grad.x": {"ko": "질문 기호로부터의 거리 (단계)", "en": "distance from the query (steps)"},
    "mem.fig.grad.y": {"ko": "‖∂L/∂h_t‖ (로그 눈금)", "en": "‖∂L/∂h_t‖ (log scale)"},
    "mem.fig.key": {"ko": "열쇠 위치", "en": "key's step"},
    "mem.fig.hist.title": {
        "ko": "d = {d}: 학습 중 열쇠 위치에 닿는 기울기와 정확도",
        "en": "d = {d}: gradient reaching the key's step, and accuracy, during training",
    },
    "mem.fig.hist.x": {"ko": "학습 단계", "en": "training step"},
    "mem.fig.before": {"ko": "학습 전", "en": "before"},
    "mem.fig.after": {"ko": "학습 후", "en": "after"},
    "mem.grad.d": {"ko": "기울기 그림의 거리 d", "en": "Distance d for the gradient plots"},
    "mem.grad.body": {
        "ko": "기울기는 학습에 쓰지 않은 수열 128개에서, 실제 모듈을 한 단계씩 실행하고 각 은닉 상태의 기울기"
              "(autograd, `retain_grad`)를 읽어 잽니다. 값은 수열 하나의 손실 L에 대한 ‖∂L/∂h_t‖의 평균입니다. "
              "오른쪽 끝이 열쇠를 읽은 단계입니다. 그곳의 기울기가 거의 0이면 열쇠에 대한 학습 신호도 거의 없습니다.",
        "en": "The gradient is measured on 128 held-out sequences by running the real module one step at a time "
              "and reading each hidden state's gradient (autograd, `retain_grad`): the mean of ‖∂L/∂h_t‖ for one "
              "sequence's loss L. The right end is the step that read the key: where the gradient there is "
              "almost 0, so is the learning signal about the key.",
    },
    "mem.variant.rnn": {"ko": "RNN", "en": "RNN"},
    "mem.variant.lstm": {"ko": "LSTM", "en": "LSTM"},
    "mem.variant.gru": {"ko": "GRU", "en": "GRU"},
    "mem.variant.lstm_b1": {"ko": "LSTM (망각 편향 1)", "en": "LSTM (forget bias 1)"},
    "mem.answer.title": {
        "ko": "LSTM은 기울기 소실을 해결했을까?",
        "en": "Did the LSTM solve vanishing gradients?",
    },
    "mem.answer.ref": {"ko": "미리 계산한 결과로 본 답:", "en": "The answer from the precomputed results:"},
    "mem.answer.own": {"ko": "여러분이 학습한 결과로 본 답:", "en": "The answer from your own runs:"},
    "mem.answer.rl": {
        "ko": "- **RNN은 실패하고 LSTM은 배운 거리:** d = {ds}",
        "en": "- **The RNN fails and the LSTM still learns at:** d = {ds}",
    },
    "mem.answer.bl": {"ko": "- **둘 다 배운 거리:** d = {ds}", "en": "- **Both learn at:** d = {ds}"},
    "mem.answer.bf": {"ko": "- **둘 다 실패한 거리:** d = {ds}", "en": "- **Both fail at:** d = {ds}"},
    "mem.answer.lr": {
        "ko": "- **RNN은 배웠는데 LSTM은 실패한 거리:** d = {ds}",
        "en": "- **The RNN learns but the LSTM fails at:** d = {ds}",
    },
    "mem.answer.gru": {
        "ko": "- **GRU:** 배운 거리 d = {good}, 실패한 거리 d = {bad}",
        "en": "- **GRU:** learns at d = {good}, fails at d = {bad}",
    },
    "mem.answer.none": {"ko": "없음", "en": "none"},
    "mem.answer.rule": {
        "ko": "(‘배웠다’ = 검증 정확도 {learned:.0%} 이상, 우연 수준은 25%)",
        "en": "(“learns” = held-out accuracy of at least {learned:.0%}; chance is 25%)",
    },
    "mem.answer.body": {
        "ko": "**답: 완화했을 뿐, 없애지는 못했습니다.** LSTM의 셀 경로는 곱해지는 인자가 망각 게이트 f_t뿐이라, "
              "게이트가 열려 있는 동안은 기울기가 RNN보다 훨씬 먼 곳까지 닿습니다. 그래서 RNN이 포기하는 거리에서도 "
              "LSTM은 배웁니다. 하지만 f_t < 1인 한 ∏f_t는 거리에 따라 여전히 줄어들고, 주어진 학습 예산 안에서는 "
              "LSTM도 결국 우연 수준 근처에 머무는 거리가 있습니다. 망각 게이트 편향을 1로 두면 그 거리가 훨씬 짧아집니다.",
        "en": "**Answer: it mitigates the problem; it does not remove it.** On the LSTM's cell path the only factor "
              "multiplied in at each step is the forget gate f_t, so while the gates stay open the gradient "
              "reaches much further than an RNN's — the LSTM learns at distances where the RNN gives up. But as "
              "long as f_t < 1 the product ∏f_t still shrinks with distance, and within a given training budget "
              "there is a distance where the LSTM too stays near chance. With a forget-gate bias of 1 that "
              "distance is much shorter.",
    },
    "mem.answer.empty": {
        "ko": "RNN과 LSTM을 같은 거리에서 학습해야 비교할 수 있습니다.",
        "en": "Train the RNN and the LSTM at the same distance to compare them.",
    },
    "mem.live.title": {"ko": "직접 학습하기", "en": "Train your own"},
    "mem.live.body": {
        "ko": "고른 거리마다 RNN, LSTM, GRU를 차례로 학습합니다. 실행마다 최대 {steps}단계, 최대 {seconds}초이고, "
              "검증 정확도 {target}에 닿으면 멈춥니다. 거리는 최대 {max_d}개, 은닉 크기는 최대 {max_h}입니다. "
              "이 서버는 여러 방문자가 함께 쓰므로, 같은 초 예산이라도 바쁠 때는 더 적은 단계를 학습합니다. "
              "결과는 여러분의 세션에만 남습니다.",
        "en": "For each distance you pick, the RNN, LSTM and GRU are trained in turn: at most {steps} steps and "
              "at most {seconds} seconds per run, stopping at held-out accuracy {target}. At most {max_d} "
              "distances, hidden size at most {max_h}. This server is shared, so when it is busy the same "
              "seconds buy fewer steps. The results stay in your session only.",
    },
    "mem.live.distances": {"ko": "학습할 거리 d", "en": "Distances d to train"},
    "mem.live.hidden": {"ko": "은닉 크기", "en": "Hidden size"},
    "mem.live.seconds": {"ko": "실행마다 시간 예산 (초)", "en": "Time budget per run (seconds)"},
    "mem.live.bias": {"ko": "LSTM 망각 게이트 편향", "en": "LSTM forget-gate bias"},
    "mem.live.bias.help": {
        "ko": "0이면 PyTorch 기본값과 비슷합니다(f ≈ 0.5). 1은 교과서 값, 2는 이 실험실의 기본값입니다.",
        "en": "0 is close to PyTorch's default (f ≈ 0.5); 1 is the textbook value; 2 is this lab's default.",
    },
    "mem.live.seed": {"ko": "시드", "en": "Seed"},
    "mem.live.train": {"ko": "모두 학습하기", "en": "Train all"},
    "mem.live.clear": {"ko": "내 결과 지우기", "en": "Clear my results"},
    "mem.live.none": {
        "ko": "거리를 하나 이상 고르세요.",
        "en": "Pick at least one distance.",
    },
    "mem.live.too_many": {
        "ko": "거리는 최대 {n}개까지 학습합니다. 앞의 {n}개만 씁니다.",
        "en": "At most {n} distances are trained; the first {n} are used.",
    },
    "mem.live.run": {"ko": "{model}, d = {d}", "en": "{model}, d = {d}"},
    "mem.live.result": {
        "ko": "정확도 {acc:.0%} · {steps}단계 · {seconds:.1f}초 · {reason}",
        "en": "accuracy {acc:.0%} · {steps} steps · {seconds:.1f} s · {reason}",
    },
    "mem.live.yours": {"ko": "여러분의 결과", "en": "Your results"},
    "mem.live.empty": {
        "ko": "아직 학습한 결과가 없습니다. 위의 미리 계산한 결과를 보거나, **모두 학습하기**를 누르세요.",
        "en": "No runs of yours yet. Look at the precomputed results above, or press **Train all**.",
    },
    "mem.col.model": {"ko": "모델", "en": "model"},
    "mem.col.d": {"ko": "d", "en": "d"},
    "mem.col.acc": {"ko": "정확도", "en": "accuracy"},
    "mem.col.steps": {"ko": "단계", "en": "steps"},
    "mem.col.seconds": {"ko": "초", "en": "seconds"},
    "mem.col.key_grad": {"ko": "열쇠 위치 기울기 (학습 후)", "en": "gradient at key (after)"},
}
