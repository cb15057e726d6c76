// Stop rules: training stops by itself when a loss reaches a target or after a number of
// iterations, if the student asks for either. The decision comes with its reason as text.
#pragma once

#include <optional>
#include <string>

#include "result.hpp"

namespace bp {

inline constexpr long kMaxStopIterations = 1'000'000'000;

struct StopRule {
  // Stop once the loss handed to check_stop is at or below this (finite, >= 0). Meant for a
  // mean loss (Metrics::mean_loss of the training or test set), so that the target does not
  // depend on the number of examples.
  std::optional<double> target_loss;
  // Stop once this many iterations are done (1 to kMaxStopIterations).
  std::optional<long> max_iterations;
};

// Target finite and not negative, iterations 1 to kMaxStopIterations; names the field.
Status validate(const StopRule& rule);

enum class StopReason { None, TargetLoss, MaxIterations };

struct StopCheck {
  StopReason reason = StopReason::None;
  std::string message;  // why training stopped, for the user; empty when it goes on
  explicit operator bool() const { return reason != StopReason::None; }
};

// Whether to stop after `iteration` iterations with the current `loss`. A NaN loss never meets
// the target (divergence is the trainer's to report). When both rules apply the target loss is
// the reason given.
StopCheck check_stop(const StopRule& rule, long iteration, double loss);

}  // namespace bp
