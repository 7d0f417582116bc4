"""Constructions of real news text (issue 11): each class with its input
sentence and the exact claims expected, through the whole pipeline.

Rows are (content, cue, source, kind); an empty list means no claim.
"""

from __future__ import annotations

import pytest

import claimtrack
from claim_rows import rows

CASES = {
    # quotation marks of every style
    "a question quoted before an inverted cue, cut off by the splitter": (
        '"Is anyone listening?" asked the mayor.',
        [("Is anyone listening?", "asked", "the mayor", "direct")],
    ),
    "an exclamation quoted before an inverted cue": (
        '"Get out now!" shouted a firefighter.',
        [("Get out now!", "shouted", "a firefighter", "direct")],
    ),
    "backtick and apostrophe marks of newspaper archives": (
        "``We will appeal,'' Ms. Duarte told reporters.",
        [("We will appeal", "told", "Ms. Duarte", "direct")],
    ),
    "doubled apostrophes": (
        "''We will appeal,'' Ms. Duarte told reporters.",
        [("We will appeal", "told", "Ms. Duarte", "direct")],
    ),
    "doubled apostrophes before a pronoun, closing after a single quotation mark": (
        "''I think most voters will not be satisfied with 'We'll bomb them,''' said Senator John McCain of Arizona.",
        [("I think most voters will not be satisfied with 'We'll bomb them,'", "said",
          "Senator John McCain of Arizona", "direct")],
    ),
    "three apostrophes closing before the speaker": (
        "''We are told all the time, 'Kosovo is a special case,''' Mr. Putin said.",
        # The whole quotation, the inner one's closing mark and its comma kept
        # (the quote finder does not pair marks inside an open quotation).
        [("We are told all the time, 'Kosovo is a special case,'", "said", "Mr. Putin", "direct")],
    ),
    "a single and a double straight mark closing together before the speaker": (
        "\"We are told all the time, 'Kosovo is a special case,'\" Mr. Putin said.",
        # The whole quotation, the inner one's closing mark and its comma kept
        # (the quote finder does not pair marks inside an open quotation).
        [("We are told all the time, 'Kosovo is a special case,'", "said", "Mr. Putin", "direct")],
    ),
    "two quotations in doubled apostrophes, one sentence each": (
        "He called it a ''rigged system.'' ''The plan will fail,'' Mr. Smith said.",
        [("it a ''rigged system.''", "called", "He", "mixed"), ("The plan will fail", "said", "Mr. Smith", "direct")],
    ),
    "a straight mark opening and a curly mark closing": (
        '"We will appeal,\u201d Ms. Duarte told reporters.',
        [("We will appeal", "told", "Ms. Duarte", "direct")],
    ),
    "a curly mark opening and a straight mark closing": (
        '\u201cWe will appeal," Ms. Duarte told reporters.',
        [("We will appeal", "told", "Ms. Duarte", "direct")],
    ),
    "paired single quotes": (
        "'We will appeal,' Ms. Duarte told reporters.",
        [("We will appeal", "told", "Ms. Duarte", "direct")],
    ),
    "guillemets": (
        "\u00abWe will appeal\u00bb, Ms. Duarte told reporters.",
        [("We will appeal", "told", "Ms. Duarte", "direct")],
    ),
    "a quotation closing after a quotation inside it": (
        '"She told me, \'We will keep it open,\' " said the mayor.',
        [("She told me, 'We will keep it open,'", "said", "the mayor", "direct")],
    ),
    "an apostrophe that opens no quotation": (
        "The students' union said the fee was unfair.",
        [("the fee was unfair", "said", "The students' union", "indirect")],
    ),
    # where the quotation stands
    "a quotation after a colon": (
        'The minister spoke for an hour, adding: "They are blaming us."',
        [("They are blaming us", "adding", "The minister", "direct")],
    ),
    "a quotation that begins inside the complement": (
        'She said that for the council "to approve it now would be reckless".',
        [('for the council "to approve it now would be reckless"', "said", "She", "mixed")],
    ),
    "nothing is built from inside the senator's quotation": (
        '"I never repeat myself," the senator insisted.',
        [("I never repeat myself", "insisted", "the senator", "direct")],
    ),
    "a cue inside a quotation attributed to someone else": (
        'The minister spoke for an hour, adding: "They said we are to blame."',
        [("They said we are to blame", "adding", "The minister", "direct")],
    ),
    # cue constructions
    "coordinated cues, each with its own clause": (
        "He told a news conference that prices would rise but warned that wages would not.",
        [
            ("prices would rise", "told", "He", "indirect"),
            ("wages would not", "warned", "He", "indirect"),
        ],
    ),
    "a clause ends before a coordinated cue of the same speaker": (
        'The regulator said it had never seen such a case and said it "will act quickly".',
        [
            ("it had never seen such a case", "said", "The regulator", "indirect"),
            ('it "will act quickly"', "said", "The regulator", "mixed"),
        ],
    ),
    "a quotation belongs to the first cue after it, not to a later participle": (
        '"We are going to win," Trump said at a rally on Monday, adding that the polls were wrong.',
        [
            ("We are going to win", "said", "Trump", "direct"),
            ("the polls were wrong", "adding", "Trump", "indirect"),
        ],
    ),
    "a cue after a long appositive": (
        '"We are ready," Paul Ortega, who led the talks for three years, said.',
        [("We are ready", "said", "Paul Ortega", "direct")],
    ),
    "an anonymous source's postmodifier phrase stays with it": (
        "Two people briefed on the talks said a deal was close.",
        [("a deal was close", "said", "Two people briefed on the talks", "indirect")],
    ),
    "an anonymous source the parser split from its phrase": (
        "Sources close to the investigation said the suspect had fled.",
        [("the suspect had fled", "said", "Sources close to the investigation", "indirect")],
    ),
    "a relative clause with a cue": (
        "Analysts who argue that prices will rise were ignored.",
        # a relative pronoun is never a source mention: its noun is (issue 21)
        [("prices will rise", "argue", "Analysts", "indirect")],
    ),
    "a participle after a comma takes the subject of its clause": (
        "The ministry issued a statement, saying the camp was empty.",
        [("the camp was empty", "saying", "The ministry", "indirect")],
    ),
    "recommend that": (
        "The board recommended that the fund be closed.",
        [("the fund be closed", "recommended", "The board", "indirect")],
    ),
    "quip": ('"It is over," she quipped.', [("It is over", "quipped", "she", "direct")]),
    "whisper": ('"Keep calm," she whispered.', [("Keep calm", "whispered", "she", "direct")]),
    "testify": (
        "He testified that he saw the car.",
        [("he saw the car", "testified", "He", "indirect")],
    ),
    "concede": (
        "He conceded that the figures were wrong.",
        [("the figures were wrong", "conceded", "He", "indirect")],
    ),
    "a parenthetical cue inside the clause": (
        "The plan, the minister said, is dead.",
        [("The plan, the minister said, is dead", "said", "the minister", "indirect")],
    ),
    # punctuation cues
    "a headline with a colon": ("Mayor: bridge is safe", [("bridge is safe", ":", "Mayor", "indirect")]),
    "transcript labels": (
        "SMITH: We will win.\nJONES: We will not.",
        [("We will win", ":", "SMITH", "indirect"), ("We will not", ":", "JONES", "indirect")],
    ),
    "a title with a colon is no claim": ("Born: June 11, 1988", []),
    "a rubric label is no source": ("Analysis: the plan is doomed", []),
    "a comma cue at the end of a headline": (
        "Bridge is safe, mayor says",
        [("Bridge is safe", "says", "mayor", "indirect")],
    ),
    # datelines
    "a dateline is not part of the content": (
        "GENEVA (Reuters) - The camp was empty, the agency said.",
        [("The camp was empty", "said", "the agency", "indirect")],
    ),
    "a dateline in capitals": (
        "LONDON -- The bank will raise rates, analysts said.",
        [("The bank will raise rates", "said", "analysts", "indirect")],
    ),
    # not claims
    "speech by nobody": ('No minister would ever say "we got it wrong".', []),
    # the parse cut the reported clause in two, or hung the speaker elsewhere
    "a reported clause the parse split into two complements": (
        "Finally, the mayor said she would ensure that workers who come to the city with their families "
        "would be able to stay even if they arrived on a visitor visa.",
        [(
            "she would ensure that workers who come to the city with their families would be able to stay "
            "even if they arrived on a visitor visa",
            "said", "the mayor", "indirect",
        )],
    ),
    "a day after an inverted cue, with the speaker before it": (
        "''We don't believe U.S. troops are the answer to the problem,'' Benjamin J. Rhodes, Mr. Obama's deputy "
        "national security adviser, said Sunday.",
        [("We don't believe U.S. troops are the answer to the problem", "said", "Benjamin J. Rhodes", "direct")],
    ),
    "a reported clause whose verb the parse took for a second complement": (
        "The governor, meanwhile, who has no such endorsements, said that fact speaks volumes about which "
        "of the two candidates is ready.",
        [("fact speaks volumes about which of the two candidates is ready", "said", "The governor", "indirect")],
    ),
    "the speaker between a quotation and a cue with no subject in the parse": (
        "''We cannot take growth for granted,'' Maria Lopez, a bank governor, said in a speech last month.",
        [("We cannot take growth for granted", "said", "Maria Lopez", "direct")],
    ),
    # a title in title case is a headline even with a final period, as archives print it
    "a title-case first line with a speaker, a colon and a final period": (
        "Jane Smith: I Am Not Much Of A Radical Compared To My Rivals.\n\nThe senator spoke on Tuesday.",
        [("I Am Not Much Of A Radical Compared To My Rivals", ":", "Jane Smith", "indirect")],
    ),
    # the first line is the title whatever its case or punctuation (news titles
    # in sentence case: 'Harbour camp: the new ferry rules threaten jobs.')
    "a sentence-case first line with a colon and a period is a headline": (
        "Jane Smith: the bridge is not safe.\n\nThe senator spoke on Tuesday.",
        [("the bridge is not safe", ":", "Jane Smith", "indirect")],
    ),
    "a rubric on the first line is no source": (
        "The Latest: Sanders wins the Minnesota caucuses.\n\nThe results came in late.",
        [],
    ),
    "a title-case line after the first is no headline": (
        "The senator spoke on Tuesday.\n\nJane Smith: I Am Not Much Of A Radical Compared To My Rivals.",
        [],
    ),
    "a reported clause whose subject the parse made the cue's object": (
        "The minister said the plan failed.",
        [("the plan failed", "said", "The minister", "indirect")],
    ),
    "a reported clause the parse hung on the addressee as a relative clause": (
        "The minister told reporters he would resign.",
        [("he would resign", "told", "The minister", "indirect")],
    ),
    "a relative clause on the addressee with a relative pronoun is not the content": (
        "The minister told reporters who were present that he would resign.",
        [("he would resign", "told", "The minister", "indirect")],
    ),
    "a short paragraph with a comma is no place line": (
        "The plan failed, Jones said.",
        [("The plan failed", "said", "Jones", "indirect")],
    ),
    "a cue the tagger took for a noun, with the reported clause hung on it": (
        "Some say they hear echoes of a painful past in his recent comments.",
        [("they hear echoes of a painful past in his recent comments", "say", "Some", "indirect")],
    ),
    "'a say' with no clause of its own is a noun": ("Voters want a say in the matter.", []),
    "a name, a colon and a whole line in quotation marks": (
        "The senator spoke.\n\nCarly Smith: \"We learned that from the department.\"\n\nMore text.",
        [("We learned that from the department", ":", "Carly Smith", "direct")],
    ),
    "a headline that is a name and a quotation": (
        "Carly Smith: 'Bill Jones is fair game.'\n\nText follows here.",
        [("Bill Jones is fair game", ":", "Carly Smith", "direct")],
    ),
    "a rubric and a quotation is no claim by the rubric": ('Quote of the Day: "We will win."', []),
    "a reported clause whose subject the parse split between object and clause": (
        "After the debate, she said the path to winning the state was narrow.",
        [("the path to winning the state was narrow", "said", "she", "indirect")],
    ),
    "a reported clause read off the words when the parse gave the cue no complement": (
        "Two-thirds of the members said the shortfall, combined with the delays, meant that the project would fail.",
        [(
            "the shortfall, combined with the delays, meant that the project would fail",
            "said", "Two-thirds of the members", "indirect",
        )],
    ),
    "'said' with an object and no clause is no claim": ("The mayor said nothing.", []),
    "a complement the parse coordinated with the cue, opening with 'that'": (
        "The survey also showed that moderates, voters aged 45 and older, suburbanites and young voters mostly "
        "backed the mayor.",
        [(
            "moderates, voters aged 45 and older, suburbanites and young voters mostly backed the mayor",
            "showed", "The survey", "indirect",
        )],
    ),
    "no surface clause through a relative clause": (
        "She tries to find a way around a provision that bars her from office.",
        [],
    ),
    "no surface clause across a single comma": ("Facebook found the posting, reported it and removed it.", []),
    "'called off' is another verb": ('Several businesses have called off projects because of his "comments".', []),
    "'calling it something else' only names": ("They practised containment while calling it something else.", []),
    "a finite verb the tagger took for a participle": (
        "Police said two people died.",
        [("two people died", "said", "Police", "indirect")],
    ),
    "a clause the parse hung on the cue after the complement goes on with the report": (
        'He said he intends to win every delegate possible, so he\'ll have enough votes to pass "the strongest agenda."',
        [
            (
                'he intends to win every delegate possible, so he\'ll have enough votes to pass "the strongest agenda."',
                "said", "He", "mixed",
            ),
            ("to win every delegate possible", "intends", "he", "indirect"),  # the intention inside the report
        ],
    ),
    "a conjunct holding a quotation goes on with the report": (
        'The witness said he had received offers for the gun, but "the offers were to use it in a way I did not like."',
        [(
            'he had received offers for the gun, but "the offers were to use it in a way I did not like."',
            "said", "The witness", "mixed",
        )],
    ),
    "a noun with a definite article and a relative clause is no cue": ("The challenges we face are great.", []),
    "the clause of a noun in a prepositional phrase is not the cue's": (
        "Dana agreed under the condition that her father would pay.",
        [],
    ),
    "a first-person speaker only names": ("Of course we call it a sholid.", []),
    "a passive naming verb with a quotation only names": ('The bridge is also called "the Old Lady" by the locals.', []),
    "a cue the tagger took for a plural noun before a quotation": (
        'The Ministry of Health notes, "Clinic visits fell by a third last winter."',
        [("Clinic visits fell by a third last winter", "notes", "The Ministry of Health", "direct")],
    ),
    "a plural noun after a noun is no cue when a verb follows": (
        "The city has many parks and gardens, and the mayor loves the roses.",
        [],
    ),
    "a naming participle before a title in quotation marks only names": (
        'She hosts a weekly podcast with her partner called "The Long Show".',
        [],
    ),
    "no surface clause after a subordinate cue": ("Eventually when he found his brother he had resolution.", []),
    "a quotation in the paragraph after a cue ending in a colon": (
        'The governor tweeted from her official account:\n\n"Great news for the farmers today."',
        [("Great news for the farmers today", "tweeted", "The governor", "direct")],
    ),
    "a surface clause after the person told": (
        "He tried offering an olive branch by telling the senator she had been an able opponent.",
        [("she had been an able opponent", "telling", "He", "indirect")],
    ),
    "no surface clause through a second predicate": (
        "He stayed up all night writing letters to his friends and composing what would become his testament.",
        [],
    ),
    "a reported clause ends at a semicolon": (
        "The firm has said that the browser has 150 flaws; 20 percent of these are rated critical.",
        [("the browser has 150 flaws", "said", "The firm", "indirect")],
    ),
    "a surface clause whose subject holds a participle": (
        "He said the majority of voters passing by were very polite.",
        [("the majority of voters passing by were very polite", "said", "He", "indirect")],
    ),
    "a tensed verb the parse made an open complement": (
        "They are also focused on the drawdown of troops, which they say left a vacuum for terrorists.",
        [("left a vacuum for terrorists", "say", "they", "indirect")],
    ),
    "a clause, then the source and the person told": (
        "The pilot was kind and responsible, an airport official told The New York Times.",
        [("The pilot was kind and responsible", "told", "an airport official", "indirect")],
    ),
    "a quotation right after 'that' the parse took for a pronoun": (
        'With her husband by her side, Jane Smith has told her supporters that "we are in this together."',
        [("we are in this together", "told", "Jane Smith", "direct")],
    ),
    "a parenthetical cue the tagger took for a noun": (
        "The trouble, Frank writes, began in the early 1970s.",
        [("The trouble, Frank writes, began in the early 1970s", "writes", "Frank", "indirect")],
    ),
    "a quotation before a cue the parse made a relative clause with no subject": (
        '"Attention will focus on the next two states: Nevada and South Carolina," campaign manager Robby Mook wrote.',
        [(
            "Attention will focus on the next two states: Nevada and South Carolina",
            "wrote", "campaign manager Robby Mook", "direct",
        )],
    ),
    "a relative clause with its own subject and no content is no claim": ("He read the report she wrote.", []),
    "what the subject cites, as news annotators mark it": (
        "The firms ended the merger, citing changes in the political environment.",
        [("changes in the political environment", "citing", "The firms", "indirect")],
    ),
    "a naming cue after 'and' shares the speaker": (
        'The senator said the deal was bad and called it "a disgrace".',
        [
            ("the deal was bad", "said", "The senator", "indirect"),
            ('it "a disgrace"', "called", "The senator", "mixed"),
        ],
    ),
    "no surface clause through a subordinate clause": (
        "Anthropologist Ken Barger discovered this when he conducted a participatory observation.",
        [],
    ),
    "no surface clause across ', and'": ("The industry recognized the company as a threat, and in 2016, began a campaign.", []),
    "no surface clause through a passive participle with its agent": (
        "I am happy to note the enthusiasm demonstrated by the school in transforming education.",
        [],
    ),
    # what the object is called
    "a quotation that says what the object is": (
        'The former governor called the visa program "worse than amnesty."',
        [('the visa program "worse than amnesty."', "called", "The former governor", "mixed")],
    ),
    "a second object that says what the first one is": (
        "The mayor called the report a lie.",
        [("the report a lie", "called", "The mayor", "indirect")],
    ),
    "'described ... as'": (
        "The senator described the plan as reckless.",
        [("the plan as reckless", "described", "The senator", "indirect")],
    ),
    "'labelled' with a second object": (
        "Critics labelled him a liar.",
        [("him a liar", "labelled", "Critics", "indirect")],
    ),
    "'called' with one object is no claim": ("The mayor called the meeting.", []),
    "'described' with one object is no claim": ("The senator described the scene.", []),
    "'call him Bob' only names": ("They call him Bob.", []),
    "negated speech": ("He did not say the vote was rigged.", []),
    "hypothetical speech": ("If anyone says the vote was rigged, they are lying.", []),
    "'according to' a measure": ("The fee was adjusted according to inflation.", []),
    "'according to' a plan": ("The project went according to plan.", []),
    "numbers that add up": ("The numbers add up.", []),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_news_construction(name):
    text, expected = CASES[name]
    assert rows(text) == expected


def test_a_quote_only_sentence_continuing_a_quotation_is_its_own_claim():
    text = '"We will win," she said. "The voters are with us."'
    first, second = claimtrack.extract(text).claims
    assert [(c.id, c.content.start, c.content.end, c.content.text, c.content.parts) for c in (first, second)] == [
        ("C1", 1, 12, "We will win", ()),
        ("C2", 26, 48, "The voters are with us", ()),
    ]
    assert [(c.kind, c.cue.text, c.source.text, c.source.entity, c.continues) for c in (first, second)] == [
        ("direct", "said", "she", "S1", None),
        ("direct", "said", "she", "S1", "C1"),
    ]
    assert first.rules == ("cue.verb.say", "pattern.quote_then_verb")
    assert second.rules == ("cue.verb.say", "pattern.quote_continuation")


def test_a_quote_only_paragraph_continuing_a_quotation_is_its_own_claim():
    text = '"We will win," she said.\n\n"The voters are with us. Nobody doubts it."\n\nThe race is close.'
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.kind, c.source.text, c.continues) for c in claims] == [
        ("We will win", "direct", "she", None),
        ("The voters are with us. Nobody doubts it", "direct", "she", "C1"),
    ]


def test_the_parenthetical_content_is_in_two_parts():
    text = "The plan, the minister said, is dead."
    (claim,) = claimtrack.extract(text).claims
    assert [text[part.start : part.end] for part in claim.content.parts] == ["The plan", "is dead"]
    assert claim.rules == ("cue.verb.say", "pattern.parenthetical_verb")


def test_a_passive_belief_is_its_subject_and_predicate_in_two_parts():
    text = "The kingdom is viewed by analysts as a bulwark against the militias."
    (claim,) = claimtrack.extract(text).claims
    assert [text[part.start : part.end] for part in claim.content.parts] == [
        "The kingdom", "as a bulwark against the militias"
    ]
    assert (claim.act, claim.source.text, claim.rules) == (
        "belief", "analysts", ("cue.verb.view", "pattern.passive_small_clause")
    )


def test_what_a_relative_pronoun_stands_for_is_called_in_two_parts():
    text = "The senator backed the plan, which critics called a giveaway."
    (claim,) = claimtrack.extract(text).claims
    assert [text[part.start : part.end] for part in claim.content.parts] == ["the plan", "a giveaway"]
    assert (claim.source.text, claim.rules) == ("critics", ("cue.verb.call", "pattern.relative_small_clause"))


def test_a_dateline_is_document_provenance():
    text = "WASHINGTON (AP) \u2014 The president will veto the bill, aides said."
    result = claimtrack.extract(text)
    assert [span.text for span in result.document.provenance] == ["WASHINGTON (AP) \u2014"]
    assert [c.content.text for c in result.claims] == ["The president will veto the bill"]


def test_a_line_holding_only_a_place_is_provenance_not_content():
    text = "Washington, D.C.\n\nThe minister said the plan had failed."
    result = claimtrack.extract(text)
    assert [span.text for span in result.document.provenance] == ["Washington, D.C."]
    assert [(c.content.text, c.source.text) for c in result.claims] == [("the plan had failed", "The minister")]


def test_a_quotation_after_a_long_source_continues_the_claim():
    text = (
        '"I think it can work," said Louisa Smith, the reviews director at the weekly, who has not read the work. '
        '"Even though she is rich, she is still a woman up against men in suits."'
    )
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.source.text, c.rules[-1], c.continues) for c in claims] == [
        ("I think it can work", "Louisa Smith", "pattern.quote_then_verb", None),
        ("Even though she is rich, she is still a woman up against men in suits", "Louisa Smith",
         "pattern.quote_continuation", "C1"),
    ]
    assert claims[0].source.phrase.text == "Louisa Smith, the reviews director at the weekly, who has not read the work"


