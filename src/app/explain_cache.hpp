// What the right-hand column's tabs (equations, gradient check, shape mistake) keep between
// frames: reused scratch, and results cached until the weights or the data change.
#pragma once

#include <string>
#include <vector>

#include "core/dataset.hpp"
#include "core/explain.hpp"
#include "core/gradient_check.hpp"
#include "core/shape_mistake.hpp"
#include "shown.hpp"

namespace bp::app {

// The weights and data a cached result was computed at; matches() compares them.
struct ComputedAt {
  bool valid = false;
  long iteration = -1;
  std::vector<Matrix> weights;
  Matrix x, y;

  bool matches(const Network& net, const Dataset& data) const {
    if (!valid || weights.size() != static_cast<std::size_t>(net.layers())) return false;
    for (int l = 1; l <= net.layers(); ++l)
      if (weights[static_cast<std::size_t>(l - 1)] != net.W(l)) return false;
    return x == data.X && y == data.Y;
  }
  void set(const Network& net, const Dataset& data, long iter) {
    weights.resize(static_cast<std::size_t>(net.layers()));
    for (int l = 1; l <= net.layers(); ++l) weights[static_cast<std::size_t>(l - 1)] = net.W(l);
    x = data.X;
    y = data.Y;
    iteration = iter;
    valid = true;
  }
};

// One example's row of the Equations tab's table of gradient terms, as shown.
struct TermRow {
  Shown input, next, w_next, da, da_dz, delta, product;
};

// What the table of gradient terms was made from: the same numbers while none of these moved.
struct TermsFrom {
  long evaluations = -1;  // AppState::evaluations: the preview's (and the network's) version
  long iteration = -1;
  int phases_done = -1;
  const void* trace = nullptr;  // the preview or the trainer's own trace (the walkthrough)
  WeightRef weight;
  double learning_rate = 0.0;
  bool operator==(const TermsFrom& o) const {
    return evaluations == o.evaluations && iteration == o.iteration &&
           phases_done == o.phases_done && trace == o.trace && weight == o.weight &&
           learning_rate == o.learning_rate;
  }
};

struct ExplainCache {
  GradientTerms terms;  // the selected weight's gradient, term by term
  // The Equations tab's table made from terms (refilled only when terms_from changes).
  TermsFrom terms_from;
  std::string terms_error;
  std::vector<TermRow> term_rows;
  Shown term_sum;
  long terms_computed = 0;  // how often the table was made (a count for tests)
  int terms_age = 0;        // frames since it was made (throttles it while training)
  int terms_every = 10;     // frames between two makings while training (equations.cpp)
  // The rows' text as the last full layout of the table logged it (ui::begin_capture): while
  // the rows are unchanged only those in view are laid out, and this text stands for them all.
  std::string term_rows_log;
  bool term_rows_logged = false;
  bool term_rows_scroll = false;  // the table's layout (a sideways box) it was logged with
  long term_rows_laid_out = 0;    // rows the last frame laid out (all, or those in view)

  // Gradient check of every weight (bp::check_all_gradients) at the weights in checked_at.
  ComputedAt checked_at;
  std::vector<GradientCheck> checks;
  std::string check_error;
  int check_age = 0;  // frames since the last computation (throttles it while training)

  // The shape mistake at the current weights (bp::shape_mistake on the preview).
  ComputedAt mistake_at;
  bool mistake_ok = false;
  ShapeMistake mistake;
  std::string mistake_error;

  // "Train with the mistake": both runs from the same initial weights.
  bool run_done = false;
  std::string run_error;
  int run_iterations = 0;
  double run_learning_rate = 0.0;
  std::vector<double> mistake_loss, right_loss;  // before each update
  Matrix mistake_outputs, right_outputs;         // after the last update
};

}  // namespace bp::app
