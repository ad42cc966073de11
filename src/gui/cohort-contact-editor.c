/* cohort-contact-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cohort-contact-editor.h"
#include "cohort-job.h"
#include "cohort-text.h"
#include "cohort-utils.h"

struct _CohortContactEditor
{
  AdwWindow       parent_instance;

  CohortStore    *store;
  CohortContact  *original;   /* NULL for a new contact */
  GPtrArray      *tags;
  gboolean        saving;

  AdwWindowTitle *window_title;
  GtkWidget      *save_button;
  GtkLabel       *error_label;
  AdwEntryRow    *email_row;
  AdwEntryRow    *first_name_row;
  AdwEntryRow    *last_name_row;
  AdwEntryRow    *phone_row;
  AdwEntryRow    *job_title_row;
  AdwEntryRow    *city_row;
  AdwEntryRow    *country_row;
  AdwEntryRow    *account_row;
  AdwComboRow    *status_row;
  AdwEntryRow    *score_row;
  GtkFlowBox     *tags_box;
  AdwEntryRow    *tag_row;
  GtkListBox     *custom_list;
  AdwEntryRow    *new_field_row;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortContactEditor, cohort_contact_editor, ADW_TYPE_WINDOW)

/* The plain fields: the name cohort_contact_set_field() knows and the row. */
static const struct {
  const char *field;
  gsize       offset;
} text_rows[] = {
  { "email", G_STRUCT_OFFSET (CohortContactEditor, email_row) },
  { "first_name", G_STRUCT_OFFSET (CohortContactEditor, first_name_row) },
  { "last_name", G_STRUCT_OFFSET (CohortContactEditor, last_name_row) },
  { "phone", G_STRUCT_OFFSET (CohortContactEditor, phone_row) },
  { "job_title", G_STRUCT_OFFSET (CohortContactEditor, job_title_row) },
  { "city", G_STRUCT_OFFSET (CohortContactEditor, city_row) },
  { "country", G_STRUCT_OFFSET (CohortContactEditor, country_row) },
  { "company", G_STRUCT_OFFSET (CohortContactEditor, account_row) },
  { "score", G_STRUCT_OFFSET (CohortContactEditor, score_row) },
};

static AdwEntryRow *
text_row (CohortContactEditor *self,
          guint                i)
{
  return G_STRUCT_MEMBER (AdwEntryRow *, self, text_rows[i].offset);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_error (CohortContactEditor *self,
            const char          *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* A contact needs something to recognise it by. */
static void
changed_cb (CohortContactEditor *self)
{
  g_autofree char *email = cohort_text_clean (row_text (self->email_row));
  g_autofree char *first = cohort_text_clean (row_text (self->first_name_row));
  g_autofree char *last = cohort_text_clean (row_text (self->last_name_row));
  gboolean email_ok = email == NULL || strchr (email, '@') != NULL;

  if (email_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->email_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->email_row), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 !self->saving && email_ok
                                 && (email != NULL || first != NULL || last != NULL));
}

/* ---- tags ---------------------------------------------------------------- */

static void show_tags (CohortContactEditor *self);

static void
remove_tag_cb (GtkButton           *button,
               CohortContactEditor *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "tag");

  for (guint i = 0; i < self->tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->tags, i), tag) == 0)
      {
        g_ptr_array_remove_index (self->tags, i);
        break;
      }
  show_tags (self);
}

static GtkWidget *
create_chip (CohortContactEditor *self,
             const char          *tag)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *label = g_strdup_printf (_("Remove tag %s"), tag);

  gtk_box_append (GTK_BOX (chip), gtk_label_new (tag));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "tag", g_strdup (tag), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_tag_cb), self, 0);
  gtk_box_append (GTK_BOX (chip), button);
  gtk_widget_add_css_class (chip, "chip");

  return chip;
}

static void
show_tags (CohortContactEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);
  for (guint i = 0; i < self->tags->len; i++)
    gtk_flow_box_append (self->tags_box, create_chip (self, g_ptr_array_index (self->tags, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), self->tags->len > 0);
}

static void
add_tag_cb (CohortContactEditor *self)
{
  g_autofree char *tag = cohort_text_clean (row_text (self->tag_row));
  g_autofree char *folded = cohort_text_fold (tag);

  if (tag == NULL)
    return;

  for (guint i = 0; i < self->tags->len; i++)
    {
      g_autofree char *other = cohort_text_fold (g_ptr_array_index (self->tags, i));

      if (g_strcmp0 (other, folded) == 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->tag_row), "");
          return;
        }
    }

  g_ptr_array_add (self->tags, g_steal_pointer (&tag));
  gtk_editable_set_text (GTK_EDITABLE (self->tag_row), "");
  show_tags (self);
}

/* ---- custom fields ------------------------------------------------------- */

static void
remove_field_cb (GtkButton           *button,
                 CohortContactEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW);

  gtk_list_box_remove (self->custom_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_list),
                          gtk_list_box_get_row_at_index (self->custom_list, 0) != NULL);
}

static GtkWidget *
add_field_row (CohortContactEditor *self,
               const char          *key,
               const char          *value)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *label = g_strdup_printf (_("Remove field %s"), key);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), key);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  g_object_set_data_full (G_OBJECT (row), "key", g_strdup (key), g_free);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_field_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  gtk_list_box_append (self->custom_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_list), TRUE);

  return row;
}

static void
add_field_cb (CohortContactEditor *self)
{
  g_autofree char *key = cohort_text_clean (row_text (self->new_field_row));
  GtkWidget *row;

  if (key == NULL)
    return;

  if (g_str_has_prefix (key, "custom."))
    memmove (key, key + strlen ("custom."), strlen (key) - strlen ("custom.") + 1);

  gtk_editable_set_text (GTK_EDITABLE (self->new_field_row), "");
  row = add_field_row (self, key, NULL);
  gtk_widget_grab_focus (row);
}

/* ---- saving -------------------------------------------------------------- */

typedef struct
{
  CohortContact           *contact;
  CohortMembershipChanges *changes;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->contact);
  g_clear_pointer (&save->changes, cohort_membership_changes_free);
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

  return cohort_store_save_contact (store, save->contact, &save->changes, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CohortContactEditor) self = user_data;
  SaveData *save = cohort_job_get_data (COHORT_JOB (object));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *title = NULL;

  self->saving = FALSE;
  changed_cb (self);

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    {
      show_error (self, error->message);
      return;
    }

  cohort_widget_check_store (GTK_WIDGET (self));

  name = cohort_contact_dup_display_name (save->contact);
  changes = cohort_format_membership_changes (self->store, save->changes);
  /* Translators: "Saved Anna Schmidt. Joined VIP. Left Newsletter." */
  title = changes != NULL ? g_strdup_printf (_("Saved %s. %s"), name, changes)
                          : g_strdup_printf (_("Saved %s"), name);
  cohort_widget_add_toast (GTK_WIDGET (self), adw_toast_new (title));

  g_signal_emit (self, signals[SAVED], 0, cohort_contact_get_id (save->contact));
  gtk_window_close (GTK_WINDOW (self));
}

/* Reads the form into a contact; fails with a message that names the field. */
static CohortContact *
build_contact (CohortContactEditor  *self,
               GError              **error)
{
  g_autoptr(CohortContact) contact = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) tag_list = NULL;
  GHashTable *old_custom;
  guint status = adw_combo_row_get_selected (self->status_row);

  if (self->original != NULL)
    contact = cohort_store_get_contact (self->store, cohort_contact_get_id (self->original), error);
  else
    contact = cohort_contact_new ();
  if (contact == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (text_rows); i++)
    if (!cohort_contact_set_field (contact, text_rows[i].field, row_text (text_row (self, i)), tz, error))
      return NULL;

  cohort_contact_set_status (contact, status <= COHORT_STATUS_BOUNCED ? status : COHORT_STATUS_ACTIVE);

  for (guint i = 0; i < self->tags->len; i++)
    g_strv_builder_add (tags, g_ptr_array_index (self->tags, i));
  tag_list = g_strv_builder_end (tags);
  cohort_contact_set_tags (contact, (const char * const *) tag_list);

  /* Fields removed from the form are cleared; the rest are written. */
  old_custom = cohort_contact_get_custom (contact);
  if (old_custom != NULL)
    {
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (old_custom, NULL);

      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *key = g_strdup (keys[i]);

          cohort_contact_set_custom_field (contact, key, NULL);
        }
    }
  for (int i = 0; gtk_list_box_get_row_at_index (self->custom_list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->custom_list, i));

      cohort_contact_set_custom_field (contact, g_object_get_data (G_OBJECT (row), "key"),
                                       row_text (ADW_ENTRY_ROW (row)));
    }

  return g_steal_pointer (&contact);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CohortContactEditor *self = COHORT_CONTACT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortJob) job = NULL;
  SaveData *save;
  CohortContact *contact;

  add_tag_cb (self);
  contact = build_contact (self, &error);
  if (contact == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  self->saving = TRUE;
  changed_cb (self);

  save = g_new0 (SaveData, 1);
  save->contact = contact;
  job = cohort_job_new (save_job, save, save_data_free);
  cohort_job_run_async (job, self->store, NULL, save_done_cb, g_object_ref (self));
}

/* ---- GObject ------------------------------------------------------------- */

static void
cohort_contact_editor_dispose (GObject *object)
{
  CohortContactEditor *self = COHORT_CONTACT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_CONTACT_EDITOR);
  g_clear_object (&self->original);
  g_clear_object (&self->store);
  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (cohort_contact_editor_parent_class)->dispose (object);
}

static void
cohort_contact_editor_class_init (CohortContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_contact_editor_dispose;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, job_title_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, account_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, score_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, tags_box);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, tag_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, custom_list);
  gtk_widget_class_bind_template_child (widget_class, CohortContactEditor, new_field_row);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_tag_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_field_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
cohort_contact_editor_init (CohortContactEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tags = g_ptr_array_new_with_free_func (g_free);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_list), FALSE);
  show_tags (self);
  changed_cb (self);
}

static void
load_contact (CohortContactEditor *self,
              CohortContact       *contact)
{
  const char * const *tags = cohort_contact_get_tags (contact);
  GHashTable *custom = cohort_contact_get_custom (contact);
  gint64 score;

  for (CohortContactTextField field = 0; field < COHORT_CONTACT_N_TEXT_FIELDS; field++)
    {
      const char *value = cohort_contact_get_text (contact, field);

      for (guint i = 0; i < G_N_ELEMENTS (text_rows); i++)
        if (g_strcmp0 (text_rows[i].field, cohort_contact_text_field_name (field)) == 0)
          gtk_editable_set_text (GTK_EDITABLE (text_row (self, i)), value != NULL ? value : "");
    }

  gtk_editable_set_text (GTK_EDITABLE (self->account_row),
                         cohort_contact_get_account_name (contact) != NULL
                         ? cohort_contact_get_account_name (contact) : "");
  if (cohort_contact_get_score (contact, &score))
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, score);

      gtk_editable_set_text (GTK_EDITABLE (self->score_row), text);
    }
  adw_combo_row_set_selected (self->status_row, cohort_contact_get_status (contact));

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_ptr_array_add (self->tags, g_strdup (tags[i]));
  show_tags (self);

  if (custom != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, custom);
      while (g_hash_table_iter_next (&iter, &key, &value))
        add_field_row (self, key, value);
    }
}

CohortContactEditor *
cohort_contact_editor_new (CohortStore   *store,
                           CohortContact *contact)
{
  CohortContactEditor *self;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);
  g_return_val_if_fail (contact == NULL || COHORT_IS_CONTACT (contact), NULL);

  self = g_object_new (COHORT_TYPE_CONTACT_EDITOR, NULL);
  self->store = g_object_ref (store);

  if (contact != NULL)
    {
      g_autofree char *name = cohort_contact_dup_display_name (contact);

      self->original = g_object_ref (contact);
      load_contact (self, contact);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Contact"));
      adw_window_title_set_title (self->window_title, _("Edit Contact"));
      adw_window_title_set_subtitle (self->window_title, name);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Contact"));
      adw_window_title_set_title (self->window_title, _("New Contact"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Add"));
    }
  changed_cb (self);

  return self;
}
