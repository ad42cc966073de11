/* cohort-vcard-line.c — one vCard content line, taken apart
 *
 * Parameters come in every spelling the versions and their writers use:
 * "TYPE=work,voice", "TYPE=\"work,voice\"", repeated "type=pref", vCard
 * 2.1's bare "PREF" and "QUOTED-PRINTABLE", 4.0's "PREF=1". Nothing is
 * copied: a card with many lines costs no allocation per line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cohort-encoding.h"
#include "cohort-vcard-private.h"

static gboolean
span_is (const char *p,
         gsize       len,
         const char *word)
{
  return len == strlen (word) && g_ascii_strncasecmp (p, word, len) == 0;
}

/* The items of a comma-separated TYPE list. */
static gboolean
list_has (const char *p,
          gsize       len,
          const char *word)
{
  const char *end = p + len;

  while (p < end)
    {
      const char *comma = memchr (p, ',', end - p);
      const char *item_end = comma != NULL ? comma : end;
      const char *q = p;

      while (q < item_end && g_ascii_isspace (*q))
        q++;
      while (item_end > q && g_ascii_isspace (item_end[-1]))
        item_end--;
      if (span_is (q, item_end - q, word))
        return TRUE;
      p = comma != NULL ? comma + 1 : end;
    }
  return FALSE;
}

static void
take_param (CohortVcardLine *cl,
            const char      *param,
            gsize            len)
{
  const char *eq = memchr (param, '=', len);
  const char *pname = eq != NULL ? param : "TYPE";
  gsize pname_len = eq != NULL ? (gsize) (eq - param) : strlen ("TYPE");
  const char *values = eq != NULL ? eq + 1 : param;
  gsize values_len = eq != NULL ? len - (eq + 1 - param) : len;

  if (values_len >= 2 && values[0] == '"' && values[values_len - 1] == '"')
    {
      values++;
      values_len -= 2;
    }

  if (eq == NULL || span_is (pname, pname_len, "ENCODING"))
    {
      if (span_is (values, values_len, "QUOTED-PRINTABLE"))
        cl->quoted_printable = TRUE;
      else if (span_is (values, values_len, "B") || span_is (values, values_len, "BASE64"))
        cl->base64 = TRUE;
    }
  if (span_is (pname, pname_len, "CHARSET"))
    {
      cl->charset = values;
      cl->charset_len = values_len;
    }
  if (span_is (pname, pname_len, "PREF") && values_len > 0 && values_len <= 2)
    {
      int n = 0;

      for (gsize i = 0; i < values_len && n >= 0; i++)
        n = g_ascii_isdigit (values[i]) ? n * 10 + (values[i] - '0') : -1;
      if (n >= 1)
        cl->pref = MIN (cl->pref, n);
    }
  if (span_is (pname, pname_len, "TYPE") && list_has (values, values_len, "pref"))
    cl->pref = 1;
}

gboolean
cohort_vcard_line_parse (const char      *line,
                         gsize            len,
                         CohortVcardLine *cl)
{
  const char *p = line;
  const char *end = line + len;
  const char *name_end;
  gboolean quoted = FALSE;

  memset (cl, 0, sizeof *cl);
  cl->pref = COHORT_VCARD_NO_PREF;

  for (name_end = p; name_end < end && *name_end != ';' && *name_end != ':'; name_end++)
    ;
  if (name_end == end)
    return FALSE;
  cl->name = p;
  for (const char *q = p; q < name_end; q++)
    if (*q == '.')
      cl->name = q + 1;
  cl->name_len = name_end - cl->name;

  p = name_end;
  while (p < end && *p == ';')
    {
      const char *start = ++p;

      for (; p < end && (quoted || (*p != ';' && *p != ':')); p++)
        if (*p == '"')
          quoted = !quoted;
      if (p > start)
        take_param (cl, start, p - start);
    }
  if (p == end)
    return FALSE;
  cl->value = p + 1;
  cl->value_len = end - cl->value;
  return TRUE;
}

gboolean
cohort_vcard_line_is (const CohortVcardLine *cl,
                      const char            *name)
{
  return span_is (cl->name, cl->name_len, name);
}

static int
hex_value (char c)
{
  if (g_ascii_isdigit (c))
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static void
decode_quoted_printable (const char *in,
                         gsize       len,
                         GString    *out)
{
  for (gsize i = 0; i < len; i++)
    {
      int hi, lo;

      if (in[i] == '=' && i + 2 < len && (hi = hex_value (in[i + 1])) >= 0 && (lo = hex_value (in[i + 2])) >= 0)
        {
          g_string_append_c (out, (char) (hi * 16 + lo));
          i += 2;
        }
      else
        g_string_append_c (out, in[i]);
    }
}

gboolean
cohort_vcard_line_decode (const CohortVcardLine *cl,
                          GString               *out)
{
  g_autofree char *charset = NULL;
  g_autofree char *utf8 = NULL;
  gsize written = 0;

  g_string_truncate (out, 0);
  if (!cl->quoted_printable)
    {
      g_string_append_len (out, cl->value, cl->value_len);
      return g_utf8_validate_len (out->str, out->len, NULL);
    }

  decode_quoted_printable (cl->value, cl->value_len, out);
  charset = cl->charset != NULL ? g_strndup (cl->charset, cl->charset_len) : NULL;
  if (charset != NULL && !cohort_encoding_is_utf8 (charset))
    utf8 = g_convert (out->str, out->len, COHORT_ENCODING_UTF8, charset, NULL, &written, NULL);
  /* Phones that say nothing, or UTF-8, and mean Windows-1252. */
  else if (!g_utf8_validate_len (out->str, out->len, NULL))
    utf8 = g_convert (out->str, out->len, COHORT_ENCODING_UTF8, "WINDOWS-1252", NULL, &written, NULL);
  else
    return TRUE;
  if (utf8 == NULL || !g_utf8_validate_len (utf8, written, NULL))
    return FALSE;
  g_string_truncate (out, 0);
  g_string_append_len (out, utf8, written);
  return TRUE;
}

const char *
cohort_vcard_component (const GString *value,
                        int            index,
                        gboolean       list,
                        GString       *out)
{
  const char *p = value->str;
  const char *end = p + value->len;
  int at = 0;

  g_string_truncate (out, 0);
  for (; p < end; p++)
    {
      char c = *p;

      if (c == '\\' && p + 1 < end)
        {
          c = *++p;
          if (c == 'n' || c == 'N')
            c = '\n';
          else if (c == ',' && list)
            c = ' ';
        }
      else if (c == ';' && index >= 0)
        {
          if (at++ == index)
            break;
          continue;
        }
      if (index < 0 || at == index)
        g_string_append_c (out, c);
    }
  return out->str;
}
