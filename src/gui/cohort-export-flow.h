/* cohort-export-flow.h — exporting contacts from the app
 *
 * Asks for the format and columns, then where (the file chooser portal),
 * writes on a worker with a toast that can cancel it, and tells how many
 * contacts went out. The file type chosen in the file chooser, or the
 * name's extension, has the last word on the format: CSV, JSON or vCard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-export.h"

G_BEGIN_DECLS

/* The format for a file name's extension (".csv", ".json", ".vcf"), or
 * FALSE for an other one. */
gboolean cohort_export_format_for_name (const char         *name,
                                        CohortExportFormat *out_format);

/* Asks for the format and columns (CohortExportDialog), then where, and
 * exports the contacts of @selection (copied). @n_contacts is said in the
 * dialog's title, @title (nullable) is the file chooser's and @file_stem
 * the file name suggested, without its extension. */
void     cohort_export_interactive     (GtkWidget              *widget,
                                        CohortStore            *store,
                                        const CohortSelection  *selection,
                                        gint64                  n_contacts,
                                        const char             *title,
                                        const char             *file_stem);

G_END_DECLS
