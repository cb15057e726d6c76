// Gradient checking: backpropagation's dC/dw for a weight beside the slope of the loss
// measured by nudging that weight, (C(w + h) - C(w - h)) / 2h, on the whole data set.
#pragma once

#include <vector>

#include "dataset.hpp"
#include "loss.hpp"
#include "network.hpp"
#include "result.hpp"

namespace bp {

struct GradientCheck {
  WeightRef weight;
  double backprop = 0.0;   // dC/dw by backpropagation at the current weights
  double numeric = 0.0;    // (C(w + h) - C(w - h)) / 2h
  double rel_error = 0.0;  // |backprop - numeric| / max(|backprop|, |numeric|, 1e-12)
};

inline constexpr double kGradientCheckStep = 1e-5;

// Checks that the weight exists (the message names it otherwise) and that data fits.
Result<GradientCheck> check_gradient(const Network& net, const Dataset& data, Loss loss,
                                     WeightRef weight, double h = kGradientCheckStep);

// Every weight of every layer, layer by layer, row by row (2 loss evaluations each).
Result<std::vector<GradientCheck>> check_all_gradients(const Network& net, const Dataset& data,
                                                       Loss loss, double h = kGradientCheckStep);

}  // namespace bp
