// The trainer: convergence on the chapter's data, divergence detection, bad input,
// mini-batches, restart, and no allocation inside a step.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "common.hpp"
#include "core/dataset.hpp"
#include "core/trainer.hpp"
#include "reference.hpp"

using bp::Activation;

using bp_test::contains;
using bp_test::seed_trainer;

namespace {}  // namespace

TEST_CASE(
    "convergence: 20 seeds all reach outputs within 0.15 of the targets 0 1 1 0 in 1000 "
    "iterations") {
  const bp::Matrix y = bp::seed_dataset().Y;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    bp::Trainer t = seed_trainer(seed);
    REQUIRE(t.train(1000) == 1000);
    const double worst = (t.outputs() - y).cwiseAbs().maxCoeff();
    INFO("seed " << seed << " outputs " << t.outputs().transpose());
    CHECK(worst < 0.15);
  }
}

TEST_CASE("the trace holds the chapter's intermediate values with their shapes") {
  bp::Trainer t = seed_trainer(1);
  const bp::Network before = t.network();
  REQUIRE(t.step());
  const bp::StepTrace& s = t.trace();
  CHECK(s.a[0] == bp::seed_dataset().X);
  CHECK(s.z[1].rows() == 4);
  CHECK(s.z[1].cols() == 4);
  CHECK(s.a[2].cols() == 1);
  // a2 and the loss are those of the weights before the update.
  CHECK((s.a[2] - before.predict(s.a[0]).value()).cwiseAbs().maxCoeff() < 1e-15);
  CHECK(s.loss == doctest::Approx(0.5 * (s.a[2] - s.y).squaredNorm()));
  // k2 = (a2 - y) * s'(z2), and the update is W - lr dW.
  const bp::Matrix k2 = ((s.a[2] - s.y).array() * s.a[2].array() * (1.0 - s.a[2].array())).matrix();
  CHECK((s.delta[2] - k2).cwiseAbs().maxCoeff() < 1e-15);
  CHECK((t.network().W(2) - (before.W(2) - s.dW[2])).cwiseAbs().maxCoeff() < 1e-15);
  CHECK(t.iteration() == 1);
}

TEST_CASE("divergence is detected and reported and stops training until restart") {
  bp::NetworkSpec linear;
  linear.sizes = {3, 4, 1};
  linear.activations = {Activation::Linear, Activation::Linear};
  bp::Rng rng(2);
  bp::TrainerOptions o;
  o.learning_rate = 50;
  bp::Trainer t =
      bp::Trainer::create(bp::Network::random(linear, rng).value(), bp::seed_dataset(), o).value();
  const long done = t.train(10000);
  CHECK(done < 10000);
  REQUIRE(t.diverged());
  CHECK(contains(t.divergence(), "diverged at iteration"));
  CHECK(contains(t.divergence(), "learning rate (50)"));
  const long at = t.iteration();
  CHECK_FALSE(t.step());
  CHECK(t.iteration() == at);  // nothing carried on
  t.restart();
  CHECK_FALSE(t.diverged());
  CHECK(t.iteration() == 0);
  CHECK(t.network().W(1) == t.initial_network().W(1));
  REQUIRE(t.set_learning_rate(0.01).ok());
  CHECK(t.train(100) == 100);
}

TEST_CASE("bad trainer input gives a clear error") {
  bp::Rng rng(1);
  const bp::Network net = bp::Network::random(bp::NetworkSpec{}, rng).value();
  auto make = [&](bp::Dataset d, bp::TrainerOptions o) { return bp::Trainer::create(net, d, o); };
  const bp::Dataset good = bp::seed_dataset();

  SUBCASE("learning rates") {
    for (double lr : {std::numeric_limits<double>::quiet_NaN(),
                      std::numeric_limits<double>::infinity(), -1.0, 0.0, 1e7}) {
      bp::TrainerOptions o;
      o.learning_rate = lr;
      auto r = make(good, o);
      INFO("lr " << lr);
      REQUIRE_FALSE(r.ok());
      CHECK(contains(r.error(), "learning rate"));
    }
    bp::Trainer t = make(good, {}).value();
    CHECK_FALSE(t.set_learning_rate(-2).ok());
    CHECK(t.options().learning_rate == 1.0);  // unchanged
  }
  SUBCASE("inputs of the wrong width") {
    bp::Dataset d = good;
    d.X = bp::Matrix::Zero(4, 2);
    CHECK(contains(make(d, {}).error(), "2 input columns but the network has 3 inputs"));
  }
  SUBCASE("targets with a different number of rows") {
    bp::Dataset d = good;
    d.Y = bp::Matrix::Zero(3, 1);
    CHECK(contains(make(d, {}).error(), "inputs have 4 rows but targets have 3"));
  }
  SUBCASE("no examples") {
    bp::Dataset d;
    CHECK(contains(make(d, {}).error(), "no examples"));
  }
  SUBCASE("NaN in the data") {
    bp::Dataset d = good;
    d.Y(2, 0) = std::numeric_limits<double>::quiet_NaN();
    CHECK(contains(make(d, {}).error(), "target row 3"));
  }
  SUBCASE("negative batch size") {
    bp::TrainerOptions o;
    o.batch_size = -1;
    CHECK(contains(make(good, o).error(), "batch size"));
  }
  SUBCASE("cross-entropy needs a sigmoid output") {
    bp::NetworkSpec s;
    s.activations = {Activation::Sigmoid, Activation::Linear};
    bp::TrainerOptions o;
    o.loss = bp::Loss::CrossEntropy;
    auto r = bp::Trainer::create(bp::Network::create(s).value(), good, o);
    CHECK(contains(r.error(), "sigmoid output"));
  }
  SUBCASE("editing a weight that does not exist") {
    bp::Trainer t = make(good, {}).value();
    CHECK(contains(t.set_weight(1, 3, 0, 1.0).error(), "no entry [3][0]"));
    CHECK(contains(t.set_weight(0, 0, 0, 1.0).error(), "W0 does not exist"));
    CHECK(contains(t.set_weight(1, 0, 0, std::nan("")).error(), "finite"));
    CHECK(t.set_weight(2, 3, 0, -0.25).ok());
    CHECK(t.network().W(2)(3, 0) == -0.25);
  }
}

TEST_CASE("restart returns to the same initial weights and repeats the same run") {
  bp::Trainer t = seed_trainer(4);
  t.train(250);
  const bp::Matrix w = t.network().W(1);
  t.restart();
  CHECK(t.iteration() == 0);
  t.train(250);
  CHECK(t.network().W(1) == w);
}

TEST_CASE("set_options keeps the weights and the iteration and trains on with the new options") {
  bp::Trainer t = seed_trainer(2);
  t.train(100);
  const bp::Matrix w1 = t.network().W(1);
  bp::TrainerOptions o = t.options();
  o.batch_size = 2;
  o.loss = bp::Loss::CrossEntropy;
  o.learning_rate = 0.5;
  REQUIRE(t.set_options(o));
  CHECK(t.iteration() == 100);
  CHECK(t.network().W(1) == w1);
  CHECK(t.options().batch_size == 2);
  // The same as a fresh trainer with those options, started from these weights.
  bp::Trainer fresh = bp::Trainer::create(t.network(), t.data(), o).value();
  t.train(20);
  fresh.train(20);
  CHECK(t.network().W(1) == fresh.network().W(1));
  CHECK(t.iteration() == 120);
  // Restart still goes back to the first weights.
  t.restart();
  CHECK(t.network().W(1) == seed_trainer(2).network().W(1));
  // Bad options are refused and change nothing.
  o.learning_rate = -1;
  const bp::Status bad = t.set_options(o);
  REQUIRE_FALSE(bad);
  CHECK(contains(bad.error(), "learning rate"));
  CHECK(t.options().learning_rate == 0.5);
}

TEST_CASE("mini-batches visit every example once per pass and reproducibly") {
  bp::TrainerOptions o;
  o.batch_size = 2;
  o.shuffle_seed = 77;
  bp::Trainer t = seed_trainer(3, o);
  bp::Trainer u = seed_trainer(3, o);
  const bp::Dataset data = bp::seed_dataset();
  for (int pass = 0; pass < 5; ++pass) {
    std::vector<int> seen(4, 0);
    for (int s = 0; s < 2; ++s) {
      const ref::Net before = ref::from_core(t.network());
      REQUIRE(t.step());
      REQUIRE(u.step());
      const bp::StepTrace& tr = t.trace();
      REQUIRE(tr.a[0].rows() == 2);
      CHECK(tr.a[0] == u.trace().a[0]);
      for (Eigen::Index r = 0; r < 2; ++r)
        for (Eigen::Index k = 0; k < 4; ++k)
          if (tr.a[0].row(r) == data.X.row(k)) {
            ++seen[static_cast<std::size_t>(k)];
            CHECK(tr.y(r, 0) == data.Y(k, 0));
          }
      // The gradient is the one of this batch alone.
      const ref::Grads g = ref::backprop(before, ref::to_mat(tr.a[0]), ref::to_mat(tr.y), o.loss);
      CHECK(ref::max_abs_diff(g.dW[0], tr.dW[1]) < 1e-14);
      CHECK(ref::max_abs_diff(g.dW[1], tr.dW[2]) < 1e-14);
    }
    CHECK(seen == std::vector<int>{1, 1, 1, 1});
  }
}

// Only where Eigen can report an allocation (its runtime check is an assertion): the asan
// preset (Debug) builds it, the Release one leaves it out rather than run a test that cannot fail.
#if defined(EIGEN_RUNTIME_NO_MALLOC) && !defined(NDEBUG)
TEST_CASE("a training step allocates no memory") {
  bp::Rng rng(8);
  bp::NetworkSpec deep;
  deep.sizes = {2, 8, 8, 1};
  deep.activations = {Activation::Tanh, Activation::Relu, Activation::Sigmoid};
  deep.biases = true;
  bp::Dataset d;
  d.X = bp::Matrix::Random(50, 2);
  d.Y = (bp::Matrix::Random(50, 1).array() > 0).cast<double>().matrix();
  for (int batch : {0, 7}) {
    for (bp::Loss loss : {bp::Loss::SquaredError, bp::Loss::CrossEntropy}) {
      for (bp::Regularization reg : bp::kAllRegularizations) {
        bp::TrainerOptions o;
        o.batch_size = batch;
        o.loss = loss;
        o.regularization = reg;
        o.regularization_rate = 0.01;
        bp::Trainer t =
            bp::Trainer::create(bp::Network::random(deep, rng, bp::Init::Scaled).value(), d, o)
                .value();
        bp::Trainer s = seed_trainer(1);
        Eigen::internal::set_is_malloc_allowed(false);  // Eigen asserts if it allocates now
        bool ok = t.train(20) == 20 && s.train(20) == 20;
        // Changing the regularization and stepping phase by phase allocate nothing either.
        ok = ok && t.set_regularization(bp::Regularization::L1, 0.02).ok();
        for (int k = 0; k < 3 * t.phase_count(); ++k) t.advance_phase();
        Eigen::internal::set_is_malloc_allowed(true);
        CHECK(ok);
      }
    }
  }
}
#endif

TEST_CASE("set_bias edits one bias, keeps training from there and refuses bad input") {
  bp::NetworkSpec spec;
  spec.sizes = {2, 3, 1};
  spec.activations = {Activation::Tanh, Activation::Sigmoid};
  spec.biases = true;
  bp::Rng rng(6);
  bp::Dataset d;
  d.X = bp::Matrix::Random(6, 2);
  d.Y = (d.X.col(0).array() > 0).cast<double>().matrix();
  bp::TrainerOptions o;
  o.learning_rate = 0.5;
  bp::Trainer t =
      bp::Trainer::create(bp::Network::random(spec, rng, bp::Init::Scaled).value(), d, o).value();
  t.train(3);
  REQUIRE(t.set_bias(1, 2, 0.75).ok());
  CHECK(t.network().b(1)(2) == 0.75);
  CHECK(t.iteration() == 3);  // no reset
  // The next step starts from the edited bias: its update is the reference's.
  const ref::Net before = ref::from_core(t.network());
  const ref::Grads g = ref::backprop(before, ref::to_mat(d.X), ref::to_mat(d.Y), o.loss);
  REQUIRE(t.step());
  CHECK(t.network().b(1)(2) == doctest::Approx(0.75 - 0.5 * g.db[0][2]).epsilon(1e-12));
  REQUIRE(t.set_bias(2, 0, -1.5).ok());
  CHECK(t.network().b(2)(0) == -1.5);

  CHECK(contains(t.set_bias(0, 0, 1.0).error(), "b0 does not exist: the network has b1 to b2"));
  CHECK(contains(t.set_bias(3, 0, 1.0).error(), "b3 does not exist"));
  CHECK(contains(t.set_bias(1, 3, 1.0).error(), "b1 has no entry 4; it has 3 values"));
  CHECK(contains(t.set_bias(1, -1, 1.0).error(), "b1 has no entry 0"));
  CHECK(contains(t.set_bias(1, 0, std::nan("")).error(), "a bias must be a finite number"));
  CHECK(contains(t.set_bias(1, 0, std::numeric_limits<double>::infinity()).error(), "finite"));
  CHECK(t.network().b(2)(0) == -1.5);  // refusals change nothing

  bp::Trainer no_bias = seed_trainer(1);
  CHECK(contains(no_bias.set_bias(1, 0, 1.0).error(), "this network has no biases"));
}
