// Colours of values over the input plane (the data plot's heatmap, the points' labels and
// the small per-neuron maps in the diagram): blue for high, orange for low, a dark neutral
// in between, as TensorFlow Playground does.
#pragma once

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "core/activation.hpp"

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
  // Neutral, blue (high) and orange (low), in 0..255.
  constexpr float n[3] = {38, 41, 48}, hi[3] = {70, 140, 245}, lo[3] = {245, 140, 40};
  const float* c = t >= 0 ? hi : lo;
  const auto ch = [&](int i) { return static_cast<int>(n[i] + (c[i] - n[i]) * amount); };
  return IM_COL32(ch(0), ch(1), ch(2), 255);
}

}  // namespace bp::app
