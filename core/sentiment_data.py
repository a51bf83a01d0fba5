"""Short movie and restaurant reviews in Korean and English, written by a grammar (no downloads).

The "Classification" page trains and tests its sentiment classifiers on these reviews. A review
is a short sentence built from parts whose polarity the grammar knows:

- **plain**: a subject and a predicate, perhaps intensified — "The soup was really bland.",
  "연기가 정말 훌륭했다";
- **negated**: the same with a negation that flips the polarity — not, never, n't, "not … at
  all", 안 (short negation), -지 않다 (long negation), -지 못하다, 아니다 — "The staff wasn't
  friendly." (negative), "하나도 안 지루했다" (positive);
- **verb**: a verb phrase, sometimes negated — "I would never recommend this place.",
  "잊지 못할 영화였다" (positive, although it holds 못);
- **fragment**: a phrase without a verb — "Terrible service", "the best pizza ever",
  "정말 재미있는 영화", "최고!";
- **contrast**: two clauses of opposite polarity joined by "but" / "although" / -지만; the
  second clause decides — "The food was great but the service was slow." (negative);
- **correction**: "not X, it was Y" / "X가 아니라 Y였다" / "X지 않고 Y"; Y decides.

Contrast and correction make pairs with exactly the same characters in a different order and
opposite labels ("맛은 최고였지만 분위기는 별로였다" / "맛은 별로였지만 분위기는 최고였다"), which no
bag-of-words model can tell apart (``order_pairs``).

**Held-out split.** Some parts never appear in the training split: a few subjects ("the lasagna",
"떡볶이"), intensifiers ("truly", "무척"), sentence frames ("honestly, …", "솔직히 …") and one
negation form of about half of the less common adjectives (e.g. "rude" is seen with "never" and
"n't" but never after "not"). Every test review uses at least one held-out part, so a model can
only do well on it by generalising, not by remembering sentences. Generation is deterministic
from a seed (``random.Random``): the same seed gives the same reviews on every machine.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from core.text import decompose_hangul, is_hangul_syllable

__all__ = [
    "EXAMPLE_REVIEWS",
    "KINDS_OF_REVIEW",
    "Review",
    "SentimentData",
    "make_reviews",
    "make_splits",
    "order_pairs",
]

POS, NEG = 1, 0
Kind = str  # "movie", "food" or "service": what a subject is, and which adjectives fit it
ANY = frozenset({"movie", "food", "service"})
MOVIE, FOOD, SERVICE = frozenset({"movie"}), frozenset({"food"}), frozenset({"service"})
# How often each kind of review is drawn.
KINDS_OF_REVIEW = {"plain": 0.20, "negated": 0.27, "verb": 0.15, "fragment": 0.12,
                   "contrast": 0.16, "correction": 0.10}


@dataclass(frozen=True)
class Review:
    """One generated review and what the grammar knows about it."""

    text: str
    label: int  # 1 positive, 0 negative
    lang: str  # "ko" or "en"
    domain: str  # "movie" or "restaurant"
    kind: str  # one of KINDS_OF_REVIEW
    negated: bool  # a negation flips the polarity of some clause
    intensified: bool  # an intensifier ("really", "정말", …) is present
    held_out: tuple[str, ...] = ()  # the held-out parts it uses (empty in the training split)


@dataclass(frozen=True)
class SentimentData:
    """A training split and a held-out split with no review in common."""

    train: tuple[Review, ...]
    test: tuple[Review, ...]
    seed: int


# --- Korean morphology --------------------------------------------------------------------------
def has_batchim(word: str) -> bool:
    """True when the last syllable ends in a consonant (받침), which picks 은/이 over 는/가."""
    last = word[-1]
    if is_hangul_syllable(last):
        return len(decompose_hangul(last)) == 3
    return last.isalpha() and last.lower() not in "aeiou"


def topic(word: str) -> str:
    return word + ("은" if has_batchim(word) else "는")


def nominative(word: str) -> str:
    return word + ("이" if has_batchim(word) else "가")


# --- the parts ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Subject:
    text: str
    kind: Kind

    @property
    def plural(self) -> bool:
        return self.text in EN_PLURALS

    @property
    def be(self) -> dict[str, str]:
        """The forms of "to be" that agree with this subject."""
        return {"was": "were", "is": "are"} if self.plural else {"was": "was", "is": "is"}


@dataclass(frozen=True)
class EnAdj:
    word: str
    polarity: int
    fits: frozenset[Kind] = ANY


@dataclass(frozen=True)
class KoAdj:
    """A Korean adjective: the stem that takes -지 않다, a few finished forms and the form
    before a noun (좋은 영화)."""

    stem: str  # 좋 → 좋지 않았다, 좋네요
    past: str  # 좋았다
    present: str  # 좋다
    polite: str  # 좋아요
    adnominal: str  # 좋은
    polarity: int
    fits: frozenset[Kind] = ANY
    short_ok: bool = True  # "안 좋았다" sounds natural
    mot_ok: bool = False  # "좋지 못했다" sounds natural

    @property
    def forms(self) -> tuple[str, ...]:
        casual = self.polite[:-3] + "이야" if self.polite.endswith("이에요") else self.polite[:-1]
        return (self.past, self.past[:-1] + "어요", self.past[:-1] + "어", self.past[:-1] + "음",
                self.present, self.polite, casual, self.stem + "네요", self.stem + "네")

    @property
    def contrast(self) -> tuple[str, ...]:
        """Forms that end a first clause: 좋았지만, 좋지만."""
        return (self.past[:-1] + "지만", self.present[:-1] + "지만")


@dataclass(frozen=True)
class KoNoun:
    """A noun predicate with 이다: 최고였다, 명작이었다."""

    word: str
    polarity: int
    fits: frozenset[Kind] = ANY

    @property
    def forms(self) -> tuple[str, ...]:
        w = self.word
        if has_batchim(w):
            return w + "이었다", w + "이에요", w + "이었어요", w + "이야", w + "임"
        return w + "였다", w + "예요", w + "였어요", w + "야", w + "임"

    @property
    def contrast(self) -> tuple[str, ...]:
        return (self.word + ("이었지만" if has_batchim(self.word) else "였지만"),)


def _subjects(kind: Kind, words: str) -> tuple[Subject, ...]:
    return tuple(Subject(w.strip(), kind) for w in words.split(","))


EN_PLURALS = frozenset({"the actors", "the characters", "the effects", "the fries", "the noodles",
                        "the portions", "the waiters", "the drinks"})
EN_SUBJECTS = (
    _subjects("movie", "the movie, this film, the story, the plot, the ending, the acting, "
                       "the soundtrack, the script, this movie, the film, it, everything, the music, "
                       "the dialogue, the villain, the hero, the twist, the finale, the animation, "
                       "the actors, the characters, the effects, the sequel, the cinematography")
    + _subjects("food", "the food, the soup, the pasta, the pizza, the steak, the coffee, the dessert, "
                        "the bread, the curry, it, everything, the chicken, the rice, the sushi, the cake, "
                        "the wine, the sandwich, the ramen, the tea, the fries, the noodles, the portions, "
                        "the drinks, the lasagna, the burger")
    + _subjects("service", "the service, the staff, the waiter, the owner, the chef, the host, "
                           "the manager, the cashier, the waiters, the waitress")
)
KO_SUBJECTS = (
    _subjects("movie", "영화, 이 영화, 스토리, 줄거리, 결말, 연기, 음악, 각본, 전개, 주인공, "
                       "배우들 연기, 대사, 연출, 반전, 캐릭터, 악역, 마지막 장면, OST, 엔딩, 영상미")
    + _subjects("food", "음식, 국물, 파스타, 피자, 고기, 커피, 디저트, 김치찌개, 빵, 라면, 맛, 치킨, 초밥, "
                        "국수, 김밥, 만두, 비빔밥, 케이크, 냉면, 샐러드, 떡볶이")
    + _subjects("service", "서비스, 직원, 사장님, 종업원, 분위기, 알바생, 매장, 응대, 점원")
)
# Whole works and places, which a verb phrase can be about: 이 집은 다시는 안 갈 거예요.
KO_VERB_SUBJECTS = (_subjects("movie", "이 영화, 영화, 그 영화") + _subjects("food", "이 집, 이 가게")
                    + _subjects("service", "이 식당, 그 식당"))
# Nouns for phrases without a verb: "terrible service", "정말 재미있는 영화".
EN_NOUNS = (_subjects("movie", "movie, film, story, ending, acting, plot, music, show, sequel")
            + _subjects("food", "food, pizza, soup, pasta, coffee, place, restaurant, chicken, cake, "
                                "sushi, lasagna")
            + _subjects("service", "service, staff, waiter, chef"))
KO_NOUNS_PLAIN = (_subjects("movie", "영화, 작품, 스토리, 결말, 연기, 드라마, 연출, 엔딩")
                  + _subjects("food", "음식, 맛, 식당, 가게, 피자, 치킨, 초밥, 국수, 떡볶이")
                  + _subjects("service", "서비스, 직원, 분위기, 응대"))

EN_ADJS = (
    *(EnAdj(w, POS) for w in ("good", "great", "excellent", "wonderful", "amazing", "awesome",
                              "fantastic", "perfect", "lovely", "nice", "superb")),
    EnAdj("enjoyable", POS, MOVIE | FOOD), EnAdj("brilliant", POS, MOVIE), EnAdj("fun", POS, MOVIE),
    EnAdj("moving", POS, MOVIE), EnAdj("funny", POS, MOVIE), EnAdj("hilarious", POS, MOVIE),
    EnAdj("delicious", POS, FOOD), EnAdj("tasty", POS, FOOD), EnAdj("fresh", POS, FOOD),
    EnAdj("friendly", POS, SERVICE), EnAdj("fast", POS, SERVICE), EnAdj("helpful", POS, SERVICE),
    *(EnAdj(w, NEG) for w in ("bad", "terrible", "awful", "horrible", "disappointing", "mediocre",
                              "poor", "weak")),
    EnAdj("boring", NEG, MOVIE), EnAdj("dull", NEG, MOVIE), EnAdj("predictable", NEG, MOVIE),
    EnAdj("annoying", NEG, MOVIE | SERVICE), EnAdj("bland", NEG, FOOD), EnAdj("salty", NEG, FOOD),
    EnAdj("stale", NEG, FOOD), EnAdj("greasy", NEG, FOOD), EnAdj("overpriced", NEG, FOOD),
    EnAdj("cold", NEG, FOOD), EnAdj("rude", NEG, SERVICE), EnAdj("slow", NEG, SERVICE),
    EnAdj("careless", NEG, SERVICE),
)
KO_ADJS = (
    KoAdj("좋", "좋았다", "좋다", "좋아요", "좋은", POS, mot_ok=True),
    KoAdj("훌륭하", "훌륭했다", "훌륭하다", "훌륭해요", "훌륭한", POS, short_ok=False, mot_ok=True),
    KoAdj("만족스럽", "만족스러웠다", "만족스럽다", "만족스러워요", "만족스러운", POS, short_ok=False,
          mot_ok=True),
    KoAdj("괜찮", "괜찮았다", "괜찮다", "괜찮아요", "괜찮은", POS),
    KoAdj("멋지", "멋졌다", "멋지다", "멋져요", "멋진", POS, MOVIE | SERVICE),
    KoAdj("재미있", "재미있었다", "재미있다", "재미있어요", "재미있는", POS, MOVIE),
    KoAdj("재밌", "재밌었다", "재밌다", "재밌어요", "재밌는", POS, MOVIE),
    KoAdj("감동적이", "감동적이었다", "감동적이다", "감동적이에요", "감동적인", POS, MOVIE, short_ok=False),
    KoAdj("맛있", "맛있었다", "맛있다", "맛있어요", "맛있는", POS, FOOD),
    KoAdj("신선하", "신선했다", "신선하다", "신선해요", "신선한", POS, FOOD, short_ok=False, mot_ok=True),
    KoAdj("깔끔하", "깔끔했다", "깔끔하다", "깔끔해요", "깔끔한", POS, FOOD | SERVICE, mot_ok=True),
    KoAdj("친절하", "친절했다", "친절하다", "친절해요", "친절한", POS, SERVICE, mot_ok=True),
    KoAdj("빠르", "빨랐다", "빠르다", "빨라요", "빠른", POS, SERVICE),
    KoAdj("나쁘", "나빴다", "나쁘다", "나빠요", "나쁜", NEG),
    KoAdj("실망스럽", "실망스러웠다", "실망스럽다", "실망스러워요", "실망스러운", NEG, short_ok=False),
    KoAdj("형편없", "형편없었다", "형편없다", "형편없어요", "형편없는", NEG, short_ok=False),
    KoAdj("지루하", "지루했다", "지루하다", "지루해요", "지루한", NEG, MOVIE),
    KoAdj("재미없", "재미없었다", "재미없다", "재미없어요", "재미없는", NEG, MOVIE, short_ok=False),
    KoAdj("뻔하", "뻔했다", "뻔하다", "뻔해요", "뻔한", NEG, MOVIE),
    KoAdj("유치하", "유치했다", "유치하다", "유치해요", "유치한", NEG, MOVIE),
    KoAdj("맛없", "맛없었다", "맛없다", "맛없어요", "맛없는", NEG, FOOD, short_ok=False),
    KoAdj("짜", "짰다", "짜다", "짜요", "짠", NEG, FOOD),
    KoAdj("느끼하", "느끼했다", "느끼하다", "느끼해요", "느끼한", NEG, FOOD),
    KoAdj("비싸", "비쌌다", "비싸다", "비싸요", "비싼", NEG, FOOD),
    KoAdj("불친절하", "불친절했다", "불친절하다", "불친절해요", "불친절한", NEG, SERVICE, short_ok=False),
    KoAdj("느리", "느렸다", "느리다", "느려요", "느린", NEG, SERVICE),
)
KO_NOUNS = (KoNoun("최고", POS), KoNoun("명작", POS, MOVIE), KoNoun("대박", POS),
            KoNoun("꿀잼", POS, MOVIE), KoNoun("강추", POS), KoNoun("맛집", POS, FOOD),
            KoNoun("기대 이상", POS), KoNoun("최악", NEG), KoNoun("별로", NEG),
            KoNoun("졸작", NEG, MOVIE), KoNoun("노잼", NEG, MOVIE), KoNoun("비추", NEG),
            KoNoun("기대 이하", NEG))

EN_INTENSIFIERS = ("very", "really", "so", "extremely", "quite", "super", "truly", "incredibly")
EN_VERB_INTENSIFIERS = ("really", "absolutely", "totally", "truly")
KO_INTENSIFIERS = ("정말", "너무", "아주", "진짜", "완전", "꽤", "되게", "무척", "엄청")
KO_NEG_INTENSIFIERS = ("전혀", "하나도", "별로")  # only with a negation: 하나도 안 지루했다

EN_FRAMES = ("{c}", "{c}.", "{c}!", "{c}!!", "{c}...", "well, {c}.", "i think {c}.", "wow, {c}!",
             "honestly, {c}.", "overall, {c}.")
KO_FRAMES = ("{c}", "{c}.", "{c}!", "{c}..", "{c}~", "음 {c}", "{c} ㅋㅋ", "{c}ㅎㅎ", "와 {c}",
             "솔직히 {c}", "전체적으로 {c}")

# English negation forms of "<subject> was <adj>"; "{i}" is an optional intensifier.
EN_NEG_FORMS: dict[str, tuple[str, ...]] = {
    "not": ("{s} {was} not {i}{a}", "{s} {is} not {i}{a}"),
    "never": ("{s} {was} never {a}",),
    "n't": ("{s} {was}n't {i}{a}", "{s} {is}n't {i}{a}"),
    "at all": ("{s} {was} not {a} at all", "{s} {was}n't {a} at all"),
}
KO_NEG_FORMS = ("long", "short", "mot")  # -지 않다, 안, -지 못하다
KO_LONG_TAILS = ("않았다", "않았어요", "않다", "않아요", "않았습니다", "않아", "않네요", "않았음")
KO_MOT_TAILS = ("못했다", "못했어요", "못하다", "못해요", "못했음")

# Parts only the held-out split may use (and the adjective/negation pairs of ``_held_out_combos``).
HELD_OUT_SUBJECTS = frozenset({"the sequel", "the cinematography", "the lasagna", "the burger",
                               "the waitress", "sequel", "lasagna", "엔딩", "영상미", "샐러드", "떡볶이",
                               "점원"})
HELD_OUT_INTENSIFIERS = frozenset({"truly", "incredibly", "무척", "엄청"})
HELD_OUT_FRAMES = frozenset({"honestly, {c}.", "overall, {c}.", "솔직히 {c}", "전체적으로 {c}"})
# Words learners type first keep every negation form in training ("not bad", "안 좋았다").
EVERYDAY = frozenset({"good", "bad", "great", "boring", "nice", "awesome", "좋", "나쁘", "재미있",
                      "맛있", "재밌", "괜찮", "지루하"})


@cache
def _held_out_combos() -> frozenset[str]:
    """About half the less common adjectives lose one of their negation forms to the test split."""
    rng = random.Random(20240607)
    held: set[str] = set()
    for adj in EN_ADJS:
        if adj.word not in EVERYDAY and rng.random() < 0.5:
            held.add(f"{adj.word}/{rng.choice(sorted(EN_NEG_FORMS))}")
    for kadj in KO_ADJS:
        forms = _ko_neg_forms(kadj)
        if kadj.stem not in EVERYDAY and len(forms) > 1 and rng.random() < 0.5:
            held.add(f"{kadj.stem}/{rng.choice(forms)}")
    return frozenset(held)


def _ko_neg_forms(adj: KoAdj) -> list[str]:
    return [f for f in KO_NEG_FORMS if (f != "short" or adj.short_ok) and (f != "mot" or adj.mot_ok)]


# --- building one review --------------------------------------------------------------------------
class _Draft:
    """The parts chosen so far: which held-out parts were used, and what flags apply."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.held: list[str] = []
        self.negated = False
        self.intensified = False

    def pick(self, options: Sequence[str], held: frozenset[str], tag: str) -> str:
        choice = self.rng.choice(options)
        if choice in held:
            self.held.append(f"{tag}:{choice}")
        return choice

    def subject(self, pool: Sequence[Subject], kinds: frozenset[Kind]) -> Subject:
        s = self.rng.choice([s for s in pool if s.kind in kinds])
        if s.text in HELD_OUT_SUBJECTS:
            self.held.append(f"subject:{s.text}")
        return s

    def drop_subject(self, s: Subject | str) -> None:
        """The subject just drawn was left out of the text: it no longer counts as held out."""
        text = s.text if isinstance(s, Subject) else s
        tag = f"subject:{text}"
        if tag in self.held:
            del self.held[len(self.held) - 1 - self.held[::-1].index(tag)]

    def maybe(self, p: float) -> bool:
        return self.rng.random() < p

    def combo(self, word: str, form: str) -> None:
        """A negation form applied to an adjective; some pairs are held out."""
        if f"{word}/{form}" in _held_out_combos():
            self.held.append(f"combo:{word}/{form}")
        self.negated = True


def _en_intensifier(d: _Draft, p: float = 0.35) -> str:
    if not d.maybe(p):
        return ""
    d.intensified = True
    return d.pick(EN_INTENSIFIERS, HELD_OUT_INTENSIFIERS, "intensifier") + " "


def _en_clause(d: _Draft, kinds: frozenset[Kind], negate: bool | None = None,
               polarity: int | None = None) -> tuple[str, int]:
    """'<subject> was [not] [very] <adj>' → (text, polarity after any negation)."""
    s = d.subject(EN_SUBJECTS, kinds)
    adjs = [a for a in EN_ADJS if s.kind in a.fits]
    negate = d.maybe(0.5) if negate is None else negate
    if polarity is not None:
        adjs = [a for a in adjs if (a.polarity == polarity) != negate]
    adj = d.rng.choice(adjs)
    if not negate:
        verb = s.be[d.rng.choice(("was", "was", "is"))]
        return f"{s.text} {verb} {_en_intensifier(d)}{adj.word}", adj.polarity
    form = d.rng.choice(sorted(EN_NEG_FORMS))
    d.combo(adj.word, form)
    template = d.rng.choice(EN_NEG_FORMS[form])
    # "not very good" is negative, but "not very bad" is not clearly positive: intensify praise only
    inten = _en_intensifier(d, 0.25) if "{i}" in template and adj.polarity == POS else ""
    return template.format(s=s.text, i=inten, a=adj.word, **s.be), 1 - adj.polarity


def _en_verb(d: _Draft, kinds: frozenset[Kind]) -> tuple[str, int]:
    """A verb phrase: 'i loved the pasta', 'i would never recommend this place'."""
    s = d.subject(EN_SUBJECTS, kinds)
    o = "this place" if s.kind != "movie" and d.maybe(0.3) else s.text
    be = {"was": "was"} if o == "this place" else s.be
    phrases: list[tuple[str, int, bool]] = [  # (template, polarity, negated); {i}: intensifier
        ("i {i}loved {o}", POS, False), ("i {i}liked {o}", POS, False), ("{i}loved {o}", POS, False),
        ("i {i}enjoyed {o}", POS, False), ("i did not like {o}", NEG, True),
        ("i didn't enjoy {o}", NEG, True), ("i did not love {o}", NEG, True),
        ("i {i}hated {o}", NEG, False), ("i didn't hate {o}", POS, True), ("hated {o}", NEG, False),
        ("i would {i}recommend {o}", POS, False), ("i would not recommend {o}", NEG, True),
        ("i would never recommend {o}", NEG, True), ("i wouldn't recommend {o}", NEG, True),
        ("{o} {was} a waste of money", NEG, False), ("{o} {was} not a waste of money", POS, True),
        ("{o} {was} worth every penny", POS, False), ("{o} {was} not worth the money", NEG, True),
        ("{o} {was} better than i expected", POS, False), ("{o} {was} worse than i expected", NEG, False),
        ("highly recommended", POS, False), ("not recommended", NEG, True),
    ]
    if s.kind == "movie":
        phrases += [("i got bored", NEG, False), ("i never got bored", POS, True),
                    ("i would {i}watch it again", POS, False),
                    ("i would never watch it again", NEG, True),
                    ("i will never forget it", POS, True), ("i fell asleep", NEG, False),
                    ("what a waste of time", NEG, False), ("not a waste of time", POS, True)]
    else:
        phrases += [("i will {i}come back", POS, False), ("i will never come back", NEG, True),
                    ("i won't come back", NEG, True), ("i would not go back", NEG, True),
                    ("i do not regret going", POS, True), ("i regret going", NEG, False),
                    ("never again", NEG, True), ("i would go back", POS, False)]
    template, polarity, negated = d.rng.choice(phrases)
    inten = ""
    if "{i}" in template and d.maybe(0.3):
        d.intensified = True
        inten = d.pick(EN_VERB_INTENSIFIERS, HELD_OUT_INTENSIFIERS, "intensifier") + " "
    d.negated |= negated
    return template.format(i=inten, o=o, was=be["was"]), polarity


def _en_fragment(d: _Draft, kinds: frozenset[Kind]) -> tuple[str, int]:
    """'terrible service', 'a really fun movie', 'not a good film', 'the best pizza ever'."""
    n = d.subject(EN_NOUNS, kinds)
    adj = d.rng.choice([a for a in EN_ADJS if n.kind in a.fits])
    roll = d.rng.random()
    if roll < 0.15:  # a list: "great food, friendly staff"
        n2 = d.subject(EN_NOUNS, kinds)
        adj2 = d.rng.choice([a for a in EN_ADJS if n2.kind in a.fits and a.polarity == adj.polarity])
        joint = d.rng.choice((", ", " and ", ", "))
        return f"{adj.word} {n.text}{joint}{_en_intensifier(d, 0.2)}{adj2.word} {n2.text}", adj.polarity
    if roll < 0.5:
        return f"{_en_intensifier(d)}{adj.word} {n.text}", adj.polarity
    if roll < 0.67:
        words = f"{_en_intensifier(d)}{adj.word} {n.text}"
        return f"{'an' if words[0] in 'aeiou' else 'a'} {words}", adj.polarity
    if roll < 0.8:
        d.combo(adj.word, "not")
        return f"not {'an' if adj.word[0] in 'aeiou' else 'a'} {adj.word} {n.text}", 1 - adj.polarity
    best = d.maybe(0.5)
    if d.maybe(0.25):
        d.negated = True
        return f"not the {'best' if best else 'worst'} {n.text}", NEG if best else POS
    tail = d.rng.choice(("ever", "in town", "i have ever had" if n.kind != "movie" else "i have ever seen"))
    return f"the {'best' if best else 'worst'} {n.text} {tail}", POS if best else NEG


def _ko_intensifier(d: _Draft, p: float = 0.35) -> str:
    if not d.maybe(p):
        return ""
    d.intensified = True
    return d.pick(KO_INTENSIFIERS, HELD_OUT_INTENSIFIERS, "intensifier") + " "


def _ko_negated(d: _Draft, adj: KoAdj, ending: str) -> str:
    """A negated Korean adjective: 안 좋았다, 좋지 않았다, 친절하지 못했다 (or their -지만 forms)."""
    form = d.rng.choice(_ko_neg_forms(adj))
    d.combo(adj.stem, form)
    if d.maybe(0.2):
        pre = d.rng.choice(KO_NEG_INTENSIFIERS) + " "
        d.intensified = True
    else:
        pre = _ko_intensifier(d, 0.25)
    if form == "short":
        base = d.rng.choice(adj.contrast if ending == "contrast" else adj.forms)
        return f"{pre}안{' ' if d.maybe(0.8) else ''}{base}"
    if ending == "contrast":
        tail = "않았지만" if form == "long" else "못했지만"
    else:
        tail = d.rng.choice(KO_LONG_TAILS if form == "long" else KO_MOT_TAILS)
    return f"{pre}{adj.stem}{'지는' if d.maybe(0.15) else '지'} {tail}"


def _ko_predicate(d: _Draft, kind: Kind, negate: bool, polarity: int | None = None,
                  ending: str = "final") -> tuple[str, int]:
    """A Korean predicate for a subject of ``kind``, final or in a -지만 (contrast) form."""
    if negate:
        nouns = [n for n in KO_NOUNS if n.polarity == POS and kind in n.fits and n.word != "강추"]
        if polarity != POS and d.maybe(0.1):  # 아니다 negates only the praise: 최고는 아니었다
            d.negated = True
            tail = "아니었지만" if ending == "contrast" else d.rng.choice(("아니었다", "아니에요", "아니야"))
            return f"{topic(d.rng.choice(nouns).word)} {tail}", NEG
        adjs = [a for a in KO_ADJS if kind in a.fits and (polarity is None or a.polarity != polarity)]
        adj = d.rng.choice(adjs)
        return _ko_negated(d, adj, ending), 1 - adj.polarity
    preds: list[KoAdj | KoNoun] = [a for a in KO_ADJS if kind in a.fits]
    preds += [n for n in KO_NOUNS if kind in n.fits]
    if polarity is not None:
        preds = [a for a in preds if a.polarity == polarity]
    pred = d.rng.choice(preds)
    forms = pred.contrast if ending == "contrast" else pred.forms
    return _ko_intensifier(d) + d.rng.choice(forms), pred.polarity


def _ko_clause(d: _Draft, kinds: frozenset[Kind], negate: bool | None = None,
               polarity: int | None = None, ending: str = "final",
               subject_p: float = 0.75) -> tuple[str, int]:
    s = d.subject(KO_SUBJECTS, kinds)
    negate = d.maybe(0.5) if negate is None else negate
    pred, pol = _ko_predicate(d, s.kind, negate, polarity, ending)
    if not d.maybe(subject_p):
        d.drop_subject(s)
        return pred, pol
    mark = topic if d.maybe(0.7) or ending == "contrast" else nominative
    return f"{mark(s.text)} {pred}", pol


def _ko_verb(d: _Draft, kinds: frozenset[Kind]) -> tuple[str, int]:
    """A Korean verb phrase: 추천합니다, 다시는 안 갈 거예요, 잊지 못할 영화였다 (positive)."""
    s = d.subject(KO_VERB_SUBJECTS, kinds)
    phrases: list[tuple[str, int, bool]] = [  # (template, polarity, negated); {i}: intensifier
        ("{i}추천합니다", POS, False), ("추천하지 않습니다", NEG, True),
        ("절대 추천하지 않아요", NEG, True), ("추천 못 하겠어요", NEG, True),
        ("{i}강추합니다", POS, False), ("비추합니다", NEG, False),
        ("돈이 아까웠다", NEG, False), ("돈 아까워요", NEG, False), ("돈이 아깝지 않았다", POS, True),
        ("{i}후회했다", NEG, False), ("후회하지 않는다", POS, True), ("후회 안 한다", POS, True),
    ]
    if s.kind == "movie":
        phrases += [("시간이 아까웠다", NEG, False), ("시간이 아깝지 않았다", POS, True),
                    ("{i}또 보고 싶다", POS, False), ("다시 보고 싶지 않다", NEG, True),
                    ("두 번은 못 보겠다", NEG, True), ("잊지 못할 영화였다", POS, True),
                    ("보다가 졸았다", NEG, False), ("한 번도 안 졸았다", POS, True),
                    ("끝까지 못 봤다", NEG, True), ("시간 가는 줄 몰랐다", POS, True),
                    ("두 번 봤어요", POS, False)]
    else:
        phrases += [("{i}또 가고 싶다", POS, False), ("다시는 안 갈 거예요", NEG, True),
                    ("다시는 가고 싶지 않다", NEG, True), ("다시는 못 가겠다", NEG, True),
                    ("잊지 못할 맛이었다", POS, True), ("남김없이 다 먹었다", POS, False),
                    ("반도 못 먹었다", NEG, True), ("또 올게요", POS, False), ("또 갈게요", POS, False),
                    ("다시는 안 와요", NEG, True), ("재방문 의사 있어요", POS, False),
                    ("재방문 의사 없어요", NEG, True)]
    template, polarity, negated = d.rng.choice(phrases)
    inten = _ko_intensifier(d, 0.3) if "{i}" in template else ""
    text = template.format(i=inten)
    d.negated |= negated
    if not text.startswith(("돈", "시간")) and d.maybe(0.5):
        return f"{topic(s.text)} {text}", polarity
    d.drop_subject(s)
    return text, polarity


def _ko_fragment(d: _Draft, kinds: frozenset[Kind]) -> tuple[str, int]:
    """'정말 재미있는 영화', '좋지 않은 서비스', '최고의 떡볶이', '최고!'."""
    n = d.subject(KO_NOUNS_PLAIN, kinds)
    roll = d.rng.random()
    adj = d.rng.choice([a for a in KO_ADJS if n.kind in a.fits])
    tail = d.rng.choice(("", "", "이다" if has_batchim(n.text) else "다", "이에요" if has_batchim(n.text)
                         else "예요", "였어요" if not has_batchim(n.text) else "이었어요"))
    if roll < 0.12:  # a list: "맛있는 음식, 친절한 직원"
        n2 = d.subject(KO_NOUNS_PLAIN, kinds)
        adj2 = d.rng.choice([a for a in KO_ADJS if n2.kind in a.fits and a.polarity == adj.polarity])
        return f"{adj.adnominal} {n.text}, {_ko_intensifier(d, 0.2)}{adj2.adnominal} {n2.text}", adj.polarity
    if roll < 0.5:
        return f"{_ko_intensifier(d)}{adj.adnominal} {n.text}{tail}", adj.polarity
    if roll < 0.7:
        if adj.short_ok and d.maybe(0.5):
            d.combo(adj.stem, "short")
            return f"안 {adj.adnominal} {n.text}{tail}", 1 - adj.polarity
        d.combo(adj.stem, "long")
        return f"{adj.stem}지 않은 {n.text}{tail}", 1 - adj.polarity
    if roll < 0.85:
        best = d.maybe(0.5)
        return f"{'최고' if best else '최악'}의 {n.text}{tail}", POS if best else NEG
    d.drop_subject(n)
    noun = d.rng.choice([k for k in KO_NOUNS if n.kind in k.fits])
    return f"{_ko_intensifier(d, 0.2)}{noun.word}{d.rng.choice(('!', '!!', ''))}", noun.polarity


def _en_review(d: _Draft, kind: str, kinds: frozenset[Kind]) -> tuple[str, int]:
    if kind in ("plain", "negated"):
        return _en_clause(d, kinds, negate=kind == "negated")
    if kind == "verb":
        return _en_verb(d, kinds)
    if kind == "fragment":
        return _en_fragment(d, kinds)
    if kind == "contrast":
        second, pol = _en_clause(d, kinds)
        first, _ = _en_clause(d, kinds, polarity=1 - pol)
        return (f"{first} but {second}" if d.maybe(0.7) else f"although {first}, {second}"), pol
    # correction: "the soup was not bland, it was delicious"
    s = d.subject([s for s in EN_SUBJECTS if not s.plural], kinds)
    adjs = [a for a in EN_ADJS if s.kind in a.fits]
    second = d.rng.choice(adjs)
    first = d.rng.choice([a for a in adjs if a.polarity != second.polarity])
    d.combo(first.word, "not")
    inten = _en_intensifier(d, 0.3)
    text = d.rng.choice((f"{s.text} was not {first.word}, it was {inten}{second.word}",
                         f"{s.text} was not {first.word} but {inten}{second.word}",
                         f"it was not {first.word}, it was {inten}{second.word}"))
    if s.text not in text:
        d.drop_subject(s)
    return text, second.polarity


def _ko_review(d: _Draft, kind: str, kinds: frozenset[Kind]) -> tuple[str, int]:
    if kind in ("plain", "negated"):
        return _ko_clause(d, kinds, negate=kind == "negated")
    if kind == "verb":
        return _ko_verb(d, kinds)
    if kind == "fragment":
        return _ko_fragment(d, kinds)
    if kind == "contrast":
        second, pol = _ko_clause(d, kinds, subject_p=0.9)
        first, _ = _ko_clause(d, kinds, polarity=1 - pol, ending="contrast", subject_p=0.9)
        return f"{first} {second}", pol
    # correction: 별로가 아니라 최고였다 / 지루하지 않고 재미있었다
    s = d.subject(KO_SUBJECTS, kinds)
    d.negated = True
    if d.maybe(0.5):
        nouns = [n for n in KO_NOUNS if s.kind in n.fits]
        second_n = d.rng.choice(nouns)
        first_n = d.rng.choice([n for n in nouns if n.polarity != second_n.polarity])
        pol = second_n.polarity
        body = f"{nominative(first_n.word)} 아니라 {d.rng.choice(second_n.forms)}"
    else:
        adjs = [a for a in KO_ADJS if s.kind in a.fits]
        second_a = d.rng.choice(adjs)
        first_a = d.rng.choice([a for a in adjs if a.polarity != second_a.polarity])
        pol = second_a.polarity
        d.combo(first_a.stem, "long")
        body = f"{first_a.stem}지 않고 {_ko_intensifier(d, 0.3)}{d.rng.choice(second_a.forms)}"
    if d.maybe(0.7):
        return f"{topic(s.text)} {body}", pol
    d.drop_subject(s)
    return body, pol


def _draw(rng: random.Random) -> Review:
    d = _Draft(rng)
    lang = rng.choice(("ko", "en"))
    domain = rng.choice(("movie", "restaurant"))
    kinds = MOVIE if domain == "movie" else FOOD | SERVICE
    kind = rng.choices(list(KINDS_OF_REVIEW), weights=list(KINDS_OF_REVIEW.values()))[0]
    text, label = (_en_review if lang == "en" else _ko_review)(d, kind, kinds)
    frame = d.pick(EN_FRAMES if lang == "en" else KO_FRAMES, HELD_OUT_FRAMES, "frame")
    if kind == "fragment" and frame == "i think {c}.":
        frame = "{c}."  # "i think terrible service" is not English
    text = frame.format(c=text)
    # a subject counts as held out only if the review names it
    d.held = [h for h in d.held if not h.startswith("subject:") or h.split(":", 1)[1] in text]
    if lang == "en":
        text = (text[0].upper() + text[1:]).replace(" i ", " I ")
    return Review(text=text, label=label, lang=lang, domain=domain, kind=kind,
                  negated=d.negated or kind == "correction", intensified=d.intensified,
                  held_out=tuple(dict.fromkeys(d.held)))


def make_reviews(n: int, seed: int, *, held_out: bool, avoid: frozenset[str] = frozenset()
                 ) -> tuple[Review, ...]:
    """``n`` distinct reviews, alternately negative and positive: only ones without any held-out
    part (``held_out=False``), or only ones with at least one (``held_out=True``); none in ``avoid``."""
    rng = random.Random(seed)
    seen: set[str] = set(avoid)
    out: list[Review] = []
    attempts = 0
    while len(out) < n:
        attempts += 1
        if attempts > 200 * n + 10_000:
            raise RuntimeError("the grammar cannot make that many distinct reviews")
        r = _draw(rng)
        if bool(r.held_out) != held_out or r.label != len(out) % 2 or r.text in seen:
            continue
        seen.add(r.text)
        out.append(r)
    return tuple(out)


@cache
def make_splits(seed: int = 0, n_train: int = 6000, n_test: int = 1200) -> SentimentData:
    """The training split (no held-out part) and the held-out split (each review uses one)."""
    train = make_reviews(n_train, seed * 2 + 1, held_out=False)
    test = make_reviews(n_test, seed * 2 + 2, held_out=True,
                        avoid=frozenset(r.text for r in train))
    return SentimentData(train=train, test=test, seed=seed)


# Two-line examples the page offers: a review and its twin with a negation (or the other order).
# Hand-written, so in neither split.
EXAMPLE_REVIEWS = (
    "The movie was good\nThe movie was not good",
    "정말 재미있었다\n정말 재미있지 않았다",
    "이 식당 음식은 맛있다\n이 식당 음식은 안 맛있다",
    "The food was bad\nThe food was not bad at all",
    "지루했다\n하나도 안 지루했다",
    "I would recommend this place\nI would never recommend this place",
    "다시 가고 싶다\n다시는 가고 싶지 않다",
    "배우들 연기는 좋았지만 결말이 별로였다\n결말은 별로였지만 배우들 연기는 좋았다",
    "The service was slow but the pasta was amazing\nThe pasta was amazing but the service was slow",
)


def order_pairs() -> tuple[tuple[str, str, int | None, int | None], ...]:
    """Pairs of reviews made of the same characters in a different order, with the label of each
    (None: outside the reviews' domain, so no label)."""
    return (
        ("맛은 최고였지만 분위기는 별로였다", "맛은 별로였지만 분위기는 최고였다", NEG, POS),
        ("The food was great but the service was bad", "The food was bad but the service was great",
         NEG, POS),
        ("별로가 아니라 최고였다", "최고가 아니라 별로였다", POS, NEG),
        ("It was not bad, it was great", "It was not great, it was bad", POS, NEG),
        ("연기는 지루했지만 음악은 좋았다", "연기는 좋았지만 음악은 지루했다", POS, NEG),
        ("Apple 빼고 다른 주식이 올랐다", "다른 주식 빼고 Apple이 올랐다", None, None),
    )
