/* cohort-condition-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "cohort-condition-context.h"
#include "cohort-condition-editor.h"
#include "cohort-condition-group-card.h"
#include "cohort-condition-live-count.h"
#include "cohort-condition-recalc-banner.h"
#include "cohort-editor-template.h"
#include "cohort-error.h"

#define SETTINGS_SCHEMA "io.github.cohortapp.Cohort"

struct _CohortConditionEditor
{
  GtkWidget                    parent_instance;

  CohortStore                 *store;
  CohortConditionContext      *context;
  CohortCondition             *root;
  gulong                       root_changed_id;
  char                        *saved_json;   /* the stored condition, compact */
  gboolean                     modified;
  gboolean                     valid;
  /* The condition of a group not created yet: whoever shows the editor
   * saves it; there is no member to compare with. */
  gboolean                     creating;
  /* NULL when the schema is not installed (a build run from its tree). */
  GSettings                   *settings;

  AdwToastOverlay             *toast_overlay;
  CohortConditionRecalcBanner *banner;
  GtkRevealer                 *error_revealer;
  GtkLabel                    *error_label;
  GtkLabel                    *lead_label;
  GtkToggleButton             *all_button;
  GtkToggleButton             *any_button;
  GtkLabel                    *root_error_label;
  GtkListBox                  *groups_list;
  CohortConditionLiveCount    *live_count;
  GtkWidget                   *save_buttons;
};

G_DEFINE_FINAL_TYPE (CohortConditionEditor, cohort_condition_editor, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_MODIFIED, PROP_VALID, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SAVED, RECALCULATED, COUNT_UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (CohortConditionEditor *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  if (message != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->error_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* Once it has slid away the error is gone for assistive tools too. */
static void
child_revealed_cb (GtkRevealer           *revealer,
                   GParamSpec            *pspec,
                   CohortConditionEditor *self)
{
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

/* Whether the tree may be saved: valid by the catalog, and referring only
 * to groups that exist without closing a loop. @out_offender is the node
 * to blame. */
static gboolean
check (CohortConditionEditor  *self,
       CohortCondition       **out_offender,
       GError               **error)
{
  return cohort_condition_validate (self->root, out_offender, error) &&
         cohort_condition_context_check_references (self->context, self->root, out_offender, error);
}

static void
refresh_state (CohortConditionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = cohort_condition_to_json (self->root, FALSE);
  g_autofree char *message = NULL;
  CohortCondition *offender = NULL;
  gboolean valid = check (self, &offender, &error);
  gboolean modified = g_strcmp0 (json, self->saved_json) != 0;

  /* Problems of a row or a card are shown there; only the top level's own
   * are shown here. */
  if (!valid && offender == self->root)
    message = cohort_condition_get_n_children (self->root) == 0
              ? g_strdup (_("Add a condition group to say which contacts belong to this group."))
              : cohort_condition_context_dup_message (self->root, error->message, NULL);
  gtk_label_set_label (self->root_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->root_error_label), message != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", modified && valid && !self->creating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save-and-recalculate",
                                 modified && valid && !self->creating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.revert", modified && !self->creating);
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
root_changed_cb (CohortCondition       *root,
                 CohortConditionEditor *self)
{
  refresh_state (self);
  cohort_condition_live_count_queue (self->live_count, self->root);
}

static void
any_toggled_cb (GtkToggleButton       *button,
                CohortConditionEditor *self)
{
  if (self->root == NULL)
    return;
  cohort_condition_set_any (self->root, gtk_toggle_button_get_active (button));
  gtk_list_box_invalidate_headers (self->groups_list);
}

static void
update_root_header (CohortConditionEditor *self)
{
  g_signal_handlers_block_by_func (self->any_button, any_toggled_cb, self);
  gtk_toggle_button_set_active (cohort_condition_get_any (self->root) ? self->any_button : self->all_button, TRUE);
  g_signal_handlers_unblock_by_func (self->any_button, any_toggled_cb, self);
  gtk_label_set_label (self->lead_label, cohort_condition_get_negated (self->root)
                                         ? _("Contacts do not match") : _("Contacts match"));
}

/* The Kentico shape: a condition directly under the top level (as a
 * condition written by hand or by cohort-cli may have it) goes into a
 * condition group of its own, so that it has a card where more conditions
 * can be added. The meaning stays: a top level of conditions only becomes
 * one group that combines them as the top level did. */
static void
normalize_root (CohortCondition *root)
{
  guint n = cohort_condition_get_n_children (root);
  gboolean only_rules = n > 0;

  for (guint i = 0; i < n; i++)
    only_rules = only_rules && !cohort_condition_is_group (cohort_condition_get_child (root, i));

  if (only_rules)
    {
      g_autoptr(CohortCondition) group = cohort_condition_new_group (cohort_condition_get_any (root));

      while (cohort_condition_get_n_children (root) > 0)
        {
          g_autoptr(CohortCondition) rule = g_object_ref (cohort_condition_get_child (root, 0));

          cohort_condition_remove (root, rule);
          cohort_condition_append (group, rule);
        }
      cohort_condition_set_any (root, FALSE);
      cohort_condition_append (root, group);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CohortCondition) rule = g_object_ref (cohort_condition_get_child (root, i));
      g_autoptr(CohortCondition) group = NULL;

      if (cohort_condition_is_group (rule))
        continue;
      group = cohort_condition_new_group (FALSE);
      cohort_condition_remove (root, rule);
      cohort_condition_append (group, rule);
      cohort_condition_insert (root, i, group);
    }
}

static void
set_root (CohortConditionEditor *self,
          CohortCondition       *root)
{
  if (self->root != NULL)
    g_clear_signal_handler (&self->root_changed_id, self->root);
  g_set_object (&self->root, root);

  self->root_changed_id = g_signal_connect (root, "changed", G_CALLBACK (root_changed_cb), self);
  update_root_header (self);
  cohort_condition_group_card_bind_list (self->groups_list, self->context, root);
  root_changed_cb (root, self);
}

/* The Kentico shape a new group starts from: one group of one condition,
 * whose field the user picks first. */
static CohortCondition *
new_root (CohortConditionContext *context)
{
  g_autoptr(CohortCondition) root = cohort_condition_new_group (FALSE);
  g_autoptr(CohortCondition) group = cohort_condition_new_group (FALSE);
  g_autoptr(CohortCondition) rule = cohort_condition_context_new_rule ();

  cohort_condition_append (group, rule);
  cohort_condition_append (root, group);
  return g_steal_pointer (&root);
}

/* ---- saving and recalculating ------------------------------------------ */

/* The same group again, as the window passes it after any change to the
 * database: what the user is editing stays. */
static gboolean
refresh_group (CohortConditionEditor  *self,
               CohortStore            *store,
               CohortGroup            *group,
               GError                **error)
{
  if (!cohort_condition_live_count_set_group (self->live_count, store, group, error))
    return FALSE;
  cohort_condition_context_set_group (self->context, group);
  cohort_condition_recalc_banner_set_group (self->banner, store, group);
  refresh_state (self);
  cohort_condition_live_count_queue (self->live_count, self->root);
  return TRUE;
}

/* The group as stored now: saving and recalculating change what the
 * banner, the count and the group picker show. */
static void
reload_group (CohortConditionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortGroup) group = NULL;
  CohortGroup *shown = cohort_condition_context_get_group (self->context);

  group = cohort_store_get_group (self->store, cohort_group_get_id (shown), &error);
  if (group == NULL || !refresh_group (self, self->store, group, &error))
    show_error (self, error->message);
}

static gboolean
recalculate_after_save (CohortConditionEditor *self)
{
  return self->settings != NULL && g_settings_get_boolean (self->settings, "recalculate-after-save");
}

static gboolean
save (CohortConditionEditor  *self,
      gboolean                recalculate,
      GError                **error)
{
  if (!check (self, NULL, error) ||
      !cohort_store_set_group_condition (self->store,
                                         cohort_group_get_id (cohort_condition_context_get_group (self->context)),
                                         self->root, error))
    return FALSE;

  g_free (self->saved_json);
  self->saved_json = cohort_condition_to_json (self->root, FALSE);
  show_error (self, NULL);
  reload_group (self);
  g_signal_emit (self, signals[SAVED], 0);

  if (recalculate)
    cohort_condition_recalc_banner_recalculate (self->banner);
  return TRUE;
}

gboolean
cohort_condition_editor_save (CohortConditionEditor  *self,
                              GError                **error)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_EDITOR (self), FALSE);
  g_return_val_if_fail (self->context != NULL && !self->creating, FALSE);

  return save (self, recalculate_after_save (self), error);
}

gboolean
cohort_condition_editor_save_and_recalculate (CohortConditionEditor  *self,
                                              GError                **error)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_EDITOR (self), FALSE);
  g_return_val_if_fail (self->context != NULL && !self->creating, FALSE);

  return save (self, TRUE, error);
}

static void
recalculated_cb (CohortConditionRecalcBanner *banner,
                 gint64                       added,
                 gint64                       removed,
                 CohortConditionEditor       *self)
{
  reload_group (self);
  g_signal_emit (self, signals[RECALCULATED], 0, added, removed);
}

static void
count_updated_cb (CohortConditionLiveCount *live_count,
                  CohortConditionEditor    *self)
{
  g_signal_emit (self, signals[COUNT_UPDATED], 0);
}

/* ---- actions ----------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CohortConditionEditor *self = COHORT_CONDITION_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean recalculate = g_str_equal (action_name, "editor.save-and-recalculate") || recalculate_after_save (self);

  if (!save (self, recalculate, &error))
    {
      /* Translators: %s says what is wrong, naming the condition at fault */
      g_autofree char *message = g_strdup_printf (_("Could not save the condition: %s"), error->message);
      show_error (self, message);
    }
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CohortConditionEditor *self = COHORT_CONDITION_EDITOR (widget);
  g_autoptr(CohortCondition) saved = cohort_condition_parse (self->saved_json, -1, NULL);

  if (saved != NULL)
    {
      show_error (self, NULL);
      set_root (self, saved);
    }
}

static void
add_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CohortConditionEditor *self = COHORT_CONDITION_EDITOR (widget);
  g_autoptr(CohortCondition) group = cohort_condition_new_group (FALSE);
  g_autoptr(CohortCondition) rule = cohort_condition_context_new_rule ();

  cohort_condition_append (group, rule);
  cohort_condition_context_request_focus (self->context, rule);
  cohort_condition_append (self->root, group);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_error (COHORT_CONDITION_EDITOR (widget), NULL);
}

static void
copy_json_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CohortConditionEditor *self = COHORT_CONDITION_EDITOR (widget);
  g_autofree char *json = cohort_condition_to_json (self->root, TRUE);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), json);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Condition copied as JSON")));
}

/* The clipboard's condition replaces the one shown, unsaved, so that the
 * user can look at it and count it before saving. */
static void
paste (CohortConditionEditor *self,
       const char            *text,
       gboolean               querybuilder,
       const GError          *read_error)
{
  g_autoptr(CohortCondition) condition = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (text == NULL)
    /* Translators: %s says why the clipboard could not be read */
    message = g_strdup_printf (_("Could not read the clipboard: %s"),
                               read_error != NULL ? read_error->message : _("it holds no text"));
  else if (!(condition = querybuilder ? cohort_condition_parse_querybuilder (text, -1, &error)
                                      : cohort_condition_parse (text, -1, &error)))
    /* Translators: %s says what is wrong and where in the JSON */
    message = g_strdup_printf (querybuilder ? _("The clipboard does not hold a jQuery QueryBuilder condition: %s")
                                            : _("The clipboard does not hold a condition: %s"),
                               error->message);
  if (message != NULL)
    {
      show_error (self, message);
      return;
    }

  show_error (self, NULL);
  normalize_root (condition);
  set_root (self, condition);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Condition pasted; check it, then save it")));
}

static void
paste_json_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CohortConditionEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (self->root != NULL)
    paste (self, text, FALSE, error);
}

static void
paste_querybuilder_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CohortConditionEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (self->root != NULL)
    paste (self, text, TRUE, error);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gboolean querybuilder = g_str_equal (action_name, "editor.paste-querybuilder");

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL,
                                 querybuilder ? paste_querybuilder_cb : paste_json_cb, g_object_ref (widget));
}

static void
json_dialog_response_cb (AdwMessageDialog      *dialog,
                         const char            *response,
                         CohortConditionEditor *self)
{
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "buffer");
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "use") || self->root == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  paste (self, text, FALSE, NULL);
}

/* A place to paste JSON into, for a condition written elsewhere: reading
 * the clipboard needs no dialog, but typing or checking the text does. */
static void
paste_json_text_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CohortConditionEditor *self = COHORT_CONDITION_EDITOR (widget);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (COHORT_EDITOR_RESOURCE_PATH
                                                                 "cohort-condition-json-dialog.ui");
  GtkWidget *dialog = GTK_WIDGET (gtk_builder_get_object (builder, "dialog"));
  GtkTextView *text_view = GTK_TEXT_VIEW (gtk_builder_get_object (builder, "text_view"));

  g_object_set_data_full (G_OBJECT (dialog), "buffer",
                          g_object_ref (gtk_text_view_get_buffer (text_view)), g_object_unref);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (json_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
}

/* ---- the widget -------------------------------------------------------- */

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    return;
  gtk_css_provider_load_from_resource (provider, COHORT_EDITOR_RESOURCE_PATH "style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
cohort_condition_editor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CohortConditionEditor *self = COHORT_CONDITION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_condition_editor_dispose (GObject *object)
{
  CohortConditionEditor *self = COHORT_CONDITION_EDITOR (object);
  GtkWidget *child;

  if (self->root != NULL)
    g_clear_signal_handler (&self->root_changed_id, self->root);
  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_CONDITION_EDITOR);
  /* Children of the template that no pointer is bound to. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cohort_condition_editor_parent_class)->dispose (object);
}

static void
cohort_condition_editor_finalize (GObject *object)
{
  CohortConditionEditor *self = COHORT_CONDITION_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->root);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->saved_json, g_free);

  G_OBJECT_CLASS (cohort_condition_editor_parent_class)->finalize (object);
}

static void
cohort_condition_editor_class_init (CohortConditionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_condition_editor_dispose;
  object_class->finalize = cohort_condition_editor_finalize;
  object_class->get_property = cohort_condition_editor_get_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RECALCULATED] = g_signal_new ("recalculated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[COUNT_UPDATED] = g_signal_new ("count-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.save-and-recalculate", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.paste-json-text", NULL, paste_json_text_action);
  gtk_widget_class_install_action (widget_class, "editor.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "editor.add-group", NULL, add_group_action);
  gtk_widget_class_install_action (widget_class, "editor.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "editor.copy-json", NULL, copy_json_action);
  gtk_widget_class_install_action (widget_class, "editor.paste-json", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "editor.paste-querybuilder", NULL, paste_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);

  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  g_type_ensure (COHORT_TYPE_CONDITION_LIVE_COUNT);
  g_type_ensure (COHORT_TYPE_CONDITION_RECALC_BANNER);
  cohort_editor_class_set_template (widget_class, "cohort-condition-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortConditionEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionEditor, banner);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionEditor, lead_label);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionEditor, all_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionEditor, any_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionEditor, root_error_label);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionEditor, groups_list);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionEditor, live_count);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionEditor, save_buttons);
  gtk_widget_class_bind_template_callback (widget_class, any_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, child_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, recalculated_cb);
  gtk_widget_class_bind_template_callback (widget_class, count_updated_cb);

  load_style ();
}

static void
cohort_condition_editor_init (CohortConditionEditor *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE)) != NULL)
    self->settings = g_settings_new (SETTINGS_SCHEMA);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save-and-recalculate", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.revert", FALSE);
}

GtkWidget *
cohort_condition_editor_new (void)
{
  return g_object_new (COHORT_TYPE_CONDITION_EDITOR, NULL);
}

gboolean
cohort_condition_editor_set_group (CohortConditionEditor  *self,
                                   CohortStore            *store,
                                   CohortGroup            *group,
                                   GError                **error)
{
  g_autoptr(CohortConditionContext) context = NULL;
  g_autoptr(CohortCondition) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *stored_json = NULL;
  CohortGroup *shown;
  const char *json;

  g_return_val_if_fail (COHORT_IS_CONDITION_EDITOR (self), FALSE);
  g_return_val_if_fail (COHORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (COHORT_IS_GROUP (group), FALSE);

  json = cohort_group_get_condition_json (group);
  if (json != NULL && !(root = cohort_condition_parse (json, -1, &parse_error)))
    {
      /* Translators: %s says what is wrong with the stored condition */
      g_autofree char *message = g_strdup_printf (_("The stored condition cannot be shown: %s"),
                                                  parse_error->message);
      show_error (self, message);
    }
  /* Before it is compared with: shown as a card, it is no edit. */
  if (root != NULL)
    normalize_root (root);
  stored_json = root != NULL ? cohort_condition_to_json (root, FALSE) : NULL;

  /* Unsaved edits outlive a change made elsewhere: they are compared with
   * the new stored condition from then on. */
  shown = self->context != NULL ? cohort_condition_context_get_group (self->context) : NULL;
  if (shown != NULL && store == self->store && cohort_group_get_id (shown) == cohort_group_get_id (group) &&
      (self->modified || g_strcmp0 (stored_json, self->saved_json) == 0))
    {
      g_free (self->saved_json);
      self->saved_json = g_steal_pointer (&stored_json);
      return refresh_group (self, store, group, error);
    }

  if (!(context = cohort_condition_context_new (store, group, error)) ||
      !cohort_condition_live_count_set_group (self->live_count, store, group, error))
    return FALSE;

  g_set_object (&self->store, store);
  g_set_object (&self->context, context);
  self->creating = cohort_group_get_id (group) == 0;
  gtk_widget_set_visible (self->save_buttons, !self->creating);
  cohort_condition_recalc_banner_set_group (self->banner, store, group);
  if (parse_error == NULL)
    show_error (self, NULL);

  g_free (self->saved_json);
  self->saved_json = g_steal_pointer (&stored_json);
  if (root == NULL)
    root = new_root (context);
  set_root (self, root);
  return TRUE;
}

CohortGroup *
cohort_condition_editor_get_group (CohortConditionEditor *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_EDITOR (self), NULL);

  return self->context != NULL ? cohort_condition_context_get_group (self->context) : NULL;
}

CohortCondition *
cohort_condition_editor_get_condition (CohortConditionEditor *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_EDITOR (self), NULL);

  return self->root;
}

gboolean
cohort_condition_editor_set_new_group (CohortConditionEditor  *self,
                                       CohortStore            *store,
                                       GError                **error)
{
  g_autoptr(CohortGroup) group = NULL;

  g_return_val_if_fail (COHORT_IS_CONDITION_EDITOR (self), FALSE);
  g_return_val_if_fail (COHORT_IS_STORE (store), FALSE);

  /* A group without an id: nothing is compared with members, nothing is
   * stored, and every other group may be referred to. */
  group = cohort_group_new ("", "", COHORT_GROUP_DYNAMIC);
  if (!cohort_condition_editor_set_group (self, store, group, error))
    return FALSE;
  /* The first question is which field: its picker opens once the editor
   * is shown. */
  cohort_condition_context_request_focus (self->context,
                                          cohort_condition_get_child (cohort_condition_get_child (self->root, 0), 0));
  return TRUE;
}
