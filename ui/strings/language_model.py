"""Strings of the "Language model" page (concepts C9 and C10)."""

HANGUL_OK: set[str] = set()

STRINGS: dict[str, dict[str, str]] = {
    "page.language_model.title": {"ko": "언어 모델", "en": "Language model"},
    "page.language_model.summary": {
        "ko": "다음 토큰의 확률, 문장 확률과 퍼플렉시티, 온도·top-k 샘플링, 내 글로 직접 학습.",
        "en": "Next-token probabilities, sentence probability and perplexity, sampling with temperature and top-k, and training on your own text.",
    },
    "lm.intro": {
        "ko": "언어 모델은 지금까지 읽은 글자를 보고 **다음 글자가 무엇일지** 확률로 답합니다. 이 페이지의 모델은 "
        "SeqLab이 직접 만든 한국어·영어 말뭉치로 미리 학습한 문자 단위 RNN, LSTM, GRU입니다. 내 문장의 "
        "글자마다 모델이 무엇을 기대했는지 보고, 모델이 새 문장을 한 글자씩 지어내게 하고, 내 글로 작은 모델을 "
        "직접 학습해 봅시다.",
        "en": "A language model reads the characters so far and answers, with probabilities, **what comes "
        "next**. The models on this page are character-level RNNs, LSTMs and GRUs trained in advance on "
        "Korean and English corpora that SeqLab writes itself. See what the model expected at every "
        "character of your sentence, let it write new sentences one character at a time, and train a "
        "small model on your own text.",
    },
    "lm.settings": {"ko": "모델", "en": "Model"},
    "lm.line": {"ko": "살펴볼 줄", "en": "Line to look at"},
    "lm.lang": {"ko": "학습 언어", "en": "Trained on"},
    "lm.lang.help": {
        "ko": "모델을 학습시킨 말뭉치의 언어입니다. 다른 언어의 문장을 넣으면 처음 보는 글자가 `<unk>`가 되어 확률이 크게 떨어집니다.",
        "en": "The language of the corpus the model learned from. Text in the other language is made of "
        "characters it never saw (`<unk>`), and its probability collapses.",
    },
    "lm.cell": {"ko": "순환 셀", "en": "Recurrent cell"},
    "lm.cell.help": {
        "ko": "세 모델은 같은 말뭉치, 같은 크기(임베딩 16, 은닉 64), 같은 학습 단계로 학습했습니다. 셀만 다릅니다.",
        "en": "The three models share the corpus, the size (embedding 16, hidden 64) and the training "
        "steps; only the cell differs.",
    },
    # --- probabilities along the text -------------------------------------------------------------
    "lm.along.title": {"ko": "글자마다 다음 글자의 확률", "en": "Next-character probabilities along your text"},
    "lm.along.body": {
        "ko": "모델은 `<bos>`(문장 시작)부터 한 글자씩 읽고, 매 단계 어휘 전체에 대한 확률 분포 "
        "P(다음 글자 | 지금까지의 글자)를 냅니다. 실제로 나온 글자의 확률을 모두 곱하면 문장 전체의 확률이 "
        "됩니다(연쇄 법칙). 마지막 인수는 문장이 여기서 끝날 확률 P(`<eos>` | 문장)입니다. 곱은 금세 아주 "
        "작아지므로 로그(밑 10)로 봅니다.",
        "en": "The model reads from `<bos>` (start of sentence) one character at a time and, at every step, "
        "gives a distribution over the whole vocabulary: P(next character | the characters so far). The "
        "product of the probabilities of the characters that really come is the probability of the whole "
        "sentence (the chain rule); the last factor is the probability that it ends here, "
        "P(`<eos>` | sentence). The product soon gets tiny, so we look at its logarithm (base 10).",
    },
    "lm.along.unknown": {
        "ko": "{steps}글자 중 {n}글자는 모델이 학습 때 본 적이 없어 `<unk>`로 읽힙니다. 학습 언어를 바꿔 보세요.",
        "en": "{n} of the {steps} characters never occurred in the model's training text and are read as "
        "`<unk>`. Try the other training language.",
    },
    "lm.along.steps": {"ko": "인수의 개수 (T+1)", "en": "Factors (T+1)"},
    "lm.along.log10": {"ko": "log₁₀ P(문장)", "en": "log₁₀ P(sentence)"},
    "lm.along.ppl": {"ko": "퍼플렉시티", "en": "Perplexity"},
    "lm.along.ppl.help": {
        "ko": "퍼플렉시티는 인수들의 기하평균의 역수입니다. 모델이 매 단계 평균 몇 개의 후보 사이에서 고민하는 셈인지를 "
        "뜻합니다. 1이면 모든 글자를 확신하고 맞힌 것입니다. 문장 길이와 상관없이 비교할 수 있습니다.",
        "en": "Perplexity is one over the geometric mean of the factors: how many candidates, on average, "
        "the model is torn between at each step. 1 means it predicted every character with certainty. "
        "Unlike the product, it can be compared across sentences of different lengths.",
    },
    "lm.along.prefix": {"ko": "단계 {t}: 모델이 읽은 것", "en": "Step {t}: what the model has read"},
    "lm.along.next": {"ko": "실제 다음 토큰", "en": "What really comes next"},
    "lm.along.factor": {
        "ko": "이 단계의 인수: P(실제 다음 토큰 | 앞부분) = **{p:.4f}**",
        "en": "This step's factor: P(the real next token | prefix) = **{p:.4f}**",
    },
    "lm.along.bars": {"ko": "단계 {t}: 다음 토큰 후보 (주황: 실제로 나온 토큰)", "en": "Step {t}: candidates for the next token (orange: the one that came)"},
    "lm.along.prob": {"ko": "확률", "en": "probability"},
    "lm.along.strip": {"ko": "인수마다 log₁₀ P, 그리고 누적한 곱 (주황 막대: 현재 단계)", "en": "log₁₀ P of every factor and the running product (orange bar: the current step)"},
    "lm.along.log_factor": {"ko": "log₁₀ P(xₜ | 앞부분)", "en": "log₁₀ P(xₜ | prefix)"},
    "lm.along.running": {"ko": "누적 log₁₀ P(문장 앞부분)", "en": "running log₁₀ P(prefix)"},
    "lm.along.not_finite": {
        "ko": "이 문장에서 확률이 유한한 값이 아니게 되었습니다(NaN/Inf). 다른 모델이나 문장을 골라 보세요.",
        "en": "The probabilities of this text are not finite numbers (NaN/Inf). Pick another model or text.",
    },
    # --- sampling ---------------------------------------------------------------------------------
    "lm.sample.title": {"ko": "샘플링: 모델이 지은 문장", "en": "Sampling: sentences the model writes"},
    "lm.sample.body": {
        "ko": "`<bos>`(와 시작 글자)에서 출발해, 매 단계 모델의 분포에서 한 글자를 뽑고 그 글자를 다시 입력으로 "
        "넣습니다. `<eos>`가 뽑히거나 길이 제한에 닿으면 끝납니다. **온도** τ는 softmax(z/τ)로 분포를 "
        "다시 빚습니다: τ→0이면 가장 확률 높은 글자만(탐욕적 선택), τ=1이면 모델 그대로, τ>1이면 더 평평하고 "
        "엉뚱해집니다. **top-k**는 상위 k개 후보만 남기고 나머지 확률을 0으로 만듭니다. 같은 시드는 언제나 같은 "
        "문장을 냅니다.",
        "en": "Start at `<bos>` (plus a prefix, if you give one), draw one character from the model's "
        "distribution, feed it back in, and repeat until `<eos>` is drawn or the length cap is reached. "
        "The **temperature** τ reshapes the distribution as softmax(z/τ): τ→0 always takes the likeliest "
        "character (greedy), τ=1 is the model itself, τ>1 is flatter and wilder. **Top-k** keeps only the "
        "k likeliest candidates and sets the rest to zero. The same seed always gives the same sentence.",
    },
    "lm.sample.temperature": {"ko": "온도 τ", "en": "Temperature τ"},
    "lm.sample.temperature.help": {
        "ko": "0은 항상 가장 확률 높은 글자를 고릅니다(무작위성 없음).",
        "en": "0 always picks the likeliest character (no randomness).",
    },
    "lm.sample.top_k": {"ko": "top-k", "en": "Top-k"},
    "lm.sample.top_k.help": {
        "ko": "매 단계 상위 k개 후보 밖의 확률을 0으로 만들고 나머지를 다시 정규화합니다. ∞는 모든 후보를 남깁니다.",
        "en": "At every step, candidates outside the k likeliest get probability 0 and the rest are "
        "renormalised. ∞ keeps every candidate.",
    },
    "lm.sample.max_len": {"ko": "길이 제한 (토큰)", "en": "Length cap (tokens)"},
    "lm.sample.seed": {"ko": "시드", "en": "Seed"},
    "lm.sample.prefix": {"ko": "시작 글자 (선택)", "en": "Start with (optional)"},
    "lm.sample.prefix.help": {
        "ko": "모델이 먼저 읽을 글자입니다(최대 20자). 비워 두면 `<bos>`에서 바로 시작합니다.",
        "en": "Characters the model reads first (at most 20). Empty: start right after `<bos>`.",
    },
    "lm.sample.prefix_unknown": {
        "ko": "시작 글자 중 모델이 모르는 글자가 있어 `<unk>`로 읽었습니다.",
        "en": "Some start characters are unknown to this model and were read as `<unk>`.",
    },
    "lm.sample.ended.eos": {
        "ko": "{n}번째 토큰에서 `<eos>`가 뽑혀 끝났습니다.",
        "en": "Ended at token {n}: `<eos>` was drawn.",
    },
    "lm.sample.ended.length": {
        "ko": "길이 제한 {n}토큰에 닿아 끝났습니다(`<eos>`가 뽑히지 않음).",
        "en": "Stopped at the length cap of {n} tokens (no `<eos>` was drawn).",
    },
    "lm.sample.strip": {"ko": "지금까지 뽑은 토큰 (색: 뽑힐 때의 확률)", "en": "Tokens drawn so far (colour: the probability each was drawn with)"},
    "lm.sample.token": {
        "ko": "토큰 {t}: 뽑힌 분포에서의 확률 **{p:.3f}**, 모델 원래 분포에서의 확률 {q:.3f}",
        "en": "Token {t}: probability **{p:.3f}** in the distribution it was drawn from, {q:.3f} in the model's own",
    },
    "lm.sample.bars": {"ko": "토큰 {t}을 뽑은 분포 (주황: 뽑힌 토큰)", "en": "The distribution token {t} was drawn from (orange: the drawn token)"},
    "lm.sample.model_dist": {"ko": "모델의 분포 (τ=1)", "en": "model (τ=1)"},
    "lm.sample.drawn_dist": {"ko": "온도·top-k 적용 후", "en": "after temperature and top-k"},
    # --- live training ----------------------------------------------------------------------------
    "lm.own.title": {"ko": "내 글로 학습하기", "en": "Train on your own text"},
    "lm.own.body": {
        "ko": "아래에 글을 붙여 넣고 작은 문자 단위 모델을 지금 학습해 봅시다. 학습 방법은 미리 학습된 모델과 같습니다: "
        "줄마다 `<bos>` 다음 글자를 예측하고 교차 엔트로피를 줄입니다. 학습한 모델은 이 세션에만 있고, 다른 "
        "방문자와 공유되지 않습니다. 학습이 끝나면 그 모델이 지은 문장을 보여 줍니다.",
        "en": "Paste some text below and train a small character-level model right now. It learns the "
        "same way as the shipped models: for every line, predict each next character after `<bos>` and "
        "lower the cross-entropy. The model belongs to your session only and is never shared with other "
        "visitors. When it is done, it writes a few sentences for you.",
    },
    "lm.own.caps": {
        "ko": "제한: 앞의 {chars:,}자까지, 최소 {min}자, 최대 {steps}단계, {seconds}초, 은닉 크기 {H}. 긴 줄은 64자씩 나눕니다.",
        "en": "Caps: the first {chars:,} characters, at least {min} characters, at most {steps} steps and "
        "{seconds} seconds, hidden size {H}. Long lines are cut into pieces of 64 characters.",
    },
    "lm.own.text": {"ko": "학습할 글", "en": "Text to train on"},
    "lm.own.at_cap": {
        "ko": "이 상자는 {cap:,}자까지 받습니다. 붙여 넣은 글에서 그 뒤는 들어오지 않았습니다.",
        "en": "This box holds at most {cap:,} characters; anything pasted beyond that was left out.",
    },
    "lm.own.cut": {
        "ko": "글이 너무 깁니다: 앞의 {cap:,}자만 쓰고 나머지 {n:,}자는 버렸습니다.",
        "en": "The text is too long: only its first {cap:,} characters are used; {n:,} were dropped.",
    },
    "lm.own.steps": {"ko": "최대 학습 단계", "en": "Max steps"},
    "lm.own.seconds": {"ko": "시간 제한 (초)", "en": "Time cap (s)"},
    "lm.own.empty": {
        "ko": "학습할 글이 비어 있습니다. 몇 줄을 적거나 붙여 넣어 주세요.",
        "en": "There is no text to train on. Type or paste a few lines.",
    },
    "lm.own.too_short": {
        "ko": "글이 너무 짧습니다({n}자). 모델이 배울 패턴이 있으려면 최소 {min}자가 필요합니다.",
        "en": "The text is too short ({n} characters). A model needs at least {min} characters to find a pattern.",
    },
    "lm.own.ready": {"ko": "{n}자, {lines}줄로 학습합니다.", "en": "Training on {n} characters in {lines} lines."},
    "lm.train": {"ko": "학습 시작", "en": "Train"},
    "lm.own.none": {
        "ko": "아직 학습한 모델이 없습니다. 위의 버튼을 눌러 학습을 시작하세요.",
        "en": "No model trained yet. Press the button above to start.",
    },
    "lm.own.fit": {
        "ko": "학습한 글에서 글자당 교차 엔트로피 **{ce:.3f}** nat (퍼플렉시티 {ppl:.2f}), 어휘 {v}개.",
        "en": "Cross-entropy on the training text: **{ce:.3f}** nats per character (perplexity {ppl:.2f}); vocabulary of {v}.",
    },
    "lm.own.samples": {"ko": "**내 모델이 지은 글** (시드 0, 1, 2):", "en": "**What your model writes** (seeds 0, 1, 2):"},
    "lm.own.samples.knobs": {
        "ko": "샘플링 설정은 위 샘플링 절의 값(온도 {temp}, top-k {k})을 씁니다.",
        "en": "Uses the sampling section's settings (temperature {temp}, top-k {k}).",
    },
    # --- characters against words -----------------------------------------------------------------
    "lm.units.title": {"ko": "문자 모델과 단어 모델", "en": "Character model against word model"},
    "lm.units.body": {
        "ko": "같은 말뭉치로 학습한 **단어 단위** LSTM과 비교합니다. 단어 모델은 단계가 훨씬 적지만, 학습 때 "
        "두 번 이상 보지 못한 단어는 모두 `<unk>` 하나가 됩니다. 그 인수는 '어떤 모르는 단어'의 확률일 뿐, 바로 "
        "그 단어의 확률이 아니고, 모델은 그 단어를 결코 써낼 수도 없습니다. 문자 모델은 어떤 단어든 철자로 "
        "나타내지만, 문장이 훨씬 많은 인수의 곱이 됩니다. 공정하게 비교하려면 전체 로그 확률을 같은 글자 "
        "수(공백과 `<eos>` 포함)로 나눈 **글자당 nat**를 봅니다.",
        "en": "Here is a **word-level** LSTM trained on the same corpus. It needs far fewer steps, but every "
        "word it did not see at least twice in training becomes one `<unk>`. That factor is the "
        "probability of 'some unknown word', not of this word, and the model can never write the word "
        "either. The character model spells any word, but the sentence becomes a product of many more "
        "factors. To compare fairly, divide each total log-probability by the same number of characters "
        "(spaces and `<eos>` included): **nats per character**.",
    },
    "lm.units.char": {"ko": "문자 LSTM", "en": "character LSTM"},
    "lm.units.word": {"ko": "단어 LSTM", "en": "word LSTM"},
    "lm.units.model": {"ko": "모델", "en": "model"},
    "lm.units.steps": {"ko": "단계 수 (T+1)", "en": "steps (T+1)"},
    "lm.units.unk": {"ko": "<unk> 수", "en": "<unk> count"},
    "lm.units.log10": {"ko": "log₁₀ P", "en": "log₁₀ P"},
    "lm.units.npc": {"ko": "글자당 nat", "en": "nats per character"},
    "lm.units.word_tokens": {"ko": "단어 모델이 읽는 토큰:", "en": "The tokens the word model reads:"},
    "lm.units.has_unk": {
        "ko": "단어 {n}개가 `<unk>`가 되었습니다. 단어 모델의 확률은 이 단어들을 구별하지 못하므로, 그만큼 실제보다 좋아 보입니다.",
        "en": "{n} word(s) became `<unk>`. The word model's probability cannot tell these words apart, so it "
        "looks better than it really is.",
    },
    "lm.units.no_unk": {
        "ko": "이 문장의 단어는 모두 단어 모델의 어휘에 있습니다. 학습 말뭉치에 없는 단어(예: 새 이름)를 넣어 보세요.",
        "en": "Every word of this line is in the word model's vocabulary. Try a word the corpus never uses "
        "(a new name, say).",
    },
    "lm.units.strip": {"ko": "단어 모델의 인수 (주황빛: <unk>)", "en": "The word model's factors (light orange: <unk>)"},
    "lm.units.compare": {"ko": "글자당 nat (낮을수록 좋음; T = 단계 수)", "en": "Nats per character (lower is better; T = steps)"},
    "lm.units.after": {
        "ko": "단어 모델이 더 낮은 값을 보인다면 `<unk>`가 모르는 단어를 공짜로 처리한 덕분일 수 있습니다. 문자 모델은 "
        "긴 문장일수록 작은 인수를 많이 곱해 전체 확률이 아주 작아지지만, 글자당으로 나누면 그 길이는 공정하게 "
        "보정됩니다.",
        "en": "If the word model looks better, part of it may be `<unk>` handling unknown words for free. The "
        "character model multiplies many more factors, so its total probability is far smaller for a long "
        "sentence, but dividing by the number of characters corrects for that length.",
    },
}
