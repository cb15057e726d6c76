// How well a network does on a data set (the training or the test set): its loss and, for
// classification with one output and 0/1 targets, its accuracy.
#pragma once

#include <limits>
#include <optional>

#include "dataset.hpp"
#include "loss.hpp"
#include "network.hpp"
#include "result.hpp"

namespace bp {

struct Metrics {
  Eigen::Index examples = 0;
  // The data term of the loss (no regularization penalty), summed over the examples as the
  // trainer's loss is (the chapter's C).
  double loss = 0.0;
  // loss / examples: the figure to compare between sets of different sizes (NaN when empty).
  double mean_loss = std::numeric_limits<double>::quiet_NaN();
  // Fraction (0 to 1) of examples classified correctly: an output above 0.5 counts as class 1,
  // 0.5 or below as class 0. Only for one output and targets that are all 0 or 1.
  std::optional<double> accuracy;
};

// True if data has one target column and every target is exactly 0 or 1.
bool has_binary_labels(const Dataset& data);

// The network's metrics on data (allocates; not for inside a training step). An empty data set
// (a test set of 0 examples) gives examples 0, loss 0, mean_loss NaN and no accuracy. Errors if
// data does not fit the network (columns) or holds a NaN or infinite value.
Result<Metrics> evaluate(const Network& net, const Dataset& data, Loss loss);

// The same from outputs already computed (a StepTrace's a_L) and their targets, of the same
// shape: allocates nothing, for the page's every frame.
Metrics measure(const Matrix& outputs, const Matrix& targets, Loss loss);

}  // namespace bp
