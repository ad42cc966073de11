/* recalc-fixture.c — the fixture and helpers that test-recalc.c and
 * test-recalc-random.c share; see recalc-fixture.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "recalc-fixture.h"

/* ---- fixture ----------------------------------------------------------- */

gint64 *
box_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static void
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (STORE_ZONE);
  g_autofree char *path = g_build_filename (f->dir, "cohort.db", NULL);

  f->store = cohort_store_open (path, &error);
  if (f->store == NULL)
    g_error ("opening %s: %s", path, error->message);
  cohort_store_set_now (f->store, NOW);
  cohort_store_set_timezone (f->store, tz);
  f->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
close_store (Fixture *f)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  g_clear_pointer (&f->ids, g_hash_table_unref);
  g_clear_pointer (&f->names, g_hash_table_unref);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
}

void
reset_store (Fixture *f)
{
  close_store (f);
  open_store (f);
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cohort-recalc-XXXXXX", &error);
  g_assert_no_error (error);
  open_store (f);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_store (f);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* ---- contacts by name --------------------------------------------------- */

void
remember (Fixture    *f,
          const char *name,
          gint64      id)
{
  g_hash_table_replace (f->ids, g_strdup (name), box_id (id));
  g_hash_table_replace (f->names, box_id (id), g_strdup (name));
}

void
forget (Fixture *f,
        gint64   id)
{
  const char *name = g_hash_table_lookup (f->names, &id);

  if (name != NULL)
    g_hash_table_remove (f->ids, name);
  g_hash_table_remove (f->names, &id);
}

gint64
id_of (Fixture    *f,
       const char *name)
{
  gint64 *id = g_hash_table_lookup (f->ids, name);

  if (id == NULL)
    g_error ("the test has no contact named %s", name);
  return *id;
}

void
set_field (Fixture       *f,
           CohortContact *contact,
           const char    *field,
           const char    *value)
{
  g_autoptr(GError) error = NULL;

  if (!cohort_contact_set_field (contact, field, value, cohort_store_get_timezone (f->store), &error))
    g_error ("%s=%s: %s", field, value, error->message);
}

gint64
save_contact (Fixture       *f,
              CohortContact *contact)
{
  g_autoptr(GError) error = NULL;

  if (!cohort_store_save_contact (f->store, contact, NULL, &error))
    g_error ("saving %s: %s", cohort_contact_get_email (contact), error->message);
  return cohort_contact_get_id (contact);
}

CohortContact *
load_contact (Fixture    *f,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  CohortContact *contact = cohort_store_get_contact (f->store, id_of (f, name), &error);

  if (contact == NULL)
    g_error ("loading %s: %s", name, error->message);
  return contact;
}

/* add_contact (f, "ann", "city", "Berlin", "tags", "vip;lead", NULL): the
 * email is ann@test.example unless a pair sets it; "" clears a field. */
gint64
add_contact (Fixture    *f,
             const char *name,
             ...)
{
  g_autoptr(CohortContact) contact = cohort_contact_new ();
  g_autofree char *email = g_strdup_printf ("%s@test.example", name);
  const char *field;
  va_list args;
  gint64 id;

  set_field (f, contact, "email", email);
  va_start (args, name);
  while ((field = va_arg (args, const char *)) != NULL)
    set_field (f, contact, field, va_arg (args, const char *));
  va_end (args);
  id = save_contact (f, contact);
  remember (f, name, id);
  return id;
}

void
edit_contact (Fixture    *f,
              const char *name,
              const char *field,
              const char *value)
{
  g_autoptr(CohortContact) contact = load_contact (f, name);

  set_field (f, contact, field, value);
  save_contact (f, contact);
}

void
set_account (Fixture    *f,
             const char *account_name,
             const char *field,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortAccount) account = cohort_store_find_account (f->store, account_name, &error);

  if (account == NULL ||
      !cohort_account_set_field (account, field, value, &error) ||
      !cohort_store_save_account (f->store, account, &error))
    g_error ("account %s: %s", account_name, error->message);
}

void
add_activity (Fixture    *f,
              const char *name,
              const char *type,
              gint64      occurred_at)
{
  g_autoptr(GError) error = NULL;

  if (!cohort_store_add_activity (f->store, id_of (f, name), type, occurred_at, NULL, &error))
    g_error ("activity of %s: %s", name, error->message);
}

void
merge (Fixture    *f,
       const char *parent,
       const char *child)
{
  g_autoptr(GError) error = NULL;

  if (!cohort_store_merge_contacts (f->store, id_of (f, parent), id_of (f, child), &error))
    g_error ("merging %s into %s: %s", child, parent, error->message);
}

/* ---- member lists as sorted names --------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
join_sorted (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (names, i));
  return g_string_free (out, FALSE);
}

char *
names_of_ids (Fixture      *f,
              const gint64 *ids,
              guint         n)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      const char *name = g_hash_table_lookup (f->names, &ids[i]);

      g_ptr_array_add (names, name != NULL ? g_strdup (name)
                                           : g_strdup_printf ("#%" G_GINT64_FORMAT, ids[i]));
    }
  return join_sorted (names);
}

/* "b a" → "a b" */
char *
canon (const char *names)
{
  g_auto(GStrv) parts = g_strsplit (names, " ", -1);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (list, parts[i]);
  return join_sorted (list);
}

static gboolean
is_merged (Fixture *f,
           gint64   id)
{
  g_autoptr(CohortContact) contact = cohort_store_get_contact (f->store, id, NULL);

  return contact == NULL || cohort_contact_get_merged_into (contact) != 0;
}

/* Every contact that is not merged and not in @names. */
char *
complement (Fixture    *f,
            const char *names)
{
  g_auto(GStrv) parts = g_strsplit (names, " ", -1);
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name, id;

  g_hash_table_iter_init (&iter, f->ids);
  while (g_hash_table_iter_next (&iter, &name, &id))
    if (!is_merged (f, *(gint64 *) id) && !g_strv_contains ((const char * const *) parts, name))
      g_ptr_array_add (rest, name);
  return join_sorted (rest);
}

/* Records a failure with what was checked and both answers, and goes on. */
gboolean
expect_same (Fixture    *f,
             const char *what,
             const char *got,
             const char *want)
{
  if (g_strcmp0 (got, want) == 0)
    return TRUE;
  if (f->n_reported++ < 40)
    g_test_message ("MISMATCH %s\n#   expected: [%s]\n#   got:      [%s]", what, want, got);
  g_test_fail ();
  return FALSE;
}

/* ---- groups ------------------------------------------------------------- */

gint64
create_dynamic (Fixture     *f,
                const char  *code,
                const char  *json,
                GError     **error)
{
  g_autofree char *auto_code = NULL;
  g_autoptr(CohortGroup) group = NULL;

  if (code == NULL)
    code = auto_code = g_strdup_printf ("g%u", ++f->n_groups);
  group = cohort_group_new (code, code, COHORT_GROUP_DYNAMIC);
  cohort_group_set_condition_json (group, json);
  if (!cohort_store_create_group (f->store, group, error))
    return 0;
  return cohort_group_get_id (group);
}

gint64
create_dynamic_or_die (Fixture    *f,
                       const char *code,
                       const char *json)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create_dynamic (f, code, json, &error);

  if (id == 0)
    g_error ("creating %s: %s", code, error->message);
  return id;
}

gint64
create_static (Fixture    *f,
               const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortGroup) group = cohort_group_new (code, code, COHORT_GROUP_STATIC);

  if (!cohort_store_create_group (f->store, group, &error))
    g_error ("creating %s: %s", code, error->message);
  return cohort_group_get_id (group);
}

CohortGroup *
get_group (Fixture *f,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  CohortGroup *group = cohort_store_get_group (f->store, id, &error);

  if (group == NULL)
    g_error ("loading group #%" G_GINT64_FORMAT ": %s", id, error->message);
  return group;
}

gint64
member_count (Fixture *f,
              gint64   id)
{
  g_autoptr(CohortGroup) group = get_group (f, id);

  return cohort_group_get_member_count (group);
}

gboolean
needs_recalculation (Fixture *f,
                     gint64   id)
{
  g_autoptr(CohortGroup) group = get_group (f, id);

  return cohort_group_get_needs_recalculation (group);
}

GArray *
member_ids (Fixture *f,
            gint64   group_id)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = cohort_store_list_member_ids (f->store, group_id, &error);

  if (ids == NULL)
    g_error ("members of #%" G_GINT64_FORMAT ": %s", group_id, error->message);
  return ids;
}

char *
members (Fixture *f,
         gint64   group_id)
{
  g_autoptr(GArray) ids = member_ids (f, group_id);

  return names_of_ids (f, (const gint64 *) ids->data, ids->len);
}

void
add_members (Fixture    *f,
             gint64      group_id,
             const char *names)
{
  g_auto(GStrv) parts = g_strsplit (names, " ", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id = id_of (f, parts[i]);
      g_array_append_val (ids, id);
    }
  if (!cohort_store_add_members (f->store, group_id, (const gint64 *) ids->data, ids->len, &error))
    g_error ("adding %s: %s", names, error->message);
}

gint64
account_id (Fixture    *f,
            const char *name)
{
  g_autoptr(CohortAccount) account = cohort_store_find_account (f->store, name, NULL);

  if (account == NULL)
    g_error ("no account %s", name);
  return cohort_account_get_id (account);
}

/* The members of a new dynamic group with @json (deleted again), or
 * "ERROR: …" when the engine refuses the condition. */
char *
match (Fixture    *f,
       const char *json)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create_dynamic (f, NULL, json, &error);
  char *names;

  if (id == 0)
    return g_strdup_printf ("ERROR: %s", error->message);
  names = members (f, id);
  if (!cohort_store_delete_group (f->store, id, &error))
    g_error ("deleting a test group: %s", error->message);
  return names;
}

/* A member_count that drifts from the real members shows in every list. */
void
expect_member_count (Fixture    *f,
                     gint64      group_id,
                     const char *when)
{
  g_autoptr(CohortGroup) group = get_group (f, group_id);
  g_autoptr(GArray) ids = member_ids (f, group_id);
  g_autofree char *got = g_strdup_printf ("%" G_GINT64_FORMAT, cohort_group_get_member_count (group));
  g_autofree char *want = g_strdup_printf ("%u", ids->len);
  g_autofree char *what = g_strdup_printf ("member_count of %s %s", cohort_group_get_code (group), when);

  expect_same (f, what, got, want);
}

void
expect_members (Fixture    *f,
                gint64      group_id,
                const char *expected,
                const char *when)
{
  g_autoptr(CohortGroup) group = get_group (f, group_id);
  g_autofree char *got = members (f, group_id);
  g_autofree char *want = canon (expected);
  g_autofree char *what = g_strdup_printf ("members of %s %s", cohort_group_get_code (group), when);

  expect_same (f, what, got, want);
  expect_member_count (f, group_id, when);
}

/* ---- single rules and their complements --------------------------------- */

const char * const twins[][2] = {
  { "=", "!=" },
  { "contains", "doesNotContain" },
  { "beginsWith", "doesNotBeginWith" },
  { "endsWith", "doesNotEndWith" },
  { "in", "notIn" },
  { "null", "notNull" },
  { "between", "notBetween" },
  { "withinLastDays", "notWithinLastDays" },
};

/* What a marketer means by equal text: SPEC §2, written out independently
 * of cohort_text_fold(). */
char *
oracle_fold (const char *text)
{
  g_autofree char *copy = NULL;
  g_autofree char *nfc = NULL;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return NULL;
  nfc = g_utf8_normalize (copy, -1, G_NORMALIZE_NFC);
  return g_utf8_casefold (nfc, -1);
}

/* ---- references between groups ------------------------------------------ */

CohortCondition *
parse_condition (const char *json)
{
  g_autoptr(GError) error = NULL;
  CohortCondition *condition = cohort_condition_parse (json, -1, &error);

  if (condition == NULL)
    g_error ("%s: %s", json, error->message);
  return condition;
}

gboolean
set_condition (Fixture     *f,
               gint64       group_id,
               const char  *json,
               GError     **error)
{
  g_autoptr(CohortCondition) condition = parse_condition (json);

  return cohort_store_set_group_condition (f->store, group_id, condition, error);
}
