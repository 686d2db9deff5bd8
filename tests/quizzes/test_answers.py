"""Lenient answer checking: forgive spelling, never a wrong fact."""

import pytest

from quizzes.answers import Match, check_answer, normalize

RIGHT = Match(correct=True)
CLOSE = Match(correct=True, close=True)
WRONG = Match(correct=False)


@pytest.mark.parametrize(
    ("given", "answer", "accepted", "kind", "tolerance", "expected"),
    [
        # case, punctuation, whitespace
        ("chiang kai-shek", "Chiang Kai-shek", [], "text", 0, RIGHT),
        ("CHIANG KAI SHEK", "Chiang Kai-shek", [], "text", 0, RIGHT),
        ("chiang kaishek", "Chiang Kai-shek", [], "text", 0, RIGHT),
        ("Chiang–Kai–shek!", "Chiang Kai-shek", [], "text", 0, RIGHT),
        ("  the   long march. ", "The Long March", [], "text", 0, RIGHT),
        ("O'Brien", "OBrien", [], "text", 0, RIGHT),
        ("u.s.a.", "USA", [], "text", 0, RIGHT),
        # accents and other scripts
        ("Petain", "Pétain", [], "text", 0, RIGHT),
        ("pétain", "Petain", [], "text", 0, RIGHT),
        ("Curaçao", "curacao", [], "text", 0, RIGHT),
        ("Straße", "strasse", [], "text", 0, RIGHT),
        ("毛福梅", "毛福梅", [], "text", 0, RIGHT),
        ("毛福", "毛福梅", [], "text", 0, WRONG),
        ("毛福林", "毛福梅", [], "text", 0, WRONG),
        ("ｍａｏ", "Mao", [], "text", 0, RIGHT),  # full-width letters
        # articles and "&"
        ("Long March", "The Long March", [], "text", 0, RIGHT),
        ("the Treaty of Versailles", "Treaty of Versailles", [], "text", 0, RIGHT),
        ("an armistice", "Armistice", [], "text", 0, RIGHT),
        ("Marks and Spencer", "Marks & Spencer", [], "text", 0, RIGHT),
        # aliases
        ("Jiang Jieshi", "Chiang Kai-shek", ["Jiang Jieshi"], "text", 0, RIGHT),
        ("jiang jeishi", "Chiang Kai-shek", ["Jiang Jieshi"], "text", 0, CLOSE),
        ("Mao", "Mao Zedong", ["Mao Tse-tung"], "text", 0, WRONG),
        # typos: none for short answers, one for 5-8 letters, more for longer ones
        ("Mao", "Mai", [], "text", 0, WRONG),
        ("Maoo", "Mao", [], "text", 0, WRONG),
        ("Nankin", "Nanjing", [], "text", 0, WRONG),
        ("Nanjng", "Nanjing", [], "text", 0, CLOSE),
        ("Versailes", "Versailles", [], "text", 0, CLOSE),
        ("Chang Kai-shek", "Chiang Kai-shek", [], "text", 0, CLOSE),
        ("Chang Ki-shek", "Chiang Kai-shek", [], "text", 0, CLOSE),
        ("Chung King-shek", "Chiang Kai-shek", [], "text", 0, WRONG),
        ("Stalingrad", "Leningrad", [], "text", 0, WRONG),
        ("Nagasaki", "Hiroshima", [], "text", 0, WRONG),
        # digits inside text answers are facts, not spelling
        ("10 July 1937", "10 July 1937", [], "text", 0, RIGHT),
        ("10 july 1938", "10 July 1937", [], "text", 0, WRONG),
        ("11 July 1937", "10 July 1937", [], "text", 0, WRONG),
        ("10 Jully 1937", "10 July 1937", [], "text", 0, CLOSE),
        ("1937", "10 July 1937", ["1937"], "text", 0, RIGHT),
        ("in 1937", "10 July 1937", ["1937"], "text", 0, RIGHT),
        ("1937", "10 July 1937", [], "text", 0, WRONG),
        ("1938", "10 July 1937", ["1937"], "text", 0, WRONG),
        ("Louis 16", "Louis XVI", ["Louis 16"], "text", 0, RIGHT),
        ("Louis 15", "Louis XVI", ["Louis 16"], "text", 0, WRONG),
        # years
        ("1937", "1937", [], "year", 0, RIGHT),
        ("in 1937", "1937", [], "year", 0, RIGHT),
        ("1937 AD", "1937", [], "year", 0, RIGHT),
        ("１９３７", "1937", [], "year", 0, RIGHT),
        ("1938", "1937", [], "year", 0, WRONG),
        ("1936", "1937", [], "year", 0, WRONG),
        ("1937 BC", "1937", [], "year", 0, WRONG),
        ("1930s", "1930", [], "year", 0, WRONG),
        ("1936 or 1937", "1937", [], "year", 0, WRONG),
        ("19370", "1937", [], "year", 0, WRONG),
        ("nineteen thirty seven", "1937", [], "year", 0, WRONG),
        ("800", "800", [], "year", 0, RIGHT),
        ("1948", "1949", ["1948"], "year", 0, RIGHT),
        # numbers
        ("650,000", "650000", [], "number", 0, RIGHT),
        ("650 000", "650,000", [], "number", 0, RIGHT),
        ("650k", "650,000", [], "number", 0, RIGHT),
        ("about 650,000 people", "650,000", [], "number", 0, RIGHT),
        ("0.65 million", "650,000", [], "number", 0, RIGHT),
        ("3 million", "3,000,000", [], "number", 0, RIGHT),
        ("3m", "3,000,000", [], "number", 0, RIGHT),
        ("three million", "3,000,000", [], "number", 0, RIGHT),
        ("three", "3", [], "number", 0, RIGHT),
        ("Three", "3", [], "number", 0, RIGHT),
        ("twenty-one", "21", [], "number", 0, RIGHT),
        ("one hundred and five", "105", [], "number", 0, RIGHT),
        ("two thousand five hundred", "2,500", [], "number", 0, RIGHT),
        ("a million", "1000000", [], "number", 0, RIGHT),
        ("four", "3", [], "number", 0, WRONG),
        ("640,000", "650,000", [], "number", 0, WRONG),
        ("640,000", "650,000", [], "number", 0.05, RIGHT),
        ("600,000", "650,000", [], "number", 0.05, WRONG),
        ("700k", "650,000", [], "number", 0.1, RIGHT),
        ("between 600,000 and 700,000", "650,000", [], "number", 0.1, WRONG),
        ("lots", "650,000", [], "number", 0.1, WRONG),
        ("3", "three", [], "number", 0, RIGHT),
        # empty answers are never right
        ("", "Chiang Kai-shek", [], "text", 0, WRONG),
        ("   ", "1937", [], "year", 0, WRONG),
        ("?!", "Chiang Kai-shek", [], "text", 0, WRONG),
        ("", "3", [], "number", 0.5, WRONG),
    ],
)
def test_check_answer(given, answer, accepted, kind, tolerance, expected):
    assert check_answer(given, answer, accepted, kind=kind, tolerance=tolerance) == expected


def test_defaults_and_tuple_aliases():
    assert check_answer("Jiang Jieshi", "Chiang Kai-shek", ("Jiang Jieshi",)).correct
    assert check_answer("Chiang Kai-shek", "Chiang Kai-shek").correct


def test_numeric_aliases_from_json():
    assert check_answer("1937", "10 July 1937", [1937]).correct
    assert check_answer("1937", "1936", [1937, None], kind="year").correct


def test_unparseable_number_answer_falls_back_to_text():
    assert check_answer("several thousand", "several thousand", kind="number").correct


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("  The Long   March ", "long march"),
        ("Chiang Kai-shek", "chiang kaishek"),
        ("Chiang Kai—shek", "chiang kaishek"),
        ("Pétain", "petain"),
        ("Nguyễn Ái Quốc", "nguyen ai quoc"),
        ("毛福梅", "毛福梅"),
        ("がっこう", "がっこう"),  # the voicing mark is part of the kana, not an accent
        ("한국", "한국"),
        ("Mao & Zhou", "mao and zhou"),
        ("1937–1945", "1937 1945"),
        ("650,000", "650000"),
        ("A", "a"),  # a lone letter is an answer (a choice), not an article
        ("An Lushan", "lushan"),
        ("Athens", "athens"),
        ("(Battle of) Shanghai?", "battle of shanghai"),
        ("Kai\u00adshek\u200b", "kaishek"),
        ("", ""),
    ],
)
def test_normalize(text, normalized):
    assert normalize(text) == normalized


def test_normalize_keeps_choice_options_distinct():
    options = ["A", "B", "The Qing", "Qing dynasty"]
    assert len({normalize(o) for o in options}) == len(options)
