/* cohort-import-reader.h — the reading half of a contact import
 *
 * One thread reads, checks and folds rows while the calling thread writes
 * them, so SQLite never waits for the CSV. Rows travel in batches; a fixed
 * set of batches goes back and forth between the two queues, so memory
 * stays flat.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-contact.h"
#include "cohort-csv.h"
#include "cohort-import.h"
#include "cohort-import-batch.h"
#include "cohort-import-layouts.h"
#include "cohort-import-private.h"

G_BEGIN_DECLS

/* What a column holds. Columns for the same field share a slot: the first
 * filled cell of a field wins, and empty cells leave the field as it is, so
 * an update only overwrites what the file says. */
typedef struct
{
  char                   *field;  /* a contact field name, or NULL to skip */
  CohortContactFieldKind  kind;
  CohortContactTextField  text;
  const char             *key;    /* COHORT_CONTACT_FIELD_CUSTOM: within field */
  guint                   slot;
  const char             *value;  /* a filled cell sets the field to this */
  gboolean                full_name;     /* split into first and last name */
  char                   *fallback;      /* lenient: the custom key of a refused value */
  char                   *normalized;    /* the header, when the layout has placeholders for it */
} CohortImportColumn;

typedef struct
{
  CohortImportColumn       *columns;
  guint                     n_columns;
  guint                     n_slots;
  const CohortImportLayout *layout;     /* the export the header was recognised as */
} CohortImportColumnMap;

#define COHORT_IMPORT_BATCH_ROWS 2048
#define COHORT_IMPORT_N_BATCHES 4

typedef struct
{
  CohortImportSource    *source;
  guint                  n_columns;
  GCancellable          *cancellable;
  CohortImportColumnMap  map;
  GTimeZone             *tz;
  guint8                *filled;  /* per slot, for the row being read */
  GPtrArray             *tags;    /* the row's (tag, fold) pairs */
  GPtrArray             *fields;  /* the row's (key, value, fold) triples */
  CohortImportReport    *report;  /* the rows it rejects */
  GAsyncQueue           *full;    /* batches to write */
  GAsyncQueue           *empty;   /* batches to fill */
  CohortImportBatch     *batch;
  int                    stop;    /* atomic: the writer has failed */
} CohortImportReader;

/* Maps each header cell to a contact field, by @mapping (may be NULL)
 * first, then by the layout it recognises (map->layout); returns how many
 * are known. */
guint    cohort_import_map_header       (CohortImportColumnMap  *map,
                                         char                  **header,
                                         guint                   n,
                                         CohortImportMapping    *mapping);
void     cohort_import_column_map_clear (CohortImportColumnMap  *map);
/* Adds to @report what was assumed about @source: the encoding it is read
 * in and the layout @map recognised (report->layout and report->notes). */
void     cohort_import_report_assumptions (CohortImportSource          *source,
                                           const CohortImportColumnMap *map,
                                           CohortImportReport          *report);

/* The reading thread (a GThreadFunc over a CohortImportReader): fills batches from
 * `empty` and sends them to `full`; the last one has `last` set, and an
 * error if reading failed. */
gpointer cohort_import_read_rows        (gpointer                data);

G_END_DECLS
