/* cohort-import-reader.c — the reading half of a contact import
 *
 * Each cell is checked by the same rules as cohort_contact_set_field()
 * (cohort_contact_check_value()) and folded into the batch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cohort-import-private.h"
#include "cohort-import-reader.h"
#include "cohort-text.h"

/* Canonical columns, then Google Contacts and Outlook export headers. */
static const struct
{
  const char *header;
  const char *field;
} header_map[] = {
  { "email", "email" }, { "e_mail", "email" }, { "email_address", "email" },
  { "e_mail_address", "email" }, { "e_mail_1_value", "email" }, { "email_1_value", "email" },
  { "first_name", "first_name" }, { "firstname", "first_name" }, { "given_name", "first_name" },
  { "last_name", "last_name" }, { "lastname", "last_name" }, { "family_name", "last_name" },
  { "surname", "last_name" },
  { "phone", "phone" }, { "phone_number", "phone" }, { "phone_1_value", "phone" },
  { "business_phone", "phone" }, { "mobile_phone", "phone" }, { "primary_phone", "phone" },
  { "home_phone", "phone" },
  /* Outlook's "Title" is Mr./Dr.: only its "Job Title" is one. */
  { "job_title", "job_title" }, { "organization_1_title", "job_title" },
  { "organization_title", "job_title" },
  { "company", "company" }, { "organization", "company" },
  { "organization_1_name", "company" }, { "organization_name", "company" },
  { "city", "city" }, { "business_city", "city" }, { "home_city", "city" },
  { "address_1_city", "city" },
  { "country", "country" }, { "country_region", "country" }, { "business_country_region", "country" },
  { "home_country_region", "country" }, { "address_1_country", "country" },
  { "status", "status" }, { "score", "score" },
  { "tags", "tags" }, { "labels", "tags" }, { "categories", "tags" }, { "group_membership", "tags" },
  { "created_at", "created_at" },
};

void
cohort_import_column_map_clear (CohortImportColumnMap *map)
{
  for (guint i = 0; i < map->n_columns; i++)
    g_free (map->columns[i].field);
  g_free (map->columns);
}

/* Google's "E-mail 1 - Type" and the like label the column next to them;
 * its "Name" repeats Given and Family Name. Neither is contact data. */
static gboolean
is_ignored_header (const char *norm,
                   gboolean    has_names)
{
  static const char * const prefixes[] = { "e_mail_", "phone_", "address_", "organization_", "website_", "relation_" };

  if (has_names && strcmp (norm, "name") == 0)
    return TRUE;
  if (!g_str_has_suffix (norm, "_type"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (norm, prefixes[i]))
      return TRUE;
  return FALSE;
}

static void
assign_slots (CohortImportColumnMap *map)
{
  map->n_slots = 0;
  for (guint i = 0; i < map->n_columns; i++)
    {
      CohortImportColumn *col = &map->columns[i];

      if (col->field == NULL)
        continue;
      col->kind = cohort_contact_field_kind (col->field, &col->text);
      if (col->kind == COHORT_CONTACT_FIELD_CUSTOM)
        {
          /* As cohort_contact_set_custom_field() takes its key. */
          g_autofree char *key = cohort_text_clean (col->field + strlen ("custom."));

          g_free (col->field);
          col->field = key != NULL ? g_strconcat ("custom.", key, NULL) : NULL;
          if (col->field == NULL)
            continue;
          col->key = col->field + strlen ("custom.");
        }
      col->slot = map->n_slots;
      for (guint j = 0; j < i; j++)
        if (map->columns[j].field != NULL && strcmp (map->columns[j].field, col->field) == 0)
          {
            col->slot = map->columns[j].slot;
            break;
          }
      if (col->slot == map->n_slots)
        map->n_slots++;
    }
}

guint
cohort_import_map_header (CohortImportColumnMap  *map,
                          char                  **header,
                          guint                   n)
{
  gboolean has_names = FALSE;
  guint known = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *norm = cohort_import_normalize_header (header[i]);
      for (guint m = 0; m < G_N_ELEMENTS (header_map); m++)
        if (strcmp (norm, header_map[m].header) == 0 &&
            (strcmp (header_map[m].field, "first_name") == 0 || strcmp (header_map[m].field, "last_name") == 0))
          has_names = TRUE;
    }

  map->n_columns = n;
  map->columns = g_new0 (CohortImportColumn, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *norm = cohort_import_normalize_header (header[i]);
      g_autofree char *clean = cohort_text_clean (header[i]);
      CohortImportColumn *col = &map->columns[i];

      if (clean == NULL || is_ignored_header (norm, has_names))
        continue;
      for (guint m = 0; m < G_N_ELEMENTS (header_map); m++)
        if (strcmp (norm, header_map[m].header) == 0)
          {
            /* A second column for the same field (Business and Mobile
             * Phone) only fills it when the first was empty. */
            col->field = g_strdup (header_map[m].field);
            known++;
            break;
          }
      if (col->field == NULL)
        col->field = g_str_has_prefix (clean, "custom.")
                       ? g_strdup (clean)
                       : g_strconcat ("custom.", clean, NULL);
    }
  assign_slots (map);
  return known;
}

/* Trims a cell where it lies (the reader's record is ours to change). */
static char *
trim_cell (char *cell)
{
  gsize len;
  char *start = (char *) cohort_text_trim (cell, &len);

  if (start != NULL)
    start[len] = '\0';
  return start;
}

/* Tags are separated by ";" or ","; Google joins its labels with " ::: "
 * and marks its own with "* ". The first spelling of a tag wins. */
static void
read_tags (CohortImportReader *r,
           char               *cell)
{
  char *p = cell;

  while (p != NULL)
    {
      char *sep = p;
      char *next = NULL;
      const char *tag, *fold;
      gboolean again = FALSE;

      for (; *sep != '\0'; sep++)
        if (*sep == ';' || *sep == ',' || strncmp (sep, ":::", 3) == 0)
          {
            next = sep + (*sep == ':' ? 3 : 1);
            *sep = '\0';
            break;
          }

      tag = trim_cell (p);
      p = next;
      if (tag == NULL || g_str_has_prefix (tag, "* "))
        continue;
      fold = cohort_import_batch_keep_fold (r->batch, tag);
      for (guint i = 1; i < r->tags->len && !again; i += 2)
        again = strcmp (g_ptr_array_index (r->tags, i), fold) == 0;
      if (!again)
        {
          g_ptr_array_add (r->tags, (gpointer) cohort_import_batch_keep (r->batch, tag));
          g_ptr_array_add (r->tags, (gpointer) fold);
        }
    }
}

static gboolean
read_cell (CohortImportReader        *r,
           const CohortImportColumn  *col,
           char                      *value,
           CohortImportRow           *row,
           GError                   **error)
{
  CohortContactFieldValue parsed;
  CohortImportBatch *b = r->batch;

  if (col->kind == COHORT_CONTACT_FIELD_UNKNOWN)
    {
      /* Only a bare "custom." header: say what set_field() says. */
      g_autoptr(CohortContact) scratch = cohort_contact_new ();
      return cohort_contact_set_field (scratch, col->field, value, r->tz, error);
    }
  if (!cohort_contact_check_value (col->kind, col->text, value, r->tz, &parsed, error))
    return FALSE;

  switch (col->kind)
    {
    case COHORT_CONTACT_FIELD_TEXT:
      row->text[col->text] = cohort_import_batch_keep (b, value);
      row->fold[col->text] = cohort_import_batch_keep_fold (b, value);
      break;

    case COHORT_CONTACT_FIELD_STATUS:
      row->status = cohort_status_to_string (parsed.status);
      break;

    case COHORT_CONTACT_FIELD_SCORE:
      row->has_score = TRUE;
      row->score = parsed.number;
      break;

    case COHORT_CONTACT_FIELD_CREATED_AT:
      row->has_created_at = TRUE;
      row->created_at = parsed.number;
      break;

    case COHORT_CONTACT_FIELD_TAGS:
      read_tags (r, value);
      break;

    case COHORT_CONTACT_FIELD_ACCOUNT:
      row->company = cohort_import_batch_keep (b, value);
      row->company_fold = cohort_import_batch_keep_fold (b, value);
      break;

    case COHORT_CONTACT_FIELD_CUSTOM:
      g_ptr_array_add (r->fields, (gpointer) col->key);
      g_ptr_array_add (r->fields, (gpointer) cohort_import_batch_keep (b, value));
      g_ptr_array_add (r->fields, (gpointer) cohort_import_batch_keep_fold (b, value));
      break;

    case COHORT_CONTACT_FIELD_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* Checks and folds one row into the batch, the way
 * cohort_contact_set_field() would take each cell. */
static gboolean
read_cells (CohortImportReader  *r,
            char               **cells,
            guint                n,
            guint                line,
            GError             **error)
{
  CohortImportBatch *b = r->batch;
  CohortImportRow row = { line, };

  memset (r->filled, 0, r->map.n_slots);
  g_ptr_array_set_size (r->tags, 0);
  g_ptr_array_set_size (r->fields, 0);

  for (guint i = 0; i < n; i++)
    {
      const CohortImportColumn *col = &r->map.columns[i];
      char *value;

      if (col->field == NULL || r->filled[col->slot] || (value = trim_cell (cells[i])) == NULL)
        continue;
      r->filled[col->slot] = TRUE;
      /* Undo the formula guard of our own export, so it imports back. */
      if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
        value++;
      if (!read_cell (r, col, value, &row, error))
        return FALSE;
    }

  row.first = b->strings->len;
  row.n_tags = r->tags->len / 2;
  row.n_fields = r->fields->len / 3;
  g_ptr_array_extend (b->strings, r->tags, NULL, NULL);
  g_ptr_array_extend (b->strings, r->fields, NULL, NULL);
  g_array_append_val (b->rows, row);
  return TRUE;
}

static gboolean
read_row (CohortStore         *store,
          CohortCsvReader     *reader,
          char               **cells,
          guint                n,
          gpointer             user_data,
          CohortImportReport  *report,
          GError             **error)
{
  CohortImportReader *r = user_data;
  g_autoptr(GError) local = NULL;

  if (g_atomic_int_get (&r->stop))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
      return FALSE;
    }

  if (!read_cells (r, cells, n, cohort_csv_reader_get_line (reader), &local))
    {
      cohort_import_report_row (report, reader, "%s", local->message);
      report->rejected++;
      return TRUE;
    }
  if (r->batch->rows->len == COHORT_IMPORT_BATCH_ROWS)
    {
      r->batch->position = cohort_csv_reader_get_position (reader);
      g_async_queue_push (r->full, r->batch);
      r->batch = g_async_queue_pop (r->empty);
    }
  return TRUE;
}

gpointer
cohort_import_read_rows (gpointer data)
{
  CohortImportReader *r = data;
  GError *error = NULL;

  r->batch = g_async_queue_pop (r->empty);
  /* The store is only handed through: this thread never touches it. */
  cohort_import_for_each_row (NULL, r->reader, r->n_columns, r->cancellable, read_row, r, r->report, &error);
  r->batch->position = cohort_csv_reader_get_position (r->reader);
  r->batch->last = TRUE;
  r->batch->error = error;
  g_async_queue_push (r->full, g_steal_pointer (&r->batch));
  return NULL;
}
