// Network construction, validation, initialization and a plain forward pass.
#include "network.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "backprop.hpp"

namespace bp {

Status validate(const NetworkSpec& spec) {
  const std::size_t n = spec.sizes.size();
  if (n < 2)
    return Error{"network needs at least 2 layer sizes (inputs and outputs), got " +
                 std::to_string(n)};
  if (n - 1 > static_cast<std::size_t>(kMaxLayers))
    return Error{"network has " + std::to_string(n - 1) + " weight layers, at most " +
                 std::to_string(kMaxLayers) + " are allowed"};
  for (std::size_t i = 0; i < n; ++i) {
    const int s = spec.sizes[i];
    if (s < 1 || s > kMaxLayerSize)
      return Error{"layer " + std::to_string(i) + " has size " + std::to_string(s) +
                   ", expected 1 to " + std::to_string(kMaxLayerSize)};
  }
  if (spec.activations.size() != n - 1)
    return Error{"network with " + std::to_string(n) + " layer sizes needs " +
                 std::to_string(n - 1) + " activations, got " +
                 std::to_string(spec.activations.size())};
  for (std::size_t i = 0; i < spec.activations.size(); ++i)
    if (name(spec.activations[i]) == "unknown")
      return Error{"activation of layer " + std::to_string(i + 1) + " is not a known activation"};
  return {};
}

Network::Network(NetworkSpec spec) : spec_(std::move(spec)) {
  const int layers = static_cast<int>(spec_.sizes.size()) - 1;
  weights_.reserve(static_cast<std::size_t>(layers));
  biases_.reserve(static_cast<std::size_t>(layers));
  for (int l = 1; l <= layers; ++l) {
    weights_.push_back(Matrix::Zero(size(l - 1), size(l)));
    biases_.push_back(RowVector::Zero(spec_.biases ? size(l) : 0));
  }
}

Result<Network> Network::create(const NetworkSpec& spec) {
  if (Status s = validate(spec); !s) return Error{s.error()};
  return Network(spec);
}

Result<Network> Network::random(const NetworkSpec& spec, Rng& rng, Init init) {
  Result<Network> net = create(spec);
  if (net) net->randomize(rng, init);
  return net;
}

void Network::randomize(Rng& rng, Init init) {
  for (int l = 1; l <= layers(); ++l) {
    Matrix& w = W(l);
    const double r = init == Init::Scaled ? std::sqrt(6.0 / (size(l - 1) + size(l))) : 0.0;
    // Row by row, like numpy's random.random((rows, cols)), so a printed matrix reads
    // in the order the numbers were drawn.
    for (Eigen::Index i = 0; i < w.rows(); ++i)
      for (Eigen::Index j = 0; j < w.cols(); ++j)
        w(i, j) = init == Init::Scaled ? rng.uniform(-r, r) : rng.uniform();
    b(l).setZero();
  }
}

Status Network::set_weight(int l, const Matrix& w) {
  if (l < 1 || l > layers())
    return Error{"W" + std::to_string(l) + " does not exist: the network has W1 to W" +
                 std::to_string(layers())};
  if (w.rows() != W(l).rows() || w.cols() != W(l).cols())
    return Error{"W" + std::to_string(l) + " must be " + std::to_string(W(l).rows()) + "x" +
                 std::to_string(W(l).cols()) + ", got " + std::to_string(w.rows()) + "x" +
                 std::to_string(w.cols())};
  if (!w.allFinite()) return Error{"W" + std::to_string(l) + " contains a NaN or infinite value"};
  W(l) = w;
  return {};
}

Status Network::set_bias(int l, const RowVector& bias) {
  if (!has_biases()) return Error{"this network has no biases"};
  if (l < 1 || l > layers())
    return Error{"b" + std::to_string(l) + " does not exist: the network has b1 to b" +
                 std::to_string(layers())};
  if (bias.size() != b(l).size())
    return Error{"b" + std::to_string(l) + " must have " + std::to_string(b(l).size()) +
                 " values, got " + std::to_string(bias.size())};
  if (!bias.allFinite())
    return Error{"b" + std::to_string(l) + " contains a NaN or infinite value"};
  b(l) = bias;
  return {};
}

Status Network::check(WeightRef w) const {
  if (w.layer < 1 || w.layer > layers())
    return Error{"W" + std::to_string(w.layer) + " does not exist: the network has W1 to W" +
                 std::to_string(layers())};
  const Matrix& m = W(w.layer);
  if (w.row < 0 || w.row >= m.rows() || w.col < 0 || w.col >= m.cols())
    return Error{"W" + std::to_string(w.layer) + " has no entry [" + std::to_string(w.row) + "][" +
                 std::to_string(w.col) + "]; it is " + std::to_string(m.rows()) + "x" +
                 std::to_string(m.cols()) + " (rows and columns count from 0)"};
  return {};
}

namespace {

// Whether n values are all finite, in one branch-free pass: x * 0 is 0 for a finite x and
// NaN for an infinite or NaN one, and a NaN term makes the sum NaN. Eigen's sum keeps several
// partial sums in vector registers (a plain loop adds one term after another, a chain of n
// additions). The trainer asks this after every step; Eigen's allFinite() (x - x == x - x,
// then an early-exit loop) cost the chapter's step about 200 instructions of its 1300.
bool finite_values(const double* p, Eigen::Index n) {
  return (Eigen::Map<const Eigen::ArrayXd>(p, n) * 0.0).sum() == 0.0;
}

}  // namespace

bool Network::all_finite() const {
  for (int l = 1; l <= layers(); ++l)
    if (!finite_values(W(l).data(), W(l).size()) || !finite_values(b(l).data(), b(l).size()))
      return false;
  return true;
}

Result<Matrix> Network::predict(const Matrix& x) const {
  if (x.cols() != inputs())
    return Error{"input has " + std::to_string(x.cols()) + " columns, the network expects " +
                 std::to_string(inputs())};
  if (!x.allFinite()) return Error{"input contains a NaN or infinite value"};
  StepTrace t;
  allocate_trace(*this, x.rows(), t);
  t.a[0] = x;
  for (int l = 1; l <= layers(); ++l) forward_layer(*this, l, t);
  return std::move(t.a.back());
}

}  // namespace bp
