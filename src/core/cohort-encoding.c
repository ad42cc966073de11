/* cohort-encoding.c — which character encoding a file is in
 *
 * The files marketers bring come from Excel and Outlook on Windows as often
 * as from anywhere: what is not UTF-8 is almost always Windows-1252, whose
 * printable range is a superset of ISO-8859-1's. Valid UTF-8 is very
 * unlikely to happen by chance in such a file, so the whole file is checked
 * before anything is believed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "cohort-encoding.h"
#include "cohort-error.h"

#define BLOCK_SIZE (64 * 1024)

/* Bytes Windows-1252 leaves undefined; iconv refuses them. */
static gboolean
is_undefined_in_cp1252 (guchar c)
{
  return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
}

/* NUL bytes at odd places are UTF-16 LE text in ASCII's range, at even
 * places big-endian. */
static const char *
sniff_utf16 (const guchar *p,
             gsize         len)
{
  gsize nul[2] = { 0, 0 };

  if (len < 8)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (p[i] == 0)
      nul[i % 2]++;
  if (nul[1] > len / 4 && nul[0] == 0)
    return "UTF-16LE";
  if (nul[0] > len / 4 && nul[1] == 0)
    return "UTF-16BE";
  return NULL;
}

/* Validates UTF-8 as g_utf8_validate_len() does, but takes NUL bytes as
 * text: they are the reader's to reject, row by row. Returns how many bytes
 * of @p are whole, valid sequences; *out_bad is set when a sequence is
 * invalid (rather than cut short by the end of @p). */
static gsize
valid_utf8_prefix (const guchar *p,
                   gsize         len,
                   gboolean     *out_bad)
{
  gsize done = 0;

  *out_bad = FALSE;
  while (done < len)
    {
      const char *end;

      if (g_utf8_validate_len ((const char *) p + done, len - done, &end))
        return len;
      done = (const guchar *) end - p;
      if (p[done] == 0)
        {
          done++;
          continue;
        }
      /* A sequence that may go on in the next block. */
      if (len - done < 4 && g_utf8_get_char_validated ((const char *) p + done, len - done) == (gunichar) -2)
        return done;
      *out_bad = TRUE;
      return done;
    }
  return done;
}

char *
cohort_encoding_detect (GInputStream          *stream,
                        CohortEncodingReason  *out_reason,
                        GCancellable          *cancellable,
                        GError               **error)
{
  g_autofree guchar *block = g_malloc (BLOCK_SIZE);
  gsize carried = 0;
  gboolean first = TRUE;
  gboolean utf8 = TRUE;
  gboolean undefined = FALSE;
  CohortEncodingReason reason = COHORT_ENCODING_UTF8_VALID;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  for (;;)
    {
      gsize n = 0;
      gsize len;

      if (!g_input_stream_read_all (stream, block + carried, BLOCK_SIZE - carried, &n, cancellable, error))
        return NULL;
      len = carried + n;
      carried = 0;

      if (first)
        {
          const char *utf16;

          first = FALSE;
          if (len >= 2 && ((block[0] == 0xFF && block[1] == 0xFE) || (block[0] == 0xFE && block[1] == 0xFF)))
            {
              if (out_reason != NULL)
                *out_reason = COHORT_ENCODING_MARKED;
              /* iconv's "UTF-16" reads the mark and drops it. */
              return g_strdup ("UTF-16");
            }
          if (len >= 3 && block[0] == 0xEF && block[1] == 0xBB && block[2] == 0xBF)
            {
              if (out_reason != NULL)
                *out_reason = COHORT_ENCODING_MARKED;
              return g_strdup (COHORT_ENCODING_UTF8);
            }
          if ((utf16 = sniff_utf16 (block, len)) != NULL)
            {
              if (out_reason != NULL)
                *out_reason = COHORT_ENCODING_UTF16_NULS;
              return g_strdup (utf16);
            }
        }

      if (utf8)
        {
          gboolean bad;
          gsize valid = valid_utf8_prefix (block, len, &bad);

          if (bad || (n == 0 && valid < len))
            utf8 = FALSE;
          else if (valid < len)
            {
              carried = len - valid;
              memmove (block, block + valid, carried);
            }
        }
      if (!utf8)
        for (gsize i = 0; i < len && !undefined; i++)
          undefined = is_undefined_in_cp1252 (block[i]);

      if (n == 0 || undefined)
        break;
    }

  if (!utf8)
    reason = COHORT_ENCODING_NOT_UTF8;
  if (out_reason != NULL)
    *out_reason = reason;
  if (utf8)
    return g_strdup (COHORT_ENCODING_UTF8);
  return g_strdup (undefined ? "ISO-8859-1" : "WINDOWS-1252");
}

static const struct
{
  const char *alias;      /* lower case, without - and _ */
  const char *charset;
  const char *display;
} known[] = {
  { "utf8", "UTF-8", "UTF-8" },
  { "windows1252", "WINDOWS-1252", "Windows-1252" },
  { "cp1252", "WINDOWS-1252", "Windows-1252" },
  { "ansi", "WINDOWS-1252", "Windows-1252" },
  { "iso88591", "ISO-8859-1", "ISO-8859-1" },
  { "latin1", "ISO-8859-1", "ISO-8859-1" },
  { "iso885915", "ISO-8859-15", "ISO-8859-15" },
  { "latin9", "ISO-8859-15", "ISO-8859-15" },
  { "macroman", "MACINTOSH", "Mac OS Roman" },
  { "macintosh", "MACINTOSH", "Mac OS Roman" },
  { "utf16", "UTF-16", "UTF-16" },
  { "utf16le", "UTF-16LE", "UTF-16 LE" },
  { "utf16be", "UTF-16BE", "UTF-16 BE" },
};

static char *
squeeze (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (*p != '-' && *p != '_' && *p != ' ')
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

char *
cohort_encoding_check (const char  *name,
                       GError     **error)
{
  g_autofree char *key = NULL;
  GIConv conv;

  g_return_val_if_fail (name != NULL, NULL);

  key = squeeze (name);
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (key, known[i].alias) == 0)
      return g_strdup (known[i].charset);

  conv = *name != '\0' ? g_iconv_open (COHORT_ENCODING_UTF8, name) : (GIConv) -1;
  if (conv == (GIConv) -1)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” is not an encoding this system can read (try UTF-8, Windows-1252, ISO-8859-1 or UTF-16)"),
                   name);
      return NULL;
    }
  g_iconv_close (conv);
  return g_ascii_strup (name, -1);
}

const char *
cohort_encoding_display_name (const char *charset)
{
  g_return_val_if_fail (charset != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (charset, known[i].charset) == 0)
      return known[i].display;
  return charset;
}

gboolean
cohort_encoding_is_utf8 (const char *charset)
{
  return charset == NULL || g_ascii_strcasecmp (charset, COHORT_ENCODING_UTF8) == 0;
}

gboolean
cohort_encoding_is_ascii_compatible (const char *charset)
{
  static const char probe[] = "email,\"a\";b\tc\r\n";
  g_autofree char *out = NULL;
  gsize written = 0;

  if (cohort_encoding_is_utf8 (charset))
    return TRUE;
  out = g_convert (probe, -1, charset, COHORT_ENCODING_UTF8, NULL, &written, NULL);
  return out != NULL && written == strlen (probe) && memcmp (out, probe, written) == 0;
}

char *
cohort_encoding_describe (const char           *charset,
                          CohortEncodingReason  reason)
{
  const char *display = cohort_encoding_display_name (charset);

  switch (reason)
    {
    case COHORT_ENCODING_NOT_UTF8:
      return g_strdup_printf (_("read as %s (not valid UTF-8)"), display);
    case COHORT_ENCODING_MARKED:
      return cohort_encoding_is_utf8 (charset) ? NULL
                                               : g_strdup_printf (_("read as %s (by its byte-order mark)"), display);
    case COHORT_ENCODING_UTF16_NULS:
      return g_strdup_printf (_("read as %s (by its NUL bytes)"), display);
    case COHORT_ENCODING_GIVEN:
      return g_strdup_printf (_("read as %s (as asked)"), display);
    case COHORT_ENCODING_UTF8_VALID:
    default:
      return NULL;
    }
}

gboolean
cohort_encoding_convert (GIConv      conv,
                         const char *in,
                         gsize       len,
                         GString    *out)
{
  char *p = (char *) in;

  g_iconv (conv, NULL, NULL, NULL, NULL);
  while (len > 0)
    {
      gsize used = out->len;
      gsize room = MAX (len * 4, 16);
      gsize out_left = room;
      char *q;

      g_string_set_size (out, used + room);
      q = out->str + used;
      if (g_iconv (conv, &p, &len, &q, &out_left) == (gsize) -1 && errno != E2BIG)
        {
          g_string_set_size (out, used);
          return FALSE;
        }
      g_string_set_size (out, used + (room - out_left));
    }
  return TRUE;
}

gboolean
cohort_encoding_open_converter (const char  *charset,
                                const char  *name,
                                GIConv      *out_conv,
                                GError     **error)
{
  *out_conv = (GIConv) -1;
  if (cohort_encoding_is_utf8 (charset))
    return TRUE;
  if (!cohort_encoding_is_ascii_compatible (charset) ||
      (*out_conv = g_iconv_open (COHORT_ENCODING_UTF8, charset)) == (GIConv) -1)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s: the encoding %s cannot be read here"),
                   name, cohort_encoding_display_name (charset));
      return FALSE;
    }
  return TRUE;
}
