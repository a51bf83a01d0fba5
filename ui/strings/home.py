"""Strings of the Home page and of each page's entry in the navigation and the learning map."""

STRINGS: dict[str, dict[str, str]] = {
    "page.home.title": {"ko": "홈", "en": "Home"},
    "page.home.summary": {"ko": "SeqLab 학습 지도", "en": "SeqLab's learning map"},
    "home.intro": {
        "ko": "RNN, LSTM, GRU, 시간 역전파(BPTT), 어텐션은 결국 숫자를 더하고 곱하는 일입니다. "
        "SeqLab에서는 직접 입력한 문장이 그 계산을 한 단계씩 통과합니다. 화면의 숫자는 모두 "
        "단계별로 직접 계산한 값이며, PyTorch 모듈의 결과와 같은지 확인합니다.",
        "en": "RNNs, LSTMs, GRUs, backpropagation through time and attention come down to "
        "adding and multiplying numbers. In SeqLab your own sentence goes through that "
        "arithmetic one step at a time. Every number on screen is computed step by step and "
        "checked against PyTorch's own modules.",
    },
    "home.how.title": {"ko": "사용법", "en": "How it works"},
    "home.how.type": {
        "ko": "**직접 입력하세요.** 한글이든 영어든 이모지든, 페이지마다 내 문장이 그대로 쓰입니다.",
        "en": "**Type your own text.** Korean, English or emoji: each page works on your words.",
    },
    "home.how.step": {
        "ko": "**한 단계씩 넘기세요.** 처음·이전·다음·끝 버튼(:material/first_page: :material/chevron_left: :material/chevron_right: :material/last_page:)과 슬라이더로 시간 단계 t를 옮기고, :material/play_arrow: 재생으로 전체를 움직여 보세요.",
        "en": "**Move one step at a time.** First, back, next and last (:material/first_page: :material/chevron_left: :material/chevron_right: :material/last_page:) and the slider move the time step t; :material/play_arrow: Play runs the whole pass.",
    },
    "home.how.share": {
        "ko": "**링크로 공유하세요.** 주소에 언어(?lang=)와 단계(?step=)가 담기니 수업에서 같은 화면을 함께 볼 수 있습니다.",
        "en": "**Share a link.** The address keeps the language (?lang=) and the step (?step=), so a class can look at the same screen.",
    },
    "home.map.title": {"ko": "학습 지도", "en": "Learning map"},
    "home.map.caption": {
        "ko": "위에서부터 차례로 보면 됩니다. 각 페이지는 앞 페이지의 개념 위에 쌓입니다.",
        "en": "Take the pages from the top down; each one builds on the ones before it.",
    },
    "home.map.concepts": {"ko": "다루는 개념: {ids}", "en": "Concepts: {ids}"},
    # The entries of the map, one per page (the title is also the navigation label).
    "page.text_tensors.title": {"ko": "텍스트 → 텐서", "en": "Text → tensors"},
    "page.text_tensors.summary": {
        "ko": "문장을 토큰으로 자르고, 어휘 사전의 id로 바꾸고, 원-핫 벡터와 임베딩으로 만드는 과정. "
        "`x^(i)<t>`와 `T_x` 표기, 어휘 사전에 없는 토큰(`<unk>`)이 어떻게 되는지도 봅니다.",
        "en": "Cut a sentence into tokens, turn them into vocabulary ids, one-hot vectors and "
        "embeddings; read the notation `x^(i)<t>` and `T_x`, and see what becomes of a token the "
        "vocabulary does not know (`<unk>`).",
    },
}
