// The two palettes. Text colours keep a contrast of at least 4.5:1 on every surface they are
// drawn on, and lines and marks at least 3:1 on theirs (tests/unit/test_theme.cpp checks it).
#include "theme.hpp"

#include <algorithm>
#include <cmath>

namespace bp::app {
namespace {

constexpr Rgba rgb(float r, float g, float b, float a = 1.0f) {
  return Rgba{r, g, b, a};
}

Palette make_dark() {
  Palette p;
  p.window = rgb(0.10f, 0.11f, 0.13f);
  p.frame = rgb(0.13f, 0.21f, 0.32f);
  p.frame_hover = rgb(0.16f, 0.30f, 0.47f);
  p.frame_active = rgb(0.19f, 0.38f, 0.62f);
  p.popup = rgb(0.08f, 0.08f, 0.09f);
  p.button = rgb(0.16f, 0.30f, 0.47f);
  p.button_hover = rgb(0.20f, 0.42f, 0.72f);
  p.button_active = rgb(0.10f, 0.36f, 0.70f);
  p.header = rgb(0.15f, 0.26f, 0.39f);
  p.header_hover = rgb(0.20f, 0.42f, 0.72f);
  p.header_active = rgb(0.10f, 0.36f, 0.70f);
  p.tab = rgb(0.17f, 0.32f, 0.52f);
  p.tab_hover = rgb(0.20f, 0.42f, 0.72f);
  p.tab_active = rgb(0.20f, 0.41f, 0.68f);
  p.title = rgb(0.04f, 0.04f, 0.05f);
  p.title_active = rgb(0.16f, 0.29f, 0.48f);
  p.border = rgb(0.43f, 0.43f, 0.50f, 0.50f);
  p.scrollbar = rgb(0.31f, 0.31f, 0.33f);
  p.grab = rgb(0.24f, 0.52f, 0.88f);
  p.grab_active = rgb(0.26f, 0.59f, 0.98f);
  p.check = rgb(0.26f, 0.59f, 0.98f);
  p.text = rgb(1.0f, 1.0f, 1.0f);
  p.text_disabled = rgb(0.50f, 0.50f, 0.50f);
  p.muted = rgb(0.66f, 0.70f, 0.76f);
  p.heading = rgb(0.55f, 0.80f, 1.0f);
  p.error = rgb(1.0f, 0.55f, 0.50f);
  p.good = rgb(0.45f, 0.85f, 0.55f);
  p.warning = rgb(1.0f, 0.78f, 0.35f);
  p.just = rgb(1.0f, 0.84f, 0.30f);
  p.pending = rgb(0.62f, 0.64f, 0.68f);
  p.curve = rgb(0.43f, 0.71f, 1.0f);
  p.test_curve = rgb(0.92f, 0.92f, 0.92f);
  p.grid = rgb(1.0f, 1.0f, 1.0f, 0.11f);
  p.axis = rgb(1.0f, 1.0f, 1.0f, 0.35f);
  p.hover = rgb(1.0f, 0.80f, 0.25f, 0.86f);
  p.bar_back = rgb(0.22f, 0.24f, 0.28f);
  p.bar_fill = rgb(0.30f, 0.60f, 0.95f);
  p.target = rgb(1.0f, 0.80f, 0.25f);
  p.diagram_back = rgb(0.07f, 0.08f, 0.10f);
  p.label_back = rgb(0.08f, 0.09f, 0.11f, 0.92f);
  p.positive = rgb(0.36f, 0.62f, 1.0f);
  p.negative = rgb(1.0f, 0.56f, 0.18f);
  p.unknown = rgb(0.50f, 0.52f, 0.56f);
  p.lit = rgb(1.0f, 0.86f, 0.30f);
  p.selected = rgb(1.0f, 0.95f, 0.55f);
  p.saturated = rgb(1.0f, 0.40f, 0.40f);
  p.node_low = rgb(0.16f, 0.17f, 0.20f);
  p.node_high = rgb(0.86f, 0.93f, 1.0f);
  p.node_negative = rgb(1.0f, 0.74f, 0.48f);
  p.node_edge = rgb(0.70f, 0.74f, 0.80f);
  p.ring = rgb(1.0f, 1.0f, 1.0f, 0.9f);
  p.heat_neutral = rgb(0.15f, 0.16f, 0.19f);
  p.cell_neutral = rgb(0.17f, 0.18f, 0.21f);
  p.phase_done = rgb(0.16f, 0.42f, 0.25f);
  p.phase_pending = rgb(0.22f, 0.24f, 0.28f);
  p.words = {"brighter", "dark"};
  return p;
}

Palette make_light() {
  Palette p;
  p.window = rgb(0.97f, 0.97f, 0.98f);
  p.frame = rgb(1.0f, 1.0f, 1.0f);
  p.frame_hover = rgb(0.86f, 0.92f, 0.99f);
  p.frame_active = rgb(0.74f, 0.85f, 0.99f);
  p.popup = rgb(1.0f, 1.0f, 1.0f);
  p.button = rgb(0.80f, 0.88f, 0.98f);
  p.button_hover = rgb(0.62f, 0.78f, 0.99f);
  p.button_active = rgb(0.45f, 0.66f, 0.97f);
  p.header = rgb(0.84f, 0.90f, 0.98f);
  p.header_hover = rgb(0.66f, 0.80f, 0.99f);
  p.header_active = rgb(0.50f, 0.70f, 0.98f);
  p.tab = rgb(0.84f, 0.87f, 0.91f);
  p.tab_hover = rgb(0.66f, 0.80f, 0.99f);
  p.tab_active = rgb(0.70f, 0.81f, 0.95f);
  p.title = rgb(0.92f, 0.92f, 0.94f);
  p.title_active = rgb(0.80f, 0.84f, 0.90f);
  p.border = rgb(0.0f, 0.0f, 0.0f, 0.30f);
  p.scrollbar = rgb(0.69f, 0.69f, 0.71f);
  p.grab = rgb(0.18f, 0.45f, 0.85f);
  p.grab_active = rgb(0.10f, 0.35f, 0.75f);
  p.check = rgb(0.10f, 0.38f, 0.80f);
  p.text = rgb(0.08f, 0.09f, 0.11f);
  p.text_disabled = rgb(0.45f, 0.46f, 0.48f);
  p.muted = rgb(0.33f, 0.36f, 0.41f);
  p.heading = rgb(0.04f, 0.30f, 0.62f);
  p.error = rgb(0.68f, 0.09f, 0.07f);
  p.good = rgb(0.05f, 0.40f, 0.16f);
  p.warning = rgb(0.52f, 0.30f, 0.0f);
  p.just = rgb(0.55f, 0.30f, 0.0f);
  p.pending = rgb(0.40f, 0.42f, 0.46f);
  p.curve = rgb(0.08f, 0.34f, 0.75f);
  p.test_curve = rgb(0.25f, 0.25f, 0.27f);
  p.grid = rgb(0.0f, 0.0f, 0.0f, 0.10f);
  p.axis = rgb(0.0f, 0.0f, 0.0f, 0.45f);
  p.hover = rgb(0.75f, 0.42f, 0.0f, 0.95f);
  p.bar_back = rgb(0.84f, 0.86f, 0.89f);
  p.bar_fill = rgb(0.12f, 0.42f, 0.85f);
  p.target = rgb(0.60f, 0.32f, 0.0f);
  p.diagram_back = rgb(0.93f, 0.94f, 0.96f);
  p.label_back = rgb(1.0f, 1.0f, 1.0f, 0.92f);
  p.positive = rgb(0.10f, 0.38f, 0.82f);
  p.negative = rgb(0.78f, 0.36f, 0.0f);
  p.unknown = rgb(0.48f, 0.50f, 0.54f);
  p.lit = rgb(0.66f, 0.42f, 0.0f);
  p.selected = rgb(0.62f, 0.10f, 0.55f);
  p.saturated = rgb(0.75f, 0.10f, 0.10f);
  p.node_low = rgb(0.88f, 0.90f, 0.93f);
  p.node_high = rgb(0.12f, 0.36f, 0.75f);
  p.node_negative = rgb(0.85f, 0.45f, 0.10f);
  p.node_edge = rgb(0.35f, 0.38f, 0.42f);
  p.ring = rgb(0.0f, 0.0f, 0.0f, 0.85f);
  p.heat_neutral = rgb(0.93f, 0.94f, 0.95f);
  p.cell_neutral = rgb(0.90f, 0.91f, 0.93f);
  p.phase_done = rgb(0.72f, 0.88f, 0.76f);
  p.phase_pending = rgb(0.86f, 0.87f, 0.90f);
  p.words = {"darker blue", "light grey"};
  return p;
}

double channel(float c) {  // sRGB to linear light
  const double v = static_cast<double>(c);
  return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

}  // namespace

Theme resolve(Theme setting, bool system_dark) {
  if (setting != Theme::System) return setting;
  return system_dark ? Theme::Dark : Theme::Light;
}

const Palette& palette_of(Theme theme) {
  static const Palette dark = make_dark();
  static const Palette light = make_light();
  return theme == Theme::Light ? light : dark;
}

double luminance(Rgba c) {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast_ratio(Rgba a, Rgba b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgba over(Rgba a, Rgba b) {
  const auto mix = [&](float x, float y) { return x * a.a + y * (1.0f - a.a); };
  return Rgba{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), 1.0f};
}

}  // namespace bp::app
