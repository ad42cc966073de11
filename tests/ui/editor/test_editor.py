#!/usr/bin/python3
# test_editor.py — the condition editor end to end, through the
# accessibility tree as a user's clicks and typing
#
# On a demo database it opens cohort-editor-demo on a new dynamic group,
# builds SPEC §2's example
#
#   (country is DE or AT) and (has tag vip and no activity in the last 365 days)
#
# checks the inline validation on the way, saves, recalculates, and checks
# that the member count the editor shows is what cohort-cli counts for the
# same condition given as JSON.
#
# Run under Xvfb with an accessibility bus (TESTING.md):
#   xvfb-run -a -s "-screen 0 1280x800x24 -noreset" dbus-run-session -- \
#     /usr/bin/python3 tests/ui/editor/test_editor.py
# with COHORT_CLI and COHORT_EDITOR_DEMO naming the programs. With
# COHORT_SCREENSHOTS=DIR it also saves DIR/editor-*.png.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# G_DEBUG=fatal-warnings is for the program under test: pyatspi's own
# GLib warns harmlessly ("AT-SPI: Error in GetItems"), so it must not see it.
DEMO_ENV = dict(os.environ)
os.environ.pop('G_DEBUG', None)

import pyatspi  # noqa: E402

CLI = os.environ.get('COHORT_CLI', 'cohort-cli')
DEMO = os.environ.get('COHORT_EDITOR_DEMO', 'cohort-editor-demo')
SCREENSHOTS = os.environ.get('COHORT_SCREENSHOTS')
TIMEOUT = 20

PLACEHOLDER = {'combinator': 'and', 'rules': [
    {'combinator': 'and', 'rules': [{'field': 'email', 'operator': 'notNull'}]}]}
EXPECTED = {'combinator': 'and', 'rules': [
    {'combinator': 'or', 'rules': [
        {'field': 'country', 'operator': '=', 'value': 'DE'},
        {'field': 'country', 'operator': '=', 'value': 'AT'}]},
    {'combinator': 'and', 'rules': [
        {'field': 'tag', 'operator': '=', 'value': 'vip'},
        {'field': 'activity', 'operator': 'none', 'value': {'type': '*', 'days': 365}}]}]}

failures = 0
step_count = 0


def ok(condition, what):
    global failures, step_count
    step_count += 1
    print(('ok %d - %s' if condition else 'not ok %d - %s') % (step_count, what), flush=True)
    if not condition:
        failures += 1
    return condition


def cli(db, *args, stdin=None):
    result = subprocess.run([CLI, '--db', db, *args], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError('cohort-cli %s failed (%d): %s' % (' '.join(args), result.returncode, result.stderr))
    return result.stdout


def poll(probe, timeout=TIMEOUT):
    """What @probe returns once it is true, or None after @timeout."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = probe()
        except Exception:
            value = None
        if value or time.monotonic() > deadline:
            return value or None
        time.sleep(0.1)


def wait_for(probe, what, timeout=TIMEOUT):
    value = poll(probe, timeout)
    if value is None:
        raise TimeoutError('timed out waiting for ' + what)
    return value


# ---- the accessibility tree ------------------------------------------------

def visible(node):
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def find_all(root, predicate):
    # GTK 4.8 leaves hidden widgets out of the tree and does not set
    # "showing": what is in the tree and visible is on screen.
    found = []

    def walk(node):
        for child in node:
            if child is None or not visible(child):
                continue
            if predicate(child):
                found.append(child)
            walk(child)
    walk(root)
    return found


def find(root, predicate):
    nodes = find_all(root, predicate)
    return nodes[0] if nodes else None


def role_named(role, name):
    return lambda node: node.getRoleName() == role and node.name == name


def click(node):
    node.queryAction().doAction(0)


def set_text(node, text):
    node.queryEditableText().setTextContents(text)


def sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


def wait_button(root, name, what=None):
    return wait_for(lambda: find(root, role_named('push button', name)), what or 'button “%s”' % name)


def choose_menu_item(app, button, item):
    click(button)
    click(wait_for(lambda: find(app, role_named('menu item', item)), 'menu item “%s”' % item))


def cards(app):
    return find_all(app, lambda n: n.getRoleName() == 'panel' and n.name == 'Condition group')


def rows(card):
    return find_all(card, lambda n: n.getRoleName() == 'panel' and n.name == 'Condition')


def inner_button(row, outer_name):
    # A menu button reads as its accessible label around a button that
    # reads as what it shows ("Field" around "Country").
    outer = find(row, role_named('push button', outer_name))
    return find(outer, lambda n: n.getRoleName() == 'push button')


def pick_field(app, search, title):
    popover = wait_for(lambda: find(app, role_named('entry', 'Search fields')), 'the field picker')
    set_text(popover, search)
    picker = popover.parent
    while picker is not None and picker.getRoleName() != 'filler':
        picker = picker.parent
    click(wait_for(lambda: find(picker, role_named('push button', title)), 'field “%s” in the picker' % title))
    wait_for(lambda: find(app, role_named('entry', 'Search fields')) is None, 'the field picker to close')


def row_error(row):
    # A row says what is wrong in a label under it and, for screen readers,
    # in its accessible description.
    return row.description or None


def screenshot(name):
    if not SCREENSHOTS:
        return
    os.makedirs(SCREENSHOTS, exist_ok=True)
    time.sleep(0.6)   # let animations (revealers, popovers) settle
    tree = subprocess.run(['xwininfo', '-root', '-tree'], capture_output=True, text=True).stdout
    match = re.search(r'^\s+(0x[0-9a-f]+) "New group"', tree, re.MULTILINE)
    target = match.group(1) if match else 'root'
    subprocess.run(['import', '-window', target, os.path.join(SCREENSHOTS, name)], check=True)


def add_rule(app, card, field_search, field_title, operator, value=None):
    click(wait_button(card, 'Add another condition'))
    pick_field(app, field_search, field_title)
    row = rows(card)[-1]
    if operator is not None:
        choose_menu_item(app, inner_button(row, 'Comparison'), operator)
    if value is not None:
        set_text(wait_for(lambda: find(row, role_named('text', 'Value')), 'the value entry'), value)
    return row


def main():
    workdir = tempfile.mkdtemp(prefix='cohort-editor-test-')
    db = os.path.join(workdir, 'demo.db')
    out_path = os.path.join(workdir, 'demo.out')
    cli(db, 'demo', '--contacts', '3000')
    # Contacts that must and must not match, whatever the demo data holds.
    for email, fields in [('anna@fixture.example', ['country=DE', 'tags=vip']),
                          ('bernd@fixture.example', ['country=at', 'tags=vip;lead']),
                          ('carla@fixture.example', ['country=DE', 'tags=vip']),
                          ('dora@fixture.example', ['country=FR', 'tags=vip']),
                          ('emil@fixture.example', ['country=AT', 'tags=lead'])]:
        cli(db, 'contacts', 'set', email, *fields)
    activities = os.path.join(workdir, 'activities.csv')
    with open(activities, 'w') as f:
        f.write('email,type,occurred_at\n')
        f.write('carla@fixture.example,page_visit,%s\n' % time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))
    cli(db, 'activities', 'import', activities)
    cli(db, 'groups', 'create', 'newgrp', '--name', 'New group', '--dynamic', '--condition', '-',
        stdin=json.dumps(PLACEHOLDER))

    out = open(out_path, 'w')
    demo = subprocess.Popen([DEMO, '--db', db, '--group', 'newgrp'], stdout=out, stderr=subprocess.STDOUT,
                            env=DEMO_ENV)
    try:
        app = wait_for(lambda: next((a for a in pyatspi.Registry.getDesktop(0)
                                     if a is not None and a.name == 'cohort-editor-demo'), None),
                       'the demo on the accessibility bus')
        run(app, db, out_path)
        # Closed as a user closes it, so that a sanitizer build checks for
        # leaks on the way out.
        click(wait_button(app, 'Close'))
        try:
            status = demo.wait(30)
        except subprocess.TimeoutExpired:
            status = None
        ok(status == 0, 'the demo exits cleanly when its window is closed (status %s)' % status)
    finally:
        if demo.poll() is None:
            demo.terminate()
            demo.wait(10)
        out.close()
        with open(out_path) as f:
            log = f.read()
        print('# demo output:\n' + ''.join('#   ' + line + '\n' for line in log.splitlines()[-20:]), end='')
        shutil.rmtree(workdir, ignore_errors=True)


def run(app, db, out_path):
    save = wait_button(app, 'Save')
    ok(not sensitive(save), 'Save is disabled before any edit')

    # Start from nothing: the placeholder group goes.
    card = wait_for(lambda: cards(app)[0], 'the placeholder group')
    choose_menu_item(app, inner_button(card, 'Condition group actions'), 'Remove Group')
    wait_for(lambda: not cards(app), 'the placeholder group to go')
    ok(find(app, lambda n: n.getRoleName() == 'label' and n.name.startswith('Add a condition group')) is not None,
       'an empty condition asks for a condition group')
    ok(not sensitive(save), 'Save is disabled while the condition is empty')

    # Group 1: Any of country = DE, country = AT.
    click(wait_button(app, 'Add condition group'))
    pick_field(app, 'coun', 'Country')
    card1 = cards(app)[0]
    row = rows(card1)[0]
    error = wait_for(lambda: row_error(row), 'the inline error of an incomplete row')
    ok('needs some text' in error, 'an incomplete row says what it needs: %r' % error)
    ok(find(row, lambda n: n.getRoleName() == 'label' and n.name == error) is not None,
       'the message is shown under the row')
    ok(not sensitive(save), 'Save is disabled while a row is invalid')
    screenshot('editor-invalid.png')

    choose_menu_item(app, inner_button(row, 'Comparison'), 'is')
    set_text(wait_for(lambda: find(row, role_named('text', 'Value')), 'the value entry'), 'DE')
    ok(poll(lambda: row_error(row) is None), 'the row is valid once it has a value')
    click(find(card1, role_named('push button', 'Any')))
    add_rule(app, card1, 'country', 'Country', 'is', 'AT')

    # Group 2: All of tag = vip, no activity of any type in the last 365 days.
    click(wait_button(app, 'Add condition group'))
    pick_field(app, 'tag', 'Tag')
    card2 = cards(app)[1]
    row = rows(card2)[0]
    set_text(wait_for(lambda: find(row, role_named('text', 'Value')), 'the tag entry'), 'vip')
    row = add_rule(app, card2, 'activ', 'Activity', 'no activity')
    days = wait_for(lambda: find(row, role_named('spin button', 'Days')), 'the days of the activity')
    set_text(days, '365')

    ok(len(cards(app)) == 2, 'two condition groups are shown')
    ok(poll(lambda: sensitive(save)), 'Save is enabled once the condition is complete')
    count_label = wait_for(lambda: find(app, lambda n: n.getRoleName() == 'label' and
                                        re.match(r'^[\d,.  ]+ contacts? match', n.name)), 'the live count')
    screenshot('editor-groups.png')

    click(save)
    wait_for(lambda: 'saved' in open(out_path).read(), 'the editor to report the save')
    stored = json.loads(cli(db, 'groups', 'show', 'newgrp', '--json'))
    ok(stored['condition'] == EXPECTED and stored['needs_recalculation'],
       'the condition built is stored and the group needs recalculation')
    recalculate = wait_button(app, 'Recalculate', 'the recalculation banner')
    ok(find(app, lambda n: n.getRoleName() == 'label' and n.name.startswith('The condition changed')) is not None,
       'the banner says the members are out of date')
    screenshot('editor-banner.png')

    click(recalculate)
    line = wait_for(lambda: re.search(r'^recalculated \+(\d+) -(\d+)$', open(out_path).read(), re.MULTILINE),
                    'the recalculation to end')
    outcome = wait_for(lambda: find(app, lambda n: n.getRoleName() == 'label' and
                                    n.name.startswith('Members recalculated')), 'the outcome in the banner')
    shown_change = outcome.name.replace(',', '')
    # A side that did not move is left out, never shown as "−0".
    ok(all((('%s%s %s' % (sign, n, verb)) in shown_change) == (n != '0')
           for sign, n, verb in (('+', line.group(1), 'joined'), ('−', line.group(2), 'left'))),
       'the banner shows what changed: %r' % outcome.name)

    # The same condition through the command line.
    cli(db, 'groups', 'create', 'check', '--name', 'Check', '--dynamic', '--condition', '-',
        stdin=json.dumps(EXPECTED))
    # As JSON, so that members without an email count too.
    expected_members = len(json.loads(cli(db, 'groups', 'members', 'check', '--format', 'json')))
    saved_members = len(json.loads(cli(db, 'groups', 'members', 'newgrp', '--format', 'json')))
    members_label = wait_for(lambda: find(app, lambda n: n.getRoleName() == 'label' and
                                          re.match(r'^[\d,.  ]+ members? now$', n.name)), 'the member count')
    # The label follows the recalculation: give it a moment to catch up.
    poll(lambda: int(re.sub(r'\D', '', members_label.name)) == expected_members, 5)
    shown = int(re.sub(r'\D', '', members_label.name))
    ok(expected_members >= 2, 'the condition matches at least the two fixture contacts (%d)' % expected_members)
    ok(shown == expected_members, 'the editor shows %d members, cohort-cli counts %d' % (shown, expected_members))
    ok(saved_members == expected_members, 'the recalculated group has %d members, as cohort-cli counts'
       % saved_members)
    emails = set(cli(db, 'groups', 'members', 'newgrp').split())
    ok({'anna@fixture.example', 'bernd@fixture.example'} <= emails and
       not emails & {'carla@fixture.example', 'dora@fixture.example', 'emil@fixture.example'},
       'the fixture contacts that match are members, the near misses are not')
    matches = int(re.sub(r'\D', '', count_label.name.split(' contact')[0]))
    ok(matches == expected_members, 'the live count (%d) matched what recalculation stored' % matches)


if __name__ == '__main__':
    try:
        main()
    except Exception as error:
        ok(False, 'the test ran to its end: %s' % error)
    print('1..%d' % step_count)
    sys.exit(1 if failures else 0)
