#!/usr/bin/python3
# bench_editor.py — how fast the condition editor's live count follows an
# edit on a large database, and whether counting stalls the window
#
#   xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
#     /usr/bin/python3 tests/ui/editor/bench_editor.py BUILDDIR [CONTACTS]
#
# Makes (once) a demo database of CONTACTS contacts (default 1,000,000;
# about a minute) next to the build, a group with SPEC §2's example
# condition, and runs cohort-editor-demo in its benchmark mode: 20 edits of
# a value one by one, then 20 typed as two keystrokes. Run it under
# GSK_RENDERER=cairo to leave out the software OpenGL of Xvfb, which costs
# every frame far more than the editor does.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys

CONDITION = {'combinator': 'and', 'rules': [
    {'combinator': 'or', 'rules': [
        {'field': 'country', 'operator': '=', 'value': 'DE'},
        {'field': 'country', 'operator': '=', 'value': 'AT'}]},
    {'combinator': 'and', 'rules': [
        {'field': 'tag', 'operator': '=', 'value': 'vip'},
        {'field': 'activity', 'operator': 'none', 'value': {'type': '*', 'days': 365}}]}]}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__ or 'usage: bench_editor.py BUILDDIR [CONTACTS]')
    build = sys.argv[1]
    contacts = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    cli = os.path.join(build, 'src', 'cli', 'cohort-cli')
    demo = os.path.join(build, 'src', 'gui', 'editor', 'cohort-editor-demo')
    db = os.path.join(build, 'bench-editor-%d.db' % contacts)

    if not os.path.exists(db):
        subprocess.run([cli, '--db', db, 'demo', '--contacts', str(contacts)], check=True)
    if subprocess.run([cli, '--db', db, 'groups', 'show', 'bench'], capture_output=True).returncode != 0:
        subprocess.run([cli, '--db', db, 'groups', 'create', 'bench', '--name', 'Benchmark', '--dynamic',
                        '--condition', '-'], input=json.dumps(CONDITION), text=True, check=True)

    for title, typing in [('one edit at a time', False), ('typed as two keystrokes', True)]:
        env = dict(os.environ, COHORT_EDITOR_BENCH='20', GSETTINGS_BACKEND='memory')
        if typing:
            env['COHORT_EDITOR_BENCH_TYPING'] = '1'
        print('# %s, %d contacts' % (title, contacts), flush=True)
        subprocess.run([demo, '--db', db, '--group', 'bench'], env=env, check=True)


if __name__ == '__main__':
    main()
