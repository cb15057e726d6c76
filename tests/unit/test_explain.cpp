// The equations panel's numbers: one weight's gradient split into one term per example,
// checked against the plain-loop reference (each example's term is the gradient of that
// example alone) and against the trainer's own update.
#include <doctest/doctest.h>

#include <cmath>

#include "core/explain.hpp"
#include "core/trainer.hpp"
#include "reference.hpp"

namespace {

// Tolerance for sums of a few products of numbers of order 1.
constexpr double kTol = 1e-12;

ref::Mat row_of(const bp::Matrix& m, Eigen::Index r) {
  return ref::to_mat(m.row(r));
}

// For every weight of net, the terms against the reference's gradient of each example alone.
void check_all_terms(const bp::Network& net, const bp::Dataset& data, bp::Loss loss) {
  const bp::StepTrace t = bp::compute_gradients(net, loss, data.X, data.Y);
  const ref::Net rnet = ref::from_core(net);
  const ref::Grads whole = ref::backprop(rnet, ref::to_mat(data.X), ref::to_mat(data.Y), loss);
  std::vector<ref::Grads> single;
  for (Eigen::Index n = 0; n < data.size(); ++n)
    single.push_back(ref::backprop(rnet, row_of(data.X, n), row_of(data.Y, n), loss));
  bp::GradientTerms g;
  for (int l = 1; l <= net.layers(); ++l)
    for (int i = 0; i < net.W(l).rows(); ++i)
      for (int j = 0; j < net.W(l).cols(); ++j) {
        CAPTURE(l);
        CAPTURE(i);
        CAPTURE(j);
        REQUIRE(bp::gradient_terms(net, t, {l, i, j}, 0.5, g));
        REQUIRE(g.terms.size() == static_cast<std::size_t>(data.size()));
        const auto L = static_cast<std::size_t>(l - 1);
        const auto I = static_cast<std::size_t>(i), J = static_cast<std::size_t>(j);
        for (std::size_t n = 0; n < g.terms.size(); ++n) {
          const bp::GradientTerm& term = g.terms[n];
          CHECK(term.product == doctest::Approx(single[n].dW[L][I][J]).epsilon(kTol));
          CHECK(std::abs(term.product - single[n].dW[L][I][J]) < kTol);
          CHECK(std::abs(term.delta - term.da * term.da_dz) < kTol);
          CHECK(term.product == term.input * term.delta);
        }
        CHECK(std::abs(g.sum - whole.dW[L][I][J]) < kTol);
        CHECK(std::abs(g.backprop - whole.dW[L][I][J]) < kTol);
        CHECK(g.weight_value == net.W(l)(i, j));
        CHECK(g.updated == g.weight_value - 0.5 * g.backprop);
      }
}

}  // namespace

TEST_CASE("gradient terms: the chapter's 3-4-1 network, each example's term and the sum") {
  bp::Rng rng(1);
  const bp::Network net = bp::Network::random(bp::NetworkSpec{}, rng).value();
  check_all_terms(net, bp::seed_dataset(), bp::Loss::SquaredError);
}

TEST_CASE("gradient terms: deeper tanh network, several outputs, cross-entropy") {
  bp::NetworkSpec spec;
  spec.sizes = {3, 5, 4, 2};
  spec.activations = {bp::Activation::Tanh, bp::Activation::Tanh, bp::Activation::Sigmoid};
  bp::Rng rng(7);
  const bp::Network net = bp::Network::random(spec, rng, bp::Init::Scaled).value();
  bp::Dataset d;
  d.X = bp::Matrix::Random(6, 3);
  d.Y = (bp::Matrix::Random(6, 2).array() * 0.5 + 0.5).matrix();
  check_all_terms(net, d, bp::Loss::SquaredError);
  check_all_terms(net, d, bp::Loss::CrossEntropy);
}

TEST_CASE("gradient terms: the updated weight is what the trainer's step produces") {
  bp::Rng rng(3);
  bp::Trainer tr =
      bp::Trainer::create(bp::Network::random(bp::NetworkSpec{}, rng).value(), bp::seed_dataset())
          .value();
  tr.train(5);
  const bp::StepTrace t =
      bp::compute_gradients(tr.network(), bp::Loss::SquaredError, tr.data().X, tr.data().Y);
  bp::GradientTerms g1, g2;
  REQUIRE(bp::gradient_terms(tr.network(), t, {1, 2, 3}, 1.0, g1));
  REQUIRE(bp::gradient_terms(tr.network(), t, {2, 1, 0}, 1.0, g2));
  tr.step();
  CHECK(std::abs(tr.network().W(1)(2, 3) - g1.updated) < 1e-15);
  CHECK(std::abs(tr.network().W(2)(1, 0) - g2.updated) < 1e-15);
}

TEST_CASE("gradient terms: a weight that does not exist is named") {
  bp::Rng rng(1);
  const bp::Network net = bp::Network::random(bp::NetworkSpec{}, rng).value();
  const bp::StepTrace t = bp::compute_gradients(net, bp::Loss::SquaredError, bp::seed_dataset().X,
                                                bp::seed_dataset().Y);
  bp::GradientTerms g;
  const bp::Status bad_layer = bp::gradient_terms(net, t, {3, 0, 0}, 1.0, g);
  REQUIRE(!bad_layer);
  CHECK(bad_layer.error().find("W3 does not exist") != std::string::npos);
  const bp::Status bad_entry = bp::gradient_terms(net, t, {2, 0, 1}, 1.0, g);
  REQUIRE(!bad_entry);
  CHECK(bad_entry.error().find("W2 has no entry [0][1]") != std::string::npos);
}
