"""Render page contexts with Jinja2.

Autoescape is on for every template and undefined names raise, so a typo in
a template fails loudly and input text (titles, quotes, file names) is always
escaped. The stylesheet ``report.css`` is read through the same loader (a user
folder can override it) and inlined into each page: pages are self-contained,
make no network request, and work from ``file://``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

import claimdiff

from ..errors import ConfigError

CSS_TEMPLATE = "report.css"
T = TypeVar("T")


def default_templates_dir() -> Path:
    """``claimdiff/templates`` in an installed wheel, else the checkout's ``templates/``."""
    package = Path(claimdiff.__file__).parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def make_environment(templates_dir: Path | None = None) -> jinja2.Environment:
    """An environment whose loader tries ``templates_dir`` first, then the defaults."""
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        if not Path(templates_dir).is_dir():
            raise ConfigError("templates folder does not exist", path=str(templates_dir))
        loaders.append(jinja2.FileSystemLoader(str(templates_dir), encoding="utf-8"))
    loaders.append(jinja2.FileSystemLoader(str(default_templates_dir()), encoding="utf-8"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["join_or"] = join_or
    return env


def join_or(items: Any, empty: str = "—", sep: str = ", ") -> str:
    """Join strings for display; ``empty`` when there are none."""
    parts = [str(i) for i in items if i not in (None, "")]
    return sep.join(parts) if parts else empty


def load_css(env: jinja2.Environment) -> Markup:
    """The stylesheet, checked so that it cannot end the <style> element early."""
    assert env.loader is not None
    try:
        css, filename, _ = env.loader.get_source(env, CSS_TEMPLATE)
    except jinja2.TemplateNotFound as e:
        raise ConfigError("template not found in the templates folders", path=CSS_TEMPLATE) from e
    if "</style" in css.lower() or "<!--" in css:
        raise ConfigError("stylesheet must not contain '</style' or '<!--'", path=filename)
    # Trusted: it comes from a template folder, never from an article.
    return Markup(css.strip("\n"))


class Renderer:
    def __init__(self, templates_dir: Path | None = None) -> None:
        self.env = make_environment(templates_dir)
        self.css = load_css(self.env)

    def check(self, templates: Iterable[str]) -> None:
        """Load (and so compile) ``templates``: syntax errors and missing files fail here."""
        for name in templates:
            self._call(partial(self.env.get_template, name), name)

    def render(self, template: str, page: object) -> str:
        html = self._call(
            lambda: self.env.get_template(template).render(page=page, css=self.css), template
        )
        return html if html.endswith("\n") else html + "\n"

    @staticmethod
    def _call(fn: Callable[[], T], template: str) -> T:
        """``fn()``, with Jinja's errors turned into a ConfigError naming the template."""
        try:
            return fn()
        except jinja2.TemplateSyntaxError as e:
            raise ConfigError(
                f"template syntax error on line {e.lineno}: {e.message}",
                path=e.filename or e.name or template,
            ) from e
        except jinja2.TemplateNotFound as e:
            raise ConfigError(
                "template not found in the templates folders", path=str(e.name or template)
            ) from e
        except jinja2.UndefinedError as e:
            raise ConfigError(
                f"template uses an undefined value: {e.message}", path=template
            ) from e


__all__ = ["Renderer", "default_templates_dir", "load_css", "make_environment"]
