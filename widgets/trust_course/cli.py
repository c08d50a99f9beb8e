"""The `trust-course` command."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import content, journal, notebooks, workshop
from .feedback import evaluate


def _check(args) -> int:
    root = Path(args.root)
    _, problems = content.check_course(Path(args.exercises), root / "notebooks")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"trust-course check: {len(problems)} problem(s)")
    return 1 if problems else 0


def _score_reflection(args) -> int:
    prompts = {i: ex for i, ex in content.course().exercises.items() if ex["kind"] == "reflection"}
    if args.prompt_id not in prompts:
        print(f"unknown reflection prompt '{args.prompt_id}'. Known prompts: {', '.join(sorted(prompts))}", file=sys.stderr)
        return 2
    result = evaluate(prompts[args.prompt_id], sys.stdin.read())
    print(json.dumps({k: result[k] for k in ("prompt", "criteria", "met", "of", "hints")}, ensure_ascii=False))
    return 0


def chapter_page(root: Path, chapter_id: str) -> str:
    return next((root / "book").glob(f"{chapter_id}-*.md")).stem


def _notebooks(args) -> int:
    root = Path(args.root)
    stale = []
    wanted = {root / "notebooks" / f"{ch['chapter']}.ipynb": notebooks.render(ch, chapter_page(root, ch["chapter"]))
              for ch in content.course().chapters}
    wanted[root / "notebooks" / "overview.ipynb"] = notebooks.overview_notebook()
    for path, text in wanted.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path}")
    return 1 if args.check and stale else 0


def course_stats() -> dict:
    """Counts a writer or facilitator wants: chapters, items per tactic, look-alike share."""
    exercises = list(content.course().exercises.values())
    quizzes = [e for e in exercises if e["kind"] == "quiz"]
    per_tactic: dict[str, int] = {}
    for quiz in quizzes:
        per_tactic[quiz["tactic"]] = per_tactic.get(quiz["tactic"], 0) + 1
    gentle = sum(next(o["kind"] for o in q["options"] if o["correct"]) != "tactic" for q in quizzes)
    return {
        "chapters": len(content.course().chapters),
        "scenario_items": len(quizzes),
        "scenario_items_per_tactic": dict(sorted(per_tactic.items())),
        "share_look_alike_or_not_enough_information": round(gentle / len(quizzes), 3),
        "checklists": sum(e["kind"] == "checklist" for e in exercises),
        "reflection_prompts": sum(e["kind"] == "reflection" for e in exercises),
    }


def _stats(args) -> int:
    stats = course_stats()
    if args.json:
        print(json.dumps(stats, indent=1))
    else:
        for key, value in stats.items():
            print(f"{key.replace('_', ' ')}: {value}")
    return 0


def _journal(args) -> int:
    folder = Path(args.notebooks)
    if args.action == "export":
        print(f"wrote {journal.export(folder, Path(args.out))}: it includes your private reflections, so keep it safe.")
        return 0
    if not args.yes:
        answer = input(f"Delete all saved answers in {folder} and all private reflections? Type 'delete' to confirm: ")
        if answer.strip().lower() != "delete":
            print("Nothing was deleted.")
            return 1
    removed = journal.delete(folder)
    print(f"Deleted {len(removed)} file(s)." if removed else "There was nothing to delete.")
    return 0


def _workshop(args) -> int:
    root = Path(args.dir)
    if args.action == "init":
        known = [ch["chapter"] for ch in content.course().chapters]
        unknown = [c for c in args.chapters or [] if c not in known]
        if unknown:
            print(f"unknown chapter(s) {', '.join(unknown)}. Known chapters: {', '.join(known)}", file=sys.stderr)
            return 2
        written = workshop.init_course(root, args.chapters or None)
        for path in written:
            print(f"wrote {path}")
        print(f"wrote {root / 'nbgrader_config.py'}; next: cd {root} && nbgrader generate_assignment {written[0].stem}")
    elif args.action == "grade":
        graded = workshop.grade(root, args.assignment, args.jobs)
        print(f"autograded {len(graded)} submission(s) of {args.assignment} with {args.jobs} process(es)")
    else:
        print(workshop.report(root))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trust-course", description=__doc__)
    parser.add_argument("--root", default=".", help="the course repository (default: here)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate all exercise YAML and the ids notebooks name")
    check.add_argument("--exercises", default=str(content.EXERCISES_DIR), help="folder of chapter YAML files")
    check.set_defaults(run=_check)
    score = sub.add_parser("score-reflection", help="feedback on a reflection read from standard input, as JSON")
    score.add_argument("prompt_id")
    score.set_defaults(run=_score_reflection)
    nbs = sub.add_parser("notebooks", help="generate the exercise notebooks from the YAML")
    nbs.add_argument("--check", action="store_true", help="only report notebooks that are out of date")
    nbs.set_defaults(run=_notebooks)
    stats = sub.add_parser("stats", help="counts of chapters and exercises")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(run=_stats)
    jour = sub.add_parser("journal", help="export or delete everything you saved, private reflections included")
    jour.add_argument("action", choices=["export", "delete"])
    jour.add_argument("--notebooks", default="notebooks", help="folder holding the answers files (default: notebooks)")
    jour.add_argument("--out", default="my-trust-course-journal.md", help="Markdown file to write (export)")
    jour.add_argument("--yes", action="store_true", help="delete without asking")
    jour.set_defaults(run=_journal)
    shop = sub.add_parser("workshop", help="set up, grade and summarise an nbgrader workshop")
    shop_sub = shop.add_subparsers(dest="action", required=True)
    init = shop_sub.add_parser("init", help="write an nbgrader course: config and one assignment per chapter")
    init.add_argument("dir")
    init.add_argument("--chapters", nargs="*", help="chapter ids, e.g. ch01 ch02 (default: all)")
    grade = shop_sub.add_parser("grade", help="autograde an assignment with several processes")
    grade.add_argument("dir")
    grade.add_argument("assignment")
    grade.add_argument("--jobs", type=int, default=2, help="autograding processes (default 2)")
    rep = shop_sub.add_parser("report", help="cohort completion and quiz option shares, as a table and CSV")
    rep.add_argument("dir")
    shop.set_defaults(run=_workshop)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
