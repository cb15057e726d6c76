// Gradient descent on a Network: one step is one forward pass, one backward pass and
// one update, on the whole data set (full batch) or on the next mini-batch.
// Every intermediate value of the last step is kept in trace(), for display.
//
// Nothing is allocated inside step(): every buffer is sized when the trainer is created.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backprop.hpp"
#include "dataset.hpp"
#include "loss.hpp"
#include "network.hpp"
#include "regularization.hpp"
#include "result.hpp"

namespace bp {

struct TrainerOptions {
  double learning_rate = 1.0;  // the chapter's value
  // Examples per step; 0 (or the data size or more) means full batch, as in the chapter.
  int batch_size = 0;
  Loss loss = Loss::SquaredError;
  // Seeds the order in which mini-batches visit the examples (unused for full batch).
  std::uint64_t shuffle_seed = 0;
  // Weight penalty (biases are never penalized, as in TensorFlow Playground): its gradient
  // is added to dW in every step and its value is reported apart from the loss (penalty()).
  Regularization regularization = Regularization::None;
  double regularization_rate = 0.0;  // finite, 0 to kMaxRegularizationRate
};

inline constexpr double kMaxLearningRate = 1e6;

// Learning rate finite, positive and at most kMaxLearningRate; batch size not negative;
// regularization rate finite, 0 to kMaxRegularizationRate.
Status validate(const TrainerOptions& options);

// One iteration split into its phases, as the walkthrough shows them: forward through
// layers 1..L, the loss, backward through layers L..1, then the update.
enum class PhaseKind { Forward, Loss, Backward, Update };
// "forward", "loss", "backward", "update": the names the page, its scripts and tests use.
std::string_view name(PhaseKind kind);
std::optional<PhaseKind> parse_phase_kind(std::string_view text);
struct Phase {
  PhaseKind kind = PhaseKind::Forward;
  int layer = 0;  // for Forward and Backward; 0 otherwise
  bool operator==(const Phase& o) const { return kind == o.kind && layer == o.layer; }
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
  // One iteration whose update uses weight gradients worked out elsewhere instead of the
  // backward pass's own: dW[l - 1] for layer l, each of W(l)'s shape (biases keep their own).
  // The exercise trains the network this way with the student's code. The trace still holds
  // this iteration's own forward and backward pass, which the page explains. Refused, naming
  // what is wrong and changing nothing, when a gradient's shape is not its layer's or the
  // training has diverged; check diverged() afterwards, as after step().
  Status step_with(const std::vector<Matrix>& dW);

  // The phases of one iteration: 2L + 2 of them (see Phase).
  int phase_count() const { return 2 * network_.layers() + 2; }
  Phase phase(int k) const;  // k in 0..phase_count()-1
  // How many phases of the current iteration are done (0 between iterations).
  int phases_done() const { return phases_done_; }
  // Runs the next phase only (starting an iteration if none is under way) and returns it.
  // After the Update phase the iteration is complete, exactly as if step() had run it.
  // While diverged it does nothing and returns the Update phase.
  Phase advance_phase();

  const Network& network() const { return network_; }
  const Network& initial_network() const { return initial_; }
  const Dataset& data() const { return data_; }
  const TrainerOptions& options() const { return options_; }
  // Valid once iteration() > 0.
  const StepTrace& trace() const { return trace_; }
  long iteration() const { return iteration_; }
  int batch_size() const { return static_cast<int>(trace_.y.rows()); }

  // The last step's loss (before its update): the data term only; NaN before the first step.
  double loss() const {
    return iteration_ > 0 ? trace_.loss : std::numeric_limits<double>::quiet_NaN();
  }
  // The last step's regularization penalty (0 without regularization); NaN before the first
  // step. The objective gradient descent minimizes is loss() + penalty().
  double penalty() const {
    return iteration_ > 0 ? trace_.penalty : std::numeric_limits<double>::quiet_NaN();
  }
  bool diverged() const { return !divergence_.empty(); }
  // Why training stopped, for the user; empty while training is healthy.
  const std::string& divergence() const { return divergence_; }

  // Changing the learning rate keeps the weights and the iteration count.
  Status set_learning_rate(double learning_rate);
  // Changing the regularization keeps the weights and the iteration count; an iteration under
  // way phase by phase is abandoned (its gradients were computed with the old penalty).
  Status set_regularization(Regularization regularization, double rate);
  // New options (learning rate, batch size, loss, regularization, shuffle seed) for the same
  // weights: the iteration count stays, an iteration under way phase by phase is abandoned.
  Status set_options(TrainerOptions options);
  // Back to the initial weights, iteration 0.
  void restart();
  // New weights (and possibly shape) that also become the initial ones; iteration 0.
  Status set_network(Network network);
  // New training data for the same network: the weights and the iteration count stay, an
  // iteration under way phase by phase is abandoned. Checked like create().
  Status set_data(Dataset data);
  // Edits one weight of the current network (l in 1..L); abandons an iteration that is
  // under way phase by phase; clears a divergence if every weight is finite again.
  Status set_weight(int l, int row, int col, double value);
  // Edits one bias of the current network (l in 1..L, unit j of layer l), as set_weight does.
  Status set_bias(int l, int j, double value);

  // Outputs and loss of the current weights on the whole data set (allocates).
  Matrix outputs() const;
  double full_loss() const;

 private:
  Trainer(Network network, Dataset data, TrainerOptions options);
  void allocate();
  void load_batch();
  void run_phase(Phase p);
  void forward_and_backward();  // every phase of an iteration but the update
  void finish_iteration();

  Network network_;
  Network initial_;
  Dataset data_;
  TrainerOptions options_;
  StepTrace trace_;
  std::vector<Eigen::Index> order_;  // mini-batch visiting order
  Eigen::Index cursor_ = 0;
  Rng shuffle_rng_;
  long iteration_ = 0;
  int phases_done_ = 0;
  std::string divergence_;
};

}  // namespace bp
