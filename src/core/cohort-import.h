/* cohort-import.h — CSV import of contacts, accounts and activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-import-mapping.h"
#include "cohort-recalc.h"

G_BEGIN_DECLS

typedef struct
{
  guint      created;
  guint      updated;
  guint      skipped;    /* existing email without --update */
  guint      rejected;   /* rows with an error */
  GPtrArray *messages;   /* "contacts.csv:12: score: "many" is not a whole number" */
  /* What a contact import assumed about the file. */
  char      *encoding;   /* the iconv name it was read in: "UTF-8", "WINDOWS-1252" */
  char      *layout;     /* the export it was recognised as: "google", "outlook", "thunderbird",
                          * "mailchimp", "hubspot", "vcard"; NULL for none */
  GPtrArray *notes;      /* the same, as sentences: "contacts.csv: read as Windows-1252 (not valid UTF-8)",
                          * "contacts.csv: recognised as a Thunderbird address book" */
} CohortImportReport;

CohortImportReport *cohort_import_report_new  (void);
void                cohort_import_report_free (CohortImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortImportReport, cohort_import_report_free)

/* SPEC §4 contact CSV. Valid rows are stored (in one transaction) even when
 * other rows are rejected; rejected and skipped rows are listed in @report.
 * Imported contacts are added to the static groups @group_ids. Returns FALSE
 * only when nothing could be imported (unreadable file, no usable header,
 * database error), with everything stored left as it was. @progress (may be
 * NULL) is called on the calling thread as the file is written, with a
 * fraction that never goes back and ends at 1.0 after a successful import. */
gboolean cohort_import_contacts   (CohortStore         *self,
                                   const char          *path,
                                   const gint64        *group_ids,
                                   guint                n_group_ids,
                                   gboolean             update,
                                   GCancellable        *cancellable,
                                   CohortProgressFunc   progress,
                                   gpointer             progress_data,
                                   CohortImportReport  *report,
                                   GError             **error);
typedef struct
{
  const char          *encoding;  /* an encoding name ("windows-1252"); NULL: the
                                   * mapping's, or else detected */
  CohortImportMapping *mapping;   /* columns to read otherwise; NULL: none */
} CohortImportOptions;

/* cohort_import_contacts() with @options (may be NULL). @path may also be a
 * vCard file (.vcf, or one that begins with BEGIN:VCARD); each card is
 * imported as a row. */
gboolean cohort_import_contacts_full (CohortStore                *self,
                                      const char                 *path,
                                      const CohortImportOptions  *options,
                                      const gint64               *group_ids,
                                      guint                       n_group_ids,
                                      gboolean                    update,
                                      GCancellable               *cancellable,
                                      CohortProgressFunc          progress,
                                      gpointer                    progress_data,
                                      CohortImportReport         *report,
                                      GError                    **error);

/* The beginning of a contact file as the import would read it, for a
 * dialog that lets the user choose the encoding and map the columns. */
typedef struct
{
  char      *encoding;   /* the iconv name it was read in */
  char      *layout;     /* as CohortImportReport's */
  GStrv      header;     /* the column names (a vCard's are the fields it fills) */
  GStrv      targets;    /* per column, where the import puts it without a
                          * mapping: a field, custom.KEY, or "skip" */
  GPtrArray *rows;       /* GStrv: the first rows that could be read */
  GPtrArray *messages;   /* the rows among them that could not be read */
  GPtrArray *notes;      /* what was assumed, as CohortImportReport's notes */
} CohortImportPreview;

/* Reads the header and up to @n_rows rows of @path in @encoding (NULL:
 * detected). Fails as the import would on a file it cannot read at all. */
CohortImportPreview *cohort_import_preview      (const char           *path,
                                                 const char           *encoding,
                                                 guint                 n_rows,
                                                 GError              **error);
void                 cohort_import_preview_free (CohortImportPreview  *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortImportPreview, cohort_import_preview_free)

/* name,industry,employees; existing accounts are updated. */
gboolean cohort_import_accounts   (CohortStore         *self,
                                   const char          *path,
                                   CohortImportReport  *report,
                                   GError             **error);
/* email,type,occurred_at[,detail] */
gboolean cohort_import_activities (CohortStore         *self,
                                   const char          *path,
                                   CohortImportReport  *report,
                                   GError             **error);

G_END_DECLS
