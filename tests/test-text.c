/* test-text.c — folding and date parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cohort-error.h"
#include "cohort-text.h"

static void
assert_fold (const char *in,
             const char *expected)
{
  g_autofree char *out = cohort_text_fold (in);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_fold (void)
{
  assert_fold ("Anna@Example.COM", "anna@example.com");
  assert_fold ("  padded\t\n", "padded");
  assert_fold ("", NULL);
  assert_fold ("   ", NULL);
  assert_fold (NULL, NULL);
  assert_fold ("Straße", "strasse");
  assert_fold ("STRASSE", "strasse");
  assert_fold ("ÉCOLE", "école");
  assert_fold ("Øster", "øster");
  /* e + combining acute (decomposed) folds like the composed é. */
  assert_fold ("Caf\x65\xcc\x81", "caf\xc3\xa9");
  assert_fold ("\xe2\x80\x83" "em space\xe2\x80\x83", "em space");
}

static void
test_clean (void)
{
  g_autofree char *a = cohort_text_clean ("  Hello World ");
  g_autofree char *b = cohort_text_clean (" \t ");

  g_assert_cmpstr (a, ==, "Hello World");
  g_assert_null (b);
}

static void
assert_date (const char *text,
             const char *zone,
             gint64      expected)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  g_assert_nonnull (tz);
  g_assert_true (cohort_datetime_parse (text, tz, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, expected);
}

static void
test_dates (void)
{
  /* 2024-05-01T00:00:00Z = 1714521600 */
  assert_date ("2024-05-01T00:00:00Z", "Europe/Prague", 1714521600);
  assert_date ("2024-05-01", "UTC", 1714521600);
  assert_date ("2024-05-01", "Europe/Prague", 1714521600 - 2 * 3600);
  assert_date ("2024-05-01T02:00:00+02:00", "America/New_York", 1714521600);
  assert_date ("2024-05-01T02:00+0200", "UTC", 1714521600);
  assert_date ("2024-05-01 00:00:00", "UTC", 1714521600);
  assert_date ("2024-05-01T00:00:00.750Z", "UTC", 1714521600);
  assert_date ("2024-01-15T12:00", "America/New_York", 1705338000);
}

static void
test_bad_dates (void)
{
  const char *bad[] = { "", "yesterday", "2024-13-01", "2024-02-30", "2024-05-01T25:00",
                        "2024-05-01Tx", "2024-05-01T10:00+99:00", "20240501", "2024-05-01 junk" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value;

      g_assert_false (cohort_datetime_parse (bad[i], NULL, &value, &error));
      g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "ISO 8601"));
    }
}

static void
test_format_round_trip (void)
{
  g_autofree char *text = cohort_datetime_format (1714521600);
  gint64 back = 0;

  g_assert_cmpstr (text, ==, "2024-05-01T00:00:00Z");
  g_assert_true (cohort_datetime_parse (text, NULL, &back, NULL));
  g_assert_cmpint (back, ==, 1714521600);
}

static void
test_int (void)
{
  gint64 v = 0;

  g_assert_true (cohort_parse_int64 (" 42 ", &v));
  g_assert_cmpint (v, ==, 42);
  g_assert_true (cohort_parse_int64 ("-7", &v));
  g_assert_cmpint (v, ==, -7);
  g_assert_false (cohort_parse_int64 ("4.2", &v));
  g_assert_false (cohort_parse_int64 ("many", &v));
  g_assert_false (cohort_parse_int64 ("", &v));
  g_assert_false (cohort_parse_int64 ("99999999999999999999999", &v));
}

static void
test_guard (void)
{
  const char *cases[][2] = {
    { "=1+2", "'=1+2" }, { "+49 30 1234", "'+49 30 1234" }, { "-5", "'-5" },
    { "@SUM(A1)", "'@SUM(A1)" }, { "\tx", "'\tx" }, { "\rx", "'\rx" },
    { "plain", "plain" }, { "", "" }, { "a=b", "a=b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = cohort_csv_guard_cell (cases[i][0]);
      g_assert_cmpstr (out, ==, cases[i][1]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/fold", test_fold);
  g_test_add_func ("/text/clean", test_clean);
  g_test_add_func ("/text/dates", test_dates);
  g_test_add_func ("/text/bad-dates", test_bad_dates);
  g_test_add_func ("/text/format-round-trip", test_format_round_trip);
  g_test_add_func ("/text/int", test_int);
  g_test_add_func ("/text/formula-guard", test_guard);

  return g_test_run ();
}
