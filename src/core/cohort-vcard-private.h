/* cohort-vcard-private.h — one vCard content line, taken apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rank of a value without a preference: after every preferred one. */
#define COHORT_VCARD_NO_PREF 1000

/* Points into the line it was parsed from; nothing is copied. */
typedef struct
{
  const char *name;          /* without its group ("item1.") */
  gsize       name_len;
  gboolean    quoted_printable;
  gboolean    base64;
  const char *charset;       /* NULL: not given */
  gsize       charset_len;
  int         pref;          /* 1 for TYPE=pref, n for PREF=n, else COHORT_VCARD_NO_PREF */
  const char *value;
  gsize       value_len;
} CohortVcardLine;

/* Splits "item1.EMAIL;type=INTERNET;type=pref:a@b.c"; FALSE when @line has
 * no ":" after its name and parameters. */
gboolean    cohort_vcard_line_parse     (const char             *line,
                                         gsize                   len,
                                         CohortVcardLine        *out);
/* Whether the property is @name (ignoring case). */
gboolean    cohort_vcard_line_is        (const CohortVcardLine  *cl,
                                         const char             *name);
/* The value as UTF-8 in @out: QUOTED-PRINTABLE decoded and converted from
 * its CHARSET. FALSE when it is no text in that charset. */
gboolean    cohort_vcard_line_decode    (const CohortVcardLine  *cl,
                                         GString                *out);
/* Component @index (-1: all) of a structured value (";" separated),
 * unescaped into @out: "\\," "\\;" "\\\\" and "\\n" stand for "," ";" "\\"
 * and a line break. In a @list, an escaped comma is no separator: it
 * becomes a space. */
const char *cohort_vcard_component      (const GString          *value,
                                         int                     index,
                                         gboolean                list,
                                         GString                *out);

G_END_DECLS
