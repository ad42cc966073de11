/* cohort-vcard.h — a streaming vCard (2.1, 3.0, 4.0) reader
 *
 * It hands out each card as a record of the fields in
 * cohort_vcard_reader_get_header() — the same cells a contact CSV has — so
 * that the contact import checks and writes cards exactly as it does rows.
 * Like the CSV reader it holds one block of the input and one card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-csv.h"

G_BEGIN_DECLS

typedef struct _CohortVcardReader CohortVcardReader;

/* @name is how messages refer to the input ("contacts.vcf"); @size is the
 * input's size in bytes, for progress (0 when not known). */
CohortVcardReader  *cohort_vcard_reader_new          (GInputStream       *stream,
                                                      const char         *name,
                                                      guint64             size);
void                cohort_vcard_reader_free         (CohortVcardReader  *self);
/* As cohort_csv_reader_set_encoding(): the text of the file outside
 * QUOTED-PRINTABLE values, which say their own CHARSET. */
gboolean            cohort_vcard_reader_set_encoding (CohortVcardReader  *self,
                                                      const char         *charset,
                                                      GError            **error);

/* As cohort_csv_reader_next(). The first record is the header (email,
 * first_name, last_name, full_name, phone, job_title, company, city,
 * country, tags, note); each after it is one card, at the line of its
 * BEGIN:VCARD. Of several EMAIL, TEL or ADR the preferred one (TYPE=pref,
 * PREF=1) or else the first is taken. A card that is not closed, or whose
 * value cannot be read, is a row error naming its line; reading goes on
 * with the next card. */
CohortCsvResult     cohort_vcard_reader_next         (CohortVcardReader  *self,
                                                      char             ***out_fields,
                                                      guint              *out_n_fields,
                                                      GError            **error);
guint               cohort_vcard_reader_get_line     (CohortVcardReader  *self);
const char         *cohort_vcard_reader_get_name     (CohortVcardReader  *self);
guint64             cohort_vcard_reader_get_position (CohortVcardReader  *self);
guint64             cohort_vcard_reader_get_size     (CohortVcardReader  *self);

/* Whether @data, the beginning of a file, is a vCard: BEGIN:VCARD first,
 * after a byte-order mark and blank lines. */
gboolean            cohort_vcard_sniff               (const guchar       *data,
                                                      gsize               len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortVcardReader, cohort_vcard_reader_free)

G_END_DECLS
