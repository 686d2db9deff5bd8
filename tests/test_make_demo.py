"""The browser tests load the demo as `make demo` does."""

from pathlib import Path

from tests.browser.conftest import DEMO_MIN_SCORE


def test_the_browser_tests_publish_the_demo_drafts_at_the_makefiles_score():
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    assert f"DEMO_MIN_SCORE ?= {DEMO_MIN_SCORE}\n" in makefile
    assert "publish_drafts --all --min-score $(DEMO_MIN_SCORE)" in makefile
