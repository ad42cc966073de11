/* cohort-cli.c — main(), global options, dispatch and shared helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>

#include "cohort-cli-private.h"
#include "cohort-csv.h"
#include "cohort-text.h"

static const CohortCliCommand *command_tables[] = {
  cohort_cli_contacts_commands,
  cohort_cli_groups_commands,
  cohort_cli_history_commands,
  cohort_cli_campaigns_commands,
  cohort_cli_outbox_commands,
};

/* "contacts import FILE.csv" */
static char *
command_usage (const CohortCliCommand *command)
{
  GString *usage = g_string_new (command->word);

  if (command->verb != NULL)
    g_string_append_printf (usage, " %s", command->verb);
  if (command->params[0] != '\0')
    g_string_append_printf (usage, " %s", command->params);
  return g_string_free (usage, FALSE);
}

static const CohortCliCommand *
lookup_command (const char *word,
                const char *verb)
{
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const CohortCliCommand *command = command_tables[t]; command->word != NULL; command++)
      if (g_str_equal (command->word, word)
          && (verb == NULL || command->verb == NULL || g_str_equal (command->verb, verb)))
        return command;
  return NULL;
}

/* Lists the commands whose first word is @word, or all of them. */
static void
print_usage (FILE       *out,
             const char *word)
{
  fprintf (out, "%s\n", _("Usage: cohort-cli [--db PATH] [--now ISO8601] [--timezone TZ] COMMAND [ARGUMENT…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const CohortCliCommand *command = command_tables[t]; command->word != NULL; command++)
      {
        g_autofree char *usage = NULL;

        if (word != NULL && !g_str_equal (word, command->word))
          continue;
        usage = command_usage (command);
        fprintf (out, "  %s\n      %s\n", usage, _(command->summary));
      }
  fprintf (out, "\n%s\n",
           _("Global options may come before or after the command words. "
             "Run “cohort-cli COMMAND --help” for the options of a command."));
}

void
cohort_cli_message (const char *format,
                    ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "cohort-cli: %s\n", message);
}

int
cohort_cli_usage_error (CohortCli  *cli,
                        const char *format,
                        ...)
{
  va_list args;
  g_autofree char *message = NULL;
  g_autofree char *words = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  cohort_cli_message ("%s", message);
  if (cli->command == NULL)
    words = g_strdup ("cohort-cli");
  else if (cli->command->verb == NULL)
    words = g_strdup_printf ("cohort-cli %s", cli->command->word);
  else
    words = g_strdup_printf ("cohort-cli %s %s", cli->command->word, cli->command->verb);
  fprintf (stderr, _("Try “%s --help”.\n"), words);
  return 1;
}

int
cohort_cli_fail (const GError *error)
{
  cohort_cli_message ("%s", error->message);
  return cohort_error_exit_status (error);
}

static gboolean
apply_global_options (CohortCli *cli,
                      int       *out_status)
{
  g_autoptr(GError) error = NULL;

  if (cli->timezone != NULL)
    cli->tz = g_time_zone_new_identifier (cli->timezone);
  else
    cli->tz = g_time_zone_new_local ();
  if (cli->tz == NULL)
    {
      *out_status = cohort_cli_usage_error (cli,
                                            _("--timezone: “%s” is not a time zone (use a name such as Europe/Berlin or an offset such as +02:00)"),
                                            cli->timezone);
      return FALSE;
    }
  if (cli->now != NULL && !cohort_datetime_parse (cli->now, cli->tz, &cli->now_unix, &error))
    {
      *out_status = cohort_cli_usage_error (cli, "--now: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
cohort_cli_parse (CohortCli          *cli,
                  const GOptionEntry *entries,
                  int                *out_status)
{
  gboolean help = FALSE;
  const GOptionEntry global_entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli->db_path,
      N_("The database file (default: the app’s own)"), N_("PATH") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &cli->now,
      N_("Take this instant as the current time"), N_("ISO8601") },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &cli->timezone,
      N_("Read date-times without an offset in this time zone"), N_("TZ") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help,
      N_("Show the options of this command"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const CohortCliCommand *command = cli->command;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *usage = command_usage (command);

  context = g_option_context_new (usage);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &cli->argv, &error))
    {
      *out_status = cohort_cli_usage_error (cli, "%s", error->message);
      return FALSE;
    }
  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      fputs (text, stdout);
      *out_status = 0;
      return FALSE;
    }

  /* GOption stops at "--" but leaves it in place; it is not an argument. */
  for (char **arg = cli->argv + 1; *arg != NULL; arg++)
    if (g_str_equal (*arg, "--"))
      {
        g_free (*arg);
        memmove (arg, arg + 1, (g_strv_length (arg + 1) + 1) * sizeof (char *));
        break;
      }

  cli->args = cli->argv + 1;
  cli->n_args = g_strv_length (cli->args);
  if (cli->n_args < command->min_args)
    {
      *out_status = cohort_cli_usage_error (cli, _("Missing arguments: expected %s"), usage);
      return FALSE;
    }
  if (cli->n_args > command->max_args)
    {
      *out_status = cohort_cli_usage_error (cli, _("Unexpected argument “%s”"),
                                            cli->args[command->max_args]);
      return FALSE;
    }
  return apply_global_options (cli, out_status);
}

CohortStore *
cohort_cli_open_store (CohortCli  *cli,
                       GError    **error)
{
  if (cli->store != NULL)
    return cli->store;

  cli->store = cohort_store_open (cli->db_path, error);
  if (cli->store == NULL)
    return NULL;
  cohort_store_set_timezone (cli->store, cli->tz);
  if (cli->now != NULL)
    cohort_store_set_now (cli->store, cli->now_unix);
  return cli->store;
}

GArray *
cohort_cli_find_contact_ids (CohortStore  *store,
                             char        **emails,
                             guint         n_emails,
                             GError      **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_emails);

  for (guint i = 0; i < n_emails; i++)
    {
      g_autoptr(CohortContact) contact = cohort_store_find_contact (store, emails[i], error);
      gint64 id;

      if (contact == NULL)
        return NULL;
      id = cohort_contact_get_id (contact);
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

gboolean
cohort_cli_read_input (const char  *path,
                       char       **out_text,
                       gsize       *out_length,
                       GError     **error)
{
  g_autoptr(GString) text = NULL;
  char buffer[8192];
  size_t n;

  if (!g_str_equal (path, "-"))
    return g_file_get_contents (path, out_text, out_length, error);

  text = g_string_new (NULL);
  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (text, buffer, n);
  if (ferror (stdin))
    {
      int saved_errno = errno;

      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("Could not read the standard input: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  *out_length = text->len;
  *out_text = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

gboolean
cohort_cli_parse_format (CohortCli           *cli,
                         const char          *text,
                         const char * const  *allowed,
                         CohortExportFormat  *out_format,
                         int                 *out_status)
{
  static const char * const names[] = {
    [COHORT_EXPORT_CSV] = "csv",
    [COHORT_EXPORT_JSON] = "json",
    [COHORT_EXPORT_EMAILS] = "emails",
    [COHORT_EXPORT_VCARD] = "vcard",
    [COHORT_EXPORT_VCARD3] = "vcard3",
  };
  g_autofree char *expected = NULL;

  if (g_strv_contains (allowed, text))
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (g_str_equal (names[i], text))
        {
          *out_format = (CohortExportFormat) i;
          return TRUE;
        }

  expected = g_strjoinv (", ", (char **) allowed);
  *out_status = cohort_cli_usage_error (cli, _("--format: “%s” is not one of %s"), text, expected);
  return FALSE;
}

gboolean
cohort_cli_export (CohortStore            *store,
                   const CohortSelection  *selection,
                   CohortExportFormat      format,
                   const char * const     *columns,
                   GError                **error)
{
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  fflush (stdout);
  if (!cohort_export_selection (store, selection, format, columns, out, NULL, error))
    return FALSE;
  return g_output_stream_close (out, NULL, error);
}

void
cohort_cli_print_csv_row (const char * const *cells,
                          guint               n_cells)
{
  g_autoptr(GString) row = g_string_new (NULL);

  cohort_csv_append_row (row, cells, n_cells);
  fwrite (row->str, 1, row->len, stdout);
}

void
cohort_cli_print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  printf ("%s\n", text);
}

/* The summary goes to stdout untranslated: scripts read it. */
int
cohort_cli_print_report (CohortImportReport *report)
{
  for (guint i = 0; report->notes != NULL && i < report->notes->len; i++)
    cohort_cli_message ("%s", (const char *) g_ptr_array_index (report->notes, i));
  for (guint i = 0; i < report->messages->len; i++)
    cohort_cli_message ("%s", (const char *) g_ptr_array_index (report->messages, i));
  printf ("created %u, updated %u, skipped %u, rejected %u\n",
          report->created, report->updated, report->skipped, report->rejected);
  return report->rejected > 0 ? 2 : 0;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  CohortCliProgress *progress = user_data;
  int percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100.0);

  if (percent == progress->percent)
    return;
  progress->percent = percent;
  fprintf (stderr, "\rcohort-cli: %s %3d%%", progress->label, percent);
}

CohortProgressFunc
cohort_cli_progress_func (void)
{
  return isatty (STDERR_FILENO) ? progress_cb : NULL;
}

void
cohort_cli_progress_end (CohortCliProgress *progress)
{
  if (progress->percent >= 0)
    fputs ("\n", stderr);
  progress->percent = -1;
}

static gboolean
is_option (const char *arg)
{
  return arg[0] == '-' && arg[1] != '\0';
}

/* "--db PATH": the next argument is the option's value, not a command word. */
static gboolean
is_global_with_value (const char *arg)
{
  return g_str_equal (arg, "--db") || g_str_equal (arg, "--now") || g_str_equal (arg, "--timezone");
}

/* Finds the command words wherever the global options put them and leaves
 * everything else in cli->argv for the command's own option parser. */
static int
dispatch (CohortCli  *cli,
          int         argc,
          char      **argv)
{
  g_autoptr(GStrvBuilder) rest = g_strv_builder_new ();
  const char *words[2] = { NULL, NULL };
  guint n_words = 0;
  guint n_wanted = 1;
  gboolean options_ended = FALSE;
  gboolean help = FALSE;
  const CohortCliCommand *command;

  g_strv_builder_add (rest, "cohort-cli");
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (n_words < n_wanted && (options_ended || !is_option (arg)))
        {
          words[n_words++] = arg;
          command = lookup_command (arg, NULL);
          if (n_words == 1 && command != NULL && command->verb != NULL)
            n_wanted = 2;
          continue;
        }
      if (!options_ended && g_str_equal (arg, "--"))
        options_ended = TRUE;
      else if (!options_ended && is_global_with_value (arg) && i + 1 < argc)
        {
          g_strv_builder_add (rest, arg);
          arg = argv[++i];
        }
      else if (!options_ended && (g_str_equal (arg, "--help") || g_str_equal (arg, "-h")))
        help = TRUE;
      g_strv_builder_add (rest, arg);
    }

  if (n_words == 0)
    {
      if (help)
        {
          print_usage (stdout, NULL);
          return 0;
        }
      cohort_cli_message ("%s", _("No command given"));
      print_usage (stderr, NULL);
      return 1;
    }

  command = lookup_command (words[0], NULL);
  if (command == NULL)
    return cohort_cli_usage_error (cli, _("Unknown command “%s”"), words[0]);
  if (command->verb != NULL && n_words < 2)
    {
      if (help)
        {
          print_usage (stdout, words[0]);
          return 0;
        }
      cohort_cli_message (_("“%s” needs a command:"), words[0]);
      print_usage (stderr, words[0]);
      return 1;
    }
  if (command->verb != NULL)
    {
      command = lookup_command (words[0], words[1]);
      if (command == NULL)
        return cohort_cli_usage_error (cli, _("Unknown command “%s %s”"), words[0], words[1]);
    }

  cli->command = command;
  cli->argv = g_strv_builder_end (rest);
  return command->run (cli);
}

/* Scripts often run without a locale (cron, containers). In the bare C
 * locale GOption would refuse every non-ASCII option value ("--name Müller")
 * although Cohort's data is UTF-8, so read the arguments as UTF-8 there, as
 * Python does (PEP 538). */
static void
set_up_locale (void)
{
  const char *ctype;

  setlocale (LC_ALL, "");
  ctype = setlocale (LC_CTYPE, NULL);
  if (ctype == NULL || g_str_equal (ctype, "C") || g_str_equal (ctype, "POSIX"))
    setlocale (LC_CTYPE, "C.UTF-8");
}

int
main (int    argc,
      char **argv)
{
  CohortCli cli = { 0 };
  int status;

  set_up_locale ();
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("cohort-cli");

  status = dispatch (&cli, argc, argv);

  fflush (stdout);
  g_clear_object (&cli.store);
  g_clear_pointer (&cli.tz, g_time_zone_unref);
  g_clear_pointer (&cli.argv, g_strfreev);
  g_free (cli.db_path);
  g_free (cli.now);
  g_free (cli.timezone);
  return status;
}
