/* test-recalc.c — the condition engine against SPEC §2 and §3
 *
 * Every check builds a real dynamic group over a real SQLite file and
 * compares its members with the names the SPEC says it must have, or with
 * an oracle written in this file from the SPEC's words alone, so that a
 * mistake in cohort-compile.c cannot hide behind the same mistake here.
 *
 * Failures are collected (non-fatal assertions) so that one run lists every
 * rule the engine gets wrong, each with its JSON and the two member lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cohort-error.h"
#include "cohort-import.h"
#include "cohort-recalc.h"
#include "cohort-store.h"

/* 2024-06-01T12:00:00Z, a Saturday; the store's zone is +05:00 so that a
 * date-time without an offset differs from UTC and from +02:00. */
#define NOW ((gint64) 1717243200)
#define DAY ((gint64) 86400)
#define STORE_ZONE "+05:00"

typedef struct
{
  char        *dir;
  CohortStore *store;
  GHashTable  *ids;       /* name → gint64 * */
  GHashTable  *names;     /* gint64 * → name */
  guint        n_groups;
  guint        n_reported;
} Fixture;

/* ---- fixture ----------------------------------------------------------- */

static gint64 *
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

static void
reset_store (Fixture *f)
{
  close_store (f);
  open_store (f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cohort-recalc-XXXXXX", &error);
  g_assert_no_error (error);
  open_store (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_store (f);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* ---- contacts by name --------------------------------------------------- */

static void
remember (Fixture    *f,
          const char *name,
          gint64      id)
{
  g_hash_table_replace (f->ids, g_strdup (name), box_id (id));
  g_hash_table_replace (f->names, box_id (id), g_strdup (name));
}

static void
forget (Fixture *f,
        gint64   id)
{
  const char *name = g_hash_table_lookup (f->names, &id);

  if (name != NULL)
    g_hash_table_remove (f->ids, name);
  g_hash_table_remove (f->names, &id);
}

static gint64
id_of (Fixture    *f,
       const char *name)
{
  gint64 *id = g_hash_table_lookup (f->ids, name);

  if (id == NULL)
    g_error ("the test has no contact named %s", name);
  return *id;
}

static void
set_field (Fixture       *f,
           CohortContact *contact,
           const char    *field,
           const char    *value)
{
  g_autoptr(GError) error = NULL;

  if (!cohort_contact_set_field (contact, field, value, cohort_store_get_timezone (f->store), &error))
    g_error ("%s=%s: %s", field, value, error->message);
}

static gint64
save_contact (Fixture       *f,
              CohortContact *contact)
{
  g_autoptr(GError) error = NULL;

  if (!cohort_store_save_contact (f->store, contact, NULL, &error))
    g_error ("saving %s: %s", cohort_contact_get_email (contact), error->message);
  return cohort_contact_get_id (contact);
}

static CohortContact *
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
static gint64
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

static void
edit_contact (Fixture    *f,
              const char *name,
              const char *field,
              const char *value)
{
  g_autoptr(CohortContact) contact = load_contact (f, name);

  set_field (f, contact, field, value);
  save_contact (f, contact);
}

static void
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

static void
add_activity (Fixture    *f,
              const char *name,
              const char *type,
              gint64      occurred_at)
{
  g_autoptr(GError) error = NULL;

  if (!cohort_store_add_activity (f->store, id_of (f, name), type, occurred_at, NULL, &error))
    g_error ("activity of %s: %s", name, error->message);
}

static void
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

static char *
join_sorted (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (names, i));
  return g_string_free (out, FALSE);
}

static char *
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
static char *
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
static char *
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
static gboolean
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

static gint64
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

static gint64
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

static gint64
create_static (Fixture    *f,
               const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortGroup) group = cohort_group_new (code, code, COHORT_GROUP_STATIC);

  if (!cohort_store_create_group (f->store, group, &error))
    g_error ("creating %s: %s", code, error->message);
  return cohort_group_get_id (group);
}

static CohortGroup *
get_group (Fixture *f,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  CohortGroup *group = cohort_store_get_group (f->store, id, &error);

  if (group == NULL)
    g_error ("loading group #%" G_GINT64_FORMAT ": %s", id, error->message);
  return group;
}

static gint64
member_count (Fixture *f,
              gint64   id)
{
  g_autoptr(CohortGroup) group = get_group (f, id);

  return cohort_group_get_member_count (group);
}

static gboolean
needs_recalculation (Fixture *f,
                     gint64   id)
{
  g_autoptr(CohortGroup) group = get_group (f, id);

  return cohort_group_get_needs_recalculation (group);
}

static GArray *
member_ids (Fixture *f,
            gint64   group_id)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = cohort_store_list_member_ids (f->store, group_id, &error);

  if (ids == NULL)
    g_error ("members of #%" G_GINT64_FORMAT ": %s", group_id, error->message);
  return ids;
}

static char *
members (Fixture *f,
         gint64   group_id)
{
  g_autoptr(GArray) ids = member_ids (f, group_id);

  return names_of_ids (f, (const gint64 *) ids->data, ids->len);
}

static void
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

static gint64
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
static char *
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
static void
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

static void
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

static const char * const twins[][2] = {
  { "=", "!=" },
  { "contains", "doesNotContain" },
  { "beginsWith", "doesNotBeginWith" },
  { "endsWith", "doesNotEndWith" },
  { "in", "notIn" },
  { "null", "notNull" },
  { "between", "notBetween" },
  { "withinLastDays", "notWithinLastDays" },
};

static char *
rule_json (const char *field,
           const char *op,
           const char *value)
{
  if (value == NULL)
    return g_strdup_printf ("{\"field\": \"%s\", \"operator\": \"%s\"}", field, op);
  return g_strdup_printf ("{\"field\": \"%s\", \"operator\": \"%s\", \"value\": %s}", field, op, value);
}

/* The negative twin of a positive rule, or NULL when SPEC gives it none
 * (< <= > >= and atLeast with a count above 1). */
static char *
twin_rule (const char *field,
           const char *op,
           const char *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (twins); i++)
    if (strcmp (op, twins[i][0]) == 0)
      return rule_json (field, twins[i][1], value);

  if (strcmp (op, "atLeast") == 0)
    {
      g_autoptr(JsonNode) node = json_from_string (value, NULL);
      JsonObject *object = json_node_get_object (node);
      g_autofree char *text = NULL;

      if (json_object_get_int_member_with_default (object, "count", 1) != 1)
        return NULL;
      json_object_remove_member (object, "count");
      text = json_to_string (node, FALSE);
      return rule_json (field, "none", text);
    }
  return NULL;
}

/* Checks that the rule matches exactly @expected and that its negative twin
 * and a "not" group around it both match exactly every other contact. */
static void
check_rule (Fixture    *f,
            const char *field,
            const char *op,
            const char *value,
            const char *expected)
{
  g_autofree char *rule = rule_json (field, op, value);
  g_autofree char *twin = twin_rule (field, op, value);
  g_autofree char *json = g_strdup_printf ("{\"combinator\": \"and\", \"rules\": [%s]}", rule);
  g_autofree char *not_json = g_strdup_printf ("{\"combinator\": \"and\", \"not\": true, \"rules\": [%s]}", rule);
  g_autofree char *want = canon (expected);
  g_autofree char *rest = complement (f, want);
  g_autofree char *got = match (f, json);
  g_autofree char *got_not = match (f, not_json);

  expect_same (f, json, got, want);
  expect_same (f, not_json, got_not, rest);
  if (twin != NULL)
    {
      g_autofree char *twin_json = g_strdup_printf ("{\"combinator\": \"or\", \"rules\": [%s]}", twin);
      g_autofree char *got_twin = match (f, twin_json);

      expect_same (f, twin_json, got_twin, rest);
    }
}

/* The engine must refuse @json with COHORT_ERROR_INVALID and a message
 * that names @mention1 and, when given, @mention2. */
static void
check_refused (Fixture     *f,
               const char  *json,
               const char  *mention1,
               const char  *mention2)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create_dynamic (f, NULL, json, &error);

  if (id != 0)
    {
      g_test_message ("ACCEPTED but must be refused: %s", json);
      g_test_fail ();
      return;
    }
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  if (strstr (error->message, mention1) == NULL ||
      (mention2 != NULL && strstr (error->message, mention2) == NULL))
    {
      g_test_message ("%s\n#   refused with “%s”, which does not name “%s”%s%s", json, error->message,
                      mention1, mention2 ? " and " : "", mention2 ? mention2 : "");
      g_test_fail ();
    }
}

/* JSON text for a string, escaped. */
static char *
json_string (const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);

  return json_to_string (node, FALSE);
}

/* What a marketer means by equal text: SPEC §2, written out independently
 * of cohort_text_fold(). */
static char *
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

/* ---- text fields -------------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *value;  /* NULL: never set */
} Sample;

static const Sample places[] = {
  { "plain", "Berlin" },
  { "upper", "BERLIN" },
  { "spaced", "  berlin\t" },
  { "other", "Hamburg" },
  { "longer", "Berlin-Mitte" },
  { "west", "West Berlin" },
  { "missing", NULL },
  { "blank", "   " },
};

/* Gives each sample's contact @value in @field, however that field is set. */
static void
add_samples (Fixture      *f,
             const char   *field,
             const Sample *samples,
             guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      const char *value = samples[i].value != NULL ? samples[i].value : "";

      if (strcmp (field, "account.name") == 0)
        add_contact (f, samples[i].name, "company", value, NULL);
      else if (strcmp (field, "account.industry") == 0)
        {
          g_autofree char *company = g_strdup_printf ("Company of %s", samples[i].name);

          add_contact (f, samples[i].name, "company", company, NULL);
          if (samples[i].value != NULL)
            set_account (f, company, "industry", value);
        }
      else
        add_contact (f, samples[i].name, field, value, NULL);
    }
}

static void
test_text_operators (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const fields[] = {
    "first_name", "last_name", "phone", "job_title", "city", "country",
    "custom.plan", "account.name", "account.industry",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *field = fields[i];

      reset_store (f);
      add_samples (f, field, places, G_N_ELEMENTS (places));

      check_rule (f, field, "=", "\"berlin\"", "plain upper spaced");
      check_rule (f, field, "=", "\"  BERLIN \"", "plain upper spaced");
      check_rule (f, field, "=", "\"Berlin-mitte\"", "longer");
      check_rule (f, field, "=", "\"\"", "missing blank");
      check_rule (f, field, "=", "\"   \"", "missing blank");
      check_rule (f, field, "contains", "\"berlin\"", "plain upper spaced longer west");
      check_rule (f, field, "contains", "\"LIN-M\"", "longer");
      check_rule (f, field, "contains", "\" r \"", "plain upper spaced other longer west");
      check_rule (f, field, "beginsWith", "\"berlin\"", "plain upper spaced longer");
      check_rule (f, field, "beginsWith", "\" WEST \"", "west");
      check_rule (f, field, "endsWith", "\"Berlin\"", "plain upper spaced west");
      check_rule (f, field, "endsWith", "\"MITTE\"", "longer");
      check_rule (f, field, "endsWith", "\"xberlin\"", "");
      check_rule (f, field, "in", "[\"hamburg\", \" BERLIN \"]", "plain upper spaced other");
      check_rule (f, field, "in", "[\"nowhere\"]", "");
      check_rule (f, field, "in", "[\"\", \"hamburg\"]", "other missing blank");
      check_rule (f, field, "null", NULL, "missing blank");
    }
}

static void
test_email_operators (Fixture       *f,
                      gconstpointer  data)
{
  static const Sample emails[] = {
    { "plain", "ann@berlin.de" },
    { "spaced", "  BOB@Berlin.DE " },
    { "other", "cid@hamburg.de" },
    { "longer", "ann@berlin.de.example" },
    { "west", "x.ann@berlin.de" },
    { "missing", NULL },
    { "blank", "  " },
  };

  add_samples (f, "email", emails, G_N_ELEMENTS (emails));
  check_rule (f, "email", "=", "\"ANN@berlin.de\"", "plain");
  check_rule (f, "email", "=", "\" bob@berlin.de\"", "spaced");
  check_rule (f, "email", "=", "\"\"", "missing blank");
  check_rule (f, "email", "contains", "\"@BERLIN.de\"", "plain spaced longer west");
  check_rule (f, "email", "beginsWith", "\"ann@\"", "plain longer");
  check_rule (f, "email", "endsWith", "\"@berlin.de\"", "plain spaced west");
  check_rule (f, "email", "in", "[\"cid@hamburg.de\", \"ANN@BERLIN.DE\"]", "other plain");
  check_rule (f, "email", "null", NULL, "missing blank");
}

/* SPEC: full Unicode case folding of NFC text, so Straße = STRASSE. */
static void
test_text_unicode (Fixture       *f,
                   gconstpointer  data)
{
  add_contact (f, "e_composed", "city", "\xc3\x89vry", NULL);          /* Évry */
  add_contact (f, "e_lower", "city", "\xc3\xa9vry", NULL);             /* évry */
  add_contact (f, "e_decomposed", "city", "E\xcc\x81vry", NULL);       /* E + U+0301 */
  add_contact (f, "s_sharp", "city", "Stra\xc3\x9f" "e", NULL);        /* Straße */
  add_contact (f, "s_upper", "city", "STRASSE", NULL);
  add_contact (f, "s_lower", "city", "strasse", NULL);
  add_contact (f, "o_upper", "city", "\xc3\x98rsted", NULL);           /* Ørsted */
  add_contact (f, "o_lower", "city", "\xc3\xb8rsted", NULL);           /* ørsted */
  add_contact (f, "party", "city", "\xf0\x9f\x8e\x89 Party", NULL);    /* 🎉 Party */
  add_contact (f, "digits", "phone", "12345", NULL);

  check_rule (f, "city", "=", "\"\xc3\xa9vry\"", "e_composed e_lower e_decomposed");
  check_rule (f, "city", "=", "\"E\xcc\x81VRY\"", "e_composed e_lower e_decomposed");
  check_rule (f, "city", "=", "\"stra\xc3\x9f" "e\"", "s_sharp s_upper s_lower");
  check_rule (f, "city", "=", "\"STRASSE\"", "s_sharp s_upper s_lower");
  check_rule (f, "city", "contains", "\"SS\"", "s_sharp s_upper s_lower");
  check_rule (f, "city", "endsWith", "\"\xc3\x9f" "e\"", "s_sharp s_upper s_lower");
  check_rule (f, "city", "beginsWith", "\"\xc3\xa9\"", "e_composed e_lower e_decomposed");
  check_rule (f, "city", "beginsWith", "\"e\xcc\x81v\"", "e_composed e_lower e_decomposed");
  check_rule (f, "city", "=", "\"\xc3\x98RSTED\"", "o_upper o_lower");
  check_rule (f, "city", "in", "[\"\xc3\xb8rsted\", \"strasse\"]", "o_upper o_lower s_sharp s_upper s_lower");
  check_rule (f, "city", "contains", "\"\xf0\x9f\x8e\x89\"", "party");
  check_rule (f, "city", "endsWith", "\"party\"", "party");
  check_rule (f, "phone", "=", "12345", "digits");
}

static void
test_status_operators (Fixture       *f,
                       gconstpointer  data)
{
  add_contact (f, "dflt", NULL);
  add_contact (f, "act", "status", "active", NULL);
  add_contact (f, "ina", "status", "inactive", NULL);
  add_contact (f, "uns", "status", "Unsubscribed", NULL);
  add_contact (f, "bou", "status", "bounced", NULL);

  check_rule (f, "status", "=", "\"active\"", "dflt act");
  check_rule (f, "status", "=", "\" BOUNCED \"", "bou");
  check_rule (f, "status", "in", "[\"inactive\", \"unsubscribed\"]", "ina uns");
  check_rule (f, "status", "in", "[\"bounced\"]", "bou");
  check_refused (f, "{\"combinator\": \"and\", \"rules\": [{\"field\": \"status\", \"operator\": \"=\", \"value\": \"deleted\"}]}",
                 "rules[0].value", NULL);
  check_refused (f, "{\"combinator\": \"and\", \"rules\": [{\"field\": \"status\", \"operator\": \"contains\", \"value\": \"act\"}]}",
                 "rules[0].operator", NULL);
}

/* ---- numbers ------------------------------------------------------------ */

static void
test_integer_operators (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const fields[] = { "score", "account.employees" };
  static const Sample numbers[] = {
    { "zero", "0" },
    { "ten", "10" },
    { "twenty", "20" },
    { "big", "9000000000" },
    { "missing", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gboolean score = i == 0;

      reset_store (f);
      for (guint s = 0; s < G_N_ELEMENTS (numbers); s++)
        {
          const char *value = numbers[s].value != NULL ? numbers[s].value : "";

          if (score)
            add_contact (f, numbers[s].name, "score", value, NULL);
          else
            {
              g_autofree char *company = g_strdup_printf ("Company of %s", numbers[s].name);

              add_contact (f, numbers[s].name, "company", company, NULL);
              set_account (f, company, "employees", value);
            }
        }
      if (score)
        add_contact (f, "negative", "score", "-5", NULL);
      else
        add_contact (f, "negative", NULL);   /* no account at all: missing too */

      check_rule (f, fields[i], "=", "10", "ten");
      check_rule (f, fields[i], "=", "\"10\"", "ten");
      check_rule (f, fields[i], "=", "0", "zero");
      check_rule (f, fields[i], "=", "9000000000", "big");
      check_rule (f, fields[i], "<", "10", score ? "negative zero" : "zero");
      check_rule (f, fields[i], "<=", "10", score ? "negative zero ten" : "zero ten");
      check_rule (f, fields[i], ">", "10", "twenty big");
      check_rule (f, fields[i], ">=", "20", "twenty big");
      check_rule (f, fields[i], ">", "-100", score ? "negative zero ten twenty big" : "zero ten twenty big");
      check_rule (f, fields[i], "between", "[0, 10]", "zero ten");
      check_rule (f, fields[i], "between", "[10, 10]", "ten");
      check_rule (f, fields[i], "between", "[\"11\", \"9000000000\"]", "twenty big");
      check_rule (f, fields[i], "null", NULL, score ? "missing" : "missing negative");
    }
}

/* ---- date-times ---------------------------------------------------------- */

static char *
iso_utc (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (dt, "\"%Y-%m-%dT%H:%M:%SZ\"");
}

static void
add_created (Fixture    *f,
             const char *name,
             gint64      created_at)
{
  g_autoptr(CohortContact) contact = cohort_contact_new ();
  g_autofree char *email = g_strdup_printf ("%s@test.example", name);

  set_field (f, contact, "email", email);
  cohort_contact_set_created_at (contact, created_at);
  remember (f, name, save_contact (f, contact));
}

static void
test_datetime_operators (Fixture       *f,
                         gconstpointer  data)
{
  /* 2024-05-01T00:00:00+05:00 = 2024-04-30T19:00:00Z */
  const gint64 mid = 1714503600;
  g_autofree char *week_ago = iso_utc (NOW - 7 * DAY);
  g_autofree char *now = iso_utc (NOW);
  g_autofree char *range = g_strdup_printf ("[%s, %s]", week_ago, now);

  add_created (f, "exact", NOW - 7 * DAY);
  add_created (f, "before", NOW - 7 * DAY - 1);
  add_created (f, "now", NOW);
  add_created (f, "future", NOW + 1);
  add_created (f, "old", 1704067200);   /* 2024-01-01T00:00:00Z */
  add_created (f, "mid", mid);

  check_rule (f, "created_at", "withinLastDays", "7", "exact now");
  check_rule (f, "created_at", "withinLastDays", "\"7\"", "exact now");
  check_rule (f, "created_at", "withinLastDays", "0", "now");
  check_rule (f, "created_at", "withinLastDays", "365", "exact before now old mid");
  /* no offset: read in the store's zone; a date alone is 00:00 there */
  check_rule (f, "created_at", "<", "\"2024-05-01\"", "old");
  check_rule (f, "created_at", "<=", "\"2024-05-01\"", "old mid");
  check_rule (f, "created_at", "<=", "\"2024-05-01T00:00:00\"", "old mid");
  check_rule (f, "created_at", "<", "\"2024-05-01T00:00:01\"", "old mid");
  check_rule (f, "created_at", "<", "\"2024-04-30T19:00:00Z\"", "old");
  check_rule (f, "created_at", "<=", "\"2024-04-30T19:00:00Z\"", "old mid");
  check_rule (f, "created_at", "<=", "\"2024-04-30T21:00:00+02:00\"", "old mid");
  check_rule (f, "created_at", "<", "\"2024-04-30T21:00:00+02:00\"", "old");
  check_rule (f, "created_at", ">", "\"2024-05-01T00:00:00+05:00\"", "exact before now future");
  check_rule (f, "created_at", ">=", "\"2024-04-30 19:00:00Z\"", "mid exact before now future");
  check_rule (f, "created_at", ">", now, "future");
  check_rule (f, "created_at", "between", "[\"2024-04-30T19:00:00Z\", \"2024-05-01\"]", "mid");
  check_rule (f, "created_at", "between", "[\"2024-01-01T05:00:00+05:00\", \"2024-05-01\"]", "old mid");
  check_rule (f, "created_at", "between", range, "exact now");
  check_rule (f, "created_at", "null", NULL, "");
  check_refused (f, "{\"combinator\": \"and\", \"rules\": [{\"field\": \"created_at\", \"operator\": \"<\", \"value\": \"2024-02-30\"}]}",
                 "rules[0].value", NULL);
  check_refused (f, "{\"combinator\": \"and\", \"rules\": [{\"field\": \"created_at\", \"operator\": \"withinLastDays\", \"value\": -1}]}",
                 "rules[0].value", NULL);
}

/* A range whose ends are written in different zones is in order when read
 * as SPEC says (no offset = the store's zone), whatever UTC would say. */
static void
test_datetime_range_zones (Fixture       *f,
                           gconstpointer  data)
{
  /* "2024-05-01T03:00:00" in +05:00 is 2024-04-30T22:00:00Z */
  add_created (f, "inside", 1714516200);    /* 2024-04-30T22:30:00Z */
  add_created (f, "outside", 1714521600);   /* 2024-05-01T00:00:00Z */

  check_rule (f, "created_at", "between", "[\"2024-05-01T03:00:00\", \"2024-04-30T23:00:00Z\"]", "inside");
}

static void
test_updated_at (Fixture       *f,
                 gconstpointer  data)
{
  gint64 group;

  cohort_store_set_now (f->store, NOW - 10 * DAY);
  add_contact (f, "stale", NULL);
  cohort_store_set_now (f->store, NOW);
  add_contact (f, "fresh", NULL);

  check_rule (f, "updated_at", "withinLastDays", "5", "fresh");
  check_rule (f, "updated_at", "<", "\"2024-05-25\"", "stale");

  group = create_dynamic_or_die (f, "recent", "{\"combinator\": \"and\", \"rules\": [{\"field\": \"updated_at\", \"operator\": \"withinLastDays\", \"value\": 5}]}");
  expect_members (f, group, "fresh", "before the edit");
  edit_contact (f, "stale", "city", "Oslo");
  expect_members (f, group, "fresh stale", "after editing stale now");
}

static void
test_last_activity_at (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *name; gint64 last; } expected[] = {
    { "two", NOW - 2 * DAY }, { "boundary", NOW - 30 * DAY }, { "ahead", NOW + DAY }, { "idle", 0 },
  };

  add_contact (f, "two", NULL);
  add_contact (f, "boundary", NULL);
  add_contact (f, "ahead", NULL);
  add_contact (f, "idle", NULL);
  add_activity (f, "two", "purchase", NOW - 2 * DAY);
  add_activity (f, "two", "page_visit", NOW - 40 * DAY);
  add_activity (f, "boundary", "email_open", NOW - 30 * DAY);
  add_activity (f, "ahead", "webinar", NOW + DAY);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CohortContact) contact = load_contact (f, expected[i].name);
      g_autofree char *what = g_strdup_printf ("last_activity_at of %s", expected[i].name);
      g_autofree char *got = g_strdup_printf ("%" G_GINT64_FORMAT, cohort_contact_get_last_activity_at (contact));
      g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT, expected[i].last);

      expect_same (f, what, got, want);
    }

  check_rule (f, "last_activity_at", "withinLastDays", "30", "two boundary");
  check_rule (f, "last_activity_at", "null", NULL, "idle");
  check_rule (f, "last_activity_at", "<", "\"2024-06-01\"", "two boundary");
  check_rule (f, "last_activity_at", ">", "\"2024-06-01T12:00:00Z\"", "ahead");
  check_rule (f, "last_activity_at", "between", "[\"2024-01-01\", \"2025-01-01\"]", "two boundary ahead");
}

/* ---- tags, groups, activities ------------------------------------------- */

static void
test_tag_operators (Fixture       *f,
                    gconstpointer  data)
{
  add_contact (f, "t_vip", "tags", "VIP;Newsletter", NULL);
  add_contact (f, "t_spaced", "tags", " vip ", NULL);
  add_contact (f, "t_sharp", "tags", "Stra\xc3\x9f" "e", NULL);
  add_contact (f, "t_none", NULL);
  add_contact (f, "t_lead", "tags", "lead;customer", NULL);

  check_rule (f, "tag", "=", "\"vip\"", "t_vip t_spaced");
  check_rule (f, "tag", "=", "\" VIP \"", "t_vip t_spaced");
  check_rule (f, "tag", "=", "\"STRASSE\"", "t_sharp");
  check_rule (f, "tag", "in", "[\"newsletter\", \"LEAD\"]", "t_vip t_lead");
  check_rule (f, "tag", "in", "[\"nothing\"]", "");
  check_rule (f, "tag", "in", "[\"customer\", \"customer\"]", "t_lead");
  check_refused (f, "{\"combinator\": \"and\", \"rules\": [{\"field\": \"tag\", \"operator\": \"contains\", \"value\": \"vi\"}]}",
                 "rules[0].operator", NULL);
}

static void
test_group_operators (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 s1, s2, s3, by_s3;

  add_contact (f, "a", NULL);
  add_contact (f, "b", NULL);
  add_contact (f, "c", NULL);
  add_contact (f, "d", "company", "Acme", NULL);
  add_contact (f, "e", "company", "ACME ", NULL);
  add_contact (f, "child", NULL);
  s1 = create_static (f, "s1");
  s2 = create_static (f, "s2");
  s3 = create_static (f, "s3");
  add_members (f, s1, "a b child");
  add_members (f, s2, "b c");
  add_members (f, s3, "c");
  if (!cohort_store_add_group_account (f->store, s3, account_id (f, "Acme"), &error))
    g_error ("%s", error->message);
  /* The child's manual membership of s1 moves to d. */
  merge (f, "d", "child");
  expect_members (f, s1, "a b d", "after merging child into d");
  expect_members (f, s3, "c d e", "with account Acme");

  check_rule (f, "group", "in", "[\"s1\"]", "a b d");
  check_rule (f, "group", "in", "[\"s1\", \"s2\"]", "a b c d");
  check_rule (f, "group", "in", "[\"s3\"]", "c d e");

  /* Joining the account later makes a member of s3, and of groups using s3. */
  by_s3 = create_dynamic_or_die (f, "by-s3", "{\"combinator\": \"and\", \"rules\": [{\"field\": \"group\", \"operator\": \"in\", \"value\": [\"s3\"]}]}");
  add_contact (f, "late", "company", "acme", NULL);
  expect_members (f, s3, "c d e late", "after late joined Acme");
  expect_members (f, by_s3, "c d e late", "after late joined Acme");
  edit_contact (f, "e", "company", "Globex");
  expect_members (f, s3, "c d late", "after e left Acme");
  expect_members (f, by_s3, "c d late", "after e left Acme");

  check_refused (f, "{\"combinator\": \"and\", \"rules\": [{\"field\": \"group\", \"operator\": \"in\", \"value\": [\"s1\", \"nope\"]}]}",
                 "rules[0].value", "nope");
}

static void
test_activity_operators (Fixture       *f,
                         gconstpointer  data)
{
  add_contact (f, "p1", NULL);
  add_contact (f, "p2", NULL);
  add_contact (f, "p3", NULL);
  add_contact (f, "v1", NULL);
  add_contact (f, "f1", NULL);
  add_contact (f, "n0", NULL);
  add_activity (f, "p1", "purchase", NOW - DAY);
  add_activity (f, "p2", "purchase", NOW - 40 * DAY);
  add_activity (f, "p2", "Purchase", NOW - 10 * DAY);
  add_activity (f, "p3", "purchase", NOW - 30 * DAY);
  add_activity (f, "p3", "page_visit", NOW - DAY);
  add_activity (f, "v1", "page_visit", NOW - 100 * DAY);
  add_activity (f, "f1", "webinar", NOW + DAY);

  check_rule (f, "activity", "atLeast", "{\"type\": \"purchase\", \"count\": 1, \"days\": 30}", "p1 p2 p3");
  check_rule (f, "activity", "atLeast", "{\"type\": \"purchase\", \"count\": 2}", "p2");
  check_rule (f, "activity", "atLeast", "{\"type\": \"purchase\", \"count\": 2, \"days\": 30}", "");
  check_rule (f, "activity", "atLeast", "{\"type\": \"purchase\", \"count\": \"2\", \"days\": 40}", "p2");
  check_rule (f, "activity", "atLeast", "{\"type\": \"purchase\", \"count\": 1}", "p1 p2 p3");
  check_rule (f, "activity", "atLeast", "{\"type\": \"purchase\", \"count\": 1, \"days\": 0}", "");
  check_rule (f, "activity", "atLeast", "{\"type\": \"*\", \"count\": 1, \"days\": 1}", "p1 p3");
  check_rule (f, "activity", "atLeast", "{\"type\": \"*\", \"count\": 2}", "p2 p3");
  check_rule (f, "activity", "atLeast", "{\"type\": \"*\", \"count\": 3}", "");
  check_rule (f, "activity", "atLeast", "{\"type\": \"*\", \"count\": 1}", "p1 p2 p3 v1 f1");
  check_rule (f, "activity", "atLeast", "{\"type\": \"webinar\", \"count\": 1, \"days\": 30}", "");
  check_rule (f, "activity", "atLeast", "{\"type\": \"Page_Visit\", \"count\": 1, \"days\": 365}", "p3 v1");
  /* "none" directly, not only as the twin of atLeast above */
  check_rule (f, "activity", "atLeast", "{\"type\": \"email_open\", \"count\": 1}", "");
  check_refused (f, "{\"combinator\": \"and\", \"rules\": [{\"field\": \"activity\", \"operator\": \"atLeast\", \"value\": {\"type\": \"purchase\", \"count\": 0}}]}",
                 "rules[0].value", NULL);
}

/* SPEC §1/§2: a merged child is in no group and matches nothing; the parent
 * gets its empty fields, its tags and its activities. */
static void
test_merged_contacts (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 everyone;

  add_contact (f, "parent", "city", "Paris", NULL);
  add_contact (f, "child", "city", "Rome", "phone", "123", "tags", "vip", "score", "5", "custom.plan", "gold", NULL);
  add_contact (f, "other", NULL);
  add_activity (f, "child", "purchase", NOW - DAY);
  everyone = create_dynamic_or_die (f, "everyone", "{\"combinator\": \"and\", \"not\": true, \"rules\": [{\"field\": \"city\", \"operator\": \"=\", \"value\": \"Nowhere\"}]}");
  expect_members (f, everyone, "parent child other", "before the merge");
  merge (f, "parent", "child");
  expect_members (f, everyone, "parent other", "after the merge");

  check_rule (f, "city", "=", "\"rome\"", "");
  check_rule (f, "city", "=", "\"paris\"", "parent");
  check_rule (f, "phone", "=", "\"123\"", "parent");
  check_rule (f, "tag", "=", "\"vip\"", "parent");
  check_rule (f, "score", "=", "5", "parent");
  check_rule (f, "custom.plan", "=", "\"GOLD\"", "parent");
  check_rule (f, "activity", "atLeast", "{\"type\": \"purchase\", \"count\": 1, \"days\": 7}", "parent");
  check_rule (f, "last_activity_at", "withinLastDays", "7", "parent");
  check_rule (f, "email", "null", NULL, "");
  g_assert_cmpint (cohort_store_count_contacts (f->store, &error), ==, 2);
  g_assert_no_error (error);
}

/* ---- SQL and pattern characters are plain text -------------------------- */

static const char * const corpus[] = {
  "O'Brien", "say \"hi\"", "100%", "100 percent", "a_b", "axb", "x--y", "a;b",
  "back\\slash", "') OR 1=1 --", "bell\x07ring", "\xf0\x9f\x8e\x89 party", "plain",
  "%", "_", "*", "?", "[a]",
};

typedef gboolean (*TextTest) (const char *haystack, const char *needle);

static gboolean
text_equal (const char *haystack,
            const char *needle)
{
  return strcmp (haystack, needle) == 0;
}

static gboolean
text_contains (const char *haystack,
               const char *needle)
{
  return strstr (haystack, needle) != NULL;
}

static gboolean
text_begins (const char *haystack,
             const char *needle)
{
  return g_str_has_prefix (haystack, needle);
}

static gboolean
text_ends (const char *haystack,
           const char *needle)
{
  return g_str_has_suffix (haystack, needle);
}

static void
test_injection_corpus (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *op; TextTest test; } ops[] = {
    { "=", text_equal }, { "contains", text_contains },
    { "beginsWith", text_begins }, { "endsWith", text_ends },
  };
  static const char * const fields[] = { "last_name", "custom.note" };

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *name = g_strdup_printf ("q%02u", i);
      g_autoptr(CohortContact) contact = NULL;

      add_contact (f, name, "last_name", corpus[i], "custom.note", corpus[i], NULL);
      contact = load_contact (f, name);
      cohort_contact_add_tag (contact, corpus[i]);
      save_contact (f, contact);
    }

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *needle = oracle_fold (corpus[i]);
      g_autofree char *value = json_string (corpus[i]);
      g_autofree char *list = g_strdup_printf ("[%s, \"nothing at all\"]", value);
      g_autofree char *self = g_strdup_printf ("q%02u", i);

      for (guint o = 0; o < G_N_ELEMENTS (ops); o++)
        {
          g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *names = NULL;

          for (guint j = 0; j < G_N_ELEMENTS (corpus); j++)
            {
              g_autofree char *haystack = oracle_fold (corpus[j]);

              if (ops[o].test (haystack, needle))
                g_ptr_array_add (expected, g_strdup_printf ("q%02u", j));
            }
          names = join_sorted (expected);
          for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
            check_rule (f, fields[k], ops[o].op, value, names);
        }
      check_rule (f, "last_name", "in", list, self);
      check_rule (f, "tag", "=", value, self);
      check_rule (f, "tag", "in", list, self);
    }

  /* The ones a LIKE or GLOB would get wrong, spelled out. */
  check_rule (f, "last_name", "contains", "\"%\"", "q02 q13");
  check_rule (f, "last_name", "contains", "\"_\"", "q04 q14");
  check_rule (f, "last_name", "=", "\"a_b\"", "q04");
  check_rule (f, "last_name", "contains", "\"'\"", "q00 q09");
  check_rule (f, "last_name", "=", "\"') OR 1=1 --\"", "q09");
  check_rule (f, "last_name", "beginsWith", "\"*\"", "q15");
  check_rule (f, "last_name", "contains", "\"[a]\"", "q17");
}

/* ---- the size limit ------------------------------------------------------ */

/* SPEC §2 allows 1000 conditions in a tree, all in one group included. */
static void
test_thousand_rules (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const shapes[][3] = {
    /* combinator, operator, who matches */
    { "or", "=", "c0500 c0999" },
    { "and", "!=", "other" },
  };

  add_contact (f, "c0999", "city", "c999", NULL);
  add_contact (f, "c0500", "city", "C500", NULL);
  add_contact (f, "other", "city", "elsewhere", NULL);
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr(GString) json = g_string_new (NULL);
      g_autofree char *got = NULL;
      g_autofree char *what = NULL;

      g_string_append_printf (json, "{\"combinator\": \"%s\", \"rules\": [", shapes[s][0]);
      for (guint i = 0; i < 1000; i++)
        g_string_append_printf (json, "%s{\"field\": \"city\", \"operator\": \"%s\", \"value\": \"c%u\"}",
                                i > 0 ? ", " : "", shapes[s][1], i);
      g_string_append (json, "]}");
      got = match (f, json->str);
      what = g_strdup_printf ("a group of 1000 “%s” rules joined by %s", shapes[s][1], shapes[s][0]);
      expect_same (f, what, got, shapes[s][2]);
    }
}

/* ---- references between groups ------------------------------------------ */

#define GROUP_RULE(op, code) \
  "{\"field\": \"group\", \"operator\": \"" op "\", \"value\": [\"" code "\"]}"
#define CITY_RULE(city) \
  "{\"field\": \"city\", \"operator\": \"=\", \"value\": \"" city "\"}"

static CohortCondition *
parse_condition (const char *json)
{
  g_autoptr(GError) error = NULL;
  CohortCondition *condition = cohort_condition_parse (json, -1, &error);

  if (condition == NULL)
    g_error ("%s: %s", json, error->message);
  return condition;
}

static gboolean
set_condition (Fixture     *f,
               gint64       group_id,
               const char  *json,
               GError     **error)
{
  g_autoptr(CohortCondition) condition = parse_condition (json);

  return cohort_store_set_group_condition (f->store, group_id, condition, error);
}

static void
expect_set_condition_refused (Fixture    *f,
                              gint64      group_id,
                              const char *json,
                              const char *mention1,
                              const char *mention2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortGroup) before = get_group (f, group_id);
  g_autoptr(CohortGroup) after = NULL;

  if (set_condition (f, group_id, json, &error))
    {
      g_test_message ("ACCEPTED but must be refused: %s", json);
      g_test_fail ();
      return;
    }
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  if (strstr (error->message, mention1) == NULL || (mention2 && strstr (error->message, mention2) == NULL))
    {
      g_test_message ("%s\n#   refused with “%s”, which does not name “%s”%s%s", json, error->message,
                      mention1, mention2 ? " and " : "", mention2 ? mention2 : "");
      g_test_fail ();
    }
  after = get_group (f, group_id);
  g_assert_cmpstr (cohort_group_get_condition_json (after), ==, cohort_group_get_condition_json (before));
  g_assert_cmpint (cohort_group_get_needs_recalculation (after), ==,
                   cohort_group_get_needs_recalculation (before));
}

static void
expect_delete_refused (Fixture    *f,
                       gint64      group_id,
                       const char *user)
{
  g_autoptr(GError) error = NULL;

  if (cohort_store_delete_group (f->store, group_id, &error))
    {
      g_test_message ("deleting group #%" G_GINT64_FORMAT " used by %s was allowed", group_id, user);
      g_test_fail ();
      return;
    }
  g_assert_nonnull (error);
  if (error != NULL && strstr (error->message, user) == NULL)
    {
      g_test_message ("refusing to delete names no user: “%s” (expected %s)", error->message, user);
      g_test_fail ();
    }
}

static void
test_cycles_and_unknown_groups (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortGroup) missing = NULL;
  gint64 a, b, c;

  add_contact (f, "ann", "city", "Berlin", NULL);

  check_refused (f, "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "g1") "]}", "g1", "rules[0]");
  missing = cohort_store_find_group (f->store, "g1", &error);
  g_assert_null (missing);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  a = create_dynamic_or_die (f, "a", "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Berlin") "]}");
  b = create_dynamic_or_die (f, "b", "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "a") "]}");
  c = create_dynamic_or_die (f, "c", "{\"combinator\": \"or\", \"rules\": [" CITY_RULE ("x") ", "
                                      "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "b") "]}]}");
  expect_members (f, c, "ann", "through b and a");

  /* A group referencing itself, directly or through others. */
  expect_set_condition_refused (f, a, "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("notIn", "a") "]}",
                                "a → a", "rules[0]");
  expect_set_condition_refused (f, a, "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "b") "]}",
                                "a → b → a", "rules[0]");
  expect_set_condition_refused (f, a, "{\"combinator\": \"or\", \"rules\": [" CITY_RULE ("x") ", "
                                      "{\"combinator\": \"and\", \"not\": true, \"rules\": [" GROUP_RULE ("notIn", "c") "]}]}",
                                "a → c → b → a", "rules[1].rules[0]");
  expect_set_condition_refused (f, a, "{\"combinator\": \"or\", \"rules\": [" CITY_RULE ("x") ", "
                                      "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "nope") "]}]}",
                                "nope", "rules[1].rules[0].value");

  /* Referenced groups cannot go; they can once nothing uses them. A new
   * condition that drops the reference takes effect when the group is
   * recalculated: until then its members still follow the old one. */
  expect_delete_refused (f, a, "b");
  expect_delete_refused (f, b, "c");
  if (!set_condition (f, c, "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Berlin") "]}", &error))
    g_error ("%s", error->message);
  expect_delete_refused (f, b, "c");
  if (!cohort_store_recalculate_group (f->store, c, NULL, NULL, NULL, NULL, NULL, &error) ||
      !cohort_store_delete_group (f->store, b, &error) ||
      !cohort_store_delete_group (f->store, a, &error))
    {
      g_test_message ("deleting after the references were gone: %s", error->message);
      g_test_fail ();
    }
}

/* ---- recalculation, cancel, progress ------------------------------------ */

typedef struct
{
  GCancellable *cancel_on_call;  /* cancelled at the first report */
  guint         calls;
  double        last;
  gboolean      backwards;
} Progress;

static void
progress_cb (double   fraction,
             gpointer data)
{
  Progress *p = data;

  if (p->calls++ > 0 && fraction < p->last)
    p->backwards = TRUE;
  if (fraction < 0.0 || fraction > 1.0)
    p->backwards = TRUE;
  p->last = fraction;
  if (p->cancel_on_call != NULL)
    g_cancellable_cancel (p->cancel_on_call);
}

static void
expect_same_ids (Fixture    *f,
                 const char *what,
                 GArray     *got,
                 GArray     *want)
{
  g_autofree char *got_names = names_of_ids (f, (const gint64 *) got->data, got->len);
  g_autofree char *want_names = names_of_ids (f, (const gint64 *) want->data, want->len);

  expect_same (f, what, got_names, want_names);
}

static void
expect_cancelled_recalculation (Fixture      *f,
                                gint64        group_id,
                                GCancellable *cancellable,
                                Progress     *progress,
                                const char   *how)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = member_ids (f, group_id);
  g_autoptr(GArray) after = NULL;
  g_autoptr(CohortGroup) group = NULL;
  gint64 added = -1, removed = -1;
  gboolean ok;

  ok = cohort_store_recalculate_group (f->store, group_id, cancellable,
                                       progress ? progress_cb : NULL, progress,
                                       &added, &removed, &error);
  if (ok)
    {
      g_test_message ("recalculation %s was not cancelled (+%" G_GINT64_FORMAT " -%" G_GINT64_FORMAT ")",
                      how, added, removed);
      g_test_fail ();
    }
  else
    g_assert_error (error, COHORT_ERROR, COHORT_ERROR_CANCELLED);
  after = member_ids (f, group_id);
  expect_same_ids (f, how, after, before);
  group = get_group (f, group_id);
  g_assert_true (cohort_group_get_needs_recalculation (group));
}

static void
write_bulk_csv (Fixture    *f,
                const char *path,
                guint       n)
{
  g_autoptr(GString) csv = g_string_new ("email,city,company,score,tags\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "bulk%u@test.example,%s,%s,%u,%s\n", i,
                            i % 2 ? "Munich" : "Berlin", i < 2100 ? "Bulk" : "",
                            i % 100, i % 3 == 0 ? "vip" : "lead");
  if (!g_file_set_contents (path, csv->str, csv->len, &error))
    g_error ("%s", error->message);
}

static void
import_bulk (Fixture *f,
             guint    n)
{
  g_autoptr(CohortImportReport) report = cohort_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "bulk.csv", NULL);

  write_bulk_csv (f, path, n);
  if (!cohort_import_contacts (f->store, path, NULL, 0, FALSE, NULL, NULL, NULL, report, &error))
    g_error ("importing: %s", error->message);
  g_assert_cmpuint (report->created, ==, n);
  g_remove (path);
}

static void
test_recalculate_cancel (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { NULL, 0, 0.0, FALSE };
  gint64 id, added = -1, removed = -1;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%02u", i);
      add_contact (f, name, "city", i % 2 ? "Munich" : "Berlin", NULL);
    }
  id = create_dynamic_or_die (f, "town", "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Berlin") "]}");
  g_assert_cmpint (member_count (f, id), ==, 20);

  /* A new condition leaves the members alone until recalculated. */
  g_assert_true (set_condition (f, id, "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("munich") "]}", &error));
  g_assert_no_error (error);
  group = get_group (f, id);
  g_assert_true (cohort_group_get_needs_recalculation (group));
  g_assert_nonnull (strstr (cohort_group_get_condition_json (group), "munich"));
  expect_members (f, id, "c00 c02 c04 c06 c08 c10 c12 c14 c16 c18 c20 c22 c24 c26 c28 c30 c32 c34 c36 c38",
                  "after set_condition");

  g_cancellable_cancel (cancelled);
  expect_cancelled_recalculation (f, id, cancelled, NULL, "with a cancellable cancelled before it started");

  g_assert_true (cohort_store_recalculate_group (f->store, id, NULL, progress_cb, &progress,
                                                 &added, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, 20);
  g_assert_cmpint (removed, ==, 20);
  g_assert_false (progress.backwards);
  g_assert_cmpuint (progress.calls, >, 0);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  expect_members (f, id, "c01 c03 c05 c07 c09 c11 c13 c15 c17 c19 c21 c23 c25 c27 c29 c31 c33 c35 c37 c39",
                  "after recalculation");
  g_clear_object (&group);
  group = get_group (f, id);
  g_assert_false (cohort_group_get_needs_recalculation (group));
  g_assert_cmpint (cohort_group_get_last_recalculated_at (group), ==, NOW);

  /* Nothing to do the second time. */
  g_assert_true (cohort_store_recalculate_group (f->store, id, NULL, NULL, NULL, &added, &removed, &error));
  g_assert_cmpint (added, ==, 0);
  g_assert_cmpint (removed, ==, 0);
}

/* SPEC §3: after a condition changes, the members stay as they were until
 * the group is recalculated, whatever happens to the contacts meanwhile. */
static void
test_set_condition_holds_members (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  add_contact (f, "a", "city", "Berlin", NULL);
  add_contact (f, "b", "city", "Munich", NULL);
  id = create_dynamic_or_die (f, "town", "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Berlin") "]}");
  g_assert_true (set_condition (f, id, "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Munich") "]}", &error));
  expect_members (f, id, "a", "right after set_condition");
  edit_contact (f, "b", "score", "1");
  expect_members (f, id, "a", "after editing b, before recalculation");
  edit_contact (f, "a", "score", "1");
  expect_members (f, id, "a", "after editing a, before recalculation");
  add_contact (f, "c", "city", "Munich", NULL);
  expect_members (f, id, "a", "after adding c, before recalculation");
  g_assert_true (needs_recalculation (f, id));

  g_assert_true (cohort_store_recalculate_group (f->store, id, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  expect_members (f, id, "b c", "after recalculation");
  edit_contact (f, "a", "city", "munich");
  expect_members (f, id, "a b c", "after a moved to Munich, recalculated");
}

static void
test_recalculate_cancel_from_progress (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress progress = { cancellable, 0, 0.0, FALSE };
  gint64 id, added = -1, removed = -1;

  import_bulk (f, 3000);
  id = create_dynamic_or_die (f, "town", "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Berlin") "]}");
  g_assert_cmpint (member_count (f, id), ==, 1500);
  g_assert_true (set_condition (f, id, "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Munich") "]}", &error));

  expect_cancelled_recalculation (f, id, cancellable, &progress, "cancelled from its first progress report");
  g_assert_cmpuint (progress.calls, >, 0);

  g_assert_true (cohort_store_recalculate_group (f->store, id, NULL, NULL, NULL, &added, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, 1500);
  g_assert_cmpint (removed, ==, 1500);
  expect_member_count (f, id, "after recalculating 3000 contacts");
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  gint64    added;
  gint64    removed;
  GError   *error;
  GThread  *thread;
  gboolean  progress_off_thread;
  guint     progress_calls;
} AsyncRecalc;

static void
async_progress_cb (double   fraction,
                   gpointer data)
{
  AsyncRecalc *state = data;

  state->progress_calls++;
  if (g_thread_self () != state->thread)
    state->progress_off_thread = TRUE;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  AsyncRecalc *state = data;

  state->ok = cohort_store_recalculate_group_finish (COHORT_STORE (source), result,
                                                     &state->added, &state->removed, &state->error);
  state->done = TRUE;
}

static void
run_async_recalculation (Fixture      *f,
                         gint64        id,
                         GCancellable *cancellable,
                         AsyncRecalc  *state)
{
  state->thread = g_thread_self ();
  cohort_store_recalculate_group_async (f->store, id, cancellable, async_progress_cb, state, NULL,
                                        async_done_cb, state);
  while (!state->done)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_recalculate_async (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  AsyncRecalc first = { 0 }, second = { 0 };
  gint64 id;

  import_bulk (f, 600);
  id = create_dynamic_or_die (f, "town", "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Berlin") "]}");
  g_assert_true (set_condition (f, id, "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Munich") "]}", &error));

  before = member_ids (f, id);
  g_cancellable_cancel (cancelled);
  run_async_recalculation (f, id, cancelled, &first);
  if (first.ok)
    {
      g_test_message ("an asynchronous recalculation with a cancelled cancellable went ahead");
      g_test_fail ();
    }
  else
    g_assert_error (first.error, COHORT_ERROR, COHORT_ERROR_CANCELLED);
  g_clear_error (&first.error);
  after = member_ids (f, id);
  expect_same_ids (f, "after a cancelled asynchronous recalculation", after, before);
  g_assert_true (needs_recalculation (f, id));

  run_async_recalculation (f, id, NULL, &second);
  g_assert_no_error (second.error);
  g_assert_true (second.ok);
  g_assert_cmpint (second.added, ==, 300);
  g_assert_cmpint (second.removed, ==, 300);
  g_assert_false (second.progress_off_thread);
  g_assert_cmpuint (second.progress_calls, >, 0);
  g_assert_false (needs_recalculation (f, id));
  expect_member_count (f, id, "after an asynchronous recalculation");
}

/* ---- explain and live counts --------------------------------------------- */

static void
test_explain (Fixture       *f,
              gconstpointer  data)
{
  static const char *json =
    "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Berlin") ", "
    "{\"combinator\": \"or\", \"not\": true, \"rules\": ["
    "{\"field\": \"tag\", \"operator\": \"=\", \"value\": \"vip\"}, "
    "{\"field\": \"score\", \"operator\": \">\", \"value\": 50}]}]}";
  static const struct { const char *path; guint depth; gboolean ann, bob; } expected[] = {
    { "", 0, TRUE, FALSE },
    { "rules[0]", 1, TRUE, FALSE },
    { "rules[1]", 1, TRUE, FALSE },
    { "rules[1].rules[0]", 2, FALSE, TRUE },
    { "rules[1].rules[1]", 2, FALSE, FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ann = NULL;
  g_autoptr(GPtrArray) bob = NULL;
  g_autoptr(GPtrArray) merged = NULL;
  gint64 id;

  add_contact (f, "ann", "city", "berlin ", "tags", "lead", "score", "10", NULL);
  add_contact (f, "bob", "city", "Munich", "tags", "VIP", NULL);
  add_contact (f, "twin", "city", "Berlin", NULL);
  id = create_dynamic_or_die (f, "explained", json);
  expect_members (f, id, "ann twin", "with the explained condition");
  merge (f, "bob", "twin");

  ann = cohort_store_explain (f->store, id, id_of (f, "ann"), &error);
  g_assert_no_error (error);
  bob = cohort_store_explain (f->store, id, id_of (f, "bob"), &error);
  g_assert_no_error (error);
  if (ann == NULL || bob == NULL)
    return;
  g_assert_cmpuint (ann->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (bob->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < MIN (ann->len, G_N_ELEMENTS (expected)); i++)
    {
      CohortExplainLine *a = g_ptr_array_index (ann, i);
      CohortExplainLine *b = g_ptr_array_index (bob, i);

      g_assert_cmpstr (a->path, ==, expected[i].path);
      g_assert_cmpuint (a->depth, ==, expected[i].depth);
      g_assert_cmpint (a->result, ==, expected[i].ann);
      g_assert_cmpint (b->result, ==, expected[i].bob);
      g_assert_true (a->description != NULL && a->description[0] != '\0');
    }

  /* The merged twin met the condition before; merged, it meets nothing. */
  merged = cohort_store_explain (f->store, id, id_of (f, "twin"), &error);
  g_assert_no_error (error);
  if (merged != NULL && merged->len > 0)
    g_assert_false (((CohortExplainLine *) g_ptr_array_index (merged, 0))->result);
}

static void
test_count_matches (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CohortCondition) vip = parse_condition ("{\"combinator\": \"and\", \"rules\": [{\"field\": \"tag\", \"operator\": \"=\", \"value\": \"vip\"}]}");
  g_autoptr(CohortCondition) unknown = parse_condition ("{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "nope") "]}");
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, matches = -1, joining = -1, leaving = -1;

  add_contact (f, "a", "city", "Berlin", NULL);
  add_contact (f, "b", "city", "Berlin", "tags", "vip", NULL);
  add_contact (f, "c", "tags", "VIP", NULL);
  add_contact (f, "d", "tags", "vip", NULL);
  add_contact (f, "e", NULL);
  add_contact (f, "m", "tags", "vip", NULL);
  merge (f, "e", "m");
  id = create_dynamic_or_die (f, "berlin", "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Berlin") "]}");

  g_assert_true (cohort_store_count_matches (f->store, vip, id, 2, NULL, &matches, &joining, &leaving, &samples, &error));
  g_assert_no_error (error);
  g_assert_cmpint (matches, ==, 4);   /* b c d, and e through the merge */
  g_assert_cmpint (joining, ==, 3);
  g_assert_cmpint (leaving, ==, 1);
  g_assert_cmpuint (samples->len, ==, 2);
  for (guint i = 0; i < samples->len; i++)
    {
      gint64 sample = g_array_index (samples, gint64, i);
      g_assert_true (sample == id_of (f, "b") || sample == id_of (f, "c") ||
                     sample == id_of (f, "d") || sample == id_of (f, "e"));
    }
  g_clear_pointer (&samples, g_array_unref);

  g_assert_true (cohort_store_count_matches (f->store, vip, 0, 10, NULL, &matches, &joining, &leaving, &samples, &error));
  g_assert_cmpint (matches, ==, 4);
  g_assert_cmpint (joining, ==, 0);
  g_assert_cmpint (leaving, ==, 0);
  g_assert_cmpuint (samples->len, ==, 4);

  g_assert_false (cohort_store_count_matches (f->store, unknown, 0, 0, NULL, &matches, NULL, NULL, NULL, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_clear_error (&error);

  g_cancellable_cancel (cancelled);
  if (cohort_store_count_matches (f->store, vip, id, 0, cancelled, &matches, NULL, NULL, NULL, &error))
    {
      g_test_message ("count_matches with a cancelled cancellable counted anyway");
      g_test_fail ();
    }
  else
    g_assert_error (error, COHORT_ERROR, COHORT_ERROR_CANCELLED);
}

/* ---- incremental refresh, by hand ---------------------------------------- */

static void
test_incremental_references (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 s, d1, d2, d3, all[4];

  add_contact (f, "a", NULL);
  add_contact (f, "b", "tags", "vip", NULL);
  add_contact (f, "c", NULL);
  add_contact (f, "d", "company", "Initech", "tags", "vip", NULL);
  s = create_static (f, "s");
  add_members (f, s, "a");
  d1 = create_dynamic_or_die (f, "d1", "{\"combinator\": \"or\", \"rules\": [" GROUP_RULE ("in", "s") ", " CITY_RULE ("Paris") "]}");
  d2 = create_dynamic_or_die (f, "d2", "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "d1") ", {\"field\": \"tag\", \"operator\": \"=\", \"value\": \"vip\"}]}");
  d3 = create_dynamic_or_die (f, "d3", "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("notIn", "d2") "]}");
  all[0] = s, all[1] = d1, all[2] = d2, all[3] = d3;

#define EXPECT(when, ms, m1, m2, m3) G_STMT_START { \
    expect_members (f, all[0], ms, when); expect_members (f, all[1], m1, when); \
    expect_members (f, all[2], m2, when); expect_members (f, all[3], m3, when); } G_STMT_END

  EXPECT ("at the start", "a", "a", "", "a b c d");
  add_members (f, s, "b");
  EXPECT ("after adding b to s", "a b", "a b", "b", "a c d");
  add_contact (f, "p", "city", "Paris", "tags", "vip", NULL);
  EXPECT ("after adding p from Paris", "a b", "a b p", "b p", "a c d");
  edit_contact (f, "p", "tags", "");
  EXPECT ("after p lost its tag", "a b", "a b p", "b", "a c d p");
  {
    gint64 b = id_of (f, "b");
    if (!cohort_store_remove_members (f->store, s, &b, 1, &error))
      g_error ("%s", error->message);
  }
  EXPECT ("after removing b from s", "a", "a p", "", "a b c d p");
  if (!cohort_store_add_group_account (f->store, s, account_id (f, "Initech"), &error))
    g_error ("%s", error->message);
  EXPECT ("after adding Initech to s", "a d", "a d p", "d", "a b c p");
  add_activity (f, "c", "purchase", NOW);
  merge (f, "a", "b");   /* a takes b's tag vip */
  EXPECT ("after merging b into a", "a d", "a d p", "a d", "c p");
  merge (f, "c", "d");   /* d's manual-less account membership does not move; c takes its account */
  EXPECT ("after merging d into c", "a c", "a c p", "a c", "p");
  {
    gint64 c = id_of (f, "c");
    if (!cohort_store_delete_contacts (f->store, &c, 1, &error))
      g_error ("%s", error->message);
    forget (f, c);
  }
  EXPECT ("after deleting c", "a", "a p", "a", "p");

  /* d1 recalculated on a new condition: d2 and d3 follow for those who moved. */
  g_assert_true (set_condition (f, d1, "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Paris") "]}", &error));
  EXPECT ("after set_condition on d1", "a", "a p", "a", "p");
  g_assert_true (cohort_store_recalculate_group (f->store, d1, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  EXPECT ("after recalculating d1", "a", "p", "", "a p");
  edit_contact (f, "p", "tags", "VIP");
  EXPECT ("after p is vip again", "a", "p", "p", "a");
#undef EXPECT
}

static char *
group_codes (Fixture *f,
             GArray  *ids)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CohortGroup) group = get_group (f, g_array_index (ids, gint64, i));
      g_ptr_array_add (codes, g_strdup (cohort_group_get_code (group)));
    }
  return join_sorted (codes);
}

/* The joined/left report of a save names every group the contact entered
 * or left, static groups through an account included. */
static void
test_membership_changes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CohortMembershipChanges) changes = NULL;
  g_autoptr(CohortContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *left = NULL;
  gint64 s;

  add_contact (f, "a", "company", "Acme", NULL);
  s = create_static (f, "s");
  if (!cohort_store_add_group_account (f->store, s, account_id (f, "Acme"), &error))
    g_error ("%s", error->message);
  create_dynamic_or_die (f, "by-s", "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "s") "]}");
  create_dynamic_or_die (f, "paris", "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Paris") "]}");

  contact = cohort_contact_new ();
  set_field (f, contact, "email", "b@test.example");
  set_field (f, contact, "company", "ACME");
  set_field (f, contact, "city", "Paris");
  g_assert_true (cohort_store_save_contact (f->store, contact, &changes, &error));
  g_assert_no_error (error);
  joined = group_codes (f, changes->joined);
  left = group_codes (f, changes->left);
  expect_same (f, "groups b joined on creation", joined, "by-s paris s");
  expect_same (f, "groups b left on creation", left, "");
  g_clear_pointer (&changes, cohort_membership_changes_free);
  g_clear_pointer (&joined, g_free);
  g_clear_pointer (&left, g_free);

  set_field (f, contact, "company", "");
  g_assert_true (cohort_store_save_contact (f->store, contact, &changes, &error));
  joined = group_codes (f, changes->joined);
  left = group_codes (f, changes->left);
  expect_same (f, "groups b joined on leaving Acme", joined, "");
  expect_same (f, "groups b left on leaving Acme", left, "by-s s");
}

/* The app and cohort-cli use one file at the same time (SPEC §5): a group
 * made or changed on one connection is kept right by the other. */
static void
test_two_connections (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "cohort.db", NULL);
  g_autoptr(CohortStore) other = cohort_store_open (path, &error);
  g_autoptr(CohortContact) contact = cohort_contact_new ();
  g_autoptr(CohortContact) second = cohort_contact_new ();
  gint64 id;

  g_assert_no_error (error);
  cohort_store_set_now (other, NOW);
  add_contact (f, "a", "city", "Berlin", NULL);
  /* The other connection compiles its (empty) plan before the group exists. */
  set_field (f, contact, "email", "b@test.example");
  set_field (f, contact, "city", "Oslo");
  g_assert_true (cohort_store_save_contact (other, contact, NULL, &error));
  remember (f, "b", cohort_contact_get_id (contact));

  id = create_dynamic_or_die (f, "berlin", "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Berlin") "]}");
  set_field (f, contact, "city", "Berlin");
  g_assert_true (cohort_store_save_contact (other, contact, NULL, &error));
  expect_members (f, id, "a b", "after the other connection moved b to Berlin");

  g_assert_true (set_condition (f, id, "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Oslo") "]}", &error));
  g_assert_true (cohort_store_recalculate_group (f->store, id, NULL, NULL, NULL, NULL, NULL, &error));
  expect_members (f, id, "", "after recalculating on Oslo");
  set_field (f, second, "email", "c@test.example");
  set_field (f, second, "city", "oslo");
  g_assert_true (cohort_store_save_contact (other, second, NULL, &error));
  remember (f, "c", cohort_contact_get_id (second));
  expect_members (f, id, "c", "after the other connection added c in Oslo");

  /* Deleted there, this connection's next save must not use it. */
  g_assert_true (cohort_store_delete_group (other, id, &error));
  g_assert_no_error (error);
  add_contact (f, "d", "city", "Oslo", NULL);
}

/* More than 2000 touched contacts take the statement-wide (SCAN) path. */
static void
test_incremental_bulk (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 everyone, berlin, vip, ref, s, by_s, retail, big;

  everyone = create_dynamic_or_die (f, "everyone", "{\"combinator\": \"and\", \"not\": true, \"rules\": [" CITY_RULE ("nowhere") "]}");
  berlin = create_dynamic_or_die (f, "berlin", "{\"combinator\": \"and\", \"rules\": [" CITY_RULE ("Berlin") "]}");
  vip = create_dynamic_or_die (f, "vip", "{\"combinator\": \"and\", \"rules\": [{\"field\": \"tag\", \"operator\": \"=\", \"value\": \"vip\"}]}");
  ref = create_dynamic_or_die (f, "ref", "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "berlin") ", {\"field\": \"score\", \"operator\": \">=\", \"value\": 50}]}");
  s = create_static (f, "s");
  by_s = create_dynamic_or_die (f, "by-s", "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "s") "]}");
  retail = create_dynamic_or_die (f, "retail", "{\"combinator\": \"and\", \"rules\": [{\"field\": \"account.industry\", \"operator\": \"=\", \"value\": \"retail\"}]}");
  big = create_dynamic_or_die (f, "big", "{\"combinator\": \"and\", \"rules\": [{\"field\": \"activity\", \"operator\": \"atLeast\", \"value\": {\"type\": \"*\", \"count\": 1}}]}");

  import_bulk (f, 2500);
  /* even rows are in Berlin; score = row % 100; every third row is vip */
  {
    g_autoptr(GArray) b = member_ids (f, berlin);
    g_autoptr(GArray) v = member_ids (f, vip);
    g_autoptr(GArray) r = member_ids (f, ref);
    g_autoptr(GArray) n = member_ids (f, big);
    guint want_ref = 0;

    for (guint i = 0; i < 2500; i += 2)
      want_ref += i % 100 >= 50;
    g_assert_cmpuint (b->len, ==, 1250);
    g_assert_cmpuint (v->len, ==, 834);
    g_assert_cmpuint (r->len, ==, want_ref);
    g_assert_cmpuint (n->len, ==, 0);
  }
  expect_member_count (f, berlin, "after a bulk import");
  expect_member_count (f, vip, "after a bulk import");
  expect_member_count (f, ref, "after a bulk import");

  {
    g_autoptr(GArray) all = member_ids (f, everyone);

    g_assert_cmpuint (all->len, ==, 2500);
    g_array_append_vals (ids, all->data, MIN (all->len, 2200));
  }
  if (!cohort_store_add_members (f->store, s, (const gint64 *) ids->data, ids->len, &error))
    g_error ("%s", error->message);
  {
    g_autoptr(GArray) in_s = member_ids (f, s);
    g_autoptr(GArray) in_by_s = member_ids (f, by_s);

    g_assert_cmpuint (in_s->len, >, 2000);
    expect_same_ids (f, "by-s after adding over 2000 members to s", in_by_s, in_s);
  }
  expect_member_count (f, s, "after adding over 2000 members");
  expect_member_count (f, by_s, "after adding over 2000 members to s");

  set_account (f, "Bulk", "industry", "Retail");
  {
    g_autoptr(GArray) r = member_ids (f, retail);
    g_assert_cmpuint (r->len, ==, 2100);
  }
  expect_member_count (f, retail, "after the Bulk account became Retail");
}

/* ---- a random world and an oracle over it --------------------------------
 *
 * The oracle reads each contact's stored fields through the public API and
 * keeps its own record of what the engine derives: activities (and so
 * last_activity_at), static memberships through merges and accounts, and
 * the conditions of dynamic groups, which it evaluates itself. */

typedef struct
{
  const char *type;
  gint64      at;
} Activity;

typedef struct
{
  gint64      id;
  GHashTable *manual;    /* contact ids */
  GPtrArray  *accounts;  /* folded account names */
} StaticModel;

typedef struct
{
  Fixture    *f;
  GRand      *rand;
  GArray     *contacts;    /* ids of stored contacts, merged ones too */
  GHashTable *merged;      /* child id → parent id */
  GHashTable *activities;  /* contact id → GArray of Activity */
  GHashTable *statics;     /* code → StaticModel */
  GHashTable *dynamics;    /* code → JsonNode */
  GHashTable *group_ids;   /* code → gint64 */
  GHashTable *loaded;      /* contact id → CohortContact, for one round */
  GHashTable *accounts;    /* folded name → CohortAccount, for one round */
  JsonNode   *pending;     /* ref_static's condition waiting for recalculation */
  guint       serial;
} World;

static void
static_model_free (gpointer data)
{
  StaticModel *model = data;

  g_hash_table_unref (model->manual);
  g_ptr_array_unref (model->accounts);
  g_free (model);
}

static void
world_free (World *w)
{
  g_rand_free (w->rand);
  g_array_unref (w->contacts);
  g_hash_table_unref (w->merged);
  g_hash_table_unref (w->activities);
  g_hash_table_unref (w->statics);
  g_hash_table_unref (w->dynamics);
  g_hash_table_unref (w->group_ids);
  g_hash_table_unref (w->loaded);
  g_hash_table_unref (w->accounts);
  g_clear_pointer (&w->pending, json_node_unref);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

#define PICK(w, pool) ((pool)[g_rand_int_range ((w)->rand, 0, G_N_ELEMENTS (pool))])
#define CHANCE(w, percent) (g_rand_int_range ((w)->rand, 0, 100) < (percent))

static const char * const first_names[] = {
  "Ann", "ANN", " ann ", "Bob", "\xc3\x89mile", "E\xcc\x81mile", "Zo\xc3\xab", "Stra\xc3\x9f" "e", "", "  ",
};
static const char * const last_names[] = { "Smith", "smith", "M\xc3\xbcller", "MUELLER", "O'Neil", "" };
static const char * const cities[] = {
  "Berlin", "berlin", " BERLIN ", "Munich", "M\xc3\xbcnchen", "Hamburg", "", "",
};
static const char * const countries[] = { "DE", "de", "AT", "FR", "" };
static const char * const job_titles[] = { "CEO", "Head of Sales", "sales rep", "Engineer", "" };
static const char * const phones[] = { "+49 30 1234", "555-1234", "" };
static const char * const plans[] = { "Gold", "gold ", "Silver", "" };
static const char * const companies[] = { "Acme", "ACME", "Globex", "Initech", "", "" };
static const char * const tag_pool[] = {
  "vip", "VIP", " newsletter ", "lead", "Stra\xc3\x9f" "e", "STRASSE", "customer",
};
static const char * const statuses[] = { "active", "inactive", "unsubscribed", "bounced" };
static const char * const activity_types[] = { "purchase", "page_visit", "email_open", "form_submission" };

static const char * const text_operands[] = {
  "berlin", "BERLIN", " Berlin ", "munich", "M\xc3\xbcnchen", "M\xc3\x9cNCHEN", "de", "AT", "ann", "ANN", "e",
  "strasse", "Stra\xc3\x9f" "e", "\xc3\x89", "e\xcc\x81mile", "\xc3\x89mile", "ceo", "sales", "gold", "GOLD",
  "acme", "globex", "software", "x.example", "@x.example", "w1", "1", "zo\xc3\xab", "smith", "m\xc3\xbcller",
  "o'neil", "555", "of",
};
static const char * const text_fields[] = {
  "email", "first_name", "last_name", "phone", "job_title", "city", "country",
  "custom.plan", "account.name", "account.industry",
};
static const char * const text_ops[] = {
  "=", "!=", "contains", "doesNotContain", "beginsWith", "doesNotBeginWith",
  "endsWith", "doesNotEndWith", "in", "notIn", "null", "notNull",
};
static const char * const number_ops[] = {
  "=", "!=", "<", "<=", ">", ">=", "between", "notBetween", "null", "notNull",
};
static const char * const time_ops[] = {
  "<", "<=", ">", ">=", "between", "notBetween", "withinLastDays", "notWithinLastDays", "null", "notNull",
};
static const char * const set_ops[] = { "=", "!=", "in", "notIn" };
static const char * const tag_operands[] = {
  "vip", "VIP ", "newsletter", "lead", "strasse", "Stra\xc3\x9f" "e", "customer", "none",
};
static const char * const status_operands[] = { "active", "Inactive", "UNSUBSCRIBED", " bounced " };
static const char * const static_codes[] = { "s_manual", "s_account" };
static const gint64 within_days[] = { 0, 1, 7, 30, 90, 365 };

static gboolean
world_is_live (World  *w,
               gint64  id)
{
  return !g_hash_table_contains (w->merged, &id);
}

static gint64
world_pick_live (World *w)
{
  for (guint tries = 0; tries < 1000; tries++)
    {
      gint64 id = g_array_index (w->contacts, gint64, g_rand_int_range (w->rand, 0, w->contacts->len));

      if (world_is_live (w, id))
        return id;
    }
  g_error ("no live contact left");
}

static GArray *
world_activities (World  *w,
                  gint64  id)
{
  GArray *list = g_hash_table_lookup (w->activities, &id);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (Activity));
      g_hash_table_insert (w->activities, box_id (id), list);
    }
  return list;
}

static gint64
world_random_instant (World *w)
{
  static const gint64 boundaries[] = { 1, 7, 30, 90, 365 };

  if (CHANCE (w, 15))
    return NOW - PICK (w, boundaries) * DAY;
  if (CHANCE (w, 3))
    return NOW + g_rand_int_range (w->rand, 1, 3 * DAY);
  return NOW - g_rand_int_range (w->rand, 0, 400) * DAY - g_rand_int_range (w->rand, 0, DAY);
}

static void
world_add_activity (World  *w,
                    gint64  id)
{
  Activity activity = { PICK (w, activity_types), world_random_instant (w) };
  g_autoptr(GError) error = NULL;

  if (!cohort_store_add_activity (w->f->store, id, activity.type, activity.at, NULL, &error))
    g_error ("activity: %s", error->message);
  g_array_append_val (world_activities (w, id), activity);
}

static char *
random_tags (World *w)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (tag_pool); i++)
    if (CHANCE (w, 20))
      g_ptr_array_add (tags, (gpointer) tag_pool[i]);
  g_ptr_array_add (tags, NULL);
  return g_strjoinv (";", (char **) tags->pdata);
}

/* Sets one random field (@which < 0: all of them). */
static void
world_randomize_contact (World         *w,
                         CohortContact *contact,
                         int            which)
{
  g_autofree char *tags = random_tags (w);
  g_autofree char *score = CHANCE (w, 20) ? g_strdup ("")
                                          : g_strdup_printf ("%d", g_rand_int_range (w->rand, -10, 111));
  const char *fields[] = {
    "first_name", "last_name", "city", "country", "job_title", "phone", "custom.plan",
    "company", "status", "score", "tags",
  };
  const char *values[] = {
    PICK (w, first_names), PICK (w, last_names), PICK (w, cities), PICK (w, countries),
    PICK (w, job_titles), PICK (w, phones), PICK (w, plans), PICK (w, companies),
    PICK (w, statuses), score, tags,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (which < 0 || (guint) which == i)
      set_field (w->f, contact, fields[i], values[i]);
}

/* @spread: give it an updated_at in the last month, which only the world's
 * first contacts may have: a save at another "now" would evaluate the
 * groups' withinLastDays rules against that instant. */
static gint64
world_add_contact (World    *w,
                   gboolean  spread)
{
  g_autoptr(CohortContact) contact = cohort_contact_new ();
  g_autofree char *name = g_strdup_printf ("w%03u", w->serial++);
  g_autofree char *email = NULL;
  gint64 id;

  if (!CHANCE (w, 10))
    {
      email = g_strdup_printf ("%s@x.example", name);
      if (CHANCE (w, 30))
        {
          char *upper = g_ascii_strup (email, -1);
          g_free (email);
          email = upper;
        }
      set_field (w->f, contact, "email", email);
    }
  world_randomize_contact (w, contact, -1);
  cohort_contact_set_created_at (contact, NOW - g_rand_int_range (w->rand, 0, 400 * DAY));
  if (spread)
    cohort_store_set_now (w->f->store, NOW - g_rand_int_range (w->rand, 0, 30) * DAY);
  id = save_contact (w->f, contact);
  cohort_store_set_now (w->f->store, NOW);
  remember (w->f, name, id);
  g_array_append_val (w->contacts, id);
  return id;
}

static StaticModel *
world_add_static (World      *w,
                  const char *code)
{
  StaticModel *model = g_new0 (StaticModel, 1);

  model->id = create_static (w->f, code);
  model->manual = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  model->accounts = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_insert (w->statics, g_strdup (code), model);
  g_hash_table_insert (w->group_ids, g_strdup (code), box_id (model->id));
  return model;
}

static void
world_change_members (World       *w,
                      const char  *code,
                      GArray      *ids,
                      gboolean     add)
{
  StaticModel *model = g_hash_table_lookup (w->statics, code);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = add ? cohort_store_add_members (w->f->store, model->id, (const gint64 *) ids->data, ids->len, &error)
           : cohort_store_remove_members (w->f->store, model->id, (const gint64 *) ids->data, ids->len, &error);
  if (!ok)
    g_error ("%s members of %s: %s", add ? "adding" : "removing", code, error->message);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!add)
        g_hash_table_remove (model->manual, &id);
      else if (world_is_live (w, id))
        g_hash_table_add (model->manual, box_id (id));
    }
}

static void
world_add_account (World      *w,
                   const char *code,
                   const char *account)
{
  StaticModel *model = g_hash_table_lookup (w->statics, code);
  g_autoptr(GError) error = NULL;

  if (!cohort_store_add_group_account (w->f->store, model->id, account_id (w->f, account), &error))
    g_error ("adding %s to %s: %s", account, code, error->message);
  g_ptr_array_add (model->accounts, oracle_fold (account));
}

static void
world_merge (World  *w,
             gint64  parent,
             gint64  child)
{
  g_autoptr(GError) error = NULL;
  GArray *from = world_activities (w, child);
  GHashTableIter iter;
  gpointer model;

  if (!cohort_store_merge_contacts (w->f->store, parent, child, &error))
    g_error ("merging: %s", error->message);
  g_hash_table_insert (w->merged, box_id (child), box_id (parent));
  g_array_append_vals (world_activities (w, parent), from->data, from->len);
  g_array_set_size (from, 0);
  g_hash_table_iter_init (&iter, w->statics);
  while (g_hash_table_iter_next (&iter, NULL, &model))
    if (g_hash_table_remove (((StaticModel *) model)->manual, &child))
      g_hash_table_add (((StaticModel *) model)->manual, box_id (parent));
}

static void
world_delete (World  *w,
              gint64  id)
{
  g_autoptr(GError) error = NULL;

  if (!cohort_store_delete_contacts (w->f->store, &id, 1, &error))
    g_error ("deleting: %s", error->message);
  /* Whatever the store removed with it (merged children) goes too. */
  for (guint i = w->contacts->len; i-- > 0;)
    {
      gint64 other = g_array_index (w->contacts, gint64, i);
      g_autoptr(CohortContact) contact = cohort_store_get_contact (w->f->store, other, NULL);
      GHashTableIter iter;
      gpointer model;

      if (contact != NULL)
        continue;
      g_array_remove_index (w->contacts, i);
      g_hash_table_remove (w->merged, &other);
      g_hash_table_remove (w->activities, &other);
      g_hash_table_iter_init (&iter, w->statics);
      while (g_hash_table_iter_next (&iter, NULL, &model))
        g_hash_table_remove (((StaticModel *) model)->manual, &other);
      forget (w->f, other);
    }
}

static World *
world_new (Fixture *f,
           guint32  seed,
           guint    n_contacts)
{
  World *w = g_new0 (World, 1);
  g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_test_message ("random world: seed %u, %u contacts", seed, n_contacts);
  w->f = f;
  w->rand = g_rand_new_with_seed (seed);
  w->contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  w->merged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  w->activities = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  w->statics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, static_model_free);
  w->dynamics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  w->group_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w->loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  w->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; i < n_contacts; i++)
    world_add_contact (w, TRUE);
  add_contact (f, "acct-holder", "company", "Globex", NULL);
  g_array_append_val (w->contacts, *(gint64 *) g_hash_table_lookup (f->ids, "acct-holder"));
  add_contact (f, "acct-holder2", "company", "Initech", NULL);
  g_array_append_val (w->contacts, *(gint64 *) g_hash_table_lookup (f->ids, "acct-holder2"));
  add_contact (f, "acct-holder3", "company", "Acme", NULL);
  g_array_append_val (w->contacts, *(gint64 *) g_hash_table_lookup (f->ids, "acct-holder3"));
  set_account (f, "Acme", "industry", "Software");
  set_account (f, "Acme", "employees", "500");
  set_account (f, "Globex", "industry", "software ");
  set_account (f, "Globex", "employees", "50");
  set_account (f, "Initech", "industry", "Consulting");

  for (guint i = 0; i < w->contacts->len; i++)
    for (int n = g_rand_int_range (w->rand, 0, 5); n > 0; n--)
      world_add_activity (w, g_array_index (w->contacts, gint64, i));

  world_add_static (w, "s_manual");
  world_add_static (w, "s_account");
  for (guint i = 0; i < w->contacts->len; i++)
    if (CHANCE (w, 30))
      g_array_append_val (picked, g_array_index (w->contacts, gint64, i));
  world_change_members (w, "s_manual", picked, TRUE);
  world_add_account (w, "s_account", "Acme");
  g_array_set_size (picked, 0);
  for (guint i = 0; i < 5; i++)
    {
      gint64 id = world_pick_live (w);
      g_array_append_val (picked, id);
    }
  world_change_members (w, "s_account", picked, TRUE);

  for (guint i = 0; i < n_contacts / 40; i++)
    {
      gint64 parent = world_pick_live (w), child = world_pick_live (w);

      if (parent != child)
        world_merge (w, parent, child);
    }
  return w;
}

/* Loads every contact and account as stored, for one round of checks. */
static void
world_load (World *w)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (w->loaded);
  g_hash_table_remove_all (w->accounts);
  for (guint i = 0; i < w->contacts->len; i++)
    {
      gint64 id = g_array_index (w->contacts, gint64, i);
      CohortContact *contact = cohort_store_get_contact (w->f->store, id, &error);

      if (contact == NULL)
        g_error ("loading #%" G_GINT64_FORMAT ": %s", id, error->message);
      g_hash_table_insert (w->loaded, box_id (id), contact);
    }
  if (!(accounts = cohort_store_list_accounts (w->f->store, &error)))
    g_error ("accounts: %s", error->message);
  for (guint i = 0; i < accounts->len; i++)
    {
      CohortAccount *account = g_ptr_array_index (accounts, i);
      g_hash_table_insert (w->accounts, oracle_fold (cohort_account_get_name (account)), g_object_ref (account));
    }
}

/* ---- the oracle ----------------------------------------------------------- */

static gboolean oracle_node (World *w, JsonNode *node, CohortContact *contact);

static CohortAccount *
oracle_account (World         *w,
                CohortContact *contact)
{
  g_autofree char *name = oracle_fold (cohort_contact_get_account_name (contact));

  return name != NULL ? g_hash_table_lookup (w->accounts, name) : NULL;
}

static char *
oracle_text_value (World         *w,
                   CohortContact *contact,
                   const char    *field)
{
  CohortAccount *account;

  for (guint i = 0; i < COHORT_CONTACT_N_TEXT_FIELDS; i++)
    if (strcmp (field, text_fields[i]) == 0)
      return oracle_fold (cohort_contact_get_text (contact, i));
  if (g_str_has_prefix (field, "custom."))
    return oracle_fold (cohort_contact_get_custom_field (contact, field + strlen ("custom.")));
  if (strcmp (field, "account.name") == 0)
    return oracle_fold (cohort_contact_get_account_name (contact));
  g_assert_cmpstr (field, ==, "account.industry");
  account = oracle_account (w, contact);
  return account != NULL ? oracle_fold (cohort_account_get_industry (account)) : NULL;
}

static char *
value_text (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

static gint64
value_int (JsonNode *node)
{
  g_autofree char *text = value_text (node);

  return g_ascii_strtoll (text, NULL, 10);
}

static gint64
value_time (World    *w,
            JsonNode *node)
{
  const char *text = json_node_get_string (node);
  g_autofree char *full = strlen (text) == 10 ? g_strconcat (text, "T00:00:00", NULL) : g_strdup (text);
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (full, cohort_store_get_timezone (w->f->store));

  if (dt == NULL)
    g_error ("the oracle cannot read the date %s", text);
  return g_date_time_to_unix (dt);
}

static gboolean
oracle_text (const char *op,
             const char *have,
             JsonNode   *value)
{
  g_autofree char *want = NULL;

  if (strcmp (op, "null") == 0)
    return have == NULL;
  if (strcmp (op, "in") == 0)
    {
      JsonArray *items = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (items); i++)
        if (oracle_text ("=", have, json_array_get_element (items, i)))
          return TRUE;
      return FALSE;
    }
  {
    g_autofree char *text = value_text (value);
    want = oracle_fold (text);
  }
  if (strcmp (op, "=") == 0)
    return g_strcmp0 (have, want) == 0;
  if (have == NULL)
    return FALSE;
  if (strcmp (op, "contains") == 0)
    return strstr (have, want) != NULL;
  if (strcmp (op, "beginsWith") == 0)
    return g_str_has_prefix (have, want);
  g_assert_cmpstr (op, ==, "endsWith");
  return g_str_has_suffix (have, want);
}

/* @has FALSE: the number or date is missing. */
static gboolean
oracle_ordered (World      *w,
                const char *op,
                gboolean    has,
                gint64      have,
                JsonNode   *value,
                gboolean    is_time)
{
  gint64 operand, high;

  if (strcmp (op, "null") == 0)
    return !has;
  if (!has)
    return FALSE;
  if (strcmp (op, "withinLastDays") == 0)
    return NOW - value_int (value) * DAY <= have && have <= NOW;
  if (strcmp (op, "between") == 0)
    {
      JsonArray *range = json_node_get_array (value);
      JsonNode *low_node = json_array_get_element (range, 0);
      JsonNode *high_node = json_array_get_element (range, 1);

      operand = is_time ? value_time (w, low_node) : value_int (low_node);
      high = is_time ? value_time (w, high_node) : value_int (high_node);
      return operand <= have && have <= high;
    }
  operand = is_time ? value_time (w, value) : value_int (value);
  if (strcmp (op, "=") == 0)
    return have == operand;
  if (strcmp (op, "<") == 0)
    return have < operand;
  if (strcmp (op, "<=") == 0)
    return have <= operand;
  if (strcmp (op, ">") == 0)
    return have > operand;
  g_assert_cmpstr (op, ==, ">=");
  return have >= operand;
}

static gboolean
oracle_last_activity (World         *w,
                      CohortContact *contact,
                      gint64        *out_last)
{
  gint64 id = cohort_contact_get_id (contact);
  GArray *list = g_hash_table_lookup (w->activities, &id);
  gboolean any = FALSE;

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      Activity *a = &g_array_index (list, Activity, i);
      if (!any || a->at > *out_last)
        *out_last = a->at;
      any = TRUE;
    }
  return any;
}

static gboolean
oracle_member (World         *w,
               const char    *code,
               CohortContact *contact)
{
  StaticModel *model = g_hash_table_lookup (w->statics, code);
  JsonNode *condition = g_hash_table_lookup (w->dynamics, code);
  gint64 id = cohort_contact_get_id (contact);

  if (!world_is_live (w, id))
    return FALSE;
  if (model != NULL)
    {
      g_autofree char *account = oracle_fold (cohort_contact_get_account_name (contact));

      return g_hash_table_contains (model->manual, &id) ||
             (account != NULL && g_ptr_array_find_with_equal_func (model->accounts, account, g_str_equal, NULL));
    }
  if (condition == NULL)
    g_error ("the oracle knows no group %s", code);
  return oracle_node (w, condition, contact);
}

static gboolean
oracle_activity (World         *w,
                 CohortContact *contact,
                 JsonObject    *value)
{
  gint64 id = cohort_contact_get_id (contact);
  GArray *list = g_hash_table_lookup (w->activities, &id);
  const char *type = json_object_get_string_member (value, "type");
  gint64 count = 1, days = -1, n = 0;

  if (json_object_has_member (value, "count"))
    count = value_int (json_object_get_member (value, "count"));
  if (json_object_has_member (value, "days"))
    days = value_int (json_object_get_member (value, "days"));
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      Activity *a = &g_array_index (list, Activity, i);

      if ((strcmp (type, "*") == 0 || g_ascii_strcasecmp (type, a->type) == 0) &&
          (days < 0 || (NOW - days * DAY <= a->at && a->at <= NOW)))
        n++;
    }
  return n >= count;
}

static const char *
positive_of (const char *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (twins); i++)
    if (strcmp (op, twins[i][1]) == 0)
      return twins[i][0];
  if (strcmp (op, "none") == 0)
    return "atLeast";
  return op;
}

static gboolean
oracle_rule (World         *w,
             JsonObject    *rule,
             CohortContact *contact)
{
  const char *field = json_object_get_string_member (rule, "field");
  const char *negative = json_object_get_string_member (rule, "operator");
  const char *op = positive_of (negative);
  JsonNode *value = json_object_get_member (rule, "value");
  gboolean result;

  if (strcmp (field, "status") == 0)
    {
      const char *status = cohort_status_to_string (cohort_contact_get_status (contact));

      result = FALSE;
      if (json_node_get_node_type (value) == JSON_NODE_ARRAY)
        {
          JsonArray *items = json_node_get_array (value);
          for (guint i = 0; i < json_array_get_length (items); i++)
            result |= oracle_text ("=", status, json_array_get_element (items, i));
        }
      else
        result = oracle_text ("=", status, value);
    }
  else if (strcmp (field, "score") == 0)
    {
      gint64 score = 0;
      gboolean has = cohort_contact_get_score (contact, &score);
      result = oracle_ordered (w, op, has, score, value, FALSE);
    }
  else if (strcmp (field, "account.employees") == 0)
    {
      CohortAccount *account = oracle_account (w, contact);
      gint64 employees = 0;
      gboolean has = account != NULL && cohort_account_get_employees (account, &employees);
      result = oracle_ordered (w, op, has, employees, value, FALSE);
    }
  else if (strcmp (field, "created_at") == 0)
    result = oracle_ordered (w, op, TRUE, cohort_contact_get_created_at (contact), value, TRUE);
  else if (strcmp (field, "updated_at") == 0)
    result = oracle_ordered (w, op, TRUE, cohort_contact_get_updated_at (contact), value, TRUE);
  else if (strcmp (field, "last_activity_at") == 0)
    {
      gint64 last = 0;
      gboolean has = oracle_last_activity (w, contact, &last);
      result = oracle_ordered (w, op, has, last, value, TRUE);
    }
  else if (strcmp (field, "tag") == 0)
    {
      const char * const *tags = cohort_contact_get_tags (contact);

      result = FALSE;
      for (guint i = 0; tags[i] != NULL; i++)
        {
          g_autofree char *tag = oracle_fold (tags[i]);
          result |= oracle_text (strcmp (op, "in") == 0 ? "in" : "=", tag, value);
        }
    }
  else if (strcmp (field, "group") == 0)
    {
      JsonArray *codes = json_node_get_array (value);

      result = FALSE;
      for (guint i = 0; i < json_array_get_length (codes); i++)
        result |= oracle_member (w, json_array_get_string_element (codes, i), contact);
    }
  else if (strcmp (field, "activity") == 0)
    result = oracle_activity (w, contact, json_node_get_object (value));
  else
    {
      g_autofree char *have = oracle_text_value (w, contact, field);
      result = oracle_text (op, have, value);
    }
  return op != negative ? !result : result;
}

static gboolean
oracle_node (World         *w,
             JsonNode      *node,
             CohortContact *contact)
{
  JsonObject *object = json_node_get_object (node);
  JsonArray *rules;
  gboolean any, result;

  if (!json_object_has_member (object, "rules"))
    return oracle_rule (w, object, contact);

  rules = json_object_get_array_member (object, "rules");
  any = g_strcmp0 (json_object_get_string_member_with_default (object, "combinator", "and"), "or") == 0;
  result = !any;
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      gboolean child = oracle_node (w, json_array_get_element (rules, i), contact);
      result = any ? (result || child) : (result && child);
    }
  if (json_object_get_boolean_member_with_default (object, "not", FALSE))
    result = !result;
  return result;
}

/* The names of the contacts the oracle says match @condition. */
static char *
oracle_members (World    *w,
                JsonNode *condition)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < w->contacts->len; i++)
    {
      gint64 id = g_array_index (w->contacts, gint64, i);
      CohortContact *contact = g_hash_table_lookup (w->loaded, &id);

      if (world_is_live (w, id) && oracle_node (w, condition, contact))
        g_ptr_array_add (names, g_hash_table_lookup (w->f->names, &id));
    }
  return join_sorted (names);
}

/* ---- random conditions ---------------------------------------------------- */

#define MAX_TREE_DEPTH 4

static void
add_member (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* An instant written in one of the four ways SPEC accepts. */
static char *
format_instant (World  *w,
                gint64  t,
                int     style)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GTimeZone) plus2 = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GDateTime) at_plus2 = g_date_time_to_timezone (utc, plus2);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, cohort_store_get_timezone (w->f->store));

  switch (style)
    {
    case 0:
      return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
    case 1:
      return g_date_time_format (at_plus2, "%Y-%m-%dT%H:%M:%S+02:00");
    case 2:
      return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");
    default:
      return g_date_time_format (local, "%Y-%m-%d");
    }
}

static void
gen_text_value (World       *w,
                JsonBuilder *b,
                const char  *op)
{
  if (strcmp (op, "null") == 0 || strcmp (op, "notNull") == 0)
    return;
  json_builder_set_member_name (b, "value");
  if (strcmp (op, "in") == 0 || strcmp (op, "notIn") == 0)
    {
      json_builder_begin_array (b);
      for (int n = g_rand_int_range (w->rand, 1, 4); n > 0; n--)
        json_builder_add_string_value (b, CHANCE (w, 8) ? "" : PICK (w, text_operands));
      json_builder_end_array (b);
    }
  else if ((strcmp (op, "=") == 0 || strcmp (op, "!=") == 0) && CHANCE (w, 10))
    json_builder_add_string_value (b, CHANCE (w, 50) ? "" : "  ");
  else
    json_builder_add_string_value (b, PICK (w, text_operands));
}

static void
gen_number_value (World       *w,
                  JsonBuilder *b,
                  const char  *field,
                  const char  *op)
{
  static const gint64 scores[] = { -10, 0, 10, 50, 99, 110 };
  static const gint64 employees[] = { 0, 50, 100, 500, 1000 };
  gboolean score = strcmp (field, "score") == 0;
  gint64 low, high;

  if (strcmp (op, "null") == 0 || strcmp (op, "notNull") == 0)
    return;
  low = CHANCE (w, 50) ? g_rand_int_range (w->rand, -20, 121) : score ? PICK (w, scores) : PICK (w, employees);
  high = g_rand_int_range (w->rand, (gint32) low, (gint32) low + 80);
  json_builder_set_member_name (b, "value");
  if (strcmp (op, "between") == 0 || strcmp (op, "notBetween") == 0)
    {
      json_builder_begin_array (b);
      json_builder_add_int_value (b, low);
      json_builder_add_int_value (b, high);
      json_builder_end_array (b);
    }
  else if (CHANCE (w, 20))
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, low);
      json_builder_add_string_value (b, text);
    }
  else
    json_builder_add_int_value (b, low);
}

static void
gen_time_value (World       *w,
                JsonBuilder *b,
                const char  *op)
{
  int style = g_rand_int_range (w->rand, 0, 4);

  if (strcmp (op, "null") == 0 || strcmp (op, "notNull") == 0)
    return;
  json_builder_set_member_name (b, "value");
  if (strcmp (op, "withinLastDays") == 0 || strcmp (op, "notWithinLastDays") == 0)
    json_builder_add_int_value (b, PICK (w, within_days));
  else if (strcmp (op, "between") == 0 || strcmp (op, "notBetween") == 0)
    {
      gint64 t1 = world_random_instant (w), t2 = world_random_instant (w);
      /* Both ends in one style keep their order however they are read. */
      g_autofree char *low = format_instant (w, MIN (t1, t2), style);
      g_autofree char *high = format_instant (w, MAX (t1, t2), style);

      json_builder_begin_array (b);
      json_builder_add_string_value (b, low);
      json_builder_add_string_value (b, high);
      json_builder_end_array (b);
    }
  else
    {
      g_autofree char *text = format_instant (w, world_random_instant (w), style);
      json_builder_add_string_value (b, text);
    }
}

static void
gen_list (World              *w,
          JsonBuilder        *b,
          const char * const *pool,
          guint               n_pool,
          gboolean            list)
{
  json_builder_set_member_name (b, "value");
  if (!list)
    {
      json_builder_add_string_value (b, pool[g_rand_int_range (w->rand, 0, n_pool)]);
      return;
    }
  json_builder_begin_array (b);
  for (int n = g_rand_int_range (w->rand, 1, 4); n > 0; n--)
    json_builder_add_string_value (b, pool[g_rand_int_range (w->rand, 0, n_pool)]);
  json_builder_end_array (b);
}

static void
gen_rule (World       *w,
          JsonBuilder *b)
{
  int kind = g_rand_int_range (w->rand, 0, 100);
  const char *field, *op;

  json_builder_begin_object (b);
  if (kind < 40)
    {
      field = PICK (w, text_fields);
      op = PICK (w, text_ops);
      add_member (b, "field", field);
      add_member (b, "operator", op);
      gen_text_value (w, b, op);
    }
  else if (kind < 47)
    {
      op = PICK (w, set_ops);
      add_member (b, "field", "status");
      add_member (b, "operator", op);
      gen_list (w, b, status_operands, G_N_ELEMENTS (status_operands), op[0] == 'i' || op[0] == 'n');
    }
  else if (kind < 60)
    {
      field = CHANCE (w, 70) ? "score" : "account.employees";
      op = PICK (w, number_ops);
      add_member (b, "field", field);
      add_member (b, "operator", op);
      gen_number_value (w, b, field, op);
    }
  else if (kind < 75)
    {
      static const char * const fields[] = { "created_at", "updated_at", "last_activity_at" };

      op = PICK (w, time_ops);
      add_member (b, "field", PICK (w, fields));
      add_member (b, "operator", op);
      gen_time_value (w, b, op);
    }
  else if (kind < 85)
    {
      op = PICK (w, set_ops);
      add_member (b, "field", "tag");
      add_member (b, "operator", op);
      gen_list (w, b, tag_operands, G_N_ELEMENTS (tag_operands), op[0] == 'i' || op[0] == 'n');
    }
  else if (kind < 91)
    {
      add_member (b, "field", "group");
      add_member (b, "operator", CHANCE (w, 50) ? "in" : "notIn");
      gen_list (w, b, static_codes, G_N_ELEMENTS (static_codes), TRUE);
    }
  else
    {
      static const char * const types[] = { "*", "purchase", "page_visit", "email_open", "form_submission" };
      gboolean none = CHANCE (w, 40);

      add_member (b, "field", "activity");
      add_member (b, "operator", none ? "none" : "atLeast");
      json_builder_set_member_name (b, "value");
      json_builder_begin_object (b);
      add_member (b, "type", PICK (w, types));
      if (!none)
        {
          json_builder_set_member_name (b, "count");
          json_builder_add_int_value (b, g_rand_int_range (w->rand, 1, 4));
        }
      if (CHANCE (w, 70))
        {
          json_builder_set_member_name (b, "days");
          json_builder_add_int_value (b, PICK (w, within_days));
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
gen_group (World       *w,
           JsonBuilder *b,
           guint        depth)
{
  json_builder_begin_object (b);
  add_member (b, "combinator", CHANCE (w, 50) ? "and" : "or");
  if (CHANCE (w, 50))
    {
      json_builder_set_member_name (b, "not");
      json_builder_add_boolean_value (b, CHANCE (w, 50));
    }
  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (int n = g_rand_int_range (w->rand, 1, 4); n > 0; n--)
    if (depth < MAX_TREE_DEPTH && CHANCE (w, 30))
      gen_group (w, b, depth + 1);
    else
      gen_rule (w, b);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static JsonNode *
random_tree (World *w,
             guint  depth)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  gen_group (w, b, depth);
  return json_builder_get_root (b);
}

static JsonNode *
group_of (const char *combinator,
          gboolean    negated,
          JsonNode   *first,
          JsonNode   *second)
{
  JsonObject *object = json_object_new ();
  JsonArray *rules = json_array_new ();
  JsonNode *node;

  json_object_set_string_member (object, "combinator", combinator);
  json_object_set_boolean_member (object, "not", negated);
  json_array_add_element (rules, json_node_copy (first));
  if (second != NULL)
    json_array_add_element (rules, json_node_copy (second));
  json_object_set_array_member (object, "rules", rules);
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;
}

static void
collect_nodes (JsonNode  *node,
               GPtrArray *out)
{
  JsonObject *object = json_node_get_object (node);

  g_ptr_array_add (out, node);
  if (json_object_has_member (object, "rules"))
    {
      JsonArray *rules = json_object_get_array_member (object, "rules");

      for (guint i = 0; i < json_array_get_length (rules); i++)
        collect_nodes (json_array_get_element (rules, i), out);
    }
}

/* Explain's line for every node agrees with the oracle (ROW mode). */
static gboolean
check_explain (World      *w,
               gint64      group_id,
               JsonNode   *tree,
               const char *json)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  gboolean ok = TRUE;

  collect_nodes (tree, nodes);
  for (guint k = 0; k < 4; k++)
    {
      gint64 id = world_pick_live (w);
      CohortContact *contact = g_hash_table_lookup (w->loaded, &id);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) lines = cohort_store_explain (w->f->store, group_id, id, &error);

      if (lines == NULL || lines->len != nodes->len)
        {
          g_autofree char *what = g_strdup_printf ("explain of %s", json);
          expect_same (w->f, what, error ? error->message : "a different number of lines", "one line per node");
          return FALSE;
        }
      for (guint i = 0; i < nodes->len; i++)
        {
          CohortExplainLine *line = g_ptr_array_index (lines, i);
          gboolean want = oracle_node (w, g_ptr_array_index (nodes, i), contact);

          if (line->result != want)
            {
              g_autofree char *what = g_strdup_printf ("explain of %s for %s at [%s]", json,
                                                       (const char *) g_hash_table_lookup (w->f->names, &id),
                                                       line->path);
              ok = expect_same (w->f, what, line->result ? "true" : "false", want ? "true" : "false") && ok;
            }
        }
    }
  return ok;
}

/* The engine's members for @tree (SCAN mode, through a new group) against
 * the oracle's; also returns the engine's answer. */
static gboolean
check_tree (World     *w,
            JsonNode  *tree,
            gboolean   explain,
            char     **out_got)
{
  g_autofree char *json = json_to_string (tree, FALSE);
  g_autofree char *want = oracle_members (w, tree);
  g_autoptr(GError) error = NULL;
  gint64 id = create_dynamic (w->f, NULL, json, &error);
  g_autofree char *got = NULL;
  gboolean ok;

  if (id == 0)
    got = g_strdup_printf ("ERROR: %s", error->message);
  else
    got = members (w->f, id);
  ok = expect_same (w->f, json, got, want);
  if (id != 0 && explain)
    ok = check_explain (w, id, tree, json) && ok;
  if (id != 0 && !cohort_store_delete_group (w->f->store, id, &error))
    g_error ("deleting: %s", error->message);
  if (out_got != NULL)
    *out_got = g_steal_pointer (&got);
  return ok;
}

static void
test_random_trees (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(World) w = world_new (f, 20240601, 300);
  g_autofree char *everyone = NULL;
  guint failed = 0, failed_laws = 0, nobody = 0, all = 0;

  world_load (w);
  everyone = complement (f, "");
  for (guint i = 0; i < 220; i++)
    {
      g_autoptr(JsonNode) tree = random_tree (w, 1);
      g_autofree char *got = NULL;

      failed += !check_tree (w, tree, i % 4 == 0, &got);
      nobody += got[0] == '\0';
      all += strcmp (got, everyone) == 0;
    }
  g_test_message ("of 220 random conditions %u matched nobody and %u everybody", nobody, all);

  /* De Morgan: not(a and b) = (not a) or (not b), and the other way. */
  for (guint i = 0; i < 110; i++)
    {
      g_autoptr(JsonNode) a = random_tree (w, 2);
      g_autoptr(JsonNode) b = random_tree (w, 2);
      g_autoptr(JsonNode) not_a = group_of ("and", TRUE, a, NULL);
      g_autoptr(JsonNode) not_b = group_of ("and", TRUE, b, NULL);
      gboolean conjunction = i % 2 == 0;
      g_autoptr(JsonNode) left = group_of (conjunction ? "and" : "or", TRUE, a, b);
      g_autoptr(JsonNode) right = group_of (conjunction ? "or" : "and", FALSE, not_a, not_b);
      g_autofree char *got_left = NULL;
      g_autofree char *got_right = NULL;
      g_autofree char *what = json_to_string (left, FALSE);

      failed += !check_tree (w, left, FALSE, &got_left);
      failed += !check_tree (w, right, FALSE, &got_right);
      failed_laws += !expect_same (f, what, got_right, got_left);
    }
  if (failed > 0 || failed_laws > 0)
    g_test_message ("%u random conditions disagree with the oracle, %u De Morgan pairs with each other",
                    failed, failed_laws);
}

/* ---- incremental refresh against the oracle ------------------------------- */

static gboolean
world_add_dynamic (World      *w,
                   const char *code,
                   JsonNode   *condition)
{
  g_autofree char *json = json_to_string (condition, FALSE);
  g_autoptr(GError) error = NULL;
  gint64 id = create_dynamic (w->f, code, json, &error);

  if (id == 0)
    {
      g_autofree char *what = g_strdup_printf ("creating %s with %s", code, json);
      expect_same (w->f, what, error->message, "created");
      return FALSE;
    }
  g_hash_table_insert (w->dynamics, g_strdup (code), json_node_ref (condition));
  g_hash_table_insert (w->group_ids, g_strdup (code), box_id (id));
  return TRUE;
}

/* Every group's members, member_count and the contacts' last_activity_at
 * against the oracle, and each dynamic group against a fresh evaluation. */
static gboolean
world_verify (World      *w,
              const char *when)
{
  GHashTableIter iter;
  gpointer code, model, condition;
  gboolean ok = TRUE;

  world_load (w);
  g_hash_table_iter_init (&iter, w->statics);
  while (g_hash_table_iter_next (&iter, &code, &model))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *want = NULL;
      g_autofree char *got = members (w->f, ((StaticModel *) model)->id);
      g_autofree char *what = g_strdup_printf ("static %s %s", (char *) code, when);

      for (guint i = 0; i < w->contacts->len; i++)
        {
          gint64 id = g_array_index (w->contacts, gint64, i);
          if (oracle_member (w, code, g_hash_table_lookup (w->loaded, &id)))
            g_ptr_array_add (names, g_hash_table_lookup (w->f->names, &id));
        }
      want = join_sorted (names);
      ok = expect_same (w->f, what, got, want) && ok;
      expect_member_count (w->f, ((StaticModel *) model)->id, when);
    }

  g_hash_table_iter_init (&iter, w->dynamics);
  while (g_hash_table_iter_next (&iter, &code, &condition))
    {
      gint64 id = *(gint64 *) g_hash_table_lookup (w->group_ids, code);
      g_autofree char *json = json_to_string (condition, FALSE);
      g_autoptr(CohortCondition) parsed = parse_condition (json);
      g_autoptr(GArray) fresh = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *want = oracle_members (w, condition);
      g_autofree char *got = members (w->f, id);
      g_autofree char *what = g_strdup_printf ("dynamic %s %s: %s", (char *) code, when, json);
      gint64 matches = -1, joining = -1, leaving = -1;

      ok = expect_same (w->f, what, got, want) && ok;
      expect_member_count (w->f, id, when);
      if (!cohort_store_count_matches (w->f->store, parsed, id, G_MAXINT, NULL,
                                       &matches, &joining, &leaving, &fresh, &error))
        g_error ("count_matches: %s", error->message);
      {
        g_autofree char *fresh_names = NULL;
        g_autofree char *counts = g_strdup_printf ("%" G_GINT64_FORMAT " joining, %" G_GINT64_FORMAT " leaving",
                                                   joining, leaving);

        fresh_names = names_of_ids (w->f, (const gint64 *) fresh->data, fresh->len);
        ok = expect_same (w->f, what, fresh_names, got) && ok;
        ok = expect_same (w->f, what, counts, "0 joining, 0 leaving") && ok;
      }
    }

  for (guint i = 0; i < w->contacts->len; i++)
    {
      gint64 id = g_array_index (w->contacts, gint64, i), last = 0;
      CohortContact *contact = g_hash_table_lookup (w->loaded, &id);
      g_autofree char *got = NULL;
      g_autofree char *want = NULL;
      g_autofree char *what = NULL;

      if (!world_is_live (w, id))
        continue;
      oracle_last_activity (w, contact, &last);
      got = g_strdup_printf ("%" G_GINT64_FORMAT, cohort_contact_get_last_activity_at (contact));
      want = g_strdup_printf ("%" G_GINT64_FORMAT, last);
      what = g_strdup_printf ("last_activity_at of %s %s", (const char *) g_hash_table_lookup (w->f->names, &id), when);
      ok = expect_same (w->f, what, got, want) && ok;
    }
  return ok;
}

static char *
world_mutate (World *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int op = g_rand_int_range (w->rand, 0, 12);
  gint64 id = world_pick_live (w);
  const char *name = g_hash_table_lookup (w->f->names, &id);

  switch (op)
    {
    case 0:
    case 1:
      {
        g_autoptr(CohortContact) contact = cohort_store_get_contact (w->f->store, id, &error);
        int field = g_rand_int_range (w->rand, 0, 11);

        world_randomize_contact (w, contact, field);
        if (CHANCE (w, 50))
          world_randomize_contact (w, contact, g_rand_int_range (w->rand, 0, 11));
        save_contact (w->f, contact);
        return g_strdup_printf ("after editing %s (field %d…)", name, field);
      }
    case 2:
      id = world_add_contact (w, FALSE);
      return g_strdup_printf ("after creating %s", (const char *) g_hash_table_lookup (w->f->names, &id));
    case 3:
      {
        char *what = g_strdup_printf ("after deleting %s", name);
        world_delete (w, id);
        return what;
      }
    case 4:
      {
        gint64 child = world_pick_live (w);
        const char *child_name = g_hash_table_lookup (w->f->names, &child);

        if (child == id)
          return g_strdup ("after nothing (merge with itself skipped)");
        world_merge (w, id, child);
        return g_strdup_printf ("after merging %s into %s", child_name, name);
      }
    case 5:
    case 6:
      {
        const char *code = PICK (w, static_codes);
        gboolean add = op == 5;

        for (int n = g_rand_int_range (w->rand, 1, 6); n > 0; n--)
          {
            gint64 any = g_array_index (w->contacts, gint64, g_rand_int_range (w->rand, 0, w->contacts->len));
            g_array_append_val (ids, any);
          }
        world_change_members (w, code, ids, add);
        return g_strdup_printf ("after %s %u contacts %s %s", add ? "adding" : "removing", ids->len,
                                add ? "to" : "from", code);
      }
    case 7:
      {
        static const char * const accounts[] = { "Globex", "Initech" };
        const char *account = PICK (w, accounts);

        world_add_account (w, "s_account", account);
        return g_strdup_printf ("after adding the account %s to s_account", account);
      }
    case 8:
      world_add_activity (w, id);
      return g_strdup_printf ("after an activity of %s", name);
    case 9:
      {
        static const char * const accounts[] = { "Acme", "Globex", "Initech" };
        static const char * const industries[] = { "Software", "software", "Retail", "" };
        static const char * const sizes[] = { "10", "50", "500", "" };
        const char *account = PICK (w, accounts);

        set_account (w->f, account, "industry", PICK (w, industries));
        set_account (w->f, account, "employees", PICK (w, sizes));
        return g_strdup_printf ("after changing the account %s", account);
      }
    case 10:
      {
        static const char * const conditions[] = {
          "{\"combinator\": \"or\", \"rules\": [" GROUP_RULE ("in", "s_manual") ", " CITY_RULE ("berlin") "]}",
          "{\"combinator\": \"and\", \"rules\": [{\"field\": \"tag\", \"operator\": \"in\", \"value\": [\"vip\", \"lead\"]}]}",
          "{\"combinator\": \"or\", \"not\": true, \"rules\": [" GROUP_RULE ("in", "s_account") ", "
          "{\"field\": \"score\", \"operator\": \"<\", \"value\": 20}]}",
        };
        guint which = g_rand_int_range (w->rand, 0, G_N_ELEMENTS (conditions));
        gint64 group = *(gint64 *) g_hash_table_lookup (w->group_ids, "ref_static");
        gint64 added = 0, removed = 0;

        /* Until recalculated, the members follow the condition they had:
         * the oracle keeps it, and the mutations in between count. */
        if (w->pending == NULL)
          {
            if (!set_condition (w->f, group, conditions[which], &error))
              g_error ("setting the condition of ref_static: %s", error->message);
            w->pending = json_from_string (conditions[which], NULL);
            if (CHANCE (w, 50))
              return g_strdup_printf ("after setting condition %u on ref_static", which);
          }
        if (!cohort_store_recalculate_group (w->f->store, group, NULL, NULL, NULL, &added, &removed, &error))
          g_error ("recalculating ref_static: %s", error->message);
        g_hash_table_insert (w->dynamics, g_strdup ("ref_static"), g_steal_pointer (&w->pending));
        return g_strdup_printf ("after recalculating ref_static (+%" G_GINT64_FORMAT " -%" G_GINT64_FORMAT ")",
                                added, removed);
      }
    default:
      {
        g_autoptr(CohortContact) contact = cohort_store_get_contact (w->f->store, id, &error);

        /* Saving unchanged touches the contact: ROW-mode evaluation. */
        save_contact (w->f, contact);
        return g_strdup_printf ("after saving %s unchanged", name);
      }
    }
}

static void
test_incremental_random (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const references[][2] = {
    { "ref_static", "{\"combinator\": \"or\", \"rules\": [" GROUP_RULE ("in", "s_manual") ", " CITY_RULE ("berlin") "]}" },
    { "ref_dynamic", "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "ref_static") ", "
                     "{\"field\": \"tag\", \"operator\": \"!=\", \"value\": \"vip\"}]}" },
    { "ref_chain", "{\"combinator\": \"or\", \"rules\": [" GROUP_RULE ("notIn", "ref_dynamic") ", "
                   "{\"combinator\": \"and\", \"rules\": [" GROUP_RULE ("in", "s_account") ", "
                   "{\"field\": \"score\", \"operator\": \">\", \"value\": 50}]}]}" },
    { "ref_account", "{\"combinator\": \"and\", \"rules\": [{\"field\": \"account.industry\", \"operator\": \"=\", \"value\": \"software\"}, "
                     "{\"field\": \"activity\", \"operator\": \"atLeast\", \"value\": {\"type\": \"*\", \"count\": 2, \"days\": 365}}]}" },
  };
  g_autoptr(World) w = world_new (f, 17, 200);
  guint failed_steps = 0;

  world_load (w);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *code = g_strdup_printf ("d%u", i);
      g_autoptr(JsonNode) tree = random_tree (w, 1);

      world_add_dynamic (w, code, tree);
    }
  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      g_autoptr(JsonNode) tree = json_from_string (references[i][1], NULL);
      world_add_dynamic (w, references[i][0], tree);
    }
  failed_steps += !world_verify (w, "after creating the groups");

  for (guint step = 0; step < 90; step++)
    {
      g_autofree char *what = world_mutate (w);
      g_autofree char *when = g_strdup_printf ("(step %u) %s", step, what);

      failed_steps += !world_verify (w, when);
    }
  if (failed_steps > 0)
    g_test_message ("%u steps left a group wrong", failed_steps);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) g_test_add ("/recalc/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("operators/text", test_text_operators);
  ADD ("operators/email", test_email_operators);
  ADD ("operators/unicode", test_text_unicode);
  ADD ("operators/status", test_status_operators);
  ADD ("operators/integer", test_integer_operators);
  ADD ("operators/datetime", test_datetime_operators);
  ADD ("operators/datetime-range-zones", test_datetime_range_zones);
  ADD ("operators/updated-at", test_updated_at);
  ADD ("operators/last-activity-at", test_last_activity_at);
  ADD ("operators/tag", test_tag_operators);
  ADD ("operators/group", test_group_operators);
  ADD ("operators/activity", test_activity_operators);
  ADD ("operators/merged", test_merged_contacts);
  ADD ("operators/injection", test_injection_corpus);
  ADD ("groups/cycles", test_cycles_and_unknown_groups);
  ADD ("groups/thousand-rules", test_thousand_rules);
  ADD ("recalculate/cancel", test_recalculate_cancel);
  ADD ("recalculate/set-condition-holds-members", test_set_condition_holds_members);
  ADD ("recalculate/cancel-from-progress", test_recalculate_cancel_from_progress);
  ADD ("recalculate/async", test_recalculate_async);
  ADD ("explain", test_explain);
  ADD ("count-matches", test_count_matches);
  ADD ("incremental/references", test_incremental_references);
  ADD ("incremental/bulk", test_incremental_bulk);
  ADD ("incremental/membership-changes", test_membership_changes);
  ADD ("incremental/two-connections", test_two_connections);
  ADD ("incremental/random", test_incremental_random);
  ADD ("random/trees", test_random_trees);
#undef ADD

  return g_test_run ();
}
