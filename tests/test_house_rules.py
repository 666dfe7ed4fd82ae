"""House rules checked on the source: the error contract, the documented public names, tests that
import only test support modules."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

import geoevent
import geoevent.errors as errors
from geoevent import cli

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "geoevent"

#: builtin exceptions geoevent must not raise bare: raise a GeoeventError with the builtin as mixin
FORBIDDEN_RAISES = frozenset(
    {
        "Exception",
        "ValueError",
        "TypeError",
        "KeyError",
        "IndexError",
        "LookupError",
        "RuntimeError",
        "OSError",
        "FileNotFoundError",
    }
)


def _raised_name(node: ast.Raise) -> str | None:
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return exc.id if isinstance(exc, ast.Name) else None


def bare_raises(source: str, filename: str) -> list[str]:
    """``file:line: raise X`` for every raise of a forbidden builtin exception in ``source``."""
    raises = [node for node in ast.walk(ast.parse(source, filename)) if isinstance(node, ast.Raise)]
    return [
        f"{filename}:{node.lineno}: raise {_raised_name(node)}"
        for node in sorted(raises, key=lambda n: n.lineno)
        if _raised_name(node) in FORBIDDEN_RAISES
    ]


def test_the_bare_raise_check_can_fail() -> None:
    src = "def f(x):\n    if x:\n        raise ValueError('no')\n    raise TypeError\n"
    assert bare_raises(src, "m.py") == ["m.py:3: raise ValueError", "m.py:4: raise TypeError"]
    assert bare_raises("raise InputError('x') from None\nraise\n", "m.py") == []


def test_the_package_raises_no_bare_builtin_errors() -> None:
    found = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        for hit in bare_raises(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == [], "raise a geoevent.errors class (builtin as mixin) instead:\n" + "\n".join(found)


def test_every_error_class_is_a_geoevent_error_and_drawn_in_the_tree() -> None:
    classes = [obj for _, obj in inspect.getmembers(errors, inspect.isclass) if obj.__module__ == errors.__name__]
    assert sorted(c.__name__ for c in classes) == sorted(errors.__all__)
    tree = errors.__doc__ or ""
    for cls in classes:
        assert issubclass(cls, errors.GeoeventError), cls
        assert re.search(rf"[─└├ ]{cls.__name__}\b", tree), f"{cls.__name__} is missing from the tree in errors.py"
    # the tree's parents are the real ones
    assert issubclass(errors.TokenTableError, errors.InputError)
    for cls, mixin in [
        (errors.InputError, ValueError),
        (errors.SchemaError, ValueError),
        (errors.InvalidValueError, ValueError),
        (errors.InvalidTypeError, TypeError),
        (errors.DictionaryError, ValueError),
        (errors.UnknownCodeError, KeyError),
        (errors.ParserUnavailableError, RuntimeError),
    ]:
        assert issubclass(cls, mixin) and f"also a {mixin.__name__}" in tree, cls


def documented_names() -> list[str]:
    """The names listed between the markers of docs/api.md."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    block = text.split("<!-- public names: start -->")[1].split("<!-- public names: end -->")[0]
    return re.findall(r"^\| `([A-Za-z_][A-Za-z0-9_]*)` \|", block, flags=re.M)


def test_package_exports_the_documented_names() -> None:
    documented = documented_names()
    assert len(documented) == len(set(documented)), "a name is listed twice in docs/api.md"
    assert sorted(geoevent.__all__) == sorted(documented), (
        f"in geoevent.__all__ only: {sorted(set(geoevent.__all__) - set(documented))}; "
        f"in docs/api.md only: {sorted(set(documented) - set(geoevent.__all__))}"
    )
    public = {name for name in dir(geoevent) if not name.startswith("_")}
    submodules = {name for name in public if inspect.ismodule(getattr(geoevent, name))}
    assert public - submodules - {"annotations"} <= set(geoevent.__all__), "public names missing from __all__"


def _modules() -> list[str]:
    return sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in PACKAGE.rglob("*.py")
        if path.name != "__main__.py"
    )


@pytest.mark.parametrize("name", _modules())
def test_module_all_lists_existing_public_names(name: str) -> None:
    if name in ("geoevent.parse.train_biaffine",) or name.endswith(".train"):
        pytest.importorskip("torch")
    module = __import__(name, fromlist=["_"])
    exported = getattr(module, "__all__", [])
    assert len(exported) == len(set(exported)), f"{name}.__all__ lists a name twice"
    for item in exported:
        assert not item.startswith("_") or item == "__version__", f"{name}.__all__ exports private {item}"
        assert hasattr(module, item), f"{name}.__all__ names {item}, which the module lacks"


def test_match_does_not_export_its_internal_tables() -> None:
    import geoevent.match as match

    assert not {"Cat", "Words"} & set(match.__all__)


def test_tests_import_support_modules_not_conftest_or_benchmarks() -> None:
    found = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            found += [
                f"{path.name}:{node.lineno}: {n}"
                for n in names
                if n.split(".")[0] == "benchmarks" or n.endswith("conftest")
            ]
    assert found == [], "import helpers from tests.helpers (or use fixtures):\n" + "\n".join(found)


def _instance(cls: type[errors.GeoeventError]) -> errors.GeoeventError:
    if cls is errors.DictionaryError:
        return errors.DictionaryError("mine.tsv", 3, "bad row\nsecond line")
    return cls("first line\nsecond line")


@pytest.mark.parametrize(
    "cls", [cli.UsageError] + [getattr(errors, n) for n in errors.__all__], ids=lambda c: c.__name__
)
def test_cli_maps_every_geoevent_error_to_exit_2_and_one_line(cls, monkeypatch, capsys) -> None:
    def fail(args):
        raise _instance(cls)

    monkeypatch.setitem(cli._COMMANDS, "models", fail)
    assert cli.main(["models"]) == 2
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and len(lines) == 1 and lines[0].startswith("geoevent: error: "), err
    assert "second line" in lines[0] and "Traceback" not in err


def test_former_bare_errors_are_geoevent_errors_with_their_builtin() -> None:
    import pandas as pd

    from geoevent.codebook import lookup, quad_class_for_root
    from geoevent.io import events_to_arrow
    from geoevent.model import Actor
    from geoevent.parse.tokenize import tokenize

    cases = [
        (lambda: events_to_arrow(pd.DataFrame(), metadata={}), errors.SchemaError, ValueError),
        (lambda: Actor(code="not a code"), errors.InvalidValueError, ValueError),
        (lambda: quad_class_for_root("42"), errors.InvalidValueError, ValueError),
        (lambda: lookup(42), errors.InvalidTypeError, TypeError),  # type: ignore[arg-type]
        (lambda: tokenize(b"bytes"), errors.InvalidTypeError, TypeError),  # type: ignore[arg-type]
    ]
    for call, cls, builtin in cases:
        with pytest.raises(cls) as info:
            call()
        assert isinstance(info.value, builtin) and isinstance(info.value, errors.GeoeventError)


def test_words_take_only_declared_keys() -> None:
    import numpy as np
    import pandas as pd

    from geoevent.match import WORD_KEYS, Words

    keys = [k for stage in WORD_KEYS.values() for k in stage]
    assert len(keys) == len(set(keys)), "a key is declared under two stages"
    w = Words(gid=np.arange(2))
    w["actor_code"] = np.array(["", ""], dtype=object)
    w.update(places=np.zeros(2, dtype=bool))
    assert sorted(w) == ["actor_code", "gid", "places"] and w.n == 2
    undeclared = [
        lambda: Words(gids=np.arange(2)),
        lambda: w.__setitem__("actor_codes", np.arange(2)),
        lambda: w.update({"x": np.arange(2)}),
    ]
    for call in undeclared:
        with pytest.raises(errors.InvalidValueError, match=r"declare it in geoevent\.match\.WORD_KEYS"):
            call()
    assert sorted(w) == ["actor_code", "gid", "places"]
    # the whole pipeline, document context included, sets declared keys only (Words refuses others)
    docs = pd.DataFrame(
        {"id": ["a"], "date": ["2024-11-17"], "text": ["Russian troops shelled Kharkiv. He condemned the attack."]}
    )
    assert len(geoevent.code_frame(docs, text_col="text", id_col="id", date_col="date")) >= 1


def test_location_columns_are_named_once() -> None:
    import importlib

    from geoevent.schema import EVENT_COLUMNS, LOCATION_COLUMNS

    # geoevent.explain and geoevent.export are also functions of the package: get the modules
    context, explain, export = (importlib.import_module(f"geoevent.{m}") for m in ("context", "explain", "export"))

    assert set(LOCATION_COLUMNS) < set(EVENT_COLUMNS)
    assert context.LOCATION_FIELDS == (*LOCATION_COLUMNS, "location_start", "location_end")
    assert explain.LOCATION_COLUMNS is LOCATION_COLUMNS and export.LOCATION_COLUMNS is LOCATION_COLUMNS
