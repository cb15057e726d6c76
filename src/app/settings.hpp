// The page's settings, read from a link's query string ("seed=7&lr=0.5&activations=tanh,linear")
// so that a lesson can link to a particular run. Everything is checked by the core's validators.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/network.hpp"
#include "core/result.hpp"
#include "core/trainer.hpp"

namespace bp::app {

struct Settings {
  std::uint64_t seed = 1;        // seeds the initial weights; Reset moves to the next seed
  NetworkSpec spec;              // the chapter's 3-4-1 sigmoid network, no biases
  TrainerOptions options;        // learning rate 1, full batch, squared error
  int iterations_per_frame = 4;  // the seed network learns in about 2.5 s at 60 frames/s
};

inline constexpr int kMaxIterationsPerFrame = 1000;

// Parses "key=value&key=value" (a leading '?' is allowed). Keys: seed (integer >= 0),
// lr (learning rate), activations (one name per weight layer, comma separated: sigmoid,
// tanh, relu, linear), speed (iterations per frame, 1..1000). Unknown keys are errors,
// so that a typo in a lesson's link is seen rather than silently ignored.
Result<Settings> parse_settings(std::string_view query);

}  // namespace bp::app
