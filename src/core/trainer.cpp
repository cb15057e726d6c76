// The training step: forward, backward (the delta recursion) and the update.
#include "trainer.hpp"

#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

namespace bp {

Status validate(const TrainerOptions& options) {
  const double lr = options.learning_rate;
  if (!std::isfinite(lr)) return Error{"learning rate must be a finite number"};
  if (lr <= 0.0) return Error{"learning rate must be greater than 0"};
  if (lr > kMaxLearningRate) return Error{"learning rate must be at most 1e6"};
  if (options.batch_size < 0) return Error{"batch size must be 0 (full batch) or more"};
  if (name(options.loss) == "unknown") return Error{"loss is not a known loss function"};
  return {};
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
  const int L = network_.layers();
  const Eigen::Index n = data_.size();
  const Eigen::Index m =
      options_.batch_size == 0 ? n : std::min<Eigen::Index>(options_.batch_size, n);
  const auto layers = static_cast<std::size_t>(L + 1);
  trace_.a.assign(layers, Matrix());
  trace_.z.assign(layers, Matrix());
  trace_.da_dz.assign(layers, Matrix());
  trace_.delta.assign(layers, Matrix());
  trace_.dW.assign(layers, Matrix());
  trace_.db.assign(layers, RowVector());
  delta_w_.assign(layers, Matrix());
  trace_.a[0].resize(m, network_.inputs());
  for (int l = 1; l <= L; ++l) {
    const auto i = static_cast<std::size_t>(l);
    trace_.a[i].resize(m, network_.size(l));
    trace_.z[i].resize(m, network_.size(l));
    trace_.da_dz[i].resize(m, network_.size(l));
    trace_.delta[i].resize(m, network_.size(l));
    delta_w_[i].resize(m, network_.size(l));
    trace_.dW[i].resize(network_.size(l - 1), network_.size(l));
    trace_.db[i].resize(network_.has_biases() ? network_.size(l) : 0);
  }
  trace_.y.resize(m, network_.outputs());
  trace_.loss = 0.0;
  order_.resize(static_cast<std::size_t>(n));
  std::iota(order_.begin(), order_.end(), Eigen::Index{0});
  cursor_ = n;   // shuffle before the first mini-batch
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

// z_l = a_{l-1} W_l (+ b_l), a_l = f(z_l)      [m x n_{l-1}][n_{l-1} x n_l] = [m x n_l]
void Trainer::forward() {
  StepTrace& t = trace_;
  for (int l = 1; l <= network_.layers(); ++l) {
    const auto i = static_cast<std::size_t>(l);
    t.z[i].noalias() = t.a[i - 1] * network_.W(l);
    if (network_.has_biases()) t.z[i].rowwise() += network_.b(l);
    activation_forward(network_.activation(l), t.z[i], t.a[i]);
  }
  t.loss = loss_forward(options_.loss, t.a.back(), t.y);
}

// delta_L = dC/da_L * f'(z_L)                    (the chapter's k2)
// delta_l = (delta_{l+1} W_{l+1}^T) * f'(z_l)    (the chapter's t1)   [m x n_{l+1}][n_{l+1} x n_l]
// dC/dW_l = a_{l-1}^T delta_l                    (equations (A), (B)) [n_{l-1} x m][m x n_l]
void Trainer::backward() {
  StepTrace& t = trace_;
  const int L = network_.layers();
  for (int l = L; l >= 1; --l) {
    const auto i = static_cast<std::size_t>(l);
    activation_backward(network_.activation(l), t.z[i], t.a[i], t.da_dz[i]);
    if (l == L) {
      loss_backward(options_.loss, network_.activation(l), t.a[i], t.y, t.da_dz[i], t.delta[i]);
    } else {
      delta_w_[i].noalias() = t.delta[i + 1] * network_.W(l + 1).transpose();
      t.delta[i].array() = delta_w_[i].array() * t.da_dz[i].array();
    }
    t.dW[i].noalias() = t.a[i - 1].transpose() * t.delta[i];
    if (network_.has_biases()) t.db[i].noalias() = t.delta[i].colwise().sum();
  }
}

// W_l <- W_l - learning_rate * dC/dW_l
void Trainer::update() {
  const double lr = options_.learning_rate;
  for (int l = 1; l <= network_.layers(); ++l) {
    const auto i = static_cast<std::size_t>(l);
    network_.W(l) -= lr * trace_.dW[i];
    if (network_.has_biases()) network_.b(l) -= lr * trace_.db[i];
  }
}

bool Trainer::step() {
  if (diverged()) return false;
  load_batch();
  forward();
  backward();
  update();
  ++iteration_;
  if (!std::isfinite(trace_.loss) || !network_.all_finite()) {
    std::ostringstream msg;
    msg << "training diverged at iteration " << iteration_ << ": the "
        << (std::isfinite(trace_.loss) ? "weights" : "loss")
        << " became NaN or infinite. The learning rate (" << options_.learning_rate
        << ") is probably too large; lower it and restart.";
    divergence_ = msg.str();
    return false;
  }
  return true;
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

Status Trainer::set_weight(int l, int row, int col, double value) {
  if (l < 1 || l > network_.layers())
    return Error{"W" + std::to_string(l) + " does not exist: the network has W1 to W" +
                 std::to_string(network_.layers())};
  Matrix& w = network_.W(l);
  if (row < 0 || row >= w.rows() || col < 0 || col >= w.cols())
    return Error{"W" + std::to_string(l) + " has no entry (" + std::to_string(row + 1) + ", " +
                 std::to_string(col + 1) + "); it is " + std::to_string(w.rows()) + "x" +
                 std::to_string(w.cols())};
  if (!std::isfinite(value)) return Error{"a weight must be a finite number"};
  w(row, col) = value;
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
