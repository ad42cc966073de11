/* cohort-import-mapping.h — which column of a file goes to which contact field
 *
 * A mapping overrides the recognised layout for the columns it names; the
 * others are read as they would be without it. It is stored as JSON, so
 * that a mapping made once (in the import dialog, or by hand for
 * `cohort-cli contacts import --map`) can be kept as a preset:
 *
 *   {"encoding": "windows-1252",
 *    "columns": {"E-Mail Adresse": "email", "Notizen": "skip",
 *                "Kundennummer": "custom.customer_no"}}
 *
 * A target is a contact field (email, first_name, last_name, phone,
 * job_title, company, city, country, status, score, tags, created_at),
 * full_name (split into first and last name when the file has neither),
 * custom.KEY, or "skip" / null for a column that is not imported. Headers
 * match ignoring case, spaces and punctuation. "encoding" is optional.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CohortImportMapping CohortImportMapping;

CohortImportMapping *cohort_import_mapping_new           (void);
CohortImportMapping *cohort_import_mapping_ref           (CohortImportMapping  *self);
void                 cohort_import_mapping_unref         (CohortImportMapping  *self);

/* Maps the column @header to @target; NULL or "skip" skips it. Fails,
 * changing nothing, when @target is no field. */
gboolean             cohort_import_mapping_set           (CohortImportMapping  *self,
                                                          const char           *header,
                                                          const char           *target,
                                                          GError              **error);
/* Whether @header is mapped; *out_target is then its field, or NULL for a
 * skipped column. */
gboolean             cohort_import_mapping_lookup        (CohortImportMapping  *self,
                                                          const char           *header,
                                                          const char          **out_target);
/* The mapped headers, in the order they were set. */
GStrv                cohort_import_mapping_dup_headers   (CohortImportMapping  *self);
/* The encoding the file is read in (an iconv name), NULL to detect it. */
const char          *cohort_import_mapping_get_encoding  (CohortImportMapping  *self);
gboolean             cohort_import_mapping_set_encoding  (CohortImportMapping  *self,
                                                          const char           *encoding,
                                                          GError              **error);

/* Errors are COHORT_ERROR_INVALID and begin with @name (how messages
 * refer to the JSON: "map.json") and the JSON path:
 * `map.json: columns["Notizen"]: "note" is not a field (…)`. */
CohortImportMapping *cohort_import_mapping_new_from_json (const char           *json,
                                                          gssize                length,
                                                          const char           *name,
                                                          GError              **error);
CohortImportMapping *cohort_import_mapping_load          (const char           *path,
                                                          GError              **error);
char                *cohort_import_mapping_to_json       (CohortImportMapping  *self);
gboolean             cohort_import_mapping_save          (CohortImportMapping  *self,
                                                          const char           *path,
                                                          GError              **error);
/* Fails, naming the first mapped header that @header (@n cells of the
 * file called @file_name) does not have. */
gboolean             cohort_import_mapping_check_header  (CohortImportMapping  *self,
                                                          char * const         *header,
                                                          guint                 n,
                                                          const char           *file_name,
                                                          GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortImportMapping, cohort_import_mapping_unref)

G_END_DECLS
