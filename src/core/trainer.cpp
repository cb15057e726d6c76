// The training step: forward, backward (the delta recursion) and the update.
#include "trainer.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

namespace bp {

Status validate(const TrainerOptions& options) {
  const double lr = options.learning_rate;
  if (!std::isfinite(lr)) return Error{"learning rate must be a finite number"};
  if (lr <= 0.0) return Error{"learning rate must be greater than 0"};
  if (lr > kMaxLearningRate) return Error{"learning rate must be at most 1e6"};
  if (options.batch_size < 0) return Error{"batch size must be 0 (full batch) or more"};
  if (name(options.loss) == "unknown") return Error{"loss is not a known loss function"};
  if (name(options.regularization) == "unknown")
    return Error{"regularization is not none, l1 or l2"};
  const double rate = options.regularization_rate;
  if (!std::isfinite(rate)) return Error{"regularization rate must be a finite number"};
  if (rate < 0.0) return Error{"regularization rate must be 0 or more"};
  if (rate > kMaxRegularizationRate) return Error{"regularization rate must be at most 10"};
  return {};
}

std::string_view name(PhaseKind kind) {
  switch (kind) {
    case PhaseKind::Forward: return "forward";
    case PhaseKind::Loss: return "loss";
    case PhaseKind::Backward: return "backward";
    case PhaseKind::Update: return "update";
  }
  return "unknown";
}

std::optional<PhaseKind> parse_phase_kind(std::string_view text) {
  for (PhaseKind k : {PhaseKind::Forward, PhaseKind::Loss, PhaseKind::Backward, PhaseKind::Update})
    if (text == name(k)) return k;
  return std::nullopt;
}

Result<Trainer> Trainer::create(Network network, Dataset data, TrainerOptions options) {
  if (Status s = validate(data); !s) return Error{s.error()};
  if (Status s = validate(options); !s) return Error{s.error()};
  if (data.X.cols() != network.inputs())
    return Error{"data has " + std::to_string(data.X.cols()) +
                 " input columns but the network has " + std::to_string(network.inputs()) +
                 " inputs"};
  if (data.Y.cols() != network.outputs())
    return Error{"data has " + std::to_string(data.Y.cols()) +
                 " target columns but the network has " + std::to_string(network.outputs()) +
                 " outputs"};
  if (options.loss == Loss::CrossEntropy) {
    if (network.activation(network.layers()) != Activation::Sigmoid)
      return Error{"cross-entropy loss needs a sigmoid output layer"};
    if ((data.Y.array() < 0.0).any() || (data.Y.array() > 1.0).any())
      return Error{"cross-entropy loss needs targets between 0 and 1"};
  }
  if (!network.all_finite()) return Error{"network weights contain a NaN or infinite value"};
  Trainer t(std::move(network), std::move(data), options);
  t.allocate();
  return t;
}

Trainer::Trainer(Network network, Dataset data, TrainerOptions options)
    : network_(network),
      initial_(std::move(network)),
      data_(std::move(data)),
      options_(options),
      shuffle_rng_(options.shuffle_seed) {}

void Trainer::allocate() {
  const Eigen::Index n = data_.size();
  const Eigen::Index m =
      options_.batch_size == 0 ? n : std::min<Eigen::Index>(options_.batch_size, n);
  allocate_trace(network_, m, trace_);
  order_.resize(static_cast<std::size_t>(n));
  std::iota(order_.begin(), order_.end(), Eigen::Index{0});
  cursor_ = n;  // shuffle before the first mini-batch
  phases_done_ = 0;
  if (m == n) {  // full batch: the batch is the data, copied once
    trace_.a[0] = data_.X;
    trace_.y = data_.Y;
  }
}

void Trainer::load_batch() {
  const Eigen::Index n = data_.size();
  const Eigen::Index m = trace_.y.rows();
  if (m == n) return;
  for (Eigen::Index r = 0; r < m; ++r) {
    if (cursor_ == n) {  // a new pass over the data: a new random order (Fisher-Yates)
      for (Eigen::Index i = n - 1; i > 0; --i) {
        const auto j =
            static_cast<Eigen::Index>(shuffle_rng_.below(static_cast<std::uint64_t>(i + 1)));
        std::swap(order_[static_cast<std::size_t>(i)], order_[static_cast<std::size_t>(j)]);
      }
      cursor_ = 0;
    }
    const Eigen::Index k = order_[static_cast<std::size_t>(cursor_++)];
    trace_.a[0].row(r) = data_.X.row(k);
    trace_.y.row(r) = data_.Y.row(k);
  }
}

Phase Trainer::phase(int k) const {
  const int L = network_.layers();
  if (k < L) return {PhaseKind::Forward, k + 1};
  if (k == L) return {PhaseKind::Loss, 0};
  if (k < 2 * L + 1) return {PhaseKind::Backward, 2 * L - k + 1};
  return {PhaseKind::Update, 0};
}

void Trainer::run_phase(Phase p) {
  switch (p.kind) {
    case PhaseKind::Forward:
      if (p.layer == 1) load_batch();
      forward_layer(network_, p.layer, trace_);
      break;
    case PhaseKind::Loss:
      compute_loss(options_.loss, trace_);
      compute_penalty(network_, options_.regularization, options_.regularization_rate, trace_);
      break;
    case PhaseKind::Backward:
      backward_layer(network_, options_.loss, p.layer, trace_);
      regularize_layer(network_, options_.regularization, options_.regularization_rate, p.layer,
                       trace_);
      break;
    case PhaseKind::Update: apply_update(trace_, options_.learning_rate, network_); break;
  }
}

void Trainer::finish_iteration() {
  phases_done_ = 0;
  ++iteration_;
  if (!std::isfinite(trace_.loss) || !network_.all_finite()) {
    // snprintf, not a string stream: streams bring C++'s locale machinery into the page's
    // WebAssembly (about 50 KB of code) for three messages. %g is what a stream writes.
    char msg[200];
    std::snprintf(msg, sizeof msg,
                  "training diverged at iteration %ld: the %s became NaN or infinite. The learning "
                  "rate (%g) is probably too large; lower it and restart.",
                  iteration_, std::isfinite(trace_.loss) ? "weights" : "loss",
                  options_.learning_rate);
    divergence_ = msg;
  }
}

Phase Trainer::advance_phase() {
  const Phase p = phase(phases_done_);
  if (diverged()) return phase(phase_count() - 1);
  run_phase(p);
  if (++phases_done_ == phase_count()) finish_iteration();
  return p;
}

bool Trainer::step() {
  if (diverged()) return false;
  if (phases_done_ > 0) {  // finish an iteration begun phase by phase
    while (phases_done_ > 0) advance_phase();
    return !diverged();
  }
  forward_and_backward();
  apply_update(trace_, options_.learning_rate, network_);
  finish_iteration();
  return !diverged();
}

void Trainer::forward_and_backward() {
  const int L = network_.layers();
  load_batch();
  for (int l = 1; l <= L; ++l) forward_layer(network_, l, trace_);
  compute_loss(options_.loss, trace_);
  const Regularization r = options_.regularization;
  const double rate = options_.regularization_rate;
  compute_penalty(network_, r, rate, trace_);
  for (int l = L; l >= 1; --l) {
    backward_layer(network_, options_.loss, l, trace_);
    regularize_layer(network_, r, rate, l, trace_);
  }
}

Status Trainer::step_with(const std::vector<Matrix>& dW) {
  const int L = network_.layers();
  if (dW.size() != static_cast<std::size_t>(L))
    return Error{"step_with needs one weight gradient per layer: " + std::to_string(L) + ", not " +
                 std::to_string(dW.size())};
  for (int l = 1; l <= L; ++l) {
    const Matrix& d = dW[static_cast<std::size_t>(l - 1)];
    if (d.rows() != network_.W(l).rows() || d.cols() != network_.W(l).cols())
      return Error{"the gradient for W" + std::to_string(l) + " is " + std::to_string(d.rows()) +
                   "x" + std::to_string(d.cols()) + ", but W" + std::to_string(l) + " is " +
                   std::to_string(network_.W(l).rows()) + "x" +
                   std::to_string(network_.W(l).cols())};
  }
  if (diverged()) return Error{divergence_};
  // The phases the walkthrough has not run yet of this iteration, but the update; or all.
  const int update = phase_count() - 1;
  if (phases_done_ == 0)
    forward_and_backward();
  else
    for (; phases_done_ < update; ++phases_done_) run_phase(phase(phases_done_));
  for (int l = 1; l <= L; ++l) {
    const auto i = static_cast<std::size_t>(l);
    network_.W(l) -= options_.learning_rate * dW[i - 1];
    if (network_.has_biases()) network_.b(l) -= options_.learning_rate * trace_.db[i];
  }
  finish_iteration();
  return {};
}

long Trainer::train(long n) {
  long done = 0;
  while (done < n && step()) ++done;
  return done;
}

Status Trainer::set_learning_rate(double learning_rate) {
  TrainerOptions next = options_;
  next.learning_rate = learning_rate;
  if (Status s = validate(next); !s) return s;
  options_ = next;
  return {};
}

Status Trainer::set_regularization(Regularization regularization, double rate) {
  TrainerOptions next = options_;
  next.regularization = regularization;
  next.regularization_rate = rate;
  if (Status s = validate(next); !s) return s;
  options_ = next;
  phases_done_ = 0;
  return {};
}

Status Trainer::set_options(TrainerOptions options) {
  Result<Trainer> checked = create(network_, data_, options);
  if (!checked) return Error{checked.error()};
  checked->initial_ = initial_;
  checked->iteration_ = iteration_;
  checked->divergence_ = divergence_;
  *this = std::move(checked.value());
  return {};
}

void Trainer::restart() {
  network_ = initial_;
  iteration_ = 0;
  divergence_.clear();
  shuffle_rng_.reseed(options_.shuffle_seed);
  allocate();
}

Status Trainer::set_network(Network network) {
  Result<Trainer> checked = create(network, data_, options_);
  if (!checked) return Error{checked.error()};
  *this = std::move(checked.value());
  return {};
}

Status Trainer::set_data(Dataset data) {
  Result<Trainer> checked = create(network_, std::move(data), options_);
  if (!checked) return Error{checked.error()};
  checked->initial_ = initial_;
  checked->iteration_ = iteration_;
  checked->divergence_ = divergence_;
  *this = std::move(checked.value());
  return {};
}

Status Trainer::set_weight(int l, int row, int col, double value) {
  if (Status s = network_.check({l, row, col}); !s) return s;
  Matrix& w = network_.W(l);
  if (!std::isfinite(value)) return Error{"a weight must be a finite number"};
  w(row, col) = value;
  phases_done_ = 0;
  if (network_.all_finite()) divergence_.clear();
  return {};
}

Status Trainer::set_bias(int l, int j, double value) {
  if (!network_.has_biases()) return Error{"this network has no biases"};
  if (l < 1 || l > network_.layers())
    return Error{"b" + std::to_string(l) + " does not exist: the network has b1 to b" +
                 std::to_string(network_.layers())};
  RowVector& b = network_.b(l);
  if (j < 0 || j >= b.size())
    return Error{"b" + std::to_string(l) + " has no entry " + std::to_string(j + 1) + "; it has " +
                 std::to_string(b.size()) + " values"};
  if (!std::isfinite(value)) return Error{"a bias must be a finite number"};
  b(j) = value;
  phases_done_ = 0;
  if (network_.all_finite()) divergence_.clear();
  return {};
}

Matrix Trainer::outputs() const {
  return network_.predict(data_.X).value();
}

double Trainer::full_loss() const {
  return loss_forward(options_.loss, outputs(), data_.Y);
}

}  // namespace bp
