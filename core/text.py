"""Text → tensors: how a sentence becomes the numbers a sequence model reads (concept C5).

A model never sees letters. The learner's text goes through four steps, each shown on the
"Text → tensors" page:

1. **Tokenise**: cut the text into tokens, either characters (a Hangul syllable such as 한 is
   one character, optionally split into its jamo ㅎ ㅏ ㄴ) or words.
2. **Vocabulary**: give every distinct token an integer id. Four special tokens come first,
   always in this order: ``<pad>`` = 0, ``<unk>`` = 1, ``<bos>`` = 2, ``<eos>`` = 3; the rest
   follow by falling frequency, ties broken by code point, so the same corpus always gives
   the same ids. A token missing from the vocabulary is encoded as ``<unk>``.
3. **Integer encoding and one-hot**: sentence i becomes ids x^(i)<1> … x^(i)<T_x>, and each
   id becomes a one-hot row e_id of length |V|. A batch pads shorter sentences with ``<pad>``.
4. **Embedding**: a learned matrix E of shape (|V|, d). The product e_idᵀ E picks out row id
   of E, which is exactly what ``torch.nn.Embedding`` does without the multiplication.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import numpy as np
import regex
import torch

from core._common import seeded_module

SPECIALS: tuple[str, ...] = ("<pad>", "<unk>", "<bos>", "<eos>")
PAD, UNK, BOS, EOS = range(4)

# Hard caps shared by every page that takes text; the UI states them.
MAX_CHARS = 2_000  # raw characters kept from the text box
MAX_SENTENCES = 8  # lines (examples i) on the Text → tensors page
MAX_TOKENS = 64  # tokens per sentence on step-through pages

Level = Literal["char", "word"]

# Unicode bidirectional overrides and isolates are invisible and can reorder what the
# learner sees; they go with the control characters (category Cc).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# A word is a run of letters, digits or marks, with inner apostrophes (don't, it's);
# anything else that is not space is one grapheme each (punctuation, an emoji sequence).
_WORD = regex.compile(r"\w+(?:['’]\w+)*|(?:(?=[^\w\s])\X)")
_GRAPHEME = regex.compile(r"\X")

# Hangul syllables are computed, not listed: S = 0xAC00 + (L·21 + V)·28 + T.
_S_BASE, _L_COUNT, _V_COUNT, _T_COUNT = 0xAC00, 19, 21, 28
_N_SYLLABLES = _L_COUNT * _V_COUNT * _T_COUNT  # 11,172
# Compatibility jamo (U+3131…) display on their own; conjoining jamo would re-join on screen.
_LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_TAILS = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")

CORPUS_PATH = Path(__file__).with_name("data") / "sample_corpus.txt"


@dataclass(frozen=True)
class CleanText:
    """The learner's text after NFC normalisation and removal of control characters."""

    text: str
    removed_controls: int  # control or bidi characters, and lone surrogates, dropped
    truncated_chars: int  # characters dropped beyond the cap
    unreadable: int = 0  # U+FFFD: characters the browser could not encode (a lone surrogate)


def clean_text(raw: str, max_chars: int = MAX_CHARS) -> CleanText:
    """Cap the length, NFC-normalise and drop control characters (keeping line breaks).

    The raw value is cut *before* it is cleaned: a widget's ``max_chars`` binds only a browser,
    and a crafted client can send megabytes. Only ``2·max_chars`` raw characters are ever looked
    at (room for the control characters dropped below), so an oversized value costs no more
    than a full text box.
    """
    bound = 2 * max_chars + 64
    beyond = max(0, len(raw) - bound)
    text = raw[:bound].replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    # A lone surrogate (half of a UTF-16 pair) cannot be encoded, so no reply could carry it.
    paired = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)
    surrogates = len(text) - len(paired)
    text = unicodedata.normalize("NFC", paired)
    kept = [
        ch
        for ch in text
        if ch == "\n" or (unicodedata.category(ch) != "Cc" and ch not in _BIDI_CONTROLS)
    ]
    removed = len(text) - len(kept)
    kept_text = "".join(kept)
    cut = _grapheme_boundary(kept_text, max_chars)
    return CleanText(kept_text[:cut], removed + surrogates, len(kept_text) - cut + beyond,
                     kept_text[:cut].count("\ufffd"))


def _grapheme_boundary(text: str, limit: int) -> int:
    """The largest grapheme boundary at or below ``limit``, so no emoji or flag is split."""
    if len(text) <= limit:
        return len(text)
    cut = 0
    for match in _GRAPHEME.finditer(text, 0, min(len(text), limit + 64)):
        if match.end() > limit:
            break
        cut = match.end()
    return cut


def split_sentences(text: str, max_sentences: int = MAX_SENTENCES) -> tuple[list[str], int]:
    """Non-empty lines of ``text``, at most ``max_sentences``; also how many were dropped."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    return lines[:max_sentences], max(0, len(lines) - max_sentences)


def decompose_hangul(syllable: str) -> tuple[str, ...]:
    """Split one precomposed Hangul syllable into 2 or 3 compatibility jamo: 한 → ㅎ ㅏ ㄴ."""
    index = ord(syllable) - _S_BASE
    if not 0 <= index < _N_SYLLABLES:
        return (syllable,)
    lead, rest = divmod(index, _V_COUNT * _T_COUNT)
    vowel, tail = divmod(rest, _T_COUNT)
    jamo = (_LEADS[lead], _VOWELS[vowel], _TAILS[tail])
    return jamo if tail else jamo[:2]


def is_hangul_syllable(ch: str) -> bool:
    return len(ch) == 1 and 0 <= ord(ch) - _S_BASE < _N_SYLLABLES


@dataclass(frozen=True)
class TokenizerSpec:
    """How text is cut into tokens."""

    level: Level = "word"
    jamo: bool = False  # character level only: split Hangul syllables into jamo
    lowercase: bool = False


def tokenize(text: str, spec: TokenizerSpec = TokenizerSpec()) -> list[str]:
    """Tokens of one sentence. Characters are grapheme clusters, so 👍🏽 or 🇰🇷 is one token."""
    if spec.lowercase:
        text = text.lower()
    if spec.level == "word":
        return _WORD.findall(text)
    tokens: list[str] = []
    for grapheme in _GRAPHEME.findall(text):
        if spec.jamo and is_hangul_syllable(grapheme):
            tokens.extend(decompose_hangul(grapheme))
        else:
            tokens.append(grapheme)
    return tokens


@dataclass(frozen=True)
class Vocab:
    """Token ↔ id tables: the four specials first, then by falling count, ties by code point."""

    itos: tuple[str, ...]
    counts: tuple[int, ...]  # how often each token occurred in the corpus it was built from
    stoi: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stoi", {tok: i for i, tok in enumerate(self.itos)})

    @classmethod
    def build(cls, corpus: Iterable[Sequence[str]], max_size: int | None = None) -> Vocab:
        """Vocabulary of the tokens in ``corpus``; ``max_size`` counts the specials too."""
        if max_size is not None and max_size < len(SPECIALS):
            raise ValueError(f"max_size must leave room for the {len(SPECIALS)} special tokens")
        counter = Counter(tok for tokens in corpus for tok in tokens if tok not in SPECIALS)
        ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        if max_size is not None:
            ranked = ranked[: max(0, max_size - len(SPECIALS))]
        itos = SPECIALS + tuple(tok for tok, _ in ranked)
        counts = (0,) * len(SPECIALS) + tuple(n for _, n in ranked)
        return cls(itos, counts)

    def __len__(self) -> int:
        return len(self.itos)

    def __contains__(self, token: object) -> bool:
        return token in self.stoi

    def id_of(self, token: str) -> int:
        return self.stoi.get(token, UNK)

    def encode(self, tokens: Sequence[str]) -> np.ndarray:
        """Integer ids, ``<unk>`` for every token outside the vocabulary. # (T,)"""
        return np.array([self.id_of(tok) for tok in tokens], dtype=np.int64)

    def decode(self, ids: Iterable[int]) -> list[str]:
        return [self.itos[int(i)] for i in ids]


def one_hot(ids: np.ndarray, vocab_size: int) -> np.ndarray:
    """One-hot rows: row t has a single 1 at column ids[t]. (T,) -> (T, |V|)"""
    out = np.zeros((len(ids), vocab_size), dtype=np.float64)
    out[np.arange(len(ids)), ids] = 1.0
    return out


def make_embedding(vocab_size: int, d: int, seed: int = 0) -> torch.nn.Embedding:
    """A float64 ``nn.Embedding`` initialised from ``seed``; the ``<pad>`` row is zero."""
    return seeded_module(torch.nn.Embedding, vocab_size, d, padding_idx=PAD, dtype=torch.float64, seed=seed)


def embed_by_one_hot(ids: np.ndarray, E: np.ndarray) -> np.ndarray:
    """The embedding as a matrix product, one_hot(ids) @ E. (T,), (|V|, d) -> (T, d)"""
    return one_hot(ids, E.shape[0]) @ E


@cache
def sample_corpus() -> tuple[str, ...]:
    """The project's own bilingual practice corpus, one sentence a line."""
    lines = CORPUS_PATH.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class SentenceTensors:
    """One example i: its tokens, ids and where the vocabulary had no entry."""

    text: str
    tokens: tuple[str, ...]  # with <bos>/<eos> if requested; T_x = len(tokens)
    ids: np.ndarray  # (T_x,)
    unk: np.ndarray  # (T_x,) bool: the token was replaced by <unk>
    dropped: int  # tokens cut off beyond the cap


@dataclass(frozen=True)
class TextTensors:
    """Everything the Text → tensors page shows, for a list of sentences."""

    spec: TokenizerSpec
    vocab: Vocab
    sentences: tuple[SentenceTensors, ...]
    batch: np.ndarray  # (N, T_max) ids, padded with <pad>
    mask: np.ndarray  # (N, T_max) True where a real token stands
    E: np.ndarray  # (|V|, d) the embedding matrix
    embedded: np.ndarray  # (N, T_max, d) = nn.Embedding(batch)

    @property
    def lengths(self) -> np.ndarray:
        """T_x^(i) for every sentence i. # (N,)"""
        return self.mask.sum(axis=1)

    def unknown_tokens(self) -> tuple[str, ...]:
        """Distinct tokens that became ``<unk>``, in order of first appearance."""
        found = (tok for row in self.sentences for tok, unk in zip(row.tokens, row.unk, strict=True) if unk)
        return tuple(dict.fromkeys(found))


VocabSource = Literal["own", "corpus"]


def build_vocab(
    sentences: Sequence[str], spec: TokenizerSpec, source: VocabSource, max_size: int | None
) -> Vocab:
    """Vocabulary from the learner's own sentences or from the shipped sample corpus."""
    corpus = sentences if source == "own" else sample_corpus()
    return Vocab.build((tokenize(s, spec) for s in corpus), max_size=max_size)


def text_to_tensors(
    sentences: Sequence[str],
    spec: TokenizerSpec = TokenizerSpec(),
    *,
    vocab_source: VocabSource = "own",
    max_vocab: int | None = None,
    d: int = 4,
    seed: int = 0,
    add_bos: bool = True,
    add_eos: bool = True,
    max_tokens: int = MAX_TOKENS,
) -> TextTensors:
    """Tokenise, encode, one-hot-ready ids, pad and embed a batch of sentences."""
    room = max_tokens - int(add_bos) - int(add_eos)  # tokens of the text itself
    if room < 1:
        raise ValueError("max_tokens must leave room for at least one token besides <bos>/<eos>")
    vocab = build_vocab(sentences, spec, vocab_source, max_vocab)
    rows: list[SentenceTensors] = []
    for text in sentences:
        tokens = tokenize(text, spec)
        dropped = max(0, len(tokens) - room)
        tokens = (["<bos>"] if add_bos else []) + tokens[:room] + (["<eos>"] if add_eos else [])
        ids = vocab.encode(tokens)  # (T_x,)
        unk = np.array([tok not in vocab for tok in tokens], dtype=bool)
        rows.append(SentenceTensors(text, tuple(tokens), ids, unk, dropped))

    t_max = max((len(r.ids) for r in rows), default=0)
    batch = np.full((len(rows), t_max), PAD, dtype=np.int64)  # (N, T_max)
    mask = np.zeros((len(rows), t_max), dtype=bool)
    for i, row in enumerate(rows):
        batch[i, : len(row.ids)] = row.ids
        mask[i, : len(row.ids)] = True

    embedding = make_embedding(len(vocab), d, seed)
    with torch.no_grad():
        embedded = embedding(torch.from_numpy(batch)).numpy()  # (N, T_max, d)
    E = embedding.weight.detach().numpy().copy()  # (|V|, d)
    return TextTensors(spec, vocab, tuple(rows), batch, mask, E, embedded)


def embedding_max_diff(tt: TextTensors) -> float:
    """Largest |one_hot(x) @ E − nn.Embedding(x)| over the batch: 0 when the lookup is a product."""
    by_product = embed_by_one_hot(tt.batch.reshape(-1), tt.E).reshape(tt.embedded.shape)
    return float(np.max(np.abs(by_product - tt.embedded), initial=0.0))


@dataclass(frozen=True)
class UnkCount:
    """How many of the learner's tokens a corpus vocabulary misses, for one tokenizer."""

    spec: TokenizerSpec
    vocab_size: int
    tokens: int
    unknown: int
    unknown_tokens: tuple[str, ...]  # distinct, in order of first appearance

    @property
    def rate(self) -> float:
        return self.unknown / self.tokens if self.tokens else 0.0


def unknown_by_tokenizer(
    sentences: Sequence[str], specs: Sequence[TokenizerSpec], max_tokens: int | None = None
) -> tuple[UnkCount, ...]:
    """For each tokenizer, the sample corpus's vocabulary against the learner's tokens
    (at most ``max_tokens`` of each sentence, as the pages cut them)."""
    counts = []
    for spec in specs:
        vocab = build_vocab(sentences, spec, "corpus", None)
        tokens = [tok for s in sentences for tok in tokenize(s, spec)[:max_tokens]]
        missing = [tok for tok in tokens if tok not in vocab]
        counts.append(UnkCount(spec, len(vocab), len(tokens), len(missing), tuple(dict.fromkeys(missing))))
    return tuple(counts)
