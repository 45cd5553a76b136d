"""No function in helper/ is over 60 lines: a longer one does more than one thing."""

import ast

from support import ROOT

MAX_LINES = 60


def test_no_function_in_the_helper_is_over_60_lines():
    sources = sorted((ROOT / "helper").rglob("*.py"))
    assert len(sources) > 20  # the helper's modules, found where they live
    too_long = []
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                lines = node.end_lineno - first + 1
                if lines > MAX_LINES:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} "
                                    f"({lines} lines)")
    assert not too_long, too_long
