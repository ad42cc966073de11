/* cohort-csv.h — a streaming RFC 4180 reader and a guarded writer
 *
 * The reader never holds more than one record: it reads the input in
 * blocks, so a 1 GB file costs the same memory as a 1 kB one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The largest field the reader accepts; a longer one rejects its row. */
#define COHORT_CSV_MAX_FIELD (1024 * 1024)

typedef enum
{
  COHORT_CSV_RECORD,     /* a record was read */
  COHORT_CSV_END,        /* end of input */
  COHORT_CSV_ROW_ERROR,  /* this record is unusable (error set); reading can go on */
  COHORT_CSV_FATAL,      /* the input cannot be read further (error set) */
} CohortCsvResult;

typedef struct _CohortCsvReader CohortCsvReader;

/* @name is how messages refer to the input ("contacts.csv"). The delimiter
 * (comma, semicolon or tab) is detected from the first record; a UTF-8 BOM is
 * skipped; CRLF, LF and CR line ends are accepted. */
CohortCsvReader *cohort_csv_reader_new          (GInputStream     *stream,
                                                 const char       *name);
CohortCsvReader *cohort_csv_reader_new_for_path (const char       *path,
                                                 GError          **error);
/* Opens @path for reading, with a message a marketer can read when it
 * cannot be (the GIO domain and code kept), and its size in @out_size (0
 * when not known). */
GInputStream    *cohort_csv_open_file           (const char       *path,
                                                 guint64          *out_size,
                                                 GError          **error);
/* The size of the whole input, for cohort_csv_reader_get_size(). */
void             cohort_csv_reader_set_size     (CohortCsvReader  *self,
                                                 guint64           size);
void             cohort_csv_reader_free         (CohortCsvReader  *self);
/* Reads the input as @charset (an iconv name whose ASCII range is ASCII's,
 * such as "WINDOWS-1252"; NULL or "UTF-8": UTF-8) and hands out UTF-8.
 * Call it before the first record. A record with a byte the encoding does
 * not define is a row error. */
gboolean         cohort_csv_reader_set_encoding (CohortCsvReader  *self,
                                                 const char       *charset,
                                                 GError          **error);

/* Reads the next record. On COHORT_CSV_RECORD, @out_fields holds @out_n_fields
 * NUL-terminated UTF-8 strings owned by the reader, valid until the next call.
 * Blank lines are skipped. Errors are COHORT_ERROR_INVALID and begin with
 * "NAME:LINE: ". A record that is not valid UTF-8 or has a field longer than
 * COHORT_CSV_MAX_FIELD is a row error; an unterminated quote at the end of
 * input and I/O errors are fatal. */
CohortCsvResult  cohort_csv_reader_next         (CohortCsvReader  *self,
                                                 char           ***out_fields,
                                                 guint            *out_n_fields,
                                                 GError          **error);
/* The 1-based line on which the last record (or error) began. */
guint            cohort_csv_reader_get_line     (CohortCsvReader  *self);
/* ',', ';' or '\t'; 0 before the first record. */
char             cohort_csv_reader_get_delimiter (CohortCsvReader *self);
const char      *cohort_csv_reader_get_name     (CohortCsvReader  *self);
/* How many bytes of the input the records read so far took up (the LF of
 * a record's CRLF counts with the next one), and the size of the whole
 * input (0 when not known: only a reader made for a path knows it).
 * Together they tell how far reading has come. */
guint64          cohort_csv_reader_get_position (CohortCsvReader  *self);
guint64          cohort_csv_reader_get_size     (CohortCsvReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortCsvReader, cohort_csv_reader_free)

/* Appends one CSV record (comma separated, CRLF terminated, RFC 4180 quoting)
 * to @out. NULL cells are empty. Cells beginning with = + - @ TAB or CR are
 * prefixed with ' so spreadsheets do not run them as formulas. */
void             cohort_csv_append_row          (GString           *out,
                                                 const char * const *cells,
                                                 guint              n_cells);

G_END_DECLS
