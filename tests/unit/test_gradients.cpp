// Finite-difference gradient checks: the core's dC/dW and dC/db against central
// differences of a loss computed by the plain-loop reference, on random networks of
// several shapes with every activation, with and without biases, for both losses.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/trainer.hpp"
#include "reference.hpp"

using bp::Activation;

namespace {

// The floor of ref::relative_error: below 1e-6 a gradient is compared in absolute terms.
double rel_error(double analytic, double numeric) {
  return ref::relative_error(analytic, numeric, 1e-6);
}

// Five-point central difference of the reference loss in one parameter: its error is
// O(h^4), so h = 1e-3 keeps both truncation and rounding near 1e-12 in absolute terms,
// which matters for the tiny gradients of the first layers of deep sigmoid networks.
template <class Param>
double central_difference(ref::Net net, Param param, const ref::Mat& x, const ref::Mat& y,
                          bp::Loss loss) {
  const double h = 1e-3;
  double& p = param(net);
  const double keep = p;
  auto at = [&](double offset) {
    p = keep + offset;
    return ref::loss(net, x, y, loss);
  };
  return (at(-2 * h) - 8 * at(-h) + 8 * at(h) - at(2 * h)) / (12 * h);
}

// Relative errors of every dC/dW and dC/db in trace against finite differences.
ref::Agreement check_gradients(const bp::Network& net, const bp::Dataset& d, bp::Loss loss,
                               const bp::StepTrace& trace) {
  const ref::Net r = ref::from_core(net);
  const ref::Mat x = ref::to_mat(d.X), y = ref::to_mat(d.Y);
  ref::Agreement c;
  for (int l = 1; l <= net.layers(); ++l) {
    const auto li = static_cast<std::size_t>(l - 1);
    for (std::size_t k = 0; k < r.W[li].size(); ++k)
      for (std::size_t j = 0; j < r.W[li][k].size(); ++j) {
        const double numeric = central_difference(
            r, [&](ref::Net& n) -> double& { return n.W[li][k][j]; }, x, y, loss);
        const double analytic = trace.dW[static_cast<std::size_t>(l)](static_cast<Eigen::Index>(k),
                                                                      static_cast<Eigen::Index>(j));
        c.worst = std::max(c.worst, rel_error(analytic, numeric));
        ++c.count;
      }
    for (std::size_t j = 0; j < r.b[li].size(); ++j) {
      const double numeric = central_difference(
          r, [&](ref::Net& n) -> double& { return n.b[li][j]; }, x, y, loss);
      const double analytic = trace.db[static_cast<std::size_t>(l)](static_cast<Eigen::Index>(j));
      c.worst = std::max(c.worst, rel_error(analytic, numeric));
      ++c.count;
    }
  }
  return c;
}

// A random network and data set whose relu pre-activations all stay at least 0.05 away
// from the kink at 0: a finite difference across the kink measures neither side's slope,
// so gradient checks are made away from it (as any careful gradient check does).
ref::Agreement check_network(const bp::NetworkSpec& spec, bp::Loss loss, std::uint64_t seed) {
  bp::Rng rng(seed);
  for (int attempt = 0;; ++attempt) {
    REQUIRE(attempt < 1000);
    bp::Network net = bp::Network::random(spec, rng, bp::Init::Scaled).value();
    for (int l = 1; l <= net.layers(); ++l)
      for (Eigen::Index j = 0; j < net.b(l).size(); ++j) net.b(l)(j) = rng.uniform(-0.5, 0.5);
    bp::Dataset d;
    d.X.resize(5, spec.sizes.front());
    d.Y.resize(5, spec.sizes.back());
    for (Eigen::Index i = 0; i < d.X.size(); ++i) d.X(i) = rng.uniform(-2, 2);
    for (Eigen::Index i = 0; i < d.Y.size(); ++i) d.Y(i) = rng.uniform(0.05, 0.95);
    bp::TrainerOptions o;
    o.loss = loss;
    o.learning_rate = 1e-3;
    bp::Trainer t = bp::Trainer::create(net, d, o).value();
    REQUIRE(t.step());
    bool near_kink = false;
    for (int l = 1; l <= net.layers(); ++l)
      if (net.activation(l) == Activation::Relu &&
          t.trace().z[static_cast<std::size_t>(l)].cwiseAbs().minCoeff() < 0.05)
        near_kink = true;
    if (!near_kink) return check_gradients(net, d, loss, t.trace());
  }
}

}  // namespace

TEST_CASE("backpropagation matches finite differences (max relative error < 1e-6)") {
  const std::vector<std::vector<int>> shapes = {
      {3, 4, 1}, {2, 1}, {4, 6, 3}, {2, 5, 4, 2}, {3, 3, 3, 3, 1}};
  std::uint64_t seed = 100;
  double worst = 0.0;
  int checked = 0;
  for (const auto& sizes : shapes)
    for (Activation hidden : bp::kAllActivations)
      for (Activation output : bp::kAllActivations)
        for (bool biases : {false, true})
          for (bp::Loss loss : {bp::Loss::SquaredError, bp::Loss::CrossEntropy}) {
            if (loss == bp::Loss::CrossEntropy && output != Activation::Sigmoid) continue;
            bp::NetworkSpec spec;
            spec.sizes = sizes;
            spec.activations.assign(sizes.size() - 1, hidden);
            spec.activations.back() = output;
            spec.biases = biases;
            const ref::Agreement c = check_network(spec, loss, ++seed);
            INFO("shape " << sizes.size() << " layers, hidden " << bp::name(hidden) << ", output "
                          << bp::name(output) << ", biases " << biases << ", loss "
                          << bp::name(loss));
            CHECK(c.worst < 1e-6);
            worst = std::max(worst, c.worst);
            checked += c.count;
          }
  MESSAGE("checked " << checked << " parameters, worst relative error " << worst);
}
