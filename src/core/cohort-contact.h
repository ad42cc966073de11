/* cohort-contact.h — one contact, as loaded from or saved to the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The plain text fields of a contact, in storage order. */
typedef enum
{
  COHORT_CONTACT_EMAIL,
  COHORT_CONTACT_FIRST_NAME,
  COHORT_CONTACT_LAST_NAME,
  COHORT_CONTACT_PHONE,
  COHORT_CONTACT_JOB_TITLE,
  COHORT_CONTACT_CITY,
  COHORT_CONTACT_COUNTRY,
  COHORT_CONTACT_N_TEXT_FIELDS
} CohortContactTextField;

typedef enum
{
  COHORT_STATUS_ACTIVE,
  COHORT_STATUS_INACTIVE,
  COHORT_STATUS_UNSUBSCRIBED,
  COHORT_STATUS_BOUNCED,
} CohortStatus;

#define COHORT_TYPE_CONTACT (cohort_contact_get_type ())
G_DECLARE_FINAL_TYPE (CohortContact, cohort_contact, COHORT, CONTACT, GObject)

CohortContact *cohort_contact_new                (void);
/* Clears every field, as cohort_contact_new() would return it. */
void           cohort_contact_reset              (CohortContact           *self);

gint64         cohort_contact_get_id             (CohortContact           *self);
void           cohort_contact_set_id             (CohortContact           *self,
                                                  gint64                   id);

const char    *cohort_contact_get_text           (CohortContact           *self,
                                                  CohortContactTextField   field);
void           cohort_contact_set_text           (CohortContact           *self,
                                                  CohortContactTextField   field,
                                                  const char              *value);
const char    *cohort_contact_get_email          (CohortContact           *self);
/* "First Last", or the email when both names are missing. */
char          *cohort_contact_dup_display_name   (CohortContact           *self);

CohortStatus   cohort_contact_get_status         (CohortContact           *self);
void           cohort_contact_set_status         (CohortContact           *self,
                                                  CohortStatus             status);

gboolean       cohort_contact_get_score          (CohortContact           *self,
                                                  gint64                  *out_score);
void           cohort_contact_set_score          (CohortContact           *self,
                                                  gboolean                 has_score,
                                                  gint64                   score);

/* The account by name; the store links or creates it on save. */
const char    *cohort_contact_get_account_name   (CohortContact           *self);
void           cohort_contact_set_account_name   (CohortContact           *self,
                                                  const char              *name);

/* Tags keep their first spelling; duplicates by folded text are dropped. */
const char * const *cohort_contact_get_tags      (CohortContact           *self);
void           cohort_contact_set_tags           (CohortContact           *self,
                                                  const char * const      *tags);
void           cohort_contact_add_tag            (CohortContact           *self,
                                                  const char              *tag);

/* custom.<key> → text; keys as given, values cleaned. */
GHashTable    *cohort_contact_get_custom         (CohortContact           *self);
const char    *cohort_contact_get_custom_field   (CohortContact           *self,
                                                  const char              *key);
void           cohort_contact_set_custom_field   (CohortContact           *self,
                                                  const char              *key,
                                                  const char              *value);

gint64         cohort_contact_get_created_at     (CohortContact           *self);
void           cohort_contact_set_created_at     (CohortContact           *self,
                                                  gint64                   unix_time);
gint64         cohort_contact_get_updated_at     (CohortContact           *self);
void           cohort_contact_set_updated_at     (CohortContact           *self,
                                                  gint64                   unix_time);
gint64         cohort_contact_get_merged_into    (CohortContact           *self);
void           cohort_contact_set_merged_into    (CohortContact           *self,
                                                  gint64                   parent_id);
gint64         cohort_contact_get_last_activity_at (CohortContact         *self);
void           cohort_contact_set_last_activity_at (CohortContact         *self,
                                                    gint64                 unix_time);

/* Sets any field of SPEC §1 by its name as a user types it:
 * "email", "first_name", …, "status", "score", "tags" (a;b), "company"
 * (or "account"), "custom.KEY", "created_at". An empty value clears the field.
 * @tz reads date-times without an offset. Fails with a message naming the
 * field and what was expected. */
gboolean       cohort_contact_set_field          (CohortContact           *self,
                                                  const char              *field,
                                                  const char              *value,
                                                  GTimeZone               *tz,
                                                  GError                 **error);

/* What a field name of cohort_contact_set_field() refers to. */
typedef enum
{
  COHORT_CONTACT_FIELD_TEXT,    /* one of CohortContactTextField */
  COHORT_CONTACT_FIELD_STATUS,
  COHORT_CONTACT_FIELD_SCORE,
  COHORT_CONTACT_FIELD_TAGS,
  COHORT_CONTACT_FIELD_ACCOUNT,
  COHORT_CONTACT_FIELD_CREATED_AT,
  COHORT_CONTACT_FIELD_CUSTOM,  /* "custom.KEY" */
  COHORT_CONTACT_FIELD_UNKNOWN,
} CohortContactFieldKind;

typedef struct
{
  CohortStatus status;      /* COHORT_CONTACT_FIELD_STATUS */
  gint64       number;      /* COHORT_CONTACT_FIELD_SCORE, COHORT_CONTACT_FIELD_CREATED_AT (Unix time) */
} CohortContactFieldValue;

CohortContactFieldKind cohort_contact_field_kind (const char               *field,
                                                  CohortContactTextField   *out_text);
/* Checks one trimmed, non-empty value the way cohort_contact_set_field()
 * does, with the same messages, and parses it into @out where it applies. */
gboolean       cohort_contact_check_value        (CohortContactFieldKind    kind,
                                                  CohortContactTextField    text,
                                                  const char               *clean,
                                                  GTimeZone                *tz,
                                                  CohortContactFieldValue  *out,
                                                  GError                  **error);

const char    *cohort_status_to_string           (CohortStatus             status);
gboolean       cohort_status_from_string         (const char              *text,
                                                  CohortStatus            *out_status);
const char    *cohort_contact_text_field_name    (CohortContactTextField   field);

G_END_DECLS
