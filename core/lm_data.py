"""The language models' built-in corpora: template sentences in Korean and in English.

No downloads: SeqLab writes its own text. Each sentence is drawn from hand-written slots
(who, when, where, what they did), so a character model sees the same words in many contexts
and can learn plausible syllables, particles and word endings; the hand-written sample corpus
(``data/sample_corpus.txt``) is added to the training split of its language.

Everything is drawn from a ``random.Random(seed)``, so the same seed always gives the same
corpus; the held-out split contains only sentences that never occur in the training split.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from core.text import sample_corpus

__all__ = ["LANGS", "Corpus", "corpus", "generate"]

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")

# --- Korean slots --------------------------------------------------------------------------------
_KO_WHO = ("나는", "우리는", "그는", "그녀는", "친구는", "동생은", "선생님은", "엄마는", "아빠는",
           "고양이는", "강아지는", "학생들은", "아이들은", "언니는", "형은")
_KO_WHEN = ("오늘", "어제", "내일", "아침에", "저녁에", "주말에", "매일", "밤에", "오후에", "가끔")
_KO_WHERE = ("학교에서", "공원에서", "도서관에서", "집에서", "카페에서", "시장에서", "바다에서",
             "회사에서", "방에서", "식당에서", "창가에서")
# (object and verb stem, present, past)
_KO_DO = (
    ("책을", "읽는다", "읽었다"), ("커피를", "마신다", "마셨다"), ("밥을", "먹는다", "먹었다"),
    ("음악을", "듣는다", "들었다"), ("영화를", "본다", "봤다"), ("친구를", "만난다", "만났다"),
    ("편지를", "쓴다", "썼다"), ("사과를", "산다", "샀다"), ("노래를", "부른다", "불렀다"),
    ("공부를", "한다", "했다"), ("그림을", "그린다", "그렸다"), ("물을", "마신다", "마셨다"),
    ("빵을", "굽는다", "구웠다"), ("숙제를", "한다", "했다"), ("사진을", "찍는다", "찍었다"),
)
_KO_WEATHER = (("날씨가", "맑다", "맑았다"), ("하늘이", "파랗다", "파랬다"),
               ("바람이", "시원하다", "시원했다"), ("비가", "온다", "왔다"),
               ("눈이", "내린다", "내렸다"), ("햇살이", "따뜻하다", "따뜻했다"))
_KO_LIKE = ("사과", "커피", "음악", "영화", "책", "고양이", "강아지", "바다", "여름", "겨울", "꽃")


def _ko_object_particle(noun: str) -> str:
    """을 after a final consonant, 를 after a vowel (Hangul syllables carry their final jamo)."""
    code = ord(noun[-1]) - 0xAC00
    return noun + ("을" if 0 <= code < 11172 and code % 28 else "를")


def _ko_sentence(rng: random.Random) -> str:
    kind = rng.random()
    past = rng.random() < 0.5
    when = rng.choice(_KO_WHEN)
    if when == "어제":
        past = True
    elif when == "내일":
        past = False
    if kind < 0.6:
        obj, now, before = rng.choice(_KO_DO)
        parts = [rng.choice(_KO_WHO), when]
        if rng.random() < 0.7:
            parts.append(rng.choice(_KO_WHERE))
        parts += [obj, before if past else now]
    elif kind < 0.8:
        subject, now, before = rng.choice(_KO_WEATHER)
        parts = [when, subject, before if past else now]
    else:
        verb = "좋아했다" if past else "좋아한다"
        parts = [rng.choice(_KO_WHO), _ko_object_particle(rng.choice(_KO_LIKE)), verb]
    return " ".join(parts) + "."


# --- English slots -------------------------------------------------------------------------------
_EN_WHO = ("I", "We", "They", "My friend", "The teacher", "The cat", "The dog", "My sister",
           "My brother", "The students", "The children", "Mom", "Dad")
_EN_DID = ("read a book", "drank coffee", "ate lunch", "listened to music", "watched a movie",
           "met a friend", "wrote a letter", "bought apples", "sang a song", "studied math",
           "drew a picture", "drank water", "baked bread", "did the homework", "took a photo")
_EN_WHERE = ("at school", "in the park", "at the library", "at home", "in a cafe",
             "at the market", "by the sea", "at work", "in the room", "by the window")
_EN_WHEN = ("today", "yesterday", "this morning", "in the evening", "on the weekend", "last night",
            "in the afternoon")
_EN_WEATHER = ("the weather was clear", "the sky was blue", "the wind was cool", "it rained",
               "it snowed", "the sun was warm")
_EN_LIKE = ("apples", "coffee", "music", "movies", "books", "cats", "dogs", "the sea", "summer",
            "winter", "flowers")


def _en_sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.6:
        parts = [rng.choice(_EN_WHO), rng.choice(_EN_DID)]
        if rng.random() < 0.7:
            parts.append(rng.choice(_EN_WHERE))
        parts.append(rng.choice(_EN_WHEN))
        return " ".join(parts) + "."
    if kind < 0.8:
        when = rng.choice(_EN_WHEN)
        return f"{when[0].upper()}{when[1:]} {rng.choice(_EN_WEATHER)}."
    who = rng.choice(_EN_WHO)
    verb = "like" if who in ("I", "We", "They") else "likes"
    return f"{who} {verb} {rng.choice(_EN_LIKE)}."


def generate(lang: Lang, n: int, seed: int = 0) -> list[str]:
    """``n`` template sentences in ``lang`` (repeats allowed), the same for the same seed."""
    rng = random.Random(f"{lang}:{seed}")
    make = _ko_sentence if lang == "ko" else _en_sentence
    return [make(rng) for _ in range(n)]


def _is_korean(line: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in line)


@dataclass(frozen=True)
class Corpus:
    """Training and held-out sentences of one language (no held-out sentence is in ``train``)."""

    lang: str
    train: tuple[str, ...]
    held_out: tuple[str, ...]

    @property
    def characters(self) -> int:
        return sum(len(s) for s in self.train)


@cache
def corpus(lang: Lang, n_train: int = 3000, n_held_out: int = 300, seed: int = 0) -> Corpus:
    """The built-in corpus of ``lang``: generated sentences plus the hand-written sample lines."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}; got {lang!r}")
    own: Sequence[str] = [s for s in sample_corpus() if _is_korean(s) == (lang == "ko")]
    train = list(own) + generate(lang, n_train, seed)
    seen = set(train)
    held: list[str] = []
    for s in generate(lang, 20 * n_held_out, seed + 1):
        if s not in seen:
            held.append(s)
            seen.add(s)  # distinct held-out sentences too
        if len(held) == n_held_out:
            break
    return Corpus(lang, tuple(train), tuple(held))
