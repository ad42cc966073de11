/* test-recalc-random.c — the condition engine against an oracle
 *
 * A random world of contacts, accounts, activities, merges and static
 * groups, and an oracle written in this file from the SPEC's words alone,
 * so that a mistake in cohort-compile.c cannot hide behind the same
 * mistake here. Random condition trees are checked against the oracle
 * (and explain() against it node by node), and so is the incremental
 * refresh of dynamic groups through a run of random changes.
 *
 * Failures are collected (non-fatal assertions) so that one run lists every
 * rule the engine gets wrong, each with its JSON and the two member lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cohort-recalc.h"
#include "cohort-store.h"

#include "recalc-fixture.h"

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
  ADD ("incremental/random", test_incremental_random);
  ADD ("random/trees", test_random_trees);
#undef ADD

  return g_test_run ();
}
