/* cohort-cli-campaigns.c — cohort-cli campaigns … (SPEC §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "cohort-campaign.h"
#include "cohort-cli-private.h"
#include "cohort-text.h"

/* "--include a b c" as "--include a --include b --include c", and
 * "--include a,b" as two: GOption takes one value a flag. Words after the
 * flag are groups until the next option. */
static void
spread_group_lists (CohortCli *cli)
{
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  const char *flag = NULL;
  gboolean flag_has_value = FALSE;

  for (guint i = 0; cli->argv[i] != NULL; i++)
    {
      const char *arg = cli->argv[i];

      if (g_str_equal (arg, "--include") || g_str_equal (arg, "--exclude"))
        {
          /* A flag without a value before it: GOption says so. */
          if (flag != NULL && !flag_has_value)
            g_strv_builder_add (argv, flag);
          flag = arg;
          flag_has_value = FALSE;
          continue;
        }
      if (flag != NULL && arg[0] != '-')
        {
          g_auto(GStrv) codes = g_strsplit (arg, ",", -1);

          for (guint j = 0; codes[j] != NULL; j++)
            if (*codes[j] != '\0')
              {
                g_autofree char *option = g_strdup_printf ("%s=%s", flag, codes[j]);
                g_strv_builder_add (argv, option);
              }
          flag_has_value = TRUE;
          continue;
        }
      if (flag != NULL && !flag_has_value)
        g_strv_builder_add (argv, flag);
      flag = NULL;
      g_strv_builder_add (argv, arg);
    }
  if (flag != NULL && !flag_has_value)
    g_strv_builder_add (argv, flag);
  g_strfreev (cli->argv);
  cli->argv = g_strv_builder_end (argv);
}

static gboolean
read_body (const char  *path,
           char       **out_body,
           GError     **error)
{
  gsize length;

  *out_body = NULL;
  return path == NULL || cohort_cli_read_input (path, out_body, &length, error);
}

/* create and set share their options. */
static int
edit_campaign (CohortCli *cli,
               gboolean   create)
{
  g_autofree char *name = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body_path = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) included = NULL;
  g_auto(GStrv) excluded = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The campaign’s name"), N_("NAME") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("email (the default) or sms"), N_("CHANNEL") },
    { "include", 0, 0, G_OPTION_ARG_STRING_ARRAY, &included, N_("A group whose members it targets (in order)"),
      N_("GROUP") },
    { "exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, &excluded, N_("A group whose members it leaves out"),
      N_("GROUP") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("The subject of its email"), N_("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_FILENAME, &body_path, N_("Its message, from a file or - for standard input"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  CohortCampaignFields fields = { 0 };
  CohortStore *store;
  int status;

  spread_group_lists (cli);
  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (create && name == NULL)
    return cohort_cli_usage_error (cli, _("A campaign needs --name"));
  if (create && included == NULL)
    return cohort_cli_usage_error (cli, _("A campaign needs at least one --include GROUP"));
  if (!read_body (body_path, &body, &error))
    return cohort_cli_fail (error);

  fields.name = name;
  fields.channel = channel;
  fields.included = (const char * const *) included;
  fields.excluded = (const char * const *) excluded;
  fields.subject = subject;
  fields.body = body;
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !(create ? cohort_store_create_campaign (store, cli->args[0], &fields, &error)
               : cohort_store_set_campaign (store, cli->args[0], &fields, &error)))
    return cohort_cli_fail (error);
  return 0;
}

static int
campaigns_create (CohortCli *cli)
{
  return edit_campaign (cli, TRUE);
}

static int
campaigns_set (CohortCli *cli)
{
  return edit_campaign (cli, FALSE);
}

static void
add_strv (JsonBuilder *builder,
          const char  *name,
          GStrv        values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_text_or_null (JsonBuilder *builder,
                  const char  *name,
                  const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time_or_null (JsonBuilder *builder,
                  const char  *name,
                  gint64       value)
{
  g_autofree char *text = value > 0 ? cohort_datetime_format (value) : NULL;

  add_text_or_null (builder, name, text);
}

static void
add_campaign (JsonBuilder    *builder,
              CohortCampaign *campaign)
{
  json_builder_begin_object (builder);
  add_text_or_null (builder, "code", campaign->code);
  add_text_or_null (builder, "name", campaign->name);
  add_text_or_null (builder, "channel", campaign->channel);
  add_text_or_null (builder, "status", campaign->status);
  add_strv (builder, "include", campaign->included);
  add_strv (builder, "exclude", campaign->excluded);
  add_text_or_null (builder, "subject", campaign->subject);
  add_text_or_null (builder, "body", campaign->body);
  add_time_or_null (builder, "created_at", campaign->created_at);
  add_time_or_null (builder, "started_at", campaign->started_at);
  add_time_or_null (builder, "finished_at", campaign->finished_at);
  json_builder_set_member_name (builder, "enrolled");
  json_builder_add_int_value (builder, campaign->n_enrolled);
  json_builder_end_object (builder);
}

static void
print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  cohort_cli_print_json (root);
}

static int
campaigns_list (CohortCli *cli)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !(campaigns = cohort_store_list_campaigns (store, &error)))
    return cohort_cli_fail (error);

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < campaigns->len; i++)
        add_campaign (builder, g_ptr_array_index (campaigns, i));
      json_builder_end_array (builder);
      print_builder (builder);
      return 0;
    }
  printf ("%-16s  %-5s  %-8s  %8s  %s\n", "CODE", "CHANNEL", "STATUS", "ENROLLED", "NAME");
  for (guint i = 0; i < campaigns->len; i++)
    {
      CohortCampaign *c = g_ptr_array_index (campaigns, i);

      printf ("%-16s  %-7s  %-8s  %8" G_GINT64_FORMAT "  %s\n", c->code, c->channel, c->status, c->n_enrolled,
              c->name);
    }
  return 0;
}

static int
campaigns_show (CohortCli *cli)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *included = NULL;
  g_autofree char *excluded = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !(campaign = cohort_store_get_campaign (store, cli->args[0], &error)))
    return cohort_cli_fail (error);

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_campaign (builder, campaign);
      print_builder (builder);
      return 0;
    }
  included = g_strjoinv (", ", campaign->included);
  excluded = g_strjoinv (", ", campaign->excluded);
  printf ("code: %s\nname: %s\nchannel: %s\nstatus: %s\ninclude: %s\nexclude: %s\nenrolled: %" G_GINT64_FORMAT "\n",
          campaign->code, campaign->name, campaign->channel, campaign->status, included, excluded,
          campaign->n_enrolled);
  if (campaign->subject != NULL)
    printf ("subject: %s\n", campaign->subject);
  return 0;
}

static int
campaigns_delete (CohortCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !cohort_store_delete_campaign (store, cli->args[0], &error))
    return cohort_cli_fail (error);
  return 0;
}

static int
act (CohortCli            *cli,
     CohortCampaignAction  action)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gint64 enrolled = 0;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !cohort_store_campaign_act (store, cli->args[0], action, &enrolled, &error))
    return cohort_cli_fail (error);
  if (action == COHORT_CAMPAIGN_START || action == COHORT_CAMPAIGN_RESUME || action == COHORT_CAMPAIGN_ENROL)
    printf ("enrolled %" G_GINT64_FORMAT "\n", enrolled);
  return 0;
}

static int campaigns_start (CohortCli *cli) { return act (cli, COHORT_CAMPAIGN_START); }
static int campaigns_pause (CohortCli *cli) { return act (cli, COHORT_CAMPAIGN_PAUSE); }
static int campaigns_resume (CohortCli *cli) { return act (cli, COHORT_CAMPAIGN_RESUME); }
static int campaigns_finish (CohortCli *cli) { return act (cli, COHORT_CAMPAIGN_FINISH); }
static int campaigns_enrol (CohortCli *cli) { return act (cli, COHORT_CAMPAIGN_ENROL); }

/* emails, csv or json of an audience or the enrolments. */
static int
print_members (CohortCli *cli,
               gboolean   enrolled)
{
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("emails (the default), csv or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (format != NULL && !g_str_equal (format, "emails") && !g_str_equal (format, "csv") &&
      !g_str_equal (format, "json"))
    return cohort_cli_usage_error (cli, _("--format: “%s” is not emails, csv or json"), format);
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !(members = enrolled ? cohort_store_campaign_enrolments (store, cli->args[0], &error)
                           : cohort_store_campaign_audience (store, cli->args[0], &error)))
    return cohort_cli_fail (error);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < members->len; i++)
        {
          CohortCampaignMember *m = g_ptr_array_index (members, i);

          json_builder_begin_object (builder);
          add_text_or_null (builder, "email", m->email);
          add_text_or_null (builder, "phone", m->phone);
          add_text_or_null (builder, "name", m->name);
          add_text_or_null (builder, "via", m->via);
          if (enrolled)
            add_time_or_null (builder, "enrolled_at", m->enrolled_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_builder (builder);
      return 0;
    }
  if (format != NULL && g_str_equal (format, "csv"))
    {
      const char *header[] = { "email", "phone", "name", "via", "enrolled_at" };
      cohort_cli_print_csv_row (header, enrolled ? 5 : 4);
    }
  for (guint i = 0; i < members->len; i++)
    {
      CohortCampaignMember *m = g_ptr_array_index (members, i);
      g_autofree char *at = NULL;

      if (format == NULL || g_str_equal (format, "emails"))
        {
          /* An SMS audience has phone numbers, maybe no email. */
          printf ("%s\n", m->email != NULL ? m->email : m->phone);
          continue;
        }
      at = enrolled ? cohort_datetime_format (m->enrolled_at) : NULL;
      {
        const char *row[] = { m->email, m->phone, m->name, m->via, at };
        cohort_cli_print_csv_row (row, enrolled ? 5 : 4);
      }
    }
  return 0;
}

static int campaigns_audience (CohortCli *cli) { return print_members (cli, FALSE); }
static int campaigns_enrolments (CohortCli *cli) { return print_members (cli, TRUE); }

static int
campaigns_stats (CohortCli *cli)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !(rows = cohort_store_campaign_stats (store, cli->args[0], &error)))
    return cohort_cli_fail (error);

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          CohortCampaignStats *row = g_ptr_array_index (rows, i);

          if (i == 0)
            {
              json_builder_set_member_name (builder, "groups");
              json_builder_begin_array (builder);
            }
          if (row->via == NULL)
            {
              json_builder_end_array (builder);
              json_builder_set_member_name (builder, "total");
            }
          json_builder_begin_object (builder);
          if (row->via != NULL)
            add_text_or_null (builder, "group", row->via);
          json_builder_set_member_name (builder, "enrolled");
          json_builder_add_int_value (builder, row->enrolled);
          json_builder_set_member_name (builder, "sent");
          json_builder_add_int_value (builder, row->sent);
          json_builder_set_member_name (builder, "opened");
          json_builder_add_int_value (builder, row->opened);
          json_builder_set_member_name (builder, "clicked");
          json_builder_add_int_value (builder, row->clicked);
          json_builder_set_member_name (builder, "open_rate");
          json_builder_add_double_value (builder, row->sent > 0 ? (double) row->opened / row->sent : 0.0);
          json_builder_set_member_name (builder, "click_rate");
          json_builder_add_double_value (builder, row->sent > 0 ? (double) row->clicked / row->sent : 0.0);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      print_builder (builder);
      return 0;
    }

  printf ("%-16s  %8s  %8s  %8s  %8s  %6s  %6s\n", "GROUP", "ENROLLED", "SENT", "OPENED", "CLICKED", "OPEN%",
          "CLICK%");
  for (guint i = 0; i < rows->len; i++)
    {
      CohortCampaignStats *row = g_ptr_array_index (rows, i);

      printf ("%-16s  %8" G_GINT64_FORMAT "  %8" G_GINT64_FORMAT "  %8" G_GINT64_FORMAT "  %8" G_GINT64_FORMAT
              "  %6.1f  %6.1f\n",
              row->via != NULL ? row->via : "total", row->enrolled, row->sent, row->opened, row->clicked,
              row->sent > 0 ? 100.0 * row->opened / row->sent : 0.0,
              row->sent > 0 ? 100.0 * row->clicked / row->sent : 0.0);
    }
  return 0;
}

const CohortCliCommand cohort_cli_campaigns_commands[] = {
  { "campaigns", "create",
    "CODE --name NAME [--channel email|sms] --include GROUP… [--exclude GROUP…] [--subject TEXT] [--body FILE|-]",
    N_("Create a draft campaign"), 1, 1, campaigns_create },
  { "campaigns", "set", "CODE [--name N] [--include G]… [--exclude G]… [--subject T] [--body FILE|-]",
    N_("Change a campaign"), 1, 1, campaigns_set },
  { "campaigns", "audience", "CODE [--format emails|csv|json]",
    N_("Print who would be enrolled now"), 1, 1, campaigns_audience },
  { "campaigns", "start", "CODE", N_("Start a draft campaign: enrol its audience"), 1, 1, campaigns_start },
  { "campaigns", "pause", "CODE", N_("Pause a running campaign"), 1, 1, campaigns_pause },
  { "campaigns", "resume", "CODE", N_("Resume a paused campaign"), 1, 1, campaigns_resume },
  { "campaigns", "finish", "CODE", N_("Finish a campaign for good"), 1, 1, campaigns_finish },
  { "campaigns", "enrol", "CODE", N_("Enrol the audience not yet enrolled"), 1, 1, campaigns_enrol },
  { "campaigns", "enrolments", "CODE [--format emails|csv|json]",
    N_("Print who is enrolled and through which group"), 1, 1, campaigns_enrolments },
  { "campaigns", "stats", "CODE [--json]",
    N_("Print enrolled, sent, opened and clicked per group"), 1, 1, campaigns_stats },
  { "campaigns", "list", "[--json]", N_("List the campaigns"), 0, 0, campaigns_list },
  { "campaigns", "show", "CODE [--json]", N_("Show a campaign"), 1, 1, campaigns_show },
  { "campaigns", "delete", "CODE", N_("Delete a campaign"), 1, 1, campaigns_delete },
  { NULL }
};
