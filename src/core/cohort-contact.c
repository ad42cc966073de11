/* cohort-contact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cohort-contact.h"
#include "cohort-error.h"
#include "cohort-text.h"

struct _CohortContact
{
  GObject       parent_instance;

  gint64        id;
  char         *text[COHORT_CONTACT_N_TEXT_FIELDS];
  CohortStatus  status;
  gboolean      has_score;
  gint64        score;
  char         *account_name;
  GPtrArray    *tags;      /* char*, NULL-terminated */
  GHashTable   *custom;    /* key → value */
  gint64        created_at;
  gint64        updated_at;
  gint64        last_activity_at;
  gint64        merged_into;
};

G_DEFINE_FINAL_TYPE (CohortContact, cohort_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EMAIL,
  PROP_DISPLAY_NAME,
  PROP_STATUS,
  PROP_ACCOUNT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const text_field_names[COHORT_CONTACT_N_TEXT_FIELDS] = {
  "email", "first_name", "last_name", "phone", "job_title", "city", "country",
};

static const char * const status_names[] = {
  "active", "inactive", "unsubscribed", "bounced", NULL
};

const char *
cohort_contact_text_field_name (CohortContactTextField field)
{
  g_return_val_if_fail (field < COHORT_CONTACT_N_TEXT_FIELDS, NULL);
  return text_field_names[field];
}

const char *
cohort_status_to_string (CohortStatus status)
{
  g_return_val_if_fail (status <= COHORT_STATUS_BOUNCED, "active");
  return status_names[status];
}

gboolean
cohort_status_from_string (const char   *text,
                           CohortStatus *out_status)
{
  g_autofree char *fold = cohort_text_fold (text);

  if (fold == NULL)
    return FALSE;
  for (guint i = 0; status_names[i]; i++)
    if (strcmp (fold, status_names[i]) == 0)
      {
        *out_status = i;
        return TRUE;
      }
  return FALSE;
}

static void
cohort_contact_finalize (GObject *object)
{
  CohortContact *self = COHORT_CONTACT (object);

  for (guint i = 0; i < COHORT_CONTACT_N_TEXT_FIELDS; i++)
    g_free (self->text[i]);
  g_free (self->account_name);
  g_ptr_array_unref (self->tags);
  g_hash_table_unref (self->custom);

  G_OBJECT_CLASS (cohort_contact_parent_class)->finalize (object);
}

static void
cohort_contact_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CohortContact *self = COHORT_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->text[COHORT_CONTACT_EMAIL]);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, cohort_contact_dup_display_name (self));
      break;
    case PROP_STATUS:
      g_value_set_string (value, cohort_status_to_string (self->status));
      break;
    case PROP_ACCOUNT_NAME:
      g_value_set_string (value, self->account_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_contact_class_init (CohortContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cohort_contact_finalize;
  object_class->get_property = cohort_contact_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_NAME] =
    g_param_spec_string ("account-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cohort_contact_init (CohortContact *self)
{
  self->tags = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->custom = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CohortContact *
cohort_contact_new (void)
{
  return g_object_new (COHORT_TYPE_CONTACT, NULL);
}

void
cohort_contact_reset (CohortContact *self)
{
  g_return_if_fail (COHORT_IS_CONTACT (self));

  self->id = 0;
  for (guint i = 0; i < COHORT_CONTACT_N_TEXT_FIELDS; i++)
    g_clear_pointer (&self->text[i], g_free);
  self->status = COHORT_STATUS_ACTIVE;
  self->has_score = FALSE;
  self->score = 0;
  g_clear_pointer (&self->account_name, g_free);
  g_ptr_array_set_size (self->tags, 0);
  g_hash_table_remove_all (self->custom);
  self->created_at = self->updated_at = self->last_activity_at = self->merged_into = 0;
}

gint64
cohort_contact_get_id (CohortContact *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT (self), 0);
  return self->id;
}

void
cohort_contact_set_id (CohortContact *self,
                       gint64         id)
{
  g_return_if_fail (COHORT_IS_CONTACT (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
cohort_contact_get_text (CohortContact          *self,
                         CohortContactTextField  field)
{
  g_return_val_if_fail (COHORT_IS_CONTACT (self), NULL);
  g_return_val_if_fail (field < COHORT_CONTACT_N_TEXT_FIELDS, NULL);
  return self->text[field];
}

/* Takes @clean, already trimmed (or NULL). */
static void
take_text (CohortContact          *self,
           CohortContactTextField  field,
           char                   *clean)
{
  if (g_strcmp0 (self->text[field], clean) == 0)
    {
      g_free (clean);
      return;
    }
  g_free (self->text[field]);
  self->text[field] = clean;

  if (field == COHORT_CONTACT_EMAIL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
  if (field == COHORT_CONTACT_EMAIL || field == COHORT_CONTACT_FIRST_NAME ||
      field == COHORT_CONTACT_LAST_NAME)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

void
cohort_contact_set_text (CohortContact          *self,
                         CohortContactTextField  field,
                         const char             *value)
{
  g_return_if_fail (COHORT_IS_CONTACT (self));
  g_return_if_fail (field < COHORT_CONTACT_N_TEXT_FIELDS);

  take_text (self, field, cohort_text_clean (value));
}

const char *
cohort_contact_get_email (CohortContact *self)
{
  return cohort_contact_get_text (self, COHORT_CONTACT_EMAIL);
}

char *
cohort_contact_dup_display_name (CohortContact *self)
{
  const char *first, *last;

  g_return_val_if_fail (COHORT_IS_CONTACT (self), NULL);

  first = self->text[COHORT_CONTACT_FIRST_NAME];
  last = self->text[COHORT_CONTACT_LAST_NAME];
  if (first && last)
    return g_strdup_printf ("%s %s", first, last);
  if (first || last)
    return g_strdup (first ? first : last);
  if (self->text[COHORT_CONTACT_EMAIL])
    return g_strdup (self->text[COHORT_CONTACT_EMAIL]);
  return g_strdup (_("Unnamed contact"));
}

CohortStatus
cohort_contact_get_status (CohortContact *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT (self), COHORT_STATUS_ACTIVE);
  return self->status;
}

void
cohort_contact_set_status (CohortContact *self,
                           CohortStatus   status)
{
  g_return_if_fail (COHORT_IS_CONTACT (self));
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

gboolean
cohort_contact_get_score (CohortContact *self,
                          gint64        *out_score)
{
  g_return_val_if_fail (COHORT_IS_CONTACT (self), FALSE);
  if (out_score)
    *out_score = self->score;
  return self->has_score;
}

void
cohort_contact_set_score (CohortContact *self,
                          gboolean       has_score,
                          gint64         score)
{
  g_return_if_fail (COHORT_IS_CONTACT (self));
  self->has_score = has_score;
  self->score = has_score ? score : 0;
}

const char *
cohort_contact_get_account_name (CohortContact *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT (self), NULL);
  return self->account_name;
}

void
cohort_contact_set_account_name (CohortContact *self,
                                 const char    *name)
{
  g_autofree char *clean = cohort_text_clean (name);

  g_return_if_fail (COHORT_IS_CONTACT (self));
  if (g_strcmp0 (clean, self->account_name) == 0)
    return;
  g_free (self->account_name);
  self->account_name = g_steal_pointer (&clean);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_NAME]);
}

const char * const *
cohort_contact_get_tags (CohortContact *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT (self), NULL);
  return (const char * const *) self->tags->pdata;
}

void
cohort_contact_add_tag (CohortContact *self,
                        const char    *tag)
{
  g_autofree char *clean = cohort_text_clean (tag);
  g_autofree char *fold = NULL;

  g_return_if_fail (COHORT_IS_CONTACT (self));
  if (clean == NULL)
    return;
  fold = cohort_text_fold (clean);
  for (guint i = 0; i < self->tags->len; i++)
    {
      g_autofree char *other = cohort_text_fold (g_ptr_array_index (self->tags, i));
      if (g_strcmp0 (fold, other) == 0)
        return;
    }
  g_ptr_array_add (self->tags, g_steal_pointer (&clean));
}

void
cohort_contact_set_tags (CohortContact      *self,
                         const char * const *tags)
{
  g_return_if_fail (COHORT_IS_CONTACT (self));
  g_ptr_array_set_size (self->tags, 0);
  for (guint i = 0; tags && tags[i]; i++)
    cohort_contact_add_tag (self, tags[i]);
}

GHashTable *
cohort_contact_get_custom (CohortContact *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT (self), NULL);
  return self->custom;
}

const char *
cohort_contact_get_custom_field (CohortContact *self,
                                 const char    *key)
{
  g_return_val_if_fail (COHORT_IS_CONTACT (self), NULL);
  return g_hash_table_lookup (self->custom, key);
}

void
cohort_contact_set_custom_field (CohortContact *self,
                                 const char    *key,
                                 const char    *value)
{
  g_autofree char *clean_key = cohort_text_clean (key);
  char *clean = cohort_text_clean (value);

  g_return_if_fail (COHORT_IS_CONTACT (self));
  if (clean_key == NULL)
    {
      g_free (clean);
      return;
    }
  if (clean == NULL)
    g_hash_table_remove (self->custom, clean_key);
  else
    g_hash_table_replace (self->custom, g_steal_pointer (&clean_key), clean);
}

#define DEFINE_TIME_ACCESSORS(name)                                  \
  gint64                                                             \
  cohort_contact_get_##name (CohortContact *self)                    \
  {                                                                  \
    g_return_val_if_fail (COHORT_IS_CONTACT (self), 0);              \
    return self->name;                                               \
  }                                                                  \
  void                                                               \
  cohort_contact_set_##name (CohortContact *self,                    \
                             gint64         value)                   \
  {                                                                  \
    g_return_if_fail (COHORT_IS_CONTACT (self));                     \
    self->name = value;                                              \
  }

DEFINE_TIME_ACCESSORS (created_at)
DEFINE_TIME_ACCESSORS (updated_at)
DEFINE_TIME_ACCESSORS (merged_into)
DEFINE_TIME_ACCESSORS (last_activity_at)

static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && at[1] != '\0' && strchr (at + 1, '@') == NULL &&
         strpbrk (text, " \t\r\n,;<>\"") == NULL;
}

CohortContactFieldKind
cohort_contact_field_kind (const char             *field,
                           CohortContactTextField *out_text)
{
  static const struct
  {
    const char *name;
    CohortContactFieldKind kind;
  } kinds[] = {
    { "status", COHORT_CONTACT_FIELD_STATUS },
    { "score", COHORT_CONTACT_FIELD_SCORE },
    { "tags", COHORT_CONTACT_FIELD_TAGS },
    { "company", COHORT_CONTACT_FIELD_ACCOUNT },
    { "account", COHORT_CONTACT_FIELD_ACCOUNT },
    { "created_at", COHORT_CONTACT_FIELD_CREATED_AT },
  };

  g_return_val_if_fail (field != NULL, COHORT_CONTACT_FIELD_UNKNOWN);

  for (guint i = 0; i < COHORT_CONTACT_N_TEXT_FIELDS; i++)
    if (g_ascii_strcasecmp (field, text_field_names[i]) == 0)
      {
        if (out_text != NULL)
          *out_text = i;
        return COHORT_CONTACT_FIELD_TEXT;
      }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (field, kinds[i].name) == 0)
      return kinds[i].kind;
  if (g_str_has_prefix (field, "custom.") && field[strlen ("custom.")] != '\0')
    return COHORT_CONTACT_FIELD_CUSTOM;
  return COHORT_CONTACT_FIELD_UNKNOWN;
}

gboolean
cohort_contact_check_value (CohortContactFieldKind    kind,
                            CohortContactTextField    text,
                            const char               *clean,
                            GTimeZone                *tz,
                            CohortContactFieldValue  *out,
                            GError                  **error)
{
  g_return_val_if_fail (clean != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  switch (kind)
    {
    case COHORT_CONTACT_FIELD_TEXT:
      if (text == COHORT_CONTACT_EMAIL && !looks_like_email (clean))
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("email: “%s” is not an email address"), clean);
          return FALSE;
        }
      return TRUE;

    case COHORT_CONTACT_FIELD_STATUS:
      if (!cohort_status_from_string (clean, &out->status))
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("status: “%s” is not a status (expected one of: active, inactive, unsubscribed, bounced)"),
                       clean);
          return FALSE;
        }
      return TRUE;

    case COHORT_CONTACT_FIELD_SCORE:
      if (!cohort_parse_int64 (clean, &out->number))
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("score: “%s” is not a whole number"), clean);
          return FALSE;
        }
      return TRUE;

    case COHORT_CONTACT_FIELD_CREATED_AT:
      if (!cohort_datetime_parse (clean, tz, &out->number, error))
        {
          g_prefix_error (error, "created_at: ");
          return FALSE;
        }
      return TRUE;

    case COHORT_CONTACT_FIELD_TAGS:
    case COHORT_CONTACT_FIELD_ACCOUNT:
    case COHORT_CONTACT_FIELD_CUSTOM:
      return TRUE;

    case COHORT_CONTACT_FIELD_UNKNOWN:
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
cohort_contact_set_field (CohortContact  *self,
                          const char     *field,
                          const char     *value,
                          GTimeZone      *tz,
                          GError        **error)
{
  g_autofree char *clean = cohort_text_clean (value);
  CohortContactTextField text = 0;
  CohortContactFieldValue parsed = { COHORT_STATUS_ACTIVE, 0 };
  CohortContactFieldKind kind;

  g_return_val_if_fail (COHORT_IS_CONTACT (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s: the value is not valid UTF-8 text"), field);
      return FALSE;
    }

  kind = cohort_contact_field_kind (field, &text);
  if (kind == COHORT_CONTACT_FIELD_UNKNOWN)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” is not a contact field (expected one of: email, first_name, last_name, phone, job_title, company, city, country, status, score, tags, created_at, custom.KEY)"),
                   field);
      return FALSE;
    }
  if (kind == COHORT_CONTACT_FIELD_CREATED_AT && clean == NULL)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("created_at: a contact always has a creation date"));
      return FALSE;
    }
  if (clean != NULL && !cohort_contact_check_value (kind, text, clean, tz, &parsed, error))
    return FALSE;

  switch (kind)
    {
    case COHORT_CONTACT_FIELD_TEXT:
      take_text (self, text, g_steal_pointer (&clean));
      break;

    case COHORT_CONTACT_FIELD_STATUS:
      cohort_contact_set_status (self, parsed.status);
      break;

    case COHORT_CONTACT_FIELD_SCORE:
      cohort_contact_set_score (self, clean != NULL, parsed.number);
      break;

    case COHORT_CONTACT_FIELD_TAGS:
      {
        g_auto(GStrv) parts = g_strsplit_set (clean ? clean : "", ";,", -1);

        cohort_contact_set_tags (self, (const char * const *) parts);
      }
      break;

    case COHORT_CONTACT_FIELD_ACCOUNT:
      cohort_contact_set_account_name (self, clean);
      break;

    case COHORT_CONTACT_FIELD_CREATED_AT:
      self->created_at = parsed.number;
      break;

    case COHORT_CONTACT_FIELD_CUSTOM:
      cohort_contact_set_custom_field (self, field + strlen ("custom."), clean);
      break;

    case COHORT_CONTACT_FIELD_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}
