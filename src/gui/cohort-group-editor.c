/* cohort-group-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-application.h"
#include "cohort-condition-editor.h"
#include "cohort-error.h"
#include "cohort-group-editor.h"
#include "cohort-job.h"
#include "cohort-text.h"
#include "cohort-utils.h"

/* GNOME's palette, as the swatches in style.css show it. */
static const struct {
  const char *name;
  const char *hex;
} palette[] = {
  { "blue", "#3584e4" },
  { "green", "#33d17a" },
  { "yellow", "#f6d32d" },
  { "orange", "#ff7800" },
  { "red", "#e01b24" },
  { "purple", "#9141ac" },
  { "brown", "#986a44" },
  { "slate", "#77767b" },
};

struct _CohortGroupEditor
{
  AdwWindow            parent_instance;

  CohortStore         *store;
  CohortGroup         *original;   /* NULL for a new group */
  gboolean             code_edited;
  gboolean             deriving_code;
  gboolean             saving;

  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *back_button;
  GtkStack            *view_stack;
  GtkButton           *save_button;
  GtkLabel            *error_label;
  AdwEntryRow         *name_row;
  AdwEntryRow         *code_row;
  AdwEntryRow         *description_row;
  GtkToggleButton     *swatches[G_N_ELEMENTS (palette)];
  AdwPreferencesGroup *kind_group;
  GtkCheckButton      *static_check;
  GtkCheckButton      *dynamic_check;
  AdwPreferencesGroup *condition_group;
  AdwActionRow        *condition_row;
  CohortConditionEditor *condition_editor;
  AdwPreferencesGroup *schedule_group;
  GtkSwitch           *schedule_switch;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortGroupEditor, cohort_group_editor, ADW_TYPE_WINDOW)

static gboolean
is_dynamic (CohortGroupEditor *self)
{
  if (self->original != NULL)
    return cohort_group_get_kind (self->original) == COHORT_GROUP_DYNAMIC;
  return gtk_check_button_get_active (self->dynamic_check);
}

static gboolean
condition_valid (CohortGroupEditor *self)
{
  gboolean valid;

  g_object_get (self->condition_editor, "valid", &valid, NULL);
  return valid;
}

static void
show_error (CohortGroupEditor *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_state (CohortGroupEditor *self)
{
  g_autofree char *name = cohort_text_clean (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  gboolean code_ok = self->original != NULL || cohort_group_code_is_valid (code);
  gboolean condition_ok = TRUE;
  gboolean new_dynamic = self->original == NULL && is_dynamic (self);
  gboolean on_condition;

  if (code_ok || *code == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->code_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->code_row), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->condition_group), new_dynamic);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_group), is_dynamic (self));
  if (new_dynamic)
    {
      g_autofree char *sentence = NULL;

      condition_ok = condition_valid (self);
      sentence = condition_ok ? cohort_condition_describe (cohort_condition_editor_get_condition (self->condition_editor))
                              : g_strdup (_("Not complete yet"));
      adw_action_row_set_subtitle (self->condition_row, sentence);
    }
  on_condition = new_dynamic && g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "condition") == 0;
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !on_condition);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), on_condition);
  if (self->original == NULL)
    adw_window_title_set_subtitle (self->window_title, on_condition ? _("Condition") : NULL);
  if (!new_dynamic && !on_condition)
    gtk_stack_set_visible_child_name (self->view_stack, "details");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 !self->saving && name != NULL && code_ok && condition_ok);
}

static void
name_changed_cb (CohortGroupEditor *self)
{
  if (self->original == NULL && !self->code_edited)
    {
      g_autofree char *code = cohort_group_code_from_name (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

      self->deriving_code = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), code != NULL ? code : "");
      self->deriving_code = FALSE;
    }
  update_state (self);
}

static void
code_changed_cb (CohortGroupEditor *self)
{
  /* Once typed by hand, the code name no longer follows the name. */
  if (!self->deriving_code)
    self->code_edited = *gtk_editable_get_text (GTK_EDITABLE (self->code_row)) != '\0';
  update_state (self);
}

/* Choosing Dynamic opens the condition editor at once: a dynamic group is
 * nothing without its condition. */
static void
kind_toggled_cb (CohortGroupEditor *self)
{
  update_state (self);
  if (self->original == NULL && gtk_check_button_get_active (self->dynamic_check))
    gtk_stack_set_visible_child_name (self->view_stack, "condition");
}

static void
condition_row_activated_cb (CohortGroupEditor *self)
{
  gtk_stack_set_visible_child_name (self->view_stack, "condition");
}

static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_stack_set_visible_child_name (COHORT_GROUP_EDITOR (widget)->view_stack, "details");
}

static void
condition_changed_cb (CohortGroupEditor *self)
{
  update_state (self);
}

static void
page_changed_cb (CohortGroupEditor *self)
{
  update_state (self);
}

static void
swatch_toggled_cb (CohortGroupEditor *self)
{
  /* To a screen reader the swatches are radio buttons (GTK 4.8 has no
   * toggle button role), and the chosen one is the checked one. */
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self->swatches[i]), GTK_ACCESSIBLE_STATE_CHECKED,
                                 gtk_toggle_button_get_active (self->swatches[i])
                                 ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                                 -1);
  update_state (self);
}

static const char *
chosen_color (CohortGroupEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    if (gtk_toggle_button_get_active (self->swatches[i]))
      return palette[i].hex;

  return NULL;
}

/* ---- saving -------------------------------------------------------------- */

typedef struct
{
  CohortGroup *group;
  gboolean     create;
  gboolean     set_schedule;
  gboolean     scheduled;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->group);
  g_free (save);
}

static gboolean
save_job (CohortJob     *job,
          CohortStore   *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveData *save = data;
  gboolean ok;

  ok = save->create ? cohort_store_create_group (store, save->group, error)
                    : cohort_store_update_group (store, save->group, error);
  if (ok && save->set_schedule)
    ok = cohort_store_set_group_schedule (store, cohort_group_get_id (save->group),
                                          save->scheduled, NULL, error);
  return ok;
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CohortGroupEditor) self = user_data;
  SaveData *save = cohort_job_get_data (COHORT_JOB (object));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  self->saving = FALSE;
  update_state (self);

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    {
      show_error (self, error->message);
      return;
    }

  cohort_widget_check_store (GTK_WIDGET (self));

  name = cohort_quote (cohort_group_get_name (save->group));
  title = save->create ? g_strdup_printf (_("Created the group %s"), name)
                       : g_strdup_printf (_("Saved the group %s"), name);
  cohort_widget_add_toast (GTK_WIDGET (self), adw_toast_new (title));
  /* A schedule is only real if the app runs at night. */
  if (save->set_schedule && save->scheduled && COHORT_IS_APPLICATION (g_application_get_default ()))
    cohort_application_offer_background (COHORT_APPLICATION (g_application_get_default ()),
                                         gtk_window_get_transient_for (GTK_WINDOW (self)));

  g_signal_emit (self, signals[SAVED], 0, cohort_group_get_id (save->group));
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CohortGroupEditor *self = COHORT_GROUP_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortJob) job = NULL;
  g_autofree char *name = cohort_text_clean (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autofree char *description = cohort_text_clean (gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
  SaveData *save = g_new0 (SaveData, 1);

  if (self->original == NULL)
    {
      save->create = TRUE;
      save->group = cohort_group_new (gtk_editable_get_text (GTK_EDITABLE (self->code_row)), name,
                                      is_dynamic (self) ? COHORT_GROUP_DYNAMIC : COHORT_GROUP_STATIC);
      if (is_dynamic (self))
        {
          CohortCondition *condition = cohort_condition_editor_get_condition (self->condition_editor);
          g_autofree char *json = NULL;

          if (!cohort_condition_validate (condition, NULL, &error))
            {
              show_error (self, error->message);
              save_data_free (save);
              return;
            }
          json = cohort_condition_to_json (condition, FALSE);
          cohort_group_set_condition_json (save->group, json);
        }
    }
  else
    {
      save->group = cohort_store_get_group (self->store, cohort_group_get_id (self->original), &error);
      if (save->group == NULL)
        {
          show_error (self, error->message);
          save_data_free (save);
          return;
        }
      cohort_group_set_name (save->group, name);
    }

  cohort_group_set_description (save->group, description);
  cohort_group_set_color (save->group, chosen_color (self));
  save->scheduled = is_dynamic (self) && gtk_switch_get_active (self->schedule_switch);
  save->set_schedule = save->scheduled != cohort_group_get_scheduled (save->group);

  show_error (self, NULL);
  self->saving = TRUE;
  update_state (self);

  job = cohort_job_new (save_job, save, save_data_free);
  cohort_job_run_async (job, self->store, NULL, save_done_cb, g_object_ref (self));
}

/* ---- GObject ------------------------------------------------------------- */

static void
cohort_group_editor_dispose (GObject *object)
{
  CohortGroupEditor *self = COHORT_GROUP_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_GROUP_EDITOR);
  g_clear_object (&self->original);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cohort_group_editor_parent_class)->dispose (object);
}

static void
cohort_group_editor_class_init (CohortGroupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_group_editor_dispose;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-group-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, description_row);
  gtk_widget_class_bind_template_child_full (widget_class, "swatch_blue", FALSE,
                                             G_STRUCT_OFFSET (CohortGroupEditor, swatches[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "swatch_green", FALSE,
                                             G_STRUCT_OFFSET (CohortGroupEditor, swatches[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "swatch_yellow", FALSE,
                                             G_STRUCT_OFFSET (CohortGroupEditor, swatches[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "swatch_orange", FALSE,
                                             G_STRUCT_OFFSET (CohortGroupEditor, swatches[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "swatch_red", FALSE,
                                             G_STRUCT_OFFSET (CohortGroupEditor, swatches[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "swatch_purple", FALSE,
                                             G_STRUCT_OFFSET (CohortGroupEditor, swatches[5]));
  gtk_widget_class_bind_template_child_full (widget_class, "swatch_brown", FALSE,
                                             G_STRUCT_OFFSET (CohortGroupEditor, swatches[6]));
  gtk_widget_class_bind_template_child_full (widget_class, "swatch_slate", FALSE,
                                             G_STRUCT_OFFSET (CohortGroupEditor, swatches[7]));
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, kind_group);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, static_check);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, dynamic_check);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, condition_group);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, condition_row);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, condition_editor);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, schedule_group);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupEditor, schedule_switch);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, swatch_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, condition_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, condition_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);

  g_type_ensure (COHORT_TYPE_CONDITION_EDITOR);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.show-details", NULL, show_details_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
cohort_group_editor_init (CohortGroupEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  gtk_toggle_button_set_active (self->swatches[0], TRUE);
  update_state (self);
}

CohortGroupEditor *
cohort_group_editor_new (CohortStore *store,
                         CohortGroup *group)
{
  CohortGroupEditor *self;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);
  g_return_val_if_fail (group == NULL || COHORT_IS_GROUP (group), NULL);

  self = g_object_new (COHORT_TYPE_GROUP_EDITOR, NULL);
  self->store = g_object_ref (store);

  if (group == NULL)
    {
      g_autoptr(GError) error = NULL;

      gtk_window_set_title (GTK_WINDOW (self), _("New Group"));
      adw_window_title_set_title (self->window_title, _("New Group"));
      if (!cohort_condition_editor_set_new_group (self->condition_editor, store, &error))
        show_error (self, error->message);
      update_state (self);
      return self;
    }

  self->original = g_object_ref (group);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Group"));
  adw_window_title_set_title (self->window_title, _("Edit Group"));
  adw_window_title_set_subtitle (self->window_title, cohort_group_get_name (group));
  gtk_button_set_label (self->save_button, _("_Save"));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), cohort_group_get_name (group));
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), cohort_group_get_code (group));
  gtk_editable_set_editable (GTK_EDITABLE (self->code_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         cohort_group_get_description (group) != NULL
                         ? cohort_group_get_description (group) : "");
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    if (g_ascii_strcasecmp (palette[i].hex, cohort_group_get_color (group) != NULL
                                            ? cohort_group_get_color (group) : "") == 0)
      gtk_toggle_button_set_active (self->swatches[i], TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_group), FALSE);
  gtk_switch_set_active (self->schedule_switch, cohort_group_get_scheduled (group));
  update_state (self);

  return self;
}
