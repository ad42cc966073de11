/* cohort-import-layouts.c — the export layouts of the tools marketers move from
 *
 * Taken from each product's documented export headers. What a layout does
 * not name falls to the canonical names, and what those do not name either
 * becomes a custom field, as in any other file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cohort-import-layouts.h"

/* The canonical columns of SPEC §4 and the names any file may give them. */
static const CohortImportLayoutColumn common_columns[] = {
  { "email", "email" }, { "e_mail", "email" }, { "email_address", "email" },
  { "e_mail_address", "email" }, { "mail", "email" },
  { "first_name", "first_name" }, { "firstname", "first_name" }, { "given_name", "first_name" },
  { "last_name", "last_name" }, { "lastname", "last_name" }, { "family_name", "last_name" },
  { "surname", "last_name" },
  { "name", COHORT_IMPORT_FULL_NAME }, { "full_name", COHORT_IMPORT_FULL_NAME },
  { "display_name", COHORT_IMPORT_FULL_NAME },
  { "phone", "phone" }, { "phone_number", "phone" }, { "mobile", "phone" }, { "mobile_phone", "phone" },
  /* "Title" is often Mr./Dr.: only a "Job Title" is one. */
  { "job_title", "job_title" }, { "position", "job_title" },
  { "company", "company" }, { "company_name", "company" }, { "organization", "company" },
  { "organisation", "company" },
  { "city", "city" }, { "town", "city" },
  { "country", "country" }, { "country_region", "country" },
  { "status", "status" }, { "score", "score" },
  { "tags", "tags" }, { "labels", "tags" }, { "categories", "tags" },
  { "created_at", "created_at" },
  /* What Excel users in Germany and France name them. */
  { "e_mail_adresse", "email" }, { "vorname", "first_name" }, { "nachname", "last_name" },
  { "telefon", "phone" }, { "firma", "company" }, { "unternehmen", "company" }, { "ort", "city" },
  { "stadt", "city" }, { "land", "country" },
  { "prénom", "first_name" }, { "nom", "last_name" }, { "téléphone", "phone" }, { "société", "company" },
  { "entreprise", "company" }, { "ville", "city" }, { "pays", "country" },
  { NULL }
};

/* Google Contacts: the older "Given Name … E-mail 1 - Value" export and the
 * newer "First Name … Organization Name" one. */
static const char * const google_signature[] = {
  "e_mail_1_value", "phone_1_value", "given_name", "family_name", "group_membership",
  "organization_1_name", "organization_name", "address_1_city", "e_mail_1_label", "file_as", NULL
};
static const CohortImportLayoutColumn google_columns[] = {
  { "e_mail_1_value", "email" }, { "email_1_value", "email" },
  { "phone_1_value", "phone" },
  { "address_1_city", "city" }, { "address_1_country", "country" },
  { "organization_1_name", "company" }, { "organization_name", "company" },
  { "organization_1_title", "job_title" }, { "organization_title", "job_title" },
  { "group_membership", "tags" },
  /* Derived from the name, and a link to Google's copy of the photo. */
  { "file_as", NULL }, { "photo", NULL }, { "address_1_formatted", NULL },
  { NULL }
};

/* Outlook's "Export to a file" (and Outlook.com's) CSV. */
static const char * const outlook_signature[] = {
  "e_mail_address", "e_mail_type", "e_mail_display_name", "business_phone", "primary_phone",
  "home_phone", "business_city", "business_country_region", "home_country_region",
  "sensitivity", "priority", "internet_free_busy", "initials", "business_street",
  /* A German Outlook's. */
  "e_mail_typ", "e_mail_angezeigter_name", "vertraulichkeit", "priorität", "initialen",
  "telefon_geschäftlich", "ort_geschäftlich", NULL
};
static const CohortImportLayoutColumn outlook_columns[] = {
  { "e_mail_address", "email" },
  { "business_phone", "phone" }, { "primary_phone", "phone" }, { "home_phone", "phone" },
  { "company_main_phone", "phone" },
  { "business_city", "city" }, { "home_city", "city" },
  { "business_country_region", "country" }, { "home_country_region", "country" },
  /* Outlook derives these from the name and the address. */
  { "initials", NULL }, { "e_mail_type", NULL }, { "e_mail_display_name", NULL },
  { "e_mail_2_type", NULL }, { "e_mail_2_display_name", NULL },
  { "e_mail_3_type", NULL }, { "e_mail_3_display_name", NULL },
  /* A German Outlook's. */
  { "telefon_geschäftlich", "phone" }, { "mobiltelefon", "phone" }, { "telefon_privat", "phone" },
  { "ort_geschäftlich", "city" }, { "ort_privat", "city" },
  { "land_region_geschäftlich", "country" }, { "land_region_privat", "country" },
  { "kategorien", "tags" },
  { "initialen", NULL }, { "e_mail_typ", NULL }, { "e_mail_angezeigter_name", NULL },
  { "e_mail_2_typ", NULL }, { "e_mail_2_angezeigter_name", NULL },
  { "e_mail_3_typ", NULL }, { "e_mail_3_angezeigter_name", NULL },
  { NULL }
};
/* What Outlook writes into a field nobody filled in. */
static const CohortImportPlaceholder outlook_placeholders[] = {
  { "birthday", "0/0/00" }, { "birthday", "0.0.00" }, { "birthday", "00.00.00" },
  { "anniversary", "0/0/00" }, { "anniversary", "0.0.00" }, { "anniversary", "00.00.00" },
  { "priority", "Normal" }, { "sensitivity", "Normal" }, { "private", "False" },
  { "gender", "Unspecified" },
  { "geburtstag", "0.0.00" }, { "jahrestag", "0.0.00" }, { "priorität", "Normal" },
  { "vertraulichkeit", "Normal" }, { "privat", "Aus" }, { "geschlecht", "Nicht angegeben" },
  { NULL }
};

/* Thunderbird's address book, exported as "Comma Separated". */
static const char * const thunderbird_signature[] = {
  "primary_email", "secondary_email", "display_name", "screen_name", "chat_name", "work_phone",
  "mobile_number", "fax_number", "pager_number", "home_zipcode", "work_zipcode", "web_page_1",
  "custom_1", "birth_year", NULL
};
static const CohortImportLayoutColumn thunderbird_columns[] = {
  { "display_name", COHORT_IMPORT_FULL_NAME },
  { "primary_email", "email" },
  { "work_phone", "phone" }, { "mobile_number", "phone" }, { "home_phone", "phone" },
  { "work_city", "city" }, { "home_city", "city" },
  { "work_country", "country" }, { "home_country", "country" },
  { "organization", "company" },
  { NULL }
};

/* Mailchimp's audience export (subscribed, unsubscribed and cleaned). */
static const char * const mailchimp_signature[] = {
  "member_rating", "optin_time", "optin_ip", "confirm_time", "confirm_ip", "leid", "euid",
  "gmtoff", "dstoff", "last_changed", "unsub_time", "clean_time", NULL
};
static const CohortImportLayoutColumn mailchimp_columns[] = {
  { "email_address", "email" }, { "phone_number", "phone" },
  { "member_rating", "score", NULL, TRUE },
  { "optin_time", "created_at", NULL, TRUE },
  { "cc", "country" },
  { "unsub_time", "status", "unsubscribed" },
  { "clean_time", "status", "bounced" },
  /* Mailchimp's own bookkeeping. */
  { "optin_ip", NULL }, { "confirm_time", NULL }, { "confirm_ip", NULL },
  { "latitude", NULL }, { "longitude", NULL }, { "gmtoff", NULL }, { "dstoff", NULL },
  { "timezone", NULL }, { "last_changed", NULL }, { "leid", NULL }, { "euid", NULL },
  { "unsub_campaign_id", NULL }, { "clean_campaign_id", NULL },
  { NULL }
};

/* HubSpot's contact export. */
static const char * const hubspot_signature[] = {
  "record_id", "create_date", "lifecycle_stage", "contact_owner", "lead_status",
  "last_activity_date", "associated_company", "marketing_contact_status", "hubspot_score", NULL
};
static const CohortImportLayoutColumn hubspot_columns[] = {
  { "mobile_phone_number", "phone" },
  { "create_date", "created_at", NULL, TRUE },
  { "hubspot_score", "score", NULL, TRUE },
  { NULL }
};

static const CohortImportLayout layouts[] = {
  { "google", N_("a Google Contacts export"), google_signature, 2, google_columns, NULL },
  { "outlook", N_("an Outlook contact export"), outlook_signature, 3, outlook_columns, outlook_placeholders },
  { "thunderbird", N_("a Thunderbird address book"), thunderbird_signature, 3, thunderbird_columns, NULL },
  { "mailchimp", N_("a Mailchimp audience export"), mailchimp_signature, 2, mailchimp_columns, NULL },
  { "hubspot", N_("a HubSpot contact export"), hubspot_signature, 2, hubspot_columns, NULL },
};

const CohortImportLayout *
cohort_import_layout_detect (char * const *normalized,
                             guint         n)
{
  const CohortImportLayout *best = NULL;
  guint best_score = 0;

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    {
      guint score = 0;

      for (guint s = 0; layouts[l].signature[s] != NULL; s++)
        for (guint i = 0; i < n; i++)
          if (strcmp (normalized[i], layouts[l].signature[s]) == 0)
            {
              score++;
              break;
            }
      if (score >= layouts[l].min_signature && score > best_score)
        {
          best = &layouts[l];
          best_score = score;
        }
    }
  return best;
}

static const CohortImportLayoutColumn *
find_in (const CohortImportLayoutColumn *columns,
         const char                     *normalized)
{
  for (guint i = 0; columns[i].header != NULL; i++)
    if (strcmp (columns[i].header, normalized) == 0)
      return &columns[i];
  return NULL;
}

const CohortImportLayoutColumn *
cohort_import_layout_find (const CohortImportLayout *layout,
                           const char               *normalized)
{
  const CohortImportLayoutColumn *column = NULL;

  if (layout != NULL)
    column = find_in (layout->columns, normalized);
  return column != NULL ? column : find_in (common_columns, normalized);
}

gboolean
cohort_import_layout_is_placeholder (const CohortImportLayout *layout,
                                     const char               *normalized,
                                     const char               *value)
{
  if (layout == NULL || layout->placeholders == NULL)
    return FALSE;
  for (guint i = 0; layout->placeholders[i].header != NULL; i++)
    if (strcmp (layout->placeholders[i].header, normalized) == 0 &&
        (value == NULL || g_ascii_strcasecmp (layout->placeholders[i].value, value) == 0))
      return TRUE;
  return FALSE;
}
