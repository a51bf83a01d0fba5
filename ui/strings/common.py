"""Strings of the app shell and the shared widgets (text input, step player)."""

STRINGS: dict[str, dict[str, str]] = {
    # --- shell ---------------------------------------------------------------------------
    "app.name": {"ko": "SeqLab", "en": "SeqLab"},
    "app.tagline": {
        "ko": "내 문장으로 시퀀스 모델의 모든 숫자를 한 단계씩 따라가 보는 실습실",
        "en": "A lab where your own sentence walks through every number of a sequence model",
    },
    "shell.language": {"ko": "언어 · Language", "en": "언어 · Language"},
    "shell.about": {
        "ko": "모든 숫자는 서버의 CPU에서 PyTorch로 실제로 계산한 값입니다.",
        "en": "Every number is computed for real, with PyTorch, on the server's CPU.",
    },
    # --- shared text input ------------------------------------------------------------------
    "input.label": {"ko": "내 문장", "en": "Your text"},
    "input.help": {
        "ko": "한글, 영어, 이모지 등 어떤 문자든 괜찮습니다. 한 줄이 예제 하나(i)입니다.",
        "en": "Any script works: Hangul, Latin, emoji. Each line is one example (i).",
    },
    "input.caps": {
        "ko": "최대 {lines}줄, 한 줄에 토큰 {tokens}개(`<bos>`·`<eos>` 포함), 전체 {chars:,}자까지 씁니다.",
        "en": "Uses at most {lines} lines, {tokens} tokens a line (with `<bos>` and `<eos>`), "
        "{chars:,} characters in all.",
    },
    "input.empty": {
        "ko": "문장을 입력해 보세요. 예: 나는 오늘 학교에 간다",
        "en": "Type a sentence to begin, for example: The cat sleeps by the window",
    },
    "input.no_tokens": {
        "ko": "이 설정으로는 토큰이 하나도 나오지 않습니다. 글자나 단어를 넣어 보세요.",
        "en": "These settings give no tokens at all. Add some letters or words.",
    },
    "input.controls_removed": {
        "ko": "보이지 않는 제어 문자 {n}개를 지웠습니다.",
        "en": "Removed {n} invisible control character(s).",
    },
    "input.unreadable": {
        "ko": "읽을 수 없는 문자 {n}개가 �(U+FFFD)로 바뀌었습니다. 보통 복사해 온 글에 반쪽짜리 문자(짝 없는 서로게이트)가 있을 때 생깁니다. 그대로 하나의 문자로 다룹니다.",
        "en": "{n} character(s) could not be read and became � (U+FFFD); this happens when pasted text holds half of a character (a lone surrogate). Each is treated as an ordinary character.",
    },
    "input.at_cap": {
        "ko": "글 상자는 {cap:,}자까지 받습니다. 붙여 넣은 글에서 그 뒤는 들어오지 않았습니다.",
        "en": "The box holds at most {cap:,} characters; anything pasted beyond that was left out.",
    },
    "input.chars_cut": {
        "ko": "글이 너무 깁니다: 앞의 {cap:,}자만 쓰고 나머지 {n:,}자는 버렸습니다.",
        "en": "That text is long: the first {cap:,} characters are used, {n:,} more are left out.",
    },
    "input.lines_cut": {
        "ko": "줄이 많습니다: 앞의 {cap}줄만 쓰고 {n}줄은 뺐습니다.",
        "en": "Too many lines: the first {cap} are used, {n} more are left out.",
    },
    "input.tokens_cut": {
        "ko": "문장 {i}의 토큰이 {cap}개를 넘어 뒤의 토큰 {n}개를 잘랐습니다.",
        "en": "Sentence {i} is over {cap} tokens: its last {n} tokens are cut.",
    },
    # --- step player ---------------------------------------------------------------------
    "player.first": {"ko": "처음", "en": "First"},
    "player.prev": {"ko": "이전", "en": "Previous"},
    "player.next": {"ko": "다음", "en": "Next"},
    "player.last": {"ko": "마지막", "en": "Last"},
    "player.play": {"ko": "재생", "en": "Play"},
    "player.pause": {"ko": "일시정지", "en": "Pause"},
    "player.step": {"ko": "단계 t", "en": "Step t"},
    "player.help": {
        "ko": "재생하면 1초에 {rate}단계씩 넘어가고 마지막 단계에서 멈춥니다. 주소의 ?step= 으로 이 단계를 공유할 수 있습니다.",
        "en": "Play moves {rate} steps a second and stops at the last one. Share this step with ?step= in the address.",
    },
    "player.single": {"ko": "단계가 하나뿐입니다 (t = 1).", "en": "There is only one step (t = 1)."},
    # --- checks against PyTorch ----------------------------------------------------------
    "check.match": {
        "ko": "✅ PyTorch `{module}`의 결과와 일치합니다. 이 입력에서 최대 차이 {diff:.1e}",
        "en": "✅ Matches PyTorch `{module}` on this input: max difference {diff:.1e}",
    },
    "check.mismatch": {
        "ko": "❌ PyTorch `{module}`의 결과와 다릅니다. 최대 차이 {diff:.1e}. 버그이니 알려 주세요.",
        "en": "❌ Differs from PyTorch `{module}`: max difference {diff:.1e}. This is a bug; please report it.",
    },
    # --- live training (ui/training.py) -------------------------------------------------------
    "train.stop": {"ko": "학습 멈추기", "en": "Stop training"},
    "train.starting": {"ko": "학습을 시작합니다…", "en": "Starting to train…"},
    "train.progress": {
        "ko": "{step}/{steps} 단계 · 손실 {loss:.3f} · {seconds:.1f}초",
        "en": "Step {step}/{steps} · loss {loss:.3f} · {seconds:.1f} s",
    },
    "train.done": {
        "ko": "끝났습니다: {steps}단계, {seconds:.1f}초",
        "en": "Done: {steps} steps in {seconds:.1f} s",
    },
    "train.step": {"ko": "단계", "en": "step"},
    "train.loss": {"ko": "손실", "en": "loss"},
    "train.waiting": {
        "ko": "다른 방문자의 학습이 끝나기를 기다리는 중입니다. 앞에 {ahead}개가 있습니다 (동시에 {n}개까지 학습, {seconds}초째 대기).",
        "en": "Waiting for other visitors' training to finish: {ahead} ahead of you (at most {n} run at once; waiting {seconds} s).",
    },
    "train.cancel": {"ko": "기다리지 않기", "en": "Stop waiting"},
    "train.busy": {
        "ko": "지금은 서버가 다른 학습으로 바쁩니다. 잠시 뒤에 다시 눌러 주세요.",
        "en": "The server is busy with other training runs. Please press again in a moment.",
    },
    "train.stopped.steps": {
        "ko": "정해진 {steps}단계를 모두 학습했습니다 ({seconds:.1f}초).",
        "en": "Trained for the full {steps} steps ({seconds:.1f} s).",
    },
    "train.stopped.time": {
        "ko": "시간 제한에 걸려 {steps}단계에서 멈췄습니다 ({seconds:.1f}초).",
        "en": "Stopped by the time cap after {steps} steps ({seconds:.1f} s).",
    },
    "train.stopped.target": {
        "ko": "목표 성능에 닿아 {steps}단계에서 일찍 멈췄습니다 ({seconds:.1f}초).",
        "en": "Reached the target early, after {steps} steps ({seconds:.1f} s).",
    },
    "train.stopped.stopped": {
        "ko": "멈추기 버튼으로 {steps}단계에서 멈췄습니다. 그때까지 학습한 모델을 씁니다.",
        "en": "Stopped with the button after {steps} steps; the model trained so far is kept.",
    },
    "train.stopped.nan": {
        "ko": "{steps}단계에서 손실이 NaN/Inf로 터져 멈췄습니다. 학습률을 낮춰 보세요.",
        "en": "The loss blew up to NaN/Inf at step {steps}, so training stopped. Try a lower learning rate.",
    },
}
