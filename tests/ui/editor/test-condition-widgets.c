/* test-condition-widgets.c — the condition editor's parts on a real
 * database: templates load, values keep their meaning across operators,
 * chips, a row's operator and error, and the group picker refusing loops
 *
 * Needs a display (run under xvfb-run, as TESTING.md says).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cohort-condition-chips.h"
#include "cohort-condition-context.h"
#include "cohort-condition-date-entry.h"
#include "cohort-condition-editor.h"
#include "cohort-condition-group-card.h"
#include "cohort-condition-live-count.h"
#include "cohort-condition-recalc-banner.h"
#include "cohort-condition-row.h"
#include "cohort-condition-value-editor.h"
#include "cohort-editor-value.h"
#include "cohort-error.h"
#include "cohort-field-picker.h"
#include "editor-test-utils.h"

static void
test_value_adapt (void)
{
  g_autoptr(JsonNode) text = parse_json ("\"DE\"");
  g_autoptr(JsonNode) list = parse_json ("[\"AT\",\"CH\"]");
  g_autoptr(JsonNode) number = parse_json ("42");
  g_autoptr(JsonNode) range = parse_json ("[3,9]");
  g_autoptr(JsonNode) count = parse_json ("{\"type\":\"purchase\",\"count\":3,\"days\":90}");
  g_autoptr(JsonNode) none = parse_json ("{\"type\":\"email_open\"}");
  g_autoptr(JsonNode) node = NULL;

  node = cohort_editor_value_adapt (text, COHORT_VALUE_TEXT, COHORT_VALUE_TEXT_LIST);
  assert_json (node, "[\"DE\"]");
  g_clear_pointer (&node, json_node_unref);
  node = cohort_editor_value_adapt (list, COHORT_VALUE_TEXT_LIST, COHORT_VALUE_TEXT);
  assert_json (node, "\"AT\"");
  g_clear_pointer (&node, json_node_unref);
  node = cohort_editor_value_adapt (number, COHORT_VALUE_INTEGER, COHORT_VALUE_INTEGER_RANGE);
  assert_json (node, "[42,42]");
  g_clear_pointer (&node, json_node_unref);
  node = cohort_editor_value_adapt (range, COHORT_VALUE_INTEGER_RANGE, COHORT_VALUE_INTEGER);
  assert_json (node, "3");
  g_clear_pointer (&node, json_node_unref);
  node = cohort_editor_value_adapt (count, COHORT_VALUE_ACTIVITY_COUNT, COHORT_VALUE_ACTIVITY_NONE);
  assert_json (node, "{\"type\":\"purchase\",\"days\":90}");
  g_clear_pointer (&node, json_node_unref);
  /* "Ever" stays ever: no days appear. */
  node = cohort_editor_value_adapt (none, COHORT_VALUE_ACTIVITY_NONE, COHORT_VALUE_ACTIVITY_COUNT);
  assert_json (node, "{\"type\":\"email_open\",\"count\":1}");
  g_clear_pointer (&node, json_node_unref);
  /* Nothing sensible carries over from a text to a number. */
  node = cohort_editor_value_adapt (text, COHORT_VALUE_TEXT, COHORT_VALUE_INTEGER);
  assert_json (node, "0");
  g_clear_pointer (&node, json_node_unref);
  node = cohort_editor_value_adapt (text, COHORT_VALUE_TEXT, COHORT_VALUE_NONE);
  g_assert_null (node);
}

/* What the widgets read back is the value they were given, shape by shape. */
static void
test_value_editor_round_trip (Fixture       *fixture,
                              gconstpointer  data)
{
  static const struct
  {
    CohortFieldType type;
    CohortOperator  op;
    const char     *value;
  } cases[] = {
    { COHORT_FIELD_TEXT, COHORT_OP_ENDS_WITH, "\"@acme.com\"" },
    { COHORT_FIELD_TEXT, COHORT_OP_IN, "[\"DE\",\"AT\"]" },
    { COHORT_FIELD_ENUM, COHORT_OP_EQ, "\"bounced\"" },
    { COHORT_FIELD_ENUM, COHORT_OP_NOT_IN, "[\"inactive\",\"bounced\"]" },
    { COHORT_FIELD_INTEGER, COHORT_OP_GE, "-17" },
    { COHORT_FIELD_INTEGER, COHORT_OP_BETWEEN, "[10,250]" },
    { COHORT_FIELD_DATETIME, COHORT_OP_LT, "\"2024-05-31\"" },
    { COHORT_FIELD_DATETIME, COHORT_OP_NOT_BETWEEN, "[\"2024-01-01\",\"2024-12-31T23:00\"]" },
    { COHORT_FIELD_DATETIME, COHORT_OP_WITHIN_LAST_DAYS, "45" },
    { COHORT_FIELD_TAG, COHORT_OP_IN, "[\"vip\",\"lead\"]" },
    { COHORT_FIELD_GROUP, COHORT_OP_NOT_IN, "[\"newsletter\"]" },
    { COHORT_FIELD_ACTIVITY, COHORT_OP_AT_LEAST, "{\"type\":\"purchase\",\"count\":2,\"days\":30}" },
    { COHORT_FIELD_ACTIVITY, COHORT_OP_NONE, "{\"type\":\"*\"}" },
  };
  g_autoptr(CohortGroup) group = cohort_store_find_group (fixture->store, "engaged", NULL);
  g_autoptr(CohortConditionContext) context = cohort_condition_context_new (fixture->store, group, NULL);
  GtkWidget *editor = g_object_ref_sink (g_object_new (COHORT_TYPE_CONDITION_VALUE_EDITOR, NULL));

  cohort_condition_value_editor_set_context (COHORT_CONDITION_VALUE_EDITOR (editor), context);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) value = parse_json (cases[i].value);
      g_autoptr(JsonNode) read = NULL;

      cohort_condition_value_editor_load (COHORT_CONDITION_VALUE_EDITOR (editor), cases[i].type, cases[i].op, value);
      read = cohort_condition_value_editor_dup_value (COHORT_CONDITION_VALUE_EDITOR (editor));
      assert_json (read, cases[i].value);
    }
  g_object_unref (editor);
}

static GtkWidget *
find_editable (GtkWidget *widget)
{
  if (GTK_IS_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_editable (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The remove button of the chip that shows @text. */
static GtkWidget *
find_chip_button (GtkWidget  *widget,
                  const char *text)
{
  GtkWidget *next = gtk_widget_get_next_sibling (widget);

  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_label (GTK_LABEL (widget)), text) && GTK_IS_BUTTON (next))
    return next;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_chip_button (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
count_cb (gpointer  instance,
          guint    *counter)
{
  (*counter)++;
}

/* Typing "DE, AT" makes two chips, what is typed after them counts too,
 * and a chip's button takes it away. */
static void
test_chips (void)
{
  GtkWidget *chips = g_object_ref_sink (cohort_condition_chips_new ());
  GtkEditable *entry = GTK_EDITABLE (find_editable (chips));
  g_auto(GStrv) values = NULL;
  guint changes = 0;

  g_signal_connect (chips, "changed", G_CALLBACK (count_cb), &changes);
  gtk_editable_set_text (entry, "DE, AT,");
  g_assert_cmpuint (changes, >, 0);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  gtk_editable_set_text (entry, "CH");
  values = cohort_condition_chips_dup_values (COHORT_CONDITION_CHIPS (chips));
  g_assert_cmpstrv (values, ((const char *[]) { "DE", "AT", "CH", NULL }));
  g_clear_pointer (&values, g_strfreev);

  /* A value already there is not added twice. */
  gtk_editable_set_text (entry, "");
  cohort_condition_chips_add_value (COHORT_CONDITION_CHIPS (chips), "AT");
  changes = 0;
  g_signal_emit_by_name (find_chip_button (chips, "DE"), "clicked");
  g_assert_cmpuint (changes, ==, 1);
  values = cohort_condition_chips_dup_values (COHORT_CONDITION_CHIPS (chips));
  g_assert_cmpstrv (values, ((const char *[]) { "AT", NULL }));

  g_object_unref (chips);
}

static gboolean
groups_contain (GPtrArray  *groups,
                const char *code)
{
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (cohort_group_get_code (g_ptr_array_index (groups, i)), code))
      return TRUE;
  return FALSE;
}

/* An archived group is not offered for new rules, but a condition that
 * already names it still shows its name and still passes the check. */
static void
test_context_archived (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortGroup) edited = create_group (fixture->store, "edited",
                                                "{\"rules\":[{\"field\":\"email\",\"operator\":\"notNull\"}]}");
  g_autoptr(CohortGroup) old = create_group (fixture->store, "old", NULL);
  g_autoptr(CohortConditionContext) context = NULL;
  g_autoptr(CohortCondition) naming = parse_condition ("{\"rules\":[{\"field\":\"group\",\"operator\":\"in\","
                                                       "\"value\":[\"old\"]}]}");
  GPtrArray *offered;

  cohort_group_set_name (old, "Old customers");
  g_assert_true (cohort_store_update_group (fixture->store, old, &error));
  g_assert_true (cohort_store_set_group_archived (fixture->store, cohort_group_get_id (old), TRUE, &error));
  g_assert_no_error (error);

  context = cohort_condition_context_new (fixture->store, edited, &error);
  g_assert_no_error (error);
  offered = cohort_condition_context_get_groups (context);
  g_assert_false (groups_contain (offered, "old"));
  g_assert_true (groups_contain (offered, "newsletter"));
  g_assert_cmpstr (cohort_condition_context_get_group_title (context, "old"), ==, "Old customers");
  g_assert_true (cohort_condition_context_check_references (context, naming, NULL, &error));
  g_assert_no_error (error);
}

static void
test_context_cycles (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortGroup) edited = create_group (fixture->store, "edited",
                                                "{\"rules\":[{\"field\":\"email\",\"operator\":\"notNull\"}]}");
  g_autoptr(CohortGroup) a = create_group (fixture->store, "a",
                                           "{\"rules\":[{\"field\":\"group\",\"operator\":\"in\",\"value\":[\"edited\"]}]}");
  g_autoptr(CohortGroup) b = create_group (fixture->store, "b",
                                           "{\"rules\":[{\"field\":\"group\",\"operator\":\"notIn\",\"value\":[\"a\"]}]}");
  g_autoptr(CohortGroup) base = create_group (fixture->store, "base", NULL);
  g_autoptr(CohortGroup) c = create_group (fixture->store, "c",
                                           "{\"rules\":[{\"field\":\"group\",\"operator\":\"in\",\"value\":[\"base\"]}]}");
  g_autoptr(CohortConditionContext) context = cohort_condition_context_new (fixture->store, edited, &error);
  g_autoptr(CohortCondition) loop = parse_condition ("{\"rules\":[{\"field\":\"tag\",\"operator\":\"=\",\"value\":\"vip\"},"
                                           "{\"field\":\"group\",\"operator\":\"in\",\"value\":[\"base\",\"b\"]}]}");
  g_autoptr(CohortCondition) unknown = parse_condition ("{\"rules\":[{\"field\":\"group\",\"operator\":\"in\","
                                              "\"value\":[\"nosuch\"]}]}");
  g_autoptr(CohortCondition) fine = parse_condition ("{\"rules\":[{\"field\":\"group\",\"operator\":\"in\","
                                           "\"value\":[\"base\",\"c\"]}]}");
  GPtrArray *allowed;
  CohortCondition *offender = NULL;

  g_assert_no_error (error);
  allowed = cohort_condition_context_get_groups (context);
  g_assert_true (groups_contain (allowed, "base"));
  g_assert_true (groups_contain (allowed, "c"));
  g_assert_true (groups_contain (allowed, "newsletter"));
  /* Itself, a (refers to it) and b (refers to a) would close a loop. */
  g_assert_false (groups_contain (allowed, "edited"));
  g_assert_false (groups_contain (allowed, "a"));
  g_assert_false (groups_contain (allowed, "b"));
  g_assert_cmpstr (cohort_condition_context_get_group_title (context, "base"), ==, "base");
  g_assert_cmpstr (cohort_condition_context_get_group_title (context, "newsletter"), ==, "Newsletter subscribers");

  g_assert_false (cohort_condition_context_check_references (context, loop, &offender, &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_true (offender == cohort_condition_get_child (loop, 1));
  g_assert_cmpstr (error->message, ==, "rules[1].value: “b” depends on this group, so depending on it would make a loop");
  g_clear_error (&error);

  g_assert_false (cohort_condition_context_check_references (context, unknown, NULL, &error));
  g_assert_cmpstr (error->message, ==, "rules[0].value: there is no group “nosuch”");
  g_clear_error (&error);

  g_assert_true (cohort_condition_context_check_references (context, fine, &offender, &error));
  g_assert_no_error (error);
  g_assert_null (offender);
}

static void
test_context_message (void)
{
  g_autoptr(CohortCondition) root = parse_condition ("{\"rules\":[{\"rules\":[{\"field\":\"email\",\"operator\":\"notNull\"},"
                                           "{\"field\":\"score\",\"operator\":\">\",\"value\":1}]}]}");
  CohortCondition *group = cohort_condition_get_child (root, 0);
  CohortCondition *rule = cohort_condition_get_child (group, 1);
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;

  text = cohort_condition_context_dup_message (rule, "rules[0].rules[1].value: expected a whole number, not \"x\"",
                                               &key);
  g_assert_cmpstr (text, ==, "Expected a whole number, not \"x\"");
  g_assert_cmpstr (key, ==, "value");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&key, g_free);

  text = cohort_condition_context_dup_message (group, "rules[0]: groups are nested too deep (at most 8 levels)", &key);
  g_assert_cmpstr (text, ==, "Groups are nested too deep (at most 8 levels)");
  g_assert_null (key);
  g_clear_pointer (&text, g_free);

  text = cohort_condition_context_dup_message (root, "rules: a group needs at least one condition", &key);
  g_assert_cmpstr (text, ==, "A group needs at least one condition");
  g_assert_cmpstr (key, ==, "rules");
}

/* Every template loads without a warning (the test runs with
 * G_DEBUG=fatal-warnings) and every widget goes away cleanly. */
static void
test_templates (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CohortGroup) group = cohort_store_find_group (fixture->store, "engaged", NULL);
  g_autoptr(CohortConditionContext) context = cohort_condition_context_new (fixture->store, group, NULL);
  g_autoptr(CohortCondition) root = parse_condition (cohort_group_get_condition_json (group));
  CohortCondition *rule = cohort_condition_get_child (root, 0);
  g_autoptr(CohortCondition) sub = cohort_condition_new_group (TRUE);
  GtkWidget *widgets[] = {
    g_object_new (COHORT_TYPE_CONDITION_CHIPS, NULL),
    g_object_new (COHORT_TYPE_CONDITION_DATE_ENTRY, NULL),
    g_object_new (COHORT_TYPE_CONDITION_VALUE_EDITOR, NULL),
    g_object_new (COHORT_TYPE_CONDITION_LIVE_COUNT, NULL),
    g_object_new (COHORT_TYPE_CONDITION_RECALC_BANNER, NULL),
    cohort_condition_editor_new (),
    cohort_field_picker_new (context),
    cohort_condition_row_new (context, cohort_condition_is_group (rule) ? cohort_condition_get_child (rule, 0) : rule),
    cohort_condition_group_card_new (context, sub),
  };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_child (GTK_WINDOW (window), box);
  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (GTK_IS_POPOVER (widgets[i]))
      g_object_unref (g_object_ref_sink (widgets[i]));
    else
      gtk_box_append (GTK_BOX (box), widgets[i]);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Choosing an operator keeps what it can of the value; a wrong value is
 * named on its row, and the message goes once it is right. */
static void
test_row (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(CohortGroup) group = cohort_store_find_group (fixture->store, "engaged", NULL);
  g_autoptr(CohortConditionContext) context = cohort_condition_context_new (fixture->store, group, NULL);
  g_autoptr(CohortCondition) root = parse_condition ("{\"rules\":[{\"rules\":[{\"field\":\"country\",\"operator\":\"=\","
                                           "\"value\":\"DE\"}]}]}");
  CohortCondition *rule = cohort_condition_get_child (cohort_condition_get_child (root, 0), 0);
  GtkWidget *row = g_object_ref_sink (cohort_condition_row_new (context, rule));
  g_autoptr(JsonNode) empty = parse_json ("\"  \"");
  g_autoptr(JsonNode) value = NULL;

  gtk_widget_activate_action (row, "row.operator", "s", "in");
  g_assert_cmpint (cohort_condition_get_operator (rule), ==, COHORT_OP_IN);
  assert_json (cohort_condition_get_value (rule), "[\"DE\"]");
  value = cohort_condition_value_editor_dup_value (COHORT_CONDITION_VALUE_EDITOR (
    find_descendant (row, COHORT_TYPE_CONDITION_VALUE_EDITOR)));
  assert_json (value, "[\"DE\"]");
  g_assert_null (find_label_starting (row, "Needs"));

  gtk_widget_activate_action (row, "row.operator", "s", "endsWith");
  assert_json (cohort_condition_get_value (rule), "\"DE\"");
  cohort_condition_set_value (rule, empty);
  g_assert_cmpstr (find_label_starting (row, "\"endsWith\""), ==, "\"endsWith\" needs some text");

  gtk_widget_activate_action (row, "row.operator", "s", "notNull");
  g_assert_null (cohort_condition_get_value (rule));
  g_assert_null (find_label_starting (row, "\"endsWith\""));

  /* Removing the row takes its condition out of the tree. */
  gtk_widget_activate_action (row, "row.remove", NULL);
  g_assert_cmpuint (cohort_condition_get_n_children (cohort_condition_get_child (root, 0)), ==, 0);

  g_object_unref (row);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/condition-editor/value/adapt", test_value_adapt);
  g_test_add_func ("/condition-editor/chips", test_chips);
  g_test_add_func ("/condition-editor/context/message", test_context_message);
  g_test_add ("/condition-editor/value/round-trip", Fixture, GUINT_TO_POINTER (50),
              fixture_set_up, test_value_editor_round_trip, fixture_tear_down);
  g_test_add ("/condition-editor/context/cycles", Fixture, GUINT_TO_POINTER (50),
              fixture_set_up, test_context_cycles, fixture_tear_down);
  g_test_add ("/condition-editor/context/archived", Fixture, GUINT_TO_POINTER (50),
              fixture_set_up, test_context_archived, fixture_tear_down);
  g_test_add ("/condition-editor/templates", Fixture, GUINT_TO_POINTER (50),
              fixture_set_up, test_templates, fixture_tear_down);
  g_test_add ("/condition-editor/row", Fixture, GUINT_TO_POINTER (50),
              fixture_set_up, test_row, fixture_tear_down);

  return g_test_run ();
}

