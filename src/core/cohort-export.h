/* cohort-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-selection.h"
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

/* As cohort_export_contacts(), for the contacts of @selection. CSV and
 * JSON write only the columns named in @columns (the names of the CSV
 * header: "email", …, "created_at", "custom.<key>"), in the export's own
 * order whatever the order given; NULL writes all of them (and JSON also
 * its id, updated_at and last_activity_at). vCard and the list of emails
 * write what they need: @columns does not apply. A name that is no column
 * is COHORT_ERROR_INVALID naming it and listing the valid ones, before
 * anything is written. */
gboolean cohort_export_selection (CohortStore            *self,
                                  const CohortSelection  *selection,
                                  CohortExportFormat      format,
                                  const char * const     *columns,
                                  GOutputStream          *out,
                                  GCancellable           *cancellable,
                                  GError                **error);

/* The columns a CSV export can have, in its order: the canonical ones,
 * then "custom.<key>" for each custom field in use. */
GStrv    cohort_export_list_columns (CohortStore  *self,
                                     GError      **error);

G_END_DECLS
