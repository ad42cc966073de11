/* cohort-store.c — opening, migrating and talking to the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "cohort-campaign.h"
#include "cohort-error.h"
#include "cohort-history.h"
#include "cohort-import-batch.h"
#include "cohort-outbox.h"
#include "cohort-schema.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

/* "Cohr" — tells a Cohort database from any other SQLite file. */
#define COHORT_APPLICATION_ID 0x436f6872

struct _CohortStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  gint64      fixed_now;   /* < 0: the real clock */
  GTimeZone  *tz;
  GHashTable *statements;  /* SQL text → sqlite3_stmt */
  gpointer    plan;
  GDestroyNotify plan_free;
  guint       txn_depth;
  CohortDeltaState *delta;
};

G_DEFINE_FINAL_TYPE (CohortStore, cohort_store, G_TYPE_OBJECT)

static const char * const migrations[] = {
  [1] = COHORT_SCHEMA_V1,
  [2] = COHORT_SCHEMA_V2,
  [3] = COHORT_SCHEMA_V3,
  [4] = COHORT_SCHEMA_V4,
  [5] = COHORT_SCHEMA_V5,
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == COHORT_SCHEMA_VERSION + 1);

static void
cohort_store_finalize (GObject *object)
{
  CohortStore *self = COHORT_STORE (object);

  cohort_store_invalidate_compiled (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  /* After the connection: its triggers' function reads it. */
  g_clear_pointer (&self->delta, cohort_delta_state_free);
  g_free (self->path);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (cohort_store_parent_class)->finalize (object);
}

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
cohort_store_class_init (CohortStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cohort_store_finalize;
}

static void
cohort_store_init (CohortStore *self)
{
  self->fixed_now = -1;
  /* Keyed by the address of the SQL text: every caller passes a literal,
   * and hashing the pointer is far cheaper than hashing the text. */
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, statement_free);
}

CohortMembershipChanges *
cohort_membership_changes_new (void)
{
  CohortMembershipChanges *changes = g_new0 (CohortMembershipChanges, 1);

  changes->joined = g_array_new (FALSE, FALSE, sizeof (gint64));
  changes->left = g_array_new (FALSE, FALSE, sizeof (gint64));
  return changes;
}

void
cohort_membership_changes_free (CohortMembershipChanges *changes)
{
  if (changes == NULL)
    return;
  g_array_unref (changes->joined);
  g_array_unref (changes->left);
  g_free (changes);
}

char *
cohort_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "cohort", "cohort.db", NULL);
}

sqlite3 *
cohort_store_get_db (CohortStore *self)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  return self->db;
}

const char *
cohort_store_get_path (CohortStore *self)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  return self->path;
}

gboolean
cohort_store_set_error (CohortStore  *self,
                        GError      **error)
{
  int code = sqlite3_extended_errcode (self->db);
  const char *msg = sqlite3_errmsg (self->db);

  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                 _("The database %s is busy: another program is writing to it (%s)"),
                 self->path, msg);
  else if ((code & 0xff) == SQLITE_INTERRUPT)
    g_set_error (error, COHORT_ERROR, COHORT_ERROR_CANCELLED, _("Cancelled"));
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                 _("The database %s is damaged or is not a Cohort database (%s)"),
                 self->path, msg);
  else if ((code & 0xff) == SQLITE_FULL)
    g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                 _("The disk holding %s is full"), self->path);
  else
    g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                 _("Database error in %s: %s"), self->path, msg);
  return FALSE;
}

sqlite3_stmt *
cohort_store_prepare (CohortStore  *self,
                      const char   *sql,
                      GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
cohort_store_exec (CohortStore  *self,
                   const char   *sql,
                   GError      **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return cohort_store_set_error (self, error);
  return TRUE;
}

gboolean
cohort_store_step_done (CohortStore   *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

void
cohort_store_bind_int64_or_null (sqlite3_stmt *stmt,
                                 int           index,
                                 gboolean      has_value,
                                 gint64        value)
{
  if (has_value)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
cohort_store_run (CohortStore  *self,
                  const char   *sql,
                  gint64        a,
                  gint64        b,
                  gint64       *out_changes,
                  GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, sql, error);
  int n;

  if (stmt == NULL)
    return FALSE;
  n = sqlite3_bind_parameter_count (stmt);
  if (n >= 1)
    sqlite3_bind_int64 (stmt, 1, a);
  if (n >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  if (!cohort_store_step_done (self, stmt, error))
    return FALSE;
  if (out_changes)
    *out_changes = sqlite3_changes64 (self->db);
  return TRUE;
}

gboolean
cohort_store_settle_touched (CohortStore  *self,
                             GError      **error)
{
  return cohort_store_sync_account_members (self, error) &&
         cohort_store_recount_groups (self, error) &&
         cohort_store_refresh_touched (self, error);
}

GArray *
cohort_store_query_ids (CohortStore  *self,
                        const char   *sql,
                        gint64        param,
                        GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, param);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
cohort_store_begin (CohortStore  *self,
                    GError      **error)
{
  if (self->txn_depth++ > 0)
    return TRUE;
  if (!cohort_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      self->txn_depth = 0;
      return FALSE;
    }
  cohort_delta_begin (self);
  return cohort_store_exec (self, "DELETE FROM temp.touched; DELETE FROM temp.recount; DELETE FROM temp.delta_log",
                            error);
}

gboolean
cohort_store_commit (CohortStore  *self,
                     GError      **error)
{
  g_assert (self->txn_depth > 0);

  if (--self->txn_depth > 0)
    return TRUE;
  if (!cohort_delta_publish (self, error))
    {
      self->txn_depth = 1;
      cohort_store_rollback (self);
      return FALSE;
    }
  if (!cohort_store_exec (self, "COMMIT", error))
    {
      self->txn_depth = 1;
      cohort_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
cohort_store_rollback (CohortStore *self)
{
  if (self->txn_depth == 0)
    return;
  self->txn_depth = 0;
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* A rolled-back condition change must not leave a compiled copy behind. */
  cohort_store_invalidate_compiled (self);
}

gint64
cohort_store_query_int64 (CohortStore  *self,
                          const char   *sql,
                          GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, sql, error);
  gint64 value;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cohort_store_set_error (self, error);
      sqlite3_reset (stmt);
      return -1;
    }
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

GStrv
cohort_store_query_strings (CohortStore  *self,
                            const char   *sql,
                            gint64        param,
                            GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, sql, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gint64
cohort_store_get_data_version (CohortStore *self)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), -1);
  return cohort_store_query_int64 (self, "PRAGMA data_version", NULL);
}

static gboolean
backup_before_migration (CohortStore  *self,
                         int           version,
                         GError      **error)
{
  g_autofree char *backup = g_strdup_printf ("%s.bak-v%d", self->path, version);
  sqlite3_stmt *stmt;
  int rc;

  /* VACUUM INTO refuses to overwrite: a backup from an earlier try stays. */
  if (g_file_test (backup, G_FILE_TEST_EXISTS))
    return TRUE;
  if (sqlite3_prepare_v2 (self->db, "VACUUM INTO ?", -1, &stmt, NULL) != SQLITE_OK)
    return cohort_store_set_error (self, error);
  sqlite3_bind_text (stmt, 1, backup, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                   _("Could not back up %s to %s before upgrading it: %s"),
                   self->path, backup, sqlite3_errmsg (self->db));
      return FALSE;
    }
  g_chmod (backup, 0600);
  return TRUE;
}

static gboolean
migrate (CohortStore  *self,
         GError      **error)
{
  gint64 version, app_id, n_tables;

  /* Reading the header is the first thing that touches the file: a file
   * that is not a database fails here, before anything is written. */
  if ((version = cohort_store_query_int64 (self, "PRAGMA user_version", error)) < 0)
    return FALSE;
  if ((app_id = cohort_store_query_int64 (self, "PRAGMA application_id", error)) < 0)
    return FALSE;
  if ((n_tables = cohort_store_query_int64 (self, "SELECT count(*) FROM sqlite_schema", error)) < 0)
    return FALSE;

  if (version > COHORT_SCHEMA_VERSION)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                   _("The database %s was written by a newer version of Cohort (schema %d; this version knows up to %d). Update Cohort to open it; the file was not changed."),
                   self->path, (int) version, COHORT_SCHEMA_VERSION);
      return FALSE;
    }
  if (n_tables > 0 && app_id != COHORT_APPLICATION_ID)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                   _("%s is an SQLite database of another program, not a Cohort database; it was not changed."),
                   self->path);
      return FALSE;
    }

  if (version > 0 && version < COHORT_SCHEMA_VERSION &&
      !backup_before_migration (self, (int) version, error))
    return FALSE;

  if (!cohort_store_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  if (version == COHORT_SCHEMA_VERSION)
    return TRUE;

  if (!cohort_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int v = version + 1; v <= COHORT_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v);

      if (!cohort_store_exec (self, migrations[v], error) ||
          !cohort_store_exec (self, set_version, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, _("Could not upgrade the database to schema %d: "), v);
          return FALSE;
        }
    }
  if (!cohort_store_exec (self, "PRAGMA application_id = 1131374706", error) ||
      !cohort_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
G_STATIC_ASSERT (COHORT_APPLICATION_ID == 1131374706);

static gboolean
prepare_file (const char  *path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  /* Contact data is personal: only the user may read it. SQLite gives the
   * -wal and -shm files the mode of the database file. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                   _("Could not open the database %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* cohort_fold(x): SQL folds text exactly as cohort_text_fold() does. */
static void
fold_fn (sqlite3_context  *ctx,
         int               argc,
         sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *fold = text ? cohort_text_fold (text) : NULL;

  if (fold != NULL)
    sqlite3_result_text (ctx, fold, -1, g_free);
  else
    sqlite3_result_null (ctx);
}

/* SQLite's count of the memory it holds takes a process-wide lock on
 * every allocation; Cohort never asks for it. This has to happen before
 * SQLite's first use, and is harmless (refused) when it comes too late. */
static void
configure_sqlite (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&once, 1);
    }
}

/* @temp_in_memory: FALSE for a reader whose sorts may be larger than RAM
 * should hold. With temp_store = MEMORY SQLite never spills a sort to disk
 * (exporting a million contacts sorted by email peaked at 228 MiB); with
 * temp files it spills beyond cache_size, but every transaction that
 * writes a temp table then creates and deletes a journal file. */
static CohortStore *
open_connection (const char  *path,
                 gboolean     temp_in_memory,
                 GError     **error)
{
  g_autoptr(CohortStore) self = g_object_new (COHORT_TYPE_STORE, NULL);

  configure_sqlite ();
  self->path = g_strdup (path);
  /* A store is used by one thread at a time (workers open siblings), so
   * the connection needs no lock of its own around every call. */
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 15000);
  sqlite3_create_function_v2 (self->db, "cohort_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              NULL, fold_fn, NULL, NULL, NULL);
  cohort_import_batch_register (self->db);
  if (!cohort_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !cohort_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !cohort_store_exec (self, temp_in_memory ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = FILE",
                          error) ||
      !cohort_store_exec (self, "PRAGMA cache_size = -32768", error))
    return NULL;
  return g_steal_pointer (&self);
}

CohortDeltaState *
cohort_store_get_delta_state (CohortStore *self)
{
  if (self->delta == NULL)
    self->delta = cohort_delta_state_new ();
  return self->delta;
}

static gboolean
create_temp_tables (CohortStore  *self,
                    GError      **error)
{
  return cohort_delta_setup (self, error) &&
         cohort_store_exec (self,
                            "CREATE TEMP TABLE touched (id INTEGER PRIMARY KEY);"
                            "CREATE TEMP TABLE matched (id INTEGER PRIMARY KEY);"
                            "CREATE TEMP TABLE recount (id INTEGER PRIMARY KEY);"
                            /* The touched contacts a condition matches
                             * (cohort-recalc.c). */
                            "CREATE TEMP TABLE hits (id INTEGER PRIMARY KEY);"
                            /* Bulk actions (cohort-store-bulk.c): the selection,
                             * fixed when the action starts, and the tags to add
                             * (adding = 1), remove (0), or both (-1, refused). */
                            "CREATE TEMP TABLE selected (id INTEGER PRIMARY KEY);"
                            /* Enrolments about to be made (cohort-campaign.c). */
                            "CREATE TEMP TABLE new_enrolments (campaign_id INTEGER NOT NULL,"
                            "  contact_id INTEGER NOT NULL, via INTEGER,"
                            "  PRIMARY KEY (campaign_id, contact_id)) WITHOUT ROWID;"
                            "CREATE TEMP TABLE bulk_tags (fold TEXT PRIMARY KEY, tag TEXT NOT NULL,"
                            "  adding INTEGER NOT NULL) WITHOUT ROWID;",
                            error);
}

CohortStore *
cohort_store_open (const char  *path,
                   GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(CohortStore) self = NULL;

  if (path == NULL)
    path = default_path = cohort_store_default_path ();

  if (!prepare_file (path, error))
    return NULL;
  if (!(self = open_connection (path, TRUE, error)))
    return NULL;
  if (!migrate (self, error) || !create_temp_tables (self, error))
    return NULL;
  /* The delta's consumers, in this order; a sibling inherits them. */
  cohort_history_attach (self);
  cohort_campaign_attach (self);
  cohort_outbox_attach (self);
  return g_steal_pointer (&self);
}

CohortStore *
cohort_store_open_sibling (CohortStore  *self,
                           GError      **error)
{
  g_autoptr(CohortStore) sibling = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  if (!(sibling = open_connection (self->path, TRUE, error)))
    return NULL;
  if (!create_temp_tables (sibling, error))
    return NULL;
  cohort_delta_inherit_consumers (sibling, self);
  sibling->fixed_now = self->fixed_now;
  if (self->tz)
    sibling->tz = g_time_zone_ref (self->tz);
  return g_steal_pointer (&sibling);
}

CohortStore *
cohort_store_open_reader (CohortStore  *self,
                          GError      **error)
{
  g_autoptr(CohortStore) reader = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  if (!(reader = open_connection (self->path, FALSE, error)) ||
      !cohort_store_exec (reader, "PRAGMA query_only = ON", error))
    return NULL;
  reader->fixed_now = self->fixed_now;
  if (self->tz)
    reader->tz = g_time_zone_ref (self->tz);
  return g_steal_pointer (&reader);
}

void
cohort_store_set_now (CohortStore *self,
                      gint64       now_unix)
{
  g_return_if_fail (COHORT_IS_STORE (self));
  self->fixed_now = now_unix < 0 ? -1 : now_unix;
}

gint64
cohort_store_get_now (CohortStore *self)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), 0);
  if (self->fixed_now >= 0)
    return self->fixed_now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
cohort_store_set_timezone (CohortStore *self,
                           GTimeZone   *tz)
{
  g_return_if_fail (COHORT_IS_STORE (self));
  g_clear_pointer (&self->tz, g_time_zone_unref);
  if (tz)
    self->tz = g_time_zone_ref (tz);
  /* Date operands without an offset were compiled in the old zone. */
  cohort_store_invalidate_compiled (self);
}

GTimeZone *
cohort_store_get_timezone (CohortStore *self)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  if (self->tz == NULL)
    self->tz = g_time_zone_new_local ();
  return self->tz;
}

gboolean
cohort_store_touch (CohortStore  *self,
                    gint64        contact_id,
                    GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, "INSERT OR IGNORE INTO temp.touched (id) VALUES (?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  return cohort_store_step_done (self, stmt, error);
}

gboolean
cohort_store_touch_sql (CohortStore  *self,
                        const char   *sql,
                        gint64        param,
                        GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  return cohort_store_step_done (self, stmt, error);
}

gpointer
cohort_store_get_plan (CohortStore *self)
{
  return self->plan;
}

void
cohort_store_set_plan (CohortStore    *self,
                       gpointer        plan,
                       GDestroyNotify  plan_free)
{
  if (self->plan != NULL && self->plan_free != NULL)
    self->plan_free (self->plan);
  self->plan = plan;
  self->plan_free = plan_free;
}

void
cohort_store_invalidate_compiled (CohortStore *self)
{
  cohort_store_set_plan (self, NULL, NULL);
}

gboolean
cohort_store_groups_changed (CohortStore  *self,
                             GError      **error)
{
  cohort_store_invalidate_compiled (self);
  return cohort_store_exec (self, "UPDATE counters SET value = value + 1 WHERE name = 'groups'", error);
}

gboolean
cohort_store_queue_recount_touched (CohortStore  *self,
                                    GError      **error)
{
  return cohort_store_exec (self,
                            "INSERT OR IGNORE INTO temp.recount (id) "
                            "SELECT DISTINCT m.group_id FROM temp.touched t "
                            "CROSS JOIN memberships m ON m.contact_id = t.id",
                            error);
}

gboolean
cohort_store_recount_groups (CohortStore  *self,
                             GError      **error)
{
  return cohort_store_exec (self,
                            "UPDATE groups SET member_count = "
                            "(SELECT count(*) FROM memberships WHERE group_id = groups.id) "
                            "WHERE id IN (SELECT id FROM temp.recount);"
                            "DELETE FROM temp.recount;",
                            error);
}
