/* cohort-text.h — text folding and date-time parsing shared by the store,
 * the importer and the condition compiler, so that stored values and
 * condition operands are normalised by exactly the same code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Trims surrounding white space. Returns NULL for NULL or an all-blank text
 * (an empty text is the same as a missing one). */
char     *cohort_text_clean        (const char  *text);
/* Where cohort_text_clean() would begin, and (@out_len) its length; NULL
 * instead of an empty text. Nothing is copied. */
const char *cohort_text_trim      (const char  *text,
                                   gsize       *out_len);

/* cohort_text_clean(), then NFC and g_utf8_casefold(): the form every text
 * comparison uses. NULL for a missing or blank text. @text must be UTF-8. */
char     *cohort_text_fold         (const char  *text);
/* When @text (trimmed) is all ASCII, folds it where it lies — its lower
 * case — and returns TRUE; otherwise leaves it and returns FALSE. */
gboolean  cohort_text_fold_ascii   (char        *text);

/* Parses ISO 8601: "2024-05-01", "2024-05-01T10:00", "2024-05-01 10:00:00",
 * with an optional "Z" or "+02:00" offset. Without an offset the time is read
 * in @tz; a date alone is 00:00 of that day. Stores Unix seconds (UTC). */
gboolean  cohort_datetime_parse    (const char  *text,
                                    GTimeZone   *tz,
                                    gint64      *out_unix,
                                    GError     **error);

/* "2024-05-01T08:00:00Z" */
char     *cohort_datetime_format   (gint64       unix_time);

gboolean  cohort_parse_int64       (const char  *text,
                                    gint64      *out_value);

/* Prefixes a "'" when a CSV cell would be read as a formula by a spreadsheet. */
char     *cohort_csv_guard_cell    (const char  *cell);

G_END_DECLS
