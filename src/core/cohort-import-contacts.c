/* cohort-import-contacts.c — contacts from CSV
 *
 * The file is read once, on a thread of its own (cohort-import-reader.c):
 * each cell is checked by the same rules as cohort_contact_set_field() and
 * folded, and the rows are gathered in batches. The calling thread
 * writes each batch, in one transaction for the whole file, with one
 * INSERT … SELECT per table over the batch (cohort-import-batch.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cohort-error.h"
#include "cohort-import-batch.h"
#include "cohort-import-private.h"
#include "cohort-import-reader.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

static gboolean
add_imported_to_groups (CohortStore   *self,
                        const gint64  *group_ids,
                        guint          n_group_ids,
                        GError       **error)
{
  cohort_store_set_reason (self, COHORT_REASON_IMPORT);
  for (guint g = 0; g < n_group_ids; g++)
    {
      sqlite3_stmt *stmt = cohort_store_prepare (self,
                                                 "INSERT INTO memberships (group_id, contact_id, manual, added_at) "
                                                 "SELECT ?1, c.id, 1, ?2 FROM temp.touched t CROSS JOIN contacts c "
                                                 "ON c.id = t.id WHERE c.merged_into IS NULL "
                                                 "ON CONFLICT (group_id, contact_id) DO UPDATE SET manual = 1",
                                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, group_ids[g]);
      sqlite3_bind_int64 (stmt, 2, cohort_store_get_now (self));
      if (!cohort_store_step_done (self, stmt, error))
        return FALSE;
      stmt = cohort_store_prepare (self, "INSERT OR IGNORE INTO temp.recount (id) VALUES (?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, group_ids[g]);
      if (!cohort_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_target_groups (CohortStore   *self,
                     const gint64  *group_ids,
                     guint          n_group_ids,
                     GError       **error)
{
  for (guint g = 0; g < n_group_ids; g++)
    {
      g_autoptr(CohortGroup) group = cohort_store_get_group (self, group_ids[g], error);

      if (group == NULL)
        return FALSE;
      if (cohort_group_get_kind (group) != COHORT_GROUP_STATIC)
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("“%s” is a dynamic group: contacts cannot be imported into it"),
                       cohort_group_get_code (group));
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- writing ------------------------------------------------------------ */

typedef struct
{
  CohortStore *store;
  gboolean     update;
  const char  *name;
  gint64       base;        /* a new contact's id is base + its line */
  gint64       accounts_base; /* the accounts made here have larger ids */
  gint64       has_groups;  /* so imported contacts must be settled */
  gint64       now;
  GHashTable  *accounts;    /* name_fold → id (gint64 *) */
  GHashTable  *existing;    /* id of a contact that was there → first line */
  GPtrArray   *skipped;     /* messages, after the rejected ones */
  GHashTable  *keys;        /* custom-field keys written, a set */
  gint64       waited;      /* µs spent waiting for the reader */
  guint64      size;        /* of the file; 0 when not known */
  CohortProgressFunc progress;
  gpointer     progress_data;
  CohortImportReport *report;
} Writer;

/* For progress: writing the rows is most of an import (about three
 * quarters of a million-row one); the indexes built at the end, settling
 * groups and the commit are the rest. */
#define ROWS_SHARE 0.75

static void
report_progress (Writer *w,
                 double  fraction)
{
  if (w->progress != NULL)
    w->progress (CLAMP (fraction, 0.0, 1.0), w->progress_data);
}

static gboolean
find_account (Writer                 *w,
              const CohortImportRow  *row,
              gint64                 *out_id,
              GError                **error)
{
  gint64 *id;
  sqlite3_stmt *stmt;

  *out_id = 0;
  if (row->company_fold == NULL)
    return TRUE;
  if ((id = g_hash_table_lookup (w->accounts, row->company_fold)) != NULL)
    {
      *out_id = *id;
      return TRUE;
    }

  /* The first spelling of a new account wins. */
  stmt = cohort_store_prepare (w->store, "INSERT OR IGNORE INTO accounts (name, name_fold) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->company, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->company_fold, -1, SQLITE_STATIC);
  if (!cohort_store_step_done (w->store, stmt, error))
    return FALSE;
  stmt = cohort_store_prepare (w->store, "SELECT id FROM accounts WHERE name_fold = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->company_fold, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return cohort_store_set_error (w->store, error);
    }
  id = g_new (gint64, 1);
  *id = *out_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_hash_table_insert (w->accounts, g_strdup (row->company_fold), id);
  return TRUE;
}

/* The contact that has the row's email: 0 when there is none. */
static gboolean
find_contact (Writer                 *w,
              const CohortImportRow  *row,
              gint64                 *out_id,
              gboolean               *out_merged,
              GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_id = 0;
  *out_merged = FALSE;
  if (row->fold[COHORT_CONTACT_EMAIL] == NULL)
    return TRUE;
  stmt = cohort_store_prepare (w->store, "SELECT id, merged_into IS NOT NULL FROM contacts WHERE email_fold = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->fold[COHORT_CONTACT_EMAIL], -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      *out_merged = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return cohort_store_set_error (w->store, error);
  return TRUE;
}

/* Only what the file says is overwritten; tags are replaced, custom fields
 * merged (with the batch's own). */
static gboolean
update_contact (Writer                 *w,
                const CohortImportRow  *row,
                gint64                  id,
                GError                **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (w->store,
                                             "UPDATE contacts SET email = coalesce (?2, email), "
                                             "  first_name = coalesce (?4, first_name), first_name_fold = coalesce (?5, first_name_fold), "
                                             "  last_name = coalesce (?6, last_name), last_name_fold = coalesce (?7, last_name_fold), "
                                             "  phone = coalesce (?8, phone), phone_fold = coalesce (?9, phone_fold), "
                                             "  job_title = coalesce (?10, job_title), job_title_fold = coalesce (?11, job_title_fold), "
                                             "  city = coalesce (?12, city), city_fold = coalesce (?13, city_fold), "
                                             "  country = coalesce (?14, country), country_fold = coalesce (?15, country_fold), "
                                             "  status = coalesce (?16, status), score = coalesce (?17, score), "
                                             "  account_id = coalesce (?18, account_id), created_at = coalesce (?19, created_at), "
                                             "  updated_at = ?20 "
                                             "WHERE id = ?1",
                                             error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  for (guint i = 0; i < COHORT_CONTACT_N_TEXT_FIELDS; i++)
    {
      sqlite3_bind_text (stmt, 2 + 2 * i, row->text[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3 + 2 * i, row->fold[i], -1, SQLITE_STATIC);
    }
  sqlite3_bind_text (stmt, 16, row->status, -1, SQLITE_STATIC);
  cohort_store_bind_int64_or_null (stmt, 17, row->has_score, row->score);
  cohort_store_bind_int64_or_null (stmt, 18, row->account_id != 0, row->account_id);
  cohort_store_bind_int64_or_null (stmt, 19, row->has_created_at, row->created_at);
  sqlite3_bind_int64 (stmt, 20, w->now);
  return cohort_store_step_done (w->store, stmt, error) &&
         cohort_store_touch (w->store, id, error) &&
         (row->n_tags == 0 ||
          cohort_store_run (w->store, "DELETE FROM contact_tags WHERE contact_id = ?", id, 0, NULL, error));
}

static void
report_skipped (Writer                *w,
                const CohortImportRow *row,
                guint                  first_line,
                gboolean               merged)
{
  const char *email = row->text[COHORT_CONTACT_EMAIL];
  g_autofree char *text = NULL;

  if (first_line != 0)
    text = g_strdup_printf (_("the email “%s” was already on line %u (skipped)"), email, first_line);
  else if (merged)
    text = g_strdup_printf (_("the contact “%s” was merged into another one (skipped)"), email);
  else
    text = g_strdup_printf (_("a contact with the email “%s” already exists (skipped; import with --update to update it)"),
                            email);
  g_ptr_array_add (w->skipped, g_strdup_printf ("%s:%u: %s", w->name, row->line, text));
  w->report->skipped++;
}

/* A row whose email was taken updates the contact that has it, or is
 * skipped: an email seen earlier in the file, one that exists (without
 * --update), one of a merged contact. Sets the row's id to the contact it
 * updates, or to 0. */
static gboolean
write_taken (Writer           *w,
             CohortImportRow  *row,
             GError          **error)
{
  gboolean merged;
  guint first_line;
  gint64 id;

  row->id = 0;
  if (!find_contact (w, row, &id, &merged, error))
    return FALSE;
  if (id > w->base)
    {
      report_skipped (w, row, id - w->base, FALSE);
      return TRUE;
    }
  first_line = GPOINTER_TO_UINT (g_hash_table_lookup (w->existing, &id));
  if (first_line == 0)
    g_hash_table_insert (w->existing, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (row->line));
  if (first_line != 0 || merged || !w->update)
    {
      report_skipped (w, row, first_line, merged);
      return TRUE;
    }
  if (!update_contact (w, row, id, error))
    return FALSE;
  row->id = id;
  w->report->updated++;
  return TRUE;
}

static gboolean
contact_exists (Writer   *w,
                gint64    id,
                gboolean *out_exists,
                GError  **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (w->store, "SELECT 1 FROM contacts WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return cohort_store_set_error (w->store, error);
  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

/* Runs one INSERT … SELECT over the batch; ?2 is now. */
static gboolean
insert_batch (Writer             *w,
              CohortImportBatch  *b,
              const char         *sql,
              gint64             *out_changes,
              GError            **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (w->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  cohort_import_batch_bind (stmt, 1, b);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, w->now);
  if (!cohort_store_step_done (w->store, stmt, error))
    return FALSE;
  if (out_changes != NULL)
    *out_changes = sqlite3_changes64 (cohort_store_get_db (w->store));
  return TRUE;
}

/* A batch goes in with one statement per table. Most rows are new, so
 * every row is offered as a new contact first; only if some email was
 * taken are those rows looked at, one by one and in file order. */
static gboolean
write_batch (Writer             *w,
             CohortImportBatch  *b,
             GError            **error)
{
  gint64 created;

  for (guint i = 0; i < b->rows->len; i++)
    {
      CohortImportRow *row = &g_array_index (b->rows, CohortImportRow, i);

      row->id = w->base + row->line;
      if (!find_account (w, row, &row->account_id, error))
        return FALSE;
    }

  if (!insert_batch (w, b,
                     "INSERT INTO contacts (id, email, email_fold, first_name, first_name_fold, "
                     "  last_name, last_name_fold, phone, phone_fold, job_title, job_title_fold, "
                     "  city, city_fold, country, country_fold, status, score, account_id, "
                     "  created_at, updated_at) "
                     "SELECT id, email, email_fold, first_name, first_name_fold, last_name, last_name_fold, "
                     "  phone, phone_fold, job_title, job_title_fold, city, city_fold, country, country_fold, "
                     "  coalesce (status, 'active'), score, account_id, coalesce (created_at, ?2), ?2 "
                     "FROM cohort_import_rows (?1) WHERE true "
                     "ON CONFLICT (email_fold) DO NOTHING",
                     &created, error))
    return FALSE;
  w->report->created += created;

  for (guint i = 0; created < b->rows->len && i < b->rows->len; i++)
    {
      CohortImportRow *row = &g_array_index (b->rows, CohortImportRow, i);
      gboolean exists = TRUE;

      if (!contact_exists (w, row->id, &exists, error) ||
          (!exists && !write_taken (w, row, error)))
        return FALSE;
    }

  for (guint i = 0; i < b->rows->len; i++)
    {
      const CohortImportRow *row = &g_array_index (b->rows, CohortImportRow, i);
      const char **strings = (const char **) b->strings->pdata + row->first + 2 * row->n_tags;

      for (guint f = 0; row->id != 0 && f < row->n_fields; f++)
        if (!g_hash_table_contains (w->keys, strings[3 * f]))
          g_hash_table_add (w->keys, g_strdup (strings[3 * f]));
    }

  return insert_batch (w, b,
                       "INSERT OR IGNORE INTO contact_tags (contact_id, tag, tag_fold) "
                       "SELECT contact_id, tag, tag_fold FROM cohort_import_tags (?1)",
                       NULL, error) &&
         insert_batch (w, b,
                       "INSERT OR REPLACE INTO contact_fields (contact_id, key, value, value_fold) "
                       "SELECT contact_id, key, value, value_fold FROM cohort_import_fields (?1)",
                       NULL, error);
}

/* Takes every batch the reader sends until its last, writing them while
 * all is well; after a failure it only hands them back, so the reader can
 * finish. */
static gboolean
write_rows (Writer              *w,
            CohortImportReader  *r,
            GError             **error)
{
  gboolean ok = TRUE;
  gboolean last;

  do
    {
      gint64 before = g_get_monotonic_time ();
      CohortImportBatch *b = g_async_queue_pop (r->full);

      w->waited += g_get_monotonic_time () - before;

      last = b->last;
      if (ok && b->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&b->error));
          ok = FALSE;
        }
      else if (ok && !write_batch (w, b, error))
        {
          g_atomic_int_set (&r->stop, TRUE);
          ok = FALSE;
        }
      else if (ok && w->size > 0)
        report_progress (w, ROWS_SHARE * b->position / w->size);
      cohort_import_batch_clear (b);
      g_async_queue_push (r->empty, b);
    }
  while (!last);

  return ok;
}

static gboolean
finish_rows (Writer  *w,
             GError **error)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, w->keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!cohort_store_add_custom_key (w->store, key, error))
      return FALSE;

  /* An account is made before its row is known to be written: those of
   * rows that were skipped go again. */
  return cohort_store_run (w->store,
                           "DELETE FROM accounts WHERE id > ? "
                           "AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = accounts.id)",
                           w->accounts_base, 0, NULL, error) &&
         /* New contacts: every id above the base (without groups, nothing
          * needs to know). */
         (!w->has_groups ||
          cohort_store_touch_sql (w->store, "INSERT OR IGNORE INTO temp.touched (id) SELECT id FROM contacts WHERE id > ?",
                                  w->base, error));
}

/* Into empty tables, the indexes whose keys arrive in random order are
 * cheaper built once at the end, from sorted keys, than grown row by row:
 * they go for the import and come back, from their own definitions (in
 * @out_sql), before anything reads them. */
static gboolean
defer_indexes (CohortStore  *self,
               GString      *out_sql,
               GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self,
                                             "SELECT name, sql FROM sqlite_schema "
                                             "WHERE name IN ('contacts_account', 'contact_tags_tag') "
                                             "AND NOT EXISTS (SELECT 1 FROM contacts)",
                                             error);
  g_autoptr(GString) drop = g_string_new (NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append_printf (drop, "DROP INDEX \"%s\";", sqlite3_column_text (stmt, 0));
      g_string_append_printf (out_sql, "%s;", sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return cohort_store_set_error (self, error);
  return drop->len == 0 || cohort_store_exec (self, drop->str, error);
}

/* Reads on a second thread and writes here, in one transaction. */
static gboolean
import_rows (CohortStore         *self,
             CohortImportReader  *r,
             Writer              *w,
             GError             **error)
{
  g_autoptr(GAsyncQueue) full = g_async_queue_new ();
  g_autoptr(GAsyncQueue) empty = g_async_queue_new ();
  g_autoptr(GString) indexes = g_string_new (NULL);
  gint64 start;
  GThread *thread;
  gboolean ok;

  if ((w->base = cohort_store_query_int64 (self, "SELECT coalesce (max (id), 0) FROM contacts", error)) < 0 ||
      (w->accounts_base = cohort_store_query_int64 (self, "SELECT coalesce (max (id), 0) FROM accounts", error)) < 0 ||
      (w->has_groups = cohort_store_query_int64 (self, "SELECT EXISTS (SELECT 1 FROM groups)", error)) < 0 ||
      !defer_indexes (self, indexes, error))
    return FALSE;

  r->full = full;
  r->empty = empty;
  for (guint i = 0; i < COHORT_IMPORT_N_BATCHES; i++)
    g_async_queue_push (empty, cohort_import_batch_new ());

  start = g_get_monotonic_time ();
  thread = g_thread_new ("cohort-import", cohort_import_read_rows, r);
  ok = write_rows (w, r, error);
  g_debug ("import: rows written after %.2f s (%.2f s waiting for the reader)",
           (g_get_monotonic_time () - start) / 1e6, w->waited / 1e6);
  ok = ok &&
       (indexes->len == 0 || cohort_store_exec (self, indexes->str, error)) &&
       finish_rows (w, error);
  if (ok)
    report_progress (w, (1.0 + ROWS_SHARE) / 2);
  g_thread_join (thread);

  for (CohortImportBatch *b; (b = g_async_queue_try_pop (empty)) != NULL;)
    cohort_import_batch_free (b);
  return ok;
}

void
cohort_import_report_assumptions (CohortImportSource          *source,
                                  const CohortImportColumnMap *map,
                                  CohortImportReport          *report)
{
  const char *name = cohort_import_source_get_name (source);

  cohort_import_source_report (source, report);
  g_clear_pointer (&report->layout, g_free);
  if (source->vcard != NULL)
    {
      report->layout = g_strdup ("vcard");
      g_ptr_array_add (report->notes, g_strdup_printf (_("%s: read as a vCard file"), name));
    }
  else if (map->layout != NULL)
    {
      report->layout = g_strdup (map->layout->id);
      g_ptr_array_add (report->notes,
                       g_strdup_printf (_("%s: recognised as %s"), name, _(map->layout->description)));
    }
}

gboolean
cohort_import_contacts (CohortStore         *self,
                        const char          *path,
                        const gint64        *group_ids,
                        guint                n_group_ids,
                        gboolean             update,
                        GCancellable        *cancellable,
                        CohortProgressFunc   progress,
                        gpointer             progress_data,
                        CohortImportReport  *report,
                        GError             **error)
{
  return cohort_import_contacts_full (self, path, NULL, group_ids, n_group_ids, update, cancellable,
                                      progress, progress_data, report, error);
}

gboolean
cohort_import_contacts_full (CohortStore                *self,
                             const char                 *path,
                             const CohortImportOptions  *options,
                             const gint64               *group_ids,
                             guint                       n_group_ids,
                             gboolean                    update,
                             GCancellable               *cancellable,
                             CohortProgressFunc          progress,
                             gpointer                    progress_data,
                             CohortImportReport         *report,
                             GError                    **error)
{
  g_autoptr(CohortImportSource) source = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree guint8 *filled = NULL;
  g_autoptr(CohortImportReport) rejected = cohort_import_report_new ();
  g_autoptr(GHashTable) accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CohortImportMapping *mapping = options != NULL ? options->mapping : NULL;
  const char *encoding = options != NULL ? options->encoding : NULL;
  CohortImportReader r = { NULL, };
  Writer w = { .store = self, .update = update, .now = cohort_store_get_now (self), .accounts = accounts,
               .existing = existing, .skipped = skipped, .keys = keys, .progress = progress,
               .progress_data = progress_data, .report = report };
  char **header;
  guint n_header;
  gboolean ok = FALSE;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (encoding == NULL && mapping != NULL)
    encoding = cohort_import_mapping_get_encoding (mapping);
  if (!(source = cohort_import_open (path, encoding, TRUE, &header, &n_header, error)))
    return FALSE;
  if (mapping != NULL &&
      !cohort_import_mapping_check_header (mapping, header, n_header, cohort_import_source_get_name (source), error))
    return FALSE;
  if (cohort_import_map_header (&r.map, header, n_header, mapping) == 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s:%u: no known column in the header (expected columns such as email, first_name, last_name, company, tags)"),
                   cohort_import_source_get_name (source), cohort_import_source_get_line (source));
      goto out;
    }
  cohort_import_report_assumptions (source, &r.map, report);
  r.source = source;
  r.n_columns = n_header;
  r.cancellable = cancellable;
  r.tz = cohort_store_get_timezone (self);
  r.filled = filled = g_malloc0 (MAX (r.map.n_slots, 1));
  r.tags = tags;
  r.fields = fields;
  r.report = rejected;
  w.name = cohort_import_source_get_name (source);
  w.size = cohort_import_source_get_size (source);

  /* Every row written refers to a contact or account written just before
   * it, so the import checks no foreign key; the switch only takes effect
   * outside a transaction, and is undone after it. */
  if (!cohort_store_exec (self, "PRAGMA foreign_keys = OFF", error))
    goto out;
  if (!cohort_store_begin (self, error))
    goto out;
  ok = check_target_groups (self, group_ids, n_group_ids, error) &&
       import_rows (self, &r, &w, error) &&
       add_imported_to_groups (self, group_ids, n_group_ids, error) &&
       cohort_store_settle_touched (self, error);
  if (ok)
    g_debug ("import: groups settled");
  ok = ok && cohort_store_commit (self, error);
  if (ok)
    {
      g_debug ("import: committed");
      report_progress (&w, 1.0);
    }
  else
    {
      cohort_store_rollback (self);
      report->created = report->updated = report->skipped = 0;
    }

out:
  cohort_store_exec (self, "PRAGMA foreign_keys = ON", NULL);
  report->rejected += rejected->rejected;
  for (guint i = 0; i < rejected->messages->len; i++)
    g_ptr_array_add (report->messages, g_strdup (g_ptr_array_index (rejected->messages, i)));
  for (guint i = 0; i < skipped->len; i++)
    g_ptr_array_add (report->messages, g_strdup (g_ptr_array_index (skipped, i)));
  cohort_import_column_map_clear (&r.map);
  return ok;
}
