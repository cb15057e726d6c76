// The chapter's run (3-4-1 sigmoid, its four rows, learning rate 1, 1000 iterations) against
// two independent references: the numpy code in tests/reference/seed_numpy.py, run here by
// Debian's python3, and the plain-loop reference; plus the plain-loop reference on other
// shapes, activations, biases, losses and learning rates.
#include <doctest/doctest.h>

#include "core/dataset.hpp"
#include "core/trainer.hpp"
#include "numpy_reference.hpp"
#include "reference.hpp"

using bp::Activation;

TEST_CASE("the chapter's run matches numpy to 1e-9 in every weight and output") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    bp::Rng rng(seed);
    bp::Trainer t =
        bp::Trainer::create(bp::Network::random(bp::NetworkSpec{}, rng).value(), bp::seed_dataset())
            .value();
    const nlohmann::json expected = numpy::run({{"w1", numpy::to_json(t.initial_network().W(1))},
                                                {"w2", numpy::to_json(t.initial_network().W(2))},
                                                {"iterations", 1000},
                                                {"learning_rate", 1.0}});
    REQUIRE(t.train(1000) == 1000);
    INFO("seed " << seed);
    const double tol = 1e-9;
    CHECK(numpy::compare("W1", expected["w1"], t.network().W(1), tol) < tol);
    CHECK(numpy::compare("W2", expected["w2"], t.network().W(2), tol) < tol);
    CHECK(numpy::compare("outputs", expected["outputs"], t.outputs(), tol) < tol);
    CHECK(t.full_loss() == doctest::Approx(expected["loss"].get<double>()).epsilon(1e-9));
    const double y_new = t.network().predict(bp::seed_new_input()).value()(0, 0);
    CHECK(std::abs(y_new - expected["new_output"].get<double>()) < tol);
    // And the chapter's qualitative result: the network learnt the table.
    CHECK(t.outputs()(0, 0) < 0.15);
    CHECK(t.outputs()(1, 0) > 0.85);
  }
}

TEST_CASE("50 training steps match the plain-loop reference on many shapes to 1e-9") {
  struct Case {
    std::vector<int> sizes;
    Activation hidden, output;
    bool biases;
    bp::Loss loss;
    double lr;
  };
  const std::vector<Case> cases = {
      {{3, 4, 1}, Activation::Sigmoid, Activation::Sigmoid, false, bp::Loss::SquaredError, 1.0},
      {{2, 8, 8, 1}, Activation::Tanh, Activation::Sigmoid, true, bp::Loss::CrossEntropy, 0.05},
      {{4, 6, 3}, Activation::Relu, Activation::Linear, true, bp::Loss::SquaredError, 0.01},
      {{3, 5, 5, 5, 2}, Activation::Tanh, Activation::Tanh, false, bp::Loss::SquaredError, 0.1},
      {{2, 1}, Activation::Linear, Activation::Sigmoid, true, bp::Loss::CrossEntropy, 0.5},
  };
  std::uint64_t seed = 40;
  for (const Case& c : cases) {
    bp::Rng rng(++seed);
    bp::NetworkSpec spec;
    spec.sizes = c.sizes;
    spec.activations.assign(c.sizes.size() - 1, c.hidden);
    spec.activations.back() = c.output;
    spec.biases = c.biases;
    bp::Dataset d;
    d.X.resize(9, c.sizes.front());
    d.Y.resize(9, c.sizes.back());
    for (Eigen::Index i = 0; i < d.X.size(); ++i) d.X(i) = rng.uniform(-1, 1);
    for (Eigen::Index i = 0; i < d.Y.size(); ++i) d.Y(i) = rng.uniform() < 0.5 ? 0.0 : 1.0;
    bp::TrainerOptions o;
    o.loss = c.loss;
    o.learning_rate = c.lr;
    bp::Trainer t =
        bp::Trainer::create(bp::Network::random(spec, rng, bp::Init::Scaled).value(), d, o).value();
    ref::Net r = ref::from_core(t.network());
    const ref::Mat x = ref::to_mat(d.X), y = ref::to_mat(d.Y);
    // 50 steps: enough to exercise every update, few enough that the deeper runs (which
    // become chaotic after ~150 steps, where 1e-16 differences grow to 1e-4) stay comparable.
    for (int i = 0; i < 50; ++i) ref::step(r, x, y, c.loss, c.lr);
    REQUIRE(t.train(50) == 50);
    INFO("case with " << c.sizes.size() << " layers, hidden " << bp::name(c.hidden));
    for (int l = 1; l <= t.network().layers(); ++l)
      CHECK(ref::max_abs_diff(r.W[static_cast<std::size_t>(l - 1)], t.network().W(l)) < 1e-9);
    CHECK(ref::max_abs_diff(ref::forward(r, x), t.outputs()) < 1e-9);
  }
}
