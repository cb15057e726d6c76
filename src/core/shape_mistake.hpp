// The chapter's commented-out attempt at t1, computed as numpy computes it, beside the right
// product. The attempt multiplies W2 [hidden x 1] by k2 [examples x 1] elementwise, which
// numpy only allows because both have 4 rows, and then broadcasts that column across
// s'(z1): the hidden-unit index and the example index get mixed up. dC/dW1 comes out with
// the right shape and the wrong numbers, so nothing complains.
#pragma once

#include <vector>

#include "backprop.hpp"
#include "dataset.hpp"
#include "network.hpp"
#include "result.hpp"

namespace bp {

struct ShapeMistake {
  Matrix t2;         // W2 * k2 elementwise                   [4x1] (needs hidden == examples)
  Matrix t1;         // s'(z1) * t2, t2 repeated across columns [4x4]
  Matrix dW1;        // a0^T t1                                [3x4]: right shape, wrong values
  Matrix k2W2T;      // the right product k2 W2^T              [4x4]
  Matrix t1_right;   // (k2 W2^T) * s'(z1)                     [4x4]
  Matrix dW1_right;  // a0^T t1_right, equation (B)            [3x4]
};

// From a trace of a two-layer network with one output whose hidden layer has as many units
// as the batch has examples (the chapter's 3-4-1 on 4 rows); otherwise an error saying why
// numpy would refuse the line.
Result<ShapeMistake> shape_mistake(const Network& net, const StepTrace& trace);

// Training with the mistaken dC/dW1 (and the right dC/dW2): what the chapter's attempt would
// have learnt. Returns the loss (before each update) and the final weights.
struct MistakeRun {
  std::vector<double> loss;
  Network network;
  Matrix outputs;  // of the final weights on the data
};
Result<MistakeRun> train_with_shape_mistake(const Network& start, const Dataset& data,
                                            double learning_rate, int iterations);

}  // namespace bp
