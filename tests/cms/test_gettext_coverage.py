"""User-facing Chinese text goes through Django i18n: in Python code inside ``gettext`` and
friends, in templates inside ``{% translate %}``/``{% blocktranslate %}`` (or ``_("…")`` in a
tag's argument). Data is exempt: stored codes and names, dictionaries and patterns used for
matching, legal citations; so are docstrings, tests, migrations and the packages outside the
apps (``demo/``, ``benchmarks/``)."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SOURCES = ["cms", "disclosure", "home", "search"]
HAN = re.compile(r"[\u3400-\u9fff]")
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "pgettext",
    "pgettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "npgettext",
    "npgettext_lazy",
}

#: Files that may still hold Chinese literals outside gettext, at most this many.
EXEMPT = {
    # The OpenAPI documents' texts are the schema, read by partners' developers, not the UI.
    "cms/openapi.py": 87,
    "disclosure/syndication/openapi.py": 110,
    # Patterns and words of the law corpus's text (dates, issuing bodies) and of the search's
    # analysis (a traditional-character warm-up word, the corpus's region names, the words that
    # ask a question, the names of kinds of norms and of titles): data.
    "disclosure/normative/corpus.py": 13,
    "search/analysis.py": 10,
    "disclosure/normative/bulk.py": 1,
    # lunar-python names the solar terms in Chinese: the key of 清明 in its table.
    "disclosure/workdays/statutory.py": 1,
    # The column headers of the file formats (the national catalogue format, the sampling
    # results' spreadsheet) and the values matched in them: data, not text to translate.
    "disclosure/inspections/io.py": 64,
    "disclosure/catalogue/io.py": 14,
    # The work ledger's task-list format: column labels, their aliases and the due-date words
    # (月底, 上半年, 长期坚持…) matched in it: data.
    "disclosure/ledger/io.py": 31,
    # Data: spellings matched against catalogues, patterns of the personal-data scanner, the
    # names role groups and workflow steps are created with (stored, renamable), department
    # kinds recognised by name, the word that marks an interpretation.
    "disclosure/catalogue/choices.py": 10,
    "disclosure/checks/scanner.py": 11,
    "disclosure/departments/roles.py": 6,
    "disclosure/departments/models.py": 4,
    "disclosure/review/workflow.py": 4,
    "disclosure/policies/rules.py": 1,
    # The filler words a repeated information request's description is compared without.
    "disclosure/applications/repeats.py": 1,
    # The 文号 format's patterns and the words matched in it (一 module for the format).
    "disclosure/publishing/document_numbers.py": 12,
    # The law body format: the pattern of an article's number (第十条), and the word 条 the
    # search's answering article looks for before splitting a body.
    "disclosure/publishing/markdown_body.py": 1,
    "search/snippets.py": 1,
    # The legal categories the normative database gives the records of one case: data.
    "search/service.py": 3,
    # The name of the East-Asian font Word files ask for (宋体): data.
    "disclosure/printing/docx.py": 1,
    # The word that marks a 规章 in a normative document's 法规类别 (matched, not shown).
    "disclosure/annual_report/figures.py": 1,
    # The import framework's pattern of dates written in Chinese.
    "disclosure/importing/cells.py": 1,
    # Legal citations of the publication gate's rules and the checks (names of laws).
    "disclosure/publishing/gate_rules.py": 3,
    "disclosure/enforcement/gate_rules.py": 2,
    "disclosure/normative/gate_rules.py": 1,
    "disclosure/policies/gate_rules.py": 1,
    "disclosure/review/gate_rules.py": 1,
    "disclosure/annual_report/gate_rules.py": 1,
    "disclosure/consultations/gate_rules.py": 1,
    # The words that find the column of the disclosure rules (matching data).
    "home/entries.py": 2,
    "disclosure/checks/personal_data.py": 1,
    "disclosure/checks/unreadable.py": 1,
    "disclosure/checks/links.py": 1,
    # The law-title check: the words that end a law's title, the national prefix, the patterns
    # of an edition note and of an abbreviation (data), and its legal citation.
    "disclosure/normative/title_check.py": 9,
    # The content checks (错敏检测): their legal grounds, and the characters their patterns
    # match (function characters never doubled, the marks of a former name, what stands
    # between a leader's name and a title); their word lists are data files in checks/lists/.
    "disclosure/checks/formatting.py": 1,
    "disclosure/checks/official_names.py": 3,
    "disclosure/checks/sensitive_terms.py": 1,
    "disclosure/checks/wording.py": 2,
}


def skipped(relative):
    parts = relative.parts
    return "migrations" in parts or "conformance" in parts or parts[:2] == ("cms", "settings")


def is_command_help(node, parents):
    """``help = "…"`` of a management command: argparse takes no lazy string, and Django's own
    commands leave their help untranslated too."""
    assign = parents.get(id(node))
    return (
        isinstance(assign, ast.Assign)
        and [getattr(t, "id", None) for t in assign.targets] == ["help"]
        and isinstance(parents.get(id(assign)), ast.ClassDef)
    )


def unwrapped(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {id(c): node for node in ast.walk(tree) for c in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        else:
            continue
        parent = parents.get(id(node))
        if not HAN.search(text) or isinstance(parent, ast.JoinedStr | ast.Expr):
            continue  # no Chinese, part of an f-string, or a docstring
        if is_command_help(node, parents):
            continue
        while parent is not None:
            func = getattr(parent, "func", None)
            if getattr(func, "id", getattr(func, "attr", None)) in GETTEXT:
                break
            parent = parents.get(id(parent))
        else:
            found.append((node.lineno, text))
    return found


def test_chinese_text_in_python_goes_through_gettext():
    problems = {}
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if skipped(relative):
                continue
            found = unwrapped(path)
            if len(found) > EXEMPT.get(relative.as_posix(), 0):
                problems[relative.as_posix()] = found
    assert not problems, f"Chinese text outside gettext (wrap it, or exempt data): {problems}"


TAG = re.compile(
    r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}"
    r"|{%\s*block(?:trans|translate)\b.*?{%\s*endblock(?:trans|translate)\s*%}"
    r"|{%\s*(?:trans|translate)\s.*?%}|_\(\"[^\"]*\"\)|_\('[^']*'\)",
    re.S,
)


def test_chinese_text_in_templates_is_translated():
    folders = [ROOT / "templates", *(ROOT / f for f in SOURCES)]
    problems = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            rest = TAG.sub("", path.read_text(encoding="utf-8"))
            lines = [line.strip() for line in rest.splitlines() if HAN.search(line)]
            if lines:
                problems[path.relative_to(ROOT).as_posix()] = lines
    assert not problems, f"Chinese text outside {{% translate %}}: {problems}"
