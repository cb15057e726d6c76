// What several unit test files share: the chapter's run from a seed, a link that diverges at
// once, and a check of messages by what they name.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "core/dataset.hpp"
#include "core/network.hpp"
#include "core/rng.hpp"
#include "core/trainer.hpp"

namespace bp_test {

// Whether part occurs in text: messages are checked for what they name, not word for word.
inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The network of spec (the chapter's 3-4-1 sigmoid network unless given) from seed (the
// core's generator) on the chapter's data, untrained, with options (the chapter's learning
// rate 1 unless they say otherwise).
inline bp::Trainer seed_trainer(std::uint64_t seed, const bp::TrainerOptions& options = {},
                                const bp::NetworkSpec& spec = {}) {
  bp::Rng rng(seed);
  return bp::Trainer::create(bp::Network::random(spec, rng).value(), bp::seed_dataset(), options)
      .value();
}

inline bp::Trainer seed_trainer(std::uint64_t seed, double learning_rate) {
  bp::TrainerOptions options;
  options.learning_rate = learning_rate;
  return seed_trainer(seed, options);
}

// The same, trained n steps with the chapter's learning rate 1, in one go.
inline bp::Trainer chapter_trainer(std::uint64_t seed, long n = 0,
                                   const bp::NetworkSpec& spec = {}) {
  bp::Trainer t = seed_trainer(seed, {}, spec);
  REQUIRE(t.train(n) == n);
  return t;
}

// Four custom points, a linear 2-4-1 network and a learning rate of 1e6: diverges at once.
inline constexpr const char* kDivergingLink =
    "data=custom&rows=1000,1000,1,-1000,1000,0,1000,-1000,0,-1000,-1000,1&hidden=4"
    "&act=linear&out=linear&loss=se&lr=1000000";

}  // namespace bp_test
