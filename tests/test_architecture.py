"""The shape of the code (issue #18): the core (``portal/``) names no content app, imports
none and reads nothing from ``tests/``; ``bench/`` imports no test module.

The content apps are the installed apps that declare themselves (``portal.registry``) and
are not part of ``portal``. Their names are the app label, the model class names, the
names of their template tag libraries and the URL names whose views they define.
"""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from portal import registry

ROOT = Path(settings.BASE_DIR)
CORE = ROOT / "portal"


def content_apps():
    return [config for config, _decl in registry.declarations() if not config.name.startswith("portal")]


def core_templates():
    """Every template folder of a core app (``templates/portal``, ``templates/stats``…)."""
    labels = {config.label for config in apps.get_app_configs() if config.name.split(".")[0] == "portal"}
    return [ROOT / "templates" / label for label in labels if (ROOT / "templates" / label).is_dir()]


def url_names(prefixes, patterns=None):
    found = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            found |= url_names(prefixes, pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            module = getattr(pattern.callback, "__module__", "") or ""
            if module.split(".")[0] in prefixes:
                found.add(pattern.name)
    return found


def forbidden_patterns():
    configs = content_apps()
    assert configs, "no content app declares itself"
    patterns = []
    for config in configs:
        label = re.escape(config.label)
        # a module, an "app.Model" label, a URL namespace, or the bare label as a string
        patterns.append(rf"(?<![\w/.-]){label}[.:]\w|[\"']{label}[\"']|\b(from|import) {label}\b")
        patterns += [rf"\b{model.__name__}\b" for model in config.get_models()]
        tags = Path(config.path) / "templatetags"
        patterns += [rf"\b{p.stem}\b" for p in tags.glob("*.py") if p.stem != "__init__"]
    names = url_names({config.name.split(".")[0] for config in configs}) - url_names({"portal", "wagtail", "django"})
    patterns += [rf"[\"']{re.escape(name)}[\"']" for name in names]
    return re.compile("|".join(patterns))


# Words that are a content app's label by chance, with what they are where they appear.
NOT_AN_APP = {
    "html_cleaner.py": {'"video"'},  # the HTML element, dropped from old articles
    "importer.py": {"documents.a"},  # a list of Wagtail documents (files) to attach
    "api.py": {'"documents"'},  # Wagtail's own documents (files) endpoint of the API
}


def core_files():
    for path in CORE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        yield path
    for folder in core_templates():
        yield from folder.rglob("*.html")


def without_installed_apps(path, text):
    """Settings may list the content apps in ``INSTALLED_APPS``, nowhere else."""
    if path == CORE / "settings" / "base.py":
        text = re.sub(r"INSTALLED_APPS = \[.*?\n\]", "", text, count=1, flags=re.S)
    return text


def test_the_core_names_no_content_app():
    forbidden = forbidden_patterns()
    found = []
    for path in core_files():
        text = without_installed_apps(path, path.read_text(encoding="utf-8"))
        for number, line in enumerate(text.splitlines(), 1):
            match = forbidden.search(line)
            if match and match.group(0) not in NOT_AN_APP.get(path.name, ()):
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)!r} in {line.strip()}")
    assert not found, "\n".join(found)


def dynamic_import(call):
    """``import_module("x.y")`` / ``import_string("x.y.z")`` with a literal path."""
    name = getattr(call.func, "id", getattr(call.func, "attr", ""))
    first = call.args[0] if call.args else None
    return (
        name in ("import_module", "import_string") and isinstance(first, ast.Constant) and isinstance(first.value, str)
    )


def imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif isinstance(node, ast.Call) and dynamic_import(node):
            yield node.args[0].value


def bad_imports(folder, forbidden):
    return [
        f"{path.relative_to(ROOT)}: {name}"
        for path in folder.rglob("*.py")
        for name in imports(path)
        if name.split(".")[0] in forbidden
    ]


def test_the_core_imports_no_content_app_and_no_test_module():
    forbidden = {config.name.split(".")[0] for config in content_apps()} | {"tests"}
    assert bad_imports(CORE, forbidden) == []


def test_no_production_module_reads_the_test_data():
    found = [
        f"{path.relative_to(ROOT)}: {node.value!r}"
        for path in CORE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and node.value in ("tests", "tests/data")
        or (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("tests/data/"))
    ]
    assert found == []


def test_the_benchmarks_import_no_test_module():
    assert bad_imports(ROOT / "bench", {"tests"}) == []


def test_the_check_itself_finds_a_content_app_name():
    """The patterns are not empty and match what they must (a test that cannot fail is a defect)."""
    forbidden = forbidden_patterns()
    config = content_apps()[0]
    model = next(iter(config.get_models())).__name__
    for line in (
        f"from {config.label}.models import X",
        f'apps.get_model("{config.label}.{model}")',
        f"registry = ['{config.label}']",
        f"x = {model}()",
    ):
        assert forbidden.search(line), line
    for line in ("from portal.models import HomePage", "the page's published_at"):
        assert not forbidden.search(line), line


def test_no_production_module_of_the_core_imports_the_demo():
    """Demo code is imported by ``load_demo`` (through the apps' ``demo`` declarations) only."""
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in CORE.rglob("*.py")
        if CORE / "demo" not in path.parents
        for name in imports(path)
        if name == "portal.demo" or name.startswith("portal.demo.")
    ]
    assert found == []
