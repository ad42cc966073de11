/* test-recalc.c — the condition engine against SPEC §2 and §3, by hand
 *
 * Every operator on every field, references between groups, recalculation
 * with cancel and progress (also async), explain and live counts, and the
 * incremental refresh in cases written out one by one. Each check builds a
 * real dynamic group over a real SQLite file and compares its members with
 * the names the SPEC says it must have. The random world and its oracle
 * are in test-recalc-random.c; what both share is in recalc-fixture.c.
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

#include "recalc-fixture.h"

/* ---- single rules and their complements --------------------------------- */

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
#undef ADD

  return g_test_run ();
}
