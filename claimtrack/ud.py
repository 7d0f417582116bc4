"""Universal Dependencies tag sets the stages read, named once.

The parse (:mod:`claimtrack.document`) carries UD's part-of-speech tags
(``upos``) and relations (``deprel``); these are the groups of them that a
construction needs, in one place, so that no module spells its own. Words
are never listed here: they live in ``rules/*.yaml``.
"""

from __future__ import annotations

__all__ = [
    "APOSTROPHES", "CANDIDATE_RELATIONS", "CLAUSE_CUT", "DETERMINERS", "FINITE_OR_PARTICIPLE_XPOS", "FINITE_XPOS", "HYPHEN_XPOS", "MENTION_LEAD",
    "NOMINALS", "NOMINALS_AND_NUMBERS", "NOUNS", "NOUN_PHRASE_TAGS", "NP_SKIP", "NP_WORDS", "PARTICIPLE_XPOS",
    "POSSESSIVE_XPOS",
    "PUNCT_OR_CONJUNCTION", "QUOTE_XPOS", "SUBJECTS", "TENSED_XPOS", "VERBS",
]

# Part-of-speech groups.
NOUNS = ("NOUN", "PROPN")  # a common or proper noun
VERBS = ("VERB", "AUX")  # a verb or an auxiliary
NOMINALS = ("NOUN", "PROPN", "PRON")  # what can head a source mention
NOMINALS_AND_NUMBERS = ("NOUN", "PROPN", "PRON", "NUM")
NP_WORDS = ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON")  # the words of a plain noun phrase
# what may stand between a quotation and its cue as the speaker's noun phrase
NOUN_PHRASE_TAGS = ("DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM", "ADP", "PART", "CCONJ")

# More part-of-speech groups.
PUNCT_OR_CONJUNCTION = ("PUNCT", "CCONJ")  # what may stand between two clauses
DETERMINERS = ("PRON", "DET")  # a determiner, or a pronoun standing as one
MENTION_LEAD = ("PRON", "PROPN", "NOUN", "DET", "ADJ")  # the words of a subject before a parenthetical cue
FINITE_XPOS = ("VBD", "VBZ", "VBP")  # Penn tags of a finite verb (past, present)
TENSED_XPOS = (*FINITE_XPOS, "MD")  # a finite verb or a modal
FINITE_OR_PARTICIPLE_XPOS = ("VBD", "VBZ", "VBP", "VBN")
PARTICIPLE_XPOS = ("VBN", "VBG")  # Penn tags of a participle (past, present)
POSSESSIVE_XPOS = "POS"  # the possessive ending ('s, ', their curly forms)
APOSTROPHES = ("'", "\u2019")  # straight and curly: the possessive ending of a plural ('the rebels' statement')
QUOTE_XPOS = ("``", "''")  # an opening or closing quotation mark, whatever its form
HYPHEN_XPOS = "HYPH"

# Relation groups.
SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
CLAUSE_CUT = ("conj", "cc", "punct", "parataxis", "nsubj", "aux", "mark")  # where a reported clause's subtree is cut
NP_SKIP = ("acl:relcl", "parataxis", "punct", "advcl", "dep", "obl:tmod", "nmod:tmod")  # not part of a mention
# the relations of a pronoun's antecedent candidates
CANDIDATE_RELATIONS = ("nsubj", "obj", "iobj", "obl", "nmod", "appos", "conj", "root")
