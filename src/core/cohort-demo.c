/* cohort-demo.c — deterministic, realistic sample data
 *
 * "Load sample data" and every benchmark use this, so it has to be fast
 * (a million contacts in well under a minute) and reproducible: rows are
 * written straight into the tables with prepared statements, in id order, in
 * one transaction, from a private random generator whose output depends on
 * nothing but the seed and the store's "now".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-demo.h"
#include "cohort-demo-private.h"
#include "cohort-error.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

#define HISTORY_DAYS  730
#define MAX_RETRIES   100

/* Shares of the whole run reported through the progress callback, by
 * how long each part takes. */
#define PROGRESS_ROWS     0.45
#define PROGRESS_INDEXES  0.88
#define PROGRESS_GROUPS   0.96

/* CREATE INDEX runs about this many virtual machine steps per row. */
#define INDEX_OPS_PER_ROW   11
#define INDEX_PROGRESS_OPS  100000

static const struct
{
  const char *table;
  const char *sql;
} bulk_inserts[N_INSERTS] = {
  [INSERT_CONTACT] = { "contacts",
    "INSERT INTO contacts (id, email, email_fold, first_name, first_name_fold,"
    " last_name, last_name_fold, phone, phone_fold, job_title, job_title_fold,"
    " city, city_fold, country, country_fold, status, score, account_id,"
    " created_at, updated_at, last_activity_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
    " ?16, ?17, ?18, ?19, ?20, ?21)" },
  [INSERT_TAG] = { "contact_tags",
    "INSERT INTO contact_tags (contact_id, tag_fold, tag) VALUES (?1, ?2, ?3)" },
  [INSERT_FIELD] = { "contact_fields",
    "INSERT INTO contact_fields (contact_id, key, value, value_fold) VALUES (?1, ?2, ?3, ?4)" },
  [INSERT_ACTIVITY] = { "activities",
    "INSERT INTO activities (contact_id, type, occurred_at, detail) VALUES (?1, ?2, ?3, ?4)" },
};

static void
demo_generator_init (DemoGenerator *self,
                     CohortStore   *store,
                     guint32        seed)
{
  self->store = store;
  self->rng.state = seed;
  self->now = cohort_store_get_now (store);
  self->folds = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->keys = g_hash_table_new (NULL, NULL);
  self->strings = g_string_chunk_new (4096);
  self->accounts = g_array_new (FALSE, FALSE, sizeof (DemoAccount));
  demo_weigh_cultures (self);
}

static void
demo_generator_clear (DemoGenerator *self)
{
  /* The store keeps these statements; they must not point at our buffers. */
  for (guint i = 0; i < N_INSERTS; i++)
    if (self->inserts[i] != NULL)
      {
        sqlite3_reset (self->inserts[i]);
        sqlite3_clear_bindings (self->inserts[i]);
      }
  g_clear_pointer (&self->folds, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->accounts, g_array_unref);
}

/* Never backwards, although index progress is an estimate. */
static void
report (DemoGenerator *self,
        double         fraction)
{
  if (self->progress != NULL && fraction > self->reported)
    self->progress (fraction, self->progress_data);
  self->reported = MAX (self->reported, fraction);
}

/* Folds each table string once; keyed by address, so only for strings that
 * outlive the generator. */
static const char *
fold_of (DemoGenerator *self,
         const char    *text)
{
  char *fold;

  if (text == NULL)
    return NULL;
  fold = g_hash_table_lookup (self->folds, text);
  if (fold == NULL)
    {
      fold = cohort_text_fold (text);
      g_hash_table_insert (self->folds, (gpointer) text, fold);
    }
  return fold;
}

/* ---- SQL helpers --------------------------------------------------------- */

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

/* Steps an INSERT. A UNIQUE violation is reported through @out_taken
 * (when given) instead of as an error, so that the caller can try another
 * name or address. */
static gboolean
step_insert (DemoGenerator  *self,
             sqlite3_stmt   *stmt,
             gboolean       *out_taken,
             GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (out_taken != NULL)
    *out_taken = rc != SQLITE_DONE &&
      sqlite3_extended_errcode (cohort_store_get_db (self->store)) == SQLITE_CONSTRAINT_UNIQUE;
  if (rc != SQLITE_DONE && (out_taken == NULL || !*out_taken))
    cohort_store_set_error (self->store, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || (out_taken != NULL && *out_taken);
}

static gboolean
query_int64 (DemoGenerator  *self,
             const char     *sql,
             const char     *text_param,
             gint64         *out_value,
             GError        **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self->store, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  if (text_param != NULL)
    sqlite3_bind_text (stmt, 1, text_param, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *out_value = sqlite3_column_int64 (stmt, 0);
  else
    cohort_store_set_error (self->store, error);
  sqlite3_reset (stmt);
  return ok;
}

/* The first column of every row, as gint64 values. */
static GArray *
query_ids (DemoGenerator  *self,
           const char     *sql,
           gint64          param,
           GError        **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self->store, sql, error);
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
      cohort_store_set_error (self->store, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* ---- accounts ----------------------------------------------------------- */

static gboolean
generate_accounts (DemoGenerator  *self,
                   guint           n_accounts,
                   GError        **error)
{
  DemoRng *rng = &self->rng;
  sqlite3_stmt *stmt;
  gint64 first_id;

  if (!query_int64 (self, "SELECT coalesce (max (id), 0) + 1 FROM accounts", NULL,
                    &first_id, error))
    return FALSE;
  stmt = cohort_store_prepare (self->store,
                               "INSERT INTO accounts (id, name, name_fold, industry,"
                               " industry_fold, employees) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_accounts; i++)
    {
      DemoAccount account = {
        first_id + i, demo_pick_country_of (self, demo_pick_culture (self)), NULL
      };
      const DemoSector *sector = &demo_sectors[demo_rng_below (rng, G_N_ELEMENTS (demo_sectors))];
      guint size_index = DEMO_RNG_WEIGHTED (rng, demo_company_sizes,
                                            G_N_ELEMENTS (demo_company_sizes), weight);
      const DemoSizeBucket *size = &demo_company_sizes[size_index];
      const char *industry = demo_rng_percent (rng, 96) ? sector->industry : NULL;
      gboolean has_employees = demo_rng_percent (rng, 94);
      gint64 employees = size->low + demo_rng_below (rng, size->high - size->low + 1);
      gboolean taken = TRUE;
      char domain[128];

      for (guint attempt = 0; taken; attempt++)
        {
          g_autofree char *name = demo_build_account_name (self, account.country, sector, attempt,
                                                           domain, sizeof domain);

          sqlite3_bind_int64 (stmt, 1, account.id);
          sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, cohort_text_fold (name), -1, g_free);
          bind_text (stmt, 4, industry);
          bind_text (stmt, 5, fold_of (self, industry));
          cohort_store_bind_int64_or_null (stmt, 6, has_employees, employees);
          if (!step_insert (self, stmt, attempt < MAX_RETRIES ? &taken : NULL, error))
            return FALSE;
        }
      account.domain = g_string_chunk_insert_const (self->strings, domain);
      g_array_append_val (self->accounts, account);
    }
  return TRUE;
}

/* ---- contacts ------------------------------------------------------------ */

static gboolean
insert_tag (DemoGenerator  *self,
            gint64          contact_id,
            const char     *tag,
            GError        **error)
{
  sqlite3_stmt *stmt = self->inserts[INSERT_TAG];

  sqlite3_bind_int64 (stmt, 1, contact_id);
  bind_text (stmt, 2, fold_of (self, tag));
  bind_text (stmt, 3, tag);
  self->n_rows[INSERT_TAG]++;
  return step_insert (self, stmt, NULL, error);
}

/* @key without the "custom." that conditions put in front of it. */
static gboolean
insert_field (DemoGenerator  *self,
              gint64          contact_id,
              const char     *key,
              const char     *value,
              GError        **error)
{
  sqlite3_stmt *stmt = self->inserts[INSERT_FIELD];

  sqlite3_bind_int64 (stmt, 1, contact_id);
  bind_text (stmt, 2, key);
  bind_text (stmt, 3, value);
  bind_text (stmt, 4, fold_of (self, value));
  if (!step_insert (self, stmt, NULL, error))
    return FALSE;
  /* Keys are literals: a pointer set is enough. */
  if (g_hash_table_contains (self->keys, key))
    return TRUE;
  g_hash_table_add (self->keys, (gpointer) key);
  return cohort_store_add_custom_key (self->store, key, error);
}

static gboolean
insert_activities (DemoGenerator  *self,
                   gint64          contact_id,
                   guint           n_activities,
                   GError        **error)
{
  sqlite3_stmt *stmt = self->inserts[INSERT_ACTIVITY];

  self->n_rows[INSERT_ACTIVITY] += n_activities;
  for (guint i = 0; i < n_activities; i++)
    {
      sqlite3_bind_int64 (stmt, 1, contact_id);
      bind_text (stmt, 2, self->activities[i].type);
      sqlite3_bind_int64 (stmt, 3, self->activities[i].occurred_at);
      bind_text (stmt, 4, self->activities[i].detail);
      if (!step_insert (self, stmt, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
generate_contact (DemoGenerator  *self,
                  gint64          id,
                  GError        **error)
{
  static const char *const score_bands[] = { "D", "C", "B", "A" };
  DemoRng *rng = &self->rng;
  sqlite3_stmt *stmt = self->inserts[INSERT_CONTACT];
  const DemoCulture *culture;
  const DemoCountry *country;
  const DemoAccount *account = demo_place_contact (self, &culture, &country);
  gboolean female = demo_rng_below (rng, 2) == 1;
  gboolean native = culture->native_percent > 0 && demo_rng_percent (rng, culture->native_percent);
  const DemoName *first = female ? &culture->female[demo_rng_below (rng, culture->n_female)]
                                 : &culture->male[demo_rng_below (rng, culture->n_male)];
  const DemoName *last = &culture->last[demo_rng_below (rng, culture->n_last)];
  const char *domain = NULL, *job_title = NULL, *city, *status;
  const char *tags[DEMO_MAX_TAGS];
  gboolean has_phone, has_score, taken = TRUE;
  gint64 score, created_at, updated_at;
  guint n_tags, n_activities;

  demo_build_local_part (self, demo_name_form (first, FALSE, female),
                         demo_name_form (last, FALSE, female), culture->german_umlauts);
  if (demo_rng_percent (rng, 98))
    domain = account != NULL && demo_rng_percent (rng, 70)
             ? account->domain
             : demo_rng_pick (rng, country->mail_domains, country->n_mail_domains);
  has_phone = demo_rng_percent (rng, 75);
  if (has_phone)
    {
      /* One draw per statement: the order of arguments is unspecified. */
      guint32 area = 10 + demo_rng_below (rng, 890);
      guint32 number = demo_rng_below (rng, 10000000);

      g_snprintf (self->phone, sizeof self->phone, "+%s %u %07u", country->dial, area, number);
    }
  if (demo_rng_percent (rng, 88))
    job_title = culture->n_titles > 0 && demo_rng_percent (rng, 30)
                ? demo_rng_pick (rng, culture->titles, culture->n_titles)
                : demo_rng_pick (rng, demo_job_titles, G_N_ELEMENTS (demo_job_titles));
  city = demo_rng_pick (rng, country->cities, country->n_cities);
  status = demo_statuses[domain != NULL
                         ? DEMO_RNG_WEIGHTED (rng, demo_statuses, G_N_ELEMENTS (demo_statuses),
                                              weight)
                         : DEMO_RNG_WEIGHTED (rng, demo_statuses, G_N_ELEMENTS (demo_statuses),
                                              weight_no_email)].status;
  has_score = demo_rng_percent (rng, 85);
  score = demo_rng_below (rng, 101);
  score = (score + demo_rng_below (rng, 101)) / 2;
  /* The list grew over the two years: recent contacts are the most. */
  created_at = self->now - 1 - demo_rng_below_skewed (rng, (guint32) (HISTORY_DAYS * DEMO_DAY));
  updated_at = created_at;
  if (demo_rng_percent (rng, 55))
    updated_at += demo_rng_below (rng, (guint32) (self->now - created_at + 1));
  n_tags = demo_pick_tags (rng, domain != NULL && !g_str_equal (status, "unsubscribed"), tags);
  n_activities = demo_generate_activities (self, created_at, domain != NULL);

  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 4, demo_name_form (first, native, female));
  bind_text (stmt, 5, fold_of (self, demo_name_form (first, native, female)));
  bind_text (stmt, 6, demo_name_form (last, native, female));
  bind_text (stmt, 7, fold_of (self, demo_name_form (last, native, female)));
  /* Generated numbers and addresses are lower-case ASCII: their own fold. */
  bind_text (stmt, 8, has_phone ? self->phone : NULL);
  bind_text (stmt, 9, has_phone ? self->phone : NULL);
  bind_text (stmt, 10, job_title);
  bind_text (stmt, 11, fold_of (self, job_title));
  bind_text (stmt, 12, city);
  bind_text (stmt, 13, fold_of (self, city));
  bind_text (stmt, 14, country->code);
  bind_text (stmt, 15, fold_of (self, country->code));
  bind_text (stmt, 16, status);
  cohort_store_bind_int64_or_null (stmt, 17, has_score, score);
  cohort_store_bind_int64_or_null (stmt, 18, account != NULL, account != NULL ? account->id : 0);
  sqlite3_bind_int64 (stmt, 19, created_at);
  sqlite3_bind_int64 (stmt, 20, updated_at);
  cohort_store_bind_int64_or_null (stmt, 21, n_activities > 0,
                    n_activities > 0 ? self->activities[n_activities - 1].occurred_at : 0);
  self->n_rows[INSERT_CONTACT]++;
  for (guint attempt = 0; taken; attempt++)
    {
      if (domain != NULL)
        demo_format_email (self, id, domain, attempt);
      bind_text (stmt, 2, domain != NULL ? self->email : NULL);
      bind_text (stmt, 3, domain != NULL ? self->email : NULL);
      if (!step_insert (self, stmt, attempt < MAX_RETRIES ? &taken : NULL, error))
        return FALSE;
    }

  for (guint i = 0; i < n_tags; i++)
    if (!insert_tag (self, id, tags[i], error))
      return FALSE;
  if (demo_rng_percent (rng, 25) &&
      !insert_field (self, id, "favourite_product",
                     demo_rng_pick (rng, demo_products, G_N_ELEMENTS (demo_products)), error))
    return FALSE;
  if (has_score && !insert_field (self, id, "lead_score_band", score_bands[MIN (score / 25, 3)], error))
    return FALSE;
  if (demo_rng_percent (rng, 92) &&
      !insert_field (self, id, "source",
                     demo_sources[DEMO_RNG_WEIGHTED (rng, demo_sources, G_N_ELEMENTS (demo_sources),
                                                     weight)].value, error))
    return FALSE;
  return insert_activities (self, id, n_activities, error);
}

static gboolean
generate_contacts (DemoGenerator  *self,
                   gint64          first_id,
                   guint           n_contacts,
                   GError        **error)
{
  guint step = MAX (n_contacts / 100, 1);

  for (guint i = 0; i < N_INSERTS; i++)
    {
      self->inserts[i] = cohort_store_prepare (self->store, bulk_inserts[i].sql, error);
      if (self->inserts[i] == NULL)
        return FALSE;
    }
  for (guint i = 0; i < n_contacts; i++)
    {
      if (!generate_contact (self, first_id + i, error))
        return FALSE;
      if ((i + 1) % step == 0)
        report (self, PROGRESS_ROWS * (i + 1) / n_contacts);
    }
  return TRUE;
}

/* ---- indexes ------------------------------------------------------------- */

/* The secondary indexes of the tables filled in bulk, with their exact
 * definitions from the database. */
#define BULK_INDEXES \
  "FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL" \
  " AND tbl_name IN ('contacts', 'contact_tags', 'activities') ORDER BY name"

/* Building an index once after millions of rows are in is several times
 * faster than updating it row by row. The definitions are read back from the
 * database, so they return exactly as the schema made them. Returns them,
 * and the table of each in @out_tables. */
static GStrv
drop_bulk_indexes (DemoGenerator  *self,
                   GStrv          *out_tables,
                   GError        **error)
{
  g_auto(GStrv) definitions = cohort_store_query_strings (self->store, "SELECT sql " BULK_INDEXES, 0, error);
  g_auto(GStrv) tables = NULL;
  g_auto(GStrv) drops = NULL;

  if (definitions == NULL ||
      !(tables = cohort_store_query_strings (self->store, "SELECT tbl_name " BULK_INDEXES, 0, error)) ||
      !(drops = cohort_store_query_strings (self->store,
                                            "SELECT format ('DROP INDEX \"%w\"', name) " BULK_INDEXES,
                                            0, error)))
    return NULL;
  for (guint i = 0; drops[i] != NULL; i++)
    if (!cohort_store_exec (self->store, drops[i], error))
      return NULL;
  *out_tables = g_steal_pointer (&tables);
  return g_steal_pointer (&definitions);
}

typedef struct
{
  DemoGenerator *self;
  gint64         ops;
  gint64         total_ops;
} IndexProgress;

static int
index_progress_cb (void *data)
{
  IndexProgress *progress = data;

  progress->ops += INDEX_PROGRESS_OPS;
  report (progress->self, PROGRESS_ROWS + (PROGRESS_INDEXES - PROGRESS_ROWS) *
                          MIN (1.0, (double) progress->ops / progress->total_ops));
  return 0;
}

static gint64
index_ops (DemoGenerator *self,
           const char    *table)
{
  for (guint i = 0; i < N_INSERTS; i++)
    if (g_str_equal (bulk_inserts[i].table, table))
      return INDEX_OPS_PER_ROW * self->n_rows[i];
  return 0;
}

static gboolean
create_indexes (DemoGenerator  *self,
                GStrv           definitions,
                GStrv           tables,
                GError        **error)
{
  sqlite3 *db = cohort_store_get_db (self->store);
  IndexProgress progress = { self, 0, 1 };
  gint64 done = 0;
  gboolean ok = TRUE;

  for (guint i = 0; tables[i] != NULL; i++)
    progress.total_ops += index_ops (self, tables[i]);
  sqlite3_progress_handler (db, INDEX_PROGRESS_OPS, index_progress_cb, &progress);
  for (guint i = 0; ok && definitions[i] != NULL; i++)
    {
      ok = cohort_store_exec (self->store, definitions[i], error);
      done += index_ops (self, tables[i]);
      progress.ops = done;
    }
  sqlite3_progress_handler (db, 0, NULL, NULL);
  return ok;
}

/* ---- example groups ------------------------------------------------------ */

static gboolean
create_group (DemoGenerator    *self,
              const DemoGroup  *spec,
              gint64            first_contact_id,
              GError          **error)
{
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GArray) members = NULL;
  gint64 exists;

  /* Sample data loaded a second time keeps the groups the first load made. */
  if (!query_int64 (self, "SELECT EXISTS (SELECT 1 FROM groups WHERE code = ?1)", spec->code,
                    &exists, error))
    return FALSE;
  if (exists)
    return TRUE;

  group = cohort_group_new (spec->code, spec->name,
                            spec->condition != NULL ? COHORT_GROUP_DYNAMIC : COHORT_GROUP_STATIC);
  cohort_group_set_description (group, spec->description);
  cohort_group_set_color (group, spec->color);
  if (spec->condition != NULL)
    {
      g_autoptr(CohortCondition) condition = cohort_condition_parse (spec->condition, -1, error);
      g_autofree char *json = NULL;

      if (condition == NULL)
        return FALSE;
      json = cohort_condition_to_json (condition, FALSE);
      cohort_group_set_condition_json (group, json);
      return cohort_store_create_group (self->store, group, error);
    }

  if (!cohort_store_create_group (self->store, group, error))
    return FALSE;
  members = query_ids (self, spec->members_sql, first_contact_id, error);
  if (members == NULL)
    return FALSE;
  if (members->len > 0 &&
      !cohort_store_add_members (self->store, cohort_group_get_id (group),
                                 (const gint64 *) members->data, members->len, error))
    return FALSE;
  /* The first accounts have the most contacts (see demo_place_contact ()). */
  for (guint i = 0; i < MIN (spec->n_accounts, self->accounts->len); i++)
    if (!cohort_store_add_group_account (self->store, cohort_group_get_id (group),
                                         g_array_index (self->accounts, DemoAccount, i).id, error))
      return FALSE;
  return TRUE;
}

/* ---- the whole run ------------------------------------------------------- */

static gboolean
generate (DemoGenerator  *self,
          guint           n_contacts,
          GError        **error)
{
  g_auto(GStrv) index_definitions = NULL;
  g_auto(GStrv) index_tables = NULL;
  gint64 first_contact_id, had_dynamic_groups;

  if (!query_int64 (self, "SELECT coalesce (max (id), 0) + 1 FROM contacts", NULL,
                    &first_contact_id, error) ||
      !query_int64 (self, "SELECT EXISTS (SELECT 1 FROM groups WHERE kind = 'dynamic')", NULL,
                    &had_dynamic_groups, error))
    return FALSE;

  if (first_contact_id == 1)
    {
      index_definitions = drop_bulk_indexes (self, &index_tables, error);
      if (index_definitions == NULL)
        return FALSE;
    }
  if (!generate_accounts (self, n_contacts > 0 ? MAX (n_contacts / 50, 1) : 0, error) ||
      !generate_contacts (self, first_contact_id, n_contacts, error))
    return FALSE;
  if (index_definitions != NULL &&
      !create_indexes (self, index_definitions, index_tables, error))
    return FALSE;

  /* Rows written directly bypass incremental recalculation: bring the
   * dynamic groups that were already there up to date for them. */
  if (had_dynamic_groups && n_contacts > 0 &&
      (!cohort_store_touch_sql (self->store, "INSERT OR IGNORE INTO temp.touched (id) SELECT id FROM contacts WHERE id >= ?1",
                                first_contact_id, error) ||
       !cohort_store_refresh_touched (self->store, error)))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_groups); i++)
    {
      if (!create_group (self, &demo_groups[i], first_contact_id, error))
        return FALSE;
      report (self, PROGRESS_INDEXES +
                    (PROGRESS_GROUPS - PROGRESS_INDEXES) * (i + 1) / G_N_ELEMENTS (demo_groups));
    }
  return TRUE;
}

/* Connection settings for the bulk load, restored afterwards: a cache that
 * holds the unique e-mail index (filled in random order), no foreign key
 * checks (every row refers to rows this run wrote) and a second thread for
 * the sorts that build indexes. */
static const char *const bulk_pragmas[][2] = {
  { "cache_size", "-65536" },
  { "foreign_keys", "OFF" },
  { "threads", "2" },
};

/* Returns how many it changed, their old values in @saved; fewer than all
 * on error. */
static guint
set_bulk_pragmas (DemoGenerator  *self,
                  gint64         *saved,
                  GError        **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (bulk_pragmas); i++)
    {
      g_autofree char *get = g_strdup_printf ("PRAGMA %s", bulk_pragmas[i][0]);
      g_autofree char *set = g_strdup_printf ("PRAGMA %s = %s", bulk_pragmas[i][0],
                                              bulk_pragmas[i][1]);

      if (!query_int64 (self, get, NULL, &saved[i], error) ||
          !cohort_store_exec (self->store, set, error))
        return i;
    }
  return G_N_ELEMENTS (bulk_pragmas);
}

static void
restore_pragmas (DemoGenerator *self,
                 const gint64  *saved,
                 guint          n_saved)
{
  for (guint i = 0; i < n_saved; i++)
    {
      g_autofree char *set = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT,
                                              bulk_pragmas[i][0], saved[i]);

      cohort_store_exec (self->store, set, NULL);
    }
}

gboolean
cohort_demo_generate (CohortStore         *store,
                      guint                n_contacts,
                      guint32              seed,
                      CohortProgressFunc   progress,
                      gpointer             progress_data,
                      GError             **error)
{
  DemoGenerator self = { 0 };
  gint64 saved[G_N_ELEMENTS (bulk_pragmas)];
  guint n_saved;
  gboolean ok;

  g_return_val_if_fail (COHORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  demo_generator_init (&self, store, seed);
  self.progress = progress;
  self.progress_data = progress_data;

  n_saved = set_bulk_pragmas (&self, saved, error);
  ok = n_saved == G_N_ELEMENTS (bulk_pragmas) && cohort_store_begin (store, error);
  if (ok)
    {
      ok = generate (&self, n_contacts, error);
      if (ok)
        ok = cohort_store_commit (store, error);
      else
        cohort_store_rollback (store);
    }
  restore_pragmas (&self, saved, n_saved);
  demo_generator_clear (&self);

  if (!ok)
    {
      g_prefix_error (error, _("Could not add the sample data: "));
      return FALSE;
    }
  report (&self, 1.0);
  return TRUE;
}
