/* cohort-export-dialog.h — the format and columns of an export
 *
 * Asked before the file chooser: the format (CSV, JSON, vCard 4.0 or 3.0)
 * and, for CSV and JSON, the columns. The last choice is remembered in
 * GSettings. "export" is emitted when the user goes on to choose the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-export.h"

G_BEGIN_DECLS

#define COHORT_TYPE_EXPORT_DIALOG (cohort_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CohortExportDialog, cohort_export_dialog, COHORT, EXPORT_DIALOG, AdwWindow)

/* @columns: what a CSV export can have, as cohort_export_list_columns()
 * gives them; @n_contacts is said in the title. */
CohortExportDialog *cohort_export_dialog_new         (gint64               n_contacts,
                                                      const char * const  *columns);
CohortExportFormat  cohort_export_dialog_get_format  (CohortExportDialog  *self);
/* The columns chosen, or NULL when all of them are. */
GStrv               cohort_export_dialog_dup_columns (CohortExportDialog  *self);

G_END_DECLS
