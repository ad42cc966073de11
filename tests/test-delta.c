/* test-delta.c — every kind of mutation publishes exactly its membership
 * delta, with SPEC §7's reasons, inside its own transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "cohort-delta.h"
#include "cohort-error.h"
#include "cohort-history.h"
#include "cohort-import.h"
#include "cohort-recalc.h"
#include "cohort-selection.h"
#include "cohort-store.h"
#include "cohort-store-private.h"

#define NOW 1767225600   /* 2026-01-01T00:00:00Z */

typedef struct
{
  char        *dir;
  CohortStore *store;
  GPtrArray   *seen;       /* "code email joined|left reason", one per row */
  guint        n_published;
  gboolean     fail;       /* the consumer fails, to roll back */
  gint64       hand;       /* static */
  gint64       berlin;     /* dynamic: city = berlin */
  gint64       buyers;     /* dynamic: a purchase in the last 30 days */
  gint64       in_hand;    /* dynamic: group in [hand] */
} Fixture;

/* The test consumer: reads the delta with SQL, as history, enrolment and
 * response messages will. */
static gboolean
record_delta (CohortStore  *store,
              gpointer      user_data,
              GError      **error)
{
  Fixture *f = user_data;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (f->fail)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, "The consumer failed");
      return FALSE;
    }

  f->n_published++;
  g_assert_true (cohort_store_prepare_delta (store, NULL));
  g_assert_cmpint (sqlite3_prepare_v2 (cohort_store_get_db (store),
                                       "SELECT g.code, coalesce(c.email, '#' || d.contact_id), d.joined, d.reason "
                                       "FROM temp.delta d JOIN groups g ON g.id = d.group_id "
                                       "LEFT JOIN contacts c ON c.id = d.contact_id "
                                       "ORDER BY g.code, 2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (f->seen, g_strdup_printf ("%s %s %s %s",
                                               sqlite3_column_text (stmt, 0),
                                               sqlite3_column_text (stmt, 1),
                                               sqlite3_column_int (stmt, 2) ? "joined" : "left",
                                               sqlite3_column_text (stmt, 3)));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* What was published since the last call, one line per row, in order. */
static char *
published (Fixture *f)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < f->seen->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (f->seen, i));
  g_ptr_array_set_size (f->seen, 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define assert_published(f, expected) \
  G_STMT_START { \
    g_autofree char *got_ = published (f); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static gint64
save (Fixture    *f,
      const char *email,
      const char *city,
      const char *account)
{
  g_autoptr(CohortContact) c = cohort_store_find_contact (f->store, email, NULL);
  g_autoptr(GError) error = NULL;

  if (c == NULL)
    {
      c = cohort_contact_new ();
      cohort_contact_set_text (c, COHORT_CONTACT_EMAIL, email);
    }
  cohort_contact_set_text (c, COHORT_CONTACT_CITY, city);
  cohort_contact_set_account_name (c, account);
  g_assert_true (cohort_store_save_contact (f->store, c, NULL, &error));
  g_assert_no_error (error);
  return cohort_contact_get_id (c);
}

static gint64
id_of (Fixture    *f,
       const char *email)
{
  g_autoptr(CohortContact) c = cohort_store_find_contact (f->store, email, NULL);

  g_assert_nonnull (c);
  return cohort_contact_get_id (c);
}

static gint64
create_group (Fixture         *f,
              const char      *code,
              CohortGroupKind  kind,
              const char      *condition)
{
  g_autoptr(CohortGroup) g = cohort_group_new (code, code, kind);
  g_autoptr(GError) error = NULL;

  if (condition != NULL)
    cohort_group_set_condition_json (g, condition);
  g_assert_true (cohort_store_create_group (f->store, g, &error));
  g_assert_no_error (error);
  return cohort_group_get_id (g);
}

#define RULE(field, op, value) \
  "{\"combinator\":\"and\",\"rules\":[{\"field\":\"" field "\",\"operator\":\"" op "\",\"value\":" value "}]}"

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("cohort-delta-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "cohort.db", NULL);
  f->store = cohort_store_open (path, &error);
  g_assert_no_error (error);
  cohort_store_set_now (f->store, NOW);
  f->seen = g_ptr_array_new_with_free_func (g_free);

  save (f, "ann@x.com", "Berlin", "Acme");
  save (f, "bob@x.com", "Paris", "Acme");
  save (f, "cid@x.com", "Berlin", NULL);
  f->hand = create_group (f, "hand", COHORT_GROUP_STATIC, NULL);
  f->berlin = create_group (f, "berlin", COHORT_GROUP_DYNAMIC, RULE ("city", "=", "\"berlin\""));
  f->buyers = create_group (f, "buyers", COHORT_GROUP_DYNAMIC,
                            "{\"combinator\":\"and\",\"rules\":[{\"field\":\"activity\",\"operator\":\"atLeast\","
                            "\"value\":{\"type\":\"purchase\",\"count\":1,\"days\":30}}]}");
  f->in_hand = create_group (f, "in-hand", COHORT_GROUP_DYNAMIC, RULE ("group", "in", "[\"hand\"]"));

  /* From here on every delta is watched. */
  cohort_store_add_delta_consumer (f->store, record_delta, f, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cohort.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "in.csv", NULL);

  g_clear_object (&f->store);
  g_ptr_array_unref (f->seen);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_remove (csv);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* A contact saved: dynamic groups by condition; a static group by account
 * once its account is linked. A save that changes no membership publishes
 * nothing. */
static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortAccount) acme = NULL;

  save (f, "bob@x.com", "Berlin", "Acme");
  assert_published (f, "berlin bob@x.com joined condition");
  save (f, "bob@x.com", "Berlin", "Acme");
  assert_published (f, "");
  g_assert_cmpuint (f->n_published, ==, 1);

  save (f, "dee@x.com", "Berlin", NULL);
  assert_published (f, "berlin dee@x.com joined condition");

  /* The account joins "hand": its two contacts by account, and "in-hand"
   * follows by condition. */
  acme = cohort_store_find_account (f->store, "Acme", &error);
  g_assert_true (cohort_store_add_group_account (f->store, f->hand, cohort_account_get_id (acme), &error));
  g_assert_no_error (error);
  assert_published (f,
                    "hand ann@x.com joined account\n"
                    "hand bob@x.com joined account\n"
                    "in-hand ann@x.com joined condition\n"
                    "in-hand bob@x.com joined condition");

  /* Bob leaves Acme: he leaves "hand" by account, "in-hand" by condition. */
  save (f, "bob@x.com", "Paris", NULL);
  assert_published (f,
                    "berlin bob@x.com left condition\n"
                    "hand bob@x.com left account\n"
                    "in-hand bob@x.com left condition");

  g_assert_true (cohort_store_remove_group_account (f->store, f->hand, cohort_account_get_id (acme), &error));
  g_assert_no_error (error);
  assert_published (f,
                    "hand ann@x.com left account\n"
                    "in-hand ann@x.com left condition");
}

/* Static members by hand, by a bulk action, and in and out again within
 * one transaction (nothing). */
static void
test_static (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortSelection) s = cohort_selection_new ();
  gint64 ids[] = { id_of (f, "ann@x.com"), id_of (f, "cid@x.com") };

  g_assert_true (cohort_store_add_members (f->store, f->hand, ids, 2, &error));
  g_assert_no_error (error);
  assert_published (f,
                    "hand ann@x.com joined manual\n"
                    "hand cid@x.com joined manual\n"
                    "in-hand ann@x.com joined condition\n"
                    "in-hand cid@x.com joined condition");

  g_assert_true (cohort_store_remove_members (f->store, f->hand, ids, 1, &error));
  assert_published (f,
                    "hand ann@x.com left manual\n"
                    "in-hand ann@x.com left condition");

  /* Everyone into "hand" by the selection bar's action: only Ann and Bob
   * join (Cid is in). */
  g_assert_true (cohort_store_add_selection_to_group (f->store, s, f->hand, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_published (f,
                    "hand ann@x.com joined manual\n"
                    "hand bob@x.com joined manual\n"
                    "in-hand ann@x.com joined condition\n"
                    "in-hand bob@x.com joined condition");

  /* Out and back in within one transaction: no change, nothing published. */
  g_assert_true (cohort_store_begin (f->store, &error));
  g_assert_true (cohort_store_remove_members (f->store, f->hand, ids, 1, &error));
  g_assert_true (cohort_store_add_members (f->store, f->hand, ids, 1, &error));
  g_assert_true (cohort_store_commit (f->store, &error));
  g_assert_no_error (error);
  assert_published (f, "");
}

/* An import into a static group; activities imported; contacts merged and
 * deleted. */
static void
test_import_merge_delete (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contacts = NULL;
  g_autofree char *activities = NULL;
  g_autoptr(CohortImportReport) report = cohort_import_report_new ();
  gint64 ids[2];

  contacts = write_file (f, "in.csv", "email,city\nann@x.com,Berlin\neve@x.com,Berlin\n");
  g_assert_true (cohort_import_contacts (f->store, contacts, &f->hand, 1, TRUE, NULL, NULL, NULL,
                                         report, &error));
  g_assert_no_error (error);
  assert_published (f,
                    "berlin eve@x.com joined condition\n"
                    "hand ann@x.com joined import\n"
                    "hand eve@x.com joined import\n"
                    "in-hand ann@x.com joined condition\n"
                    "in-hand eve@x.com joined condition");

  activities = write_file (f, "in.csv",
                           "email,type,occurred_at\nbob@x.com,purchase,2025-12-20T10:00:00Z\n"
                           "cid@x.com,purchase,2025-01-01T10:00:00Z\n");
  g_clear_pointer (&report, cohort_import_report_free);
  report = cohort_import_report_new ();
  g_assert_true (cohort_import_activities (f->store, activities, report, &error));
  g_assert_no_error (error);
  assert_published (f, "buyers bob@x.com joined condition");

  /* Eve merged into Bob: Bob takes her manual membership of "hand", she
   * leaves every group (by merge), and Bob, now in "hand", joins "in-hand";
   * Bob stays out of "berlin" (Paris). */
  g_assert_true (cohort_store_merge_contacts (f->store, id_of (f, "bob@x.com"), id_of (f, "eve@x.com"), &error));
  g_assert_no_error (error);
  assert_published (f,
                    "berlin eve@x.com left merge\n"
                    "hand bob@x.com joined merge\n"
                    "hand eve@x.com left merge\n"
                    "in-hand bob@x.com joined condition\n"
                    "in-hand eve@x.com left merge");

  ids[0] = id_of (f, "ann@x.com");
  ids[1] = id_of (f, "bob@x.com");
  g_assert_true (cohort_store_delete_contacts (f->store, ids, 2, &error));
  g_assert_no_error (error);
  /* Deleted rows have no email to show any more. */
  {
    g_autofree char *got = published (f);
    g_auto(GStrv) lines = g_strsplit (got, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 6);
    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_true (g_str_has_suffix (lines[i], " left delete"));
  }
}

/* A changed condition and its recalculation, on the store's connection and
 * on a worker's (as the scheduler runs it). */
static void
recalculated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cohort_store_recalculate_group_finish (COHORT_STORE (object), result, NULL, NULL, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_recalculation (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortCondition) paris = cohort_condition_parse (RULE ("city", "=", "\"paris\""), -1, &error);
  g_autoptr(CohortCondition) berlin = cohort_condition_parse (RULE ("city", "=", "\"berlin\""), -1, &error);
  gboolean done = FALSE;

  g_assert_true (cohort_store_set_group_condition (f->store, f->berlin, paris, &error));
  g_assert_no_error (error);
  assert_published (f, "");
  g_assert_true (cohort_store_recalculate_group (f->store, f->berlin, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_published (f,
                    "berlin ann@x.com left recalculation\n"
                    "berlin bob@x.com joined recalculation\n"
                    "berlin cid@x.com left recalculation");

  g_assert_true (cohort_store_set_group_condition (f->store, f->berlin, berlin, &error));
  cohort_store_recalculate_group_async (f->store, f->berlin, NULL, NULL, NULL, NULL, recalculated_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  assert_published (f,
                    "berlin ann@x.com joined recalculation\n"
                    "berlin bob@x.com left recalculation\n"
                    "berlin cid@x.com joined recalculation");

  /* A new dynamic group is populated by a first recalculation. */
  create_group (f, "all", COHORT_GROUP_DYNAMIC, RULE ("email", "notNull", "null"));
  assert_published (f,
                    "all ann@x.com joined recalculation\n"
                    "all bob@x.com joined recalculation\n"
                    "all cid@x.com joined recalculation");
}

/* A failing consumer rolls its transaction back, the change included. */
static void
test_consumer_failure (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ann = id_of (f, "ann@x.com");
  g_autoptr(GArray) members = NULL;

  f->fail = TRUE;
  g_assert_false (cohort_store_add_members (f->store, f->hand, &ann, 1, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_clear_error (&error);
  members = cohort_store_list_member_ids (f->store, f->hand, &error);
  g_assert_cmpuint (members->len, ==, 0);

  f->fail = FALSE;
  cohort_store_remove_delta_consumer (f->store, record_delta, f);
  g_assert_true (cohort_store_add_members (f->store, f->hand, &ann, 1, &error));
  g_assert_no_error (error);
  assert_published (f, "");
  g_assert_cmpuint (f->n_published, ==, 0);
}

/* "email joined|left reason" of each event of a page, newest first. */
static char *
page_text (GPtrArray *events)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      CohortHistoryEvent *e = g_ptr_array_index (events, i);

      g_string_append_printf (text, "%s%s %s %s", i > 0 ? "\n" : "", e->email,
                              e->joined ? "joined" : "left", cohort_reason_to_string (e->reason));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The changes list reads a group's events a page at a time, newest first,
 * each page from the last event of the one before (several events share a
 * second), with or without a reason. */
static void
test_history_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GPtrArray) manual = NULL;
  g_autoptr(GPtrArray) contact = NULL;
  g_autoptr(CohortAccount) acme = NULL;
  g_autofree char *text = NULL;
  gint64 ids[] = { id_of (f, "ann@x.com"), id_of (f, "cid@x.com") };
  CohortHistoryEvent *last;

  g_assert_true (cohort_store_add_members (f->store, f->hand, ids, 2, &error));
  cohort_store_set_now (f->store, NOW + 60);
  acme = cohort_store_find_account (f->store, "Acme", &error);
  g_assert_true (cohort_store_add_group_account (f->store, f->hand, cohort_account_get_id (acme), &error));
  cohort_store_set_now (f->store, NOW + 120);
  g_assert_true (cohort_store_remove_members (f->store, f->hand, ids + 1, 1, &error));
  g_assert_no_error (error);

  first = cohort_history_list_recent_events (f->store, f->hand, 0, -1, 0, 0, 2, &error);
  g_assert_no_error (error);
  text = page_text (first);
  g_assert_cmpstr (text, ==, "cid@x.com left manual\nbob@x.com joined account");
  g_clear_pointer (&text, g_free);

  last = g_ptr_array_index (first, first->len - 1);
  second = cohort_history_list_recent_events (f->store, f->hand, 0, -1, last->at, last->id, 2, &error);
  g_assert_no_error (error);
  text = page_text (second);
  g_assert_cmpstr (text, ==, "cid@x.com joined manual\nann@x.com joined manual");
  g_clear_pointer (&text, g_free);

  last = g_ptr_array_index (second, second->len - 1);
  third = cohort_history_list_recent_events (f->store, f->hand, 0, -1, last->at, last->id, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->len, ==, 0);

  manual = cohort_history_list_recent_events (f->store, f->hand, 0, COHORT_REASON_MANUAL, 0, 0, 10, &error);
  g_assert_no_error (error);
  text = page_text (manual);
  g_assert_cmpstr (text, ==, "cid@x.com left manual\ncid@x.com joined manual\nann@x.com joined manual");
  g_clear_pointer (&text, g_free);

  /* A contact's events across groups: Cid joined "berlin" when it was
   * created, and "hand" and "in-hand" since. */
  contact = cohort_history_list_recent_events (f->store, 0, ids[1], -1, 0, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contact->len, ==, 5);
  g_assert_cmpstr (((CohortHistoryEvent *) g_ptr_array_index (contact, 0))->group_code, ==, "in-hand");
  g_assert_false (((CohortHistoryEvent *) g_ptr_array_index (contact, 0))->joined);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/delta/save-and-accounts", test_save);
  ADD ("/delta/static", test_static);
  ADD ("/delta/import-merge-delete", test_import_merge_delete);
  ADD ("/delta/recalculation", test_recalculation);
  ADD ("/delta/consumer-failure", test_consumer_failure);
  ADD ("/delta/history-pages", test_history_pages);
#undef ADD

  return g_test_run ();
}
