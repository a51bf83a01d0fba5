"""Strings of the "Text → tensors" page (concept C5)."""

STRINGS: dict[str, dict[str, str]] = {
    "tt.intro": {
        "ko": "신경망은 글자를 읽지 못하고 숫자만 받습니다. 내 문장이 숫자 텐서가 되기까지 네 단계를 "
        "차례로 따라가 봅시다: 토큰화 → 어휘 사전 → 정수 인코딩과 원-핫 → 임베딩.",
        "en": "A network cannot read letters; it only takes numbers. Follow your sentence through "
        "the four steps that turn it into a tensor: tokens → vocabulary → integer ids and "
        "one-hot → embedding.",
    },
    # --- settings ----------------------------------------------------------------------------
    "tt.settings": {"ko": "설정", "en": "Settings"},
    "tt.level": {"ko": "토큰 단위", "en": "Token unit"},
    "tt.level.word": {"ko": "단어", "en": "Word"},
    "tt.level.char": {"ko": "문자", "en": "Character"},
    "tt.level.help": {
        "ko": "단어: 띄어쓰기로 자르고, 문장부호는 따로 한 토큰이 됩니다. 한국어는 조사가 붙은 어절(예: 학교에)이 한 토큰입니다. "
        "문자: 한 글자(한글 음절 하나, 이모지 하나)가 한 토큰입니다.",
        "en": "Word: split at spaces, and punctuation marks are tokens of their own; in Korean a word keeps its particle "
        "(학교에 is one token). Character: one letter, one Hangul syllable or one emoji per token.",
    },
    "tt.jamo": {"ko": "한글을 자모로 분해 (한 → ㅎ ㅏ ㄴ)", "en": "Split Hangul into jamo (한 → ㅎ ㅏ ㄴ)"},
    "tt.jamo.help": {
        "ko": "문자 단위에서만 켤 수 있습니다. 한글 음절 11,172개가 자모 수십 개로 줄어듭니다.",
        "en": "Character unit only. The 11,172 Hangul syllables shrink to a few dozen jamo.",
    },
    "tt.lowercase": {"ko": "대문자를 소문자로 바꾸기", "en": "Lowercase letters"},
    "tt.source": {"ko": "어휘 사전을 만들 글", "en": "Build the vocabulary from"},
    "tt.source.own": {"ko": "내 문장", "en": "Your text"},
    "tt.source.corpus": {"ko": "예제 말뭉치 ({n}문장)", "en": "Sample corpus ({n} sentences)"},
    "tt.source.help": {
        "ko": "예제 말뭉치는 SeqLab에 들어 있는 한국어·영어 문장입니다. 거기서 만든 어휘 사전에는 내 문장의 "
        "토큰이 없을 수 있고, 그런 토큰은 `<unk>`가 됩니다.",
        "en": "The sample corpus is a set of Korean and English sentences shipped with SeqLab. "
        "A vocabulary built from it may lack some of your tokens; those become `<unk>`.",
    },
    "tt.max_vocab": {"ko": "어휘 사전 크기 상한 |V| (특수 토큰 포함)", "en": "Vocabulary cap |V| (specials included)"},
    "tt.max_vocab.help": {
        "ko": "자주 나온 토큰만 어휘 사전에 남깁니다. 작게 할수록 `<unk>`가 늘어납니다.",
        "en": "Keeps the most frequent tokens only. The smaller the cap, the more `<unk>`.",
    },
    "tt.max_vocab.none": {"ko": "제한 없음", "en": "no cap"},
    "tt.bos_eos": {"ko": "`<bos>`와 `<eos>` 붙이기", "en": "Add `<bos>` and `<eos>`"},
    "tt.dim": {"ko": "임베딩 차원 d", "en": "Embedding size d"},
    "tt.seed": {"ko": "임베딩 시드", "en": "Embedding seed"},
    "tt.seed.help": {
        "ko": "E의 초기값을 정하는 난수 시드입니다. 학습 전의 임베딩은 무작위이고, 학습하면서 의미를 갖게 됩니다.",
        "en": "The random seed of E's initial values. Before training an embedding is random; "
        "training gives it meaning.",
    },
    # --- 1. tokens and notation --------------------------------------------------------------
    "tt.tokens.title": {"ko": "1. 토큰과 표기법", "en": "1. Tokens and notation"},
    "tt.tokens.body": {
        "ko": "문장 i의 t번째 토큰을 `x^(i)<t>`로, 문장 i의 길이를 `T_x^(i)`로 씁니다. 괄호 (i)는 몇 번째 예제인지, "
        "꺾쇠 <t>는 몇 번째 시간 단계인지를 뜻합니다. 주황색 칸은 어휘 사전에 없어 `<unk>`로 바뀐 토큰입니다.",
        "en": "The t-th token of sentence i is written `x^(i)<t>`, and sentence i has length "
        "`T_x^(i)`. The round brackets (i) say which example, the angle brackets `<t>` which time "
        "step. Orange boxes are tokens the vocabulary lacks, encoded as `<unk>`.",
    },
    "tt.tokens.strip": {"ko": "문장 {i}: 토큰과 정수 id", "en": "Sentence {i}: tokens and integer ids"},
    "tt.tokens.lengths": {"ko": "문장별 길이 T_x^(i)", "en": "Length of each sentence, T_x^(i)"},
    # --- 2. vocabulary -------------------------------------------------------------------------
    "tt.vocab.title": {"ko": "2. 어휘 사전", "en": "2. Vocabulary"},
    "tt.vocab.body": {
        "ko": "사전의 앞 네 자리는 늘 특수 토큰입니다. `<pad>`=0은 짧은 문장을 채우는 빈칸, `<unk>`=1은 어휘 사전에 "
        "없는 토큰, `<bos>`=2는 문장의 시작, `<eos>`=3은 문장의 끝입니다. 나머지는 많이 나온 순서로, 횟수가 "
        "같으면 유니코드 순서로 id를 받습니다. 그래서 같은 글에서는 언제나 같은 id가 나옵니다.",
        "en": "The first four entries are always the special tokens: `<pad>` = 0 fills up short "
        "sentences, `<unk>` = 1 stands for any token the vocabulary lacks, `<bos>` = 2 marks the "
        "beginning and `<eos>` = 3 the end of a sentence. The others are numbered by falling "
        "frequency, ties in Unicode order, so the same text always gets the same ids.",
    },
    "tt.vocab.size": {"ko": "어휘 사전 크기 |V| = {n}", "en": "Vocabulary size |V| = {n}"},
    "tt.vocab.count": {"ko": "횟수 (어휘 사전을 만든 글에서)", "en": "count (in the text the vocabulary was built from)"},
    "tt.vocab.token": {"ko": "토큰", "en": "token"},
    # --- 3. ids and batch ------------------------------------------------------------------------
    "tt.batch.title": {"ko": "3. 정수 인코딩과 배치", "en": "3. Integer encoding and the batch"},
    "tt.batch.body": {
        "ko": "문장마다 길이가 달라서, 한 번에 계산하려면 가장 긴 문장 길이 T_max에 맞춰 `<pad>`(0)로 채운 "
        "(N, T_max) 정수 행렬을 만듭니다. 회색 칸이 채운 자리이고, 모델은 마스크로 이 칸을 무시합니다.",
        "en": "Sentences differ in length, so to compute them together they are padded with "
        "`<pad>` (0) up to the longest one, T_max, giving an (N, T_max) integer matrix. Grey cells "
        "are padding; a mask tells the model to ignore them.",
    },
    "tt.batch.shape": {
        "ko": "배치 모양 (N, T_max) = ({n}, {t}), 실제 토큰 {real}개, 채운 칸 {pad}개",
        "en": "Batch shape (N, T_max) = ({n}, {t}): {real} real tokens, {pad} padding cells",
    },
    "tt.batch.figure": {"ko": "정수 id 행렬 (회색 = <pad>)", "en": "Integer id matrix (grey = <pad>)"},
    # --- 4. one-hot --------------------------------------------------------------------------------
    "tt.onehot.title": {"ko": "4. 원-핫 행렬", "en": "4. The one-hot matrix"},
    "tt.onehot.body": {
        "ko": "id가 k인 토큰은 길이 |V|인 벡터에서 k번째 자리만 1이고 나머지는 모두 0입니다. 문장 하나는 "
        "(T_x, |V|) 행렬이 됩니다. 값이 거의 다 0이라 낭비가 크고, 어떤 두 토큰 사이의 거리도 모두 같습니다. "
        "그래서 다음 단계인 임베딩이 필요합니다.",
        "en": "A token with id k becomes a vector of length |V| that is 1 at position k and 0 "
        "everywhere else, so a sentence is a (T_x, |V|) matrix. It is almost all zeros, and any "
        "two tokens are equally far apart: the reasons for the next step, the embedding.",
    },
    "tt.onehot.pick": {"ko": "살펴볼 문장 i", "en": "Sentence i to explore"},
    "tt.onehot.figure": {"ko": "문장 {i}의 원-핫 행렬 ({t} × {v})", "en": "One-hot matrix of sentence {i} ({t} × {v})"},
    "tt.onehot.hidden": {
        "ko": "어휘 사전이 커서 쓰인 열과 특수 토큰 열만 보여 줍니다. 나머지 {n}개 열은 이 문장에서 모두 0입니다.",
        "en": "The vocabulary is large, so only the columns in use and the specials are shown; "
        "the other {n} columns are all zero for this sentence.",
    },
    # --- 5. embedding ------------------------------------------------------------------------------
    "tt.embed.title": {"ko": "5. 임베딩: 원-핫 × E = E의 한 행", "en": "5. Embedding: one-hot × E = a row of E"},
    "tt.embed.body": {
        "ko": "임베딩 행렬 E는 (|V|, d) 모양입니다. 원-핫 벡터를 E에 곱하면 1이 있는 자리의 행만 남으니, "
        "곱셈은 사실 '행 하나 꺼내기'입니다. torch.nn.Embedding은 곱하지 않고 바로 그 행을 꺼내서 훨씬 "
        "빠릅니다. 아래에서 시간 단계 t를 옮기며 확인해 보세요. `<pad>` 행은 padding_idx라서 0으로 고정됩니다.",
        "en": "The embedding matrix E has shape (|V|, d). Multiplying a one-hot vector by E keeps "
        "only the row where the 1 is, so the product is really 'take one row'. torch.nn.Embedding "
        "skips the multiplication and reads that row directly, which is far cheaper. Move the "
        "time step t below to check it. The `<pad>` row is the padding_idx and stays zero.",
    },
    "tt.embed.now": {
        "ko": "t = {t}: 토큰의 id는 {id}이므로 E의 {id}번 행을 꺼냅니다.",
        "en": "t = {t}: the token's id is {id}, so row {id} of E comes out.",
    },
    "tt.embed.token": {"ko": "이 단계의 토큰 `x^(i)<t>`", "en": "This step's token `x^(i)<t>`"},
    "tt.embed.onehot": {"ko": "원-핫 e_id", "en": "one-hot e_id"},
    "tt.embed.matrix": {"ko": "임베딩 행렬 E", "en": "embedding matrix E"},
    "tt.embed.row": {"ko": "결과 = E[id]", "en": "result = E[id]"},
    "tt.embed.growth": {
        "ko": "문장 {i} 전체를 임베딩한 (T_x, d) 행렬: ▶를 누르면 브라우저에서 한 행씩 채워집니다",
        "en": "Sentence {i} embedded, a (T_x, d) matrix: press ▶ to fill it row by row in your browser",
    },
    "tt.embed.play": {"ko": "재생", "en": "Play"},
    "tt.embed.pause": {"ko": "일시정지", "en": "Pause"},
    # --- 6. unknown words ----------------------------------------------------------------------------
    "tt.unk.title": {"ko": "6. 어휘 사전에 없는 토큰 (`<unk>`)", "en": "6. Tokens outside the vocabulary (`<unk>`)"},
    "tt.unk.body": {
        "ko": "어휘 사전은 학습에 쓴 글로 만들기 때문에, 새 글에는 처음 보는 토큰이 나옵니다. 그런 토큰은 모두 "
        "`<unk>` 하나로 바뀌어 서로 구별되지 않고, 원래 뜻도 사라집니다. 임베딩도 모두 E의 1번 행 하나를 "
        "나눠 쓰므로, 위 행렬에서 `<unk>` 자리의 줄은 색이 똑같습니다. 아래 표는 예제 말뭉치로 만든 "
        "어휘 사전이 내 문장을 얼마나 놓치는지, 토큰 단위마다 비교합니다. 단위가 작을수록 어휘 사전은 작아지고 "
        "`<unk>`는 줄지만, 토큰 시퀀스가 길어집니다.",
        "en": "A vocabulary is built from the training text, so new text brings tokens it has "
        "never seen. All of them become the one `<unk>` token: they can no longer be told apart, "
        "and their meaning is gone. They even share one embedding, row 1 of E, so their rows in "
        "the matrix above are identical. The table compares, for each token unit, how much of your "
        "text a vocabulary built from the sample corpus misses. Smaller units mean a smaller "
        "vocabulary and fewer `<unk>`, but longer sequences.",
    },
    "tt.unk.unit": {"ko": "토큰 단위", "en": "token unit"},
    "tt.unk.jamo": {"ko": "자모", "en": "jamo"},
    "tt.unk.vocab": {"ko": "어휘 사전 크기 |V|", "en": "vocabulary |V|"},
    "tt.unk.tokens": {"ko": "내 문장의 토큰 수", "en": "your tokens"},
    "tt.unk.unknown": {"ko": "<unk>가 된 토큰 수", "en": "became <unk>"},
    "tt.unk.rate": {"ko": "<unk> 비율", "en": "<unk> rate"},
    "tt.unk.which": {"ko": "어휘 사전에 없던 토큰", "en": "missing tokens"},
    "tt.unk.none_here": {
        "ko": "지금 설정에서는 모든 토큰이 어휘 사전에 있습니다. 어휘 사전을 '예제 말뭉치'로 만들거나 크기 상한을 줄여 보세요.",
        "en": "With these settings every token is in the vocabulary. Build it from the sample "
        "corpus or lower the cap to see `<unk>` appear.",
    },
    "tt.unk.here": {
        "ko": "지금 설정에서 `<unk>`가 된 토큰:",
        "en": "Tokens that became `<unk>` with these settings:",
    },
}
