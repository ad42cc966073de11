/* cohort-export-flow.h — exporting contacts from the app
 *
 * Asks where (the file chooser portal), writes on a worker with a toast
 * that can cancel it, and tells how many contacts went out. The format
 * follows the file type chosen: CSV, JSON or vCard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-export.h"
#include "cohort-group.h"

G_BEGIN_DECLS

/* The format for a file name's extension (".csv", ".json", ".vcf"), or
 * FALSE for an other one. */
gboolean cohort_export_format_for_name (const char         *name,
                                        CohortExportFormat *out_format);

/* Exports @group's members, or every contact with @group NULL. */
void     cohort_export_interactive     (GtkWidget          *widget,
                                        CohortStore        *store,
                                        CohortGroup        *group);

G_END_DECLS
