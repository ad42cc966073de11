/* cohort-cli-history.c — groups history, groups events, groups stats and
 * contacts history (SPEC §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "cohort-cli-private.h"
#include "cohort-history.h"
#include "cohort-text.h"

/* --since DATE (ISO 8601, read in the command's zone): into @out_since,
 * 0 without it. */
static gboolean
parse_since (CohortCli  *cli,
             const char *text,
             gint64     *out_since,
             int        *out_status)
{
  g_autoptr(GError) error = NULL;

  *out_since = 0;
  if (text == NULL)
    return TRUE;
  if (!cohort_datetime_parse (text, cli->tz, out_since, &error))
    {
      *out_status = cohort_cli_usage_error (cli, "--since: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_table_format (CohortCli  *cli,
                    const char *name,
                    gboolean   *out_json,
                    int        *out_status)
{
  if (name == NULL || g_str_equal (name, "csv"))
    *out_json = FALSE;
  else if (g_str_equal (name, "json"))
    *out_json = TRUE;
  else
    {
      *out_status = cohort_cli_usage_error (cli, _("--format: “%s” is not csv or json"), name);
      return FALSE;
    }
  return TRUE;
}

static CohortGroup *
find_group (CohortCli  *cli,
            GError    **error)
{
  CohortStore *store = cohort_cli_open_store (cli, error);

  return store != NULL ? cohort_store_find_group (store, cli->args[0], error) : NULL;
}

static int
groups_history (CohortCli *cli)
{
  g_autofree char *since_text = NULL;
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, N_("From this day on (default: the first day)"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv (the default) or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json;
  gint64 since;
  int status;

  if (!cohort_cli_parse (cli, entries, &status) ||
      !parse_since (cli, since_text, &since, &status) ||
      !parse_table_format (cli, format, &json, &status))
    return status;
  if (!(group = find_group (cli, &error)) ||
      !(days = cohort_history_list_days (cli->store, cohort_group_get_id (group), since, &error)))
    return cohort_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < days->len; i++)
        {
          CohortHistoryDay *day = g_ptr_array_index (days, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "date");
          json_builder_add_string_value (builder, day->day);
          json_builder_set_member_name (builder, "members");
          json_builder_add_int_value (builder, day->members);
          json_builder_set_member_name (builder, "joined");
          json_builder_add_int_value (builder, day->joined);
          json_builder_set_member_name (builder, "left");
          json_builder_add_int_value (builder, day->left);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      cohort_cli_print_json (root);
      return 0;
    }

  printf ("date,members,joined,left\n");
  for (guint i = 0; i < days->len; i++)
    {
      CohortHistoryDay *day = g_ptr_array_index (days, i);

      printf ("%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "\n",
              day->day, day->members, day->joined, day->left);
    }
  return 0;
}

/* The events as CSV or JSON; with @by_contact the group is named on each
 * row, otherwise the contact. */
static void
print_events (GPtrArray *events,
              gboolean   json,
              gboolean   by_contact)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < events->len; i++)
        {
          CohortHistoryEvent *event = g_ptr_array_index (events, i);
          g_autofree char *at = cohort_datetime_format (event->at);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "at");
          json_builder_add_string_value (builder, at);
          if (by_contact)
            {
              json_builder_set_member_name (builder, "group");
              json_builder_add_string_value (builder, event->group_code);
              json_builder_set_member_name (builder, "group_name");
              json_builder_add_string_value (builder, event->group_name);
            }
          else
            {
              json_builder_set_member_name (builder, "email");
              if (event->email != NULL)
                json_builder_add_string_value (builder, event->email);
              else
                json_builder_add_null_value (builder);
            }
          json_builder_set_member_name (builder, "change");
          json_builder_add_string_value (builder, event->joined ? "joined" : "left");
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, cohort_reason_to_string (event->reason));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      cohort_cli_print_json (root);
      return;
    }

  {
    const char *header[] = { "at", by_contact ? "group" : "email", "change", "reason" };
    cohort_cli_print_csv_row (header, G_N_ELEMENTS (header));
  }
  for (guint i = 0; i < events->len; i++)
    {
      CohortHistoryEvent *event = g_ptr_array_index (events, i);
      g_autofree char *at = cohort_datetime_format (event->at);
      const char *row[] = { at, by_contact ? event->group_code : event->email,
                            event->joined ? "joined" : "left", cohort_reason_to_string (event->reason) };

      cohort_cli_print_csv_row (row, G_N_ELEMENTS (row));
    }
}

static int
groups_events (CohortCli *cli)
{
  g_autofree char *since_text = NULL;
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, N_("From this time on"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv (the default) or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json;
  gint64 since;
  int status;

  if (!cohort_cli_parse (cli, entries, &status) ||
      !parse_since (cli, since_text, &since, &status) ||
      !parse_table_format (cli, format, &json, &status))
    return status;
  if (!(group = find_group (cli, &error)) ||
      !(events = cohort_history_list_events (cli->store, cohort_group_get_id (group), 0, since, &error)))
    return cohort_cli_fail (error);
  print_events (events, json, FALSE);
  return 0;
}

static int
groups_stats (CohortCli *cli)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  static const char * const statuses[] = { "active", "inactive", "unsubscribed", "bounced" };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  CohortGroupStats stats;
  double rate;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (!(group = find_group (cli, &error)) ||
      !cohort_history_get_stats (cli->store, cohort_group_get_id (group), &stats, &error))
    return cohort_cli_fail (error);
  rate = stats.members > 0 ? (double) stats.engaged / (double) stats.members : 0.0;

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, cohort_group_get_code (group));
      json_builder_set_member_name (builder, "members");
      json_builder_add_int_value (builder, stats.members);
      json_builder_set_member_name (builder, "status");
      json_builder_begin_object (builder);
      for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
        {
          json_builder_set_member_name (builder, statuses[i]);
          json_builder_add_int_value (builder, stats.by_status[i]);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "manual");
      json_builder_add_int_value (builder, stats.by_manual);
      json_builder_set_member_name (builder, "account");
      json_builder_add_int_value (builder, stats.by_account);
      json_builder_set_member_name (builder, "condition");
      json_builder_add_int_value (builder, stats.by_condition);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "engaged");
      json_builder_add_int_value (builder, stats.engaged);
      json_builder_set_member_name (builder, "engagement_rate");
      json_builder_add_double_value (builder, rate);
      json_builder_set_member_name (builder, "members_30_days_ago");
      json_builder_add_int_value (builder, stats.members_30_days_ago);
      json_builder_set_member_name (builder, "joined_30_days");
      json_builder_add_int_value (builder, stats.joined_30_days);
      json_builder_set_member_name (builder, "left_30_days");
      json_builder_add_int_value (builder, stats.left_30_days);
      /* Campaigns come with SPEC §8. */
      json_builder_set_member_name (builder, "last_campaign");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "running_campaigns");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      cohort_cli_print_json (root);
      return 0;
    }

  printf ("members: %" G_GINT64_FORMAT "\n", stats.members);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    printf ("%s: %" G_GINT64_FORMAT "\n", statuses[i], stats.by_status[i]);
  printf ("by hand or import: %" G_GINT64_FORMAT "\n", stats.by_manual);
  printf ("by account: %" G_GINT64_FORMAT "\n", stats.by_account);
  printf ("by condition: %" G_GINT64_FORMAT "\n", stats.by_condition);
  printf ("engaged (an email opened or clicked in 90 days): %" G_GINT64_FORMAT " (%.1f %%)\n",
          stats.engaged, rate * 100.0);
  printf ("30 days ago: %" G_GINT64_FORMAT " members; since then %" G_GINT64_FORMAT " joined, %"
          G_GINT64_FORMAT " left\n", stats.members_30_days_ago, stats.joined_30_days, stats.left_30_days);
  printf ("last campaign: none\n");
  return 0;
}

static int
contacts_history (CohortCli *cli)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortContact) contact = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !(contact = cohort_store_find_contact (store, cli->args[0], &error)) ||
      !(events = cohort_history_list_events (store, 0, cohort_contact_get_id (contact), 0, &error)))
    return cohort_cli_fail (error);
  print_events (events, as_json, TRUE);
  return 0;
}

const CohortCliCommand cohort_cli_history_commands[] = {
  { "groups", "history", "CODE [--since DATE] [--format csv|json]",
    N_("Print a group's members, joins and leaves per day"), 1, 1, groups_history },
  { "groups", "events", "CODE [--since DATE] [--format csv|json]",
    N_("Print who joined and left a group, when and why"), 1, 1, groups_events },
  { "groups", "stats", "CODE [--json]",
    N_("Print a group's statistics"), 1, 1, groups_stats },
  { "contacts", "history", "EMAIL [--json]",
    N_("Print the groups a contact joined and left, when and why"), 1, 1, contacts_history },
  { NULL }
};
