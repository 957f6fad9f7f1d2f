"""The main menu's markup: one set of links, folded on a phone, ids unique."""

from collections import Counter
from html.parser import HTMLParser

from app.extensions import db
from app.models import MentorProfile


class _Nav(HTMLParser):
    """Collects every id of the page, and the links and disclosures of the nav."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.links: Counter[str] = Counter()
        self.menus: list[dict] = []
        self._depth = 0  # inside <nav> when > 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids[attributes["id"]] += 1
        if tag == "nav":
            self._depth += 1
        elif self._depth and tag == "a":
            self.links[attributes["href"]] += 1
        elif self._depth and tag == "details":
            self.menus.append(attributes)

    def handle_endtag(self, tag):
        if tag == "nav":
            self._depth -= 1


def parse(response) -> _Nav:
    parser = _Nav()
    parser.feed(response.get_data(as_text=True))
    return parser


def test_menu_folds_into_one_disclosure_with_each_link_once(world, login):
    db.session.add(MentorProfile(employee=world.hr_employee, capacity=2))
    db.session.commit()
    page = parse(login("hr").get("/"))
    assert page.menus == [{"class": "nav-menu"}]  # closed until asked
    expected = {
        "/",
        "/profile",
        "/plans/",
        "/mentoring/",
        "/mentoring/inbox",
        "/mentoring/cohort",
        "/notifications/",
        "/hr/employees",
    }
    assert expected <= set(page.links)
    # The brand and "Home" both lead home; every other link is there once.
    assert {href: n for href, n in page.links.items() if n > 1} == {"/": 2}


def test_every_id_is_unique_so_htmx_swaps_find_one_target(world, login):
    db.session.add(MentorProfile(employee=world.hr_employee, capacity=2))
    db.session.commit()
    page = parse(login("hr").get("/"))
    assert page.ids["notifications-badge"] == 1
    assert page.ids["inbox-badge"] == 1
    assert [name for name, n in page.ids.items() if n > 1] == []


def test_signed_out_page_shows_the_language_switch_without_a_menu(client):
    body = client.get("/login").get_data(as_text=True)
    assert "<details" not in body.split("</nav>")[0]
    assert "Bahasa Indonesia" in body
