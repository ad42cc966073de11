/* cohort-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-store.h"

G_BEGIN_DECLS

typedef enum
{
  COHORT_EXPORT_CSV,
  COHORT_EXPORT_JSON,
  COHORT_EXPORT_EMAILS,  /* one email a line, sorted */
} CohortExportFormat;

/* Writes every contact that is not merged (@group_id 0) or the members of a
 * group, ordered by email, streaming: memory does not grow with the count.
 * CSV uses the canonical import columns plus custom.<key> columns, so an
 * export imports back; cells are formula-guarded. */
gboolean cohort_export_contacts (CohortStore         *self,
                                 gint64               group_id,
                                 CohortExportFormat   format,
                                 GOutputStream       *out,
                                 GCancellable        *cancellable,
                                 GError             **error);

G_END_DECLS
