#!/usr/bin/python3
"""Checks that the app icons are SVG a renderer can draw as intended.

Every file must be well-formed SVG with the canvas GNOME expects (128 px for a
full-colour icon, 16 px for a symbolic one), every internal reference
(url(#…) or href="#…") must name an element of the same file, and nothing may
depend on the machine (embedded bitmaps, text in some font). A symbolic icon
is recoloured by GTK, so it may only use the one foreground colour #2e3436.
"""

import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
XLINK_HREF = '{http://www.w3.org/1999/xlink}href'
SYMBOLIC_COLOR = '#2e3436'
FORBIDDEN = ('image', 'text', 'script', 'foreignObject')
PAINT_ATTRS = ('fill', 'stroke', 'stop-color', 'color')


def local_name(tag):
    return tag[len(SVG):] if tag.startswith(SVG) else tag


def style_values(element):
    """The element's presentation attributes and its style="" declarations."""
    values = {name: element.get(name) for name in PAINT_ATTRS if element.get(name)}
    for declaration in (element.get('style') or '').split(';'):
        name, _, value = declaration.partition(':')
        if name.strip() in PAINT_ATTRS and value.strip():
            values[name.strip()] = value.strip()
    return values


def check(path):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        return [f'not well-formed XML: {e}']

    if root.tag != SVG + 'svg':
        return [f'the root element is <{root.tag}>, not an SVG <svg> element']

    symbolic = path.endswith('-symbolic.svg')
    size = 16 if symbolic else 128
    expected_box = f'0 0 {size} {size}'
    view_box = ' '.join((root.get('viewBox') or '').replace(',', ' ').split())
    if view_box != expected_box:
        problems.append(f'viewBox is "{root.get("viewBox")}", expected "{expected_box}"')
    for dimension in ('width', 'height'):
        if root.get(dimension) != str(size):
            problems.append(f'{dimension} is "{root.get(dimension)}", expected "{size}"')

    ids = {e.get('id') for e in root.iter() if e.get('id')}
    for element in root.iter():
        name = local_name(element.tag)
        if name in FORBIDDEN:
            problems.append(f'<{name}> is not allowed in an app icon')
        references = []
        for value in element.attrib.values():
            references += re.findall(r'url\(\s*#([^)\s]+)\s*\)', value)
        for href in (element.get('href'), element.get(XLINK_HREF)):
            if href:
                if not href.startswith('#'):
                    problems.append(f'<{name}> refers to "{href}" outside the file')
                else:
                    references.append(href[1:])
        for ref in references:
            if ref not in ids:
                problems.append(f'<{name}> refers to "#{ref}", which no element has as id')

        if symbolic:
            if name in ('linearGradient', 'radialGradient', 'pattern', 'filter', 'mask'):
                problems.append(f'<{name}> in a symbolic icon: GTK can only recolour flat fills')
            for attr, value in style_values(element).items():
                if value.lower() not in ('none', SYMBOLIC_COLOR, 'currentcolor'):
                    problems.append(f'{attr}="{value}" on <{name}>: a symbolic icon uses only {SYMBOLIC_COLOR}')
    return problems


def main():
    if len(sys.argv) < 2:
        print(f'usage: {sys.argv[0]} ICON.svg...', file=sys.stderr)
        return 1
    failed = False
    for path in sys.argv[1:]:
        for problem in check(path):
            print(f'{path}: {problem}', file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
