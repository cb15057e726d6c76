// Gradient descent on a Network: one step is one forward pass, one backward pass and
// one update, on the whole data set (full batch) or on the next mini-batch.
// Every intermediate value of the last step is kept in trace(), for display.
//
// Nothing is allocated inside step(): every buffer is sized when the trainer is created.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "dataset.hpp"
#include "loss.hpp"
#include "network.hpp"
#include "result.hpp"

namespace bp {

struct TrainerOptions {
  double learning_rate = 1.0;  // the chapter's value
  // Examples per step; 0 (or the data size or more) means full batch, as in the chapter.
  int batch_size = 0;
  Loss loss = Loss::SquaredError;
  // Seeds the order in which mini-batches visit the examples (unused for full batch).
  std::uint64_t shuffle_seed = 0;
};

inline constexpr double kMaxLearningRate = 1e6;

// Learning rate finite, positive and at most kMaxLearningRate; batch size not negative.
Status validate(const TrainerOptions& options);

// The values one step computed, numbered by layer as in the chapter (l = 0..L).
// For the 3-4-1 network: a[0] = x, z[1], a[1], z[2], a[2]; delta[2] is the chapter's k2
// and delta[1] its t1; dW[2] is equation (A), dW[1] equation (B).
struct StepTrace {
  std::vector<Matrix> a;      // a[l]: [batch x size(l)], l = 0..L; a[L] is the output
  std::vector<Matrix> z;      // z[l] = a[l-1] W(l) + b(l), l = 1..L (z[0] is empty)
  std::vector<Matrix> da_dz;  // f'(z[l]), l = 1..L
  std::vector<Matrix> delta;  // dC/dz[l], l = 1..L
  std::vector<Matrix> dW;     // dC/dW(l) = a[l-1]^T delta[l], l = 1..L, shaped like W(l)
  std::vector<RowVector> db;  // dC/db(l) = column sums of delta[l] (empty without biases)
  Matrix y;                   // the batch's targets, [batch x outputs]
  double loss = 0.0;          // C of this batch, before the update
};

class Trainer {
 public:
  // Checks that the network, data and options fit together; the message says what not.
  static Result<Trainer> create(Network network, Dataset data, TrainerOptions options = {});

  // One iteration. Returns false if the loss or a weight is NaN or infinite afterwards;
  // the trainer then refuses further steps until restart() or set_network().
  bool step();
  // Up to n steps, stopping at divergence. Returns how many were done.
  long train(long n);

  const Network& network() const { return network_; }
  const Network& initial_network() const { return initial_; }
  const Dataset& data() const { return data_; }
  const TrainerOptions& options() const { return options_; }
  // Valid once iteration() > 0.
  const StepTrace& trace() const { return trace_; }
  long iteration() const { return iteration_; }
  int batch_size() const { return static_cast<int>(trace_.y.rows()); }

  // The last step's loss (before its update); NaN before the first step.
  double loss() const {
    return iteration_ > 0 ? trace_.loss : std::numeric_limits<double>::quiet_NaN();
  }
  bool diverged() const { return !divergence_.empty(); }
  // Why training stopped, for the user; empty while training is healthy.
  const std::string& divergence() const { return divergence_; }

  // Changing the learning rate keeps the weights and the iteration count.
  Status set_learning_rate(double learning_rate);
  // Back to the initial weights, iteration 0.
  void restart();
  // New weights (and possibly shape) that also become the initial ones; iteration 0.
  Status set_network(Network network);
  // Edits one weight of the current network (l in 1..L); clears a divergence.
  Status set_weight(int l, int row, int col, double value);

  // Outputs and loss of the current weights on the whole data set (allocates).
  Matrix outputs() const;
  double full_loss() const;

 private:
  Trainer(Network network, Dataset data, TrainerOptions options);
  void allocate();
  void load_batch();
  void forward();
  void backward();
  void update();

  Network network_;
  Network initial_;
  Dataset data_;
  TrainerOptions options_;
  StepTrace trace_;
  std::vector<Matrix> delta_w_;      // delta[l+1] W(l+1)^T before the elementwise product
  std::vector<Eigen::Index> order_;  // mini-batch visiting order
  Eigen::Index cursor_ = 0;
  Rng shuffle_rng_;
  long iteration_ = 0;
  std::string divergence_;
};

}  // namespace bp
