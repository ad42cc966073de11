#!/usr/bin/python3
"""Checks the Flatpak manifest against what the app promises its users.

Cohort is offline and reaches files only through the portal's file chooser, so
the sandbox must not grant the network or a home/host file system; the
manifest must still build this source tree with meson. When flatpak-builder
is installed it also parses the manifest the way a real build would.
"""

import json
import os
import shutil
import subprocess
import sys

REQUIRED_KEYS = ('id', 'runtime', 'runtime-version', 'sdk', 'command', 'finish-args', 'modules')
REQUIRED_ARGS = ('--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri')


def forbidden(arg):
    """Why a finish-arg breaks the offline, portal-only promise, or None."""
    if arg == '--share=network':
        return 'gives the sandbox network access, but Cohort is offline'
    if arg.startswith('--filesystem='):
        return 'opens the file system, but files go through the portal file chooser'
    if arg in ('--socket=x11', '--device=all'):
        return 'grants more than a GTK 4 app needs'
    return None


def check(path, app_id, source_root):
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        return [f'cannot be read as JSON: {e}']

    problems = [f'has no "{key}"' for key in REQUIRED_KEYS if key not in manifest]
    if problems:
        return problems

    expected = {
        'id': app_id,
        'runtime': 'org.gnome.Platform',
        'sdk': 'org.gnome.Sdk',
        'command': 'cohort',
    }
    for key, value in expected.items():
        if manifest[key] != value:
            problems.append(f'"{key}" is "{manifest[key]}", expected "{value}"')
    if not isinstance(manifest['runtime-version'], str):
        problems.append('"runtime-version" must be a string such as "43", not a number')
    if os.path.basename(path) != f'{app_id}.json':
        problems.append(f'the file should be named {app_id}.json after the app id')

    finish_args = manifest['finish-args']
    for arg in REQUIRED_ARGS:
        if arg not in finish_args:
            problems.append(f'finish-args lacks {arg}')
    for arg in finish_args:
        reason = forbidden(arg)
        if reason:
            problems.append(f'finish-args has {arg}: it {reason}')

    app = manifest['modules'][-1] if manifest['modules'] else {}
    if not isinstance(app, dict) or app.get('name') != 'cohort':
        return problems + ['the last module must be "cohort", the app itself']
    if app.get('buildsystem') != 'meson':
        problems.append('the cohort module must use "buildsystem": "meson"')
    if app_id.endswith('.Devel') and '-Dprofile=development' not in app.get('config-opts', []):
        problems.append('a .Devel manifest must configure with -Dprofile=development')
    dirs = [s for s in app.get('sources', []) if s.get('type') == 'dir']
    manifest_dir = os.path.dirname(os.path.abspath(path))
    if not any(os.path.realpath(os.path.join(manifest_dir, s.get('path', ''))) ==
               os.path.realpath(source_root) for s in dirs):
        problems.append('the cohort module must build this source tree (a "dir" source pointing at it)')

    builder = shutil.which('flatpak-builder')
    if builder:
        result = subprocess.run([builder, '--show-manifest', path],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True, check=False)
        if result.returncode != 0:
            problems.append(f'flatpak-builder cannot read it: {result.stderr.strip()}')
    return problems


def main():
    if len(sys.argv) != 4:
        print(f'usage: {sys.argv[0]} MANIFEST APP_ID SOURCE_ROOT', file=sys.stderr)
        return 1
    path = sys.argv[1]
    problems = check(path, sys.argv[2], sys.argv[3])
    for problem in problems:
        print(f'{path}: {problem}', file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
