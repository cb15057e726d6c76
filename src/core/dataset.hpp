// Training data: inputs X [examples x inputs] and targets Y [examples x outputs],
// and the chapter's four-row example.
#pragma once

#include "result.hpp"
#include "types.hpp"

namespace bp {

struct Dataset {
  Matrix X;  // one example per row
  Matrix Y;  // one target row per example
  Eigen::Index size() const { return X.rows(); }
};

inline constexpr Eigen::Index kMaxExamples = 1'000'000;

// Checks that X and Y have the same number of rows (at least one), at least one column,
// and finite values; the message names what is wrong.
Status validate(const Dataset& data);

// The rows of a, then those of b (same columns, or one of them empty).
Dataset concat(const Dataset& a, const Dataset& b);

// The chapter's data: inputs [0,0,1], [0,1,1], [1,0,1], [1,1,1] (the last column is a
// constant 1 that plays the role of a bias) and targets 0, 1, 1, 0.
Dataset seed_dataset();

// The input the chapter tries after training: [1, 0, 1].
Matrix seed_new_input();

}  // namespace bp
