/* cohort-color-dot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cohort-color-dot.h"

struct _CohortColorDot
{
  GtkWidget  parent_instance;

  char      *color;
  GdkRGBA    rgba;
  gboolean   has_rgba;
};

enum {
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CohortColorDot, cohort_color_dot, GTK_TYPE_WIDGET)

static void
cohort_color_dot_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CohortColorDot *self = COHORT_COLOR_DOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float size = MIN (width, height);
  GskRoundedRect circle;
  GdkRGBA rgba;

  if (self->has_rgba)
    rgba = self->rgba;
  else if (!adw_style_manager_get_dark (adw_style_manager_get_default ()))
    gdk_rgba_parse (&rgba, "#3584e4");
  else
    gdk_rgba_parse (&rgba, "#78aeed");

  gsk_rounded_rect_init_from_rect (&circle,
                                   &GRAPHENE_RECT_INIT ((width - size) / 2, (height - size) / 2,
                                                        size, size),
                                   size / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, &rgba, &circle.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
cohort_color_dot_finalize (GObject *object)
{
  CohortColorDot *self = COHORT_COLOR_DOT (object);

  g_free (self->color);

  G_OBJECT_CLASS (cohort_color_dot_parent_class)->finalize (object);
}

static void
cohort_color_dot_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CohortColorDot *self = COHORT_COLOR_DOT (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_color_dot_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CohortColorDot *self = COHORT_COLOR_DOT (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      cohort_color_dot_set_color (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_color_dot_class_init (CohortColorDotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cohort_color_dot_finalize;
  object_class->get_property = cohort_color_dot_get_property;
  object_class->set_property = cohort_color_dot_set_property;
  widget_class->snapshot = cohort_color_dot_snapshot;

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "colordot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
cohort_color_dot_init (CohortColorDot *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

void
cohort_color_dot_set_color (CohortColorDot *self,
                            const char     *color)
{
  g_return_if_fail (COHORT_IS_COLOR_DOT (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);
  self->has_rgba = color != NULL && gdk_rgba_parse (&self->rgba, color);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char *
cohort_color_dot_get_color (CohortColorDot *self)
{
  g_return_val_if_fail (COHORT_IS_COLOR_DOT (self), NULL);
  return self->color;
}
