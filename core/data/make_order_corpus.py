"""Writes ``order_corpus.txt``: template sentences the "Sequence data" page's n-gram model counts.

The hand-written ``sample_corpus.txt`` has about fifty lines, too few for an n-gram model to
learn word order. This generator adds a few thousand short Korean and English sentences built
from small grammars (subject, time, place, object, verb, each with its own order rules), so
that the model learns, for instance, that a Korean sentence ends with its verb and that an
English subject comes before its verb. Sentences are drawn with a fixed seed, so running it
again rewrites the same file (``tests/test_core_ngram.py`` checks that).

Run: ``.venv/bin/python core/data/make_order_corpus.py``
"""

from __future__ import annotations

import random
from pathlib import Path

OUT = Path(__file__).with_name("order_corpus.txt")
SEED = 3
PER_LANGUAGE = 2_500

# --- Korean: subject-object-verb; particles mark the roles, the verb comes last --------------
KO_SUBJECTS = ["나는", "우리는", "그는", "그녀는", "친구는", "동생은", "아이들은", "선생님은", "엄마는",
               "고양이가", "강아지가", "아이가", "학생들이"]
KO_TIMES = ["오늘", "어제", "내일", "아침에", "저녁에", "주말에", "매일", "지금", "오후에", "밤에"]
KO_GO_PLACES = ["학교에", "집에", "공원에", "도서관에", "시장에", "회사에", "바다에", "병원에", "역에"]
KO_GO_VERBS = ["간다", "갔다", "온다", "왔다", "가고 싶다"]
KO_AT_PLACES = ["창가에서", "공원에서", "학교에서", "집에서", "도서관에서", "방에서", "카페에서",
                "마당에서", "소파에서"]
KO_AT_VERBS = ["잠을 잔다", "잠을 잤다", "공부한다", "공부했다", "뛰어논다", "쉰다", "논다", "책을 읽는다",
               "노래를 부른다", "기다린다"]
KO_OBJECT_VERBS = [("책을", ["읽는다", "읽었다", "산다"]),
                   ("사과를", ["먹는다", "먹었다", "좋아한다", "샀다"]),
                   ("커피를", ["마신다", "마셨다", "좋아한다"]), ("영화를", ["본다", "봤다", "좋아한다"]),
                   ("밥을", ["먹는다", "먹었다"]), ("빵을", ["먹는다", "샀다", "굽는다"]),
                   ("편지를", ["쓴다", "썼다", "보냈다"]), ("음악을", ["듣는다", "들었다", "좋아한다"]),
                   ("물을", ["마신다", "마셨다"]), ("숙제를", ["한다", "했다"])]

# --- English: subject-verb-object; the verb agrees with the subject ------------------------------
EN_SUBJECTS = [("I", False), ("we", False), ("they", False), ("you", False), ("he", True), ("she", True),
               ("my friend", True), ("the cat", True), ("the dog", True), ("the teacher", True),
               ("the children", False), ("my sister", True)]
EN_TIMES = ["today", "yesterday", "every day", "every morning", "in the evening", "at night",
            "on the weekend", "now", "tomorrow"]
EN_GO = [("go", "goes"), ("walk", "walks"), ("run", "runs")]
EN_GO_PLACES = ["to school", "to the park", "to the library", "to work", "to the market", "home",
                "to the station", "to the sea"]
EN_AT = [("sleep", "sleeps"), ("play", "plays"), ("study", "studies"), ("read", "reads"),
         ("sit", "sits"), ("wait", "waits"), ("sing", "sings")]
EN_AT_PLACES = ["by the window", "in the park", "at school", "at home", "in the library", "in the room",
                "in the garden", "on the sofa", "at the cafe"]
EN_OBJECT = [(("read", "reads"), ["a book", "the news", "a letter"]),
             (("eat", "eats"), ["an apple", "apples", "bread", "lunch", "dinner"]),
             (("drink", "drinks"), ["coffee", "water", "tea", "milk"]),
             (("like", "likes"), ["apples", "music", "coffee", "movies", "the cat", "books"]),
             (("watch", "watches"), ["a movie", "the rain", "the birds"]),
             (("write", "writes"), ["a letter", "a story"]),
             (("make", "makes"), ["bread", "dinner", "coffee"])]


def korean(rng: random.Random) -> str:
    subject, time = rng.choice(KO_SUBJECTS), rng.choice(KO_TIMES)
    kind = rng.random()
    if kind < 0.3:
        rest = [rng.choice(KO_GO_PLACES), rng.choice(KO_GO_VERBS)]
    elif kind < 0.6:
        rest = [rng.choice(KO_AT_PLACES), rng.choice(KO_AT_VERBS)]
    else:
        obj, verbs = rng.choice(KO_OBJECT_VERBS)
        rest = [obj, rng.choice(verbs)]
        if rng.random() < 0.3:
            rest.insert(0, rng.choice(KO_AT_PLACES))
    # Particles let Korean move the time word around; the verb still closes the sentence.
    r = rng.random()
    words = ([subject, time, *rest] if r < 0.5 else [time, subject, *rest] if r < 0.75
             else [subject, *rest])
    return " ".join(words) + ("." if rng.random() < 0.4 else "")


def english(rng: random.Random) -> str:
    subject, third = rng.choice(EN_SUBJECTS)
    kind = rng.random()
    if kind < 0.3:
        verb, tail = rng.choice(EN_GO)[third], rng.choice(EN_GO_PLACES)
    elif kind < 0.6:
        verb, tail = rng.choice(EN_AT)[third], rng.choice(EN_AT_PLACES)
    else:
        forms, objects = rng.choice(EN_OBJECT)
        verb, tail = forms[third], rng.choice(objects)
    words = [subject, verb, tail]
    r = rng.random()
    if r < 0.55:
        words.append(rng.choice(EN_TIMES))
    elif r < 0.7:
        words.insert(0, rng.choice(EN_TIMES[:4]).capitalize() + ",")
    sentence = " ".join(words)
    sentence = sentence[0].upper() + sentence[1:]
    return sentence + ("." if rng.random() < 0.4 else "")


def generate(n: int = PER_LANGUAGE, seed: int = SEED) -> list[str]:
    """``n`` Korean then ``n`` English sentences, the same ones for the same seed."""
    rng = random.Random(seed)
    return [korean(rng) for _ in range(n)] + [english(rng) for _ in range(n)]


def render(lines: list[str]) -> str:
    header = ("# Generated by core/data/make_order_corpus.py (do not edit by hand): template sentences\n"
              "# that teach the n-gram model of the \"Sequence data\" page which word orders are usual.\n")
    return header + "\n".join(lines) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(generate()), encoding="utf-8")
    print(f"wrote {OUT} ({2 * PER_LANGUAGE} sentences)")
