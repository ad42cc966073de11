#!/usr/bin/python3
"""The nightly schedule is made real: when a group is scheduled and Cohort
would not run at night, the app asks once to run in the background and start
at login, the group page says plainly that scheduled runs need the app
running, and allowing it writes the autostart entry (no portal runs in the
test session, as on a desktop without xdg-desktop-portal) that starts Cohort
windowless with --background."""

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, app_path, cli, run, wait_for  # noqa: E402
from test_groups import sidebar_row_texts  # noqa: E402

CONDITION = '{"combinator": "and", "rules": [{"field": "country", "operator": "=", "value": "DE"}]}'
APP_ID = "io.github.cohortapp.Cohort.Devel"
OFFER = "Run Scheduled Recalculations at Night?"


def make_database():
    db = os.path.join(tempfile.mkdtemp(prefix="cohort-background-"), "cohort.db")
    cli(db, "contacts", "set", "anna@acme.com", "first_name=Anna", "country=DE")
    condition = os.path.join(os.path.dirname(db), "de.json")
    with open(condition, "w") as f:
        f.write(CONDITION)
    cli(db, "groups", "create", "germany", "--name", "Germany", "--dynamic", "--condition", condition)
    cli(db, "groups", "create", "berlin", "--name", "Berlin", "--dynamic", "--condition", condition)
    return db


def open_group(app, name):
    item, _ = sidebar_row_texts(app, name)
    app.click_at(item)
    page = app.find(pyatspi.ROLE_FILLER, "CohortGroupPage")
    app.click_at(app.page_tab("Overview", page))
    return page


def wait_text(app, part, root):
    """Waits for a label on @root whose text contains @part."""
    def search():
        return any(part in text for text in app.label_texts(root))
    return wait_for(f"a label containing {part!r}", search)


def offered(app):
    return any(w.name == OFFER or OFFER in " ".join(app.label_texts(w)) for w in app.windows())


def autostart_entry(app):
    return os.path.join(app.home, "config", "autostart", APP_ID + ".desktop")


def quit_over_dbus(app):
    """Quits the app through its app.quit action on the session bus, as
    GNOME Shell would, so that it exits normally (and, in a sanitizer
    build, checks for leaks)."""
    if app.process.poll() is None:
        path = "/" + APP_ID.replace(".", "/")
        subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", path,
                        "--method", "org.freedesktop.Application.ActivateAction", "quit", "[]", "{}"],
                       capture_output=True, check=True)
    return app.wait_exit(after="through app.quit")


def main():
    db = make_database()

    # A group scheduled from cohort-cli: the app offers at start, once.
    cli(db, "groups", "schedule", "germany", "on")
    app = App(db)
    home = app.home
    try:
        dialog = app.dialog(OFFER)
        app.click(app.button("Not Now", root=dialog))
        page = open_group(app, "Germany")
        wait_text(app, "only if Cohort is running", page)
        assert not os.path.exists(autostart_entry(app)), "an entry was written without asking"
    finally:
        status = app.close()
    assert status == 0, f"the app exited with {status}:\n{app.output()}"

    app = App(db, home=home)
    try:
        page = open_group(app, "Germany")
        wait_text(app, "only if Cohort is running", page)
        time.sleep(1.0)
        assert not offered(app), "the offer came a second time"
    finally:
        status = app.close()
    assert status == 0, f"the app exited with {status}:\n{app.output()}"

    # A fresh user schedules a group on its page and allows it.
    cli(db, "groups", "schedule", "germany", "off")
    app = App(db)
    try:
        page = open_group(app, "Berlin")
        app.click_at(app.find(pyatspi.ROLE_CHECK_BOX, root=page, contains="Schedule recalculation"))
        dialog = app.dialog(OFFER)
        wait_text(app, "only if Cohort is running", page)
        app.click(app.button("Allow", root=dialog))
        wait_text(app, "Daily; next run", page)
        entry = wait_for("the autostart entry", lambda: os.path.exists(autostart_entry(app)))
        with open(autostart_entry(app)) as f:
            text = f.read()
        assert "\nExec=" in text and " --background\n" in text, text
        exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
        assert os.path.realpath(app_path()) in exec_line, exec_line
        assert entry
        home = app.home

        # Closing the window leaves it running for the night.
        app.click(app.button("Close", root=app.window))
        time.sleep(2.0)
        assert app.process.poll() is None, f"the app exited:\n{app.output()}"
    finally:
        status = quit_over_dbus(app)
    assert status == 0, f"the app exited with {status}:\n{app.output()}"

    # Started from that entry, Cohort stays up without a window.
    env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_DATA_HOME=os.path.join(home, "data"))
    process = subprocess.Popen([app_path(), "--db", db, "--background"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(3.0)
        assert process.poll() is None, f"cohort --background exited with {process.returncode}"
        tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
        assert '"Cohort"' not in tree, "cohort --background opened a window:\n" + tree
    finally:
        process.terminate()
        process.wait(timeout=30)

    # The answer is the setting Preferences shows.
    with open(os.path.join(home, "config", "glib-2.0", "settings", "keyfile")) as f:
        assert "run-in-background=true" in f.read()
    print("ok")


if __name__ == "__main__":
    run(main)
