/* cohort-demo-people.c — who the sample contacts are
 *
 * The private random generator, and what is drawn from it: names, e-mail
 * addresses, places, company names, tags and activity histories. Every
 * function takes its draws in a fixed order: changing that order changes the
 * data every seed gives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cohort-demo-private.h"

/* ---- the random generator ------------------------------------------------ */

/* splitmix64: fully specified and tiny, so a seed gives the same data on
 * every platform and GLib version (g_random makes no such promise). */
static guint64
rng_next (DemoRng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, n). */
guint32
demo_rng_below (DemoRng *rng,
                guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

gboolean
demo_rng_percent (DemoRng *rng,
                  guint    percent)
{
  return demo_rng_below (rng, 100) < percent;
}

/* The smaller of two draws below @n: small values are the likeliest, the
 * chance falling linearly to nothing at @n. */
guint32
demo_rng_below_skewed (DemoRng *rng,
                       guint32  n)
{
  guint32 a = demo_rng_below (rng, n);
  guint32 b = demo_rng_below (rng, n);

  return MIN (a, b);
}

const char *
demo_rng_pick (DemoRng            *rng,
               const char *const  *items,
               guint               n_items)
{
  return items[demo_rng_below (rng, n_items)];
}

/* The index of an item drawn with a probability proportional to its
 * weight. The weights are the guint at @weights, @stride bytes apart, so
 * any table of structs with a weight member can be drawn from. */
guint
demo_rng_weighted (DemoRng     *rng,
                   const guint *weights,
                   guint        n_items,
                   gsize        stride)
{
  const guint8 *base = (const guint8 *) weights;
  guint total = 0;
  guint32 r;

  for (guint i = 0; i < n_items; i++)
    total += *(const guint *) (base + i * stride);
  r = demo_rng_below (rng, total);
  for (guint i = 0; i < n_items; i++)
    {
      guint weight = *(const guint *) (base + i * stride);

      if (r < weight)
        return i;
      r -= weight;
    }
  g_assert_not_reached ();
}

/* Poisson(5) cumulative probabilities × 2³², as integers so that no libm
 * rounding can change the data; the tail above 11 is folded into 12. */
static const guint32 poisson5_cdf[DEMO_MAX_ACTIVITIES] = {
  28939262u, 173635572u, 535376347u, 1138277639u, 1891904253u, 2645530868u,
  3273553047u, 3722140318u, 4002507362u, 4158266831u, 4236146565u, 4271546445u,
};

guint
demo_rng_poisson5 (DemoRng *rng)
{
  guint32 x = (guint32) (rng_next (rng) >> 32);
  guint k = 0;

  while (k < DEMO_MAX_ACTIVITIES && x >= poisson5_cdf[k])
    k++;
  return k;
}

/* ---- names and places ---------------------------------------------------- */

/* The ASCII a mail address uses for one character: "ø" → "o", and
 * "ü" → "ue" in German names. Canonical decompositions never change between
 * Unicode versions, so neither does this. */
static const char *
ascii_of_char (gunichar  c,
               gboolean  german,
               char      buf[2])
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  if (german)
    switch (c)
      {
      case 0xC4: case 0xE4: return "ae";
      case 0xD6: case 0xF6: return "oe";
      case 0xDC: case 0xFC: return "ue";
      default: break;
      }
  switch (c)
    {
    case '-': return "-";
    case 0xDF: return "ss";
    case 0xC6: case 0xE6: return "ae";
    case 0xD8: case 0xF8: return "o";
    case 0x110: case 0x111: return "d";
    case 0x131: return "i";
    case 0x141: case 0x142: return "l";
    case 0x152: case 0x153: return "oe";
    default: break;
    }
  if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0 &&
      decomposed[0] < 0x80 && g_ascii_isalnum (decomposed[0]))
    {
      buf[0] = g_ascii_tolower (decomposed[0]);
      buf[1] = '\0';
      return buf;
    }
  return "";
}

/* "Müller-Lüdenscheidt" → "mueller-luedenscheidt"; spaces and apostrophes go. */
static void
ascii_of_name (const char *name,
               gboolean    german,
               char       *out,
               gsize       out_size)
{
  gsize len = 0;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      char buf[2];
      const char *ascii = ascii_of_char (g_utf8_get_char (p), german, buf);
      gsize n = strlen (ascii);

      if (len + n >= out_size)
        break;
      memcpy (out + len, ascii, n);
      len += n;
    }
  out[len] = '\0';
}

/* The part before the number: "anna.mueller", "a.mueller", "mueller.anna"… */
void
demo_build_local_part (DemoGenerator *self,
                       const char    *first,
                       const char    *last,
                       gboolean       german)
{
  char *out = self->local_part;
  gsize size = sizeof self->local_part;
  char f[48], l[48];

  ascii_of_name (first, german, f, sizeof f);
  ascii_of_name (last, german, l, sizeof l);
  if (f[0] == '\0')
    g_strlcpy (f, "contact", sizeof f);
  if (l[0] == '\0')
    g_strlcpy (l, f, sizeof l);

  switch (demo_rng_below (&self->rng, 10))
    {
    case 0: case 1: case 2: case 3: g_snprintf (out, size, "%s.%s", f, l); break;
    case 4: case 5: g_snprintf (out, size, "%c.%s", f[0], l); break;
    case 6: g_snprintf (out, size, "%s%s", f, l); break;
    case 7: g_snprintf (out, size, "%s_%s", f, l); break;
    case 8: g_snprintf (out, size, "%s.%s", l, f); break;
    default: g_snprintf (out, size, "%s", f); break;
    }
}

/* Names hold no digits, so ending the local part with the contact id makes
 * every generated address unique; @attempt > 0 only when a contact that was
 * there before already has the address. */
void
demo_format_email (DemoGenerator *self,
                   gint64         id,
                   const char    *domain,
                   guint          attempt)
{
  if (attempt == 0)
    g_snprintf (self->email, sizeof self->email, "%s%" G_GINT64_FORMAT "@%s",
                self->local_part, id, domain);
  else
    g_snprintf (self->email, sizeof self->email, "%s%" G_GINT64_FORMAT ".%u@%s",
                self->local_part, id, attempt, domain);
}

/* Fills self->culture_in_country, which demo_pick_culture_in () draws from. */
void
demo_weigh_cultures (DemoGenerator *self)
{
  for (guint c = 0; c < DEMO_N_CULTURES; c++)
    for (guint i = 0; i < demo_cultures[c].n_countries; i++)
      self->culture_in_country[demo_cultures[c].countries[i].country][c] +=
        demo_cultures[c].weight * demo_cultures[c].countries[i].weight;
}

const DemoCulture *
demo_pick_culture (DemoGenerator *self)
{
  return &demo_cultures[DEMO_RNG_WEIGHTED (&self->rng, demo_cultures, DEMO_N_CULTURES, weight)];
}

/* Someone living in @country, by how common each culture is there. */
const DemoCulture *
demo_pick_culture_in (DemoGenerator *self,
                      DemoCountryId  country)
{
  return &demo_cultures[demo_rng_weighted (&self->rng, self->culture_in_country[country],
                                           DEMO_N_CULTURES, sizeof (guint))];
}

DemoCountryId
demo_pick_country_of (DemoGenerator     *self,
                      const DemoCulture *culture)
{
  return culture->countries[DEMO_RNG_WEIGHTED (&self->rng, culture->countries,
                                               culture->n_countries, weight)].country;
}

const char *
demo_name_form (const DemoName *name,
                gboolean        native,
                gboolean        female)
{
  if (native && name->native != NULL)
    return female && name->native_f != NULL ? name->native_f : name->native;
  return female && name->latin_f != NULL ? name->latin_f : name->latin;
}

/* ---- accounts ----------------------------------------------------------- */

/* "Nordwind Logistik GmbH", "Schneider Bau GmbH", "Logística Iberia S.L.";
 * after a few names that were taken, a qualifier ("Nordwind Logistik Süd
 * GmbH"), then a number as well. */
char *
demo_build_account_name (DemoGenerator     *self,
                         DemoCountryId      country_id,
                         const DemoSector  *sector,
                         guint              attempt,
                         char              *domain,
                         gsize              domain_size)
{
  DemoRng *rng = &self->rng;
  const DemoCountry *country = &demo_countries[country_id];
  const char *word = sector->word[country->lang];
  const char *legal = demo_rng_pick (rng, country->legal_forms, country->n_legal_forms);
  const char *base;
  g_autofree char *qualifier = NULL;
  char base_ascii[48], word_ascii[48];

  if (demo_rng_percent (rng, 30))
    {
      const DemoCulture *culture = demo_pick_culture_in (self, country_id);
      base = culture->last[demo_rng_below (rng, culture->n_last)].latin;
    }
  else
    {
      base = demo_rng_pick (rng, demo_company_prefixes, G_N_ELEMENTS (demo_company_prefixes));
    }
  if (attempt >= 4)
    {
      const char *word2 = demo_rng_pick (rng, demo_company_qualifiers,
                                         G_N_ELEMENTS (demo_company_qualifiers));

      qualifier = attempt >= 8 ? g_strdup_printf (" %s %u", word2, attempt - 6)
                               : g_strconcat (" ", word2, NULL);
    }

  ascii_of_name (base, country->lang == DEMO_LANG_DE, base_ascii, sizeof base_ascii);
  ascii_of_name (word, country->lang == DEMO_LANG_DE, word_ascii, sizeof word_ascii);
  g_snprintf (domain, domain_size, "%s-%s.%s", base_ascii, word_ascii, country->tld);

  if (demo_lang_sector_first[country->lang])
    return g_strdup_printf ("%s %s%s %s", word, base, qualifier ? qualifier : "", legal);
  return g_strdup_printf ("%s %s%s %s", base, word, qualifier ? qualifier : "", legal);
}

/* ---- contacts ------------------------------------------------------------ */

/* Where the contact lives and works: 60% belong to an account, most of
 * those in the account's country. */
const DemoAccount *
demo_place_contact (DemoGenerator      *self,
                    const DemoCulture **out_culture,
                    const DemoCountry **out_country)
{
  DemoRng *rng = &self->rng;
  const DemoAccount *account = NULL;

  if (self->accounts->len > 0 && demo_rng_percent (rng, 60))
    {
      /* A few accounts get many contacts, most get a handful. */
      account = &g_array_index (self->accounts, DemoAccount,
                                demo_rng_below_skewed (rng, self->accounts->len));
    }
  if (account != NULL && demo_rng_percent (rng, 75))
    {
      *out_country = &demo_countries[account->country];
      *out_culture = demo_pick_culture_in (self, account->country);
    }
  else
    {
      *out_culture = demo_pick_culture (self);
      *out_country = &demo_countries[demo_pick_country_of (self, *out_culture)];
    }
  return account;
}

guint
demo_pick_tags (DemoRng     *rng,
                gboolean     newsletter_allowed,
                const char **tags)
{
  guint32 lifecycle = demo_rng_below (rng, 100);
  gboolean customer = lifecycle >= 35 && lifecycle < 65;
  guint n = 0;

  if (lifecycle < 35)
    tags[n++] = "lead";
  else if (customer)
    tags[n++] = "customer";
  if (customer && demo_rng_percent (rng, 15))
    tags[n++] = "churn-risk";
  if (demo_rng_percent (rng, customer ? 12 : 3))
    tags[n++] = "vip";
  for (guint i = 0; i < G_N_ELEMENTS (demo_interest_tags); i++)
    if (demo_rng_percent (rng, demo_interest_tags[i].percent) && n < DEMO_MAX_TAGS &&
        (newsletter_allowed || !g_str_equal (demo_interest_tags[i].name, "newsletter")))
      tags[n++] = demo_interest_tags[i].name;
  return n;
}

/* Fills self->activities in time order and returns how many there are.
 * About one contact in ten is engaged (mostly mail, mostly in the last 90
 * days), one in five went quiet more than a year ago. */
guint
demo_generate_activities (DemoGenerator *self,
                          gint64         created_at,
                          gboolean       has_email)
{
  DemoRng *rng = &self->rng;
  guint n = demo_rng_poisson5 (rng);
  guint32 profile = demo_rng_below (rng, 100);
  gboolean engaged = profile < 10;
  gint64 high = self->now;

  if (engaged)
    n = MIN (n + 3, DEMO_MAX_ACTIVITIES);
  else if (profile < 30 && created_at < self->now - 400 * DEMO_DAY)
    high = self->now - 366 * DEMO_DAY;

  for (guint i = 0; i < n; i++)
    {
      DemoActivity *activity = &self->activities[i];
      gint64 low = created_at;
      const DemoActivityType *type = &demo_activity_types[engaged
        ? DEMO_RNG_WEIGHTED (rng, demo_activity_types, G_N_ELEMENTS (demo_activity_types),
                             engaged_weight)
        : DEMO_RNG_WEIGHTED (rng, demo_activity_types, G_N_ELEMENTS (demo_activity_types),
                             weight)];

      if (!has_email && g_str_has_prefix (type->type, "email_"))
        type = &demo_activity_types[0];
      if (engaged && demo_rng_percent (rng, 80))
        low = MAX (low, self->now - 90 * DEMO_DAY);
      activity->occurred_at = low + demo_rng_below (rng, (guint32) (high - low + 1));
      activity->type = type->type;
      activity->detail = demo_rng_pick (rng, type->details, type->n_details);

      for (guint j = i; j > 0 && self->activities[j - 1].occurred_at > self->activities[j].occurred_at; j--)
        {
          DemoActivity swap = self->activities[j - 1];
          self->activities[j - 1] = self->activities[j];
          self->activities[j] = swap;
        }
    }
  return n;
}
