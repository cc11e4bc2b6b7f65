"""Where each part of a bundle lives: the path rules of portal-export-v1."""

from __future__ import annotations

from functools import cache

from editor.core.article import Category
from editor.core.text import slugify

MANIFEST = "manifest.json"
INDEX = "index.html"
STYLESHEET = "assets/portal.css"


@cache
def category_slug(category: Category) -> str:
    """'business/business-news' (or 'news' for a top-level category)."""
    return "/".join(slugify(part) for part in category.path)


def category_page(category: Category) -> str:
    return f"categories/{category_slug(category)}/index.html"


def category_feed(category: Category) -> str:
    return f"feeds/{category_slug(category).replace('/', '--')}.xml"


def article_dir(slug: str) -> str:
    return f"articles/{slug}"


def article_files(slug: str) -> tuple[str, str, str]:
    base = article_dir(slug)
    return (f"{base}/index.html", f"{base}/article.json", f"{base}/article.md")


def root_from(path: str) -> str:
    """The relative way back to the bundle root from the folder of `path`."""
    return "../" * path.count("/")
