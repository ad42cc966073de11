/* test-contact-list.c — the paged list model behind every contact table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cohort-contact-list.h"
#include "cohort-import.h"

/* More than the first chunk the model shows before sorting everything, and
 * more pages than it keeps. */
#define N_BULK 1000

typedef struct
{
  char        *dir;
  CohortStore *store;
  gint64       group_id;
  gint64       anna_id;
  gint64       jorg_id;
} Fixture;

static gint64
add_contact (CohortStore *store,
             const char  *email,
             const char  *first,
             const char  *last,
             const char  *company,
             CohortStatus status)
{
  g_autoptr(CohortContact) contact = cohort_contact_new ();
  g_autoptr(GError) error = NULL;

  cohort_contact_set_text (contact, COHORT_CONTACT_EMAIL, email);
  cohort_contact_set_text (contact, COHORT_CONTACT_FIRST_NAME, first);
  cohort_contact_set_text (contact, COHORT_CONTACT_LAST_NAME, last);
  cohort_contact_set_account_name (contact, company);
  cohort_contact_set_status (contact, status);
  g_assert_true (cohort_store_save_contact (store, contact, NULL, &error));
  g_assert_no_error (error);

  return cohort_contact_get_id (contact);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CohortGroup) group = cohort_group_new ("vip", "VIP", COHORT_GROUP_STATIC);
  gint64 ids[2];

  fixture->dir = g_dir_make_tmp ("cohort-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "cohort.db", NULL);
  fixture->store = cohort_store_open (path, &error);
  g_assert_no_error (error);

  fixture->anna_id = add_contact (fixture->store, "anna@example.com", "Anna", "Schmidt", "Acme",
                                  COHORT_STATUS_ACTIVE);
  fixture->jorg_id = add_contact (fixture->store, "joerg@example.de", "Jörg", "Straße", NULL,
                                  COHORT_STATUS_INACTIVE);
  add_contact (fixture->store, "bea@example.org", "Bea", "Zander", "Zenith", COHORT_STATUS_BOUNCED);
  add_contact (fixture->store, "nobody@example.org", NULL, NULL, NULL, COHORT_STATUS_ACTIVE);

  g_assert_true (cohort_store_create_group (fixture->store, group, &error));
  g_assert_no_error (error);
  fixture->group_id = cohort_group_get_id (group);
  ids[0] = fixture->anna_id;
  ids[1] = fixture->jorg_id;
  g_assert_true (cohort_store_add_members (fixture->store, fixture->group_id, ids, 2, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
wait_loaded (CohortContactList *list)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* A load starts on every change; the first iteration lets it begin. */
  g_main_context_iteration (NULL, FALSE);
  while (cohort_contact_list_get_loading (list))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
names (CohortContactList *list)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CohortMemberRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", cohort_member_row_get_name (row));
    }

  return g_string_free (text, FALSE);
}

static void
assert_names (CohortContactList *list,
              const char        *expected)
{
  g_autofree char *actual = names (list);

  g_assert_cmpstr (actual, ==, expected);
}

static void
test_all_contacts (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CohortContactList) list = cohort_contact_list_new (fixture->store, 0);
  g_autoptr(CohortMemberRow) first = NULL;

  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  assert_names (list, "Anna Schmidt|Bea Zander|Jörg Straße|nobody@example.org");

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (cohort_member_row_get_id (first), ==, fixture->anna_id);
  g_assert_cmpstr (cohort_member_row_get_email (first), ==, "anna@example.com");
  g_assert_cmpstr (cohort_member_row_get_account (first), ==, "Acme");
  g_assert_cmpstr (cohort_member_row_get_source (first), ==, "");
  g_assert_cmpint (cohort_member_row_get_added_at (first), >, 0);
  g_assert_cmpint (cohort_contact_list_get_id (list, 0), ==, fixture->anna_id);
  g_assert_cmpint (cohort_contact_list_get_id (list, 4), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 4));

  cohort_contact_list_set_sort (list, COHORT_CONTACT_SORT_NAME, TRUE);
  wait_loaded (list);
  assert_names (list, "nobody@example.org|Jörg Straße|Bea Zander|Anna Schmidt");

  cohort_contact_list_set_sort (list, COHORT_CONTACT_SORT_EMAIL, FALSE);
  wait_loaded (list);
  assert_names (list, "Anna Schmidt|Bea Zander|Jörg Straße|nobody@example.org");

  cohort_contact_list_set_sort (list, COHORT_CONTACT_SORT_STATUS, FALSE);
  wait_loaded (list);
  g_assert_cmpint (cohort_contact_list_get_id (list, 2), ==, fixture->jorg_id);
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CohortContactList) list = cohort_contact_list_new (fixture->store, 0);

  /* Folded like conditions compare: STRASSE finds Straße. */
  cohort_contact_list_set_filter (list, "  STRASSE ");
  wait_loaded (list);
  assert_names (list, "Jörg Straße");

  cohort_contact_list_set_filter (list, "zenith");
  wait_loaded (list);
  assert_names (list, "Bea Zander");

  cohort_contact_list_set_filter (list, "anna schmidt");
  wait_loaded (list);
  assert_names (list, "Anna Schmidt");

  /* LIKE wildcards are plain characters. */
  cohort_contact_list_set_filter (list, "%");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  cohort_contact_list_set_filter (list, "");
  wait_loaded (list);
  g_assert_null (cohort_contact_list_get_filter (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
}

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gint64 *counts = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cohort_contact_list_count_statuses_finish (COHORT_CONTACT_LIST (object), result,
                                                            counts, &error));
  g_assert_no_error (error);
  counts[4] = 1;
}

static void
test_group_members (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CohortContactList) list = cohort_contact_list_new (fixture->store, fixture->group_id);
  g_autoptr(CohortMemberRow) anna = NULL;
  g_autoptr(CohortContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  gint64 counts[5] = { 0 };
  gint64 bea;

  wait_loaded (list);
  assert_names (list, "Anna Schmidt|Jörg Straße");
  anna = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (cohort_member_row_get_source (anna), ==, "Manual");

  cohort_contact_list_count_statuses_async (list, NULL, count_cb, counts);
  while (counts[4] == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (counts[COHORT_STATUS_ACTIVE], ==, 1);
  g_assert_cmpint (counts[COHORT_STATUS_INACTIVE], ==, 1);
  g_assert_cmpint (counts[COHORT_STATUS_BOUNCED], ==, 0);

  /* A change elsewhere: the row that stays keeps its object and shows the
   * new name; the new member appears in order. */
  contact = cohort_store_get_contact (fixture->store, fixture->anna_id, &error);
  g_assert_no_error (error);
  cohort_contact_set_text (contact, COHORT_CONTACT_LAST_NAME, "Schmitt");
  g_assert_true (cohort_store_save_contact (fixture->store, contact, NULL, &error));
  g_assert_no_error (error);
  bea = add_contact (fixture->store, "bea2@example.org", "Anton", "Berg", NULL, COHORT_STATUS_ACTIVE);
  g_assert_true (cohort_store_add_members (fixture->store, fixture->group_id, &bea, 1, &error));
  g_assert_no_error (error);

  cohort_contact_list_reload (list);
  wait_loaded (list);
  assert_names (list, "Anna Schmitt|Anton Berg|Jörg Straße");
  g_assert_cmpstr (cohort_member_row_get_name (anna), ==, "Anna Schmitt");

  /* The page read again for the new row hands out the object a view already
   * holds for Anna, so a later change still reaches it. */
  cohort_contact_set_text (contact, COHORT_CONTACT_LAST_NAME, "Schmidt-Berg");
  g_assert_true (cohort_store_save_contact (fixture->store, contact, NULL, &error));
  g_assert_no_error (error);
  cohort_contact_list_reload (list);
  wait_loaded (list);
  g_assert_cmpstr (cohort_member_row_get_name (anna), ==, "Anna Schmidt-Berg");
  {
    g_autoptr(CohortMemberRow) again = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_true (again == anna);
  }
}

static void
test_large_list (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CohortContactList) list = NULL;
  g_autoptr(CohortImportReport) report = cohort_import_report_new ();
  g_autoptr(GString) csv = g_string_new ("email,first_name,last_name\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "bulk.csv", NULL);
  guint n;

  for (guint i = 0; i < N_BULK; i++)
    g_string_append_printf (csv, "bulk%04u@example.com,Bulk,%04u\n", N_BULK - i, N_BULK - i);
  g_assert_true (g_file_set_contents (path, csv->str, -1, &error));
  g_assert_true (cohort_import_contacts (fixture->store, path, NULL, 0, FALSE, NULL, NULL, NULL, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, N_BULK);

  list = cohort_contact_list_new (fixture->store, 0);
  wait_loaded (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, N_BULK + 4);

  /* Sorted by name, every position holds the next Bulk number. */
  for (guint i = 0; i < N_BULK; i++)
    {
      g_autoptr(CohortMemberRow) row = g_list_model_get_item (G_LIST_MODEL (list), i + 2);
      g_autofree char *expected = g_strdup_printf ("Bulk %04u", i + 1);

      g_assert_cmpstr (cohort_member_row_get_name (row), ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/contact-list/all", Fixture, NULL, fixture_set_up, test_all_contacts, fixture_tear_down);
  g_test_add ("/contact-list/filter", Fixture, NULL, fixture_set_up, test_filter, fixture_tear_down);
  g_test_add ("/contact-list/group", Fixture, NULL, fixture_set_up, test_group_members, fixture_tear_down);
  g_test_add ("/contact-list/large", Fixture, NULL, fixture_set_up, test_large_list, fixture_tear_down);

  return g_test_run ();
}
