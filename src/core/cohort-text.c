/* cohort-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <stdlib.h>
#include <errno.h>

#include "cohort-error.h"
#include "cohort-text.h"

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0xFEFF || c == 0x200B;
}

static void
trim_bounds (const char  *text,
             const char **out_start,
             const char **out_end)
{
  const char *start = text;
  const char *end = text + strlen (text);

  /* Printable ASCII at both ends: nothing to trim, no Unicode tables. */
  if (start == end ||
      ((guchar) start[0] > ' ' && (guchar) start[0] < 0x7f &&
       (guchar) end[-1] > ' ' && (guchar) end[-1] < 0x7f))
    {
      *out_start = start;
      *out_end = end;
      return;
    }

  while (start < end && is_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  *out_start = start;
  *out_end = end;
}

const char *
cohort_text_trim (const char *text,
                  gsize      *out_len)
{
  const char *start, *end;

  if (text == NULL)
    return NULL;
  trim_bounds (text, &start, &end);
  if (start == end)
    return NULL;
  *out_len = end - start;
  return start;
}

char *
cohort_text_clean (const char *text)
{
  gsize len = 0;
  const char *start = cohort_text_trim (text, &len);

  return start != NULL ? g_strndup (start, len) : NULL;
}

gboolean
cohort_text_fold_ascii (char *text)
{
  char *p;

  for (p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  for (p = text; *p != '\0'; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p += 'a' - 'A';
  return TRUE;
}

char *
cohort_text_fold (const char *text)
{
  g_autofree char *nfc = NULL;
  char *out;
  gsize len = 0;
  const char *start = cohort_text_trim (text, &len);

  if (start == NULL)
    return NULL;

  /* Most contact data is ASCII: fold it without the Unicode tables. */
  out = g_strndup (start, len);
  if (cohort_text_fold_ascii (out))
    return out;
  g_free (out);

  nfc = g_utf8_normalize (start, len, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return NULL;
  return g_utf8_casefold (nfc, -1);
}

static gboolean
parse_digits (const char **p,
              guint        n,
              int         *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

gboolean
cohort_datetime_parse (const char  *text,
                       GTimeZone   *tz,
                       gint64      *out_unix,
                       GError     **error)
{
  g_autofree char *clean = cohort_text_clean (text);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) dt = NULL;
  const char *p = clean;
  int year, month, day, hour = 0, minute = 0, second = 0;

  if (clean == NULL)
    goto invalid;

  if (!parse_digits (&p, 4, &year) || *p++ != '-' ||
      !parse_digits (&p, 2, &month) || *p++ != '-' ||
      !parse_digits (&p, 2, &day))
    goto invalid;

  if (*p == 'T' || *p == 't' || *p == ' ')
    {
      p++;
      if (!parse_digits (&p, 2, &hour) || *p++ != ':' || !parse_digits (&p, 2, &minute))
        goto invalid;
      if (*p == ':')
        {
          p++;
          if (!parse_digits (&p, 2, &second))
            goto invalid;
          /* Fractions are accepted but times are stored to the second. */
          if (*p == '.' || *p == ',')
            {
              const char *start = p + 1;
              p++;
              while (g_ascii_isdigit (*p))
                p++;
              if (p == start)
                goto invalid;
            }
        }
    }

  if (*p == 'Z' || *p == 'z')
    {
      zone = g_time_zone_new_utc ();
      p++;
    }
  else if (*p == '+' || *p == '-')
    {
      int oh = 0, om = 0;
      char sign = *p++;
      char ident[16];

      if (!parse_digits (&p, 2, &oh))
        goto invalid;
      if (*p == ':')
        p++;
      if (g_ascii_isdigit (*p) && !parse_digits (&p, 2, &om))
        goto invalid;
      if (oh > 23 || om > 59)
        goto invalid;
      g_snprintf (ident, sizeof ident, "%c%02d:%02d", sign, oh, om);
      zone = g_time_zone_new_identifier (ident);
      if (zone == NULL)
        goto invalid;
    }
  else if (*p == '\0')
    {
      zone = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
    }

  if (*p != '\0' || zone == NULL)
    goto invalid;

  if (month < 1 || month > 12 || day < 1 || day > g_date_get_days_in_month (month, year) ||
      hour > 23 || minute > 59 || second > 60 || year < 1)
    goto invalid;

  dt = g_date_time_new (zone, year, month, day, hour, minute, second);
  if (dt == NULL)
    goto invalid;

  *out_unix = g_date_time_to_unix (dt);
  return TRUE;

invalid:
  g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
               "“%s” is not a date (expected ISO 8601 such as 2024-05-31 or 2024-05-31T14:30:00+02:00)",
               text ? text : "");
  return FALSE;
}

char *
cohort_datetime_format (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
cohort_parse_int64 (const char *text,
                    gint64     *out_value)
{
  g_autofree char *clean = cohort_text_clean (text);
  char *end = NULL;
  gint64 v;

  if (clean == NULL)
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (clean, &end, 10);
  if (errno != 0 || end == clean || *end != '\0')
    return FALSE;
  *out_value = v;
  return TRUE;
}

char *
cohort_csv_guard_cell (const char *cell)
{
  if (cell == NULL)
    return g_strdup ("");
  if (strchr ("=+-@\t\r", cell[0]) != NULL && cell[0] != '\0')
    return g_strconcat ("'", cell, NULL);
  return g_strdup (cell);
}
