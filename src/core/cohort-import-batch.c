/* cohort-import-batch.c — a batch of imported rows, and SQLite's view of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cohort-import-batch.h"
#include "cohort-text.h"

#define BATCH_POINTER_TYPE "cohort-import-batch"

CohortImportBatch *
cohort_import_batch_new (void)
{
  CohortImportBatch *b = g_new0 (CohortImportBatch, 1);

  b->rows = g_array_new (FALSE, FALSE, sizeof (CohortImportRow));
  b->strings = g_ptr_array_new ();
  b->chunk = g_string_chunk_new (64 * 1024);
  return b;
}

void
cohort_import_batch_free (CohortImportBatch *b)
{
  g_array_unref (b->rows);
  g_ptr_array_unref (b->strings);
  g_string_chunk_free (b->chunk);
  g_clear_error (&b->error);
  g_free (b);
}

void
cohort_import_batch_clear (CohortImportBatch *b)
{
  g_array_set_size (b->rows, 0);
  g_ptr_array_set_size (b->strings, 0);
  g_string_chunk_clear (b->chunk);
  b->position = 0;
  b->last = FALSE;
  g_clear_error (&b->error);
}

const char *
cohort_import_batch_keep (CohortImportBatch *b,
                          const char        *text)
{
  return text != NULL ? g_string_chunk_insert (b->chunk, text) : NULL;
}

const char *
cohort_import_batch_keep_fold (CohortImportBatch *b,
                               const char        *text)
{
  g_autofree char *fold = NULL;
  char *out;

  if (text == NULL)
    return NULL;
  /* ASCII folds to its lower case, without a copy of its own. */
  out = g_string_chunk_insert (b->chunk, text);
  if (cohort_text_fold_ascii (out))
    return out;
  fold = cohort_text_fold (text);
  return cohort_import_batch_keep (b, fold);
}

void
cohort_import_batch_bind (sqlite3_stmt      *stmt,
                          int                index,
                          CohortImportBatch *b)
{
  sqlite3_bind_pointer (stmt, index, b, BATCH_POINTER_TYPE, NULL);
}

/* ---- the table-valued functions ----------------------------------------- */

typedef enum
{
  VIEW_ROWS,
  VIEW_TAGS,
  VIEW_FIELDS,
} ViewKind;

static const char * const view_schemas[] = {
  [VIEW_ROWS] = "CREATE TABLE x (id, email, email_fold, first_name, first_name_fold, last_name, last_name_fold, "
                "phone, phone_fold, job_title, job_title_fold, city, city_fold, country, country_fold, "
                "status, score, account_id, created_at, batch HIDDEN)",
  [VIEW_TAGS] = "CREATE TABLE x (contact_id, tag, tag_fold, batch HIDDEN)",
  [VIEW_FIELDS] = "CREATE TABLE x (contact_id, key, value, value_fold, batch HIDDEN)",
};
static const int view_batch_column[] = { [VIEW_ROWS] = 19, [VIEW_TAGS] = 3, [VIEW_FIELDS] = 4 };

typedef struct
{
  sqlite3_vtab base;
  ViewKind kind;
} View;

typedef struct
{
  sqlite3_vtab_cursor base;
  ViewKind kind;
  CohortImportBatch *batch;
  guint row;                  /* index in batch->rows */
  guint item;                 /* the tag or field within the row */
  sqlite3_int64 rowid;
} ViewCursor;

static int
view_connect (sqlite3             *db,
              void                *aux,
              int                  argc,
              const char * const  *argv,
              sqlite3_vtab       **out_vtab,
              char               **out_error)
{
  ViewKind kind = GPOINTER_TO_INT (aux);
  View *view;
  int rc = sqlite3_declare_vtab (db, view_schemas[kind]);

  if (rc != SQLITE_OK)
    return rc;
  view = sqlite3_malloc (sizeof *view);
  if (view == NULL)
    return SQLITE_NOMEM;
  memset (view, 0, sizeof *view);
  view->kind = kind;
  *out_vtab = &view->base;
  return SQLITE_OK;
}

static int
view_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

/* Only usable with the batch given: cohort_import_rows(?). */
static int
view_best_index (sqlite3_vtab       *vtab,
                 sqlite3_index_info *info)
{
  View *view = (View *) vtab;

  for (int i = 0; i < info->nConstraint; i++)
    {
      const struct sqlite3_index_constraint *c = &info->aConstraint[i];

      if (c->iColumn == view_batch_column[view->kind] && c->op == SQLITE_INDEX_CONSTRAINT_EQ)
        {
          if (!c->usable)
            return SQLITE_CONSTRAINT;
          info->aConstraintUsage[i].argvIndex = 1;
          info->aConstraintUsage[i].omit = 1;
          info->estimatedCost = 1000;
          info->estimatedRows = 1000;
          return SQLITE_OK;
        }
    }
  return SQLITE_CONSTRAINT;
}

static int
view_open (sqlite3_vtab         *vtab,
           sqlite3_vtab_cursor **out_cursor)
{
  ViewCursor *cursor = sqlite3_malloc (sizeof *cursor);

  if (cursor == NULL)
    return SQLITE_NOMEM;
  memset (cursor, 0, sizeof *cursor);
  cursor->kind = ((View *) vtab)->kind;
  *out_cursor = &cursor->base;
  return SQLITE_OK;
}

static int
view_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static guint
items_of (ViewCursor            *cursor,
          const CohortImportRow *row)
{
  if (row->id == 0)
    return 0;
  switch (cursor->kind)
    {
    case VIEW_TAGS:
      return row->n_tags;
    case VIEW_FIELDS:
      return row->n_fields;
    case VIEW_ROWS:
    default:
      return 1;
    }
}

/* Moves to the next item from (row, item), skipping rows without any. */
static void
settle (ViewCursor *cursor)
{
  GArray *rows = cursor->batch->rows;

  while (cursor->row < rows->len &&
         cursor->item >= items_of (cursor, &g_array_index (rows, CohortImportRow, cursor->row)))
    {
      cursor->row++;
      cursor->item = 0;
    }
}

static int
view_filter (sqlite3_vtab_cursor  *base,
             int                   index_number,
             const char           *index_string,
             int                   argc,
             sqlite3_value       **argv)
{
  ViewCursor *cursor = (ViewCursor *) base;

  cursor->batch = argc > 0 ? sqlite3_value_pointer (argv[0], BATCH_POINTER_TYPE) : NULL;
  cursor->row = cursor->item = 0;
  cursor->rowid = 1;
  if (cursor->batch != NULL)
    settle (cursor);
  return SQLITE_OK;
}

static int
view_next (sqlite3_vtab_cursor *base)
{
  ViewCursor *cursor = (ViewCursor *) base;

  cursor->item++;
  cursor->rowid++;
  settle (cursor);
  return SQLITE_OK;
}

static int
view_eof (sqlite3_vtab_cursor *base)
{
  ViewCursor *cursor = (ViewCursor *) base;

  return cursor->batch == NULL || cursor->row >= cursor->batch->rows->len;
}

static void
result_text (sqlite3_context *ctx,
             const char      *text)
{
  if (text != NULL)
    sqlite3_result_text (ctx, text, -1, SQLITE_STATIC);
}

static void
result_int64 (sqlite3_context *ctx,
              gboolean         has_value,
              gint64           value)
{
  if (has_value)
    sqlite3_result_int64 (ctx, value);
}

static int
view_column (sqlite3_vtab_cursor *base,
             sqlite3_context     *ctx,
             int                  column)
{
  ViewCursor *cursor = (ViewCursor *) base;
  const CohortImportRow *row = &g_array_index (cursor->batch->rows, CohortImportRow, cursor->row);
  const char **strings = (const char **) cursor->batch->strings->pdata + row->first;

  if (column == 0)
    {
      sqlite3_result_int64 (ctx, row->id);
      return SQLITE_OK;
    }

  switch (cursor->kind)
    {
    case VIEW_ROWS:
      if (column <= 2 * COHORT_CONTACT_N_TEXT_FIELDS)
        result_text (ctx, column % 2 ? row->text[(column - 1) / 2] : row->fold[(column - 1) / 2]);
      else if (column == 15)
        result_text (ctx, row->status);
      else if (column == 16)
        result_int64 (ctx, row->has_score, row->score);
      else if (column == 17)
        result_int64 (ctx, row->account_id != 0, row->account_id);
      else if (column == 18)
        result_int64 (ctx, row->has_created_at, row->created_at);
      break;

    case VIEW_TAGS:
      if (column <= 2)
        result_text (ctx, strings[2 * cursor->item + column - 1]);
      break;

    case VIEW_FIELDS:
      if (column <= 3)
        result_text (ctx, strings[2 * row->n_tags + 3 * cursor->item + column - 1]);
      break;

    default:
      g_assert_not_reached ();
    }
  return SQLITE_OK;
}

static int
view_rowid (sqlite3_vtab_cursor *base,
            sqlite3_int64       *out_rowid)
{
  *out_rowid = ((ViewCursor *) base)->rowid;
  return SQLITE_OK;
}

/* Eponymous-only (no xCreate): they exist in every schema as functions. */
static const sqlite3_module view_module = {
  .iVersion = 0,
  .xConnect = view_connect,
  .xBestIndex = view_best_index,
  .xDisconnect = view_disconnect,
  .xOpen = view_open,
  .xClose = view_close,
  .xFilter = view_filter,
  .xNext = view_next,
  .xEof = view_eof,
  .xColumn = view_column,
  .xRowid = view_rowid,
};

int
cohort_import_batch_register (sqlite3 *db)
{
  static const char * const names[] = {
    [VIEW_ROWS] = "cohort_import_rows",
    [VIEW_TAGS] = "cohort_import_tags",
    [VIEW_FIELDS] = "cohort_import_fields",
  };
  int rc = SQLITE_OK;

  for (guint i = 0; i < G_N_ELEMENTS (names) && rc == SQLITE_OK; i++)
    rc = sqlite3_create_module_v2 (db, names[i], &view_module, GINT_TO_POINTER (i), NULL);
  return rc;
}
