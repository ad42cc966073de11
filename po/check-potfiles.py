#!/usr/bin/python3
"""Checks that po/POTFILES.in lists exactly the files with translatable text.

A file missing from the list silently stays English in every translation, and
a listed file that no longer exists breaks `ninja cohort-pot`. The list must be
sorted so that changes to it merge cleanly. With --xgettext, the strings are
also extracted the way the glib preset does, so a file xgettext cannot parse
fails here rather than at release time.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

C_MARKER = re.compile(r'(?<![A-Za-z0-9_])(?:(?:N|C|NC)?_\s*\(\s*"|g_dngettext\s*\(|ngettext\s*\()')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
# What meson's i18n.gettext(preset: 'glib') passes to xgettext.
GLIB_PRESET = ['--from-code=UTF-8', '--add-comments',
               '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
               '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
               '--keyword=g_dpgettext2:2c,3']


def read_potfiles(path):
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith('#')]


def files_with_strings(root):
    """Every source file under src/, ui/ and data/ that holds translatable text."""
    found = []
    for top, pattern, suffixes in (('src', C_MARKER, ('.c', '.h')),
                                   ('ui', UI_MARKER, ('.ui',))):
        for directory, _, names in os.walk(os.path.join(root, top)):
            for name in names:
                if not name.endswith(suffixes):
                    continue
                path = os.path.join(directory, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    if pattern.search(f.read()):
                        found.append(os.path.relpath(path, root))
    data = os.path.join(root, 'data')
    for name in os.listdir(data):
        if name.endswith(('.desktop.in', '.metainfo.xml.in', '.gschema.xml')):
            found.append(os.path.join('data', name))
    return sorted(found)


def extract(root, potfiles, xgettext):
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run([xgettext, *GLIB_PRESET, '--package-name=cohort',
                                 f'--directory={root}', f'--files-from={potfiles}',
                                 f'--output={os.path.join(tmp, "cohort.pot")}'],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, check=False)
    if result.returncode != 0:
        return [f'xgettext cannot extract the strings: {result.stdout.strip()}']
    return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('source_root')
    parser.add_argument('--xgettext', metavar='PATH')
    args = parser.parse_args()

    potfiles = os.path.join(args.source_root, 'po', 'POTFILES.in')
    listed = read_potfiles(potfiles)
    problems = []
    if listed != sorted(listed):
        problems.append('the list is not sorted (run: sort -o po/POTFILES.in po/POTFILES.in)')
    if len(set(listed)) != len(listed):
        problems.append('some files are listed twice')
    for path in listed:
        if not os.path.isfile(os.path.join(args.source_root, path)):
            problems.append(f'{path} is listed but does not exist')
    for path in files_with_strings(args.source_root):
        if path not in listed:
            problems.append(f'{path} has translatable strings but is not listed')
    if not problems and args.xgettext:
        problems += extract(args.source_root, potfiles, args.xgettext)

    for problem in problems:
        print(f'po/POTFILES.in: {problem}', file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
