"""What a new database starts with: the portal's categories and the centre's details."""

from __future__ import annotations

CATEGORIES: tuple[tuple[str, str], ...] = (
    ("Business", "Business News"),
    ("Business", "Free Trade Zone"),
    ("Culture", "Culture Figures"),
    ("Government", "Policies & Regulations"),
    ("Visit", "Entrance tickets"),
)

SITE: dict[str, object] = {
    "site.name": "Qingdao International Community Center (for Culture and Tourism)",
    "site.address": "Shinan District, Qingdao",
    "site.telephone": "(+86) 0532-68873099",
    "site.hours": "Monday - Friday 9:00am - 5:00pm",
    "site.footer_links": [
        ["Entrance tickets", ["Visit", "Entrance tickets"]],
        ["Culture Figures", ["Culture", "Culture Figures"]],
        ["Business News", ["Business", "Business News"]],
        ["Policies & Regulations", ["Government", "Policies & Regulations"]],
        ["Free Trade Zone", ["Business", "Free Trade Zone"]],
    ],
}
