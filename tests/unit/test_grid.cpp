// Batch evaluation over a grid, in single precision, against the double-precision forward
// pass of the same network.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/activation.hpp"
#include "core/grid.hpp"

using bp::Activation;

TEST_CASE("grid_points covers the rectangle row by row from the bottom left") {
  const bp::MatrixF p = bp::grid_points(-1, 3, 0, 2, 5, 3).value();
  REQUIRE(p.rows() == 15);
  CHECK(p(0, 0) == -1.0f);
  CHECK(p(0, 1) == 0.0f);
  CHECK(p(4, 0) == 3.0f);   // end of the first row
  CHECK(p(5, 1) == 1.0f);   // second row
  CHECK(p(14, 0) == 3.0f);  // top right
  CHECK(p(14, 1) == 2.0f);
  CHECK_FALSE(bp::grid_points(0, 1, 0, 1, 1, 10).ok());
  CHECK_FALSE(bp::grid_points(1, 0, 0, 1, 10, 10).ok());
}

TEST_CASE("batch evaluation matches predict() to single precision for every activation") {
  bp::Rng rng(12);
  bp::BatchEvaluator eval;
  // Both ways of computing it: Eigen's (natively) and the plain loops (WebAssembly's).
  for (const bool loops : {false, true})
    for (Activation f : bp::kAllActivations) {
      eval.plain_loops = loops;
      INFO("plain loops " << loops);
      bp::NetworkSpec spec;
      spec.sizes = {2, 8, 8, 1};
      spec.activations = {f, f, Activation::Sigmoid};
      spec.biases = true;
      bp::Network net = bp::Network::random(spec, rng, bp::Init::Scaled).value();
      for (int l = 1; l <= 3; ++l) net.b(l).setConstant(0.1);
      const bp::MatrixF grid = bp::grid_points(-3, 3, -3, 3, 40, 30).value();
      const bp::MatrixF& out = *eval.evaluate(net, grid).value();
      const bp::Matrix want = net.predict(grid.cast<double>()).value();
      REQUIRE(out.rows() == 1200);
      INFO("activation " << bp::name(f));
      CHECK((out.cast<double>() - want).cwiseAbs().maxCoeff() < 1e-5);
      // Hidden layers are kept: a per-neuron heatmap reads them.
      CHECK(eval.activations(1).rows() == 1200);
      CHECK(eval.activations(1).cols() == 8);
    }
  bp::Network seed = bp::Network::create(bp::NetworkSpec{}).value();
  CHECK_FALSE(eval.evaluate(seed, bp::MatrixF::Zero(5, 2)).ok());
}

TEST_CASE("tanh through the sigmoid (WebAssembly's double tanh) is std::tanh to a few ulp") {
  bp::Matrix z(1, 2001), a(1, 2001);
  for (Eigen::Index i = 0; i < z.cols(); ++i) z(0, i) = -25.0 + 0.025 * static_cast<double>(i);
  bp::tanh_of(z, a);
  double worst = 0.0;
  for (Eigen::Index i = 0; i < z.cols(); ++i)
    worst = std::max(worst, std::fabs(a(0, i) - std::tanh(z(0, i))));
  CHECK(worst < 1e-15);  // absolute: 1 - 2 sigmoid(-2z) near 0 loses relative digits, as before
  bp::Matrix edge(1, 3);
  edge << -1e300, 1e300, std::numeric_limits<double>::quiet_NaN();
  bp::tanh_of(edge, edge);
  CHECK(edge(0, 0) == -1.0);
  CHECK(edge(0, 1) == 1.0);
  CHECK(std::isnan(edge(0, 2)));
}
