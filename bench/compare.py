"""Each page at L against its S figure: bench/results/scale_L.md.

    python bench/compare.py [--small S] [--large L]

Reads study_loop_<scale>.json and teacher_<scale>.json for both scales and
compares each page's p50 as a multiple of the trivial view measured in the
same run (so the two runs' machine load cancels out); raw milliseconds are
shown too. Targets (issue 17): L within 1.3x of S; teacher pages within 5x
the trivial view, study requests within 3x, the dashboard within 5x.
No Django: it only reads the results files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

STUDY_STEPS = ("GET next card", "POST answer", "POST rate")


def _pages(scale: str) -> dict[str, tuple[float, float, float]]:
    """page -> (p50 ms, × baseline, target ×) for one scale's results."""
    pages = {}
    study = json.loads((common.RESULTS / f"study_loop_{scale}.json").read_text())
    for who, data in study["students"].items():
        for step in STUDY_STEPS:
            pages[f"study {who}: {step}"] = (data[step]["p50_ms"], data[step]["ratio_p50"], 3)
        if "dashboard" in data:
            d = data["dashboard"]
            pages[f"dashboard ({who})"] = (d["p50_ms"], d["ratio_p50"], 5)
    teacher = json.loads((common.RESULTS / f"teacher_{scale}.json").read_text())
    for name, data in teacher["pages"].items():
        if not name.startswith("baseline"):
            pages[name] = (data["p50_ms"], data["ratio_p50"], 5)
    return pages


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--small", default="S")
    p.add_argument("--large", default="L")
    args = p.parse_args(argv)
    small, large = _pages(args.small), _pages(args.large)
    rows, payload = [], {}
    for name, (l_ms, l_ratio, target) in large.items():
        s_ms, s_ratio, _ = small.get(name, (None, None, target))
        growth = l_ratio / s_ratio if s_ratio else None
        ok_growth = common.verdict(growth, 1.3) if growth is not None else "–"
        rows.append(
            [
                name,
                s_ratio if s_ratio is not None else "–",
                l_ratio,
                round(growth, 2) if growth is not None else "–",
                round(l_ms / s_ms, 2) if s_ms else "–",
                f"≤{target}× {common.verdict(l_ratio, target)}",
                f"≤1.3× {ok_growth}",
            ]
        )
        payload[name] = {
            "S_ratio": s_ratio,
            "L_ratio": l_ratio,
            "S_p50_ms": s_ms,
            "L_p50_ms": l_ms,
            "L_over_S_normalised": round(growth, 3) if growth is not None else None,
            "target_ratio": target,
        }
    table = common.md_table(
        [
            "page",
            f"{args.small} × trivial",
            f"{args.large} × trivial",
            f"{args.large}/{args.small} (normalised)",
            f"{args.large}/{args.small} (raw ms)",
            "target vs trivial",
            "target L/S",
        ],
        rows,
    )
    notes = (
        "Each figure is a p50 as a multiple of the trivial logged-in view measured in the same "
        "run; L/S (normalised) divides those, L/S (raw ms) divides the milliseconds of two runs "
        "(sensitive to the shared machine's load). Sources: study_loop_*.json, teacher_*.json."
    )
    common.write_results(
        f"scale_{args.large}",
        f"Scale {args.large} against scale {args.small}",
        table,
        {"pages": payload},
        notes,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
