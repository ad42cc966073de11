/* test-bulk.c — selections and the bulk actions on them (SPEC §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "cohort-error.h"
#include "cohort-selection.h"
#include "cohort-store.h"

typedef struct
{
  char        *dir;
  CohortStore *store;
  gint64       ids[5];   /* a, b (account Acme), c, d, e */
  gint64       hand;     /* static: b, c, d by hand */
  gint64       fair;     /* static: Acme's contacts by account, and c by hand */
  gint64       in_fair;  /* dynamic: "group in [fair]" */
} Fixture;

static gint64
save (CohortStore *store,
      const char  *email,
      const char  *name,
      const char  *account)
{
  g_autoptr(CohortContact) c = cohort_contact_new ();
  g_autoptr(GError) error = NULL;

  cohort_contact_set_text (c, COHORT_CONTACT_EMAIL, email);
  cohort_contact_set_text (c, COHORT_CONTACT_FIRST_NAME, name);
  cohort_contact_set_account_name (c, account);
  g_assert_true (cohort_store_save_contact (store, c, NULL, &error));
  g_assert_no_error (error);
  return cohort_contact_get_id (c);
}

static gint64
create_group (CohortStore     *store,
              const char      *code,
              CohortGroupKind  kind,
              const char      *condition)
{
  g_autoptr(CohortGroup) g = cohort_group_new (code, code, kind);
  g_autoptr(GError) error = NULL;

  if (condition != NULL)
    cohort_group_set_condition_json (g, condition);
  g_assert_true (cohort_store_create_group (store, g, &error));
  g_assert_no_error (error);
  return cohort_group_get_id (g);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CohortAccount) acme = NULL;

  f->dir = g_dir_make_tmp ("cohort-bulk-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "cohort.db", NULL);
  f->store = cohort_store_open (path, &error);
  g_assert_no_error (error);
  cohort_store_set_now (f->store, 1767225600);

  f->ids[0] = save (f->store, "a@acme.com", "Ann", "Acme");
  f->ids[1] = save (f->store, "b@acme.com", "Bob", "Acme");
  f->ids[2] = save (f->store, "c@other.com", "Cid", NULL);
  f->ids[3] = save (f->store, "d@other.com", "Dee", NULL);
  f->ids[4] = save (f->store, "e@other.com", "Eve", NULL);

  f->hand = create_group (f->store, "hand", COHORT_GROUP_STATIC, NULL);
  g_assert_true (cohort_store_add_members (f->store, f->hand, &f->ids[1], 3, &error));
  g_assert_no_error (error);

  f->fair = create_group (f->store, "fair", COHORT_GROUP_STATIC, NULL);
  acme = cohort_store_find_account (f->store, "Acme", &error);
  g_assert_no_error (error);
  g_assert_true (cohort_store_add_group_account (f->store, f->fair, cohort_account_get_id (acme), &error));
  g_assert_true (cohort_store_add_members (f->store, f->fair, &f->ids[2], 1, &error));
  g_assert_no_error (error);
  f->in_fair = create_group (f->store, "in-fair", COHORT_GROUP_DYNAMIC,
                             "{\"combinator\":\"and\",\"rules\":"
                             "[{\"field\":\"group\",\"operator\":\"in\",\"value\":[\"fair\"]}]}");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cohort.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->store);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* The members of @group_id as a bit mask over f->ids; the stored count
 * must agree. */
static guint
members (Fixture *f,
         gint64   group_id)
{
  g_autoptr(GArray) ids = cohort_store_list_member_ids (f->store, group_id, NULL);
  g_autoptr(CohortGroup) group = cohort_store_get_group (f->store, group_id, NULL);
  guint mask = 0;

  g_assert_cmpint (cohort_group_get_member_count (group), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (f->ids); j++)
      if (g_array_index (ids, gint64, i) == f->ids[j])
        mask |= 1u << j;
  return mask;
}

#define A (1u << 0)
#define B (1u << 1)
#define C (1u << 2)
#define D (1u << 3)
#define E (1u << 4)

static void
test_count (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CohortSelection) s = cohort_selection_new ();
  g_autoptr(GError) error = NULL;
  gint64 twice[] = { 0, 0, 0 };

  g_assert_cmpint (cohort_selection_count (s, f->store, &error), ==, 5);
  cohort_selection_set_group (s, f->hand);
  g_assert_cmpint (cohort_selection_count (s, f->store, &error), ==, 3);
  /* The contact list's filter: the account's name matches too. */
  cohort_selection_set_filter (s, "ACME");
  g_assert_cmpint (cohort_selection_count (s, f->store, &error), ==, 1);
  cohort_selection_set_filter (s, NULL);
  /* An id listed twice, and one outside the group, count as they are. */
  twice[0] = f->ids[2];
  twice[1] = f->ids[2];
  twice[2] = f->ids[4];
  cohort_selection_add_ids (s, twice, 3);
  g_assert_cmpint (cohort_selection_count (s, f->store, &error), ==, 1);
  g_assert_no_error (error);

  {
    g_autoptr(CohortSelection) copy = cohort_selection_copy (s);
    g_assert_cmpint (cohort_selection_count (copy, f->store, &error), ==, 1);
  }
}

static void
test_add_to_group (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CohortSelection) s = cohort_selection_new ();
  g_autoptr(GError) error = NULL;
  gint64 changed = -1;

  g_assert_cmpuint (members (f, f->fair), ==, A | B | C);
  g_assert_cmpuint (members (f, f->in_fair), ==, A | B | C);

  /* b is already a member by account (it becomes manual too), c by hand:
   * only d joins, and the dynamic group that reads "fair" follows. */
  cohort_selection_set_group (s, f->hand);
  g_assert_true (cohort_store_add_selection_to_group (f->store, s, f->fair, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 1);
  g_assert_cmpuint (members (f, f->fair), ==, A | B | C | D);
  g_assert_cmpuint (members (f, f->in_fair), ==, A | B | C | D);

  /* Removing the same selection: c and d leave; b stays by account but is
   * no longer a manual member, so it leaves with the account. */
  g_assert_true (cohort_store_remove_selection_from_group (f->store, s, f->fair, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 2);
  g_assert_cmpuint (members (f, f->fair), ==, A | B);
  g_assert_cmpuint (members (f, f->in_fair), ==, A | B);
  {
    g_autoptr(CohortAccount) acme = cohort_store_find_account (f->store, "Acme", NULL);
    g_assert_true (cohort_store_remove_group_account (f->store, f->fair, cohort_account_get_id (acme), &error));
  }
  g_assert_cmpuint (members (f, f->fair), ==, 0);
  g_assert_cmpuint (members (f, f->in_fair), ==, 0);

  /* Dynamic and unknown groups are refused, and nothing changes. */
  g_assert_false (cohort_store_add_selection_to_group (f->store, s, f->in_fair, &changed, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cohort_store_remove_selection_from_group (f->store, s, 9999, &changed, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  cohort_selection_set_group (s, 9999);
  g_assert_false (cohort_store_add_selection_to_group (f->store, s, f->fair, &changed, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND);
  g_assert_cmpuint (members (f, f->fair), ==, 0);
}

static void
test_tags_status_delete (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CohortSelection) s = cohort_selection_new ();
  g_autoptr(GError) error = NULL;
  const char *add[] = { " vip ", "Promo", NULL };
  const char *bad[] = { "ok", "\t ", NULL };
  const char *vip[] = { "VIP", NULL };
  gint64 tagged, bounced, changed = -1;

  tagged = create_group (f->store, "tagged", COHORT_GROUP_DYNAMIC,
                         "{\"combinator\":\"and\",\"rules\":[{\"field\":\"tag\",\"operator\":\"=\",\"value\":\"vip\"}]}");
  bounced = create_group (f->store, "bounced", COHORT_GROUP_DYNAMIC,
                          "{\"combinator\":\"and\",\"rules\":[{\"field\":\"status\",\"operator\":\"=\",\"value\":\"bounced\"}]}");

  cohort_selection_set_group (s, f->hand);
  g_assert_true (cohort_store_tag_selection (f->store, s, add, NULL, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 3);
  g_assert_cmpuint (members (f, tagged), ==, B | C | D);

  /* A blank tag among good ones: an error naming it, nothing done. */
  cohort_selection_set_group (s, 0);
  g_assert_false (cohort_store_tag_selection (f->store, s, bad, NULL, &changed, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“\t ”"));
  g_clear_error (&error);
  {
    g_autoptr(CohortContact) a = cohort_store_get_contact (f->store, f->ids[0], NULL);
    g_assert_null (cohort_contact_get_tags (a)[0]);
  }

  cohort_selection_set_filter (s, "dee");
  g_assert_true (cohort_store_tag_selection (f->store, s, NULL, vip, &changed, &error));
  g_assert_cmpint (changed, ==, 1);
  g_assert_cmpuint (members (f, tagged), ==, B | C);

  cohort_selection_set_filter (s, NULL);
  g_assert_true (cohort_store_set_selection_status (f->store, s, COHORT_STATUS_BOUNCED, &changed, &error));
  g_assert_cmpint (changed, ==, 5);
  g_assert_cmpuint (members (f, bounced), ==, A | B | C | D | E);
  cohort_selection_set_group (s, f->hand);
  g_assert_true (cohort_store_set_selection_status (f->store, s, COHORT_STATUS_ACTIVE, &changed, &error));
  g_assert_cmpint (changed, ==, 3);
  g_assert_cmpuint (members (f, bounced), ==, A | E);

  /* Delete: the contacts go, every group count is right. */
  g_assert_true (cohort_store_delete_selection (f->store, s, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 3);
  cohort_selection_set_group (s, 0);
  g_assert_cmpint (cohort_selection_count (s, f->store, &error), ==, 2);
  g_assert_cmpuint (members (f, f->hand), ==, 0);
  g_assert_cmpuint (members (f, f->fair), ==, A);
  g_assert_cmpuint (members (f, tagged), ==, 0);
  g_assert_cmpuint (members (f, bounced), ==, A | E);

  /* An empty selection is no error: nothing to change. */
  cohort_selection_set_group (s, f->hand);
  g_assert_true (cohort_store_delete_selection (f->store, s, &changed, &error));
  g_assert_cmpint (changed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/bulk/count", test_count);
  ADD ("/bulk/add-to-group", test_add_to_group);
  ADD ("/bulk/tags-status-delete", test_tags_status_delete);
#undef ADD

  return g_test_run ();
}
