/* test-bulk.c — selections and the bulk actions on them (SPEC §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "cohort-error.h"
#include "cohort-recalc.h"
#include "cohort-selection.h"
#include "cohort-store.h"
#include "cohort-store-private.h"

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
  g_assert_true (cohort_store_add_selection_to_group (f->store, s, f->fair, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 1);
  g_assert_cmpuint (members (f, f->fair), ==, A | B | C | D);
  g_assert_cmpuint (members (f, f->in_fair), ==, A | B | C | D);

  /* Removing the same selection: c and d leave; b stays by account but is
   * no longer a manual member, so it leaves with the account. */
  g_assert_true (cohort_store_remove_selection_from_group (f->store, s, f->fair, &changed, NULL, &error));
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
  g_assert_false (cohort_store_add_selection_to_group (f->store, s, f->in_fair, &changed, NULL, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cohort_store_remove_selection_from_group (f->store, s, 9999, &changed, NULL, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  cohort_selection_set_group (s, 9999);
  g_assert_false (cohort_store_add_selection_to_group (f->store, s, f->fair, &changed, NULL, &error));
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
  g_assert_true (cohort_store_tag_selection (f->store, s, add, NULL, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 3);
  g_assert_cmpuint (members (f, tagged), ==, B | C | D);

  /* A blank tag among good ones: an error naming it, nothing done. */
  cohort_selection_set_group (s, 0);
  g_assert_false (cohort_store_tag_selection (f->store, s, bad, NULL, &changed, NULL, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“\t ”"));
  g_clear_error (&error);
  {
    g_autoptr(CohortContact) a = cohort_store_get_contact (f->store, f->ids[0], NULL);
    g_assert_null (cohort_contact_get_tags (a)[0]);
  }

  cohort_selection_set_filter (s, "dee");
  g_assert_true (cohort_store_tag_selection (f->store, s, NULL, vip, &changed, NULL, &error));
  g_assert_cmpint (changed, ==, 1);
  g_assert_cmpuint (members (f, tagged), ==, B | C);

  cohort_selection_set_filter (s, NULL);
  g_assert_true (cohort_store_set_selection_status (f->store, s, COHORT_STATUS_BOUNCED, &changed, NULL, &error));
  g_assert_cmpint (changed, ==, 5);
  g_assert_cmpuint (members (f, bounced), ==, A | B | C | D | E);
  cohort_selection_set_group (s, f->hand);
  g_assert_true (cohort_store_set_selection_status (f->store, s, COHORT_STATUS_ACTIVE, &changed, NULL, &error));
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

#define RULE(field, op, value) \
  "{\"combinator\":\"and\",\"rules\":[{\"field\":\"" field "\",\"operator\":\"" op "\",\"value\":" value "}]}"

/* Changes a contact behind the store's back: a group that is re-evaluated
 * for it sees the change, one that is left alone does not. */
static void
sneak (Fixture    *f,
       const char *sql)
{
  g_assert_cmpint (sqlite3_exec (cohort_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* A bulk action re-evaluates only the dynamic groups that read what it
 * changed (the fields, updated_at, a group's members, the clock), and
 * those that reference them; the others stay right without. */
static void
test_settle_only_readers (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CohortSelection) s = cohort_selection_new ();
  g_autoptr(GError) error = NULL;
  const char *bench[] = { "bench", NULL };
  gint64 changed = -1;
  gint64 by_tag, by_updated, by_city, by_tag_group, by_city_group, recent, by_status, by_hand;
  g_autofree char *sql = NULL;

  /* Saved at 2026-01-01T00:00Z: nobody was updated after noon. */
  sql = g_strdup_printf ("UPDATE contacts SET city = 'Berlin', city_fold = 'berlin' WHERE id IN "
                         "(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", f->ids[0], f->ids[1]);
  sneak (f, sql);
  by_tag = create_group (f->store, "by-tag", COHORT_GROUP_DYNAMIC, RULE ("tag", "=", "\"bench\""));
  by_updated = create_group (f->store, "by-updated", COHORT_GROUP_DYNAMIC,
                             RULE ("updated_at", ">=", "\"2026-01-01T12:00:00Z\""));
  by_city = create_group (f->store, "by-city", COHORT_GROUP_DYNAMIC, RULE ("city", "=", "\"berlin\""));
  by_tag_group = create_group (f->store, "by-tag-group", COHORT_GROUP_DYNAMIC,
                               RULE ("group", "notIn", "[\"by-tag\"]"));
  by_city_group = create_group (f->store, "by-city-group", COHORT_GROUP_DYNAMIC,
                                RULE ("group", "in", "[\"by-city\"]"));
  recent = create_group (f->store, "recent", COHORT_GROUP_DYNAMIC, RULE ("created_at", "withinLastDays", "1"));
  by_status = create_group (f->store, "by-status", COHORT_GROUP_DYNAMIC, RULE ("status", "=", "\"bounced\""));
  by_hand = create_group (f->store, "by-hand", COHORT_GROUP_DYNAMIC, RULE ("group", "in", "[\"hand\"]"));
  g_assert_cmpuint (members (f, by_tag), ==, 0);
  g_assert_cmpuint (members (f, by_updated), ==, 0);
  g_assert_cmpuint (members (f, by_city), ==, A | B);
  g_assert_cmpuint (members (f, by_tag_group), ==, A | B | C | D | E);
  g_assert_cmpuint (members (f, by_city_group), ==, A | B);
  g_assert_cmpuint (members (f, recent), ==, A | B | C | D | E);
  g_assert_cmpuint (members (f, by_hand), ==, B | C | D);

  /* Behind the store's back b moves away from Berlin. Two days later, b,
   * c and d ("hand") are tagged. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE contacts SET city = NULL, city_fold = NULL WHERE id = %" G_GINT64_FORMAT,
                         f->ids[1]);
  sneak (f, sql);
  cohort_store_set_now (f->store, 1767225600 + 2 * 86400);
  cohort_selection_set_group (s, f->hand);
  g_assert_true (cohort_store_tag_selection (f->store, s, bench, NULL, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 3);

  /* Groups reading tags, updated_at (which tagging sets) or the clock
   * follow the tagged contacts, and so does the group referencing one of
   * them: b, c and d left "by-tag-group" when they joined "by-tag". */
  g_assert_cmpuint (members (f, by_tag), ==, B | C | D);
  g_assert_cmpuint (members (f, by_updated), ==, B | C | D);
  g_assert_cmpuint (members (f, by_tag_group), ==, A | E);
  g_assert_cmpuint (members (f, recent), ==, A | E);
  /* A group on the city is not re-evaluated, even for b (its city changed
   * behind the store's back), nor is the one referencing it. */
  g_assert_cmpuint (members (f, by_city), ==, A | B);
  g_assert_cmpuint (members (f, by_city_group), ==, A | B);
  /* Its members are still right for what the store changed. */
  g_assert_true (cohort_store_recalculate_group (f->store, by_city, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (members (f, by_city), ==, A);
  g_assert_cmpuint (members (f, by_city_group), ==, A);

  /* A status change re-evaluates status groups but not tag groups. */
  sneak (f, "DELETE FROM contact_tags WHERE tag_fold = 'bench'");
  cohort_selection_set_group (s, 0);
  g_assert_true (cohort_store_set_selection_status (f->store, s, COHORT_STATUS_BOUNCED, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 5);
  g_assert_cmpuint (members (f, by_status), ==, A | B | C | D | E);
  g_assert_cmpuint (members (f, by_tag), ==, B | C | D);
  g_assert_cmpuint (members (f, by_updated), ==, A | B | C | D | E);

  /* Changing a static group's members re-evaluates only the groups that
   * reference it: not "by-tag", though e has the tag now behind the
   * store's back and b lost it. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO contact_tags (contact_id, tag_fold, tag) VALUES (%" G_GINT64_FORMAT
                         ", 'bench', 'bench')", f->ids[4]);
  sneak (f, sql);
  cohort_selection_add_ids (s, &f->ids[4], 1);
  g_assert_true (cohort_store_add_selection_to_group (f->store, s, f->hand, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 1);
  g_assert_cmpuint (members (f, by_hand), ==, B | C | D | E);
  g_assert_cmpuint (members (f, by_tag), ==, B | C | D);
  g_assert_true (cohort_store_remove_members (f->store, f->hand, &f->ids[1], 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (members (f, by_hand), ==, C | D | E);
  g_assert_cmpuint (members (f, by_tag), ==, B | C | D);
}

static gint64
sql_count (Fixture    *f,
           const char *sql)
{
  return cohort_store_query_int64 (f->store, sql, NULL);
}

/* Undo runs the inverse action on exactly the contacts the action changed,
 * from the set kept in the file — and so from another connection too. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CohortSelection) s = cohort_selection_new ();
  g_autoptr(CohortSelection) undo = cohort_selection_new ();
  g_autoptr(CohortStore) other = NULL;
  g_autoptr(GError) error = NULL;
  const char *vip[] = { "vip", NULL };
  gint64 tagged, bounced, changed = -1, set = -1, status_set = -1, group_set = -1;
  g_autofree char *sql = NULL;

  tagged = create_group (f->store, "tagged", COHORT_GROUP_DYNAMIC, RULE ("tag", "=", "\"vip\""));
  bounced = create_group (f->store, "bounced", COHORT_GROUP_DYNAMIC, RULE ("status", "=", "\"bounced\""));
  other = cohort_store_open_sibling (f->store, &error);
  g_assert_no_error (error);
  cohort_store_set_now (other, 1767225600 + 60);

  /* d has the tag already; tagging "hand" (b, c, d) gives it to b and c. */
  cohort_selection_add_ids (s, &f->ids[3], 1);
  g_assert_true (cohort_store_tag_selection (f->store, s, vip, NULL, &changed, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&s, cohort_selection_free);
  s = cohort_selection_new ();
  cohort_selection_set_group (s, f->hand);
  g_assert_true (cohort_store_tag_selection (f->store, s, vip, NULL, &changed, &set, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 2);
  g_assert_cmpint (set, >, 0);
  g_assert_cmpuint (members (f, tagged), ==, B | C | D);

  /* Undone from the other connection: b and c lose it, d keeps it. */
  cohort_selection_set_undo_set (undo, set);
  g_assert_cmpint (cohort_selection_count (undo, other, &error), ==, 2);
  g_assert_true (cohort_store_tag_selection (other, undo, NULL, vip, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 2);
  g_assert_cmpuint (members (f, tagged), ==, D);

  /* Statuses: a was bounced before everybody became inactive. */
  g_clear_pointer (&s, cohort_selection_free);
  s = cohort_selection_new ();
  cohort_selection_add_ids (s, &f->ids[0], 1);
  g_assert_true (cohort_store_set_selection_status (f->store, s, COHORT_STATUS_BOUNCED, &changed, NULL, &error));
  g_clear_pointer (&s, cohort_selection_free);
  s = cohort_selection_new ();
  g_assert_true (cohort_store_set_selection_status (f->store, s, COHORT_STATUS_INACTIVE, &changed,
                                                    &status_set, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 5);
  g_assert_cmpuint (members (f, bounced), ==, 0);
  g_assert_true (cohort_store_restore_status (other, status_set, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 5);
  g_assert_cmpuint (members (f, bounced), ==, A);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM contacts WHERE status = 'active'"), ==, 4);

  /* Into "hand": a and e join (b, c, d were in); Undo takes out only them. */
  g_assert_true (cohort_store_add_selection_to_group (f->store, s, f->hand, &changed, &group_set, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 2);
  g_assert_cmpuint (members (f, f->hand), ==, A | B | C | D | E);
  cohort_selection_set_undo_set (undo, group_set);
  g_assert_true (cohort_store_remove_selection_from_group (other, undo, f->hand, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 2);
  g_assert_cmpuint (members (f, f->hand), ==, B | C | D);

  /* Forgotten sets are gone; the others go with the first action that
   * keeps a set a day later. */
  cohort_store_forget_undo_set (other, group_set);
  sql = g_strdup_printf ("SELECT count(*) FROM undo_contacts WHERE set_id = %" G_GINT64_FORMAT, group_set);
  g_assert_cmpint (sql_count (f, sql), ==, 0);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM undo_sets"), ==, 2);
  cohort_store_set_now (f->store, 1767225600 + 2 * 86400);
  g_assert_true (cohort_store_tag_selection (f->store, s, vip, NULL, &changed, &set, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 4);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM undo_sets"), ==, 1);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM undo_contacts"), ==, 4);

  /* Nothing changed, nothing kept. */
  g_assert_true (cohort_store_tag_selection (f->store, s, vip, NULL, &changed, &set, &error));
  g_assert_cmpint (changed, ==, 0);
  g_assert_cmpint (set, ==, 0);
}

/* A cancelled action stops and changes nothing; the store goes on. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CohortSelection) s = cohort_selection_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const char *vip[] = { "vip", NULL };
  gint64 changed = -1, set = -1, tagged;

  /* Enough contacts that the action runs for more than a few steps. */
  sneak (f, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
            "INSERT INTO contacts (email, email_fold, created_at, updated_at) "
            "SELECT 'x' || i || '@example.com', 'x' || i || '@example.com', 1767225600, 1767225600 FROM n");
  tagged = create_group (f->store, "tagged", COHORT_GROUP_DYNAMIC, RULE ("tag", "=", "\"vip\""));

  cohort_store_watch_cancellable (f->store, cancellable);
  g_cancellable_cancel (cancellable);
  g_assert_false (cohort_store_tag_selection (f->store, s, vip, NULL, &changed, &set, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM contact_tags"), ==, 0);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM undo_sets"), ==, 0);

  cohort_store_watch_cancellable (f->store, NULL);
  g_assert_true (cohort_store_tag_selection (f->store, s, vip, NULL, &changed, &set, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 20005);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM contact_tags"), ==, 20005);
  g_assert_cmpuint (members (f, tagged), ==, A | B | C | D | E);
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
  ADD ("/bulk/settle-only-readers", test_settle_only_readers);
  ADD ("/bulk/undo", test_undo);
  ADD ("/bulk/cancel", test_cancel);
#undef ADD

  return g_test_run ();
}
