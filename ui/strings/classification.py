"""Strings of the "Classification" page (concepts C20 and C21).

Inline math uses $…$; strings with {placeholders} hold no LaTeX braces.
"""

# English strings that quote Korean on purpose (negations, example reviews).
HANGUL_OK: set[str] = {"cls.intro", "cls.read.body", "cls.order.body", "cls.order.kinds", "cls.data.body",
                       "cls.data.heldout"}

STRINGS: dict[str, dict[str, str]] = {
    "page.classification.title": {"ko": "문장 분류", "en": "Classification"},
    "page.classification.summary": {
        "ko": "학습된 감성 LSTM이 토큰마다 판단을 바꾸는 모습, 순서가 중요한 이유, 분류기를 직접 학습하기.",
        "en": "A trained sentiment LSTM changing its mind token by token, why order matters, and training a classifier yourself.",
    },
    "cls.intro": {
        "ko": "**다 대 일(many-to-one)** 분류: 문장 전체를 읽고 답 하나를 냅니다. 여기서는 영화·식당 리뷰가 "
        "긍정인지 부정인지를 가릅니다. 모델은 글자를 하나씩 읽는 LSTM이고, 마지막 은닉 상태 $h_T$ 하나만 "
        "분류기 $\\sigma(w^\\top h_T + b)$에 넘깁니다. 이 모델은 이 프로젝트가 직접 만든 한국어·영어 리뷰 6,000개로 "
        "미리 학습해 앱과 함께 배포한 것입니다. 부정어(not, never, 안, 못, -지 않다)와 강조어(정말, really)가 "
        "들어간 문장도 배웠습니다.",
        "en": "**Many-to-one** classification: read a whole sentence, give one answer. Here the answer is "
        "whether a movie or restaurant review is positive or negative. The model is an LSTM that reads one "
        "character at a time and hands only its last hidden state $h_T$ to the classifier "
        "$\\sigma(w^\\top h_T + b)$. It was trained in advance on 6,000 Korean and English reviews that this "
        "project writes itself, including negations (not, never, 안, 못, -지 않다) and intensifiers "
        "(really, 정말), and it ships with the app.",
    },
    "cls.settings": {"ko": "예문과 모델", "en": "Examples and model"},
    "cls.example": {"ko": "예문 넣기", "en": "Try an example"},
    "cls.example.placeholder": {"ko": "리뷰 예문을 고르세요", "en": "Pick an example review"},
    "cls.example.help": {
        "ko": "두 줄이 왼쪽 글상자에 들어갑니다: 리뷰와, 부정어나 순서만 바꾼 쌍둥이. 다른 페이지의 글상자도 "
        "같은 글입니다.",
        "en": "Two lines go into the text box on the left: a review and its twin with a negation or another "
        "order. Every page reads the same box.",
    },
    "cls.model.facts": {
        "ko": "배포된 모델: 글자 임베딩 {E}차원 → LSTM 은닉 {H}차원 → Linear(H, 1). 학습 리뷰 {n:,}개. "
        "학습에 쓰지 않은 리뷰 {test:,}개에서 정확도 {acc:.1%}, 그중 부정어가 든 리뷰에서 {neg:.1%}.",
        "en": "Shipped model: {E}-dimensional character embeddings → LSTM with {H} hidden units → "
        "Linear(H, 1), trained on {n:,} reviews. On {test:,} held-out reviews it is {acc:.1%} accurate, "
        "{neg:.1%} on the ones with a negation.",
    },
    "cls.line": {"ko": "읽을 줄", "en": "Line to read"},
    "cls.positive": {"ko": "긍정", "en": "positive"},
    "cls.negative": {"ko": "부정", "en": "negative"},
    "cls.bow.short": {"ko": "글자 주머니(BoW)", "en": "bag of characters"},
    # --- 1. reading -----------------------------------------------------------------------------
    "cls.read.title": {"ko": "① 내 문장을 한 글자씩", "en": "① Your sentence, character by character"},
    "cls.read.body": {
        "ko": "LSTM은 $t$번째 글자를 읽을 때마다 은닉 상태 $h_t$를 새로 씁니다. 분류기는 원래 마지막 $h_T$만 "
        "보지만, 같은 분류기를 중간의 $h_t$에 대 보면 ‘문장이 여기서 끝났다면’ 모델이 뭐라고 했을지 알 수 "
        "있습니다. 이것이 **누적 예측** $P(+ \\mid x_1 \\ldots x_t)$, 즉 앞의 $t$글자만 보고 말한 P(긍정)입니다. ‘좋았다’까지 읽고 긍정으로 "
        "올라간 확률이 뒤에 오는 ‘지 않았다’에서 뒤집히는지, ‘안’이나 ‘not’ 다음 글자에서 어떻게 바뀌는지 "
        "단계를 넘기며 보세요.",
        "en": "Every time the LSTM reads character $t$ it writes a new hidden state $h_t$. The classifier "
        "normally looks only at the last one, $h_T$, but applying the same classifier to each $h_t$ shows "
        "what the model would say if the text ended there: the **running prediction** "
        "$P(+ \\mid x_1 \\ldots x_t)$, P(positive) from the first $t$ characters alone. Step through and watch a probability that rose on "
        "“good” turn over at “not”, or at 안 and -지 않다 in Korean.",
    },
    "cls.read.lstm": {"ko": "LSTM: P(긍정)", "en": "LSTM: P(positive)"},
    "cls.read.bow": {"ko": "글자 주머니: P(긍정)", "en": "Bag of characters: P(positive)"},
    "cls.read.verdict": {"ko": "LSTM의 판정", "en": "LSTM's verdict"},
    "cls.read.unknown": {
        "ko": "학습 리뷰에 한 번도 나오지 않은 글자 {n}종은 `<unk>`로 읽습니다:",
        "en": "{n} distinct character(s) never appeared in the training reviews and are read as `<unk>`:",
    },
    "cls.read.mostly_unknown": {
        "ko": "글자 대부분이 모델에게 처음 보는 글자입니다. 이 숫자는 거의 의미가 없습니다. 한국어나 영어로 된 "
        "영화·식당 리뷰를 써 보세요.",
        "en": "Most of these characters are new to the model, so this number means little. Try a movie or "
        "restaurant review in Korean or English.",
    },
    "cls.read.domain": {
        "ko": "이 모델은 긍정/부정 두 가지만 압니다. 리뷰가 아닌 문장(예: ‘나는 오늘 학교에 간다’)에도 숫자를 "
        "내지만, 그 숫자에는 뜻이 없습니다.",
        "en": "The model knows only two answers, positive and negative. A sentence that is not a review "
        "(“I go to school today”) still gets a number, but the number means nothing.",
    },
    "cls.read.turn": {
        "ko": "단어 끝끼리 비교하면 {word}번째 단어에서 판단이 가장 크게 바뀝니다: 그 단어의 끝($t = {t}$)에서 "
        "P(긍정)이 {before:.1%}에서 {after:.1%}로 움직였습니다. 모델은 리뷰 전체로만 채점받으며 배웠기 때문에, "
        "단어 중간(‘not g…’)의 값에는 큰 뜻이 없습니다. 그래프의 큰 점이 단어 끝입니다. 첫 단어는 아무것도 "
        "읽기 전의 값 $\\sigma(b)$($h_0 = 0$)와 비교합니다.",
        "en": "Comparing ends of words, the biggest turn comes with word {word}: at its end ($t = {t}$) "
        "P(positive) moved from {before:.1%} to {after:.1%}. The model was only ever graded on whole "
        "reviews, so its value in the middle of a word (“not g…”) means little; the big dots in the chart "
        "are the ends of words. The first word is compared with $\\sigma(b)$, the value before reading "
        "anything ($h_0 = 0$).",
    },
    "cls.read.not_review": {
        "ko": "글상자의 문장은 리뷰가 아닙니다. 오른쪽 ‘예문 넣기’에서 두 줄짜리 예문(리뷰와 부정어를 넣은 쌍둥이)을 "
        "골라 보세요. 두 번째 줄이 그래프에 주황 점선으로 함께 그려집니다.",
        "en": "The text box does not hold a review. Pick a two-line example on the right (a review and its "
        "twin with a negation): the second line is drawn in the chart as an orange dotted line.",
    },
    "cls.twin": {"ko": "함께 그릴 줄", "en": "Compare with"},
    "cls.twin.none": {"ko": "없음", "en": "nothing"},
    "cls.twin.line": {"ko": "{j}번째 줄", "en": "line {j}"},
    "cls.twin.help": {
        "ko": "다른 줄의 누적 예측을 주황 점선으로 겹쳐 그립니다. 부정어 하나만 다른 두 문장을 비교해 보세요.",
        "en": "Draws another line's running prediction as an orange dotted line. Compare two texts that "
        "differ by one negation.",
    },
    "cls.step.char": {"ko": "지금 읽는 글자", "en": "Character read now"},
    "cls.step.now": {
        "ko": "$t = {t}$: P(긍정)이 {before:.3f}에서 **{after:.3f}**로 ({delta:+.3f}) 바뀝니다.",
        "en": "$t = {t}$: P(positive) goes from {before:.3f} to **{after:.3f}** ({delta:+.3f}).",
    },
    "cls.fig.running": {
        "ko": "누적 예측: 글자 1…t까지 읽었을 때의 P(긍정) (T = {T})",
        "en": "Running prediction: P(positive) after reading characters 1…t (T = {T})",
    },
    "cls.fig.p_axis": {"ko": "P(긍정)", "en": "P(positive)"},
    "cls.fig.votes": {
        "ko": "은닉 유닛 j마다의 표 w_j·h_t,j (t = {t}): 합 + b = {logit:+.3f} (b = {b:+.3f})",
        "en": "Each hidden unit's vote w_j·h_t,j at t = {t}: sum + b = {logit:+.3f} (b = {b:+.3f})",
    },
    "cls.fig.votes.before": {"ko": "t − 1", "en": "t − 1"},
    "cls.fig.votes.now": {"ko": "t (초록 = 긍정 쪽, 빨강 = 부정 쪽)", "en": "t (green pushes positive, red negative)"},
    "cls.fig.votes.axis": {"ko": "로짓에 더하는 값", "en": "added to the logit"},
    "cls.fig.hidden": {
        "ko": "은닉 상태 h_t ({H}개 유닛 × 글자): 한 열이 한 단계",
        "en": "Hidden states h_t ({H} units × characters): one column per step",
    },
    # --- 2. order -------------------------------------------------------------------------------
    "cls.order.title": {"ko": "② 순서가 중요한 이유", "en": "② Why order matters"},
    "cls.order.body": {
        "ko": "‘Apple 빼고 다른 주식이 올랐다’와 ‘다른 주식 빼고 Apple이 올랐다’는 같은 글자로 되어 있지만 뜻이 "
        "반대입니다. **글자 주머니(bag of characters)** 모델은 글자마다 몇 번 나왔는지만 세고 순서는 버립니다: "
        "$P = \\sigma(w_2^\\top \\tanh(W_1 n + b_1) + b_2)$ ($n$: 글자별 개수). 그래서 같은 글자를 다른 순서로 늘어놓은 두 "
        "문장에는 **정확히 같은** 점수를 줄 수밖에 없습니다. 같은 리뷰로 학습한 LSTM은 순서를 읽으므로 둘을 "
        "구별할 수 있습니다. 아래 쌍은 글자 구성이 똑같고 정답이 서로 반대입니다.",
        "en": "“Apple 빼고 다른 주식이 올랐다” (everything but Apple rose) and “다른 주식 빼고 Apple이 올랐다” "
        "(only Apple rose) are made of the same characters with opposite meanings. A **bag-of-characters** "
        "model counts how often each character occurs and throws the order away: "
        "$P = \\sigma(w_2^\\top \\tanh(W_1 n + b_1) + b_2)$, where $n$ counts each character. Two texts with the same characters in "
        "another order must get **exactly the same** score from it. An LSTM trained on the same reviews "
        "reads the order and can tell them apart. Each pair below has identical characters and opposite "
        "labels.",
    },
    "cls.order.pick": {"ko": "문장 쌍", "en": "Pair"},
    "cls.order.own": {"ko": "직접 쓴 두 문장", "en": "Two sentences of my own"},
    "cls.order.a": {"ko": "문장 A", "en": "Sentence A"},
    "cls.order.b": {"ko": "문장 B", "en": "Sentence B"},
    "cls.order.empty": {"ko": "두 칸에 모두 문장을 쓰세요.", "en": "Write a sentence in both boxes."},
    "cls.order.col.text": {"ko": "문장", "en": "Sentence"},
    "cls.order.col.label": {"ko": "정답", "en": "Label"},
    "cls.order.col.bow": {"ko": "글자 주머니 P(긍정)", "en": "Bag of characters P(positive)"},
    "cls.order.col.lstm": {"ko": "LSTM P(긍정)", "en": "LSTM P(positive)"},
    "cls.order.same_bag": {
        "ko": "두 문장의 글자와 개수가 똑같습니다. 그래서 글자 주머니 점수 차이는 {gap:.1e}, 즉 0입니다. "
        "LSTM 점수 차이는 {lstm:.3f}입니다.",
        "en": "Both texts have the same characters, the same number of times. So the bag-of-characters "
        "scores differ by {gap:.1e}, that is not at all; the LSTM's differ by {lstm:.3f}.",
    },
    "cls.order.not_same_bag": {
        "ko": "두 문장의 글자 구성이 다릅니다. 이때는 글자 주머니 모델도 다른 점수를 낼 수 있습니다. 순서만 "
        "바꾼 두 문장으로 시험해 보세요.",
        "en": "These texts are not made of the same characters, so even the bag of characters may score "
        "them differently. Try two texts that differ only in order.",
    },
    "cls.order.outside": {
        "ko": "솔직히 말하면: 이 모델은 영화·식당 리뷰만 읽었고 주식 문장은 본 적이 없습니다. LSTM이 두 문장에 "
        "다른 숫자를 주는 것은 순서가 모델에 전달된다는 뜻일 뿐, 그 숫자가 주식에 대한 긍정·부정을 뜻하지는 "
        "않습니다. 이 쌍에서 확실히 보이는 것은 하나입니다: 글자 주머니는 두 문장을 구별조차 못 합니다.",
        "en": "To be honest: this model only ever read movie and restaurant reviews, never stock news. "
        "That the LSTM gives the two sentences different numbers shows that the order reaches it; the "
        "numbers do not mean anything about stocks. What this pair does show for certain: the bag of "
        "characters cannot even tell the two apart.",
    },
    "cls.fig.pair": {
        "ko": "두 문장의 누적 예측(실선: LSTM)과 글자 주머니 점수(점선)",
        "en": "Running prediction of both texts (solid: LSTM) and their bag-of-characters scores (dashed)",
    },
    "cls.order.kinds": {
        "ko": "학습에 쓰지 않은 리뷰에서 종류별 정확도를 보면 차이가 분명합니다. 대조(‘…지만’, ‘but’)와 "
        "정정(‘X가 아니라 Y’)은 앞뒤 순서가 답을 정하므로, 순서를 모르는 모델은 동전 던지기(50%) 수준입니다.",
        "en": "Accuracy by kind of held-out review makes the difference plain. In contrasts (“but”, -지만) "
        "and corrections (“not X, it was Y”) the order decides the answer, and the order-blind model is "
        "at coin-toss level (50%).",
    },
    "cls.order.kinds_note": {
        "ko": "전체 정확도: LSTM {lstm:.1%}, 글자 주머니 {bow:.1%}. 부정어가 든 리뷰: LSTM {lstm_neg:.1%}, "
        "글자 주머니 {bow_neg:.1%}.",
        "en": "Overall: LSTM {lstm:.1%}, bag of characters {bow:.1%}. Reviews with a negation: LSTM "
        "{lstm_neg:.1%}, bag of characters {bow_neg:.1%}.",
    },
    "cls.fig.kinds": {
        "ko": "종류별 정확도 (학습에 쓰지 않은 리뷰 {n:,}개)",
        "en": "Accuracy by kind of review ({n:,} held-out reviews)",
    },
    "cls.fig.accuracy": {"ko": "정확도", "en": "accuracy"},
    "cls.kind.plain": {"ko": "평서", "en": "plain"},
    "cls.kind.negated": {"ko": "부정", "en": "negated"},
    "cls.kind.verb": {"ko": "동사구", "en": "verb phrase"},
    "cls.kind.fragment": {"ko": "명사구", "en": "fragment"},
    "cls.kind.contrast": {"ko": "대조(…지만)", "en": "contrast (but)"},
    "cls.kind.correction": {"ko": "정정(X가 아니라 Y)", "en": "correction (not X, Y)"},
    # --- 3. the classic practice -----------------------------------------------------------------
    "cls.practice.title": {"ko": "③ 분류기 학습의 정석, 한 단계씩", "en": "③ The classic practice, step by step"},
    "cls.practice.body": {
        "ko": "PyTorch로 분류기를 만들 때의 순서를 그대로 따라갑니다: 데이터셋과 로더 → 모델 정의 → 매개변수 "
        "확인 → 순전파 한 번 → 학습 전 평가 → 학습 → 테스트. 아래 설정은 여러분이 직접 학습할 작은 LSTM의 "
        "설정입니다. 학습한 모델은 여러분의 세션에만 있고, 다른 방문자와 위의 배포 모델에는 영향을 주지 않습니다.",
        "en": "The usual order of building a classifier in PyTorch: dataset and loader → define the model → "
        "check its parameters → one forward pass → evaluate before training → train → test. The settings "
        "below are those of a small LSTM you train yourself. It lives in your session only and never "
        "touches other visitors or the shipped model above.",
    },
    "cls.knob.hidden": {"ko": "은닉 크기 H", "en": "Hidden size H"},
    "cls.knob.hidden.help": {
        "ko": "LSTM 은닉 상태의 유닛 수입니다. 클수록 표현력이 크지만 한 단계가 느려집니다.",
        "en": "Units in the LSTM's hidden state. More can express more, but every step gets slower.",
    },
    "cls.knob.steps": {"ko": "학습 단계 수", "en": "Training steps"},
    "cls.knob.lr": {"ko": "학습률", "en": "Learning rate"},
    "cls.knob.seed": {"ko": "시드", "en": "Seed"},
    "cls.knob.caps": {
        "ko": "상한: 한 번 학습에 {seconds:.0f}초, {steps:,}단계, H ≤ {h}. 배치 64개, Adam, 기울기 노름 1로 자르기. "
        "서버 전체에서 동시에 2개까지만 학습합니다.",
        "en": "Caps: {seconds:.0f} s and {steps:,} steps a run, H ≤ {h}. Batches of 64, Adam, gradient norm "
        "clipped at 1. The whole server trains at most 2 runs at once.",
    },
    "cls.data.title": {"ko": "1. 데이터셋과 로더", "en": "1. Dataset and loader"},
    "cls.data.body": {
        "ko": "리뷰는 내려받지 않고 문법 규칙으로 만듭니다(`core/sentiment_data.py`). 주어, 서술어, 부정(안, 못, "
        "-지 않다, not, never), 강조어를 조합하고, 극성을 알고 있으니 정답도 함께 나옵니다. 각 리뷰는 글자 id의 "
        "줄이 되고, 로더는 무작위로 고른 64개 리뷰를 가장 긴 것에 맞춰 `<pad>`(0)로 채운 배치로 묶습니다.",
        "en": "The reviews are not downloaded but written by a grammar (`core/sentiment_data.py`): subjects, "
        "predicates, negations (not, never, 안, 못, -지 않다) and intensifiers, combined with known "
        "polarity, so every review comes with its label. Each review becomes a row of character ids; the "
        "loader draws 64 reviews at random and pads them with `<pad>` (0) to the longest one.",
    },
    "cls.data.train": {"ko": "학습 리뷰", "en": "Training reviews"},
    "cls.data.test": {"ko": "테스트 리뷰", "en": "Held-out reviews"},
    "cls.data.vocab": {"ko": "글자 어휘 |V|", "en": "Character vocabulary |V|"},
    "cls.data.negated": {"ko": "테스트 중 부정어 포함", "en": "Held-out with a negation"},
    "cls.data.col.text": {"ko": "리뷰", "en": "Review"},
    "cls.data.col.label": {"ko": "정답", "en": "Label"},
    "cls.data.col.kind": {"ko": "종류", "en": "Kind"},
    "cls.data.heldout": {
        "ko": "**테스트 리뷰는 외운 답으로 풀 수 없게** 만들었습니다. 모든 테스트 리뷰에는 학습 때 한 번도 보지 "
        "못한 요소가 하나 이상 들어 있습니다: 새 주어(떡볶이, the lasagna), 새 강조어(무척, truly), 새 문장 틀"
        "(솔직히 …, honestly, …), 그리고 학습 때 보지 못한 ‘형용사 + 부정 방식’ 조합(예: ‘rude’는 ‘never’와 "
        "‘n't’로만 배우고 ‘not rude’는 테스트에만 나옵니다).",
        "en": "**The held-out reviews cannot be answered from memory.** Every one of them has at least one "
        "part never seen in training: a new subject (the lasagna, 떡볶이), a new intensifier (truly, 무척), "
        "a new frame (honestly, …, 솔직히 …), or a pairing of an adjective with a negation it was never "
        "trained with (e.g. “rude” is learned with “never” and “n't” only; “not rude” appears only in the "
        "test).",
    },
    "cls.data.batch": {"ko": "배치 번호", "en": "Batch number"},
    "cls.data.batch.help": {
        "ko": "로더의 난수 생성기 시드입니다. 번호를 바꾸면 다른 배치를 뽑습니다. 로더는 길이가 비슷한 리뷰끼리 "
        "묶어(버킷팅) 채우는 `<pad>`를 줄입니다.",
        "en": "The seed of the loader's random generator: another number draws another batch. The loader "
        "groups reviews of similar length (bucketing) to keep the `<pad>` filling small.",
    },
    "cls.data.shapes": {
        "ko": "실제 배치 하나: `ids`는 ({B}, {T}) 정수 텐서, `lengths`와 `labels`는 ({B},). 칸 {total}개 중 "
        "{pad}개가 `<pad>`입니다. 모델은 리뷰마다 자기 마지막 글자(`lengths[i]`번째)의 $h$를 읽으므로 뒤에 붙은 "
        "`<pad>`는 답을 바꾸지 못합니다.",
        "en": "One real batch: `ids` is a ({B}, {T}) integer tensor, `lengths` and `labels` are ({B},). "
        "{pad} of its {total} cells are `<pad>`. The model reads each review's $h$ at its own last "
        "character (position `lengths[i]`), so the padding after it cannot change the answer.",
    },
    "cls.data.batch.figure": {
        "ko": "배치 ({B} × {T}): 칸마다 글자(마우스를 올리면 id), 회색 · = <pad>",
        "en": "The batch ({B} × {T}): one character per cell (hover for its id), grey · = <pad>",
    },
    "cls.model.title": {"ko": "2. 모델 정의", "en": "2. Define the model"},
    "cls.model.body": {
        "ko": "임베딩 → LSTM → 마지막 은닉 상태 → Linear(H, 1). 출력은 로짓 하나이고, 시그모이드를 거치면 "
        "P(긍정)입니다. 아래는 코드와, 위 설정으로 만든 모델을 `print(model)`한 결과입니다.",
        "en": "Embedding → LSTM → last hidden state → Linear(H, 1). The output is one logit; through a "
        "sigmoid it is P(positive). Below: the code, and `print(model)` of the model your settings build.",
    },
    "cls.params.title": {"ko": "3. 매개변수 확인", "en": "3. Check the parameters"},
    "cls.params.body": {
        "ko": "LSTM에는 게이트 4개(i, f, g, o)가 있고, 게이트마다 입력 행렬(H × E), 순환 행렬(H × H), 편향 두 개가 "
        "있습니다. PyTorch는 이 넷을 세로로 쌓아 `weight_ih_l0`(4H × E) 하나에 담습니다.",
        "en": "An LSTM has 4 gates (i, f, g, o), each with an input matrix (H × E), a recurrent matrix "
        "(H × H) and two biases; PyTorch stacks the four into one `weight_ih_l0` (4H × E) and so on.",
    },
    "cls.params.name": {"ko": "이름", "en": "Name"},
    "cls.params.shape": {"ko": "모양", "en": "Shape"},
    "cls.params.count": {"ko": "개수", "en": "Count"},
    "cls.forward.title": {"ko": "4. 순전파 한 번", "en": "4. One forward pass"},
    "cls.forward.body": {
        "ko": "1번의 배치를 학습 전 모델에 한 번 통과시키며 단계마다 텐서 모양을 적었습니다(B = 배치 크기, "
        "T = 가장 긴 리뷰의 글자 수).",
        "en": "The batch from step 1 goes through the untrained model once; the shape of the tensor after "
        "each stage (B = batch size, T = the longest review's length).",
    },
    "cls.forward.stage": {"ko": "단계", "en": "Stage"},
    "cls.forward.shape": {"ko": "모양", "en": "Shape"},
    "cls.forward.loss": {
        "ko": "이 배치의 이진 교차 엔트로피 손실은 **{loss:.4f}**입니다. 아무것도 모르고 늘 0.5라고 답하는 모델의 "
        "손실 ln 2 = {chance:.4f}와 거의 같습니다. 배치의 P(긍정): {probs}.",
        "en": "The binary cross-entropy of this batch is **{loss:.4f}**, close to ln 2 = {chance:.4f}, the "
        "loss of a model that knows nothing and always says 0.5. P(positive) of the batch: {probs}.",
    },
    "cls.before.title": {"ko": "5. 학습 전 평가", "en": "5. Evaluate before training"},
    "cls.before.body": {
        "ko": "학습 전 모델로 테스트 리뷰를 모두 분류하면 정확도 **{acc:.1%}**, 손실 {loss:.4f}입니다(찍기 수준: "
        "50%, ln 2 = {chance:.4f}). 이 기준점이 있어야 학습이 실제로 무엇을 배웠는지 말할 수 있습니다.",
        "en": "Classifying every held-out review with the untrained model gives accuracy **{acc:.1%}** and "
        "loss {loss:.4f} (guessing: 50% and ln 2 = {chance:.4f}). Without this baseline you cannot say what "
        "training actually learned.",
    },
    "cls.before.read": {
        "ko": "혼동 행렬 읽는 법: 행은 정답, 열은 예측입니다. 부정을 부정이라 맞힌 것 {tn}개, 부정을 긍정이라 한 "
        "것 {fp}개, 긍정을 부정이라 한 것 {fn}개, 긍정을 긍정이라 맞힌 것 {tp}개. 학습 전 모델은 대개 한쪽으로 "
        "쏠립니다.",
        "en": "Reading a confusion matrix: rows are the true label, columns the prediction. Negative "
        "called negative: {tn}; negative called positive: {fp}; positive called negative: {fn}; positive "
        "called positive: {tp}. An untrained model usually leans to one side.",
    },
    "cls.fig.confusion.before": {"ko": "혼동 행렬: 학습 전", "en": "Confusion matrix: before training"},
    "cls.fig.confusion.after": {"ko": "혼동 행렬: 내가 학습한 모델", "en": "Confusion matrix: your trained model"},
    "cls.fig.true": {"ko": "정답", "en": "true"},
    "cls.fig.pred": {"ko": "예측", "en": "predicted"},
    "cls.train.title": {"ko": "6. 학습", "en": "6. Train"},
    "cls.train.body": {
        "ko": "버튼을 누르면 서버에서 실제로 학습합니다. 진행 막대와 손실 곡선이 실시간으로 그려지고, 50단계마다 "
        "테스트 리뷰 400개로 정확도를 잽니다. 학습 루프는 아래 코드와 같습니다(`core/train.py`).",
        "en": "The button really trains on the server, with a progress bar and a live loss curve; every 50 "
        "steps it measures accuracy on 400 held-out reviews. The loop is the one below (`core/train.py`).",
    },
    "cls.train.button": {"ko": "LSTM 학습하기", "en": "Train the LSTM"},
    "cls.train.none": {
        "ko": "아직 학습한 모델이 없습니다. 위 버튼을 눌러 보세요.",
        "en": "No trained model yet. Press the button above.",
    },
    "cls.fig.loss_curve": {"ko": "학습 손실 (최근 25단계 평균)", "en": "Training loss (mean of the last 25 steps)"},
    "cls.fig.acc_curve": {
        "ko": "정확도 (테스트 리뷰 {n}개)",
        "en": "Accuracy ({n} held-out reviews)",
    },
    "cls.test.title": {"ko": "7. 테스트", "en": "7. Test"},
    "cls.test.accuracy": {"ko": "테스트 정확도", "en": "Test accuracy"},
    "cls.test.negated": {"ko": "부정어 리뷰 정확도", "en": "Accuracy with negation"},
    "cls.test.loss": {"ko": "테스트 손실", "en": "Test loss"},
    "cls.test.yours": {"ko": "내 모델", "en": "Your model"},
    "cls.test.sentence": {
        "ko": "글상자의 첫 줄을 내 모델은 P(긍정) = **{mine:.3f}**, 배포된 모델은 **{shipped:.3f}**로 봅니다.",
        "en": "Your text box's first line: your model says P(positive) = **{mine:.3f}**, the shipped model "
        "**{shipped:.3f}**.",
    },
    # --- 4. side by side ---------------------------------------------------------------------------
    "cls.compare.title": {"ko": "④ RNN, LSTM, GRU 나란히", "en": "④ RNN, LSTM and GRU side by side"},
    "cls.compare.body": {
        "ko": "세 모델을 같은 리뷰, 같은 시드, 같은 배치 순서, 같은 학습률(0.01)과 같은 예산으로 차례로 학습하고 "
        "곡선을 한 그래프에 겹칩니다. 바뀌는 것은 순환층 하나뿐입니다.",
        "en": "The three models are trained one after another on the same reviews, with the same seed, the "
        "same batches, the same learning rate (0.01) and the same budget, and their curves share one plot. "
        "Only the recurrent layer differs.",
    },
    "cls.compare.caps": {
        "ko": "상한: 모델마다 {seconds:.0f}초, 최대 {steps}단계.",
        "en": "Caps: {seconds:.0f} s and at most {steps} steps per model.",
    },
    "cls.compare.button": {"ko": "세 모델 학습하기", "en": "Train all three"},
    "cls.compare.none": {
        "ko": "아직 비교할 결과가 없습니다. 위 버튼을 눌러 보세요.",
        "en": "Nothing to compare yet. Press the button above.",
    },
    "cls.compare.col.model": {"ko": "모델", "en": "Model"},
    "cls.compare.col.params": {"ko": "순환층 매개변수", "en": "Recurrent parameters"},
    "cls.compare.col.steps": {"ko": "단계", "en": "Steps"},
    "cls.compare.col.seconds": {"ko": "초", "en": "Seconds"},
    "cls.compare.note": {
        "ko": "짧은 예산에서는 차이가 작을 수 있습니다. 순환층 매개변수는 RNN : GRU : LSTM = 1 : 3 : 4이므로 같은 "
        "H에서 LSTM이 가장 크고 느립니다. 부정이나 대조처럼 앞의 내용을 오래 기억해야 하는 리뷰에서 게이트가 있는 "
        "모델이 유리한지 정확도 표에서 확인해 보세요.",
        "en": "With a short budget the gaps can be small. The recurrent parameters go RNN : GRU : LSTM = "
        "1 : 3 : 4, so at the same H the LSTM is the largest and slowest. Check in the table whether the "
        "gated models do better on reviews that need memory, such as negations and contrasts.",
    },
}
