"""Decks in and out of Recall: Anki, Quizlet/CSV and Moodle (GIFT and XML).

The format modules (``apkg``, ``gift``, ``moodle_xml``, ``tabular``) are plain
Python on the dataclasses of ``cards``; only ``decks`` and ``services`` know
about Django models.
"""
