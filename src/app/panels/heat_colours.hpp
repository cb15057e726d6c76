// Colours of values over the input plane (the data plot's heatmap, the points' labels and
// the small per-neuron maps in the diagram): blue for high, orange for low, the theme's
// neutral in between, as TensorFlow Playground does.
#pragma once

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "../ui.hpp"
#include "core/activation.hpp"
#include "core/grid.hpp"

namespace bp::app {

// How an activation's values map to -1 (orange) .. 1 (blue).
struct HeatScale {
  float centre = 0.0f;  // the value drawn neutral (the class boundary)
  float half = 1.0f;    // the distance from the centre drawn fully coloured
};

inline HeatScale heat_scale(Activation f) {
  switch (f) {
    case Activation::Sigmoid: return {0.5f, 0.5f};
    case Activation::Relu: return {0.5f, 0.5f};
    case Activation::Tanh:
    case Activation::Linear: return {0.0f, 1.0f};
  }
  return {};
}

// discrete: only the side of the centre; strong: full colour (for points on the heatmap).
inline ImU32 heat_colour(HeatScale s, float v, bool discrete = false, bool strong = false) {
  float t = std::isfinite(v) ? std::clamp((v - s.centre) / s.half, -1.0f, 1.0f) : 0.0f;
  if (discrete) t = t > 0 ? 1.0f : -1.0f;
  const float amount = strong ? 0.45f + 0.55f * std::fabs(t) : 0.75f * std::fabs(t);
  // Neutral (the theme's), blue (high) and orange (low), in 0..255.
  const Rgba neutral = ui::palette().heat_neutral;
  const float n[3] = {neutral.r * 255, neutral.g * 255, neutral.b * 255};
  constexpr float hi[3] = {70, 140, 245}, lo[3] = {245, 140, 40};
  const float* c = t >= 0 ? hi : lo;
  const auto ch = [&](int i) { return static_cast<int>(n[i] + (c[i] - n[i]) * amount); };
  return IM_COL32(ch(0), ch(1), ch(2), 255);
}

// The scale of column j of values: centred between its smallest and largest value (for the
// input features, whose ranges differ: x1 spans -6..6, x1^2 0..36).
inline HeatScale column_scale(const MatrixF& values, Eigen::Index j) {
  const float lo = values.col(j).minCoeff(), hi = values.col(j).maxCoeff();
  return {(lo + hi) / 2, std::max((hi - lo) / 2, 1e-6f)};
}

// One unit's values over the input plane, drawn as a square of side `size` at p0 (top left):
// values holds (cells+1)^2 grid vertices row by row from the bottom (see Heatmap); every
// stride-th vertex is drawn, so a small map costs few rectangles.
inline void draw_unit_map(ImDrawList* dl, const MatrixF& values, Eigen::Index j, int cells,
                          HeatScale scale, ImVec2 p0, float size, int stride) {
  const int n = cells + 1;
  const int shown = cells / stride;
  const float cell = size / static_cast<float>(shown);
  for (int i = 0; i < shown; ++i)
    for (int c = 0; c < shown; ++c) {
      const float v = values((i * stride + stride / 2) * n + c * stride + stride / 2, j);
      const ImVec2 a(p0.x + static_cast<float>(c) * cell,
                     p0.y + size - static_cast<float>(i + 1) * cell);
      dl->AddRectFilled(a, ImVec2(a.x + cell + 0.5f, a.y + cell + 0.5f), heat_colour(scale, v));
    }
}

}  // namespace bp::app
