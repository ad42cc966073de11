/* test-csv.c — the CSV reader against real files, and the writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "cohort-csv.h"
#include "cohort-error.h"

/* Line ends and tabs inside fields are shown as \n, \r and \t, so the
 * expected text below shows where each one is. */
static void
append_visible (GString    *out,
                const char *field)
{
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\r')
        g_string_append (out, "\\r");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_c (out, *p);
    }
}

/* Writes every result of @reader as one line, "LINE: [field] [field]" or
 * "LINE: error: MESSAGE", so a whole file is checked with one readable
 * comparison. */
static char *
describe_reader (CohortCsvReader *reader)
{
  GString *out = g_string_new (NULL);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      char **fields = NULL;
      guint n_fields = 0;
      CohortCsvResult result;

      result = cohort_csv_reader_next (reader, &fields, &n_fields, &error);
      if (result == COHORT_CSV_END)
        {
          g_assert_no_error (error);
          break;
        }

      g_string_append_printf (out, "%u:", cohort_csv_reader_get_line (reader));
      if (result == COHORT_CSV_RECORD)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (n_fields, >, 0);
          g_assert_null (fields[n_fields]);
          for (guint i = 0; i < n_fields; i++)
            {
              g_string_append (out, " [");
              append_visible (out, fields[i]);
              g_string_append_c (out, ']');
            }
        }
      else
        {
          g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
          g_assert_null (fields);
          g_assert_cmpuint (n_fields, ==, 0);
          g_string_append_printf (out, " %s %s",
                                  result == COHORT_CSV_FATAL ? "fatal:" : "error:",
                                  error->message);
        }
      g_string_append_c (out, '\n');

      if (result == COHORT_CSV_FATAL)
        {
          g_assert_cmpint (cohort_csv_reader_next (reader, &fields, &n_fields, NULL),
                           ==, COHORT_CSV_END);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *file;
  char delimiter;
  const char *expected;
} FixtureCase;

static const FixtureCase fixture_cases[] = {
  { "simple.csv", ',',
    "1: [name] [email] [city]\n"
    "2: [Ann Lee] [ann@example.com] [Paris]\n"
    "3: [Bob] [bob@example.com] [Zoë-town]\n" },
  { "semicolon.csv", ';',
    "1: [name] [email] [score]\n"
    "2: [Ann] [ann@example.com] [3,5]\n"
    "3: [Bob] [bob@example.com] [4]\n" },
  { "tab.csv", '\t',
    "1: [name] [email] [note]\n"
    "2: [Ann] [ann@example.com] [has, a comma; and a semicolon]\n" },
  { "bom.csv", ',',
    "1: [email] [name]\n"
    "2: [ann@example.com] [Ann]\n" },
  { "crlf.csv", ',',
    "1: [email] [name]\n"
    "2: [ann@example.com] [Ann]\n"
    "3: [bob@example.com] [Bob]\n" },
  { "cr-only.csv", ',',
    "1: [email] [name]\n"
    "2: [ann@example.com] [Ann]\n"
    "3: [bob@example.com] [Bob]\n" },
  { "quoted.csv", ',',
    "1: [name] [note] [quote]\n"
    "2: [Lee, Ann] [first line\\nsecond line] [She said \"hi\"]\n"
    "4: [Bob] [a,b;c\\td] [\"]\n"
    "5: [Multi\\nline\\nname] [x] [crlf\\r\\ninside]\n"
    "9: [Carol] [] [plain]\n" },
  { "empty-fields.csv", ',',
    "1: [a] [b] [c] []\n"
    "2: [1] [] [3] []\n"
    "3: [] [] [] []\n"
    "4: [] [] [] []\n" },
  { "blank-lines.csv", ',',
    "3: [email] [name]\n"
    "5: [ann@example.com] [Ann]\n"
    "9: [bob@example.com] [Bob]\n" },
  { "latin1-row.csv", ',',
    "1: [email] [city]\n"
    "2: [ann@example.com] [Paris]\n"
    "3: error: latin1-row.csv:3: the row is not valid UTF-8 text (save the file as UTF-8)\n"
    "4: [bob@example.com] [Berlin]\n" },
  { "unterminated-quote.csv", ',',
    "1: [email] [note]\n"
    "2: [ann@example.com] [ok]\n"
    "3: fatal: unterminated-quote.csv:3: a quoted field opened here is never closed\n" },
  /* The error points at the quote, not at the start of its record. */
  { "unterminated-later.csv", ',',
    "1: [email] [note] [city]\n"
    "3: fatal: unterminated-later.csv:3: a quoted field opened here is never closed\n" },
  { "ragged.csv", ',',
    "1: [email] [name] [city]\n"
    "2: [ann@example.com] [Ann]\n"
    "3: [bob@example.com] [Bob] [Berlin] [extra] [more]\n"
    "4: [carol@example.com]\n" },
  { "empty.csv", 0, "" },
  { "header-only.csv", ',',
    "1: [email] [name] [city]\n" },
  { "bom-only.csv", 0, "" },
  { "nul-byte.csv", ',',
    "1: [email] [name]\n"
    "2: error: nul-byte.csv:2: the row is not valid UTF-8 text (save the file as UTF-8)\n"
    "3: [bob@example.com] [Bob]\n" },
  { "lenient-quotes.csv", ',',
    "1: [name] [note]\n"
    "2: [5\" screen] [ok]\n"
    "3: [quotedtail] [x]\n"
    "4: [a\"bc\"d] [y]\n"
    "5: [ab\"c\"\"d] [z]\n" },
  { "utf16.csv", 0,
    "1: fatal: utf16.csv:1: the file is saved as UTF-16 text (save it as UTF-8)\n" },
  { "delimiter-tie.csv", ',',
    "1: [name;email] [phone]\n"
    "2: [Ann;ann@example.org] [1]\n" },
  { "quoted-header.csv", ';',
    "1: [a,b,c] [d] [e]\n"
    "2: [1] [2] [3]\n" },
  { "single-column.csv", ',',
    "1: [email]\n"
    "2: [ann@example.com]\n" },
};

static void
test_fixture (gconstpointer data)
{
  const FixtureCase *fixture = data;
  g_autoptr(CohortCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *described = NULL;

  path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", fixture->file, NULL);
  reader = cohort_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cohort_csv_reader_get_name (reader), ==, fixture->file);
  g_assert_cmpint (cohort_csv_reader_get_delimiter (reader), ==, 0);

  described = describe_reader (reader);
  g_assert_cmpstr (described, ==, fixture->expected);
  g_assert_cmpint (cohort_csv_reader_get_delimiter (reader), ==, fixture->delimiter);
}

static void
test_missing_file (void)
{
  g_autoptr(CohortCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "no-such-file.csv", NULL);
  reader = cohort_csv_reader_new_for_path (path, &error);
  g_assert_null (reader);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_str_has_suffix (error->message, ": there is no such file"));
}

/* Reading this process's memory at offset 0 fails with EIO: a real I/O
 * error from a real file, in the middle of reading rather than on opening. */
static void
test_read_error (void)
{
  g_autoptr(CohortCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;

  reader = cohort_csv_reader_new_for_path ("/proc/self/mem", &error);
  if (reader == NULL)
    {
      g_test_skip ("/proc/self/mem cannot be opened here");
      return;
    }

  described = describe_reader (reader);
  g_assert_true (g_str_has_prefix (described, "1: fatal: mem:1: the file could not be read ("));
}

static CohortCsvReader *
reader_for_text (const char *text,
                 gsize       len,
                 const char *name)
{
  g_autoptr(GInputStream) stream = NULL;

  stream = g_memory_input_stream_new_from_data (g_memdup2 (text, len), len, g_free);
  return cohort_csv_reader_new (stream, name);
}

/* Moves a record across the reader's 64 KiB block boundary one byte at a
 * time, so every split — inside "", between CR and LF, on a delimiter — is
 * read at least once. */
static void
test_block_boundaries (void)
{
  static const char record[] = "\"x\"\"y\",\"a\r\nb\"\r\n";
  const gsize block = 64 * 1024;

  for (gsize k = 0; k <= strlen (record); k++)
    {
      g_autoptr(GString) text = g_string_new ("h1,h2\n");
      g_autoptr(CohortCsvReader) reader = NULL;
      g_autofree char *described = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *pad = NULL;

      /* "pad," and "\n" around the padding, after the 6-byte header. */
      pad = g_strnfill (block - k - 6 - 5, 'p');
      g_string_append_printf (text, "pad,%s\n%slast,row\r\n", pad, record);
      g_assert_cmpuint (strstr (text->str, record) - text->str, ==, block - k);

      reader = reader_for_text (text->str, text->len, "boundary.csv");
      described = describe_reader (reader);
      expected = g_strdup_printf ("1: [h1] [h2]\n"
                                  "2: [pad] [%s]\n"
                                  "3: [x\"y] [a\\r\\nb]\n"
                                  "5: [last] [row]\n", pad);
      g_assert_cmpstr (described, ==, expected);
    }
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cohort-test-csv-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
write_temp_file (const char *dir,
                 const char *name,
                 GString    *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_temp (const char *dir,
             const char *path)
{
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A 5 MB quoted field full of line ends and delimiters: the row is rejected
 * with its line and field number, and the rows around it come through with
 * correct line numbers. */
static void
test_huge_field (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = NULL;
  g_autoptr(GString) text = g_string_new ("email,note,city\nann@example.com,ok,Paris\n");
  g_autoptr(CohortCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  g_autofree char *expected = NULL;
  guint newlines = 0;

  g_string_append (text, "bob@example.com,\"");
  for (guint i = 1; text->len < 5 * 1024 * 1024; i++)
    {
      g_string_append (text, "lorem, \"\"ipsum\"\"; dolor sit amet ");
      if (i % 1000 == 0)
        {
          g_string_append (text, "\r\n");
          newlines++;
        }
    }
  g_string_append (text, "\",Berlin\ncarol@example.com,fine,Rome\n");
  g_assert_cmpuint (newlines, >, 100);

  path = write_temp_file (dir, "huge.csv", text);
  reader = cohort_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);

  described = describe_reader (reader);
  expected = g_strdup_printf ("1: [email] [note] [city]\n"
                              "2: [ann@example.com] [ok] [Paris]\n"
                              "3: error: huge.csv:3: field 2 is longer than 1 MB, the most a field can hold\n"
                              "%u: [carol@example.com] [fine] [Rome]\n",
                              4 + newlines);
  g_assert_cmpstr (described, ==, expected);
  remove_temp (dir, path);
}

static void
test_field_limit (void)
{
  g_autoptr(GString) text = g_string_new ("a,b\n");
  g_autoptr(CohortCsvReader) reader = NULL;
  g_autofree char *at_limit = g_strnfill (COHORT_CSV_MAX_FIELD, 'x');
  char **fields = NULL;
  guint n_fields = 0;
  g_autoptr(GError) error = NULL;

  g_string_append_printf (text, "%s,1\n", at_limit);
  g_string_append_printf (text, "2,%sy\n", at_limit);
  g_string_append (text, "3,end");
  reader = reader_for_text (text->str, text->len, "limit.csv");

  g_assert_cmpint (cohort_csv_reader_next (reader, &fields, &n_fields, &error), ==, COHORT_CSV_RECORD);
  g_assert_cmpint (cohort_csv_reader_next (reader, &fields, &n_fields, &error), ==, COHORT_CSV_RECORD);
  g_assert_no_error (error);
  g_assert_cmpuint (n_fields, ==, 2);
  g_assert_cmpuint (strlen (fields[0]), ==, COHORT_CSV_MAX_FIELD);
  g_assert_cmpstr (fields[1], ==, "1");

  g_assert_cmpint (cohort_csv_reader_next (reader, &fields, &n_fields, &error), ==, COHORT_CSV_ROW_ERROR);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "limit.csv:3: field 2 is longer than 1 MB, the most a field can hold");
  g_assert_cmpuint (cohort_csv_reader_get_line (reader), ==, 3);
  g_clear_error (&error);

  g_assert_cmpint (cohort_csv_reader_next (reader, &fields, &n_fields, &error), ==, COHORT_CSV_RECORD);
  g_assert_no_error (error);
  g_assert_cmpuint (cohort_csv_reader_get_line (reader), ==, 4);
  g_assert_cmpstr (fields[0], ==, "3");
  g_assert_cmpstr (fields[1], ==, "end");
  g_assert_cmpint (cohort_csv_reader_next (reader, &fields, &n_fields, &error), ==, COHORT_CSV_END);
}

/* Rows that stay under the field limit can still be too big as a whole. */
static void
test_row_limits (void)
{
  g_autoptr(GString) text = g_string_new ("a,b\n");
  g_autoptr(CohortCsvReader) reader = NULL;
  g_autofree char *big = g_strnfill (COHORT_CSV_MAX_FIELD - 1, 'x');
  g_autofree char *commas = g_strnfill (65536, ',');
  g_autofree char *described = NULL;

  for (guint i = 0; i < 33; i++)
    g_string_append_printf (text, "%s,", big);
  g_string_append_printf (text, "\n%s\nok,done\n", commas);
  reader = reader_for_text (text->str, text->len, "wide.csv");

  described = describe_reader (reader);
  g_assert_cmpstr (described, ==,
                   "1: [a] [b]\n"
                   "2: error: wide.csv:2: the row is longer than 32 MB, the most a row can hold\n"
                   "3: error: wide.csv:3: the row has more than 65536 fields\n"
                   "4: [ok] [done]\n");
}

/* 200,000 rows through a 64 KiB block: every row arrives, in order, with its
 * line number. */
static void
test_many_rows (void)
{
  const guint n_rows = 200000;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = NULL;
  g_autoptr(GString) text = g_string_new ("id,name,note\r\n");
  g_autoptr(CohortCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  char **fields = NULL;
  guint n_fields = 0;
  guint count = 0;

  for (guint i = 1; i <= n_rows; i++)
    g_string_append_printf (text, "%u,name %u,\"quoted, \"\"%u\"\"\"\r\n", i, i, i);
  path = write_temp_file (dir, "many.csv", text);

  reader = cohort_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cohort_csv_reader_get_size (reader), ==, text->len);
  g_assert_cmpuint (cohort_csv_reader_get_position (reader), ==, 0);
  g_assert_cmpint (cohort_csv_reader_next (reader, &fields, &n_fields, &error), ==, COHORT_CSV_RECORD);
  /* Where the header ends (the LF of its CRLF is taken with the next
   * record), not how much of the file is buffered. */
  g_assert_cmpuint (cohort_csv_reader_get_position (reader), ==, strlen ("id,name,note\r"));

  while (cohort_csv_reader_next (reader, &fields, &n_fields, &error) == COHORT_CSV_RECORD)
    {
      char expected[64];

      count++;
      if (count == 1000)
        {
          g_autofree char *row = g_strdup_printf ("%u,name %u,\"quoted, \"\"%u\"\"\"\r\n", count, count, count);
          const char *end = strstr (text->str, row);

          g_assert_nonnull (end);
          g_assert_cmpuint (cohort_csv_reader_get_position (reader), ==, end - text->str + strlen (row) - 1);
        }
      g_assert_cmpuint (n_fields, ==, 3);
      g_assert_cmpuint (cohort_csv_reader_get_line (reader), ==, count + 1);
      g_snprintf (expected, sizeof expected, "%u", count);
      g_assert_cmpstr (fields[0], ==, expected);
      g_snprintf (expected, sizeof expected, "quoted, \"%u\"", count);
      g_assert_cmpstr (fields[2], ==, expected);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, n_rows);
  g_assert_cmpuint (cohort_csv_reader_get_position (reader), ==, text->len);

  remove_temp (dir, path);
}

static void
test_append_row (void)
{
  const char * const cells[] = {
    "plain", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", " lead", "trail ",
    "=SUM(A1)", "+1", "-2", "@cmd", "\ttab", "\rcr", NULL, "", "a;b", "Zoë",
  };
  const char * const single_empty[] = { "" };
  g_autoptr(GString) out = g_string_new (NULL);

  cohort_csv_append_row (out, cells, G_N_ELEMENTS (cells));
  g_assert_cmpstr (out->str, ==,
                   "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rhere\","
                   "\" lead\",\"trail \",'=SUM(A1),'+1,'-2,'@cmd,'\ttab,\"'\rcr\","
                   ",,a;b,Zoë\r\n");

  g_string_truncate (out, 0);
  cohort_csv_append_row (out, single_empty, 1);
  cohort_csv_append_row (out, NULL, 0);
  g_assert_cmpstr (out->str, ==, "\"\"\r\n\r\n");
}

static char *
random_cell (void)
{
  static const char *const pieces[] = {
    "a", "Zoë", ",", "\"", "\n", "\r", "\r\n", " ", ";", "\t", "=", "+", "-", "@", "x y",
  };
  GString *cell;
  guint n;

  if (g_test_rand_int_range (0, 10) == 0)
    return NULL;

  cell = g_string_new (NULL);
  n = g_test_rand_int_range (0, 8);
  for (guint i = 0; i < n; i++)
    g_string_append (cell, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
  return g_string_free (cell, FALSE);
}

/* Whatever the writer writes, the reader reads back — with the ' the
 * formula guard added. The header row is what real exports start with. */
static void
test_round_trip (void)
{
  const guint n_rows = 500;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GString) out = g_string_new ("email,name,note,city,tags,score\r\n");
  g_autoptr(CohortCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  char **fields = NULL;
  guint n_fields = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
      guint n = g_test_rand_int_range (1, 7);

      for (guint j = 0; j < n; j++)
        g_ptr_array_add (row, random_cell ());
      cohort_csv_append_row (out, (const char * const *) row->pdata, row->len);
      g_ptr_array_add (rows, row);
    }

  reader = reader_for_text (out->str, out->len, "round-trip.csv");
  g_assert_cmpint (cohort_csv_reader_next (reader, &fields, &n_fields, &error), ==, COHORT_CSV_RECORD);
  g_assert_cmpuint (n_fields, ==, 6);

  for (guint i = 0; i < n_rows; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);

      g_assert_cmpint (cohort_csv_reader_next (reader, &fields, &n_fields, &error), ==, COHORT_CSV_RECORD);
      g_assert_no_error (error);
      g_assert_cmpuint (n_fields, ==, row->len);
      for (guint j = 0; j < row->len; j++)
        {
          const char *cell = g_ptr_array_index (row, j);
          g_autofree char *expected = NULL;

          if (cell == NULL)
            cell = "";
          if (cell[0] != '\0' && strchr ("=+-@\t\r", cell[0]) != NULL)
            expected = g_strconcat ("'", cell, NULL);
          else
            expected = g_strdup (cell);
          g_assert_cmpstr (fields[j], ==, expected);
        }
    }
  g_assert_cmpint (cohort_csv_reader_next (reader, &fields, &n_fields, &error), ==, COHORT_CSV_END);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (fixture_cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/csv/read/%s", fixture_cases[i].file);
      g_test_add_data_func (test_path, &fixture_cases[i], test_fixture);
    }
  g_test_add_func ("/csv/read/missing-file", test_missing_file);
  g_test_add_func ("/csv/read/read-error", test_read_error);
  g_test_add_func ("/csv/read/block-boundaries", test_block_boundaries);
  g_test_add_func ("/csv/read/huge-field", test_huge_field);
  g_test_add_func ("/csv/read/field-limit", test_field_limit);
  g_test_add_func ("/csv/read/row-limits", test_row_limits);
  g_test_add_func ("/csv/read/many-rows", test_many_rows);
  g_test_add_func ("/csv/write/append-row", test_append_row);
  g_test_add_func ("/csv/write/round-trip", test_round_trip);

  return g_test_run ();
}
