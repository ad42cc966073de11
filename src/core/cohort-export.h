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
  COHORT_EXPORT_VCARD,   /* vCard 4.0 (RFC 6350) */
  COHORT_EXPORT_VCARD3,  /* vCard 3.0, for Outlook and older address books */
} CohortExportFormat;

/* Writes every contact that is not merged (@group_id 0) or the members of a
 * group, ordered by email, streaming: memory does not grow with the count.
 * CSV uses the canonical import columns plus custom.<key> columns, so an
 * export imports back; cells are formula-guarded. vCard writes one card a
 * contact in UTF-8 with CRLF lines folded at 75 octets: names, email,
 * phone, job title, company, city and country, tags as CATEGORIES and the
 * last change as REV; it imports back through cohort-vcard.c. Status,
 * score and custom fields have no vCard property and are left out. */
gboolean cohort_export_contacts (CohortStore         *self,
                                 gint64               group_id,
                                 CohortExportFormat   format,
                                 GOutputStream       *out,
                                 GCancellable        *cancellable,
                                 GError             **error);

G_END_DECLS
