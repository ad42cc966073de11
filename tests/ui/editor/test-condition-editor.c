/* test-condition-editor.c — the condition editor on a real database:
 * keyboard access, copy and paste, saving, the live count and
 * recalculation
 *
 * Needs a display (run under xvfb-run, as TESTING.md says).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "cohort-condition-editor.h"
#include "cohort-condition-group-card.h"
#include "cohort-condition-recalc-banner.h"
#include "cohort-condition-row.h"
#include "cohort-condition-value-editor.h"
#include "cohort-error.h"
#include "cohort-recalc.h"
#include "cohort-value-suggestions.h"
#include "editor-test-utils.h"

/* Runs the main loop until *@flag is set, or fails the test. */
static void
wait_for_flag (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!*flag)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
set_flag_cb (gpointer  instance,
             gboolean *flag)
{
  *flag = TRUE;
}

static void
set_flag_recalculated_cb (gpointer  instance,
                          gint64    added,
                          gint64    removed,
                          gboolean *flag)
{
  *flag = TRUE;
}

static CohortConditionEditor *
editor_for (Fixture    *fixture,
            const char *code,
            GtkWidget **out_window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortGroup) group = cohort_store_find_group (fixture->store, code, &error);
  GtkWidget *editor = cohort_condition_editor_new ();

  g_assert_no_error (error);
  *out_window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (*out_window), editor);
  g_assert_true (cohort_condition_editor_set_group (COHORT_CONDITION_EDITOR (editor), fixture->store, group, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (*out_window));
  return COHORT_CONDITION_EDITOR (editor);
}

static gboolean
modified (CohortConditionEditor *editor)
{
  gboolean value;

  g_object_get (editor, "modified", &value, NULL);
  return value;
}

/* An invalid condition is not saved; a valid one is, and marks the group. */
static void
test_editor_save (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(CohortGroup) stored = NULL;
  g_autoptr(CohortCondition) expected = parse_condition ("{\"rules\":[{\"field\":\"country\",\"operator\":\"in\","
                                               "\"value\":[\"DE\",\"AT\"]}]}");
  g_autoptr(JsonNode) empty = parse_json ("[]");
  g_autoptr(JsonNode) countries = parse_json ("[\"DE\",\"AT\"]");
  GtkWidget *window;
  CohortConditionEditor *editor = editor_for (fixture, "engaged", &window);
  CohortCondition *root = cohort_condition_editor_get_condition (editor);
  g_autoptr(CohortCondition) rule = cohort_condition_new_rule ("country", COHORT_OP_IN, empty);
  gboolean saved = FALSE;
  gint64 id = cohort_group_get_id (cohort_condition_editor_get_group (editor));

  g_signal_connect (editor, "saved", G_CALLBACK (set_flag_cb), &saved);
  before = cohort_store_list_member_ids (fixture->store, id, NULL);
  g_assert_false (modified (editor));

  while (cohort_condition_get_n_children (root) > 0)
    cohort_condition_remove (root, cohort_condition_get_child (root, 0));
  cohort_condition_append (root, rule);
  g_assert_true (modified (editor));

  /* The window passes the group again after any change: edits stay. */
  {
    g_autoptr(CohortGroup) again = cohort_store_get_group (fixture->store, id, &error);

    g_assert_no_error (error);
    g_assert_true (cohort_condition_editor_set_group (editor, fixture->store, again, &error));
    g_assert_no_error (error);
    g_assert_true (cohort_condition_editor_get_condition (editor) == root);
    g_assert_true (modified (editor));
  }

  g_assert_false (cohort_condition_editor_save (editor, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "rules[0].value: needs at least one value");
  g_clear_error (&error);
  g_assert_false (saved);

  cohort_condition_set_value (rule, countries);
  g_assert_true (cohort_condition_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_true (saved);
  g_assert_false (modified (editor));

  stored = cohort_store_get_group (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (cohort_group_get_needs_recalculation (stored));
  g_assert_true (cohort_group_get_needs_recalculation (cohort_condition_editor_get_group (editor)));
  {
    g_autoptr(CohortCondition) condition = parse_condition (cohort_group_get_condition_json (stored));
    g_autofree char *stored_json = cohort_condition_to_json (condition, FALSE);
    g_autofree char *expected_json = cohort_condition_to_json (expected, FALSE);

    g_assert_cmpstr (stored_json, ==, expected_json);
  }
  /* Members stay as they were until the group is recalculated. */
  after = cohort_store_list_member_ids (fixture->store, id, NULL);
  g_assert_cmpuint (after->len, ==, before->len);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The live count follows an edit, and recalculation stores what it said. */
static void
test_editor_count_and_recalculate (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) countries = parse_json ("[\"DE\",\"AT\",\"CH\"]");
  g_autoptr(CohortCondition) rule = cohort_condition_new_rule ("country", COHORT_OP_IN, countries);
  g_autoptr(GArray) members = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *window;
  CohortConditionEditor *editor = editor_for (fixture, "engaged", &window);
  CohortCondition *root = cohort_condition_editor_get_condition (editor);
  GtkWidget *banner = find_descendant (GTK_WIDGET (editor), COHORT_TYPE_CONDITION_RECALC_BANNER);
  gboolean counted = FALSE;
  gboolean recalculated = FALSE;
  gint64 matches = -1;
  gint64 id = cohort_group_get_id (cohort_condition_editor_get_group (editor));

  g_signal_connect (editor, "count-updated", G_CALLBACK (set_flag_cb), &counted);
  g_signal_connect (editor, "recalculated", G_CALLBACK (set_flag_recalculated_cb), &recalculated);
  wait_for_flag (&counted);

  while (cohort_condition_get_n_children (root) > 0)
    cohort_condition_remove (root, cohort_condition_get_child (root, 0));
  cohort_condition_append (root, rule);
  counted = FALSE;
  wait_for_flag (&counted);

  g_assert_true (cohort_store_count_matches (fixture->store, root, 0, 0, NULL, &matches, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (matches, >, 0);
  expected = g_strdup_printf ("%'" G_GINT64_FORMAT " contacts match", matches);
  g_assert_cmpstr (find_label_ending (GTK_WIDGET (editor), "contacts match"), ==, expected);

  g_assert_true (cohort_condition_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_visible (banner));
  cohort_condition_recalc_banner_recalculate (COHORT_CONDITION_RECALC_BANNER (banner));
  g_assert_true (cohort_condition_recalc_banner_get_running (COHORT_CONDITION_RECALC_BANNER (banner)));
  wait_for_flag (&recalculated);

  members = cohort_store_list_member_ids (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (members->len, ==, matches);
  g_assert_false (cohort_group_get_needs_recalculation (cohort_condition_editor_get_group (editor)));
  g_assert_nonnull (find_label_ending (GTK_WIDGET (editor), " left"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Cancel leaves the members as they were and says so. */
static void
test_editor_cancel_recalculation (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) countries = parse_json ("[\"DE\"]");
  g_autoptr(CohortCondition) rule = cohort_condition_new_rule ("country", COHORT_OP_IN, countries);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(CohortGroup) stored = NULL;
  GtkWidget *window;
  CohortConditionEditor *editor = editor_for (fixture, "engaged", &window);
  CohortCondition *root = cohort_condition_editor_get_condition (editor);
  CohortConditionRecalcBanner *banner =
    COHORT_CONDITION_RECALC_BANNER (find_descendant (GTK_WIDGET (editor), COHORT_TYPE_CONDITION_RECALC_BANNER));
  gint64 id = cohort_group_get_id (cohort_condition_editor_get_group (editor));
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  before = cohort_store_list_member_ids (fixture->store, id, NULL);
  cohort_condition_append (root, rule);
  g_assert_true (cohort_condition_editor_save (editor, &error));
  g_assert_no_error (error);

  /* The worker has to open its connection before it reads a single
   * contact: the cancel is in long before it could finish. */
  cohort_condition_recalc_banner_recalculate (banner);
  gtk_widget_activate_action (GTK_WIDGET (banner), "banner.cancel", NULL);
  while (cohort_condition_recalc_banner_get_running (banner))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_nonnull (find_label_starting (GTK_WIDGET (editor), "Recalculation cancelled"));
  after = cohort_store_list_member_ids (fixture->store, id, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
  stored = cohort_store_get_group (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (cohort_group_get_needs_recalculation (stored));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* With the preference on, saving recalculates by itself. */
static void
test_editor_recalculate_after_save (Fixture       *fixture,
                                    gconstpointer  data)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL
                                      ? g_settings_schema_source_lookup (source, "io.github.cohortapp.Cohort", TRUE)
                                      : NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) vip = parse_json ("\"vip\"");
  g_autoptr(CohortCondition) rule = cohort_condition_new_rule ("tag", COHORT_OP_EQ, vip);
  GtkWidget *window;
  CohortConditionEditor *editor;
  CohortCondition *root;
  gboolean recalculated = FALSE;

  if (schema == NULL)
    {
      g_test_skip ("the settings schema is not installed (set GSETTINGS_SCHEMA_DIR)");
      return;
    }
  settings = g_settings_new ("io.github.cohortapp.Cohort");
  g_settings_set_boolean (settings, "recalculate-after-save", TRUE);

  editor = editor_for (fixture, "engaged", &window);
  root = cohort_condition_editor_get_condition (editor);
  g_signal_connect (editor, "recalculated", G_CALLBACK (set_flag_recalculated_cb), &recalculated);
  cohort_condition_append (cohort_condition_get_n_children (root) > 0 &&
                           cohort_condition_is_group (cohort_condition_get_child (root, 0))
                           ? cohort_condition_get_child (root, 0) : root, rule);
  g_assert_true (cohort_condition_editor_save (editor, &error));
  g_assert_no_error (error);
  wait_for_flag (&recalculated);
  g_assert_false (cohort_group_get_needs_recalculation (cohort_condition_editor_get_group (editor)));

  g_settings_reset (settings, "recalculate-after-save");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pastes @text through the clipboard as the user would, and waits for the
 * editor to take it (a new tree) or say why not. */
static void
paste_text (CohortConditionEditor *editor,
            const char            *action,
            const char            *text)
{
  CohortCondition *before = cohort_condition_editor_get_condition (editor);
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.dismiss-error", NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (editor)), text);
  gtk_widget_activate_action (GTK_WIDGET (editor), action, NULL);
  while (cohort_condition_editor_get_condition (editor) == before &&
         find_label_starting (GTK_WIDGET (editor), "The clipboard") == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Copy gives SPEC JSON; Paste takes it back, and refuses a bad condition
 * with the path of what is wrong; QueryBuilder JSON is converted. */
static void
test_editor_exchange (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *querybuilder = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "fixtures", "conditions",
                                                  "querybuilder.json", NULL);
  g_autofree char *copied = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *window;
  CohortConditionEditor *editor = editor_for (fixture, "engaged", &window);
  CohortCondition *root;
  const char *message;

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.copy-json", NULL);
  expected = cohort_condition_to_json (cohort_condition_editor_get_condition (editor), TRUE);
  {
    GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (editor)));
    GValue value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    copied = g_value_dup_string (&value);
    g_value_unset (&value);
  }
  g_assert_cmpstr (copied, ==, expected);

  paste_text (editor, "editor.paste-json",
              "{\"rules\":[{\"field\":\"email\",\"operator\":\"startsWith\",\"value\":\"a\"}]}");
  message = find_label_starting (GTK_WIDGET (editor), "The clipboard");
  g_assert_nonnull (message);
  g_assert_true (strstr (message, "rules[0].operator: \"startsWith\" is not an operator of field \"email\"") != NULL);
  g_assert_false (modified (editor));

  paste_text (editor, "editor.paste-json",
              "{\"combinator\":\"or\",\"rules\":[{\"field\":\"city\",\"operator\":\"=\",\"value\":\"Wien\"}]}");
  root = cohort_condition_editor_get_condition (editor);
  /* Shown in a card of its own, the top level's "any" with it. */
  g_assert_false (cohort_condition_get_any (root));
  g_assert_true (cohort_condition_get_any (cohort_condition_get_child (root, 0)));
  g_assert_cmpstr (cohort_condition_get_field (cohort_condition_get_child (cohort_condition_get_child (root, 0), 0)),
                   ==, "city");
  g_assert_true (modified (editor));
  g_assert_null (find_label_starting (GTK_WIDGET (editor), "The clipboard"));

  g_assert_true (g_file_get_contents (path, &querybuilder, NULL, NULL));
  paste_text (editor, "editor.paste-querybuilder", querybuilder);
  root = cohort_condition_editor_get_condition (editor);
  g_assert_cmpuint (cohort_condition_get_n_children (root), ==, 5);
  g_assert_true (cohort_condition_get_negated (cohort_condition_get_child (root, 2)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Tab alone reaches every part of the editor, in the order it is read. */
static void
test_editor_keyboard (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *window;
  gboolean reached_row = FALSE, reached_value = FALSE, reached_remove = FALSE;
  gboolean reached_add_condition = FALSE, reached_add_group = FALSE, reached_group_any = FALSE;
  g_autoptr(CohortGroup) group = create_group (fixture->store, "shaped",
                                               "{\"rules\":[{\"combinator\":\"or\",\"rules\":["
                                               "{\"field\":\"country\",\"operator\":\"=\",\"value\":\"DE\"},"
                                               "{\"field\":\"tag\",\"operator\":\"in\",\"value\":[\"vip\"]}]}]}");

  editor_for (fixture, "shaped", &window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint i = 0; i < 60; i++)
    {
      GtkWidget *focus;
      const char *action;

      gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL)
        continue;
      action = GTK_IS_ACTIONABLE (focus) ? gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)) : NULL;
      reached_row |= gtk_widget_get_ancestor (focus, COHORT_TYPE_CONDITION_ROW) != NULL &&
                     gtk_widget_get_ancestor (focus, GTK_TYPE_MENU_BUTTON) != NULL;
      reached_value |= gtk_widget_get_ancestor (focus, COHORT_TYPE_CONDITION_VALUE_EDITOR) != NULL;
      reached_remove |= g_strcmp0 (action, "row.remove") == 0;
      reached_add_condition |= g_strcmp0 (action, "card.add-condition") == 0;
      reached_add_group |= g_strcmp0 (action, "editor.add-group") == 0;
      reached_group_any |= GTK_IS_TOGGLE_BUTTON (focus) &&
                           gtk_widget_get_ancestor (focus, COHORT_TYPE_CONDITION_GROUP_CARD) != NULL;
    }
  g_assert_true (reached_row);
  g_assert_true (reached_value);
  g_assert_true (reached_remove);
  g_assert_true (reached_add_condition);
  g_assert_true (reached_add_group);
  g_assert_true (reached_group_any);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The visible label under @widget whose text contains @part. */
static const char *
find_label_containing (GtkWidget  *widget,
                       const char *part)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), part) != NULL)
    return gtk_label_get_label (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_label_containing (child, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Replaces the editor's condition by @json and waits for its count. */
static void
count_condition (CohortConditionEditor *editor,
                 const char            *json)
{
  g_autoptr(CohortCondition) condition = parse_condition (json);
  CohortCondition *root = cohort_condition_editor_get_condition (editor);
  gboolean counted = FALSE;
  gulong id = g_signal_connect (editor, "count-updated", G_CALLBACK (set_flag_cb), &counted);

  while (cohort_condition_get_n_children (root) > 0)
    cohort_condition_remove (root, cohort_condition_get_child (root, 0));
  while (cohort_condition_get_n_children (condition) > 0)
    {
      g_autoptr(CohortCondition) child = g_object_ref (cohort_condition_get_child (condition, 0));

      cohort_condition_remove (condition, child);
      cohort_condition_append (root, child);
    }
  wait_for_flag (&counted);
  g_signal_handler_disconnect (editor, id);
}

/* A change of the members reads "+12 would join", "−3 would leave" or
 * both; a side that does not change is left out, never shown as "−0". */
static void
test_editor_change_without_zero (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(CohortGroup) group = create_group (fixture->store, "dach",
                                               "{\"rules\":[{\"combinator\":\"and\",\"rules\":["
                                               "{\"field\":\"country\",\"operator\":\"in\",\"value\":[\"DE\",\"AT\"]}]}]}");
  GtkWidget *window;
  CohortConditionEditor *editor = editor_for (fixture, "dach", &window);
  const char *change;

  g_assert_cmpint (cohort_group_get_member_count (group), >, 0);

  /* Wider: contacts join, nobody leaves. */
  count_condition (editor, "{\"rules\":[{\"combinator\":\"or\",\"rules\":["
                           "{\"field\":\"country\",\"operator\":\"in\",\"value\":[\"DE\",\"AT\"]},"
                           "{\"field\":\"email\",\"operator\":\"notNull\"}]}]}");
  change = find_label_containing (GTK_WIDGET (editor), "would");
  g_assert_nonnull (change);
  g_assert_true (g_str_has_prefix (change, "+"));
  g_assert_null (strstr (change, "0 would leave"));
  g_assert_null (strstr (change, "would leave"));

  /* Narrower: contacts leave, nobody joins. */
  count_condition (editor, "{\"rules\":[{\"combinator\":\"and\",\"rules\":["
                           "{\"field\":\"country\",\"operator\":\"=\",\"value\":\"DE\"}]}]}");
  change = find_label_containing (GTK_WIDGET (editor), "would");
  g_assert_nonnull (change);
  g_assert_null (strstr (change, "would join"));
  g_assert_true (g_str_has_prefix (change, "−"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A condition stored without a condition group (as cohort-cli accepts it)
 * is shown in a card all the same, where a second condition can be added;
 * showing it that way is no edit. */
static void
test_editor_lone_rule_in_card (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CohortGroup) group = create_group (fixture->store, "lone",
                                               "{\"combinator\":\"and\",\"rules\":["
                                               "{\"field\":\"country\",\"operator\":\"=\",\"value\":\"DE\"}]}");
  GtkWidget *window;
  CohortConditionEditor *editor = editor_for (fixture, "lone", &window);
  GtkWidget *row = find_descendant (GTK_WIDGET (editor), COHORT_TYPE_CONDITION_ROW);
  GtkWidget *card;

  g_assert_nonnull (row);
  card = gtk_widget_get_ancestor (row, COHORT_TYPE_CONDITION_GROUP_CARD);
  g_assert_nonnull (card);
  g_assert_false (modified (editor));

  gtk_widget_activate_action (card, "card.add-condition", NULL);
  g_assert_cmpuint (cohort_condition_get_n_children (cohort_condition_group_card_get_group (COHORT_CONDITION_GROUP_CARD (card))),
                    ==, 2);
  g_assert_true (modified (editor));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Lets the window lay itself out. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static double
x_in_window (GtkWidget *widget)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (gtk_widget_get_root (widget)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.x;
}

static GtkWidget *
nth_value_editor (GtkWidget *root,
                  guint      n)
{
  GtkWidget *row = find_descendant (root, COHORT_TYPE_CONDITION_ROW);
  GtkWidget *list_row = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX_ROW);

  for (guint i = 0; i < n; i++)
    list_row = gtk_widget_get_next_sibling (list_row);
  return find_descendant (list_row, COHORT_TYPE_CONDITION_VALUE_EDITOR);
}

/* The columns of a card stay put: adding an activity condition (a longer
 * field name and a wider value) moves no other row sideways, and the
 * values of all rows start at the same place. */
static void
test_editor_stable_columns (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CohortGroup) group = create_group (fixture->store, "columns",
                                               "{\"rules\":[{\"combinator\":\"and\",\"rules\":["
                                               "{\"field\":\"tag\",\"operator\":\"=\",\"value\":\"vip\"}]}]}");
  g_autoptr(JsonNode) value = parse_json ("{\"type\":\"*\",\"count\":1,\"days\":30}");
  g_autoptr(CohortCondition) activity = cohort_condition_new_rule ("activity", COHORT_OP_AT_LEAST, value);
  GtkWidget *window;
  CohortConditionEditor *editor = editor_for (fixture, "columns", &window);
  CohortCondition *card = cohort_condition_get_child (cohort_condition_editor_get_condition (editor), 0);
  double before, after, added;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  settle ();
  before = x_in_window (nth_value_editor (GTK_WIDGET (editor), 0));

  cohort_condition_append (card, activity);
  settle ();
  after = x_in_window (nth_value_editor (GTK_WIDGET (editor), 0));
  added = x_in_window (nth_value_editor (GTK_WIDGET (editor), 1));
  g_assert_cmpfloat_with_epsilon (after, before, 0.5);
  g_assert_cmpfloat_with_epsilon (added, before, 0.5);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A condition that matches nobody says so, names the condition to blame
 * and shows what its field holds. */
static void
test_editor_no_match_hint (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CohortGroup) group = create_group (fixture->store, "nomatch",
                                               "{\"rules\":[{\"combinator\":\"and\",\"rules\":["
                                               "{\"field\":\"tag\",\"operator\":\"=\",\"value\":\"vip\"}]}]}");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) countries = cohort_store_list_field_values (fixture->store, "country", 2, &error);
  GtkWidget *window;
  CohortConditionEditor *editor = editor_for (fixture, "nomatch", &window);
  const char *hint;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (countries), ==, 2);

  count_condition (editor, "{\"rules\":[{\"combinator\":\"and\",\"rules\":["
                           "{\"field\":\"tag\",\"operator\":\"=\",\"value\":\"vip\"},"
                           "{\"field\":\"country\",\"operator\":\"in\",\"value\":[\"Germany\"]}]}]}");
  g_assert_nonnull (find_label_starting (GTK_WIDGET (editor), "No contact matches ‘country is one of"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (editor), "Germany"));
  hint = find_label_starting (GTK_WIDGET (editor), "Values in your data look like ");
  g_assert_nonnull (hint);
  g_assert_nonnull (strstr (hint, countries[0]));
  g_assert_nonnull (strstr (hint, countries[1]));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Typing a value offers the values of the field in the data, the most
 * frequent first; choosing one puts it in the condition. */
static void
test_editor_value_suggestions (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CohortGroup) group = create_group (fixture->store, "suggest",
                                               "{\"rules\":[{\"combinator\":\"and\",\"rules\":["
                                               "{\"field\":\"country\",\"operator\":\"=\",\"value\":\"x\"}]}]}");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) countries = cohort_store_list_field_values (fixture->store, "country", 1, &error);
  g_autofree char *prefix = NULL;
  GtkWidget *window;
  CohortConditionEditor *editor = editor_for (fixture, "suggest", &window);
  GtkWidget *value_editor = find_descendant (GTK_WIDGET (editor), COHORT_TYPE_CONDITION_VALUE_EDITOR);
  GtkWidget *suggestions = find_descendant (value_editor, COHORT_TYPE_VALUE_SUGGESTIONS);
  GtkWidget *entry = find_descendant (value_editor, GTK_TYPE_ENTRY);
  GListModel *shown;
  CohortCondition *rule;
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  g_assert_no_error (error);
  g_assert_nonnull (countries[0]);
  g_assert_nonnull (suggestions);
  prefix = g_utf8_substring (countries[0], 0, 1);

  settle ();
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), prefix);
  while (!gtk_widget_get_visible (suggestions))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (find_descendant (suggestions, GTK_TYPE_LIST_VIEW))));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  {
    g_autoptr(GtkStringObject) first = g_list_model_get_item (shown, 0);

    /* The most frequent value of all begins with what is typed. */
    g_assert_cmpstr (gtk_string_object_get_string (first), ==, countries[0]);
  }

  g_signal_emit_by_name (find_descendant (suggestions, GTK_TYPE_LIST_VIEW), "activate", 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, countries[0]);
  rule = cohort_condition_get_child (cohort_condition_get_child (cohort_condition_editor_get_condition (editor), 0), 0);
  g_assert_cmpstr (json_node_get_string (cohort_condition_get_value (rule)), ==, countries[0]);
  g_assert_false (gtk_widget_get_visible (suggestions));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/condition-editor/editor/keyboard", Fixture, GUINT_TO_POINTER (50),
              fixture_set_up, test_editor_keyboard, fixture_tear_down);
  g_test_add ("/condition-editor/editor/exchange", Fixture, GUINT_TO_POINTER (50),
              fixture_set_up, test_editor_exchange, fixture_tear_down);
  g_test_add ("/condition-editor/editor/save", Fixture, GUINT_TO_POINTER (500),
              fixture_set_up, test_editor_save, fixture_tear_down);
  g_test_add ("/condition-editor/editor/count-and-recalculate", Fixture, GUINT_TO_POINTER (2000),
              fixture_set_up, test_editor_count_and_recalculate, fixture_tear_down);
  g_test_add ("/condition-editor/editor/cancel-recalculation", Fixture, GUINT_TO_POINTER (20000),
              fixture_set_up, test_editor_cancel_recalculation, fixture_tear_down);
  g_test_add ("/condition-editor/editor/recalculate-after-save", Fixture, GUINT_TO_POINTER (500),
              fixture_set_up, test_editor_recalculate_after_save, fixture_tear_down);

  g_test_add ("/condition-editor/editor/change-without-zero", Fixture, GUINT_TO_POINTER (500),
              fixture_set_up, test_editor_change_without_zero, fixture_tear_down);
  g_test_add ("/condition-editor/editor/lone-rule-in-card", Fixture, GUINT_TO_POINTER (50),
              fixture_set_up, test_editor_lone_rule_in_card, fixture_tear_down);
  g_test_add ("/condition-editor/editor/stable-columns", Fixture, GUINT_TO_POINTER (50),
              fixture_set_up, test_editor_stable_columns, fixture_tear_down);

  g_test_add ("/condition-editor/editor/no-match-hint", Fixture, GUINT_TO_POINTER (500),
              fixture_set_up, test_editor_no_match_hint, fixture_tear_down);
  g_test_add ("/condition-editor/editor/value-suggestions", Fixture, GUINT_TO_POINTER (500),
              fixture_set_up, test_editor_value_suggestions, fixture_tear_down);

  return g_test_run ();
}

