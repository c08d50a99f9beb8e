"""The `trust-course` command. Every error is one line on standard error and a non-zero exit.

Each subcommand imports what it needs when it runs, so `--help` and `score-reflection` start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .content import BOOK_DIR, CourseError


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise CourseError(f"{message} (see '{self.prog} --help')")


def existing_folder(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise CourseError(f"{text} is not a folder")
    return path


def _check(args) -> int:
    from . import course_compiler, rules_compiler

    root = existing_folder(args.root)
    book = existing_folder(root / "book")
    courses, problems = course_compiler.build(book, existing_folder(root / "notebooks"))
    if courses:
        problems += rules_compiler.pattern_problems(courses["en"]["rules"])
        current = all(course_compiler.is_current(compiled, lang) for lang, compiled in courses.items())
        if book.resolve() == BOOK_DIR.resolve() and not current:
            problems.append(content_problem("compiled course", "is out of date: run `trust-course build`"))
        raw = rules_compiler.raw_pattern_criteria(courses["en"]["rules"])
        print(f"criteria with a raw pattern ({len(raw)}): {', '.join(raw) or 'none'}")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"trust-course check: {len(problems)} problem(s)")
    return 1 if problems else 0


def content_problem(where: str, message: str):
    from .content import Problem

    return Problem(where, "-", "(file)", message)


def _build(args) -> int:
    from . import course_compiler

    courses, problems = course_compiler.build(existing_folder(Path(args.root) / "book"))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        raise CourseError(f"{len(problems)} problem(s); nothing was written")
    for language, compiled in courses.items():
        changed = course_compiler.write(compiled, language)
        path = course_compiler.compiled_path(language)
        print(f"{'wrote' if changed else 'up to date:'} {path} (course {compiled['hash']})")
    return 0


def _score_reflection(args) -> int:
    from .content import course
    from .engine import evaluate

    prompts = {i: ex for i, ex in course().exercises.items() if ex["kind"] == "reflection"}
    if args.prompt_id not in prompts:
        raise CourseError(f"unknown reflection prompt '{args.prompt_id}'. Known prompts: {', '.join(sorted(prompts))}")
    keys = ("prompt", "criteria", "met", "of", "hints", "signpost")
    if args.jsonl is None:
        result = evaluate(prompts[args.prompt_id], sys.stdin.read())
        print(json.dumps({k: result[k] for k in keys}, ensure_ascii=False))
        return 0
    with open(args.jsonl, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                text = json.loads(line)["text"]
                if not isinstance(text, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                raise CourseError(f'{args.jsonl}, line {number}: expected a JSON object with a "text" string') from None
            result = evaluate(prompts[args.prompt_id], text)
            print(json.dumps({k: result[k] for k in keys}, ensure_ascii=False))
    return 0


def _notebooks(args) -> int:
    from . import notebooks

    stale = notebooks.write_all(existing_folder(args.root), check_only=args.check)
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path}")
    return 1 if args.check and stale else 0


def course_stats() -> dict:
    """Counts a writer or facilitator wants: chapters, items per tactic, look-alike share, and who
    shows the behaviour in the scenario items (relationship and gender), for all items and for the
    harmful-pattern items alone (those whose correct answer is the tactic)."""
    from .content import SCHEMA, course

    exercises = list(course().exercises.values())
    quizzes = [e for e in exercises if e["kind"] == "quiz"]
    per_tactic: dict[str, int] = {}
    for quiz in quizzes:
        per_tactic[quiz["tactic"]] = per_tactic.get(quiz["tactic"], 0) + 1
    harmful = [q for q in quizzes if next(o["kind"] for o in q["options"] if o["correct"]) == "tactic"]

    def spread(items: list[dict], field: str) -> dict[str, int]:
        """Items per value of `field`, every value the schema allows in its order, zeros included."""
        return {value: sum(q[field] == value for q in items) for value in SCHEMA["$defs"][field]["enum"]}

    return {
        "chapters": len(course().chapters),
        "scenario_items": len(quizzes),
        "scenario_items_per_tactic": dict(sorted(per_tactic.items())),
        "share_look_alike_or_not_enough_information": round((len(quizzes) - len(harmful)) / len(quizzes), 3),
        "scenario_items_per_relationship": spread(quizzes, "relationship"),
        "scenario_items_per_gender": spread(quizzes, "gender"),
        "harmful_pattern_items": len(harmful),
        "harmful_pattern_items_per_relationship": spread(harmful, "relationship"),
        "harmful_pattern_items_per_gender": spread(harmful, "gender"),
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
    from . import journal

    folder = existing_folder(args.notebooks)
    if args.action == "export":
        out = Path(args.out or f"my-trust-course-journal.{'html' if args.html else 'md'}")
        out, skipped = journal.export(folder, out, html=args.html)
        for line in skipped:
            print(f"skipped: {line}", file=sys.stderr)
        print(f"wrote {out}: it includes your private reflections, so keep it safe.")
        return 0
    if args.action == "recover":
        for line in journal.recover(folder, args.apply):
            print(line)
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
    from . import workshop
    from .content import course

    root = Path(args.dir)
    if args.action == "init":
        for chapter in args.chapters or []:
            course().chapter(chapter)  # an unknown chapter is a CourseError naming the known ones
        try:
            written = workshop.init_course(root, args.chapters or None, args.db)
        except ValueError as err:
            print(f"trust-course: {err}", file=sys.stderr)
            return 2
        for path in written:
            print(f"wrote {path}")
        print(f"wrote {root / 'nbgrader_config.py'}; next: cd {root} && nbgrader generate_assignment {written[0].stem}")
    elif args.action == "grade":
        graded = workshop.grade(existing_folder(args.dir), args.assignment, args.jobs)
        print(f"autograded {len(graded)} submission(s) of {args.assignment} with {args.jobs} process(es)")
    else:
        print(workshop.report(existing_folder(args.dir)))
    return 0


def parser() -> argparse.ArgumentParser:
    top = Parser(prog="trust-course", description="Check, build and use the Rebuilding Trust course.")
    top.add_argument("--root", default=".", help="the course repository (default: here)")
    sub = top.add_subparsers(dest="command", required=True, parser_class=Parser)
    check = sub.add_parser("check", help="validate the exercises, rules and notebooks; say if the build is current")
    check.set_defaults(run=_check)
    build = sub.add_parser("build", help="validate everything and write the compiled course file everything reads")
    build.set_defaults(run=_build)
    score = sub.add_parser("score-reflection", help="feedback on a reflection read from standard input, as JSON")
    score.add_argument("prompt_id")
    score.add_argument(
        "--jsonl", metavar="FILE", help='score one {"text": ...} object per line, printing one result per line'
    )
    score.set_defaults(run=_score_reflection)
    nbs = sub.add_parser("notebooks", help="generate the exercise notebooks from the YAML")
    nbs.add_argument("--check", action="store_true", help="only report notebooks that are out of date")
    nbs.set_defaults(run=_notebooks)
    stats = sub.add_parser("stats", help="counts of chapters and exercises")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(run=_stats)
    jour = sub.add_parser(
        "journal", help="export, recover or delete everything you saved, private reflections included"
    )
    jour.add_argument("action", choices=["export", "recover", "delete"])
    jour.add_argument("--notebooks", default="notebooks", help="folder holding the answers files (default: notebooks)")
    jour.add_argument("--out", help="file to write (export; default: my-trust-course-journal.md, or .html)")
    jour.add_argument("--html", action="store_true", help="export: a web page that prints well, instead of Markdown")
    jour.add_argument("--apply", action="store_true", help="recover: merge what can be read back in")
    jour.add_argument("--yes", action="store_true", help="delete without asking")
    jour.set_defaults(run=_journal)
    shop = sub.add_parser("workshop", help="set up, grade and summarise an nbgrader workshop")
    shop_sub = shop.add_subparsers(dest="action", required=True, parser_class=Parser)
    init = shop_sub.add_parser("init", help="write an nbgrader course: config and one assignment per chapter")
    init.add_argument("dir")
    init.add_argument("--chapters", nargs="*", help="chapter ids, e.g. ch01 ch02 (default: all)")
    init.add_argument(
        "--db",
        metavar="URL",
        help="gradebook database, e.g. postgresql://USER:PASSWORD@HOST/DB (default: gradebook.db)",
    )
    grade = shop_sub.add_parser("grade", help="autograde an assignment with several processes")
    grade.add_argument("dir")
    grade.add_argument("assignment")
    grade.add_argument("--jobs", type=int, default=2, help="autograding processes (default 2)")
    rep = shop_sub.add_parser("report", help="cohort completion and quiz option shares, as a table and CSV")
    rep.add_argument("dir")
    shop.set_defaults(run=_workshop)
    return top


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        return args.run(args)
    except CourseError as err:
        print(f"trust-course: {err}", file=sys.stderr)
        return 2
    except (OSError, RuntimeError) as err:
        print(f"trust-course: {type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("trust-course: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # still one line; a bug report needs only this and the command
        print(f"trust-course: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
