// Helpers for the app logic's tests (test_app_*.cpp): a Session on the chapter's run whose
// frame budget reads a clock that moves with the trainer's iterations, and references built
// from the core alone.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "app/session.hpp"
#include "common.hpp"
#include "core/dataset.hpp"
#include "core/network.hpp"
#include "core/rng.hpp"
#include "core/trainer.hpp"

namespace bp_test {

// A clock for the frame budget: every iteration the trainer has run costs 1 microsecond, and
// nothing else takes time. So kFrameBudgetMs (8 ms) is 8000 iterations, whatever the machine.
inline constexpr double kIterationsPerMs = 1000.0;

struct TestSession : bp::app::Session {
  explicit TestSession(const bp::Config& config = {}) {
    const bp::Status started = start(config);
    REQUIRE(started.ok());
    REQUIRE(state().settings_error.empty());
    set_clock([this] { return static_cast<double>(trainer().iteration()) / kIterationsPerMs; });
  }
  TestSession(const TestSession&) = delete;  // the clock points at this session
  TestSession& operator=(const TestSession&) = delete;
};

// Every weight (and bias) of a and b equal bit for bit.
inline bool same_weights(const bp::Network& a, const bp::Network& b) {
  if (a.layers() != b.layers() || a.has_biases() != b.has_biases()) return false;
  for (int l = 1; l <= a.layers(); ++l) {
    if (a.W(l).rows() != b.W(l).rows() || a.W(l).cols() != b.W(l).cols()) return false;
    if (!(a.W(l).array() == b.W(l).array()).all()) return false;
    if (a.has_biases() && !(a.b(l).array() == b.b(l).array()).all()) return false;
  }
  return true;
}

}  // namespace bp_test
