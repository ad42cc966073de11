/* cohort-vcard.c — a streaming vCard (2.1, 3.0, 4.0) reader
 *
 * Lines are unfolded as RFC 6350 §3.2 says (a line that begins with a space
 * or tab goes on the one before it), and as vCard 2.1 says for
 * QUOTED-PRINTABLE values (a "=" at the end of a line is a soft break).
 * What old phones, Apple and Google write is read leniently: groups
 * ("item1.EMAIL"), bare 2.1 parameters ("TEL;WORK;PREF:"), repeated TYPE
 * parameters. Lines the import does not use are passed over unread, so a
 * card with a photo costs no more than one without.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cohort-encoding.h"
#include "cohort-error.h"
#include "cohort-vcard.h"
#include "cohort-vcard-private.h"

#define BLOCK_SIZE (64 * 1024)
/* A longer line (a photo, say) is only scanned for its end. */
#define MAX_LINE COHORT_CSV_MAX_FIELD

typedef enum
{
  FIELD_EMAIL,
  FIELD_FIRST_NAME,
  FIELD_LAST_NAME,
  FIELD_FULL_NAME,
  FIELD_PHONE,
  FIELD_JOB_TITLE,
  FIELD_COMPANY,
  FIELD_CITY,
  FIELD_COUNTRY,
  FIELD_TAGS,
  FIELD_NOTE,
  N_FIELDS
} Field;

static const char * const header[N_FIELDS + 1] = {
  "email", "first_name", "last_name", "full_name", "phone", "job_title",
  "company", "city", "country", "tags", "note", NULL
};

typedef struct
{
  const char *name;       /* the property */
  Field       field;      /* where its value (or its first component) goes */
  int         component;  /* of a structured value; -1: the whole value */
  Field       field2;     /* a second component, or N_FIELDS */
  int         component2;
  gboolean    ranked;     /* the preferred one of several wins */
  gboolean    list;       /* a comma-separated list, kept whole */
} Property;

static const Property properties[] = {
  { "EMAIL", FIELD_EMAIL, -1, N_FIELDS, 0, TRUE, FALSE },
  { "N", FIELD_LAST_NAME, 0, FIELD_FIRST_NAME, 1, FALSE, FALSE },
  { "FN", FIELD_FULL_NAME, -1, N_FIELDS, 0, FALSE, FALSE },
  { "TEL", FIELD_PHONE, -1, N_FIELDS, 0, TRUE, FALSE },
  { "TITLE", FIELD_JOB_TITLE, -1, N_FIELDS, 0, FALSE, FALSE },
  { "ORG", FIELD_COMPANY, 0, N_FIELDS, 0, FALSE, FALSE },
  { "ADR", FIELD_CITY, 3, FIELD_COUNTRY, 6, TRUE, FALSE },
  { "CATEGORIES", FIELD_TAGS, -1, N_FIELDS, 0, FALSE, TRUE },
  { "NOTE", FIELD_NOTE, -1, N_FIELDS, 0, FALSE, FALSE },
};

struct _CohortVcardReader
{
  GInputStream *stream;
  char *name;
  guchar *block;
  gsize block_len;
  gsize block_pos;
  gboolean at_eof;
  guint64 n_read;
  guint64 size;
  guint line;             /* of the next unread byte */
  gboolean after_cr;

  GIConv conv;
  const char *encoding;

  /* The logical line being parsed, and the physical line read ahead to see
   * whether it continues it. */
  GString *logical;
  guint logical_line;
  gboolean logical_too_long;
  GString *ahead;
  guint ahead_line;
  gboolean ahead_too_long;
  gboolean have_ahead;
  GString *converted;

  gboolean header_done;
  gboolean failed;
  gboolean in_card;
  guint card_line;
  gboolean outside_reported;
  GError *card_error;     /* the first problem of the card being read */
  GString *values[N_FIELDS];
  int ranks[N_FIELDS];
  gboolean has[N_FIELDS];

  GString *decoded;
  GString *unescaped;
  GString *text;          /* the record handed out: fields back to back */
  GPtrArray *fields;
  guint record_line;
};

CohortVcardReader *
cohort_vcard_reader_new (GInputStream *stream,
                         const char   *name,
                         guint64       size)
{
  CohortVcardReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_new0 (CohortVcardReader, 1);
  self->stream = g_object_ref (stream);
  self->name = g_strdup (name);
  self->size = size;
  self->block = g_malloc (BLOCK_SIZE);
  self->line = 1;
  self->record_line = 1;
  self->conv = (GIConv) -1;
  self->logical = g_string_new (NULL);
  self->ahead = g_string_new (NULL);
  self->converted = g_string_new (NULL);
  self->decoded = g_string_new (NULL);
  self->unescaped = g_string_new (NULL);
  self->text = g_string_new (NULL);
  self->fields = g_ptr_array_new ();
  for (guint i = 0; i < N_FIELDS; i++)
    self->values[i] = g_string_new (NULL);
  return self;
}

void
cohort_vcard_reader_free (CohortVcardReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_free (self->name);
  g_free (self->block);
  if (self->conv != (GIConv) -1)
    g_iconv_close (self->conv);
  g_string_free (self->logical, TRUE);
  g_string_free (self->ahead, TRUE);
  g_string_free (self->converted, TRUE);
  g_string_free (self->decoded, TRUE);
  g_string_free (self->unescaped, TRUE);
  g_string_free (self->text, TRUE);
  g_ptr_array_unref (self->fields);
  for (guint i = 0; i < N_FIELDS; i++)
    g_string_free (self->values[i], TRUE);
  g_clear_error (&self->card_error);
  g_free (self);
}

gboolean
cohort_vcard_reader_set_encoding (CohortVcardReader  *self,
                                  const char         *charset,
                                  GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->conv != (GIConv) -1)
    g_iconv_close (self->conv);
  if (!cohort_encoding_open_converter (charset, self->name, &self->conv, error))
    return FALSE;
  if (self->conv != (GIConv) -1)
    self->encoding = cohort_encoding_display_name (charset);
  return TRUE;
}

guint
cohort_vcard_reader_get_line (CohortVcardReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->record_line;
}

const char *
cohort_vcard_reader_get_name (CohortVcardReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

guint64
cohort_vcard_reader_get_position (CohortVcardReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_read - (self->block_len - self->block_pos);
}

guint64
cohort_vcard_reader_get_size (CohortVcardReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

gboolean
cohort_vcard_sniff (const guchar *data,
                    gsize         len)
{
  static const char begin[] = "BEGIN:VCARD";
  gsize i = 0;

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  return len - i >= strlen (begin) && g_ascii_strncasecmp ((const char *) data + i, begin, strlen (begin)) == 0;
}

/* ---- lines ------------------------------------------------------------- */

/* -1: error, 0: end of input, else the next byte. */
static int
next_byte (CohortVcardReader  *self,
           GError            **error)
{
  if (self->block_pos == self->block_len)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n;

      if (self->at_eof)
        return 0;
      n = g_input_stream_read (self->stream, self->block, BLOCK_SIZE, NULL, &local_error);
      if (n < 0)
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("%s:%u: the file could not be read (%s)"),
                       self->name, self->line, local_error->message);
          return -1;
        }
      self->block_pos = 0;
      self->block_len = n;
      self->n_read += n;
      if (n == 0)
        {
          self->at_eof = TRUE;
          return 0;
        }
    }
  return self->block[self->block_pos];
}

/* Reads one physical line into @into, without its line end. Returns 1,
 * 0 at the end of input, -1 on an error. */
static int
read_physical (CohortVcardReader  *self,
               GString            *into,
               guint              *out_line,
               gboolean           *out_too_long,
               GError            **error)
{
  gboolean any = FALSE;

  g_string_truncate (into, 0);
  *out_line = self->line;
  *out_too_long = FALSE;
  for (;;)
    {
      int c = next_byte (self, error);
      const guchar *start, *end, *p;

      if (c < 0)
        return -1;
      if (c == 0 && self->at_eof)
        return any ? 1 : 0;
      any = TRUE;

      if (c == '\r' || c == '\n')
        {
          self->block_pos++;
          if (c == '\n' && self->after_cr)
            {
              /* The LF of a CRLF whose CR ended the line before. */
              self->after_cr = FALSE;
              *out_line = self->line;
              any = FALSE;
              continue;
            }
          self->after_cr = (c == '\r');
          self->line++;
          return 1;
        }
      self->after_cr = FALSE;

      start = self->block + self->block_pos;
      end = self->block + self->block_len;
      for (p = start; p < end && *p != '\r' && *p != '\n'; p++)
        ;
      if (into->len + (p - start) <= MAX_LINE)
        g_string_append_len (into, (const char *) start, p - start);
      else
        *out_too_long = TRUE;
      self->block_pos += p - start;
    }
}

/* Whether the line's parameters (before the first ":") say
 * QUOTED-PRINTABLE. */
static gboolean
is_quoted_printable (const GString *line)
{
  const char *colon = memchr (line->str, ':', line->len);
  gsize len = colon != NULL ? (gsize) (colon - line->str) : line->len;
  g_autofree char *params = g_ascii_strup (line->str, len);

  return strstr (params, "QUOTED-PRINTABLE") != NULL;
}

static void
swap_strings (GString **a,
              GString **b)
{
  GString *t = *a;

  *a = *b;
  *b = t;
}

/* Reads the next logical line into self->logical. Returns as
 * read_physical(). */
static int
read_logical (CohortVcardReader  *self,
              GError            **error)
{
  int r;

  if (!self->have_ahead)
    {
      r = read_physical (self, self->ahead, &self->ahead_line, &self->ahead_too_long, error);
      if (r <= 0)
        return r;
    }
  swap_strings (&self->logical, &self->ahead);
  self->logical_line = self->ahead_line;
  self->logical_too_long = self->ahead_too_long;
  self->have_ahead = FALSE;

  for (;;)
    {
      gboolean folded, soft;

      r = read_physical (self, self->ahead, &self->ahead_line, &self->ahead_too_long, error);
      if (r < 0)
        return r;
      if (r == 0)
        return 1;
      self->have_ahead = TRUE;

      folded = self->ahead->len > 0 && (self->ahead->str[0] == ' ' || self->ahead->str[0] == '\t');
      soft = self->logical->len > 0 && self->logical->str[self->logical->len - 1] == '=' &&
             is_quoted_printable (self->logical);
      if (!folded && !soft)
        return 1;

      if (soft)
        g_string_truncate (self->logical, self->logical->len - 1);
      self->logical_too_long |= self->ahead_too_long;
      if (self->logical->len + self->ahead->len > MAX_LINE)
        self->logical_too_long = TRUE;
      else
        g_string_append_len (self->logical, self->ahead->str + (folded ? 1 : 0),
                             self->ahead->len - (folded ? 1 : 0));
      self->have_ahead = FALSE;
    }
}

/* ---- cards ------------------------------------------------------------- */

/* The value of @cl in self->decoded; FALSE (with the card's error set)
 * when it cannot be read. */
static gboolean
decode_value (CohortVcardReader     *self,
              const CohortVcardLine *cl)
{
  if (cohort_vcard_line_decode (cl, self->decoded))
    return TRUE;
  if (self->card_error == NULL)
    g_set_error (&self->card_error, COHORT_ERROR, COHORT_ERROR_INVALID,
                 _("%s:%u: %.*s: the value is not valid %.*s text"),
                 self->name, self->logical_line, (int) cl->name_len, cl->name,
                 (int) (cl->charset != NULL ? cl->charset_len : strlen (COHORT_ENCODING_UTF8)),
                 cl->charset != NULL ? cl->charset : COHORT_ENCODING_UTF8);
  return FALSE;
}

static const char *
component (CohortVcardReader *self,
           int                index,
           gboolean           list)
{
  return cohort_vcard_component (self->decoded, index, list, self->unescaped);
}

static void
set_field (CohortVcardReader *self,
           Field              field,
           const char        *value,
           int                rank)
{
  if (self->has[field] && self->ranks[field] <= rank)
    return;
  g_string_assign (self->values[field], value);
  self->has[field] = TRUE;
  self->ranks[field] = rank;
}

/* Every CATEGORIES line adds its items; Google's "myContacts", which every
 * contact of its export has, is not one of the user's labels. */
static void
append_items (CohortVcardReader *self,
              Field              field,
              const char        *list)
{
  g_auto(GStrv) items = g_strsplit (list, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] == '\0' || g_ascii_strcasecmp (items[i], "myContacts") == 0)
        continue;
      if (self->values[field]->len > 0)
        g_string_append_c (self->values[field], ',');
      g_string_append (self->values[field], items[i]);
      self->has[field] = TRUE;
    }
}

static void
take_property (CohortVcardReader *self,
               const CohortVcardLine *cl)
{
  const Property *prop = NULL;
  const char *value;
  int rank;

  for (guint i = 0; i < G_N_ELEMENTS (properties) && prop == NULL; i++)
    if (cohort_vcard_line_is (cl, properties[i].name))
      prop = &properties[i];
  if (prop == NULL || cl->base64)
    return;

  if (self->logical_too_long)
    {
      if (self->card_error == NULL)
        g_set_error (&self->card_error, COHORT_ERROR, COHORT_ERROR_INVALID,
                     _("%s:%u: %s: the value is longer than %u MB, the most a field can hold"),
                     self->name, self->logical_line, prop->name, MAX_LINE / (1024 * 1024));
      return;
    }
  if (!decode_value (self, cl))
    return;

  /* The same rank for both parts of an address keeps city and country of
   * one address together. */
  rank = prop->ranked ? cl->pref : 0;
  if (prop->field2 != N_FIELDS)
    {
      g_autofree char *first = g_strdup (component (self, prop->component, FALSE));
      const char *second = component (self, prop->component2, FALSE);

      if (prop->ranked && self->has[prop->field] && self->ranks[prop->field] <= rank)
        return;
      if (prop->ranked)
        {
          self->has[prop->field] = self->has[prop->field2] = FALSE;
        }
      set_field (self, prop->field, first, rank);
      set_field (self, prop->field2, second, rank);
      return;
    }
  if (prop->list)
    {
      append_items (self, prop->field, component (self, prop->component, TRUE));
      return;
    }
  value = component (self, prop->component, FALSE);
  /* vCard 4.0 may give a number as a URI. */
  if (prop->field == FIELD_PHONE && g_ascii_strncasecmp (value, "tel:", 4) == 0)
    value += 4;
  set_field (self, prop->field, value, rank);
}

static void
begin_card (CohortVcardReader *self)
{
  self->in_card = TRUE;
  self->card_line = self->logical_line;
  g_clear_error (&self->card_error);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_string_truncate (self->values[i], 0);
      self->has[i] = FALSE;
      self->ranks[i] = COHORT_VCARD_NO_PREF;
    }
}

/* Hands out @values as a record, back to back in self->text. */
static void
make_record (CohortVcardReader   *self,
             const char * const  *values,
             const gsize         *lengths,
             char              ***out_fields,
             guint               *out_n_fields)
{
  gsize starts[N_FIELDS];

  g_string_truncate (self->text, 0);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      starts[i] = self->text->len;
      g_string_append_len (self->text, values[i], lengths[i]);
      g_string_append_c (self->text, '\0');
    }
  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < N_FIELDS; i++)
    g_ptr_array_add (self->fields, self->text->str + starts[i]);
  g_ptr_array_add (self->fields, NULL);
  if (out_fields != NULL)
    *out_fields = (char **) self->fields->pdata;
  if (out_n_fields != NULL)
    *out_n_fields = N_FIELDS;
}

static void
make_card_record (CohortVcardReader   *self,
                  char              ***out_fields,
                  guint               *out_n_fields)
{
  const char *values[N_FIELDS];
  gsize lengths[N_FIELDS];

  for (guint i = 0; i < N_FIELDS; i++)
    {
      values[i] = self->values[i]->str;
      lengths[i] = self->values[i]->len;
    }
  make_record (self, values, lengths, out_fields, out_n_fields);
}

static gboolean
line_is (const GString *line,
         const char    *what)
{
  gsize len = line->len;

  while (len > 0 && g_ascii_isspace (line->str[len - 1]))
    len--;
  return len == strlen (what) && g_ascii_strncasecmp (line->str, what, len) == 0;
}

/* The line as UTF-8, converted from the file's legacy encoding when it has
 * one. */
static gboolean
convert_line (CohortVcardReader *self)
{
  gboolean high = FALSE;

  if (self->conv == (GIConv) -1)
    return TRUE;
  for (gsize i = 0; i < self->logical->len && !high; i++)
    high = (guchar) self->logical->str[i] >= 0x80;
  if (!high)
    return TRUE;
  g_string_truncate (self->converted, 0);
  if (!cohort_encoding_convert (self->conv, self->logical->str, self->logical->len, self->converted))
    return FALSE;
  swap_strings (&self->logical, &self->converted);
  return TRUE;
}

CohortCsvResult
cohort_vcard_reader_next (CohortVcardReader   *self,
                          char              ***out_fields,
                          guint               *out_n_fields,
                          GError             **error)
{
  g_return_val_if_fail (self != NULL, COHORT_CSV_FATAL);
  g_return_val_if_fail (error == NULL || *error == NULL, COHORT_CSV_FATAL);

  if (out_fields != NULL)
    *out_fields = NULL;
  if (out_n_fields != NULL)
    *out_n_fields = 0;

  if (!self->header_done)
    {
      gsize lengths[N_FIELDS];

      self->header_done = TRUE;
      for (guint i = 0; i < N_FIELDS; i++)
        lengths[i] = strlen (header[i]);
      make_record (self, header, lengths, out_fields, out_n_fields);
      return COHORT_CSV_RECORD;
    }
  if (self->failed)
    return COHORT_CSV_END;

  for (;;)
    {
      CohortVcardLine cl;
      int r = read_logical (self, error);

      if (r < 0)
        {
          self->failed = TRUE;
          return COHORT_CSV_FATAL;
        }
      if (r == 0)
        {
          if (!self->in_card)
            return COHORT_CSV_END;
          self->in_card = FALSE;
          self->record_line = self->card_line;
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("%s:%u: card without END:VCARD"), self->name, self->card_line);
          return COHORT_CSV_ROW_ERROR;
        }

      if (line_is (self->logical, "BEGIN:VCARD"))
        {
          gboolean unclosed = self->in_card;
          guint unclosed_line = self->card_line;

          self->outside_reported = FALSE;
          begin_card (self);
          if (unclosed)
            {
              self->record_line = unclosed_line;
              g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                           _("%s:%u: card without END:VCARD"), self->name, unclosed_line);
              return COHORT_CSV_ROW_ERROR;
            }
          continue;
        }
      if (line_is (self->logical, "END:VCARD"))
        {
          self->record_line = self->in_card ? self->card_line : self->logical_line;
          if (!self->in_card)
            {
              g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                           _("%s:%u: END:VCARD without BEGIN:VCARD"), self->name, self->logical_line);
              return COHORT_CSV_ROW_ERROR;
            }
          self->in_card = FALSE;
          if (self->card_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&self->card_error));
              return COHORT_CSV_ROW_ERROR;
            }
          make_card_record (self, out_fields, out_n_fields);
          return COHORT_CSV_RECORD;
        }

      if (!self->in_card)
        {
          if (line_is (self->logical, "") || self->outside_reported)
            continue;
          self->outside_reported = TRUE;
          self->record_line = self->logical_line;
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("%s:%u: text outside a card (expected BEGIN:VCARD)"), self->name, self->logical_line);
          return COHORT_CSV_ROW_ERROR;
        }

      if (!convert_line (self))
        {
          if (self->card_error == NULL)
            g_set_error (&self->card_error, COHORT_ERROR, COHORT_ERROR_INVALID,
                         _("%s:%u: the line is not valid %s text"),
                         self->name, self->logical_line, self->encoding);
          continue;
        }
      if (!cohort_vcard_line_parse (self->logical->str, self->logical->len, &cl))
        continue;
      if (cohort_vcard_line_is (&cl, "VERSION"))
        {
          g_autofree char *version = g_strstrip (g_strndup (cl.value, cl.value_len));

          if (strcmp (version, "2.1") != 0 && strcmp (version, "3.0") != 0 && strcmp (version, "4.0") != 0 &&
              self->card_error == NULL)
            g_set_error (&self->card_error, COHORT_ERROR, COHORT_ERROR_INVALID,
                         _("%s:%u: vCard version “%s” is not one this reader knows (2.1, 3.0 or 4.0)"),
                         self->name, self->logical_line, version);
        }
      else
        take_property (self, &cl);
    }
}
