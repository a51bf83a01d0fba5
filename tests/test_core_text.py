"""core/text.py against independent references: unicodedata, torch's one_hot and nn.Embedding."""

import random
import unicodedata

import numpy as np
import pytest
import torch

from core.text import (
    BOS,
    EOS,
    MAX_TOKENS,
    PAD,
    SPECIALS,
    UNK,
    TokenizerSpec,
    Vocab,
    clean_text,
    decompose_hangul,
    embed_by_one_hot,
    embedding_max_diff,
    make_embedding,
    one_hot,
    sample_corpus,
    split_sentences,
    text_to_tensors,
    tokenize,
    unknown_by_tokenizer,
)

WORD, CHAR, JAMO = TokenizerSpec("word"), TokenizerSpec("char"), TokenizerSpec("char", jamo=True)


# --- cleaning ---------------------------------------------------------------------------------


def test_clean_text_composes_to_nfc():
    decomposed = "\u1112\u1161\u11ab\u1100\u116e\u11a8 cafe\u0301"  # 한국 café, conjoining jamo
    cleaned = clean_text(decomposed)
    assert cleaned.text == "한국 café"
    assert cleaned.text == unicodedata.normalize("NFC", decomposed)


def test_clean_text_drops_controls_and_bidi_but_keeps_lines_and_emoji():
    raw = "a\x00b\x1b[31mc\u202ed\r\ne\tf 👨\u200d👩\u200d👧"
    cleaned = clean_text(raw)
    assert cleaned.text == "ab[31mcd\ne f 👨\u200d👩\u200d👧"
    assert cleaned.removed_controls == 3
    assert all(unicodedata.category(ch) != "Cc" for ch in cleaned.text if ch != "\n")


def test_clean_text_caps_length():
    cleaned = clean_text("가" * 10_000, max_chars=2_000)
    assert len(cleaned.text) == 2_000 and cleaned.truncated_chars == 8_000


def test_split_sentences_skips_blank_lines_and_caps():
    lines, dropped = split_sentences("one\n\n  two  \n" + "x\n" * 10, max_sentences=4)
    assert lines == ["one", "two", "x", "x"] and dropped == 8


# --- Hangul and tokenizers ------------------------------------------------------------------------


def test_hangul_decomposition_agrees_with_unicode_names_for_all_11172_syllables():
    """Each compatibility jamo we emit names the same letter as the NFD conjoining jamo."""
    for code in range(0xAC00, 0xD7A4):
        syllable = chr(code)
        ours = decompose_hangul(syllable)
        reference = unicodedata.normalize("NFD", syllable)
        assert len(ours) == len(reference) in (2, 3)
        for mine, ref in zip(ours, reference, strict=True):
            letter = unicodedata.name(mine).removeprefix("HANGUL LETTER ")
            assert unicodedata.name(ref).split(" ", 2)[2] == letter, (syllable, mine, ref)


def test_word_tokens_keep_particles_contractions_and_whole_emoji():
    text = "나는 학교에 간다! I can't wait 👍🏽🇰🇷"
    assert tokenize(text, WORD) == ["나는", "학교에", "간다", "!", "I", "can't", "wait", "👍🏽", "🇰🇷"]


def test_char_tokens_are_graphemes_and_jamo_splits_syllables():
    assert tokenize("한 👨\u200d👩\u200d👧!", CHAR) == ["한", " ", "👨\u200d👩\u200d👧", "!"]
    assert tokenize("한글", JAMO) == ["ㅎ", "ㅏ", "ㄴ", "ㄱ", "ㅡ", "ㄹ"]
    assert tokenize("Apple", TokenizerSpec("word", lowercase=True)) == ["apple"]


def test_jamo_inventory_is_small():
    every_syllable = "".join(chr(c) for c in range(0xAC00, 0xD7A4))
    assert len(set(tokenize(every_syllable, CHAR))) == 11_172
    assert len(set(tokenize(every_syllable, JAMO))) == 19 + 21 + 27 - 16  # 16 tails double as leads


# --- vocabulary ---------------------------------------------------------------------------------


def test_vocab_specials_first_then_frequency_then_code_point():
    vocab = Vocab.build([["b", "a", "c", "a"], ["c", "a", "<pad>"]])
    assert vocab.itos[:4] == SPECIALS == ("<pad>", "<unk>", "<bos>", "<eos>")
    assert (PAD, UNK, BOS, EOS) == (0, 1, 2, 3)
    assert vocab.itos[4:] == ("a", "c", "b")
    assert vocab.counts[4:] == (3, 2, 1)


def test_vocab_order_does_not_depend_on_corpus_order():
    sentences = [tokenize(s, WORD) for s in sample_corpus()]
    shuffled = sentences[:]
    random.Random(7).shuffle(shuffled)
    assert Vocab.build(sentences).itos == Vocab.build(shuffled).itos


def test_vocab_cap_unknown_tokens_and_round_trip():
    vocab = Vocab.build([["a", "a", "b", "c"]], max_size=5)
    assert vocab.itos == (*SPECIALS, "a")
    assert vocab.encode(["a", "b", "zzz"]).tolist() == [4, UNK, UNK]
    full = Vocab.build([["x", "y"]])
    assert full.decode(full.encode(["y", "x"])) == ["y", "x"]


# --- tensors ------------------------------------------------------------------------------------


def test_one_hot_equals_torch_one_hot():
    ids = np.array([3, 0, 7, 7, 1])
    expected = torch.nn.functional.one_hot(torch.from_numpy(ids), num_classes=9).double().numpy()
    np.testing.assert_array_equal(one_hot(ids, 9), expected)


def test_one_hot_times_E_equals_nn_embedding():
    gen = torch.Generator().manual_seed(3)
    E = torch.randn(11, 5, generator=gen, dtype=torch.float64)
    ids = torch.tensor([4, 0, 10, 4, 2])
    reference = torch.nn.Embedding.from_pretrained(E)(ids).numpy()
    np.testing.assert_allclose(embed_by_one_hot(ids.numpy(), E.numpy()), reference, rtol=0, atol=1e-15)


def test_make_embedding_is_seeded_zero_pad_and_leaves_global_rng_alone():
    state = torch.random.get_rng_state()
    a, b, c = make_embedding(6, 3, seed=1), make_embedding(6, 3, seed=1), make_embedding(6, 3, seed=2)
    assert torch.equal(torch.random.get_rng_state(), state)
    assert torch.equal(a.weight, b.weight) and not torch.equal(a.weight, c.weight)
    assert a.weight.dtype == torch.float64
    assert torch.count_nonzero(a.weight[PAD]) == 0 and torch.count_nonzero(a.weight[1:]) == 15


def test_text_to_tensors_pads_masks_and_embeds():
    tt = text_to_tensors(["나는 학교에 간다", "I go"], WORD, d=3, seed=5)
    assert tt.batch.shape == (2, 5) and tt.lengths.tolist() == [5, 4]
    assert tt.batch[1, 4] == PAD and not tt.mask[1, 4]
    assert tt.batch[:, 0].tolist() == [BOS, BOS] and tt.batch[0, 4] == EOS and tt.batch[1, 3] == EOS
    assert tt.vocab.decode(tt.batch[0]) == ["<bos>", "나는", "학교에", "간다", "<eos>"]
    reference = torch.nn.Embedding.from_pretrained(torch.from_numpy(tt.E))(torch.from_numpy(tt.batch))
    np.testing.assert_array_equal(tt.embedded, reference.numpy())
    assert embedding_max_diff(tt) < 1e-15
    assert not tt.embedded[1, 4].any()  # the <pad> cell embeds to zero


def test_own_vocabulary_never_has_unknowns_but_the_corpus_one_does():
    sentences = ["나는 어제 떡볶이를 먹었다", "Quantum kittens sing"]
    own = text_to_tensors(sentences, WORD, vocab_source="own")
    assert not any(row.unk.any() for row in own.sentences)
    corpus = text_to_tensors(sentences, WORD, vocab_source="corpus")
    unknown = [tok for row in corpus.sentences for tok, u in zip(row.tokens, row.unk, strict=True) if u]
    assert "떡볶이를" in unknown and "Quantum" in unknown and "나는" not in unknown
    assert all(corpus.vocab.id_of(tok) == UNK for tok in unknown)
    for row in corpus.sentences:
        assert (row.ids[row.unk] == UNK).all() and (row.ids[~row.unk] != UNK).all()


def test_smaller_units_miss_fewer_tokens():
    counts = unknown_by_tokenizer(["나는 어제 떡볶이를 먹었다"], [WORD, CHAR, JAMO])
    word, char, jamo = (c.rate for c in counts)
    assert word > char > jamo
    assert counts[0].vocab_size > counts[2].vocab_size


def test_token_cap_cuts_and_reports():
    tt = text_to_tensors(["가" * 200], CHAR)
    row = tt.sentences[0]
    assert len(row.tokens) == MAX_TOKENS and row.dropped == 200 - (MAX_TOKENS - 2)
    assert row.tokens[-1] == "<eos>"


@pytest.mark.parametrize(("sentences", "lengths"), [
    ([], []),
    (["🙂" * 500], [MAX_TOKENS]),
    (["<script>alert(1)</script>"], [25]),
    (["\u200b"], [1]),
    (["👨\u200d👩\u200d👧 🇰🇷"], [3]),
])
def test_odd_input_gives_tensors_not_errors(sentences, lengths):
    tt = text_to_tensors(sentences, CHAR, add_bos=False, add_eos=False)
    assert tt.lengths.tolist() == lengths
    assert np.isfinite(tt.embedded).all()


def test_impossible_sizes_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="special"):
        Vocab.build([["a"]], max_size=3)
    with pytest.raises(ValueError, match="room"):
        text_to_tensors(["a b"], WORD, max_tokens=2)


def test_length_cap_never_splits_a_grapheme():
    family = "👨\u200d👩\u200d👧"  # five code points, one grapheme
    cleaned = clean_text("a" * 1_998 + family + "b", max_chars=2_000)
    assert cleaned.text == "a" * 1_998 and cleaned.truncated_chars == len(family) + 1


def test_unknown_tokens_are_listed_once_in_order_and_counted_within_the_cap():
    tt = text_to_tensors(["zz yy zz", "yy xx"], WORD, vocab_source="corpus")
    assert tt.unknown_tokens() == ("zz", "yy", "xx")
    (count,) = unknown_by_tokenizer(["가" * 100], [CHAR], max_tokens=10)
    assert count.tokens == 10
