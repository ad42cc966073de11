/* cohort-editor-demo.c — the condition editor on its own, for one group of
 * a database: `cohort-editor-demo --db PATH --group CODE`
 *
 * With COHORT_EDITOR_BENCH=N in the environment it edits the first text
 * value N times through its entry, waits for the live count after each
 * edit, and prints how long that took, the longest gap between two frames
 * of the window meanwhile (a stall of the main thread) and the longest time
 * an edit itself took on the main thread, then quits. With
 * COHORT_EDITOR_BENCH_TYPING=1 each edit is typed as two keystrokes 80 ms
 * apart, and the time runs from the second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "cohort-condition-editor.h"
#include "cohort-condition-value-editor.h"
#include "cohort-text.h"

/* Long enough apart that each edit is counted on its own. */
#define BENCH_PAUSE_MS 400
#define BENCH_KEYSTROKE_MS 80

static char *db_path;
static char *group_code;
static char *now_text;
static int exit_status;

static const GOptionEntry options[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The database", "PATH" },
  { "group", 0, 0, G_OPTION_ARG_STRING, &group_code, "The code name of a dynamic group", "CODE" },
  { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, "The instant conditions count from", "ISO8601" },
  { NULL }
};

typedef struct
{
  GtkEditable *entry;
  guint        n_edits;
  guint        done;
  gint64       edited_at;
  GArray      *latencies;      /* double, ms */
  gint64       last_frame;
  gint64       longest_gap;
  gint64       longest_edit;   /* main-thread time of one edit */
  gboolean     running;
} Bench;

static Bench bench;

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (bench.running && bench.last_frame != 0)
    bench.longest_gap = MAX (bench.longest_gap, now - bench.last_frame);
  bench.last_frame = now;
  return G_SOURCE_CONTINUE;
}

/* The first value entry of a condition row, as the user would type in. */
static GtkEditable *
find_value_entry (GtkWidget *widget)
{
  if (GTK_IS_ENTRY (widget) && gtk_widget_get_mapped (widget) &&
      gtk_widget_get_ancestor (widget, COHORT_TYPE_CONDITION_VALUE_EDITOR) != NULL)
    return GTK_EDITABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *entry = find_value_entry (child);

      if (entry != NULL)
        return entry;
    }
  return NULL;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
bench_report (void)
{
  double *ms = (double *) bench.latencies->data;
  guint n = bench.latencies->len;

  g_array_sort (bench.latencies, compare_doubles);
  printf ("edits: %u\n", n);
  printf ("edit to count, median: %.1f ms\n", ms[n / 2]);
  printf ("edit to count, 90th percentile: %.1f ms\n", ms[(n * 9) / 10]);
  printf ("edit to count, slowest: %.1f ms\n", ms[n - 1]);
  printf ("longest gap between frames: %.1f ms\n", bench.longest_gap / 1000.0);
  printf ("longest main-thread time of an edit: %.2f ms\n", bench.longest_edit / 1000.0);
  fflush (stdout);
}

static const char * const bench_values[] = { "DE", "AT", "FR", "IT", "NL", "CH", "US", "GB" };

static void
bench_type (const char *text)
{
  gint64 start = g_get_monotonic_time ();

  bench.running = TRUE;
  bench.edited_at = start;
  gtk_editable_set_text (bench.entry, text);
  bench.longest_edit = MAX (bench.longest_edit, g_get_monotonic_time () - start);
}

static gboolean
bench_second_key_cb (gpointer user_data)
{
  bench_type (bench_values[bench.done % G_N_ELEMENTS (bench_values)]);
  return G_SOURCE_REMOVE;
}

static gboolean
bench_edit_cb (gpointer user_data)
{
  GtkWindow *window = user_data;
  const char *value = bench_values[bench.done % G_N_ELEMENTS (bench_values)];

  if (bench.done == bench.n_edits)
    {
      bench.running = FALSE;
      bench_report ();
      gtk_window_destroy (window);
      return G_SOURCE_REMOVE;
    }
  if (g_getenv ("COHORT_EDITOR_BENCH_TYPING") != NULL)
    {
      char first[2] = { value[0], '\0' };

      bench_type (first);
      /* A count of the first keystroke alone is not the one waited for. */
      bench.edited_at = 0;
      g_timeout_add (BENCH_KEYSTROKE_MS, bench_second_key_cb, NULL);
    }
  else
    bench_type (value);
  return G_SOURCE_REMOVE;
}

static void
bench_count_updated_cb (CohortConditionEditor *editor,
                        GtkWindow             *window)
{
  double ms;

  if (bench.entry == NULL)
    {
      /* The first count is of the condition as loaded: start from there. */
      bench.entry = find_value_entry (GTK_WIDGET (editor));
      if (bench.entry == NULL)
        {
          g_printerr ("cohort-editor-demo: the condition has no text value to edit\n");
          exit_status = 1;
          gtk_window_destroy (window);
          return;
        }
      g_timeout_add (BENCH_PAUSE_MS, bench_edit_cb, window);
      return;
    }
  if (bench.edited_at == 0)
    return;

  ms = (g_get_monotonic_time () - bench.edited_at) / 1000.0;
  g_array_append_val (bench.latencies, ms);
  bench.edited_at = 0;
  bench.done++;
  g_timeout_add (BENCH_PAUSE_MS, bench_edit_cb, window);
}

static void
saved_cb (CohortConditionEditor *editor,
          gpointer               user_data)
{
  printf ("saved\n");
  fflush (stdout);
}

static void
recalculated_cb (CohortConditionEditor *editor,
                 gint64                 added,
                 gint64                 removed,
                 gpointer               user_data)
{
  printf ("recalculated +%" G_GINT64_FORMAT " -%" G_GINT64_FORMAT "\n", added, removed);
  fflush (stdout);
}

static void
activate_cb (GtkApplication *app,
             gpointer        user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortStore) store = NULL;
  g_autoptr(CohortGroup) group = NULL;
  GtkWidget *window, *toolbar, *header, *editor;
  const char *bench_env = g_getenv ("COHORT_EDITOR_BENCH");
  gint64 now;

  if (!(store = cohort_store_open (db_path, &error)))
    goto fail;
  if (now_text != NULL)
    {
      if (!cohort_datetime_parse (now_text, cohort_store_get_timezone (store), &now, &error))
        goto fail;
      cohort_store_set_now (store, now);
    }
  if (!(group = cohort_store_find_group (store, group_code, &error)))
    goto fail;

  window = adw_application_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_set_title (GTK_WINDOW (window), cohort_group_get_name (group));

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (cohort_group_get_name (group), _("Conditions")));
  gtk_box_append (GTK_BOX (toolbar), header);

  editor = cohort_condition_editor_new ();
  gtk_widget_set_vexpand (editor, TRUE);
  gtk_box_append (GTK_BOX (toolbar), editor);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), toolbar);

  if (!cohort_condition_editor_set_group (COHORT_CONDITION_EDITOR (editor), store, group, &error))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      goto fail;
    }
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), NULL);
  g_signal_connect (editor, "recalculated", G_CALLBACK (recalculated_cb), NULL);

  if (bench_env != NULL)
    {
      bench.n_edits = MAX (1, atoi (bench_env));
      bench.latencies = g_array_new (FALSE, FALSE, sizeof (double));
      gtk_widget_add_tick_callback (window, tick_cb, NULL, NULL);
      g_signal_connect (editor, "count-updated", G_CALLBACK (bench_count_updated_cb), window);
    }

  gtk_window_present (GTK_WINDOW (window));
  return;

fail:
  g_printerr ("cohort-editor-demo: %s\n", error->message);
  exit_status = 1;
  g_application_quit (G_APPLICATION (app));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  int status;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db_path == NULL || group_code == NULL)
    {
      g_printerr ("Usage: cohort-editor-demo --db PATH --group CODE [--now ISO8601]\n%s\n",
                  error != NULL ? error->message : "");
      return 1;
    }

  app = adw_application_new ("io.github.cohortapp.Cohort.EditorDemo", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  if (status == 0)
    status = exit_status;

  if (bench.latencies != NULL)
    {
      /* A benchmark cut short measured nothing. */
      if (bench.latencies->len != bench.n_edits)
        status = 1;
      g_array_unref (bench.latencies);
    }
  g_free (db_path);
  g_free (group_code);
  g_free (now_text);
  return status;
}
