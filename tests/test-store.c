/* test-store.c — the database file, migrations, contacts, static groups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "cohort-error.h"
#include "cohort-schema.h"
#include "cohort-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cohort-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "cohort.db", NULL);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static CohortStore *
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CohortStore *store = cohort_store_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  cohort_store_set_now (store, 1767225600); /* 2026-01-01T00:00:00Z */
  return store;
}

static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &msg);
  g_assert_null (msg);
  sqlite3_close (db);
}

static CohortContact *
make_contact (const char *email,
              const char *first,
              const char *last)
{
  CohortContact *c = cohort_contact_new ();

  cohort_contact_set_text (c, COHORT_CONTACT_EMAIL, email);
  cohort_contact_set_text (c, COHORT_CONTACT_FIRST_NAME, first);
  cohort_contact_set_text (c, COHORT_CONTACT_LAST_NAME, last);
  return c;
}

static gint64
save (CohortStore   *store,
      CohortContact *contact)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cohort_store_save_contact (store, contact, NULL, &error));
  g_assert_no_error (error);
  return cohort_contact_get_id (contact);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CohortStore) store = open_store (f);
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  struct stat st;

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, COHORT_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (f->path, "PRAGMA application_id"), ==, 0x436f6872);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pragma_table_info('groups') WHERE name = 'schedule_last_run'"), ==, 1);
  {
    g_autoptr(CohortContact) c = make_contact ("a@b.c", "A", NULL);
    save (store, c);
  }
  /* WAL mode leaves the -wal file next to the database, with its mode. */
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (cohort_store_count_contacts (store, NULL), ==, 1);
}

static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *backup = g_strconcat (f->path, ".bak-v1", NULL);
  g_autoptr(CohortStore) store = NULL;
  g_autoptr(CohortContact) contact = NULL;

  g_mkdir_with_parents (folder, 0700);
  sql_exec (f->path, "BEGIN;" COHORT_SCHEMA_V1
                     "PRAGMA user_version = 1; PRAGMA application_id = 1131374706;"
                     "INSERT INTO contacts (email, email_fold, first_name, status, created_at, updated_at) "
                     "VALUES ('Old@Example.com', 'old@example.com', 'Olga', 'active', 1, 1);"
                     "INSERT INTO groups (code, name, kind, created_at) VALUES ('old', 'Old', 'static', 1);"
                     "COMMIT;");

  store = open_store (f);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, COHORT_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pragma_table_info('groups') WHERE name = 'schedule_last_run'"), ==, 1);

  /* The data came through, and a copy of the old file was kept. */
  contact = cohort_store_find_contact (store, "old@example.com", NULL);
  g_assert_nonnull (contact);
  g_assert_cmpstr (cohort_contact_get_text (contact, COHORT_CONTACT_FIRST_NAME), ==, "Olga");
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (sql_int (backup, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_cmpint (sql_int (backup, "SELECT count(*) FROM pragma_table_info('groups') WHERE name = 'schedule_last_run'"), ==, 0);

  /* The migrated group works with the new column. */
  {
    g_autoptr(CohortGroup) g = cohort_store_find_group (store, "old", NULL);
    g_assert_nonnull (g);
    g_assert_true (cohort_store_set_group_schedule (store, cohort_group_get_id (g), TRUE, NULL, NULL));
  }
}

/* Schema 3 lists the custom-field keys of a schema-2 file in its own
 * table. */
static void
test_migrate_v2 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *backup = g_strconcat (f->path, ".bak-v2", NULL);
  g_autoptr(CohortStore) store = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (folder, 0700);
  sql_exec (f->path, "BEGIN;" COHORT_SCHEMA_V1 COHORT_SCHEMA_V2
                     "PRAGMA user_version = 2; PRAGMA application_id = 1131374706;"
                     "INSERT INTO contacts (id, email, email_fold, status, created_at, updated_at) "
                     "VALUES (1, 'a@x.com', 'a@x.com', 'active', 1, 1), (2, 'b@x.com', 'b@x.com', 'active', 1, 1);"
                     "INSERT INTO contact_fields VALUES (1, 'source', 'Fair', 'fair'), (2, 'source', 'Web', 'web'),"
                     "  (2, 'Plan', 'Gold', 'gold');"
                     "COMMIT;");

  store = open_store (f);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, COHORT_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (backup, "PRAGMA user_version"), ==, 2);
  keys = cohort_store_list_custom_keys (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (keys, ((const char * const[]) { "Plan", "source", NULL }));
}

/* Schema 4 adds archived_at: groups of a schema-3 file come through, none
 * archived, and can be archived. */
static void
test_migrate_v3 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *backup = g_strconcat (f->path, ".bak-v3", NULL);
  g_autoptr(CohortStore) store = NULL;
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GPtrArray) visible = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (folder, 0700);
  sql_exec (f->path, "BEGIN;" COHORT_SCHEMA_V1 COHORT_SCHEMA_V2 COHORT_SCHEMA_V3
                     "PRAGMA user_version = 3; PRAGMA application_id = 1131374706;"
                     "INSERT INTO groups (code, name, kind, created_at) VALUES ('old', 'Old', 'static', 1);"
                     "COMMIT;");

  store = open_store (f);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, COHORT_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (backup, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (sql_int (backup, "SELECT count(*) FROM pragma_table_info('groups') WHERE name = 'archived_at'"), ==, 0);

  group = cohort_store_find_group (store, "old", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cohort_group_get_archived_at (group), ==, 0);
  g_assert_true (cohort_store_set_group_archived (store, cohort_group_get_id (group), TRUE, &error));
  g_assert_no_error (error);
  visible = cohort_store_list_groups_full (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (visible->len, ==, 0);
}

/* The custom-field keys listed are the ones some contact has: a key comes
 * with its first value, stays while any contact has one, and goes with
 * the last, whether that is edited away or deleted with its contact. */
static void
test_custom_keys (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CohortStore) store = open_store (f);
  g_autoptr(CohortContact) a = make_contact ("a@x.com", "Ann", NULL);
  g_autoptr(CohortContact) b = make_contact ("b@x.com", "Ben", NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

#define ASSERT_KEYS(...) G_STMT_START { \
    g_auto(GStrv) keys_ = cohort_store_list_custom_keys (store, &error); \
    g_assert_no_error (error); \
    g_assert_cmpstrv (keys_, ((const char * const[]) { __VA_ARGS__ })); \
  } G_STMT_END

  ASSERT_KEYS (NULL);
  cohort_contact_set_custom_field (a, "source", "Fair");
  cohort_contact_set_custom_field (a, "plan", "Gold");
  save (store, a);
  cohort_contact_set_custom_field (b, "source", "Web");
  id = save (store, b);
  ASSERT_KEYS ("plan", "source", NULL);

  /* Ann loses her plan: nobody else has one. */
  cohort_contact_set_custom_field (a, "plan", NULL);
  cohort_contact_set_custom_field (a, "region", "North");
  save (store, a);
  ASSERT_KEYS ("region", "source", NULL);

  /* Ben goes; Ann still has a source. */
  g_assert_true (cohort_store_delete_contacts (store, &id, 1, &error));
  g_assert_no_error (error);
  ASSERT_KEYS ("region", "source", NULL);
  id = cohort_contact_get_id (a);
  g_assert_true (cohort_store_delete_contacts (store, &id, 1, &error));
  g_assert_no_error (error);
  ASSERT_KEYS (NULL);
#undef ASSERT_KEYS
}

/* Each activity type once, in order, however many activities have it. */
static void
test_activity_types (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CohortStore) store = open_store (f);
  g_autoptr(CohortContact) a = make_contact ("a@x.com", "Ann", NULL);
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) types = NULL;
  g_autoptr(GError) error = NULL;

  none = cohort_store_list_activity_types (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (none, ((const char * const[]) { NULL }));

  save (store, a);
  sql_exec (f->path, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
                     "INSERT INTO activities (contact_id, type, occurred_at) "
                     "SELECT 1, CASE i % 3 WHEN 0 THEN 'webinar' WHEN 1 THEN 'email_open' ELSE 'purchase' END, i "
                     "FROM n");
  types = cohort_store_list_activity_types (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (types, ((const char * const[]) { "email_open", "purchase", "webinar", NULL }));
}

static gchar *
read_all (const char *path)
{
  char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return contents;
}

static void
assert_refused_untouched (Fixture    *f,
                          const char *fragment)
{
  g_autofree char *before = read_all (f->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortStore) store = cohort_store_open (f->path, &error);

  g_assert_null (store);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_cmpint (cohort_error_exit_status (error), ==, 4);
  after = read_all (f->path);
  g_assert_cmpmem (before, strlen (before), after, strlen (after));
}

static void
test_newer_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);

  g_mkdir_with_parents (folder, 0700);
  sql_exec (f->path, "CREATE TABLE future (x); PRAGMA user_version = 999; PRAGMA application_id = 1131374706;");
  assert_refused_untouched (f, "newer version of Cohort");
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, 999);
}

static void
test_corrupt_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 junk[8192];

  g_mkdir_with_parents (folder, 0700);
  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = 1 + g_rand_int_range (rand, 0, 255);
  junk[sizeof junk - 1] = 0;
  g_assert_true (g_file_set_contents (f->path, (char *) junk, sizeof junk - 1, NULL));
  assert_refused_untouched (f, "not a Cohort database");
}

static void
test_foreign_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);

  g_mkdir_with_parents (folder, 0700);
  sql_exec (f->path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
  assert_refused_untouched (f, "another program");
}

typedef struct
{
  const char *path;
  int         writer;
  int         errors;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *w = user_data;
  g_autoptr(CohortStore) store = cohort_store_open (w->path, NULL);

  if (store == NULL)
    {
      w->errors++;
      return NULL;
    }
  for (int i = 0; i < 150; i++)
    {
      g_autofree char *email = g_strdup_printf ("w%d-%d@example.com", w->writer, i);
      g_autoptr(CohortContact) c = make_contact (email, "W", NULL);
      g_autoptr(GError) error = NULL;

      if (!cohort_store_save_contact (store, c, NULL, &error))
        w->errors++;
    }
  return NULL;
}

static void
test_concurrent_writers (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CohortStore) store = open_store (f);
  WriterData w[3] = { { f->path, 0, 0 }, { f->path, 1, 0 }, { f->path, 2, 0 } };
  GThread *threads[3];

  /* A dynamic group makes every save do real incremental work. */
  {
    g_autoptr(CohortGroup) g = cohort_group_new ("ws", "Writers", COHORT_GROUP_DYNAMIC);
    g_autoptr(GError) error = NULL;
    cohort_group_set_condition_json (g, "{\"combinator\":\"and\",\"rules\":[{\"field\":\"email\",\"operator\":\"beginsWith\",\"value\":\"w1-\"}]}");
    g_assert_true (cohort_store_create_group (store, g, &error));
    g_assert_no_error (error);
  }

  for (guint i = 0; i < 3; i++)
    threads[i] = g_thread_new ("writer", writer_thread, &w[i]);
  for (guint i = 0; i < 3; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (w[i].errors, ==, 0);
  g_assert_cmpint (cohort_store_count_contacts (store, NULL), ==, 450);
  {
    g_autoptr(CohortGroup) g = cohort_store_find_group (store, "ws", NULL);
    g_assert_cmpint (cohort_group_get_member_count (g), ==, 150);
  }
}

static void
test_contact_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CohortStore) store = open_store (f);
  g_autoptr(CohortContact) c = make_contact ("  Zoë@Example.COM ", "Zoë", "Ølberg");
  g_autoptr(CohortContact) back = NULL;
  g_autoptr(CohortContact) dup = make_contact ("zoë@example.com", "Other", NULL);
  g_autoptr(GError) error = NULL;
  const char * const tags[] = { "VIP", "vip", " newsletter ", NULL };
  gint64 score = 0;

  g_assert_true (cohort_contact_set_field (c, "score", "42", NULL, NULL));
  g_assert_true (cohort_contact_set_field (c, "status", "Bounced", NULL, NULL));
  g_assert_true (cohort_contact_set_field (c, "company", "Fjord AS", NULL, NULL));
  g_assert_true (cohort_contact_set_field (c, "custom.source", "LinkedIn", NULL, NULL));
  g_assert_true (cohort_contact_set_field (c, "created_at", "2025-03-01T10:00:00Z", NULL, NULL));
  cohort_contact_set_tags (c, tags);
  save (store, c);

  back = cohort_store_find_contact (store, "ZOË@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cohort_contact_get_email (back), ==, "Zoë@Example.COM");
  g_assert_cmpstr (cohort_contact_get_text (back, COHORT_CONTACT_LAST_NAME), ==, "Ølberg");
  g_assert_true (cohort_contact_get_score (back, &score));
  g_assert_cmpint (score, ==, 42);
  g_assert_cmpint (cohort_contact_get_status (back), ==, COHORT_STATUS_BOUNCED);
  g_assert_cmpstr (cohort_contact_get_account_name (back), ==, "Fjord AS");
  g_assert_cmpstr (cohort_contact_get_custom_field (back, "source"), ==, "LinkedIn");
  g_assert_cmpint (cohort_contact_get_created_at (back), ==, 1740823200);
  g_assert_cmpuint (g_strv_length ((char **) cohort_contact_get_tags (back)), ==, 2);

  /* Emails are unique whatever their case. */
  g_assert_false (cohort_store_save_contact (store, dup, NULL, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_EXISTS);
  g_assert_cmpint (cohort_store_count_contacts (store, NULL), ==, 1);

  /* Bad values name the field. */
  g_clear_error (&error);
  g_assert_false (cohort_contact_set_field (c, "score", "lots", NULL, &error));
  g_assert_nonnull (strstr (error->message, "score"));
  g_clear_error (&error);
  g_assert_false (cohort_contact_set_field (c, "status", "asleep", NULL, &error));
  g_assert_nonnull (strstr (error->message, "status"));
  g_clear_error (&error);
  g_assert_false (cohort_contact_set_field (c, "shoe_size", "44", NULL, &error));
  g_clear_error (&error);
  g_assert_false (cohort_contact_set_field (c, "email", "not an email", NULL, &error));
}

static gint64
static_group (CohortStore *store,
              const char  *code)
{
  g_autoptr(CohortGroup) g = cohort_group_new (code, code, COHORT_GROUP_STATIC);
  g_autoptr(GError) error = NULL;

  g_assert_true (cohort_store_create_group (store, g, &error));
  g_assert_no_error (error);
  return cohort_group_get_id (g);
}

static gint64
member_count (CohortStore *store,
              gint64       group_id)
{
  g_autoptr(CohortGroup) g = cohort_store_get_group (store, group_id, NULL);
  g_autoptr(GArray) ids = cohort_store_list_member_ids (store, group_id, NULL);

  /* The stored count always agrees with the rows. */
  g_assert_cmpint (cohort_group_get_member_count (g), ==, ids->len);
  return ids->len;
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CohortStore) store = open_store (f);
  g_autoptr(CohortContact) parent = make_contact ("anna@acme.com", "Anna", NULL);
  g_autoptr(CohortContact) child = make_contact ("a.mueller@gmail.com", "Annie", "Müller");
  g_autoptr(CohortContact) back = NULL;
  g_autoptr(CohortContact) gone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 g1, g2, dyn;
  const char * const ptags[] = { "vip", NULL };
  const char * const ctags[] = { "webinar", "VIP", NULL };

  cohort_contact_set_tags (parent, ptags);
  cohort_contact_set_tags (child, ctags);
  cohort_contact_set_field (child, "city", "Wien", NULL, NULL);
  save (store, parent);
  save (store, child);
  g1 = static_group (store, "g1");
  g2 = static_group (store, "g2");
  {
    g_autoptr(CohortGroup) g = cohort_group_new ("webinar", "Webinar", COHORT_GROUP_DYNAMIC);
    cohort_group_set_condition_json (g, "{\"combinator\":\"and\",\"rules\":[{\"field\":\"tag\",\"operator\":\"=\",\"value\":\"webinar\"}]}");
    g_assert_true (cohort_store_create_group (store, g, NULL));
    dyn = cohort_group_get_id (g);
  }
  g_assert_cmpint (member_count (store, dyn), ==, 1);

  {
    gint64 cid = cohort_contact_get_id (child), pid = cohort_contact_get_id (parent);
    g_assert_true (cohort_store_add_members (store, g1, &cid, 1, NULL));
    g_assert_true (cohort_store_add_members (store, g2, &cid, 1, NULL));
    g_assert_true (cohort_store_add_members (store, g2, &pid, 1, NULL));
    g_assert_true (cohort_store_add_activity (store, cid, "purchase", 1760000000, "order 7", NULL));
  }

  g_assert_true (cohort_store_merge_contacts (store, cohort_contact_get_id (parent),
                                              cohort_contact_get_id (child), &error));
  g_assert_no_error (error);

  back = cohort_store_get_contact (store, cohort_contact_get_id (parent), NULL);
  g_assert_cmpstr (cohort_contact_get_text (back, COHORT_CONTACT_LAST_NAME), ==, "Müller");
  g_assert_cmpstr (cohort_contact_get_text (back, COHORT_CONTACT_FIRST_NAME), ==, "Anna");
  g_assert_cmpstr (cohort_contact_get_text (back, COHORT_CONTACT_CITY), ==, "Wien");
  g_assert_cmpuint (g_strv_length ((char **) cohort_contact_get_tags (back)), ==, 2);
  g_assert_cmpint (cohort_contact_get_last_activity_at (back), ==, 1760000000);

  /* Memberships moved: the parent is in both static groups and, with the
   * united tags, in the dynamic one; the child is in none. */
  {
    g_autoptr(GArray) groups = cohort_store_list_contact_groups (store, cohort_contact_get_id (parent), NULL);
    g_autoptr(GArray) none = cohort_store_list_contact_groups (store, cohort_contact_get_id (child), NULL);
    g_assert_cmpuint (groups->len, ==, 3);
    g_assert_cmpuint (none->len, ==, 0);
  }
  g_assert_cmpint (member_count (store, g1), ==, 1);
  g_assert_cmpint (member_count (store, g2), ==, 1);
  g_assert_cmpint (member_count (store, dyn), ==, 1);

  gone = cohort_store_get_contact (store, cohort_contact_get_id (child), NULL);
  g_assert_cmpint (cohort_contact_get_merged_into (gone), ==, cohort_contact_get_id (parent));
  g_assert_cmpint (cohort_store_count_contacts (store, NULL), ==, 1);

  /* A merged contact cannot be added to a group or merged again. */
  {
    gint64 cid = cohort_contact_get_id (child);
    g_assert_true (cohort_store_add_members (store, g1, &cid, 1, NULL));
    g_assert_cmpint (member_count (store, g1), ==, 1);
    g_assert_false (cohort_store_merge_contacts (store, cohort_contact_get_id (parent), cid, &error));
    g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  }
}

/* SPEC §1: the merged person is known since the earlier of the two
 * created_at, whichever side it was on. */
static void
test_merge_keeps_earlier_created_at (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(CohortStore) store = open_store (f);
  const gint64 early = 1600000000, late = 1700000000;
  const struct { gint64 parent, child; } cases[] = { { late, early }, { early, late } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *parent_email = g_strdup_printf ("parent%u@x.com", i);
      g_autofree char *child_email = g_strdup_printf ("child%u@x.com", i);
      g_autoptr(CohortContact) parent = make_contact (parent_email, "P", NULL);
      g_autoptr(CohortContact) child = make_contact (child_email, "C", NULL);
      g_autoptr(CohortContact) back = NULL;
      g_autoptr(GError) error = NULL;

      cohort_contact_set_created_at (parent, cases[i].parent);
      cohort_contact_set_created_at (child, cases[i].child);
      save (store, parent);
      save (store, child);
      g_assert_true (cohort_store_merge_contacts (store, cohort_contact_get_id (parent),
                                                  cohort_contact_get_id (child), &error));
      g_assert_no_error (error);
      back = cohort_store_get_contact (store, cohort_contact_get_id (parent), &error);
      g_assert_no_error (error);
      g_assert_cmpint (cohort_contact_get_created_at (back), ==, early);
    }
}

static void
test_static_members_and_accounts (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(CohortStore) store = open_store (f);
  g_autoptr(CohortContact) a = make_contact ("a@acme.com", "A", NULL);
  g_autoptr(CohortContact) b = make_contact ("b@acme.com", "B", NULL);
  g_autoptr(CohortContact) c = make_contact ("c@other.com", "C", NULL);
  g_autoptr(CohortAccount) acme = NULL;
  g_autoptr(GError) error = NULL;
  gint64 g, ids[3];

  cohort_contact_set_account_name (a, "Acme");
  cohort_contact_set_account_name (b, "ACME");
  ids[0] = save (store, a);
  ids[1] = save (store, b);
  ids[2] = save (store, c);
  acme = cohort_store_find_account (store, "acme", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cohort_account_get_n_contacts (acme), ==, 2);

  g = static_group (store, "fair");
  g_assert_true (cohort_store_add_group_account (store, g, cohort_account_get_id (acme), &error));
  g_assert_no_error (error);
  g_assert_cmpint (member_count (store, g), ==, 2);

  /* Live: joining the account later makes c a member; leaving removes. */
  cohort_contact_set_account_name (c, "Acme");
  save (store, c);
  g_assert_cmpint (member_count (store, g), ==, 3);
  cohort_contact_set_account_name (c, NULL);
  save (store, c);
  g_assert_cmpint (member_count (store, g), ==, 2);

  /* What a removal would do, and what it did: members through the account
   * stay. A selection of a few is looked up one by one, a large one at
   * once; both agree. */
  {
    g_autoptr(CohortRemovalPlan) plan = NULL;
    g_autoptr(GArray) many = g_array_new (FALSE, FALSE, sizeof (gint64));
    gint64 removed = -1;

    g_assert_true (cohort_store_add_members (store, g, &ids[2], 1, NULL));
    plan = cohort_store_plan_removal (store, g, ids, 3, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (plan->leaving->len, ==, 1);
    g_assert_cmpint (g_array_index (plan->leaving, gint64, 0), ==, ids[2]);
    g_assert_cmpuint (plan->staying->len, ==, 2);
    g_assert_cmpuint (plan->accounts->len, ==, 1);
    g_assert_cmpstr (cohort_account_get_name (g_ptr_array_index (plan->accounts, 0)), ==, "Acme");
    g_assert_cmpstr (plan->staying_name, ==, "A");
    g_clear_pointer (&plan, cohort_removal_plan_free);

    for (guint i = 0; i < 99; i++)
      g_array_append_val (many, ids[i % 3]);
    plan = cohort_store_plan_removal (store, g, (const gint64 *) many->data, many->len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (plan->leaving->len, ==, 33);
    g_assert_cmpuint (plan->staying->len, ==, 66);
    g_assert_cmpuint (plan->accounts->len, ==, 1);

    g_assert_true (cohort_store_remove_members_counted (store, g, ids, 3, &removed, &error));
    g_assert_no_error (error);
    g_assert_cmpint (removed, ==, 1);
    g_assert_cmpint (member_count (store, g), ==, 2);
  }

  /* Manual membership survives removing the account; removing by hand
   * does not remove a member by account. */
  g_assert_true (cohort_store_add_members (store, g, &ids[0], 1, NULL));
  g_assert_true (cohort_store_remove_members (store, g, &ids[1], 1, NULL));
  g_assert_cmpint (member_count (store, g), ==, 2);
  g_assert_true (cohort_store_remove_group_account (store, g, cohort_account_get_id (acme), NULL));
  g_assert_cmpint (member_count (store, g), ==, 1);
  {
    g_autoptr(GArray) members = cohort_store_list_member_ids (store, g, NULL);
    g_assert_cmpint (g_array_index (members, gint64, 0), ==, ids[0]);
  }

  /* Deleting a contact removes its memberships, never the other way. */
  g_assert_true (cohort_store_remove_members (store, g, &ids[0], 1, NULL));
  g_assert_nonnull (cohort_store_get_contact (store, ids[0], NULL));
  g_assert_true (cohort_store_add_members (store, g, ids, 3, NULL));
  g_assert_cmpint (member_count (store, g), ==, 3);
  g_assert_true (cohort_store_delete_contacts (store, &ids[2], 1, NULL));
  g_assert_cmpint (member_count (store, g), ==, 2);

  /* Dynamic groups take no manual members. */
  {
    g_autoptr(CohortGroup) d = cohort_group_new ("d", "D", COHORT_GROUP_DYNAMIC);
    cohort_group_set_condition_json (d, "{\"combinator\":\"and\",\"rules\":[{\"field\":\"email\",\"operator\":\"null\"}]}");
    g_assert_true (cohort_store_create_group (store, d, NULL));
    g_assert_false (cohort_store_add_members (store, cohort_group_get_id (d), ids, 1, &error));
    g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  }
}

static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CohortStore) store = open_store (f);
  g_autoptr(CohortGroup) g = cohort_group_new ("Bad Code", "X", COHORT_GROUP_STATIC);
  g_autoptr(CohortGroup) dup = cohort_group_new ("news", "Again", COHORT_GROUP_STATIC);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *code = cohort_group_code_from_name ("Newsletter – Österreich 2026!");

  g_assert_cmpstr (code, ==, "newsletter-osterreich-2026");
  g_assert_false (cohort_store_create_group (store, g, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_clear_error (&error);

  static_group (store, "news");
  g_assert_false (cohort_store_create_group (store, dup, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_EXISTS);
  g_clear_error (&error);

  all = cohort_store_list_groups (store, NULL);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_true (cohort_store_set_group_schedule (store, cohort_group_get_id (all->pdata[0]), TRUE, NULL, NULL));
  {
    g_autoptr(CohortGroup) back = cohort_store_find_group (store, "news", NULL);
    g_assert_true (cohort_group_get_scheduled (back));
    g_assert_cmpint (cohort_group_get_schedule_minute (back), >=, 120);
    g_assert_cmpint (cohort_group_get_schedule_minute (back), <, 360);
    g_assert_true (cohort_store_delete_group (store, cohort_group_get_id (back), NULL));
  }
  g_assert_null (cohort_store_find_group (store, "news", &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/create", test_create);
  ADD ("/store/migrate-v1", test_migrate_v1);
  ADD ("/store/migrate-v2", test_migrate_v2);
  ADD ("/store/migrate-v3", test_migrate_v3);
  ADD ("/store/custom-keys", test_custom_keys);
  ADD ("/store/activity-types", test_activity_types);
  ADD ("/store/newer-refused", test_newer_refused);
  ADD ("/store/corrupt-refused", test_corrupt_refused);
  ADD ("/store/foreign-refused", test_foreign_refused);
  ADD ("/store/concurrent-writers", test_concurrent_writers);
  ADD ("/store/contact-round-trip", test_contact_round_trip);
  ADD ("/store/merge", test_merge);
  ADD ("/store/merge-keeps-earlier-created-at", test_merge_keeps_earlier_created_at);
  ADD ("/store/static-members-and-accounts", test_static_members_and_accounts);
  ADD ("/store/groups", test_groups);
#undef ADD

  return g_test_run ();
}
