"""Drives the condition editor of the app through AT-SPI, as a user's clicks
and typing: condition group cards, their rows, the field picker, the
comparison menu and the value entries. Shared by the UI tests that build
conditions in the app."""

import pyatspi

from cohortui import find_descendant, text_of, wait_for


def is_visible(node):
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def find_all(root, predicate):
    """@root's visible descendants that satisfy @predicate: GTK 4.8 keeps
    hidden widgets out of the tree and does not set "showing"."""
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        for i in reversed(range(node.childCount)):
            child = node.getChildAtIndex(i)
            if child is None or not is_visible(child):
                continue
            if predicate(child):
                found.append(child)
            stack.append(child)
    found.sort(key=lambda n: position(n))
    return found


def position(node):
    extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return (extents.y, extents.x)


def named(role, name):
    return lambda node: node.getRole() == role and node.name == name


def cards(root):
    return find_all(root, named(pyatspi.ROLE_PANEL, "Condition group"))


def rows(card):
    return find_all(card, named(pyatspi.ROLE_PANEL, "Condition"))


def inner_button(row, outer_name):
    """A menu button reads as its accessible label around a button that
    reads as what it shows ("Field" around "Country")."""
    outer = wait_for(f"the {outer_name} button",
                     lambda: find_descendant(row, named(pyatspi.ROLE_PUSH_BUTTON, outer_name)))
    return find_descendant(outer, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON)


def sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


class Editor:
    """The condition editor under @root (a window or a page) of @app."""

    def __init__(self, app, root):
        self.app = app
        self.root = root

    def picker_entry(self):
        found = find_all(self.app.node, named(pyatspi.ROLE_ENTRY, "Search fields"))
        return found[0] if found else None

    def pick_field(self, row, search, title):
        """Picks the field of @row with its picker, which opens by itself on
        a row just added."""
        try:
            entry = wait_for("the field picker", self.picker_entry, timeout=3)
        except AssertionError:
            self.app.click(inner_button(row, "Field"))
            entry = wait_for("the field picker", self.picker_entry)
        self.app.type_into(entry, search)
        picker = entry.parent
        while picker is not None and picker.getRole() != pyatspi.ROLE_FILLER:
            picker = picker.parent
        self.app.click(wait_for(f"the field {title!r} in the picker",
                                lambda: find_descendant(picker, named(pyatspi.ROLE_PUSH_BUTTON, title))))
        wait_for("the field picker to close", lambda: self.picker_entry() is None)

    def choose(self, button, item):
        self.app.click(button)
        self.app.click(self.app.find(pyatspi.ROLE_MENU_ITEM, item))

    def set_operator(self, row, title):
        self.choose(inner_button(row, "Comparison"), title)

    def value_entry(self, row, name="Value"):
        return wait_for(f"the entry {name!r}",
                        lambda: next(iter(find_all(row, lambda n: n.getRole() == pyatspi.ROLE_TEXT
                                                   and n.name == name)), None))

    def set_value(self, row, text, name="Value"):
        self.app.type_into(self.value_entry(row, name), text)

    def add_condition(self, card):
        before = len(rows(card))
        self.app.click(self.app.button("Add another condition", root=card))
        return wait_for("the new condition", lambda: len(rows(card)) > before and rows(card)[-1])

    def add_group(self):
        before = len(cards(self.root))
        self.app.click(self.app.button("Add condition group", root=self.root))
        return wait_for("the new condition group", lambda: len(cards(self.root)) > before and cards(self.root)[-1])

    def set_any(self, card, any_=True):
        self.app.click(find_descendant(card, named(pyatspi.ROLE_PUSH_BUTTON, "Any" if any_ else "All")))

    def count(self):
        """The number of contacts the live count shows, once it is in."""
        def read():
            for label in find_all(self.root, lambda n: n.getRole() == pyatspi.ROLE_LABEL):
                text = text_of(label)
                if text.endswith(" contacts match") or text.endswith(" contact matches"):
                    return text
            return None
        text = wait_for("the live count", read)
        return int("".join(c for c in text.split(" contact")[0] if c.isdigit()))
