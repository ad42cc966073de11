/* cohort-import-private.h — what the importers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-csv.h"
#include "cohort-import.h"

G_BEGIN_DECLS

/* Adds "NAME:LINE: message" for the reader's current record. */
G_GNUC_PRINTF (3, 4)
void             cohort_import_report_row       (CohortImportReport  *report,
                                                 CohortCsvReader     *reader,
                                                 const char          *format,
                                                 ...);
/* "E-mail 1 - Value" → "e_mail_1_value" */
char            *cohort_import_normalize_header (const char          *header);
/* Opens @path and reads its header row; an empty file is an error. */
CohortCsvReader *cohort_import_open             (const char          *path,
                                                 char              ***out_header,
                                                 guint               *out_n,
                                                 GError             **error);

typedef gboolean (*CohortImportRowFunc) (CohortStore         *self,
                                         CohortCsvReader     *reader,
                                         char               **cells,
                                         guint                n,
                                         gpointer             data,
                                         CohortImportReport  *report,
                                         GError             **error);

/* Calls @row for every data row; the reader's row errors are reported and
 * counted, a fatal one ends the file but keeps the rows before it. */
gboolean         cohort_import_for_each_row     (CohortStore         *self,
                                                 CohortCsvReader     *reader,
                                                 guint                n_columns,
                                                 GCancellable        *cancellable,
                                                 CohortImportRowFunc  row,
                                                 gpointer             data,
                                                 CohortImportReport  *report,
                                                 GError             **error);

G_END_DECLS
