/* cohort-import-dialog.h — import a CSV file of contacts
 *
 * The user picks the file (with the desktop's own file chooser), the static
 * groups the contacts join and whether existing contacts are updated; the
 * dialog then reports how many rows were created, updated, skipped and
 * rejected, and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_IMPORT_DIALOG (cohort_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CohortImportDialog, cohort_import_dialog, COHORT, IMPORT_DIALOG, AdwWindow)

/* @file NULL lets the user choose one first. */
CohortImportDialog *cohort_import_dialog_new      (CohortStore        *store,
                                                   GFile              *file);
void                cohort_import_dialog_set_file (CohortImportDialog *self,
                                                   GFile              *file);
/* Opens the file chooser over the dialog. */
void                cohort_import_dialog_choose   (CohortImportDialog *self);

G_END_DECLS
