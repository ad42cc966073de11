/* cohort-member-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-member-row.h"

struct _CohortMemberRow
{
  GObject       parent_instance;

  gint64        id;
  char         *name;
  char         *email;
  char         *account;
  CohortStatus  status;
  char         *source;
  gint64        added_at;
};

enum {
  ROW_PROP_0,
  ROW_PROP_ID,
  ROW_PROP_NAME,
  ROW_PROP_EMAIL,
  ROW_PROP_ACCOUNT,
  ROW_PROP_STATUS_LABEL,
  ROW_PROP_SOURCE,
  ROW_PROP_ADDED_AT,
  ROW_PROP_ADDED_LABEL,
  N_ROW_PROPS
};

static GParamSpec *row_properties[N_ROW_PROPS];

G_DEFINE_FINAL_TYPE (CohortMemberRow, cohort_member_row, G_TYPE_OBJECT)

static const char *
status_label (CohortStatus status)
{
  switch (status)
    {
    case COHORT_STATUS_ACTIVE:
      return _("Active");
    case COHORT_STATUS_INACTIVE:
      return _("Inactive");
    case COHORT_STATUS_UNSUBSCRIBED:
      return _("Unsubscribed");
    case COHORT_STATUS_BOUNCED:
      return _("Bounced");
    default:
      g_assert_not_reached ();
    }
}

static char *
date_label (gint64 unix_time)
{
  g_autoptr(GDateTime) when = NULL;

  if (unix_time <= 0)
    return g_strdup ("");

  when = g_date_time_new_from_unix_local (unix_time);
  /* Translators: a date in a table cell, see g_date_time_format() */
  return g_date_time_format (when, _("%-d %b %Y"));
}

static void
cohort_member_row_finalize (GObject *object)
{
  CohortMemberRow *self = COHORT_MEMBER_ROW (object);

  g_free (self->name);
  g_free (self->email);
  g_free (self->account);
  g_free (self->source);

  G_OBJECT_CLASS (cohort_member_row_parent_class)->finalize (object);
}

static void
cohort_member_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CohortMemberRow *self = COHORT_MEMBER_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case ROW_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case ROW_PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case ROW_PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case ROW_PROP_STATUS_LABEL:
      g_value_set_string (value, status_label (self->status));
      break;
    case ROW_PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case ROW_PROP_ADDED_AT:
      g_value_set_int64 (value, self->added_at);
      break;
    case ROW_PROP_ADDED_LABEL:
      g_value_take_string (value, date_label (self->added_at));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_member_row_class_init (CohortMemberRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = cohort_member_row_finalize;
  object_class->get_property = cohort_member_row_get_property;

  row_properties[ROW_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  row_properties[ROW_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  row_properties[ROW_PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, "", flags);
  row_properties[ROW_PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, "", flags);
  row_properties[ROW_PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, "", flags);
  row_properties[ROW_PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, "", flags);
  row_properties[ROW_PROP_ADDED_AT] =
    g_param_spec_int64 ("added-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  row_properties[ROW_PROP_ADDED_LABEL] =
    g_param_spec_string ("added-label", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_ROW_PROPS, row_properties);
}

static void
cohort_member_row_init (CohortMemberRow *self)
{
  self->name = g_strdup ("");
  self->email = g_strdup ("");
  self->account = g_strdup ("");
  self->source = g_strdup ("");
}

CohortMemberRow *
cohort_member_row_new (gint64        id,
                       const char   *name,
                       const char   *email,
                       const char   *account,
                       CohortStatus  status,
                       const char   *source,
                       gint64        added_at)
{
  CohortMemberRow *self = g_object_new (COHORT_TYPE_MEMBER_ROW, NULL);

  self->id = id;
  g_free (self->name);
  self->name = g_strdup (name != NULL ? name : "");
  g_free (self->email);
  self->email = g_strdup (email != NULL ? email : "");
  g_free (self->account);
  self->account = g_strdup (account != NULL ? account : "");
  self->status = status;
  g_free (self->source);
  self->source = g_strdup (source != NULL ? source : "");
  self->added_at = added_at;

  return self;
}

gint64
cohort_member_row_get_id (CohortMemberRow *self)
{
  g_return_val_if_fail (COHORT_IS_MEMBER_ROW (self), 0);
  return self->id;
}

const char *
cohort_member_row_get_name (CohortMemberRow *self)
{
  g_return_val_if_fail (COHORT_IS_MEMBER_ROW (self), NULL);
  return self->name;
}

const char *
cohort_member_row_get_email (CohortMemberRow *self)
{
  g_return_val_if_fail (COHORT_IS_MEMBER_ROW (self), NULL);
  return self->email;
}

const char *
cohort_member_row_get_account (CohortMemberRow *self)
{
  g_return_val_if_fail (COHORT_IS_MEMBER_ROW (self), NULL);
  return self->account;
}

CohortStatus
cohort_member_row_get_status (CohortMemberRow *self)
{
  g_return_val_if_fail (COHORT_IS_MEMBER_ROW (self), COHORT_STATUS_ACTIVE);
  return self->status;
}

const char *
cohort_member_row_get_source (CohortMemberRow *self)
{
  g_return_val_if_fail (COHORT_IS_MEMBER_ROW (self), NULL);
  return self->source;
}

gint64
cohort_member_row_get_added_at (CohortMemberRow *self)
{
  g_return_val_if_fail (COHORT_IS_MEMBER_ROW (self), 0);
  return self->added_at;
}

static void
update_string (CohortMemberRow  *self,
               char            **field,
               const char       *value,
               guint             prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), row_properties[prop_id]);
}

void
cohort_member_row_update (CohortMemberRow *self,
                          CohortMemberRow *fresh)
{
  g_return_if_fail (COHORT_IS_MEMBER_ROW (self));
  g_return_if_fail (COHORT_IS_MEMBER_ROW (fresh));

  /* A cell bound to a row that stays in view redraws only when its text is
   * different. */
  update_string (self, &self->name, fresh->name, ROW_PROP_NAME);
  update_string (self, &self->email, fresh->email, ROW_PROP_EMAIL);
  update_string (self, &self->account, fresh->account, ROW_PROP_ACCOUNT);
  update_string (self, &self->source, fresh->source, ROW_PROP_SOURCE);

  if (self->status != fresh->status)
    {
      self->status = fresh->status;
      g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_STATUS_LABEL]);
    }

  if (self->added_at != fresh->added_at)
    {
      self->added_at = fresh->added_at;
      g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_ADDED_AT]);
      g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_ADDED_LABEL]);
    }
}

char *
cohort_member_source_label (gboolean    dynamic,
                            gboolean    manual,
                            const char *account)
{
  if (dynamic)
    return g_strdup (_("Condition"));
  if (manual && account != NULL)
    /* Translators: how a contact came into a static group: by hand and
     * through its account */
    return g_strdup_printf (_("Manual, Account: %s"), account);
  if (account != NULL)
    return g_strdup_printf (_("Account: %s"), account);
  return g_strdup (_("Manual"));
}
