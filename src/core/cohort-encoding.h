/* cohort-encoding.h — which character encoding a file is in
 *
 * Encodings are named as iconv names them ("UTF-8", "WINDOWS-1252",
 * "ISO-8859-1", "UTF-16"); cohort_encoding_display_name() gives the name a
 * marketer knows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COHORT_ENCODING_UTF8 "UTF-8"

typedef enum
{
  COHORT_ENCODING_GIVEN,       /* the caller named it */
  COHORT_ENCODING_UTF8_VALID,  /* every byte sequence is UTF-8 */
  COHORT_ENCODING_MARKED,      /* a byte-order mark says it */
  COHORT_ENCODING_NOT_UTF8,    /* a legacy encoding, because it is not UTF-8 */
  COHORT_ENCODING_UTF16_NULS,  /* UTF-16 without a mark, by its NUL bytes */
} CohortEncodingReason;

/* Reads @stream to its end and says how it is encoded: UTF-16 by its
 * byte-order mark (or, without one, by NUL bytes in every other place);
 * UTF-8 when every byte sequence is valid UTF-8; otherwise Windows-1252,
 * or ISO-8859-1 when one of the five bytes Windows-1252 leaves undefined
 * occurs. Returns an iconv name. */
char       *cohort_encoding_detect              (GInputStream          *stream,
                                                 CohortEncodingReason  *out_reason,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
/* Checks that @name ("latin1", "cp1252", "utf-16") is an encoding this
 * system can read, and returns it as iconv spells it best. */
char       *cohort_encoding_check               (const char            *name,
                                                 GError               **error);
/* "Windows-1252" for "WINDOWS-1252"; an unknown name as it is. */
const char *cohort_encoding_display_name        (const char            *charset);
/* Whether ASCII text reads the same in @charset (so delimiters, quotes and
 * line ends can be found before the text is converted). */
gboolean    cohort_encoding_is_ascii_compatible (const char            *charset);
gboolean    cohort_encoding_is_utf8             (const char            *charset);
/* For a reader of the input called @name in @charset, which must be ASCII
 * compatible: the converter to UTF-8 in @out_conv, or (GIConv) -1 for
 * UTF-8 itself, which needs none. */
gboolean    cohort_encoding_open_converter      (const char            *charset,
                                                 const char            *name,
                                                 GIConv                *out_conv,
                                                 GError               **error);
/* Appends @len bytes of @in, converted by @conv (to UTF-8), to @out.
 * Returns FALSE on a byte sequence the encoding does not define. */
gboolean    cohort_encoding_convert             (GIConv                 conv,
                                                 const char            *in,
                                                 gsize                  len,
                                                 GString               *out);
/* "read as Windows-1252 (not valid UTF-8)", translated; NULL when there is
 * nothing to say (UTF-8 that is UTF-8). */
char       *cohort_encoding_describe            (const char            *charset,
                                                 CohortEncodingReason   reason);

G_END_DECLS
