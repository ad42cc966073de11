/* cohort-import-private.h — what the importers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-csv.h"
#include "cohort-encoding.h"
#include "cohort-import.h"
#include "cohort-vcard.h"

G_BEGIN_DECLS

/* A file being imported: CSV, or vCard, which hands out the same records;
 * both decoded from the file's encoding. */
typedef struct
{
  CohortCsvReader      *csv;
  CohortVcardReader    *vcard;
  char                 *charset;  /* iconv name of the file's encoding */
  CohortEncodingReason  reason;   /* why it is read in that one */
} CohortImportSource;

/* Opens @path in @encoding (an iconv name; NULL: detected). With
 * @allow_vcard, a ".vcf" file or one that begins with BEGIN:VCARD is read
 * as vCard. */
CohortImportSource *cohort_import_source_open      (const char          *path,
                                                    const char          *encoding,
                                                    gboolean             allow_vcard,
                                                    GError             **error);
void             cohort_import_source_free         (CohortImportSource  *self);
CohortCsvResult  cohort_import_source_next         (CohortImportSource  *self,
                                                    char              ***out_fields,
                                                    guint               *out_n_fields,
                                                    GError             **error);
guint            cohort_import_source_get_line     (CohortImportSource  *self);
const char      *cohort_import_source_get_name     (CohortImportSource  *self);
guint64          cohort_import_source_get_position (CohortImportSource  *self);
guint64          cohort_import_source_get_size     (CohortImportSource  *self);
/* Adds the note of the encoding the file was read in, if there is one
 * to say, to @report. */
void             cohort_import_source_report       (CohortImportSource  *self,
                                                    CohortImportReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortImportSource, cohort_import_source_free)

/* Adds "NAME:LINE: message" for the source's current record. */
G_GNUC_PRINTF (3, 4)
void             cohort_import_report_row       (CohortImportReport  *report,
                                                 CohortImportSource  *source,
                                                 const char          *format,
                                                 ...);
/* The index of the column whose normalized name is @name, or -1. */
int              cohort_import_find_column      (char               **header,
                                                 guint                n,
                                                 const char          *name);
/* "E-mail 1 - Value" → "e_mail_1_value" */
char            *cohort_import_normalize_header (const char          *header);
/* Opens @path (as cohort_import_source_open()) and reads its header row;
 * an empty file, and a header that cannot be read, are errors. */
CohortImportSource *cohort_import_open          (const char          *path,
                                                 const char          *encoding,
                                                 gboolean             allow_vcard,
                                                 char              ***out_header,
                                                 guint               *out_n,
                                                 GError             **error);

typedef gboolean (*CohortImportRowFunc) (CohortStore         *self,
                                         CohortImportSource  *source,
                                         char               **cells,
                                         guint                n,
                                         gpointer             data,
                                         CohortImportReport  *report,
                                         GError             **error);

/* Calls @row for every data row; the reader's row errors are reported and
 * counted, a fatal one ends the file but keeps the rows before it. */
gboolean         cohort_import_for_each_row     (CohortStore         *self,
                                                 CohortImportSource  *source,
                                                 guint                n_columns,
                                                 GCancellable        *cancellable,
                                                 CohortImportRowFunc  row,
                                                 gpointer             data,
                                                 CohortImportReport  *report,
                                                 GError             **error);

G_END_DECLS
