"""Sources in real-news wording (issue 11, "Sources"): anonymous phrases,
appositions, types from the employer, a broad vocabulary of titles and
ordinary people, acronyms.

Each case is an article run through the whole pipeline (``claimtrack.extract``)
and, for each claim in order, the expected source: (mention text, entity,
name, type, anonymous). The vocabulary behind them is in rules/sources.yaml.
"""

import pytest
from story_fixtures import find

import claimtrack
from claimtrack.document import Document
from claimtrack.model import Claim, ClaimSource, Content
from claimtrack.ruleset.loader import default_rules
from claimtrack.stages.sources import resolve as sources
from claimtrack.stages.findings import Findings
from claimtrack.stages.sources.mentions import analyse_mention
from claimtrack.stages.sources.vocabulary import compiled_sources

CASES = {
    # anonymous sources: their own mention, merged with a later "the people"
    "people familiar with the matter, then the people": (
        "People familiar with the matter said the deal was close. The people said a vote was planned.",
        [
            ("People familiar with the matter", "S1", "People familiar with the matter", "person", True),
            ("The people", "S1", "People familiar with the matter", "person", True),
        ],
    ),
    "a person with knowledge of": (
        "A person with knowledge of the plan said it would be announced on Monday.",
        [("A person with knowledge of the plan", "S1", "A person with knowledge of the plan", "person", True)],
    ),
    "an official not authorised to speak publicly": (
        "An official who was not authorised to speak publicly said the talks had stalled.",
        [("An official", "S1", "An official", "government", True)],
    ),
    # appositions: the name is the entity's name, the description types it
    "the mayor, then his surname, then the mayor again": (
        (
            "The mayor, Jonas Petit, said the bridge was safe. Petit added that repairs would start soon. "
            "The mayor said the cost was low."
        ),
        [
            ("The mayor", "S1", "Jonas Petit", "government", False),
            (("Petit", 2), "S1", "Jonas Petit", "government", False),
            (("The mayor", 2), "S1", "Jonas Petit", "government", False),
        ],
    ),
    "their spokesman with his name": (
        "Their spokesman, Tomas Reyes, said the company would appeal.",
        [("Their spokesman", "S1", "Tomas Reyes", "government", False)],
    ),
    "a name with a describing apposition at the end of the sentence": (
        "Prices will rise, said Daniel Okafor, an economist at the Lisbon Policy Forum.",
        [("Daniel Okafor", "S1", "Daniel Okafor", "expert", False)],
    ),
    "an envoy named in apposition, then by surname and by description": (
        (
            "The United Nations envoy, Maria Lopez, said talks would resume. Lopez said both sides had agreed. "
            "The United Nations envoy said a meeting was set for May."
        ),
        [
            ("The United Nations envoy", "S1", "Maria Lopez", "organization", False),
            (("Lopez", 2), "S1", "Maria Lopez", "organization", False),
            (("The United Nations envoy", 2), "S1", "Maria Lopez", "organization", False),
        ],
    ),
    # types from the employer the mention names
    "a spokeswoman for the airline": (
        "A spokeswoman for the airline said the flight was delayed.",
        [("A spokeswoman for the airline", "S1", "A spokeswoman for the airline", "organization", True)],
    ),
    "the county's health director": (
        "The county's health director said the water was safe.",
        [("The county's health director", "S1", "The county's health director", "government", False)],
    ),
    "a spokesman for the rebels": (
        "A spokesman for the rebels said the town had fallen.",
        [("A spokesman for the rebels", "S1", "A spokesman for the rebels", "armed_group", True)],
    ),
    # titles of officials and ordinary people
    "coroner, sheriff, ombudsman": (
        (
            "The coroner said the death was accidental. The sheriff told reporters that the driver had fled. "
            "The ombudsman said the complaint was valid."
        ),
        [
            ("The coroner", "S1", "The coroner", "government", False),
            ("The sheriff", "S2", "The sheriff", "government", False),
            ("The ombudsman", "S3", "The ombudsman", "government", False),
        ],
    ),
    "survivor, vendor, resident": (
        (
            "A survivor told reporters that the boat sank quickly. A vendor said prices had doubled. "
            "A resident said the water was rising."
        ),
        [
            ("A survivor", "S1", "A survivor", "witness", True),
            ("A vendor", "S2", "A vendor", "witness", True),
            ("A resident", "S3", "A resident", "witness", True),
        ],
    ),
    # acronyms
    "a full name, then its acronym": (
        "The World Health Organization said the outbreak was over. WHO said vaccines had arrived.",
        [
            ("The World Health Organization", "S1", "The World Health Organization", "organization", False),
            ("WHO", "S1", "The World Health Organization", "organization", False),
        ],
    ),
    "a person's initials are not an agency's acronym": (
        "Ana Perez said the vote was fair. AP reported that turnout was low.",
        [
            ("Ana Perez", "S1", "Ana Perez", "person", False),
            ("AP", "S2", "AP", "news_agency", False),
        ],
    ),
    # a describing mention in a sentence that claims nothing
    "a name and its description before the claim": (
        (
            "Jonas Petit, the mayor, opened the bridge on Monday. The mayor said it was safe. "
            "Petit added that the cost was low."
        ),
        [
            (("The mayor", 1), "S1", "Jonas Petit", "government", False),
            (("Petit", 2), "S1", "Jonas Petit", "government", False),
        ],
    ),
    "an envoy described before the claim": (
        "Maria Lopez, the United Nations envoy, arrived in Geneva on Monday. The envoy said talks would resume.",
        [("The envoy", "S1", "Maria Lopez", "organization", False)],
    ),
    "a list is no apposition": (
        "The plan won the support of the Administration, the Congress, and the farmers. "
        "Later the farmers said it was fair.",
        [(("the farmers", 2), "S1", "the farmers", "witness", True)],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_source_of_each_claim(name):
    text, expected = CASES[name]
    result = claimtrack.extract(text)
    got = [
        (claim.source.text, claim.source.entity, claim.source.name, claim.source.type, claim.source.anonymous)
        for claim in result.claims
    ]
    want = [((mention[0] if isinstance(mention, tuple) else mention), *rest) for mention, *rest in expected]
    assert got == want
    for claim, (mention, *_rest) in zip(result.claims, expected):
        needle, occurrence = mention if isinstance(mention, tuple) else (mention, 1)
        span = find(text, needle, occurrence)
        assert (claim.source.start, claim.source.end) == (span.start, span.end)


def test_the_describing_mention_is_listed_with_the_entity():
    text = "Maria Lopez, the United Nations envoy, arrived in Geneva on Monday. The envoy said talks would resume."
    (source,) = claimtrack.extract(text).sources
    assert (source.name, [mention.text for mention in source.mentions]) == (
        "Maria Lopez",
        ["the United Nations envoy", "The envoy"],
    )


def test_anonymity_cues_of_anonymous_phrases_are_listed():
    text = "A person with knowledge of the plan said it would be announced on Monday."
    (source,) = claimtrack.extract(text).sources
    assert [cue.text for cue in source.anonymity_cues] == ["person with knowledge of"]
    text = "An official who was not authorised to speak publicly said the talks had stalled."
    (source,) = claimtrack.extract(text).sources
    assert [cue.text for cue in source.anonymity_cues] == ["who was not authorised to speak publicly"]


# Mentions the attribution stage does not hand over today for these sentences
# (it gives "the investigation" and "Two people briefed"): the sources stage
# on its own, with the mention spans a reader would mark.
HANDED_OVER = {
    "sources close to the investigation, then the sources": (
        "Sources close to the investigation said the suspect had fled. The sources said he was armed.",
        ["Sources close to the investigation", "The sources"],
        [
            ("S1", "Sources close to the investigation", "person", True),
            ("S1", "Sources close to the investigation", "person", True),
        ],
    ),
    "two people briefed on the talks, then the people": (
        "Two people briefed on the talks said a deal was close. The people added that the text was ready.",
        ["Two people briefed on the talks", "The people"],
        [
            ("S1", "Two people briefed on the talks", "person", True),
            ("S1", "Two people briefed on the talks", "person", True),
        ],
    ),
    "an economist described before the name": (
        "Daniel Okafor, an economist at the Lisbon Policy Forum, said prices would rise.",
        ["an economist at the Lisbon Policy Forum"],
        [("S1", "Daniel Okafor", "expert", False)],
    ),
}


@pytest.fixture(scope="module")
def parser():
    from claimtrack.parsing.parser import default_parser

    return default_parser()


def claims_for(text, mentions):
    claims = []
    for number, needle in enumerate(mentions, start=1):
        span = find(text, needle)
        claims.append(
            Claim(
                id=f"C{number}",
                kind="indirect",
                content=Content(span.text, span.start, span.end),
                source=ClaimSource(span.text, span.start, span.end),
            )
        )
    return claims


@pytest.mark.parametrize("name", list(HANDED_OVER))
def test_sources_stage_with_the_mentions_a_reader_marks(parser, name):
    text, mentions, expected = HANDED_OVER[name]
    document = Document.from_stanza(parser.parse(text))
    found = sources.resolve_sources(document, Findings(claims=claims_for(text, mentions)), default_rules())
    got = [
        (claim.source.entity, claim.source.name, claim.source.type, claim.source.anonymous) for claim in found.claims
    ]
    assert got == expected


ROLES = {
    # mention -> (name, role) the mention analysis gives
    ("The mayor, Jonas Petit, said the bridge was safe.", "The mayor"): ("Jonas Petit", "mayor"),
    ("Their spokesman, Tomas Reyes, said the company would appeal.", "Their spokesman"): ("Tomas Reyes", "spokesman"),
    ("Health Minister Ana Ruiz said the clinic would open.", "Health Minister Ana Ruiz"): ("Ana Ruiz", "Health Minister"),
    ("Mr Haddad said the clinic would open.", "Mr Haddad"): ("Haddad", None),
    ("The county's health director said the water was safe.", "The county's health director"): (None, "health director"),
    ("The ministry said the clinic would open.", "The ministry"): (None, None),
}


@pytest.mark.parametrize(("text", "mention"), list(ROLES))
def test_name_and_role_of_a_mention(parser, text, mention):
    document = Document.from_stanza(parser.parse(text))
    reading = analyse_mention(text, find(text, mention), document, compiled_sources(default_rules()))
    assert (reading.name, reading.role) == ROLES[(text, mention)]
