/* cohort-cli-outbox.c — response messages, keywords, opt-ins and the
 * outbox (SPEC §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <unistd.h>

#include "cohort-cli-private.h"
#include "cohort-csv.h"
#include "cohort-outbox.h"
#include "cohort-text.h"

static int
groups_set_response (CohortCli *cli)
{
  g_autofree char *subject = NULL;
  g_autofree char *body_path = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *body = NULL;
  gboolean off = FALSE;
  const GOptionEntry entries[] = {
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("The subject of the email"), N_("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_FILENAME, &body, N_("The message, from a file or - for standard input"),
      N_("FILE") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("email (the default) or sms"), N_("CHANNEL") },
    { "off", 0, 0, G_OPTION_ARG_NONE, &off, N_("Send no response message any more"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gsize length;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  body_path = g_steal_pointer (&body);
  if (off == (body_path != NULL))
    return cohort_cli_usage_error (cli, _("Give either --body FILE or --off"));
  if (body_path != NULL && !cohort_cli_read_input (body_path, &body, &length, &error))
    return cohort_cli_fail (error);
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !(group = cohort_store_find_group (store, cli->args[0], &error)) ||
      !cohort_store_set_group_response (store, cohort_group_get_id (group), channel, subject, body, &error))
    return cohort_cli_fail (error);
  return 0;
}

static int
groups_set_keyword (CohortCli *cli)
{
  gboolean off = FALSE;
  const GOptionEntry entries[] = {
    { "off", 0, 0, G_OPTION_ARG_NONE, &off, N_("Take the keyword away"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (off == (cli->n_args == 2))
    return cohort_cli_usage_error (cli, _("Give either a WORD or --off"));
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !(group = cohort_store_find_group (store, cli->args[0], &error)) ||
      !cohort_store_set_group_keyword (store, cohort_group_get_id (group), off ? NULL : cli->args[1], &error))
    return cohort_cli_fail (error);
  return 0;
}

static int
optins_import (CohortCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortImportReport) report = cohort_import_report_new ();
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !cohort_import_optins (store, cli->args[0], report, &error))
    return cohort_cli_fail (error);
  /* Texts that are no keyword are reported, not errors (SPEC §9). */
  return cohort_cli_print_report (report);
}

static const char * const states[] = { "queued", "sending", "sent", "failed", "skipped", "cancelled", NULL };

static int
outbox_list (CohortCli *cli)
{
  g_autofree char *state = NULL;
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("Only messages in this state"), N_("STATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv (the default) or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (state != NULL && !g_strv_contains (states, state))
    return cohort_cli_usage_error (cli, _("--state: “%s” is not queued, sending, sent, failed, skipped or cancelled"),
                                   state);
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return cohort_cli_usage_error (cli, _("--format: “%s” is not csv or json"), format);
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !(messages = cohort_store_list_messages (store, state, &error)))
    return cohort_cli_fail (error);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < messages->len; i++)
        {
          CohortMessage *m = g_ptr_array_index (messages, i);
          g_autofree char *created = cohort_datetime_format (m->created_at);
          g_autofree char *sent = m->sent_at > 0 ? cohort_datetime_format (m->sent_at) : NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, m->id);
          json_builder_set_member_name (builder, "channel");
          json_builder_add_string_value (builder, m->channel);
          json_builder_set_member_name (builder, "recipient");
          json_builder_add_string_value (builder, m->recipient);
          json_builder_set_member_name (builder, "origin");
          json_builder_add_string_value (builder, m->origin);
          json_builder_set_member_name (builder, "state");
          json_builder_add_string_value (builder, m->state);
          json_builder_set_member_name (builder, "reason");
          if (m->reason != NULL)
            json_builder_add_string_value (builder, m->reason);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "attempts");
          json_builder_add_int_value (builder, m->attempts);
          json_builder_set_member_name (builder, "created_at");
          json_builder_add_string_value (builder, created);
          json_builder_set_member_name (builder, "sent_at");
          if (sent != NULL)
            json_builder_add_string_value (builder, sent);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      cohort_cli_print_json (root);
      return 0;
    }

  {
    const char *header[] = { "id", "channel", "recipient", "origin", "state", "reason", "attempts", "created_at",
                             "sent_at" };
    cohort_csv_append_row (out, header, G_N_ELEMENTS (header));
  }
  for (guint i = 0; i < messages->len; i++)
    {
      CohortMessage *m = g_ptr_array_index (messages, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, m->id);
      g_autofree char *attempts = g_strdup_printf ("%u", m->attempts);
      g_autofree char *created = cohort_datetime_format (m->created_at);
      g_autofree char *sent = m->sent_at > 0 ? cohort_datetime_format (m->sent_at) : g_strdup ("");
      const char *row[] = { id, m->channel, m->recipient, m->origin, m->state, m->reason != NULL ? m->reason : "",
                            attempts, created, sent };

      cohort_csv_append_row (out, row, G_N_ELEMENTS (row));
    }
  fwrite (out->str, 1, out->len, stdout);
  return 0;
}

static int
outbox_export (CohortCli *cli)
{
  g_autofree char *channel = NULL;
  g_autofree char *format = NULL;
  gboolean mark_sent = FALSE;
  const GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("Only email or only sms messages"), N_("CHANNEL") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv (to,subject,body; the default) or mbox"), N_("FORMAT") },
    { "mark-sent", 0, 0, G_OPTION_ARG_NONE, &mark_sent, N_("Mark the messages written as sent"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  guint n = 0;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (channel != NULL && !g_str_equal (channel, "email") && !g_str_equal (channel, "sms"))
    return cohort_cli_usage_error (cli, _("--channel: “%s” is not email or sms"), channel);
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "mbox"))
    return cohort_cli_usage_error (cli, _("--format: “%s” is not csv or mbox"), format);
  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  fflush (stdout);
  if (!(store = cohort_cli_open_store (cli, &error)) ||
      !cohort_outbox_export (store, channel,
                             format != NULL && g_str_equal (format, "mbox") ? COHORT_OUTBOX_MBOX : COHORT_OUTBOX_CSV,
                             mark_sent, out, &n, &error))
    return cohort_cli_fail (error);
  cohort_cli_message (mark_sent
                      ? g_dngettext (NULL, "%u message written and marked sent", "%u messages written and marked sent", n)
                      : g_dngettext (NULL, "%u message written; still queued", "%u messages written; still queued", n),
                      n);
  return 0;
}

const CohortCliCommand cohort_cli_outbox_commands[] = {
  { "groups", "set-response", "CODE [--subject T] [--channel email|sms] --body FILE|- | CODE --off",
    N_("Set the message each new member of the group gets"), 1, 1, groups_set_response },
  { "groups", "set-keyword", "CODE WORD | CODE --off",
    N_("Set the word that adds whoever texts it to the static group"), 1, 2, groups_set_keyword },
  { "optins", "import", "FILE.csv",
    N_("Read an inbound message log (from,text,received_at): keywords, STOP and START"), 1, 1, optins_import },
  { "outbox", "list", "[--state S] [--format csv|json]",
    N_("List the messages of the outbox"), 0, 0, outbox_list },
  { "outbox", "export", "[--channel email|sms] [--format csv|mbox] [--mark-sent]",
    N_("Write the queued messages, rendered, to standard output"), 0, 0, outbox_export },
  { NULL }
};
