#!/usr/bin/env python3
"""Fill the English singular/plural forms in translations/switchboard_en.ts.

The source texts are English, but a plural message is written once for every count:
tr("%n client(s)", nullptr, n). switchboard_en.ts holds only those plural messages
(lupdate -pluralonly, run by the update_translations target) so that English reads
"1 client" / "2 clients"; every other string falls back to its source text.

Workflow (see translations/README.md):
    ninja -C BUILD update_translations      # lupdate: new plural messages appear unfinished
    python3 translations/fill_en.py         # fills them by rule (below)
    ninja -C BUILD release_translations     # lrelease: "N finished and 0 unfinished"

Rule, applied to every "word(suffix)" of the source: "(s)" and "(es)" are dropped in the
singular and kept without brackets in the plural; "entry(ies)" becomes "entry" / "entries". Messages
whose singular needs more than that (verb agreement: "%n user(s) are connected") are
spelled out in EXCEPTIONS. Messages without any bracketed suffix ("retry in %n s") get
the source text in both forms.

Only unfinished messages are touched unless --force is given; --dry-run only reports.
The exit code is 1 if a source has a bracketed suffix the rule does not know (add it to
EXCEPTIONS), 0 otherwise.
"""

import argparse
import html
import os
import re
import sys

# source → (singular, plural), for messages whose singular is more than the word without "(s)".
EXCEPTIONS = {
    'This program hosts a server and %n user(s) are connected: %1. They will be cut off.':
    ('This program hosts a server and %n user is connected: %1. They will be cut off.',
     'This program hosts a server and %n users are connected: %1. They will be cut off.'),
    'This program hosts a server with %n connection(s) not logged in; they will be cut off.':
    ('This program hosts a server with %n connection not logged in; it will be cut off.',
     'This program hosts a server with %n connections not logged in; they will be cut off.'),
    '%n transfer(s) have not finished: %1. They resume the next time you log in.':
    ('%n transfer has not finished: %1. It resumes the next time you log in.',
     '%n transfers have not finished: %1. They resume the next time you log in.'),
    '%n unsent message(s) are kept for %1 and will be sent when %1 logs in again.':
    ('%n unsent message is kept for %1 and will be sent when %1 logs in again.',
     '%n unsent messages are kept for %1 and will be sent when %1 logs in again.'),
    # %n counts the finished files, but "file(s)" belongs to the total %1, nearly always more than one.
    '%n of %1 file(s) done': ('%n of %1 files done', '%n of %1 files done'),
    # Sources written in the plural only.
    '%n bytes': ('%n byte', '%n bytes'),
    ' + %n payload bytes': (' + %n payload byte', ' + %n payload bytes'),
}

SUFFIX = re.compile(r'(?<=[A-Za-z])\((s|es)\)')
ANY_SUFFIX = re.compile(r'(?<=[A-Za-z])\([a-z]+\)')
MESSAGE = re.compile(r'<message numerus="yes">\s*<source>(?P<source>.*?)</source>\s*'
                     r'(?P<translation><translation(?P<attrs>[^>]*)>.*?</translation>)', re.S)


def forms(source):
    """(singular, plural) for a source text, or None if it has a suffix the rule does not know."""
    if source in EXCEPTIONS:
        return EXCEPTIONS[source]
    one = re.sub(r'y\(ies\)', 'y', source)
    many = re.sub(r'y\(ies\)', 'ies', source)
    if SUFFIX.sub('', one) != ANY_SUFFIX.sub('', one):
        return None
    return SUFFIX.sub('', one), SUFFIX.sub(lambda m: m.group(1), many)


def escape(s):
    """Escape like lupdate does."""
    return (s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
            .replace('"', '&quot;').replace("'", '&apos;'))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--ts', default=os.path.join(here, 'switchboard_en.ts'))
    ap.add_argument('--force', action='store_true')
    ap.add_argument('--dry-run', action='store_true')
    args = ap.parse_args()

    with open(args.ts, encoding='utf-8') as f:
        text = f.read()

    stats = {'filled': 0, 'kept': 0}
    unknown = []

    def fill(m):
        source = html.unescape(m.group('source'))
        if 'unfinished' not in m.group('attrs') and not args.force:
            stats['kept'] += 1
            return m.group(0)
        result = forms(source)
        if result is None:
            unknown.append(source)
            return m.group(0)
        stats['filled'] += 1
        translation = ('<translation>\n'
                       + ''.join('            <numerusform>%s</numerusform>\n' % escape(f) for f in result)
                       + '        </translation>')
        return m.group(0).replace(m.group('translation'), translation)

    new = MESSAGE.sub(fill, text)
    if new != text and not args.dry_run:
        with open(args.ts, 'w', encoding='utf-8') as f:
            f.write(new)
    print('%s: filled %d, already translated %d, unknown %d'
          % (os.path.relpath(args.ts), stats['filled'], stats['kept'], len(unknown)))
    for source in unknown:
        print('  no rule for %r: add it to EXCEPTIONS' % source)
    return 1 if unknown else 0


if __name__ == '__main__':
    sys.exit(main())
