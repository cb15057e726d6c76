// L1 and L2 regularization: the penalized gradients against finite differences of
// (reference loss + a penalty summed by loops), the update against the plain-loop reference,
// the walkthrough phases against step(), and changing the rate without a reset.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "common.hpp"
#include "core/dataset.hpp"
#include "core/trainer.hpp"
#include "reference.hpp"

using bp::Activation;
using bp::Regularization;

using bp_test::contains;

namespace {

// |a - n| / max(|a|, |n|, 1e-5): relative where the gradient is not tiny. The floor is 10
// times test_gradients.cpp's because the penalty's gradient can cancel the data gradient,
// leaving totals near 1e-6 where the differences' rounding (about 1e-12) is all that is left.
double penalized_rel_error(double analytic, double numeric) {
  return ref::relative_error(analytic, numeric, 1e-5);
}

// The penalty of one weight alone, from its definition: the penalty is a sum over weights,
// so its derivative in w is the derivative of w's own term. Differencing that term (rather
// than the whole sum) keeps the rounding of the other terms out of the difference.
double own_penalty(double w, Regularization r, double rate) {
  if (r == Regularization::L1) return rate * std::abs(w);
  if (r == Regularization::L2) return 0.5 * rate * w * w;
  return 0.0;
}

// Five-point central difference (error O(h^4)) of data loss + penalty in one parameter;
// the data loss comes from the plain-loop reference. is_weight says whether the parameter
// is a weight (penalized) or a bias (not).
template <class Param>
double central_difference(ref::Net net, Param param, const ref::Mat& x, const ref::Mat& y,
                          bp::Loss loss, bool is_weight, Regularization r, double rate) {
  const double h = 1e-3;
  double& p = param(net);
  const double keep = p;
  auto diff = [&](auto f) {
    return (f(keep - 2 * h) - 8 * f(keep - h) + 8 * f(keep + h) - f(keep + 2 * h)) / (12 * h);
  };
  const double data = diff([&](double v) {
    p = v;
    return ref::loss(net, x, y, loss);
  });
  const double pen = is_weight ? diff([&](double v) { return own_penalty(v, r, rate); }) : 0.0;
  return data + pen;
}

// A random network and data set away from the kinks: relu pre-activations at least 0.05
// from 0 and (for L1) every weight at least 0.01 from 0, so that a difference of +-2h does
// not cross |w|'s kink. Then every dW and db of one step is compared with the differences.
ref::Agreement check_network(const bp::NetworkSpec& spec, bp::Loss loss, Regularization r,
                             double rate, std::uint64_t seed) {
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
    bool near_kink = false;
    for (int l = 1; l <= net.layers(); ++l)
      if (r == Regularization::L1 && net.W(l).cwiseAbs().minCoeff() < 0.01) near_kink = true;
    if (near_kink) continue;
    bp::TrainerOptions o;
    o.loss = loss;
    o.learning_rate = 1e-3;
    o.regularization = r;
    o.regularization_rate = rate;
    bp::Trainer t = bp::Trainer::create(net, d, o).value();
    REQUIRE(t.step());
    for (int l = 1; l <= net.layers(); ++l)
      if (net.activation(l) == Activation::Relu &&
          t.trace().z[static_cast<std::size_t>(l)].cwiseAbs().minCoeff() < 0.05)
        near_kink = true;
    if (near_kink) continue;

    const ref::Net rn = ref::from_core(net);
    const ref::Mat x = ref::to_mat(d.X), y = ref::to_mat(d.Y);
    const bp::StepTrace& tr = t.trace();
    // The reported penalty is the loop-summed one; the loss stays the data term alone.
    CHECK(tr.penalty == doctest::Approx(ref::penalty(rn, r, rate)).epsilon(1e-12));
    CHECK(tr.loss == doctest::Approx(ref::loss(rn, x, y, loss)).epsilon(1e-12));
    ref::Agreement c;
    for (int l = 1; l <= net.layers(); ++l) {
      const auto li = static_cast<std::size_t>(l - 1);
      for (std::size_t k = 0; k < rn.W[li].size(); ++k)
        for (std::size_t j = 0; j < rn.W[li][k].size(); ++j) {
          const double numeric = central_difference(
              rn, [&](ref::Net& n) -> double& { return n.W[li][k][j]; }, x, y, loss, true, r, rate);
          const double analytic = tr.dW[static_cast<std::size_t>(l)](static_cast<Eigen::Index>(k),
                                                                     static_cast<Eigen::Index>(j));
          c.worst = std::max(c.worst, penalized_rel_error(analytic, numeric));
          ++c.count;
        }
      for (std::size_t j = 0; j < rn.b[li].size(); ++j) {
        const double numeric = central_difference(
            rn, [&](ref::Net& n) -> double& { return n.b[li][j]; }, x, y, loss, false, r, rate);
        const double analytic = tr.db[static_cast<std::size_t>(l)](static_cast<Eigen::Index>(j));
        c.worst = std::max(c.worst, penalized_rel_error(analytic, numeric));
        ++c.count;
      }
    }
    return c;
  }
}

bp::Network random_net(const bp::NetworkSpec& spec, std::uint64_t seed) {
  bp::Rng rng(seed);
  bp::Network net = bp::Network::random(spec, rng, bp::Init::Scaled).value();
  for (int l = 1; l <= net.layers(); ++l)
    for (Eigen::Index j = 0; j < net.b(l).size(); ++j) net.b(l)(j) = rng.uniform(-0.5, 0.5);
  return net;
}

bp::Dataset random_points(std::uint64_t seed, Eigen::Index n) {
  bp::Rng rng(seed);
  bp::Dataset d;
  d.X.resize(n, 2);
  d.Y.resize(n, 1);
  for (Eigen::Index i = 0; i < n; ++i) {
    d.X(i, 0) = rng.uniform(-3, 3);
    d.X(i, 1) = rng.uniform(-3, 3);
    d.Y(i, 0) = d.X(i, 0) * d.X(i, 1) > 0 ? 1.0 : 0.0;
  }
  return d;
}

bp::NetworkSpec spec_2881() {
  bp::NetworkSpec s;
  s.sizes = {2, 8, 8, 1};
  s.activations = {Activation::Tanh, Activation::Tanh, Activation::Sigmoid};
  s.biases = true;
  return s;
}

}  // namespace

TEST_CASE("regularized backpropagation matches finite differences (max relative error < 1e-6)") {
  const std::vector<std::vector<int>> shapes = {{3, 4, 1}, {2, 1}, {4, 6, 3}, {2, 5, 4, 2}};
  std::uint64_t seed = 500;
  double worst = 0.0;
  int checked = 0;
  for (Regularization r : {Regularization::L1, Regularization::L2})
    for (double rate : {0.03, 0.7})
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
                const ref::Agreement c = check_network(spec, loss, r, rate, ++seed);
                INFO(bp::name(r) << " rate " << rate << ", " << sizes.size() << " layers, hidden "
                                 << bp::name(hidden) << ", output " << bp::name(output)
                                 << ", biases " << biases << ", loss " << bp::name(loss));
                CHECK(c.worst < 1e-6);
                worst = std::max(worst, c.worst);
                checked += c.count;
              }
  MESSAGE("checked " << checked << " regularized parameters, worst relative error " << worst);
}

TEST_CASE("a regularized step is the reference step with rate*sign(W) or rate*W added to dW") {
  for (Regularization r : {Regularization::L1, Regularization::L2}) {
    const bp::Network net = random_net(spec_2881(), 11);
    const bp::Dataset d = random_points(12, 40);
    bp::TrainerOptions o;
    o.learning_rate = 0.05;
    o.loss = bp::Loss::CrossEntropy;
    o.regularization = r;
    o.regularization_rate = 0.3;
    bp::Trainer t = bp::Trainer::create(net, d, o).value();
    ref::Net rn = ref::from_core(net);
    const ref::Mat x = ref::to_mat(d.X), y = ref::to_mat(d.Y);
    for (int s = 0; s < 5; ++s) {
      const ref::Grads g = ref::backprop(rn, x, y, o.loss);
      const double pen = ref::penalty(rn, r, o.regularization_rate);
      // The reference update, written out: w -= lr (dC/dw + dPenalty/dw); biases without.
      for (std::size_t l = 0; l < rn.W.size(); ++l) {
        for (std::size_t k = 0; k < rn.W[l].size(); ++k)
          for (std::size_t j = 0; j < rn.W[l][k].size(); ++j) {
            const double w = rn.W[l][k][j];
            const double dp = r == Regularization::L1 ? (w > 0 ? 1.0 : (w < 0 ? -1.0 : 0.0)) : w;
            rn.W[l][k][j] -= o.learning_rate * (g.dW[l][k][j] + o.regularization_rate * dp);
          }
        for (std::size_t j = 0; j < rn.b[l].size(); ++j) rn.b[l][j] -= o.learning_rate * g.db[l][j];
      }
      REQUIRE(t.step());
      INFO(bp::name(r) << " step " << s + 1);
      CHECK(t.loss() == doctest::Approx(g.loss).epsilon(1e-12));
      CHECK(t.penalty() == doctest::Approx(pen).epsilon(1e-12));
      for (int l = 1; l <= 3; ++l) {
        const auto li = static_cast<std::size_t>(l - 1);
        CHECK(ref::max_abs_diff(rn.W[li], t.network().W(l)) < 1e-12);
        double db = 0.0;
        for (std::size_t j = 0; j < rn.b[li].size(); ++j)
          db = std::max(db, std::abs(rn.b[li][j] - t.network().b(l)(static_cast<Eigen::Index>(j))));
        CHECK(db < 1e-12);
      }
    }
  }
}

TEST_CASE("hand-computed L1 and L2 penalties of one matrix") {
  bp::Matrix w(2, 2);
  w << 1.0, -2.0, 0.0, 0.5;
  // L1: 0.1 * (1 + 2 + 0 + 0.5) = 0.35; L2: 0.1 / 2 * (1 + 4 + 0 + 0.25) = 0.2625.
  CHECK(bp::regularization_penalty(Regularization::L1, 0.1, w) == doctest::Approx(0.35));
  CHECK(bp::regularization_penalty(Regularization::L2, 0.1, w) == doctest::Approx(0.2625));
  CHECK(bp::regularization_penalty(Regularization::None, 0.1, w) == 0.0);
  bp::Matrix dw = bp::Matrix::Zero(2, 2);
  bp::add_regularization_gradient(Regularization::L1, 0.1, w, dw);
  bp::Matrix l1(2, 2);
  l1 << 0.1, -0.1, 0.0, 0.1;  // sign(0) = 0
  CHECK((dw - l1).cwiseAbs().maxCoeff() < 1e-15);
  dw.setZero();
  bp::add_regularization_gradient(Regularization::L2, 0.1, w, dw);
  CHECK((dw - 0.1 * w).cwiseAbs().maxCoeff() < 1e-15);
  for (Regularization r : bp::kAllRegularizations)
    CHECK(bp::parse_regularization(bp::name(r)) == r);
  CHECK_FALSE(bp::parse_regularization("L3").has_value());
}

TEST_CASE("the walkthrough phases reproduce a regularized step() exactly") {
  for (Regularization r : {Regularization::L1, Regularization::L2}) {
    for (bool chapter : {true, false}) {
      bp::TrainerOptions o;
      o.regularization = r;
      o.regularization_rate = 0.01;
      bp::Rng rng(3);
      const bp::Network net = chapter ? bp::Network::random(bp::NetworkSpec{}, rng).value()
                                      : random_net(spec_2881(), 4);
      const bp::Dataset d = chapter ? bp::seed_dataset() : random_points(5, 30);
      if (!chapter) o.learning_rate = 0.1;
      bp::Trainer a = bp::Trainer::create(net, d, o).value();
      bp::Trainer b = bp::Trainer::create(net, d, o).value();
      for (int s = 0; s < 10; ++s) {
        REQUIRE(a.step());
        for (int k = 0; k < b.phase_count(); ++k) b.advance_phase();
      }
      INFO(bp::name(r) << (chapter ? " chapter" : " 2-8-8-1"));
      CHECK(a.iteration() == b.iteration());
      CHECK(a.penalty() == b.penalty());  // bitwise
      CHECK(a.loss() == b.loss());
      for (int l = 1; l <= a.network().layers(); ++l) {
        CHECK(a.network().W(l) == b.network().W(l));
        CHECK(a.trace().dW[static_cast<std::size_t>(l)] ==
              b.trace().dW[static_cast<std::size_t>(l)]);
      }
    }
  }
}

TEST_CASE("compute_gradients with a regularization gives the trainer's penalized gradients") {
  const bp::Network net = random_net(spec_2881(), 21);
  const bp::Dataset d = random_points(22, 25);
  bp::TrainerOptions o;
  o.learning_rate = 0.1;
  o.regularization = Regularization::L2;
  o.regularization_rate = 0.2;
  bp::Trainer t = bp::Trainer::create(net, d, o).value();
  REQUIRE(t.step());
  const bp::StepTrace g =
      bp::compute_gradients(net, o.loss, d.X, d.Y, Regularization::L2, o.regularization_rate);
  CHECK(g.penalty == t.trace().penalty);
  for (int l = 1; l <= 3; ++l)
    CHECK(g.dW[static_cast<std::size_t>(l)] == t.trace().dW[static_cast<std::size_t>(l)]);
  // Without a regularization the default arguments give the plain gradients and no penalty.
  const bp::StepTrace plain = bp::compute_gradients(net, o.loss, d.X, d.Y);
  CHECK(plain.penalty == 0.0);
  CHECK((g.dW[2] - plain.dW[2] - 0.2 * net.W(2)).cwiseAbs().maxCoeff() < 1e-14);
  CHECK(g.db[2] == plain.db[2]);  // biases are not penalized
}

TEST_CASE("regularization off (None, or a zero rate) changes nothing, bit for bit") {
  bp::Rng rng(9);
  const bp::Network net = bp::Network::random(bp::NetworkSpec{}, rng).value();
  bp::Trainer plain = bp::Trainer::create(net, bp::seed_dataset()).value();
  bp::TrainerOptions zero;
  zero.regularization = Regularization::L2;
  zero.regularization_rate = 0.0;
  bp::Trainer z = bp::Trainer::create(net, bp::seed_dataset(), zero).value();
  plain.train(200);
  z.train(200);
  CHECK(plain.network().W(1) == z.network().W(1));
  CHECK(plain.network().W(2) == z.network().W(2));
  CHECK(plain.penalty() == 0.0);
  CHECK(z.penalty() == 0.0);
}

TEST_CASE("set_regularization changes the penalty without a reset, and bad rates are refused") {
  bp::TrainerOptions o;
  o.learning_rate = 0.1;
  bp::Trainer t =
      bp::Trainer::create(random_net(spec_2881(), 31), random_points(32, 50), o).value();
  t.train(50);
  const bp::Network before = t.network();
  REQUIRE(t.set_regularization(Regularization::L2, 0.5).ok());
  CHECK(t.iteration() == 50);
  CHECK(t.network().W(1) == before.W(1));
  CHECK(t.options().regularization == Regularization::L2);
  CHECK(t.options().regularization_rate == 0.5);
  REQUIRE(t.step());
  CHECK(t.penalty() ==
        doctest::Approx(ref::penalty(ref::from_core(before), Regularization::L2, 0.5))
            .epsilon(1e-12));
  // Strong L2 shrinks the weights compared with the same training without it.
  bp::Trainer u = bp::Trainer::create(before, random_points(32, 50), o).value();
  t.train(300);
  u.train(301);
  double nt = 0.0, nu = 0.0;
  for (int l = 1; l <= 3; ++l) {
    nt += t.network().W(l).squaredNorm();
    nu += u.network().W(l).squaredNorm();
  }
  CHECK(nt < 0.5 * nu);
  // L1 shrinks the sum of |w| compared with the same training without it.
  REQUIRE(t.set_regularization(Regularization::L1, 0.5).ok());
  t.train(300);
  u.train(300);
  double at = 0.0, au = 0.0;
  for (int l = 1; l <= 3; ++l) {
    at += t.network().W(l).cwiseAbs().sum();
    au += u.network().W(l).cwiseAbs().sum();
  }
  CHECK(at < 0.5 * au);

  for (double bad : {-0.1, 10.5, std::numeric_limits<double>::quiet_NaN(),
                     std::numeric_limits<double>::infinity()}) {
    INFO("rate " << bad);
    const bp::Status s = t.set_regularization(Regularization::L2, bad);
    REQUIRE_FALSE(s.ok());
    CHECK(contains(s.error(), "regularization rate"));
  }
  CHECK(t.options().regularization == Regularization::L1);  // unchanged by refusals
  bp::TrainerOptions bad;
  bad.regularization_rate = -1;
  CHECK(contains(bp::Trainer::create(before, random_points(1, 5), bad).error(),
                 "regularization rate must be 0 or more"));
  bad.regularization_rate = 1;
  bad.regularization = static_cast<Regularization>(7);
  CHECK(contains(bp::validate(bad).error(), "regularization is not"));
}
