// The page's settings, read from a link's query string ("seed=7&lr=0.5&activations=tanh,linear")
// so that a lesson can link to a particular run. Everything is checked by the core's validators.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/network.hpp"
#include "core/result.hpp"
#include "core/trainer.hpp"

namespace bp::app {

// Training speed in iterations per second of wall time, and the part of each frame that
// the fastest setting ("max") may spend training.
inline constexpr double kDefaultSpeed = 200.0;  // the chapter's network learns in ~4 s
inline constexpr double kMinSpeed = 1.0;
inline constexpr double kMaxSpeed = 100000.0;
inline constexpr double kFrameBudgetMs = 8.0;

struct Settings {
  std::uint64_t seed = 1;        // seeds the initial weights; Reset moves to the next seed
  NetworkSpec spec;              // the chapter's 3-4-1 sigmoid network, no biases
  TrainerOptions options;        // learning rate 1, full batch, squared error
  double speed = kDefaultSpeed;  // iterations per second while training
  bool speed_max = false;        // as many iterations as the frame budget allows
};

// Parses "key=value&key=value" (a leading '?' is allowed). Keys: seed (integer >= 0),
// lr (learning rate), activations (one name per weight layer, comma separated: sigmoid,
// tanh, relu, linear), speed (iterations per second, 1..100000, or "max"). Unknown keys are errors,
// so that a typo in a lesson's link is seen rather than silently ignored.
Result<Settings> parse_settings(std::string_view query);

}  // namespace bp::app
