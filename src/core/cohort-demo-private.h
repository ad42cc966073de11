/* cohort-demo-private.h — what cohort-demo.c and cohort-demo-people.c share
 *
 * cohort-demo.c writes the sample data to the database; cohort-demo-people.c
 * draws the random numbers, names, addresses, tags and activities it is
 * made of.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "cohort-demo.h"
#include "cohort-demo-data.h"

G_BEGIN_DECLS

#define DEMO_DAY             G_GINT64_CONSTANT (86400)
#define DEMO_MAX_ACTIVITIES  12
#define DEMO_MAX_TAGS        4
#define DEMO_N_CULTURES      G_N_ELEMENTS (demo_cultures)

/* splitmix64 state: see cohort-demo-people.c. */
typedef struct
{
  guint64 state;
} DemoRng;

typedef struct
{
  gint64         id;
  DemoCountryId  country;
  const char    *domain;
} DemoAccount;

typedef struct
{
  gint64      occurred_at;
  const char *type;
  const char *detail;
} DemoActivity;

enum { INSERT_CONTACT, INSERT_TAG, INSERT_FIELD, INSERT_ACTIVITY, N_INSERTS };

typedef struct
{
  CohortStore        *store;
  DemoRng             rng;
  gint64              now;
  CohortProgressFunc  progress;
  gpointer            progress_data;

  GHashTable         *folds;      /* table text → its cohort_text_fold() */
  GHashTable         *keys;       /* custom-field keys written (literals) */
  GStringChunk       *strings;
  GArray             *accounts;   /* DemoAccount */
  /* How common each culture is among the people of each country. */
  guint               culture_in_country[DEMO_N_COUNTRIES][DEMO_N_CULTURES];

  sqlite3_stmt       *inserts[N_INSERTS];
  gint64              n_rows[N_INSERTS];
  double              reported;

  /* Bound with SQLITE_STATIC, so they live as long as the generator. */
  char                local_part[112];
  char                email[192];
  char                phone[32];
  DemoActivity        activities[DEMO_MAX_ACTIVITIES];
} DemoGenerator;

guint32            demo_rng_below           (DemoRng            *rng,
                                             guint32             n);
gboolean           demo_rng_percent         (DemoRng            *rng,
                                             guint               percent);
guint32            demo_rng_below_skewed    (DemoRng            *rng,
                                             guint32             n);
const char        *demo_rng_pick            (DemoRng            *rng,
                                             const char *const  *items,
                                             guint               n_items);
guint              demo_rng_weighted        (DemoRng            *rng,
                                             const guint        *weights,
                                             guint               n_items,
                                             gsize               stride);
guint              demo_rng_poisson5        (DemoRng            *rng);

#define DEMO_RNG_WEIGHTED(rng, items, n_items, member) \
  demo_rng_weighted ((rng), &(items)[0].member, (n_items), sizeof (items)[0])

void               demo_build_local_part    (DemoGenerator      *self,
                                             const char         *first,
                                             const char         *last,
                                             gboolean            german);
void               demo_format_email        (DemoGenerator      *self,
                                             gint64              id,
                                             const char         *domain,
                                             guint               attempt);
void               demo_weigh_cultures      (DemoGenerator      *self);
const DemoCulture *demo_pick_culture        (DemoGenerator      *self);
const DemoCulture *demo_pick_culture_in     (DemoGenerator      *self,
                                             DemoCountryId       country);
DemoCountryId      demo_pick_country_of     (DemoGenerator      *self,
                                             const DemoCulture  *culture);
const char        *demo_name_form           (const DemoName     *name,
                                             gboolean            native,
                                             gboolean            female);
char              *demo_build_account_name  (DemoGenerator      *self,
                                             DemoCountryId       country_id,
                                             const DemoSector   *sector,
                                             guint               attempt,
                                             char               *domain,
                                             gsize               domain_size);
const DemoAccount *demo_place_contact       (DemoGenerator      *self,
                                             const DemoCulture **out_culture,
                                             const DemoCountry **out_country);
guint              demo_pick_tags           (DemoRng            *rng,
                                             gboolean            newsletter_allowed,
                                             const char        **tags);
guint              demo_generate_activities (DemoGenerator      *self,
                                             gint64              created_at,
                                             gboolean            has_email);

G_END_DECLS
