"""Strings of the "Self-attention" page (concepts C22–C26)."""

# Built-in context pairs: (sentence A, sentence B, the shared word), the word at the same position
# in both, so that its input row is identical and only the context differs.
CONTEXT_PAIRS: dict[str, tuple[str, str, str]] = {
    "bae": ("나는 배를 먹었다", "나는 배를 탔다", "배를"),
    "nun": ("눈이 아파서 병원에 갔다", "눈이 와서 길이 미끄럽다", "눈이"),
    "bank": ("the bank of the river was muddy", "the bank lent me some money", "bank"),
    "bat": ("the bat flew out of the cave", "the bat broke when he hit the ball", "bat"),
}

# The English names of the Korean pairs quote the Korean word.
HANGUL_OK: set[str] = {"sa.ctx.pair.bae", "sa.ctx.pair.nun"}

STRINGS: dict[str, dict[str, str]] = {
    "page.self_attention.title": {"ko": "셀프 어텐션", "en": "Self-attention"},
    "page.self_attention.summary": {
        "ko": "쿼리·키·값, 점수, √d_k로 나누기, 소프트맥스, 가중합을 내 문장으로. 멀티헤드와 위치 인코딩까지.",
        "en": "Queries, keys and values, scores, ÷√d_k, softmax and the weighted sum on your sentence. Multi-head and positional encoding too.",
    },
    "sa.intro": {
        "ko": "셀프 어텐션에서는 문장의 토큰 하나하나가 다른 모든 토큰을 살펴보고, 각각에서 얼마만큼 가져올지 정한 다음, 그 비율대로 정보를 섞어 새 벡터를 만듭니다. "
        "토큰마다 임베딩에서 세 벡터를 만듭니다: **쿼리** q(내가 찾는 것), **키** k(나를 찾게 해 주는 특징), **값** v(내가 건네줄 내용). "
        "계산 순서는 q·k 점수 → √d_k로 나누기 → 소프트맥스 → 값의 가중합입니다. 아래 숫자는 모두 내 문장으로 실제 계산한 값입니다.",
        "en": "In self-attention each token of the sentence looks at every other token, decides how much to take from each, and mixes "
        "their information in those proportions into a new vector. Every token makes three vectors from its embedding: a **query** q "
        "(what I am looking for), a **key** k (what lets others find me) and a **value** v (what I hand over). The order of work is "
        "q·k scores → ÷√d_k → softmax → weighted sum of the values. Every number below is computed on your sentence.",
    },
    "sa.random": {
        "ko": "**이 페이지의 가중치는 학습하지 않은 무작위 값입니다** (설정의 시드로 고정). 그래서 어텐션이 *어떻게* 계산되는지는 보여 주지만, "
        "어떤 단어가 어떤 단어를 '뜻이 통해서' 본다는 해석은 할 수 없습니다. 학습된 어텐션은 인코더–디코더 페이지의 작은 번역 트랜스포머에서 볼 수 있습니다.",
        "en": "**The weights on this page are random and untrained** (fixed by the seed in the settings). They show *how* attention is "
        "computed, but which word attends to which carries no meaning here. For trained attention, see the small translation "
        "Transformer on the Encoder–decoder page.",
    },
    "sa.random.link": {"ko": "인코더–디코더: 학습된 트랜스포머의 어텐션", "en": "Encoder–decoder: attention in a trained Transformer"},
    "sa.cap": {
        "ko": "어텐션은 모든 토큰 쌍을 비교하므로 헤드마다 T×T개의 가중치가 생기고, 계산량은 T²에 비례해 늘어납니다. "
        "그래서 이 페이지는 한 줄에 토큰을 {cap}개까지만 씁니다(헤드당 가중치 최대 {cells}개). `<bos>`·`<eos>`는 붙이지 않습니다.",
        "en": "Attention compares every pair of tokens: each head holds T×T weights, so the work grows with T². This page therefore "
        "keeps at most {cap} tokens a line (at most {cells} weights per head) and adds no `<bos>`/`<eos>`.",
    },
    # --- settings ----------------------------------------------------------------------------
    "sa.settings": {"ko": "설정", "en": "Settings"},
    "sa.level": {"ko": "토큰 단위", "en": "Token unit"},
    "sa.level.word": {"ko": "단어", "en": "Word"},
    "sa.level.char": {"ko": "문자", "en": "Character"},
    "sa.heads": {"ko": "헤드 수 h", "en": "Heads h"},
    "sa.heads.help": {
        "ko": "헤드마다 자기만의 W_Q, W_K, W_V로 같은 문장을 봅니다.",
        "en": "Each head looks at the same sentence through its own W_Q, W_K and W_V.",
    },
    "sa.dk": {"ko": "헤드 차원 d_k", "en": "Head size d_k"},
    "sa.dk.help": {
        "ko": "헤드 하나의 q, k, v 길이입니다. 모델 차원은 E = h·d_k가 됩니다.",
        "en": "The length of one head's q, k and v. The model width is E = h·d_k.",
    },
    "sa.E": {
        "ko": "모델 차원 E = h·d_k = {h}·{d_k} = **{E}**, 피드포워드 은닉 크기 4E = {ff}",
        "en": "Model width E = h·d_k = {h}·{d_k} = **{E}**; feed-forward hidden size 4E = {ff}",
    },
    "sa.pe": {"ko": "위치 인코딩 더하기", "en": "Add positional encoding"},
    "sa.pe.help": {
        "ko": "끄면 모델은 토큰의 순서를 전혀 알 수 없습니다. 7절에서 직접 측정합니다.",
        "en": "Off, the model cannot tell the order of the tokens at all; section 7 measures it.",
    },
    "sa.seed": {"ko": "가중치 시드", "en": "Weight seed"},
    "sa.seed.help": {
        "ko": "임베딩과 인코더 층의 무작위 초깃값을 정합니다. 시드를 바꾸면 숫자는 달라지지만 계산 방법은 같습니다.",
        "en": "Sets the random initial values of the embedding and the encoder layer. Another seed changes the numbers, not the method.",
    },
    "sa.line": {"ko": "살펴볼 문장(줄)", "en": "Sentence (line) to look at"},
    # --- 1. input ----------------------------------------------------------------------------
    "sa.input.title": {"ko": "1. 입력: 토큰 임베딩 + 위치 인코딩", "en": "1. Input: token embeddings + positional encodings"},
    "sa.input.body": {
        "ko": "토큰마다 임베딩 행렬에서 길이 E인 행을 하나 가져옵니다(텍스트 → 텐서 페이지). 어텐션 자체는 순서를 모르므로, 자리마다 다른 사인·코사인 무늬 PE를 "
        "더해 '몇 번째 자리인지'를 숫자에 새겨 넣습니다. 세 히트맵 모두 행이 토큰(t), 열이 차원(j)입니다.",
        "en": "Each token takes one row of length E from the embedding matrix (the Text → tensors page). Attention itself knows no "
        "order, so a sine/cosine pattern PE, different at every position, is added to write 'which position' into the numbers. In "
        "all three heatmaps rows are tokens (t) and columns are dimensions (j).",
    },
    "sa.input.emb": {"ko": "토큰 임베딩 ({T}×{E})", "en": "Token embeddings ({T}×{E})"},
    "sa.input.pe": {"ko": "위치 인코딩 PE", "en": "Positional encoding PE"},
    "sa.input.pe_off": {"ko": "위치 인코딩 PE (꺼짐: 더하지 않음)", "en": "Positional encoding PE (off: not added)"},
    "sa.input.x": {"ko": "X: 층의 입력", "en": "X: the layer's input"},
    "sa.input.no_pe": {
        "ko": "위치 인코딩이 꺼져 있어 X = 임베딩입니다. 같은 토큰은 어느 자리에 있든 똑같은 행이 됩니다.",
        "en": "Positional encoding is off, so X = embedding: the same token gives the same row wherever it stands.",
    },
    # --- 2. one query ------------------------------------------------------------------------
    "sa.query.title": {"ko": "2. 쿼리 하나를 한 단계씩", "en": "2. One query, step by step"},
    "sa.query.body": {
        "ko": "쿼리 토큰 t를 고르고(재생을 누르면 쿼리가 문장을 따라 한 칸씩 이동합니다) 네 단계를 차례로 눌러 보세요. "
        "헤드 하나 안에서 쿼리 $q_t = x_t W_Q$, 키 $k_j = x_j W_K$, 값 $v_j = x_j W_V$는 모두 길이가 $d_k$인 벡터입니다.",
        "en": "Pick the query token t (Play moves the query along the sentence, one token at a time) and click through the four "
        "sub-steps. Inside one head the query $q_t = x_t W_Q$, the keys $k_j = x_j W_K$ and the values $v_j = x_j W_V$ are all "
        "vectors of length $d_k$.",
    },
    "sa.query.now": {"ko": "쿼리 t = {t}", "en": "Query t = {t}"},
    "sa.head": {"ko": "헤드", "en": "Head"},
    "sa.sub": {"ko": "단계", "en": "Sub-step"},
    "sa.sub.help": {
        "ko": "쿼리 t와 따로 움직입니다. 한 쿼리에서 단계를 바꾸거나, 한 단계에서 쿼리를 바꿔 보세요.",
        "en": "Moves independently of the query t: change the sub-step for one query, or the query for one sub-step.",
    },
    "sa.sub.1": {"ko": "① q·k 점수", "en": "① q·k scores"},
    "sa.sub.2": {"ko": "② √d_k로 나누기", "en": "② ÷√d_k"},
    "sa.sub.3": {"ko": "③ 소프트맥스", "en": "③ softmax"},
    "sa.sub.4": {"ko": "④ 값의 가중합", "en": "④ weighted sum of V"},
    "sa.sub1.body": {
        "ko": "쿼리 $q_t$를 모든 키 $k_j$와 내적합니다. 두 벡터가 같은 쪽을 가리킬수록 점수가 큽니다. 표의 곱셈 열이 성분끼리의 곱이고, "
        "그 합이 $q \\cdot k_j$입니다. 내적이라서 q와 k는 길이가 같아야 합니다(4절).",
        "en": "The query $q_t$ is dotted with every key $k_j$: the more two vectors point the same way, the larger the score. The "
        "products column lists the component products; their sum is $q \\cdot k_j$. Being a dot product, it needs q and k of the "
        "same length (section 4).",
    },
    "sa.sub1.figure": {"ko": "쿼리 t = {t}의 점수 q·k_j (키 j마다 하나)", "en": "Scores q·k_j of query t = {t} (one per key j)"},
    "sa.sub2.body": {
        "ko": "점수를 $\\sqrt{d_k}$로 나눕니다. 성분 $d_k$개짜리 내적은 $d_k$가 클수록 값이 넓게 퍼지고(분산 ≈ $d_k$), 그러면 소프트맥스가 "
        "거의 한 키에만 1을 주어 기울기가 사라집니다. $\\sqrt{d_k}$로 나누면 $d_k$와 상관없이 퍼진 정도가 비슷해집니다. 회색 막대가 나누기 전 점수입니다.",
        "en": "The scores are divided by $\\sqrt{d_k}$. A dot product of $d_k$ components spreads wider as $d_k$ grows (variance ≈ "
        "$d_k$), which would push softmax to give nearly all weight to one key and leave almost no gradient. Dividing by "
        "$\\sqrt{d_k}$ keeps the spread about the same for any $d_k$. Grey bars are the scores before dividing.",
    },
    "sa.sub2.figure": {"ko": "√d_k로 나눈 점수 (쿼리 t = {t})", "en": "Scores divided by √d_k (query t = {t})"},
    "sa.sub2.raw": {"ko": "q·k (나누기 전)", "en": "q·k (before)"},
    "sa.sub2.scaled": {"ko": "q·k / √d_k", "en": "q·k / √d_k"},
    "sa.sub3.body": {
        "ko": "소프트맥스가 점수를 0과 1 사이의 가중치로 바꿉니다. 모든 키에 대한 가중치의 합이 정확히 1이어서, 쿼리가 '주의'를 어떻게 나눠 주는지로 읽을 수 있습니다. "
        "실제 계산에서는 넘침을 막으려고 가장 큰 점수를 먼저 빼지만 결과는 같습니다.",
        "en": "Softmax turns the scores into weights between 0 and 1 that add up to exactly 1 over all keys, so they read as how the "
        "query shares out its attention. In practice the largest score is subtracted first to avoid overflow; the result is the same.",
    },
    "sa.sub3.figure": {"ko": "어텐션 가중치 a_tj (쿼리 t = {t})", "en": "Attention weights a_tj (query t = {t})"},
    "sa.sub3.sum": {"ko": "합 = {total}", "en": "sum = {total}"},
    "sa.sub4.body": {
        "ko": "값 벡터 $v_j$마다 가중치 $a_{tj}$를 곱해 모두 더하면 이 헤드의 출력 $z_t$가 됩니다. 가중치가 큰 토큰의 값이 많이 섞입니다. "
        "$z_t$는 이 헤드 출력의 t번째 행이고, 4절에서 다른 헤드의 출력과 이어 붙습니다.",
        "en": "Each value vector $v_j$ is multiplied by its weight $a_{tj}$ and the results are added: that is this head's output "
        "$z_t$. Tokens with large weights contribute most. $z_t$ is row t of this head's output, which section 4 concatenates with "
        "the other heads.",
    },
    "sa.sub4.rows": {"ko": "a_tj · v_j (키 j마다 한 행, t = {t})", "en": "a_tj · v_j (a row per key j, t = {t})"},
    "sa.sub4.z": {"ko": "z (t = {t}) = 위 행들의 합", "en": "z (t = {t}) = sum of the rows above"},
    "sa.col.token": {"ko": "토큰", "en": "token"},
    "sa.col.products": {"ko": "q·k_j의 성분 곱", "en": "products in q·k_j"},
    # --- 3. every head -----------------------------------------------------------------------
    "sa.heads.title": {"ko": "3. 모든 헤드를 한눈에", "en": "3. Every head at once"},
    "sa.heads.body": {
        "ko": "헤드마다 전체 가중치 표 A입니다(행 = 쿼리 t, 열 = 키 j). 모든 행의 합이 1입니다. 색은 0부터 가장 큰 가중치까지 칠하므로, "
        "토큰이 많아 가중치가 모두 작아져도 무늬가 보입니다. 칸에 마우스를 올리면 숫자가 나옵니다. 학습을 거치면 헤드마다 역할(바로 앞 단어 보기, 주어 찾기 등)이 생기지만, "
        "여기 헤드들은 무작위라 서로 달라도 그 무늬에 뜻은 없습니다.",
        "en": "Each head's full weight table A (row = query t, column = key j); every row sums to 1. Colours run from 0 to the "
        "largest weight, so the pattern shows even when many tokens make every weight small; hover over a cell for its number. "
        "Training gives heads roles (look at the previous word, find the subject, …); these heads are random, so their "
        "patterns differ but mean nothing.",
    },
    "sa.heads.head": {"ko": "헤드 {i}", "en": "Head {i}"},
    "sa.lines.heading": {
        "ko": "쿼리 t = {t}를 모든 헤드에서: BertViz 방식의 선 그림",
        "en": "Query t = {t} in every head: BertViz-style lines",
    },
    "sa.lines.title": {
        "ko": "선 보기: 쿼리(왼쪽) → 키(오른쪽), 쿼리 t = {t} 강조",
        "en": "Line view: queries (left) → keys (right), query t = {t} highlighted",
    },
    "sa.lines.caption": {
        "ko": "왼쪽 쿼리와 오른쪽 키를 잇는 선의 굵기가 가중치입니다. 지금 쿼리의 선은 진하게, 다른 쿼리의 선은 흐리게 그리고, 헤드마다 색이 다릅니다. "
        "진한 선 위에 마우스를 올리면 숫자가 나오고, 범례에서 헤드를 누르면 그 헤드를 숨깁니다. 재생을 누르면 쿼리가 문장을 따라 움직입니다.",
        "en": "Lines join queries (left) to keys (right), as thick as their weights: the current query's lines strong, the other "
        "queries' faint, one colour per head. Hover over a strong line for its number; click a head in the legend to hide it. Play "
        "moves the query along the sentence.",
    },
    # --- 4. multi-head -----------------------------------------------------------------------
    "sa.mh.title": {"ko": "4. 멀티헤드: 나누고, 어텐션하고, 잇고, 투영하기", "en": "4. Multi-head: split, attend, concatenate, project"},
    "sa.mh.body": {
        "ko": "모든 헤드를 한꺼번에 계산하는 방법입니다. X에 W_Q, W_K, W_V를 곱해 (T, E) 행렬 셋을 만들고, 열 E개를 $d_k$개씩 h묶음으로 잘라 헤드마다 나눠 줍니다. "
        "헤드들은 서로 독립적으로 어텐션하고, 결과 h개를 다시 옆으로 이어 붙여 (T, E)로 만든 뒤 W_O로 한 번 더 섞습니다. 화살표마다 내 문장의 실제 모양을 적었습니다.",
        "en": "How all heads are computed at once. X is multiplied by W_Q, W_K and W_V into three (T, E) matrices whose E columns are "
        "cut into h blocks of $d_k$, one block per head. The heads attend independently; their h results are put side by side again "
        "into (T, E) and mixed once more by W_O. Every arrow carries the real shape for your sentence.",
    },
    "sa.mh.op.proj": {"ko": "선형 투영", "en": "project"},
    "sa.mh.op.split": {"ko": "h개로 나누기", "en": "split into h"},
    "sa.mh.op.attend": {"ko": "헤드마다", "en": "per head"},
    "sa.mh.op.mix": {"ko": "값의 가중합", "en": "weighted sum of V"},
    "sa.mh.op.concat": {"ko": "이어 붙이기", "en": "concatenate"},
    "sa.mh.op.out": {"ko": "출력 투영", "en": "output projection"},
    "sa.mh.op.addnorm": {"ko": "잔차 + LayerNorm", "en": "residual + LayerNorm"},
    "sa.mh.array": {"ko": "배열", "en": "array"},
    "sa.mh.shape": {"ko": "모양", "en": "shape"},
    "sa.mh.shapes_note": {
        "ko": "모양은 이 페이지의 트레이스에서 직접 읽었습니다. Q, K, V는 (h, T, d_k)로 헤드 축이 앞에 옵니다. PyTorch `nn.MultiheadAttention`도 안에서 같은 방식으로 자릅니다.",
        "en": "Shapes read from this page's trace itself. Q, K and V are (h, T, d_k), heads first; PyTorch's `nn.MultiheadAttention` "
        "splits them the same way inside.",
    },
    "sa.dv.title": {"ko": "Q와 K는 d_k를 나눠 쓰지만 V는 달라도 되는 이유", "en": "Why Q and K share d_k while V need not"},
    "sa.dv.body": {
        "ko": "점수는 q와 k의 **내적**이라서 두 벡터의 길이가 같아야 합니다. 값 벡터는 가중치를 곱해 더하기만 하므로 길이 $d_v$가 무엇이든 되고, "
        "출력 z는 그 길이를 따릅니다. 헤드 하나를 따로 만들어 확인해 봅시다(같은 X, 새 무작위 W_Q, W_K, W_V).",
        "en": "A score is the **dot product** of q and k, so both must have the same length. Values are only weighted and added, so "
        "their length $d_v$ can be anything, and the output z takes that length. Check it with one stand-alone head (same X, new "
        "random W_Q, W_K, W_V).",
    },
    "sa.dv.dk": {"ko": "Q와 K의 폭 d_k", "en": "Width d_k of Q and K"},
    "sa.dv.dv": {"ko": "V의 폭 d_v", "en": "Width d_v of V"},
    "sa.dv.result": {
        "ko": "Q ({T}×{dk}) · Kᵀ ({dk}×{T}) → A ({T}×{T}), 그다음 A ({T}×{T}) · V ({T}×{dv}) → Z ({T}×{dv}). d_v를 바꾸면 Z의 폭만 바뀝니다.",
        "en": "Q ({T}×{dk}) · Kᵀ ({dk}×{T}) → A ({T}×{T}), then A ({T}×{T}) · V ({T}×{dv}) → Z ({T}×{dv}). Changing d_v changes "
        "only the width of Z.",
    },
    "sa.dv.break": {"ko": "K에 Q와 다른 폭을 줘 보기", "en": "Give K a different width from Q"},
    "sa.dv.error": {
        "ko": "Q가 ({T}×{dk}), K가 ({T}×{dk2})이면 Q Kᵀ를 계산할 수 없습니다. PyTorch가 실제로 낸 오류:",
        "en": "With Q ({T}×{dk}) and K ({T}×{dk2}), Q Kᵀ cannot be computed. The error PyTorch actually raised:",
    },
    "sa.kv.title": {"ko": "PyTorch의 `kdim`과 `vdim`은 무엇인가", "en": "What PyTorch's `kdim` and `vdim` are"},
    "sa.kv.body": {
        "ko": "`nn.MultiheadAttention(E, h, kdim=…, vdim=…)`의 kdim과 vdim은 키와 값으로 들어오는 **입력**의 폭입니다(예: 폭이 다른 인코더 출력). "
        "W_K (E, kdim)와 W_V (E, vdim)가 둘 다 E로 투영하므로 헤드 안의 Q, K, V는 모두 $d_k = E/h$ 열입니다. 즉 PyTorch 모듈은 $d_v = d_k$로 고정하고, "
        "$d_v \\neq d_k$는 위처럼 따로 만든 헤드에서만 나옵니다. 아래는 같은 X를 쿼리로, 폭이 {kdim}과 {vdim}인 무작위 입력을 키와 값으로 받는 실제 모듈의 모양입니다.",
        "en": "In `nn.MultiheadAttention(E, h, kdim=…, vdim=…)`, kdim and vdim are the widths of the key and value **inputs** (say, "
        "an encoder output of another width). W_K (E, kdim) and W_V (E, vdim) both project to E, so inside each head Q, K and V all "
        "have $d_k = E/h$ columns: the PyTorch module fixes $d_v = d_k$, and $d_v \\neq d_k$ only appears in a hand-made head like "
        "the one above. Below, the real shapes of a module that takes this X as queries and random inputs of widths {kdim} and "
        "{vdim} as keys and values.",
    },
    # --- 5. residual + LayerNorm -------------------------------------------------------------
    "sa.res.title": {"ko": "5. 잔차 연결 + LayerNorm", "en": "5. Residual connection + LayerNorm"},
    "sa.res.body": {
        "ko": "인코더 층은 어텐션 결과를 입력에 **더하고**(잔차 연결 x + MultiHead(x)), 행마다 LayerNorm으로 평균 0·분산 1에 맞춥니다. 이어서 피드포워드 신경망"
        "(행마다 따로 적용하는 MLP)을 지나 한 번 더 더하고 정규화합니다. 더하기 덕분에 층은 입력을 잃지 않고 '고칠 부분'만 배우면 되고, 층을 깊이 쌓아도 기울기가 잘 흐릅니다. "
        "아래 층 전체가 PyTorch `nn.TransformerEncoderLayer`와 같은 값을 냅니다.",
        "en": "The encoder layer **adds** the attention result to its input (the residual connection x + MultiHead(x)) and "
        "normalises every row to mean 0 and variance 1 with LayerNorm. Then comes the feed-forward network (an MLP applied to each "
        "row separately), another addition and another LayerNorm. The addition lets the layer keep its input and learn only a "
        "correction, and lets gradients flow through deep stacks. The whole layer below gives the same numbers as PyTorch's "
        "`nn.TransformerEncoderLayer`.",
    },
    "sa.res.x": {"ko": "x (입력)", "en": "x (input)"},
    "sa.res.attn": {"ko": "MultiHead(x)", "en": "MultiHead(x)"},
    "sa.res.sum1": {"ko": "x + MultiHead(x)", "en": "x + MultiHead(x)"},
    "sa.res.norm1": {"ko": "LayerNorm₁", "en": "LayerNorm₁"},
    "sa.res.ff": {"ko": "FF(LayerNorm₁)", "en": "FF(LayerNorm₁)"},
    "sa.res.sum2": {"ko": "LayerNorm₁ + FF", "en": "LayerNorm₁ + FF"},
    "sa.res.norm2": {"ko": "LayerNorm₂ = 층의 출력", "en": "LayerNorm₂ = layer output"},
    "sa.res.stats": {
        "ko": "LayerNorm₁ 출력의 행 평균은 모두 0에 가깝고(최대 |평균| = {mean}), 행 표준편차는 {lo} ~ {hi}입니다(ε = 10⁻⁵ 때문에 1보다 아주 조금 작습니다). "
        "학습 전의 층은 γ = 1, β = 0에서 시작하므로 그대로 드러납니다.",
        "en": "Every row of LayerNorm₁'s output has mean ≈ 0 (largest |mean| = {mean}) and a standard deviation between {lo} and "
        "{hi} (a hair under 1 because of ε = 10⁻⁵). An untrained layer starts from γ = 1, β = 0, so this shows directly.",
    },
    "sa.res.why.title": {"ko": "입력과 출력의 차원이 같아야 하는 이유", "en": "Why input and output widths must match"},
    "sa.res.why.body": {
        "ko": "x + MultiHead(x)는 성분끼리의 덧셈이라 두 행렬이 모두 (T, E)여야 합니다. 그래서 W_O는 이어 붙인 헤드 (T, h·d_k)를 꼭 (T, E)로 되돌려 놓습니다. "
        "층의 출력도 (T, E)이므로 같은 층을 몇 개든 쌓을 수 있습니다. W_O의 출력 폭을 바꿔 보세요.",
        "en": "x + MultiHead(x) adds element by element, so both must be (T, E). That is why W_O maps the concatenated heads "
        "(T, h·d_k) back to exactly (T, E); and since the layer's output is (T, E) too, layers stack as deep as you like. Change "
        "W_O's output width:",
    },
    "sa.res.width": {"ko": "W_O의 출력 폭", "en": "Output width of W_O"},
    "sa.res.fits": {
        "ko": "({T}, {E}) + ({T}, {E}): 더할 수 있습니다. 출력도 ({T}, {E})라 다음 층에 그대로 들어갑니다.",
        "en": "({T}, {E}) + ({T}, {E}) adds, and the output is ({T}, {E}) again, ready for the next layer.",
    },
    "sa.res.fails": {
        "ko": "x는 ({T}, {E})인데 MultiHead(x)가 ({T}, {w})이면 더할 수 없습니다. PyTorch가 실제로 낸 오류:",
        "en": "x is ({T}, {E}) but MultiHead(x) would be ({T}, {w}): they cannot be added. The error PyTorch actually raised:",
    },
    # --- 6. context --------------------------------------------------------------------------
    "sa.ctx.title": {
        "ko": "6. 같은 단어도 문맥이 다르면 출력이 다르다",
        "en": "6. The same word in another context gives another output",
    },
    "sa.ctx.body": {
        "ko": "MLP(피드포워드 층)는 각 토큰의 행만 보고 계산하므로 입력 행이 같으면 출력도 늘 같습니다. 셀프 어텐션은 같은 문장의 다른 토큰들을 섞으므로, "
        "주변 단어가 바뀌면 출력도 바뀝니다. 두 문장에서 같은 자리에 있는 같은 단어를 비교합니다. 자리까지 같으니 위치 인코딩을 더해도 입력 행은 똑같습니다.",
        "en": "An MLP (the feed-forward layer) sees only the token's own row, so an identical input row always gives an identical "
        "output. Self-attention mixes in the other tokens of the sentence, so when the neighbours change, so does the output. Below, "
        "the same word at the same position in two sentences: even with positional encoding its input row is identical.",
    },
    "sa.ctx.source": {"ko": "비교할 문장", "en": "Sentences to compare"},
    "sa.ctx.source.pair": {"ko": "준비된 예문", "en": "Built-in pair"},
    "sa.ctx.source.lines": {"ko": "내 문장 두 줄", "en": "Two of my lines"},
    "sa.ctx.pair": {"ko": "예문", "en": "Pair"},
    "sa.ctx.pair.bae": {"ko": "배: 먹는 배와 타는 배", "en": "배 (bae): a pear to eat, a boat to ride"},
    "sa.ctx.pair.nun": {"ko": "눈: 아픈 눈과 내리는 눈", "en": "눈 (nun): an eye that hurts, snow that falls"},
    "sa.ctx.pair.bank": {"ko": "bank: 강둑과 은행", "en": "bank: a river bank, a money bank"},
    "sa.ctx.pair.bat": {"ko": "bat: 박쥐와 야구 방망이", "en": "bat: the animal, the baseball bat"},
    "sa.ctx.need_two": {
        "ko": "줄이 하나뿐입니다. 같은 단어가 들어간 두 번째 줄을 입력하거나 준비된 예문을 쓰세요.",
        "en": "There is only one line. Type a second line that shares a word with it, or use a built-in pair.",
    },
    "sa.ctx.line_a": {"ko": "문장 A (줄)", "en": "Sentence A (line)"},
    "sa.ctx.line_b": {"ko": "문장 B (줄)", "en": "Sentence B (line)"},
    "sa.ctx.same_line": {"ko": "서로 다른 두 줄을 고르세요.", "en": "Pick two different lines."},
    "sa.ctx.none_shared": {
        "ko": "두 문장에 함께 나오는 토큰이 없습니다. 한 단어를 두 줄에 모두 넣어 보세요.",
        "en": "The two sentences share no token. Put one word in both lines.",
    },
    "sa.ctx.word": {"ko": "비교할 단어 (두 문장에 모두 나오는 토큰)", "en": "Word to compare (a token in both sentences)"},
    "sa.ctx.word.option": {"ko": "공통 토큰 {n}: A의 t = {a}, B의 t = {b}", "en": "Shared token {n}: t = {a} in A, t = {b} in B"},
    "sa.ctx.weights": {
        "ko": "문장 {s}: t = {t}의 단어가 보는 곳 (행 = 헤드)",
        "en": "Sentence {s}: where the word at t = {t} looks (row = head)",
    },
    "sa.ctx.row.x": {"ko": "입력 x · {s}", "en": "input x · {s}"},
    "sa.ctx.row.mlp": {"ko": "MLP(x) · {s}", "en": "MLP(x) · {s}"},
    "sa.ctx.row.attn": {"ko": "셀프 어텐션 · {s}", "en": "self-attention · {s}"},
    "sa.ctx.row.layer": {"ko": "인코더 층 · {s}", "en": "encoder layer · {s}"},
    "sa.ctx.vectors": {"ko": "같은 단어의 벡터: 두 줄씩 한 쌍 (A 위, B 아래)", "en": "The word's vectors, in pairs (A above, B below)"},
    "sa.ctx.model": {"ko": "계산", "en": "computation"},
    "sa.ctx.model.x": {"ko": "입력 행 x (임베딩 + PE)", "en": "input row x (embedding + PE)"},
    "sa.ctx.model.mlp": {"ko": "MLP만 (피드포워드)", "en": "MLP alone (feed-forward)"},
    "sa.ctx.model.attn": {"ko": "셀프 어텐션 출력", "en": "self-attention output"},
    "sa.ctx.model.layer": {"ko": "인코더 층 전체", "en": "whole encoder layer"},
    "sa.ctx.gap": {"ko": "max |A − B|", "en": "max |A − B|"},
    "sa.ctx.result": {
        "ko": "입력 행이 같으니 MLP 출력의 차이는 {mlp}, 즉 정확히 같습니다. 하지만 셀프 어텐션 출력은 최대 {attn}, 층 전체 출력은 최대 {layer}만큼 다릅니다. "
        "같은 단어가 주변 단어 때문에 다른 벡터가 된 것입니다. 무작위 가중치라 아직 뜻을 가려낸 것은 아니지만, 학습된 모델은 바로 이 차이로 먹는 배와 타는 배를 구별합니다.",
        "en": "The input rows are identical, so the MLP outputs differ by {mlp}: exactly the same. The self-attention output differs "
        "by up to {attn} and the whole layer's by up to {layer}: the same word became a different vector because of its neighbours. "
        "Random weights do not separate meanings yet, but this difference is exactly what a trained model uses to tell a river "
        "bank from a money bank.",
    },
    "sa.ctx.positions": {
        "ko": "두 단어의 자리가 다르고(A의 t = {a}, B의 t = {b}) 위치 인코딩이 켜져 있어 입력 행부터 다릅니다(최대 {x}). 그래서 MLP 출력도 다릅니다. "
        "문맥만의 효과를 보려면 같은 자리의 단어를 고르거나 설정에서 위치 인코딩을 끄세요.",
        "en": "The two words stand at different positions (t = {a} in A, t = {b} in B) and positional encoding is on, so even the "
        "input rows differ (by up to {x}), and so do the MLP outputs. To see context alone, pick a word at the same position or "
        "switch positional encoding off in the settings.",
    },
    # --- 7. order ----------------------------------------------------------------------------
    "sa.order.title": {
        "ko": "7. 순서: 위치 인코딩이 없으면 어텐션은 순서를 모른다",
        "en": "7. Order: without positional encoding, attention ignores order",
    },
    "sa.order.body": {
        "ko": "문장의 토큰 순서를 바꿔 다시 계산합니다. 위치 인코딩이 없으면 출력 행은 토큰을 따라 자리만 옮길 뿐 값은 그대로입니다: f(Px) = P f(x). "
        "그래서 모델은 '밥을 안 먹고 잤다'와 '밥을 먹고 안 잤다'처럼 같은 단어를 순서만 바꾼 두 문장을 구별하지 못합니다. 위치 인코딩이 있으면 같은 토큰도 새 자리의 PE가 더해져 값이 바뀝니다. "
        "설정의 스위치와 상관없이 두 경우를 모두 계산해 비교합니다.",
        "en": "Reorder the tokens of your sentence and compute again. Without positional encoding the output rows just move along "
        "with their tokens and keep their values: f(Px) = P f(x), so the model cannot feel any difference between 'dog bites man' "
        "and 'man bites dog'. With positional encoding a token picks up its new position's PE and its numbers change. Both cases "
        "are computed below, whatever the settings' switch says.",
    },
    "sa.order.one": {
        "ko": "토큰이 하나뿐이라 순서를 바꿀 수 없습니다. 토큰이 둘 이상인 문장을 고르세요.",
        "en": "With one token there is no order to change. Pick a sentence with two or more tokens.",
    },
    "sa.order.kind": {"ko": "순서 바꾸기", "en": "Reorder"},
    "sa.order.kind.reverse": {"ko": "거꾸로", "en": "Reverse"},
    "sa.order.kind.shuffle": {"ko": "무작위로 섞기", "en": "Shuffle"},
    "sa.order.reshuffle": {"ko": "다시 섞기", "en": "Shuffle again"},
    "sa.order.permuted": {"ko": "바뀐 순서:", "en": "New order:"},
    "sa.order.gap_off": {"ko": "PE 없음: max |f(Px) − P f(x)|", "en": "No PE: max |f(Px) − P f(x)|"},
    "sa.order.gap_on": {"ko": "PE 있음: max |f(Px) − P f(x)|", "en": "With PE: max |f(Px) − P f(x)|"},
    "sa.order.moved": {"ko": "P f(x): 원래 출력을 옮긴 것", "en": "P f(x): original outputs, moved"},
    "sa.order.recomputed": {"ko": "f(Px): 바뀐 문장으로 다시 계산", "en": "f(Px): recomputed on the new order"},
    "sa.order.diff": {"ko": "차이", "en": "difference"},
    "sa.order.row_off": {"ko": "PE 없음", "en": "no PE"},
    "sa.order.row_on": {"ko": "PE 있음", "en": "with PE"},
    "sa.order.result": {
        "ko": "PE가 없을 때 두 결과의 차이는 {off}(가중치는 {w_off})로 부동소수점 반올림 수준입니다. 순서를 바꾸면 출력도 똑같이 자리만 바뀔 뿐입니다. "
        "PE가 있으면 차이가 {on}까지 커집니다. 그래서 트랜스포머는 임베딩에 위치 인코딩을 더합니다.",
        "en": "Without PE the two differ by {off} (the weights by {w_off}): floating-point rounding. Reordering the input only "
        "reorders the output. With PE the difference reaches {on}. That is why a Transformer adds positional encodings to its "
        "embeddings.",
    },
}
