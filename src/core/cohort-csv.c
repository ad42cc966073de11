/* cohort-csv.c — a streaming RFC 4180 reader and a guarded writer
 *
 * The reader parses byte by byte out of a fixed 64 KiB block, so what it
 * holds is that block plus the current record; a field that outgrows
 * COHORT_CSV_MAX_FIELD stops being stored and the rest of its record is only
 * scanned for its end.
 *
 * Where spreadsheet exports bend RFC 4180 the reader is lenient rather than
 * strict, as spreadsheets themselves are:
 *  - a '"' inside an unquoted field is kept literally (`5" screen`);
 *  - text between a closing quote and the next delimiter is appended to the
 *    field (`"quoted"tail` reads as `quotedtail`).
 * Either way no character of the input is dropped, so the user sees in the
 * imported value exactly what was in the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cohort-csv.h"
#include "cohort-encoding.h"
#include "cohort-error.h"
#include "cohort-text.h"

#define BLOCK_SIZE (64 * 1024)

/* A row of many fields, each under the field limit, must not be able to
 * claim unbounded memory either. 65,536 fields is four times the columns
 * a spreadsheet can have. */
#define MAX_ROW_BYTES (32 * COHORT_CSV_MAX_FIELD)
#define MAX_FIELDS 65536

#define END_OF_INPUT (-1)
#define READ_FAILED (-2)

typedef enum
{
  FIELD_START,
  UNQUOTED,
  QUOTED,
  QUOTE_IN_QUOTED,  /* a '"' inside quotes: an escaped quote or the closing one */
} ParseState;

typedef enum
{
  ROW_OK,
  ROW_FIELD_TOO_LONG,
  ROW_TOO_LONG,
  ROW_TOO_MANY_FIELDS,
} RowProblem;

struct _CohortCsvReader
{
  GInputStream *stream;
  char *name;

  guchar *block;
  gsize block_len;
  gsize block_pos;
  gboolean at_eof;
  gboolean started;       /* the byte-order mark has been looked at */
  gboolean failed;        /* a fatal error was returned: nothing more to read */
  guint64 n_read;         /* bytes taken from the stream so far */
  guint64 size;           /* of the whole input; 0 when not known */

  guint line;             /* the line the next unread byte is on */
  gboolean after_cr;      /* the LF of a CRLF must not count as another line */
  guint record_line;
  char delimiter;

  /* The current record: its fields back to back, each NUL-terminated, and
   * the offset at which each begins. */
  GString *text;
  GArray *starts;
  GPtrArray *fields;
  gsize field_len;
  guint n_fields;
  RowProblem problem;
  guint problem_field;

  /* A legacy encoding: each record's fields are converted into
   * `converted`, which the field array then points into. */
  GIConv conv;
  const char *encoding;   /* its display name */
  GString *converted;
};

CohortCsvReader *
cohort_csv_reader_new (GInputStream *stream,
                       const char   *name)
{
  CohortCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_new0 (CohortCsvReader, 1);
  self->stream = g_object_ref (stream);
  self->name = g_strdup (name);
  self->block = g_malloc (BLOCK_SIZE);
  self->line = 1;
  self->record_line = 1;
  self->text = g_string_new (NULL);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->fields = g_ptr_array_new ();
  self->conv = (GIConv) -1;
  self->converted = g_string_new (NULL);

  return self;
}

gboolean
cohort_csv_reader_set_encoding (CohortCsvReader  *self,
                                const char       *charset,
                                GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  if (self->conv != (GIConv) -1)
    g_iconv_close (self->conv);
  if (!cohort_encoding_open_converter (charset, self->name, &self->conv, error))
    return FALSE;
  if (self->conv != (GIConv) -1)
    self->encoding = cohort_encoding_display_name (charset);
  return TRUE;
}

static const char *
describe_open_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return _("there is no such file");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    return _("this is a folder, not a file");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return _("you are not allowed to read this file");
  return error->message;
}

GInputStream *
cohort_csv_open_file (const char  *path,
                      guint64     *out_size,
                      GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      /* The GIO domain and code stay, so callers can still tell a missing
       * file from an unreadable one. */
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display, describe_open_error (local_error));
      return NULL;
    }

  /* Only for progress: a size that cannot be had is left unknown. */
  *out_size = 0;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    *out_size = (guint64) MAX (g_file_info_get_size (info), 0);
  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

CohortCsvReader *
cohort_csv_reader_new_for_path (const char  *path,
                                GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;
  CohortCsvReader *self;
  guint64 size;

  if ((stream = cohort_csv_open_file (path, &size, error)) == NULL)
    return NULL;
  name = g_filename_display_basename (path);
  self = cohort_csv_reader_new (stream, name);
  self->size = size;
  return self;
}

void
cohort_csv_reader_set_size (CohortCsvReader *self,
                            guint64          size)
{
  g_return_if_fail (self != NULL);

  self->size = size;
}

void
cohort_csv_reader_free (CohortCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_free (self->name);
  g_free (self->block);
  g_string_free (self->text, TRUE);
  g_array_unref (self->starts);
  g_ptr_array_unref (self->fields);
  if (self->conv != (GIConv) -1)
    g_iconv_close (self->conv);
  g_string_free (self->converted, TRUE);
  g_free (self);
}

guint
cohort_csv_reader_get_line (CohortCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_line;
}

char
cohort_csv_reader_get_delimiter (CohortCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->delimiter;
}

guint64
cohort_csv_reader_get_position (CohortCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_read - (self->block_len - self->block_pos);
}

guint64
cohort_csv_reader_get_size (CohortCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

const char *
cohort_csv_reader_get_name (CohortCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

/* Tops the block up to BLOCK_SIZE, keeping the bytes not read yet, so the
 * delimiter detection can look as far ahead as one block allows. */
static gboolean
fill_block (CohortCsvReader  *self,
            GError          **error)
{
  if (self->block_pos > 0)
    {
      memmove (self->block, self->block + self->block_pos,
               self->block_len - self->block_pos);
      self->block_len -= self->block_pos;
      self->block_pos = 0;
    }

  while (!self->at_eof && self->block_len < BLOCK_SIZE)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n;

      n = g_input_stream_read (self->stream, self->block + self->block_len,
                               BLOCK_SIZE - self->block_len, NULL, &local_error);
      if (n < 0)
        {
          self->record_line = self->line;
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("%s:%u: the file could not be read (%s)"),
                       self->name, self->line, local_error->message);
          return FALSE;
        }
      if (n == 0)
        self->at_eof = TRUE;
      self->block_len += n;
      self->n_read += n;
    }

  return TRUE;
}

static inline int
peek_byte (CohortCsvReader  *self,
           GError          **error)
{
  if (self->block_pos == self->block_len)
    {
      if (self->at_eof)
        return END_OF_INPUT;
      if (!fill_block (self, error))
        return READ_FAILED;
      if (self->block_len == 0)
        return END_OF_INPUT;
    }

  return self->block[self->block_pos];
}

static inline void
take_byte (CohortCsvReader *self)
{
  guchar c = self->block[self->block_pos++];

  if (c == '\r' || (c == '\n' && !self->after_cr))
    self->line++;
  self->after_cr = (c == '\r');
}

static gboolean
skip_byte_order_mark (CohortCsvReader  *self,
                      GError          **error)
{
  const guchar *p = self->block;

  if (!fill_block (self, error))
    return FALSE;

  if (self->block_len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    self->block_pos = 3;
  else if (self->block_len >= 2 &&
           ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
    {
      /* Every row of such a file would fail on its NUL bytes: say why once. */
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s:1: the file is saved as UTF-16 text (save it as UTF-8)"),
                   self->name);
      return FALSE;
    }

  return TRUE;
}

/* Counts the candidates outside quotes in what the block holds of the first
 * record; a first record longer than a block is judged by its beginning.
 * The order of `candidates` breaks ties: comma first. */
static char
detect_delimiter (const guchar *p,
                  gsize         len)
{
  static const char candidates[] = { ',', ';', '\t' };
  gsize counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  gboolean field_start = TRUE;
  guint best = 0;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = p[i];

      if (quoted)
        {
          if (c == '"' && i + 1 < len && p[i + 1] == '"')
            i++;
          else if (c == '"')
            quoted = FALSE;
          continue;
        }
      if (c == '\r' || c == '\n')
        break;
      if (c == '"' && field_start)
        {
          quoted = TRUE;
          field_start = FALSE;
          continue;
        }

      field_start = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
        if (c == (guchar) candidates[k])
          {
            counts[k]++;
            field_start = TRUE;
          }
    }

  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;

  return candidates[best];
}

static void
begin_field (CohortCsvReader *self)
{
  gsize start = self->text->len;

  self->n_fields++;
  self->field_len = 0;
  if (self->problem != ROW_OK)
    return;

  if (self->starts->len >= MAX_FIELDS)
    {
      self->problem = ROW_TOO_MANY_FIELDS;
      return;
    }
  g_array_append_val (self->starts, start);
}

static inline void
append_byte (CohortCsvReader *self,
             guchar           c)
{
  if (self->problem != ROW_OK)
    return;

  if (self->field_len >= COHORT_CSV_MAX_FIELD)
    {
      self->problem = ROW_FIELD_TOO_LONG;
      self->problem_field = self->n_fields;
      return;
    }
  if (self->text->len >= MAX_ROW_BYTES)
    {
      self->problem = ROW_TOO_LONG;
      return;
    }

  g_string_append_c (self->text, c);
  self->field_len++;
}

/* Takes the bytes after the current one that cannot end the field or the
 * line — up to a delimiter, line end or (quoted) quote — in one go, as far
 * as the block reaches: most of a file is such runs. */
static void
take_run (CohortCsvReader *self,
          gboolean         quoted)
{
  const guchar *start = self->block + self->block_pos;
  const guchar *end = self->block + self->block_len;
  const guchar stop = quoted ? '"' : (guchar) self->delimiter;
  const guchar *p = start;
  gsize n;

  while (p < end && *p != stop && *p != '\r' && *p != '\n')
    p++;
  n = p - start;
  if (n == 0)
    return;

  self->block_pos += n;
  self->after_cr = FALSE;
  if (self->problem == ROW_OK && self->field_len + n <= COHORT_CSV_MAX_FIELD &&
      self->text->len + n <= MAX_ROW_BYTES)
    {
      g_string_append_len (self->text, (const char *) start, n);
      self->field_len += n;
      return;
    }
  for (gsize i = 0; i < n; i++)
    append_byte (self, start[i]);
}

static void
end_field (CohortCsvReader *self)
{
  if (self->problem == ROW_OK)
    g_string_append_c (self->text, '\0');
}

/* Reads one record from its first byte through its line end. Once the row
 * has a problem its bytes are no longer stored, but quotes are still
 * followed so the record ends where it really ends. */
static CohortCsvResult
parse_record (CohortCsvReader  *self,
              GError          **error)
{
  ParseState state = FIELD_START;
  guint quote_line = 0;

  g_string_truncate (self->text, 0);
  g_array_set_size (self->starts, 0);
  self->n_fields = 0;
  self->problem = ROW_OK;
  self->problem_field = 0;
  begin_field (self);

  for (;;)
    {
      int c = peek_byte (self, error);

      if (c == READ_FAILED)
        return COHORT_CSV_FATAL;
      if (c == END_OF_INPUT)
        {
          if (state == QUOTED)
            {
              self->record_line = quote_line;
              g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                           _("%s:%u: a quoted field opened here is never closed"),
                           self->name, quote_line);
              return COHORT_CSV_FATAL;
            }
          end_field (self);
          return COHORT_CSV_RECORD;
        }
      take_byte (self);

      switch (state)
        {
        case QUOTED:
          if (c == '"')
            state = QUOTE_IN_QUOTED;
          else
            {
              append_byte (self, c);
              take_run (self, TRUE);
            }
          continue;

        case QUOTE_IN_QUOTED:
          if (c == '"')
            {
              append_byte (self, '"');
              state = QUOTED;
              continue;
            }
          break;

        case FIELD_START:
          if (c == '"')
            {
              quote_line = self->line;
              state = QUOTED;
              continue;
            }
          break;

        case UNQUOTED:
        default:
          break;
        }

      if (c == self->delimiter)
        {
          end_field (self);
          begin_field (self);
          state = FIELD_START;
        }
      else if (c == '\r' || c == '\n')
        {
          /* A CR's LF is taken as a blank line by the next call. */
          end_field (self);
          return COHORT_CSV_RECORD;
        }
      else
        {
          append_byte (self, c);
          take_run (self, FALSE);
          state = UNQUOTED;
        }
    }
}

static CohortCsvResult
report_row_problem (CohortCsvReader  *self,
                    GError          **error)
{
  switch (self->problem)
    {
    case ROW_FIELD_TOO_LONG:
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s:%u: field %u is longer than %u MB, the most a field can hold"),
                   self->name, self->record_line, self->problem_field,
                   COHORT_CSV_MAX_FIELD / (1024 * 1024));
      break;

    case ROW_TOO_LONG:
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s:%u: the row is longer than %u MB, the most a row can hold"),
                   self->name, self->record_line, MAX_ROW_BYTES / (1024 * 1024));
      break;

    case ROW_TOO_MANY_FIELDS:
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s:%u: the row has more than %u fields"),
                   self->name, self->record_line, MAX_FIELDS);
      break;

    case ROW_OK:
    default:
      g_assert_not_reached ();
    }

  return COHORT_CSV_ROW_ERROR;
}

static gboolean
has_high_bytes (const GString *text)
{
  for (gsize i = 0; i < text->len; i++)
    if ((guchar) text->str[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/* Converts every field of the record from the legacy encoding, back to
 * back into `converted`, and moves `text` and `starts` over to it. A NUL
 * byte inside a field would cut it short without a word: it makes the row
 * unreadable, as it does in UTF-8. */
static gboolean
convert_record (CohortCsvReader *self,
                gboolean        *out_nul)
{
  guint n = self->starts->len;

  *out_nul = FALSE;
  g_string_truncate (self->converted, 0);
  for (guint i = 0; i < n; i++)
    {
      gsize start = g_array_index (self->starts, gsize, i);
      gsize end = i + 1 < n ? g_array_index (self->starts, gsize, i + 1) : self->text->len;
      char *in = self->text->str + start;
      gsize in_left = end - start - 1;

      if (memchr (in, '\0', in_left) != NULL)
        {
          *out_nul = TRUE;
          return FALSE;
        }
      g_array_index (self->starts, gsize, i) = self->converted->len;
      if (!cohort_encoding_convert (self->conv, in, in_left, self->converted))
        return FALSE;
      g_string_append_c (self->converted, '\0');
    }

  {
    GString *swap = self->text;

    self->text = self->converted;
    self->converted = swap;
  }
  return TRUE;
}

/* Checks the parsed record and points the field array into it. UTF-8 is
 * checked per field with its length, which also rejects NUL bytes that
 * would otherwise cut a value short without a word. */
static CohortCsvResult
finish_record (CohortCsvReader  *self,
               char           ***out_fields,
               guint            *out_n_fields,
               GError          **error)
{
  guint n = self->starts->len;
  gboolean nul;

  if (self->problem != ROW_OK)
    return report_row_problem (self, error);

  if (self->conv != (GIConv) -1 && has_high_bytes (self->text) && !convert_record (self, &nul))
    {
      if (nul)
        g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                     _("%s:%u: the row has a NUL byte, which no text has"),
                     self->name, self->record_line);
      else
        g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                     _("%s:%u: the row is not valid %s text"),
                     self->name, self->record_line, self->encoding);
      return COHORT_CSV_ROW_ERROR;
    }

  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < n; i++)
    {
      gsize start = g_array_index (self->starts, gsize, i);
      gsize end = i + 1 < n ? g_array_index (self->starts, gsize, i + 1) : self->text->len;
      char *field = self->text->str + start;

      if (!g_utf8_validate (field, end - start - 1, NULL))
        {
          /* What a converter hands out is UTF-8: only a NUL byte is left. */
          if (self->conv != (GIConv) -1)
            g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                         _("%s:%u: the row has a NUL byte, which no text has"),
                         self->name, self->record_line);
          else
            g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                         _("%s:%u: the row is not valid UTF-8 text (save the file as UTF-8)"),
                         self->name, self->record_line);
          return COHORT_CSV_ROW_ERROR;
        }
      g_ptr_array_add (self->fields, field);
    }
  g_ptr_array_add (self->fields, NULL);

  if (out_fields != NULL)
    *out_fields = (char **) self->fields->pdata;
  if (out_n_fields != NULL)
    *out_n_fields = n;

  return COHORT_CSV_RECORD;
}

/* After a fatal error the reader returns COHORT_CSV_END: the error was
 * reported once and the input has nothing more to give. */
CohortCsvResult
cohort_csv_reader_next (CohortCsvReader   *self,
                        char            ***out_fields,
                        guint             *out_n_fields,
                        GError           **error)
{
  int c;

  g_return_val_if_fail (self != NULL, COHORT_CSV_FATAL);
  g_return_val_if_fail (error == NULL || *error == NULL, COHORT_CSV_FATAL);

  if (out_fields != NULL)
    *out_fields = NULL;
  if (out_n_fields != NULL)
    *out_n_fields = 0;

  if (self->failed)
    return COHORT_CSV_END;

  if (!self->started)
    {
      self->started = TRUE;
      if (!skip_byte_order_mark (self, error))
        {
          self->failed = TRUE;
          return COHORT_CSV_FATAL;
        }
    }

  while ((c = peek_byte (self, error)) == '\r' || c == '\n')
    take_byte (self);

  if (c == END_OF_INPUT)
    return COHORT_CSV_END;
  if (c == READ_FAILED)
    {
      self->failed = TRUE;
      return COHORT_CSV_FATAL;
    }

  if (self->delimiter == 0)
    {
      if (!fill_block (self, error))
        {
          self->failed = TRUE;
          return COHORT_CSV_FATAL;
        }
      self->delimiter = detect_delimiter (self->block + self->block_pos,
                                          self->block_len - self->block_pos);
    }

  self->record_line = self->line;
  if (parse_record (self, error) == COHORT_CSV_FATAL)
    {
      self->failed = TRUE;
      return COHORT_CSV_FATAL;
    }

  return finish_record (self, out_fields, out_n_fields, error);
}

static gboolean
needs_quotes (const char *cell)
{
  gsize len = strlen (cell);

  if (len == 0)
    return FALSE;

  return strpbrk (cell, ",\"\r\n") != NULL ||
         g_ascii_isspace (cell[0]) ||
         g_ascii_isspace (cell[len - 1]);
}

void
cohort_csv_append_row (GString            *out,
                       const char * const *cells,
                       guint               n_cells)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  /* A lone empty cell would make a blank line, which readers skip. */
  if (n_cells == 1 && (cells[0] == NULL || cells[0][0] == '\0'))
    {
      g_string_append (out, "\"\"\r\n");
      return;
    }

  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *cell = cohort_csv_guard_cell (cells[i]);

      if (i > 0)
        g_string_append_c (out, ',');

      if (!needs_quotes (cell))
        {
          g_string_append (out, cell);
          continue;
        }

      g_string_append_c (out, '"');
      for (const char *p = cell; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }

  g_string_append (out, "\r\n");
}
