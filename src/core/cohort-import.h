/* cohort-import.h — CSV import of contacts, accounts and activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-recalc.h"

G_BEGIN_DECLS

typedef struct
{
  guint      created;
  guint      updated;
  guint      skipped;    /* existing email without --update */
  guint      rejected;   /* rows with an error */
  GPtrArray *messages;   /* "contacts.csv:12: score: "many" is not a whole number" */
} CohortImportReport;

CohortImportReport *cohort_import_report_new  (void);
void                cohort_import_report_free (CohortImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortImportReport, cohort_import_report_free)

/* SPEC §4 contact CSV. Valid rows are stored (in one transaction) even when
 * other rows are rejected; rejected and skipped rows are listed in @report.
 * Imported contacts are added to the static groups @group_ids. Returns FALSE
 * only when nothing could be imported (unreadable file, no usable header,
 * database error), with everything stored left as it was. @progress (may be
 * NULL) is called on the calling thread as the file is written, with a
 * fraction that never goes back and ends at 1.0 after a successful import. */
gboolean cohort_import_contacts   (CohortStore         *self,
                                   const char          *path,
                                   const gint64        *group_ids,
                                   guint                n_group_ids,
                                   gboolean             update,
                                   GCancellable        *cancellable,
                                   CohortProgressFunc   progress,
                                   gpointer             progress_data,
                                   CohortImportReport  *report,
                                   GError             **error);
/* name,industry,employees; existing accounts are updated. */
gboolean cohort_import_accounts   (CohortStore         *self,
                                   const char          *path,
                                   CohortImportReport  *report,
                                   GError             **error);
/* email,type,occurred_at[,detail] */
gboolean cohort_import_activities (CohortStore         *self,
                                   const char          *path,
                                   CohortImportReport  *report,
                                   GError             **error);

G_END_DECLS
