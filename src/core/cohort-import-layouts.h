/* cohort-import-layouts.h — the export layouts of the tools marketers move from
 *
 * Each layout is data: the headers that give it away, what its columns
 * mean, and the values it writes where there is nothing to say. Headers
 * are compared in cohort_import_normalize_header() form ("E-mail Address"
 * is "e_mail_address").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The first name and last name of a row in which both are empty come from
 * a column with this target, split at its last space. */
#define COHORT_IMPORT_FULL_NAME "full_name"

typedef struct
{
  const char *header;
  const char *target;   /* a contact field, COHORT_IMPORT_FULL_NAME, or NULL: not contact data */
  const char *value;    /* when set, a filled cell sets the field to this */
  gboolean    lenient;  /* a value the field refuses is kept as a custom field */
} CohortImportLayoutColumn;

typedef struct
{
  const char *header;
  const char *value;    /* the cell means nothing (compared ignoring case) */
} CohortImportPlaceholder;

typedef struct
{
  const char                     *id;          /* "thunderbird" */
  const char                     *description; /* N_(): "a Thunderbird address book" */
  const char * const             *signature;
  guint                           min_signature;
  const CohortImportLayoutColumn *columns;     /* ends with { NULL } */
  const CohortImportPlaceholder  *placeholders; /* ends with { NULL }; may be NULL */
} CohortImportLayout;

/* The layout whose signature headers @normalized (@n headers) has most of,
 * if it has enough of them; NULL when the file is no known export. */
const CohortImportLayout       *cohort_import_layout_detect      (char * const              *normalized,
                                                                  guint                      n);
/* The column of @layout (may be NULL) for a normalized header, else the
 * canonical and common names every file may use; NULL when neither
 * knows it. */
const CohortImportLayoutColumn *cohort_import_layout_find        (const CohortImportLayout  *layout,
                                                                  const char                *normalized);
/* Whether @value in the column @normalized is one of @layout's
 * placeholders; with @value NULL, whether the column has any. */
gboolean                        cohort_import_layout_is_placeholder (const CohortImportLayout *layout,
                                                                     const char               *normalized,
                                                                     const char               *value);

G_END_DECLS
