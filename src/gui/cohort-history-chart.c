/* cohort-history-chart.c
 *
 * Two bands share the x axis: the members as a line in the upper one,
 * scaled to their own range so that a change of a few out of thousands
 * still shows; the contacts who joined (up) and left (down) as bars in the
 * lower one. Colours come from the theme, so that the chart follows light,
 * dark and high contrast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-history.h"
#include "cohort-history-chart.h"
#include "cohort-utils.h"

#define LINE_BAND 0.62
#define PADDING   6.0

struct _CohortHistoryChart
{
  GtkWidget   parent_instance;

  GPtrArray  *days;
  guint       n_days;

  GPtrArray  *bars;
  gint64      from_members;
  char       *summary;
};

G_DEFINE_FINAL_TYPE (CohortHistoryChart, cohort_history_chart, GTK_TYPE_WIDGET)

static void
bar_free (CohortHistoryBar *bar)
{
  g_free (bar->first_day);
  g_free (bar);
}

static char *
format_summary (gint64 from,
                gint64 to,
                guint  n_days,
                gint64 joined,
                gint64 left)
{
  g_autofree char *from_text = cohort_format_count (from);
  g_autofree char *to_text = cohort_format_count (to);
  g_autofree char *joined_text = cohort_format_count (joined);
  g_autofree char *left_text = cohort_format_count (left);
  g_autofree char *trend = NULL;
  g_autofree char *joined_part = NULL;
  g_autofree char *left_part = NULL;

  if (to > from)
    /* Translators: "Grew from 1,203 to 1,877 in 90 days" */
    trend = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Grew from %s to %s in %u day",
                                          "Grew from %s to %s in %u days", n_days),
                             from_text, to_text, n_days);
  else if (to < from)
    /* Translators: "Shrank from 1,877 to 1,203 in 90 days" */
    trend = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Shrank from %s to %s in %u day",
                                          "Shrank from %s to %s in %u days", n_days),
                             from_text, to_text, n_days);
  else
    /* Translators: "Stayed at 1,877 for 90 days" */
    trend = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stayed at %s for %u day",
                                          "Stayed at %s for %u days", n_days),
                             to_text, n_days);

  /* Translators: a number of contacts who joined a group, "912 joined" */
  joined_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s joined", "%s joined", joined), joined_text);
  /* Translators: a number of contacts who left a group, "238 left" */
  left_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s left", "%s left", left), left_text);

  /* Translators: "Grew from 1,203 to 1,877 in 90 days; 912 joined, 238 left" */
  return g_strdup_printf (_("%s; %s, %s"), trend, joined_part, left_part);
}

/* The bars of the last n_days days, by week from a year on; the week
 * bars end today, so only the oldest may be shorter. */
static void
recompute (CohortHistoryChart *self)
{
  guint len = self->days != NULL ? self->days->len : 0;
  guint n, start, step;
  gint64 joined = 0, left = 0;
  CohortHistoryDay *first;

  g_ptr_array_set_size (self->bars, 0);
  g_clear_pointer (&self->summary, g_free);
  self->from_members = 0;

  if (len > 0)
    {
      n = MIN (self->n_days, len);
      start = len - n;
      step = self->n_days >= 365 ? 7 : 1;
      first = g_ptr_array_index (self->days, start);
      /* As cohort_history_get_stats() counts: the members at the end of
       * the day before, or at the start of the first day the history knows. */
      if (start > 0)
        self->from_members = ((CohortHistoryDay *) g_ptr_array_index (self->days, start - 1))->members;
      else
        self->from_members = first->members - first->joined + first->left;

      for (guint end = len; end > start; end = end > start + step ? end - step : start)
        {
          guint begin = end > start + step ? end - step : start;
          CohortHistoryBar *bar = g_new0 (CohortHistoryBar, 1);

          bar->first_day = g_strdup (((CohortHistoryDay *) g_ptr_array_index (self->days, begin))->day);
          bar->members = ((CohortHistoryDay *) g_ptr_array_index (self->days, end - 1))->members;
          for (guint i = begin; i < end; i++)
            {
              CohortHistoryDay *day = g_ptr_array_index (self->days, i);

              bar->joined += day->joined;
              bar->left += day->left;
            }
          joined += bar->joined;
          left += bar->left;
          g_ptr_array_insert (self->bars, 0, bar);
        }

      self->summary = format_summary (self->from_members,
                                      ((CohortHistoryDay *) g_ptr_array_index (self->days, len - 1))->members,
                                      n, joined, left);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->summary != NULL ? self->summary : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *out_color,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, out_color))
    gdk_rgba_parse (out_color, fallback);
}

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
show_text (cairo_t       *cr,
           PangoLayout   *layout,
           const GdkRGBA *color,
           double         x,
           double         y)
{
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static char *
short_day (const char *iso_day,
           gboolean    today)
{
  return today ? g_strdup (_("Today")) : cohort_format_day (iso_day, FALSE);
}

static void
cohort_history_chart_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CohortHistoryChart *self = COHORT_HISTORY_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) max_layout = NULL;
  g_autoptr(PangoLayout) min_layout = NULL;
  g_autoptr(PangoLayout) start_layout = NULL;
  g_autoptr(PangoLayout) end_layout = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *min_text = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  GdkRGBA fg, grid, accent, fill, success, error;
  gint64 min_members, max_members, max_change = 1;
  double x0, x1, y0, line_bottom, bars_top, baseline, y1, slot, bar_width;
  int text_width, text_height, w;
  guint n = self->bars->len;
  cairo_t *cr;

  if (n == 0 || width < 40 || height < 60)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  grid = fg;
  grid.alpha *= 0.15;
  lookup_color (widget, "accent_color", &accent, "#1c71d8");
  fill = accent;
  fill.alpha *= 0.18;
  lookup_color (widget, "success_color", &success, "#26a269");
  lookup_color (widget, "error_color", &error, "#c01c28");

  min_members = max_members = self->from_members;
  for (guint i = 0; i < n; i++)
    {
      CohortHistoryBar *bar = g_ptr_array_index (self->bars, i);

      min_members = MIN (min_members, bar->members);
      max_members = MAX (max_members, bar->members);
      max_change = MAX (max_change, MAX (bar->joined, bar->left));
    }

  max_text = cohort_format_count (max_members);
  min_text = cohort_format_count (min_members);
  max_layout = small_layout (widget, max_text);
  min_layout = small_layout (widget, min_text);
  pango_layout_get_pixel_size (max_layout, &text_width, &text_height);
  pango_layout_get_pixel_size (min_layout, &w, NULL);
  text_width = MAX (text_width, w);

  x0 = PADDING + text_width + 6;
  x1 = width - PADDING;
  y0 = PADDING + text_height / 2.0;
  y1 = height - PADDING - text_height - 4;
  line_bottom = y0 + (y1 - y0) * LINE_BAND;
  bars_top = line_bottom + 8;
  baseline = (bars_top + y1) / 2.0;
  slot = (x1 - x0) / n;
  bar_width = MAX (1.0, slot * 0.7);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Grid: the top and bottom of the members' range and the bars' baseline. */
  cairo_set_line_width (cr, 1.0);
  gdk_cairo_set_source_rgba (cr, &grid);
  cairo_move_to (cr, x0, round (y0) + 0.5);
  cairo_line_to (cr, x1, round (y0) + 0.5);
  cairo_move_to (cr, x0, round (line_bottom) + 0.5);
  cairo_line_to (cr, x1, round (line_bottom) + 0.5);
  cairo_move_to (cr, x0, round (baseline) + 0.5);
  cairo_line_to (cr, x1, round (baseline) + 0.5);
  cairo_stroke (cr);

  show_text (cr, max_layout, &fg, PADDING, y0 - text_height / 2.0);
  if (min_members != max_members)
    show_text (cr, min_layout, &fg, PADDING, line_bottom - text_height / 2.0);

  /* Joined up, left down. */
  for (guint i = 0; i < n; i++)
    {
      CohortHistoryBar *bar = g_ptr_array_index (self->bars, i);
      double x = x0 + i * slot + (slot - bar_width) / 2.0;
      double up = (baseline - bars_top) * bar->joined / (double) max_change;
      double down = (y1 - baseline) * bar->left / (double) max_change;

      if (bar->joined > 0)
        {
          gdk_cairo_set_source_rgba (cr, &success);
          cairo_rectangle (cr, x, baseline - MAX (up, 1.0), bar_width, MAX (up, 1.0));
          cairo_fill (cr);
        }
      if (bar->left > 0)
        {
          gdk_cairo_set_source_rgba (cr, &error);
          cairo_rectangle (cr, x, baseline + 1, bar_width, MAX (down, 1.0));
          cairo_fill (cr);
        }
    }

  /* The members, from the start of the range to the end of each bar; a
   * flat line in the middle when nothing changed. */
#define MEMBERS_Y(m) (max_members == min_members ? (y0 + line_bottom) / 2.0 \
                      : line_bottom - (line_bottom - y0) * ((m) - min_members) / (double) (max_members - min_members))
  cairo_move_to (cr, x0, MEMBERS_Y (self->from_members));
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, x0 + (i + 1) * slot, MEMBERS_Y (((CohortHistoryBar *) g_ptr_array_index (self->bars, i))->members));
#undef MEMBERS_Y
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2.0);
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_stroke_preserve (cr);
  cairo_line_to (cr, x1, line_bottom);
  cairo_line_to (cr, x0, line_bottom);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, &fill);
  cairo_fill (cr);

  /* The first day and today under the axis. */
  start_text = short_day (((CohortHistoryBar *) g_ptr_array_index (self->bars, 0))->first_day, n == 1);
  end_text = short_day (NULL, TRUE);
  start_layout = small_layout (widget, start_text);
  end_layout = small_layout (widget, end_text);
  show_text (cr, start_layout, &fg, x0, y1 + 4);
  pango_layout_get_pixel_size (end_layout, &w, NULL);
  if (n > 1)
    show_text (cr, end_layout, &fg, x1 - w, y1 + 4);

  cairo_destroy (cr);
}

static void
cohort_history_chart_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 480;
    }
  else
    {
      *minimum = 160;
      *natural = 200;
    }
}

static void
cohort_history_chart_finalize (GObject *object)
{
  CohortHistoryChart *self = COHORT_HISTORY_CHART (object);

  g_clear_pointer (&self->days, g_ptr_array_unref);
  g_clear_pointer (&self->bars, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (cohort_history_chart_parent_class)->finalize (object);
}

static void
cohort_history_chart_class_init (CohortHistoryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cohort_history_chart_finalize;
  widget_class->snapshot = cohort_history_chart_snapshot;
  widget_class->measure = cohort_history_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "history-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cohort_history_chart_init (CohortHistoryChart *self)
{
  self->n_days = 30;
  self->bars = g_ptr_array_new_with_free_func ((GDestroyNotify) bar_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Members over time"),
                                  -1);
}

GtkWidget *
cohort_history_chart_new (void)
{
  return g_object_new (COHORT_TYPE_HISTORY_CHART, NULL);
}

void
cohort_history_chart_set_days (CohortHistoryChart *self,
                               GPtrArray          *days)
{
  g_return_if_fail (COHORT_IS_HISTORY_CHART (self));

  if (days != NULL)
    g_ptr_array_ref (days);
  g_clear_pointer (&self->days, g_ptr_array_unref);
  self->days = days;
  recompute (self);
}

void
cohort_history_chart_set_range (CohortHistoryChart *self,
                                guint               n_days)
{
  g_return_if_fail (COHORT_IS_HISTORY_CHART (self));
  g_return_if_fail (n_days > 0);

  if (self->n_days == n_days)
    return;
  self->n_days = n_days;
  recompute (self);
}

GPtrArray *
cohort_history_chart_get_bars (CohortHistoryChart *self)
{
  g_return_val_if_fail (COHORT_IS_HISTORY_CHART (self), NULL);
  return self->bars;
}

const char *
cohort_history_chart_get_summary (CohortHistoryChart *self)
{
  g_return_val_if_fail (COHORT_IS_HISTORY_CHART (self), NULL);
  return self->summary;
}
