// Batch evaluation over a grid, in single precision, against the double-precision forward
// pass of the same network.
#include <doctest/doctest.h>

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
  for (Activation f : bp::kAllActivations) {
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
