/* cohort-cli-contacts.c — contacts, accounts, activities, schema and demo
 *
 * What these commands print on stdout is not translated: scripts read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cohort-cli-private.h"
#include "cohort-demo.h"
#include "cohort-encoding.h"
#include "cohort-selection.h"

/* FIELD=VALUE arguments from @first on; checked before anything is changed. */
static gboolean
check_assignments (CohortCli *cli,
                   guint      first,
                   int       *out_status)
{
  for (guint i = first; i < cli->n_args; i++)
    if (strchr (cli->args[i], '=') == NULL || cli->args[i][0] == '=')
      {
        *out_status = cohort_cli_usage_error (cli, _("“%s” is not FIELD=VALUE"), cli->args[i]);
        return FALSE;
      }
  return TRUE;
}

static char *
split_assignment (const char  *assignment,
                  const char **out_value)
{
  const char *equals = strchr (assignment, '=');

  *out_value = equals + 1;
  return g_strndup (assignment, equals - assignment);
}

typedef gboolean (*ImportFunc) (CohortStore         *store,
                                const char          *path,
                                CohortImportReport  *report,
                                GError             **error);

static int
import_file (CohortCli  *cli,
             ImportFunc  import)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortImportReport) report = cohort_import_report_new ();
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || !import (store, cli->args[0], report, &error))
    return cohort_cli_fail (error);
  return cohort_cli_print_report (report);
}

static int
contacts_import (CohortCli *cli)
{
  g_auto(GStrv) group_codes = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *map_path = NULL;
  gboolean update = FALSE;
  const GOptionEntry entries[] = {
    { "group", 0, 0, G_OPTION_ARG_STRING_ARRAY, &group_codes,
      N_("Add the imported contacts to this static group (repeatable)"), N_("CODE") },
    { "update", 0, 0, G_OPTION_ARG_NONE, &update,
      N_("Update contacts whose email exists instead of skipping them"), NULL },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("Read the file in this encoding (default: UTF-8, or Windows-1252 when it is not UTF-8)"), N_("NAME") },
    { "map", 0, 0, G_OPTION_ARG_FILENAME, &map_path,
      N_("Map columns to fields with this JSON file: {\"columns\": {\"HEADER\": \"FIELD\"}}"), N_("MAP.json") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortImportReport) report = cohort_import_report_new ();
  g_autoptr(CohortImportMapping) mapping = NULL;
  g_autoptr(GArray) group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CohortImportOptions options = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gboolean ok;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (encoding != NULL && (options.encoding = charset = cohort_encoding_check (encoding, &error)) == NULL)
    return cohort_cli_usage_error (cli, "--encoding: %s", error->message);
  if (map_path != NULL && (options.mapping = mapping = cohort_import_mapping_load (map_path, &error)) == NULL)
    return cohort_cli_fail (error);
  if ((store = cohort_cli_open_store (cli, &error)) == NULL)
    return cohort_cli_fail (error);

  for (guint i = 0; group_codes != NULL && group_codes[i] != NULL; i++)
    {
      g_autoptr(CohortGroup) group = cohort_store_find_group (store, group_codes[i], &error);
      gint64 id;

      if (group == NULL)
        return cohort_cli_fail (error);
      id = cohort_group_get_id (group);
      g_array_append_val (group_ids, id);
    }

  ok = cohort_import_contacts_full (store, cli->args[0], &options,
                                    (const gint64 *) group_ids->data, group_ids->len,
                                    update, NULL, NULL, NULL, report, &error);
  if (!ok)
    return cohort_cli_fail (error);
  return cohort_cli_print_report (report);
}

static gboolean
print_group_codes (CohortStore  *store,
                   const char   *label,
                   GArray       *group_ids,
                   GError      **error)
{
  g_autoptr(GString) line = NULL;

  if (group_ids == NULL || group_ids->len == 0)
    return TRUE;

  line = g_string_new (label);
  for (guint i = 0; i < group_ids->len; i++)
    {
      g_autoptr(CohortGroup) group = cohort_store_get_group (store,
                                                             g_array_index (group_ids, gint64, i),
                                                             error);
      if (group == NULL)
        return FALSE;
      g_string_append_printf (line, "%s %s", i == 0 ? ":" : ",", cohort_group_get_code (group));
    }
  printf ("%s\n", line->str);
  return TRUE;
}

static int
contacts_set (CohortCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortContact) contact = NULL;
  g_autoptr(CohortMembershipChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gboolean created;
  int status;

  if (!cohort_cli_parse (cli, entries, &status)
      || !check_assignments (cli, 1, &status))
    return status;
  if (cli->args[0][0] == '\0')
    return cohort_cli_usage_error (cli, _("EMAIL is empty: give the email of the contact to create or update"));
  if ((store = cohort_cli_open_store (cli, &error)) == NULL)
    return cohort_cli_fail (error);

  contact = cohort_store_find_contact (store, cli->args[0], &error);
  if (contact == NULL && !g_error_matches (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND))
    return cohort_cli_fail (error);
  created = contact == NULL;
  if (created)
    {
      g_clear_error (&error);
      contact = cohort_contact_new ();
      if (!cohort_contact_set_field (contact, "email", cli->args[0], cli->tz, &error))
        return cohort_cli_fail (error);
    }

  for (guint i = 1; i < cli->n_args; i++)
    {
      const char *value;
      g_autofree char *field = split_assignment (cli->args[i], &value);

      if (!cohort_contact_set_field (contact, field, value, cli->tz, &error))
        return cohort_cli_fail (error);
    }

  if (!cohort_store_save_contact (store, contact, &changes, &error))
    return cohort_cli_fail (error);

  printf ("%s %s\n", created ? "created" : "updated", cli->args[0]);
  if (changes != NULL
      && (!print_group_codes (store, "joined", changes->joined, &error)
          || !print_group_codes (store, "left", changes->left, &error)))
    return cohort_cli_fail (error);
  return 0;
}

/* "1,234 contacts": summaries are read by people as much as by scripts, so
 * thousands are grouped, the same in every locale. */
static char *
format_contacts (gint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  gsize len = strlen (digits);
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  g_string_append (text, n == 1 ? " contact" : " contacts");
  return g_string_free (text, FALSE);
}

/* The contacts of --group (and --filter), or of the EMAIL arguments; an
 * unknown group or email is COHORT_ERROR_NOT_FOUND naming it. */
static CohortSelection *
build_selection (CohortStore  *store,
                 const char   *group_code,
                 const char   *filter,
                 char        **emails,
                 guint         n_emails,
                 CohortGroup **out_group,
                 GError      **error)
{
  g_autoptr(CohortSelection) selection = cohort_selection_new ();

  if (group_code != NULL)
    {
      g_autoptr(CohortGroup) group = cohort_store_find_group (store, group_code, error);

      if (group == NULL)
        return NULL;
      cohort_selection_set_group (selection, cohort_group_get_id (group));
      if (out_group != NULL)
        *out_group = g_steal_pointer (&group);
    }
  if (filter != NULL)
    cohort_selection_set_filter (selection, filter);
  if (n_emails > 0)
    {
      g_autoptr(GArray) ids = cohort_cli_find_contact_ids (store, emails, n_emails, error);

      if (ids == NULL)
        return NULL;
      cohort_selection_add_ids (selection, (const gint64 *) ids->data, ids->len);
    }
  return g_steal_pointer (&selection);
}

static int
contacts_tag (CohortCli *cli)
{
  g_autofree char *group_code = NULL;
  g_autofree char *filter = NULL;
  g_auto(GStrv) add = NULL;
  g_auto(GStrv) remove = NULL;
  const GOptionEntry entries[] = {
    { "group", 0, 0, G_OPTION_ARG_STRING, &group_code,
      N_("Tag the members of this group"), N_("CODE") },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter,
      N_("Tag the contacts whose name, email or account contains TEXT (with --group: its members that do)"),
      N_("TEXT") },
    { "add", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add,
      N_("Add this tag (repeatable)"), N_("TAG") },
    { "remove", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove,
      N_("Remove this tag (repeatable)"), N_("TAG") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortSelection) selection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  CohortStore *store;
  gint64 changed = 0;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (add == NULL && remove == NULL)
    return cohort_cli_usage_error (cli, _("Give at least one --add TAG or --remove TAG"));
  if (group_code == NULL && filter == NULL && cli->n_args == 0)
    return cohort_cli_usage_error (cli, _("Give --group CODE, --filter TEXT or the emails of the contacts to tag"));
  if ((group_code != NULL || filter != NULL) && cli->n_args > 0)
    return cohort_cli_usage_error (cli, _("Give either --group/--filter or emails, not both (“%s”)"),
                                   cli->args[0]);

  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (selection = build_selection (store, group_code, filter, cli->args, cli->n_args, NULL, &error)) == NULL
      || !cohort_store_tag_selection (store, selection, (const char * const *) add,
                                      (const char * const *) remove, &changed, NULL, &error))
    return cohort_cli_fail (error);

  count = format_contacts (changed);
  if (remove == NULL)
    printf ("tagged %s\n", count);
  else if (add == NULL)
    printf ("removed tags from %s\n", count);
  else
    printf ("changed tags of %s\n", count);
  return 0;
}

static int
contacts_set_status (CohortCli *cli)
{
  g_autofree char *group_code = NULL;
  const GOptionEntry entries[] = {
    { "group", 0, 0, G_OPTION_ARG_STRING, &group_code,
      N_("Set the status of the members of this group"), N_("CODE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortSelection) selection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  const char *status_name;
  CohortStatus contact_status;
  CohortStore *store;
  gint64 changed = 0;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (group_code != NULL && cli->n_args > 1)
    return cohort_cli_usage_error (cli, _("Give either --group or emails, not both (“%s”)"), cli->args[0]);
  if (group_code == NULL && cli->n_args < 2)
    return cohort_cli_usage_error (cli, _("Give --group CODE or the emails of the contacts, then the status"));

  status_name = cli->args[cli->n_args - 1];
  if (!cohort_status_from_string (status_name, &contact_status))
    {
      cohort_cli_message (_("“%s” is not a status: use active, inactive, unsubscribed or bounced"), status_name);
      return 2;
    }

  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (selection = build_selection (store, group_code, NULL, cli->args, cli->n_args - 1, NULL, &error)) == NULL
      || !cohort_store_set_selection_status (store, selection, contact_status, &changed, NULL, &error))
    return cohort_cli_fail (error);

  count = format_contacts (changed);
  printf ("set status %s on %s\n", cohort_status_to_string (contact_status), count);
  return 0;
}

static int
contacts_delete (CohortCli *cli)
{
  g_autofree char *group_code = NULL;
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "group", 0, 0, G_OPTION_ARG_STRING, &group_code,
      N_("Delete every member of this group (needs --yes)"), N_("CODE") },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Confirm deleting the members of a group"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortSelection) selection = NULL;
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  CohortStore *store;
  gint64 changed = 0;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (group_code != NULL && cli->n_args > 0)
    return cohort_cli_usage_error (cli, _("Give either --group or emails, not both (“%s”)"), cli->args[0]);
  if (group_code == NULL && cli->n_args == 0)
    return cohort_cli_usage_error (cli, _("Give the emails of the contacts to delete, or --group CODE --yes"));

  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (selection = build_selection (store, group_code, NULL, cli->args, cli->n_args, &group, &error)) == NULL)
    return cohort_cli_fail (error);

  /* Deleting a whole group's members cannot be undone: say how many first. */
  if (group != NULL && !yes)
    {
      gint64 n = cohort_selection_count (selection, store, &error);

      if (n < 0)
        return cohort_cli_fail (error);
      count = format_contacts (n);
      return cohort_cli_usage_error (cli, _("This would delete %s (the members of “%s”): add --yes to delete them"),
                                     count, cohort_group_get_code (group));
    }

  if (!cohort_store_delete_selection (store, selection, &changed, &error))
    return cohort_cli_fail (error);

  count = format_contacts (changed);
  printf ("deleted %s\n", count);
  return 0;
}

static int
contacts_merge (CohortCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortContact) parent = NULL;
  g_autoptr(CohortContact) child = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (parent = cohort_store_find_contact (store, cli->args[0], &error)) == NULL
      || (child = cohort_store_find_contact (store, cli->args[1], &error)) == NULL
      || !cohort_store_merge_contacts (store,
                                       cohort_contact_get_id (parent),
                                       cohort_contact_get_id (child),
                                       &error))
    return cohort_cli_fail (error);

  printf ("merged %s into %s\n", cli->args[1], cli->args[0]);
  return 0;
}

static int
contacts_export (CohortCli *cli)
{
  static const char * const formats[] = { "csv", "json", "vcard", "vcard3", NULL };
  g_autofree char *group_code = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *column_list = NULL;
  const GOptionEntry entries[] = {
    { "group", 0, 0, G_OPTION_ARG_STRING, &group_code,
      N_("Export only the members of this group"), N_("CODE") },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter,
      N_("Export only the contacts whose name, email or account contains TEXT"), N_("TEXT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("csv (the default), json, vcard (4.0) or vcard3 (3.0, for Outlook)"), N_("FORMAT") },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &column_list,
      N_("Only these CSV or JSON columns, separated by commas (vCard writes what it needs)"), N_("A,B,C") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortSelection) selection = NULL;
  g_auto(GStrv) columns = NULL;
  g_autoptr(GError) error = NULL;
  CohortExportFormat format;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status)
      || !cohort_cli_parse_format (cli, format_name != NULL ? format_name : "csv",
                                   formats, &format, &status))
    return status;
  if (column_list != NULL)
    {
      columns = g_strsplit (column_list, ",", -1);
      for (guint i = 0; columns[i] != NULL; i++)
        g_strstrip (columns[i]);
    }
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (selection = build_selection (store, group_code, filter, NULL, 0, NULL, &error)) == NULL
      || !cohort_cli_export (store, selection, format, (const char * const *) columns, &error))
    return cohort_cli_fail (error);
  return 0;
}

static int
accounts_import (CohortCli *cli)
{
  return import_file (cli, cohort_import_accounts);
}

static int
accounts_set (CohortCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gboolean created;
  int status;

  if (!cohort_cli_parse (cli, entries, &status)
      || !check_assignments (cli, 1, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL)
    return cohort_cli_fail (error);

  account = cohort_store_find_account (store, cli->args[0], &error);
  if (account == NULL && !g_error_matches (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND))
    return cohort_cli_fail (error);
  created = account == NULL;
  if (created)
    {
      g_clear_error (&error);
      account = cohort_account_new (cli->args[0]);
    }

  for (guint i = 1; i < cli->n_args; i++)
    {
      const char *value;
      g_autofree char *field = split_assignment (cli->args[i], &value);

      if (!cohort_account_set_field (account, field, value, &error))
        return cohort_cli_fail (error);
    }

  if (!cohort_store_save_account (store, account, &error))
    return cohort_cli_fail (error);
  printf ("%s account %s\n", created ? "created" : "updated", cohort_account_get_name (account));
  return 0;
}

static int
activities_import (CohortCli *cli)
{
  return import_file (cli, cohort_import_activities);
}

static int
schema (CohortCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(JsonNode) catalog = NULL;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  catalog = cohort_catalog_to_json ();
  cohort_cli_print_json (catalog);
  return 0;
}

static int
demo (CohortCli *cli)
{
  gint64 n_contacts = -1;
  gint64 seed = 1;
  const GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT64, &n_contacts,
      N_("How many contacts to add"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("The same seed gives the same data (default: 1)"), N_("S") },
    G_OPTION_ENTRY_NULL
  };
  CohortCliProgress progress = { _("generating sample data…"), -1 };
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gboolean done;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (n_contacts < 0 || n_contacts > G_MAXINT)
    return cohort_cli_usage_error (cli, _("--contacts N is required: a whole number from 0 to %d"),
                                   G_MAXINT);
  if (seed < 0 || seed > G_MAXUINT32)
    return cohort_cli_usage_error (cli, _("--seed: a whole number from 0 to %u"), G_MAXUINT32);
  if ((store = cohort_cli_open_store (cli, &error)) == NULL)
    return cohort_cli_fail (error);

  done = cohort_demo_generate (store, (guint) n_contacts, (guint32) seed,
                               cohort_cli_progress_func (), &progress, &error);
  cohort_cli_progress_end (&progress);
  if (!done)
    return cohort_cli_fail (error);
  printf ("added %" G_GINT64_FORMAT " sample contacts (seed %" G_GINT64_FORMAT ")\n",
          n_contacts, seed);
  return 0;
}

const CohortCliCommand cohort_cli_contacts_commands[] = {
  { "contacts", "import", "FILE.csv|FILE.vcf [--group CODE]… [--update] [--encoding NAME] [--map MAP.json]",
    N_("Import contacts from a CSV or vCard file"), 1, 1, contacts_import },
  { "contacts", "set", "EMAIL FIELD=VALUE…",
    N_("Create or update one contact (an empty value clears a field)"),
    1, COHORT_CLI_MANY, contacts_set },
  { "contacts", "delete", "EMAIL… | --group CODE --yes",
    N_("Delete contacts"), 0, COHORT_CLI_MANY, contacts_delete },
  { "contacts", "tag", "(--group CODE | --filter TEXT | EMAIL…) (--add TAG | --remove TAG)…",
    N_("Add or remove tags on many contacts at once"), 0, COHORT_CLI_MANY, contacts_tag },
  { "contacts", "set-status", "(--group CODE | EMAIL…) STATUS",
    N_("Set the status (active, inactive, unsubscribed, bounced) of many contacts at once"),
    1, COHORT_CLI_MANY, contacts_set_status },
  { "contacts", "merge", "PARENT_EMAIL CHILD_EMAIL",
    N_("Merge the child contact into the parent"), 2, 2, contacts_merge },
  { "contacts", "export", "[--group CODE] [--filter TEXT] [--format csv|json|vcard|vcard3] [--columns A,B,C]",
    N_("Write contacts to standard output"), 0, 0, contacts_export },
  { "accounts", "import", "FILE.csv",
    N_("Import accounts (name,industry,employees) from a CSV file"), 1, 1, accounts_import },
  { "accounts", "set", "NAME FIELD=VALUE…",
    N_("Create or update one account (name, industry, employees)"),
    1, COHORT_CLI_MANY, accounts_set },
  { "activities", "import", "FILE.csv",
    N_("Import activities (email,type,occurred_at[,detail]) from a CSV file"), 1, 1,
    activities_import },
  { "schema", NULL, "",
    N_("Print the condition fields and operators as JSON"), 0, 0, schema },
  { "demo", NULL, "--contacts N [--seed S]",
    N_("Add deterministic, realistic sample data"), 0, 0, demo },
  { NULL }
};
