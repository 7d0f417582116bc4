"""Quotations as news and web copy print them: a no-break space between
sentences, a comma left out before the speaker, a quotation going on after
a mixed quote. Each test states the text and the exact claims."""

from __future__ import annotations

import claimtrack


def test_a_quotation_after_a_no_break_space_continues_the_claim():
    # web copy puts a no-break space (U+00A0) between sentences
    text = "\u201cWell, I like him,\u201d Trump said on Tuesday.\u00a0\u201cHe\u2019s backed everything I\u2019ve said.\u201d"
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.kind, c.source.text, c.continues) for c in claims] == [
        ("Well, I like him", "direct", "Trump", None),
        ("He\u2019s backed everything I\u2019ve said", "direct", "Trump", "C1"),
    ]


def test_a_quotation_with_its_comma_left_out_before_the_speaker():
    text = "\u201cThe Iowa caucus is a battle of niches\u201d Grubbs said. \u201cThe RFS is a strong niche in Iowa.\u201d"
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.kind, c.source.text, c.rules[-1], c.continues) for c in claims] == [
        ("The Iowa caucus is a battle of niches", "direct", "Grubbs", "pattern.quote_then_verb", None),
        ("The RFS is a strong niche in Iowa", "direct", "Grubbs", "pattern.quote_continuation", "C1"),
    ]


def test_a_quotation_after_a_mixed_quote_continues_it():
    text = (
        "Still, golf clubs are ''just scratching out a profit,'' Mr. Hedge said from his office. "
        "''Golf is a razor-thin industry. I hardly ever advise investing in a golf course.''"
    )
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.kind, c.source.text, c.continues) for c in claims] == [
        ("golf clubs are ''just scratching out a profit,''", "mixed", "Mr. Hedge", None),
        ("Golf is a razor-thin industry. I hardly ever advise investing in a golf course", "direct", "Mr. Hedge", "C1"),
    ]


def test_a_quoted_phrase_inside_a_clause_before_the_cue_is_no_quotation_of_the_speaker():
    text = 'The "Squad" members said it was wrong.'
    assert [(c.content.text, c.source.text) for c in claimtrack.extract(text).claims] == [
        ("it was wrong", 'The "Squad" members'),
    ]


def test_a_quotation_that_closes_an_inner_one_before_the_speaker():
    text = "\u201cShe asked us, \u2018What can I do? What kind of help do you need?\u2019\u201d Weaver said."
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.kind, c.source.text, c.rules[-1]) for c in claims] == [
        ("She asked us, \u2018What can I do? What kind of help do you need?\u2019", "direct", "Weaver",
         "pattern.quote_then_verb"),
    ]


def test_an_inverted_past_after_a_quotation_closing_with_its_comma():
    # 'reported' tagged a participle hung on 'Times': the comma before the
    # closing mark still sets the source off
    text = "In one email, Carter discussed how he had placed a note card in a \u201cburn bag,\u201d the Times reported."
    assert [(c.content.text, c.cue.text, c.source.text) for c in claimtrack.extract(text).claims] == [
        ("In one email, Carter discussed how he had placed a note card in a \u201cburn bag,\u201d", "reported", "the Times"),
    ]


def test_a_quoted_sentence_followed_by_a_new_sentence_continues_the_quotation():
    text = (
        "\u201cI strongly object,\u201d she said. \u201cWe are confident about the districts we are visiting.\u201d "
        "She noted a planned rally on Saturday."
    )
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.source.text, c.continues) for c in claims] == [
        ("I strongly object", "she", None),
        ("We are confident about the districts we are visiting", "she", "C1"),
    ]
