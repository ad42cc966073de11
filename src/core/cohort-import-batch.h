/* cohort-import-batch.h — rows read from a contact CSV, on their way in
 *
 * The reading thread fills a batch with checked, folded rows; the writing
 * thread hands the whole batch to SQLite as three table-valued functions,
 * so each batch is written with one INSERT … SELECT per table:
 *
 *   cohort_import_rows(?)    id, email, email_fold, … country_fold, status,
 *                            score, account_id, created_at
 *   cohort_import_tags(?)    contact_id, tag, tag_fold
 *   cohort_import_fields(?)  contact_id, key, value, value_fold
 *
 * where ? is the batch, bound with cohort_import_batch_bind(). A row whose
 * id is 0 is not written; its tags and fields are left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "cohort-contact.h"

G_BEGIN_DECLS

typedef struct
{
  guint line;
  gint64 id;                   /* the contact it writes; 0 when skipped */
  gint64 account_id;           /* 0: none */
  const char *text[COHORT_CONTACT_N_TEXT_FIELDS];
  const char *fold[COHORT_CONTACT_N_TEXT_FIELDS];
  const char *status;          /* NULL: the row leaves it as it is */
  const char *company;
  const char *company_fold;
  gboolean has_score;
  gboolean has_created_at;
  gint64 score;
  gint64 created_at;
  guint first;                 /* in the batch's strings: (tag, fold) pairs, */
  guint n_tags;                /* then (key, value, fold) triples */
  guint n_fields;
} CohortImportRow;

typedef struct
{
  GArray *rows;                /* CohortImportRow */
  GPtrArray *strings;
  GStringChunk *chunk;         /* every string of the batch */
  guint64 position;            /* bytes of the file read up to its last row */
  gboolean last;
  GError *error;               /* set on the last batch if reading failed */
} CohortImportBatch;

CohortImportBatch *cohort_import_batch_new       (void);
void               cohort_import_batch_free      (CohortImportBatch *b);
void               cohort_import_batch_clear     (CohortImportBatch *b);
/* Copies @text (may be NULL) into the batch. */
const char        *cohort_import_batch_keep      (CohortImportBatch *b,
                                                  const char        *text);
/* cohort_text_fold() of a trimmed text, kept in the batch. */
const char        *cohort_import_batch_keep_fold (CohortImportBatch *b,
                                                  const char        *text);

/* Makes the three functions known to @db. */
int                cohort_import_batch_register  (sqlite3           *db);
void               cohort_import_batch_bind      (sqlite3_stmt      *stmt,
                                                  int                index,
                                                  CohortImportBatch *b);

G_END_DECLS
