"""The word lists and patterns behind :mod:`content.generation.vetoes`.

General English (connectives, pronouns, wh-words, the shapes of trivia), never a
document's vocabulary; each comment says what failure a pattern stands for.
"""

from __future__ import annotations

import re

MAX_PROMPT_CHARS = 200
TOKEN = re.compile(r"[\w'’.-]+|[^\w\s]")
CONNECTIVE = re.compile(
    r"^(?:in addition|additionally|also|however|moreover|furthermore|meanwhile|thus|"
    r"therefore|instead|later|afterwards|exactly|similarly|nevertheless|nonetheless|"
    r"among other things|as a result|in turn|by then|at the same time|then|still|yet|"
    r"hence|consequently|likewise|otherwise|subsequently|soon|eventually|finally|"
    r"in particular|for example|for instance|indeed|overall|again|both|such|other|"
    r"as a consequence|in response|in return|that is|as such|in the end|by contrast|"
    r"on the other hand|in this way|to this end|for this reason|for this|shortly after\w*|"
    r"soon after\w*|a (?:second|third|fourth|fifth)\b|another\b|"
    r"there(?!\s+(?:was|were|is|are|had|have|has|came|followed|began)\b)|"
    r"that (?:autumn|spring|summer|winter|year|month|morning|afternoon|evening|"
    r"night|day|week)|(?:(?:less|more) than |only |just |some |about )?(?:a|an|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|a few|several|\d+) (?:days?|weeks?|months?|years?|"
    r"decades?) (?:later|afterwards|earlier)|(?:on |in |at |during )?the same (?:year|month|"
    r"days?|week|time|night|morning|evening)|the (?:next|following) "
    r"(?:day|week|month|year))\b",
    re.IGNORECASE,
)
# "Eck, however, was determined …": the sentence answers one before it.
INNER_CONNECTIVE = re.compile(
    r",\s*(?:however|therefore|though|thus|nevertheless|nonetheless|in turn|as a result|"
    r"moreover|furthermore|consequently|in response|for example|for instance|instead),"
    r"|\b(?:meanwhile|afterwards|thereafter)\b|\b[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)* then [a-z]+ed\b",
    re.IGNORECASE,
)
# Words that end a noun phrase after "the": prepositions, relatives, verbs' helpers.
PHRASE_END = frozenset(
    "of in for to at on by with from that which who whom whose and or but as than during "
    "after before into over under between against about since until through is was were "
    "are be been has had have did does do when where while a an the its their his her".split()
)
ANCHORING_PREPOSITIONS = frozenset(
    "of in for from to between against at on with by under over".split()
)
# Definite heads that need no antecedent: "the world", "the 19th century".
SELF_EXPLANATORY = frozenset("world century past present future end beginning same way "
                             "stake people rich poor presence public".split())
# "paved the way", "burned at the stake", "shared among the people", "in the presence of"
DEMONSTRATIVES = frozenset({"this", "these", "those", "it", "they", "them"})
PERSONAL = frozenset({"he", "him", "his", "she", "her", "its", "their"})
WH_WORDS = frozenset("who whom whose what which when where how".split())
# "After losing which battle, X knew …": a wh-phrase in a fronted clause needs
# the main clause inverted ("…, did X know"); without it the question is broken.
FRONTED_WH = re.compile(
    r"^[^,]*\b(?:which|what|whom|whose)\b[^,]*,\s*(?!(?:did|does|do|was|were|is|are|had|has|"
    r"have|could|would|should|can|will)\b)",
    re.IGNORECASE,
)
# "By which treaty in 1866 the league was dissolved?": a fronted phrase needs the verb
# turned round after it ("By which treaty was the league dissolved?").
PREP_WH_UNINVERTED = re.compile(
    r"^(?:By|In|At|On|After|Before|During|Under|With|From|For|Through|Against|Into|Over|To|"
    r"Following|Despite|Since|Until|Near|Within) (?:which|what|whom|whose)\b"
    r"(?![^?]*\b(?:did|does|do|was|were|is|are|had|has|have|could|would|should|can|will)\s+"
    r"(?:the|a|an|its|his|her|their|[A-Z0-9]))"
)
# When or with whom a photograph was taken is a detail of the photograph.
PHOTO_DETAIL = re.compile(r"\bpictured\b|\bphotograph (?:was )?taken\b", re.IGNORECASE)
ABOUT_A_PICTURE = re.compile(r"\bphotograph\b|\bpicture\b", re.IGNORECASE)
# A person may have several sons, sisters or cousins; one answer is a guess.
MANY_KIN = re.compile(
    r"^Who (?:was|were|is) (?:the|a|an) (?:son|daughter|child|brother|sister|nephew|niece|"
    r"cousin|grandson|granddaughter|grandchild|member)s? of\b"
    # "Whose brother was X?": X is the brother of each of his siblings.
    r"|^Whose (?:brother|sister|sibling|cousin)s? (?:was|were|is)\b"
)
# Coming, going, living and dying somewhere fit countless people.
MANY_FIT = re.compile(
    r"^(?:Who (?:came|moved|lived|died|went|returned|travell?ed|settled|stayed)\b|"
    r"Where did .+ (?:live|move|go|die|settle|stay|travel)\?$)"
)
# A predicate that says what someone felt or how much they did something fits
# many people and no one moment: "Who was determined to …", "Who knew that …".
VAGUE_PREDICATE = re.compile(
    r"^(?:Who|Whom|What|When|Where|In what year)\b.*?\b(?:(?:was|were) determined|knew|"
    r"agreed|hoped|wanted|(?:deal|dealt|deals)(?: \w+ly)? with)\b"
)
# "… in the bull X as a consequence?": the consequence of something not shown.
DANGLING_END = re.compile(
    r"(?:,?\s(?:as a (?:consequence|result)|in (?:response|return|turn)|instead|"
    r"too|again|as well|therefore|then|also))[.?]$"
    r"|,\s*(?:which|who)\s+\w+[.?]$",  # "…, which lasted?": a relative clause cut short
    re.IGNORECASE,
)
# "What is a famous monument …?": one of many, with nothing to single it out.
INDEFINITE = re.compile(r"^(?:What|Who|Which) (?:is|was|are|were) (?:a|an|one of)\b")
# Results, records and rankings of sport; estimates; the hour of the day.
SPORT = re.compile(
    r"\b(?:marathon|world record|record holder|world cup|olympics?|olympic games|"
    r"championships?|medals?|athletes?|cricket|football|rugby|tournament|"
    r"\d+m\b|\d+(?:st|nd|rd|th) out of)\b",
    re.IGNORECASE,
)
# "____ agreed that …": agreed with whom? The blank's verb needs a sentence before it.
VAGUE_BLANK = re.compile(r"^_{3,}\s(?:agreed|knew|hoped|wanted|(?:was|were) determined)\b")
# A plan or target is not yet history: "X aims to build a plant by 2019".
PLAN = re.compile(r"\b(?:aims?|plans?|planned|intends?|hopes?) to\b|\bis expected to\b|"
                   r"\btargets?\b", re.IGNORECASE)
# The mother or wife of someone the document only mentions is genealogy, not history.
KIN_OF = re.compile(r"^Who (?:was|were|is) the (?:mother|father|wife|husband|parents?|"
                     r"grandmother|grandfather|spouse) of (.+?)\?$")
# A person's ailments are a biography's detail, not the history it teaches.
AILMENT = re.compile(r"\bsuffer(?:ed|s|ing)? from\b", re.IGNORECASE)
ESTIMATE = re.compile(r"\bestimat\w*", re.IGNORECASE)
CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|o'clock)", re.IGNORECASE)
# The answer itself needs the sentence it came from: "the nation's residents".
CONTEXT_ANSWER = re.compile(r"\bthe (?:nation|country|state|region|area|city|government)\b",
                             re.IGNORECASE)
CAPTION_TAIL = re.compile(r",\s*(?:(?:[A-Z][a-z]+\s)?\d{4}|_{3,})[.?]?$")
# "When did the Hundred Days' Reform of take place?": a name cut off before its end.
CUT_NAME = re.compile(
    r"\b(?:of|in|at|on|by|for|with|from|to|the|and)\s+take place\b|"
    r"\b(?:of|in|at|on|by|for|with|from|to)\s+(?:begin|end|start|happen|occur)\b|"
    r"\b(?:of|the|and|in|at)\s*[?.]$|,\s*c(?:a)?\.\s+(?:take place|begin|end)\b"
)
# "?." or '."."' or a regnal number's full stop inside a sentence: "Elizabeth I. in".
STRAY_STOP = re.compile(
    r"\?\s*\.$|\.\s*\?$|\.[\"”]\.|(?<!\.)\.\.(?!\.)|\b[IVX]+\.(?=\s*[?,]|\s+[a-z])"
)
# "the war", "the city" with no name after them: which war? (Capitalised heads such as
# "the Congress" are names to the other checks; these are the common nouns.)
GENERIC_THE = re.compile(
    r"\b[Tt]he (?:war|city|fortress|town|treaty|battle|siege|defeat|victory|army|fleet|"
    r"rebellion|revolution|uprising|conflict|campaign|capital|country|kingdom|empire|king|"
    r"queen|emperor|regime|government|movement|conference|congress|council|assembly|"
    r"invasion|occupation|offensive|expedition|crisis|dispute|compromise|revolt|"
    r"alliance|league|peace|truce|ceasefire|republic|dynasty|mission|raid|massacre|"
    r"negotiations|talks|election|strike|protest|reform|reforms)\b"
    r"(?!\s+(?:of|at|in|between|against|with|on)\s+(?:the\s+)?[A-Z])(?!\s+[A-Z0-9])"
)
# "When did the tribal army invade?": a verb that needs its object, asked without it.
OBJECTLESS = re.compile(
    r"^When did .+ (?:attack|invade|capture|besiege|defeat|sign|declare|occupy|seize|"
    r"annex|conquer|storm|take|enter|reach|cross|sack|raid|join|leave|found|build|"
    r"establish|abolish|ratify|proclaim|crown|elect|appoint|depose|execute|ban|publish|"
    r"introduce|launch|win|lose|surrender|cede|recognise|recognize|declare war)\?$"
)
# "Philip II responded by sending …", "Russia did not reply": a response to something the
# question never says (blind judges failed every one of them).
RESPONSE = re.compile(
    r"\b(?:responded|reacted|retaliated|replied)\s+(?:by|with)\b|\b(?:did not|never|refused "
    r"to)\s+(?:reply|respond|answer|react)\b|\b(?:replied|responded|reacted)\s*(?:[,.;?]|and\b)",
    re.IGNORECASE,
)
# "War resumed in 1621", "Negotiations opened in London": which war, which talks? A bare
# noun for a happening as the subject leans on the sentence before.
BARE_HAPPENING_SUBJECT = re.compile(
    r"^(?:war|peace|fighting|negotiations|talks|trade|revolt|rebellion|rioting|violence|unrest|"
    r"discontent|opposition|resistance|order|control)\s+(?:[a-z]+ed|broke|began|begun|grew|"
    r"spread|resumed|continued|opened|ended|came|went|was|were|had|fell|rose|lasted)\b",
    re.IGNORECASE,
)
# "the 800th anniversary", "a memorial built in 1957", "sold at auction in 2007": what later
# ages did with the history, which judges call trivia.
COMMEMORATION = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)\s+)?anniversary\b|\bmemorial\s+(?:to|in|at)\b|\bauction\b|"
    r"\bcommemorat\w+|\b(?:bi|ter|quater)?centenary\b|\bexhibition\b",
    re.IGNORECASE,
)
# "the town of Gettysburg, ____", "in Little Rock, ____": the region of a named town is
# given away by the town (judges: "just as Taipei, ____ gives away Taiwan").
TOWN_THEN_BLANK = re.compile(
    r"\b(?:in|at|near|of|from|to|outside)\s+(?:the\s+(?:town|city|village|port)\s+of\s+)?"
    r"(?:[A-Z][\w'’.-]+\s+){0,2}[A-Z][\w'’.-]+,\s+_{3,}")
# "Sophie, Duchess of ____": the territory in a noble's title is a detail of the name.
NOBLE_TITLE_BLANK = re.compile(r"\b(?:Duke|Duchess|Earl|Count|Countess|Baron|Baroness|Marquess|"
                               r"Marquis|Viscount)s? of _{3,}")
# "published on ____, two days after independence", "Between 1232 and ____": a date blank
# that the words around it pin down.
RELATIVE_DATE = re.compile(
    r"\b(?:\w+|a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:days?|weeks?|months?|years?|decades?)\s+(?:after|before|later|earlier)\b"
    # "outlived the Armada by ten years", "survived him by a decade"
    r"|\b(?:outlived|survived|predeceased)\b[^.?]*\bby\s+(?:\w+|a|\d+)\s+"
    r"(?:days?|weeks?|months?|years?|decades?)\b",
    re.IGNORECASE,
)
# "Between 1232 and ____", "in ____ and 1922": the other year of the pair narrows the blank
# to one or two guesses (the start of a long span, "from ____ to 1923", is no such hint).
BETWEEN_BLANK = re.compile(
    r"\b(?:between|from)\s+\d{3,4}\s+(?:and|to|until)\s+_{3,}"
    r"|_{3,}\s+(?:and|or)\s+\d{3,4}\b|\b\d{1,4}\s+(?:and|or|to|–|-)\s*_{3,}",
    re.IGNORECASE,
)
# "Who was the King in March 1848?": of which kingdom? (The Pope is one.)
OFFICE_WITHOUT_REALM = re.compile(
    r"\bthe (?:(?:first|last|second|third|new|next|former) )?"
    r"(?:King|Queen|Emperor|Empress|President|Prime Minister|Chancellor|Tsar|Czar|"
    r"Shah|Sultan|Khan|Kaiser|Governor|Viceroy|Premier)\b(?!\s+of\b)(?!\s+[A-Z])"
)
# "Edgar Ætheling: young relative of Edward the Confessor …": a handout's list of key
# people or terms, a label and its gloss, not a sentence.
GLOSSARY_ENTRY = re.compile(r"^[A-Z][\w .,'’()-]{1,60}:\s+\S")


# Nouns for a person's role that the agent suffixes below miss; generic English.
PERSON_NOUNS = frozenset("""king queen emperor empress pope prince princess duke duchess earl
count countess lord lady sultan shah tsar czar khan caliph pharaoh chief general admiral marshal
president premier mp diplomat rebel monk nun priest bishop archbishop saint poet artist scientist
engineer inventor explorer soldier officer commander relative son daughter wife husband brother
sister mother father heir ruler regent governor viceroy merchant philosopher activist
suffragette suffragist journalist author physician doctor statesman politician tyrant warlord
pharaoh consul senator noble nobleman knight samurai shogun guru prophet missionary
revolutionary radical""".split())
_AGENT = re.compile(r"(?:er|or|ist|ian|ess|ant|ent|man|woman)s?$")
_NOT_AGENTS = frozenset("water paper order power number member corner border center centre "
                        "chapter winter silver matter letter manner theatre theater "
                        "document settlement movement government parliament agreement "
                        "event ment".split())
# What a name may follow as its apposition: "the river Varn", "the fortress of …".
PLACE_NOUNS = frozenset("river city town village island fort fortress castle port harbour "
                        "harbor province region county state mountain lake sea ship abbey "
                        "monastery church cathedral palace".split())


def role_noun(word: str) -> bool:
    """A person's role ("king", "chancellor", "reformer"): the noun a name may follow in
    apposition ("the monk Stephen", "German chancellor who …")."""
    head = word.casefold().strip(".'’")
    if head in PERSON_NOUNS:
        return True
    return bool(_AGENT.search(head)) and head not in _NOT_AGENTS
