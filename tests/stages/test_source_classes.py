"""Source types and one entity per source, through the whole pipeline (issue 21).

Each case is an invented article and, for each claim in order, the source
mention, the entity it joins and its type.
"""

import pytest

from claimtrack import extract

CASES = {
    "an acronym, its full name and the short form join": (
        "The Harlow Port Authority (HPA) said the cranes were idle. HPA said talks would resume on Monday. "
        "The authority said fees would rise.",
        [
            ("The Harlow Port Authority", "S1", "government"),
            ("HPA", "S1", "government"),
            ("The authority", "S1", "government"),
        ],
    ),
    "a specific description joins no body already called something else": (
        "The depot operator, Dorvan Logistics, denied that the alarms had failed. The union said two workers were hurt.",
        [
            ("The depot operator", "S1", "organization"),
            ("The union", "S2", "organization"),
        ],
    ),
    "a company name ending in a plural noun is one body that 'the company' joins": (
        "Kelm Chemicals said its tests were clean. The company said it would cooperate with inspectors.",
        [("Kelm Chemicals", "S1", "organization"), ("The company", "S1", "organization")],
    ),
    "the group joins a named armed group": (
        "The Tarsk Brigade, a militia that controls the hills, said the road was closed. "
        "The group said its fighters had withdrawn.",
        [("The Tarsk Brigade", "S1", "armed_group"), ("The group", "S1", "armed_group")],
    ),
    "an apposition with a relative clause types the name": (
        "Ruth Kell, an economist at Harwell Bank who covers mining, said copper prices would fall. "
        "Kell said demand was weak.",
        [("Ruth Kell", "S1", "expert"), ("Kell", "S1", "expert")],
    ),
    "a title is read whole": (
        "Inspector General Dora Blum said the audit was complete.",
        [("Inspector General Dora Blum", "S1", "government")],
    ),
    "a role speaks for the body named before it, read as its full name": (
        "Delmar Shipping said exports fell in May. A Delmar spokesman said two cranes were broken.",
        [("Delmar Shipping", "S1", "organization"), ("A Delmar spokesman", "S2", "organization")],
    ),
    "an acronym before a role is read as its full name": (
        "The Coastal Flood Agency (CFA) said the river was rising. CFA director Mia Roth said the dykes would hold.",
        [
            ("The Coastal Flood Agency", "S1", "government"),
            ("CFA director Mia Roth", "S2", "government"),
        ],
    ),
    "a union official is no government official despite the title": (
        "Union secretary Ana Brill said the strike would go on.",
        [("Union secretary Ana Brill", "S1", "organization")],
    ),
    "an army spokesman is military": (
        "Army spokesman Major Tomas Reid said the convoy was safe.",
        [("Army spokesman Major Tomas Reid", "S1", "military")],
    ),
    "a pronoun after a name in apposition to the source joins it": (
        "Lucia Perez, a geologist at the University of Orvale, said the slope was unstable. "
        '"It was only a matter of time," she said.',
        [("Lucia Perez", "S1", "expert"), ("she", "S1", "expert")],
    ),
    "a board of a public domain is government": (
        "The city's water board said the pipes were old. The board said repairs would start in June.",
        [("The city's water board", "S1", "government"), ("The board", "S1", "government")],
    ),
    "a video circulating online is social media": (
        "A video circulating online appeared to show soldiers at the bridge.",
        [("A video circulating online", "S1", "social_media")],
    ),
    "a defence ministry and its spokesman are military": (
        "The defence ministry said no drone had been lost. "
        "Ministry spokesman Lieutenant Colonel Ivo Marr told reporters that all drones had returned.",
        [
            ("The defence ministry", "S1", "military"),
            ("Ministry spokesman Lieutenant Colonel Ivo Marr", "S2", "military"),
        ],
    ),
    "an acronym is typed by its full name": (
        "The Northern Liberation Front (NLF) fought government troops for a decade. "
        "The NLF said its fighters had left the town.",
        [("The NLF", "S1", "armed_group")],
    ),
    "a role owned by 'its' speaks for the body the pronoun refers to": (
        "The Saltmere Port Authority, which is owned by the provincial government, said the backlog was costly. "
        "Its chairman, Gregor Halvorsen, said talks would resume.",
        [("The Saltmere Port Authority", "S1", "government"), ("Its chairman", "S2", "government")],
    ),
    "a spokesman owned by 'their' speaks for the group": (
        "The rebels said the bridge fell on Monday. Their spokesman said more attacks would come.",
        [("The rebels", "S1", "armed_group"), ("Their spokesman", "S2", "armed_group")],
    ),
    "a role owned by a person's pronoun is not the person's type": (
        "Mayor Ana Ruiz said the bridge was safe. Her lawyer said the suit was baseless.",
        [("Mayor Ana Ruiz", "S1", "government"), ("Her lawyer", "S2", "organization")],
    ),
    "a profession employed by a public body speaks for it": (
        "County engineer Rosa Dalton said the cracks were old. "
        "Sam Ortiz, an engineer at Kelm University, said the steel was weak.",
        [("County engineer Rosa Dalton", "S1", "government"), ("Sam Ortiz", "S2", "expert")],
    ),
    "a description before a participle (named ...) is typed by its head": (
        "Several commuters said the detour was slow. One of them, a bus driver named Ivo Hruska, said the bridge had shaken.",
        [("Several commuters", "S1", "witness"), ("One of them", "S2", "witness")],
    ),
    "a bare description named by an earlier name ending in its head": (
        "Millions of Dorra Bank customers could not pay on Tuesday, the bank said. Dorra said the fault was fixed.",
        [("the bank", "S1", "organization"), ("Dorra", "S1", "organization")],
    ),
    "a surname takes the title of its fuller form, and the title joins it": (
        "Investigators questioned an aide to Senator Ada Kell. Kell said she knew nothing. "
        "The senator said she would cooperate.",
        [("Kell", "S1", "government"), ("The senator", "S1", "government")],
    ),
    "an apposition types a body its name ending types weakly": (
        "The Markets Conduct Board, the country's banking regulator, said it had opened an inquiry. "
        "The regulator said banks must report outages.",
        [("The Markets Conduct Board", "S1", "government"), ("The regulator", "S1", "government")],
    ),
    "a role beats a noun of no other role": (
        "One resident, Aisha Kone, a 34-year-old mother of five, said her family had eaten one meal a day.",
        [("One resident", "S1", "witness")],
    ),
    "a named board is public, and its director speaks for it": (
        "The Orlin Valley Irrigation Board said deliveries would be cut. "
        "The director of the board, Anton Pera, said the reservoirs were low.",
        [("The Orlin Valley Irrigation Board", "S1", "government"), ("The director of the board", "S2", "government")],
    ),
    "a witness by occupation": (
        "A 41-year-old taxi driver said the bridge had shaken for a minute.",
        [("A 41-year-old taxi driver", "S1", "witness")],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_source_type_and_entity(name):
    text, expected = CASES[name]
    result = extract(text)
    got = [(claim.source.text, claim.source.entity, claim.source.type) for claim in result.claims if claim.source]
    assert got == expected
