// The page's settings, read from a link's query string ("seed=7&lr=0.5&activations=tanh,linear")
// so that a lesson can link to a particular run. A thin layer over the core's Config: the
// parsing and every check are bp::parse_query's (core/config.hpp); this keeps the fields
// App::init reads today.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/config.hpp"
#include "core/network.hpp"
#include "core/result.hpp"
#include "core/trainer.hpp"

namespace bp::app {

// Training speed in iterations per second of wall time, and the part of each frame that
// the fastest setting ("max") may spend training.
inline constexpr double kDefaultSpeed = 200.0;  // the chapter's network learns in ~4 s
inline constexpr double kMinSpeed = kMinConfigSpeed;
inline constexpr double kMaxSpeed = kMaxConfigSpeed;
inline constexpr double kFrameBudgetMs = 8.0;

struct Settings {
  std::uint64_t seed = 1;        // seeds the initial weights; Reset moves to the next seed
  NetworkSpec spec;              // the chapter's 3-4-1 sigmoid network, no biases
  TrainerOptions options;        // learning rate 1, full batch, squared error
  double speed = kDefaultSpeed;  // iterations per second while training
  bool speed_max = false;        // as many iterations as the frame budget allows
  Config config;                 // everything the link said (data, view, hidden panels, ...)
};

// The fields above, taken from a validated Config.
Settings settings_from_config(const Config& config);

// Parses "key=value&key=value" (a leading '?' is allowed) with bp::parse_query on top of the
// chapter's defaults. Every key of the link is accepted (docs/format.md); the chapter page's
// keys are seed (integer >= 0), lr (learning rate), activations (one name per weight layer,
// comma separated: sigmoid, tanh, relu, linear), speed (iterations per second, 1..100000, or
// "max"). Unknown keys are errors, so that a typo in a lesson's link is seen rather than
// silently ignored.
Result<Settings> parse_settings(std::string_view query);

}  // namespace bp::app
