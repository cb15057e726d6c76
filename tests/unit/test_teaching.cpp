// The numbers the teaching page shows that the core computes: the walkthrough's phases,
// gradient checks, the shape mistake (against numpy's own broadcasting), the bounded loss
// history and saturated units.
#include <doctest/doctest.h>

#include <cmath>

#include "common.hpp"
#include "core/gradient_check.hpp"
#include "core/history.hpp"
#include "core/shape_mistake.hpp"
#include "core/trainer.hpp"
#include "numpy_reference.hpp"
#include "reference.hpp"

using bp::Phase;
using bp::PhaseKind;

using bp_test::contains;
using bp_test::seed_trainer;

namespace {}  // namespace

TEST_CASE("an iteration splits into forward, loss, backward and update phases") {
  bp::Trainer t = seed_trainer(1);
  REQUIRE(t.phase_count() == 6);
  const std::vector<Phase> expected = {{PhaseKind::Forward, 1},  {PhaseKind::Forward, 2},
                                       {PhaseKind::Loss, 0},     {PhaseKind::Backward, 2},
                                       {PhaseKind::Backward, 1}, {PhaseKind::Update, 0}};
  for (int k = 0; k < 6; ++k) CHECK(t.phase(k) == expected[static_cast<std::size_t>(k)]);

  bp::Trainer whole = seed_trainer(1);
  whole.train(3);
  t.train(2);
  const bp::Network before = t.network();
  // Phase by phase, each phase fills only its part of the trace.
  CHECK(t.advance_phase() == expected[0]);
  CHECK(t.phases_done() == 1);
  CHECK(t.trace().z[1] == whole.trace().z[1]);
  CHECK(t.trace().a[2] != whole.trace().a[2]);  // still the previous iteration's
  CHECK(t.advance_phase() == expected[1]);
  CHECK(t.trace().a[2] == whole.trace().a[2]);
  CHECK(t.advance_phase() == expected[2]);
  CHECK(t.trace().loss == whole.trace().loss);
  CHECK(t.advance_phase() == expected[3]);
  CHECK(t.trace().delta[2] == whole.trace().delta[2]);  // k2
  CHECK(t.trace().dW[2] == whole.trace().dW[2]);        // equation (A)
  CHECK(t.trace().dW[1] != whole.trace().dW[1]);
  CHECK(t.advance_phase() == expected[4]);
  CHECK(t.trace().delta[1] == whole.trace().delta[1]);  // t1
  CHECK(t.trace().dW[1] == whole.trace().dW[1]);        // equation (B)
  CHECK(t.network().W(1) == before.W(1));               // no update yet
  CHECK(t.iteration() == 2);
  CHECK(t.advance_phase() == expected[5]);
  CHECK(t.iteration() == 3);
  CHECK(t.phases_done() == 0);
  // Exactly the same as whole steps, to the last bit.
  CHECK(t.network().W(1) == whole.network().W(1));
  CHECK(t.network().W(2) == whole.network().W(2));
  // The loss of the whole data before and after the update.
  CHECK(whole.full_loss() < whole.trace().loss);
}

TEST_CASE("step() finishes an iteration begun phase by phase") {
  bp::Trainer t = seed_trainer(2), u = seed_trainer(2);
  t.advance_phase();
  t.advance_phase();
  t.advance_phase();
  CHECK(t.step());
  CHECK(u.step());
  CHECK(t.iteration() == 1);
  CHECK(t.network().W(1) == u.network().W(1));
  CHECK(t.step());
  CHECK(u.step());
  CHECK(t.network().W(2) == u.network().W(2));
}

TEST_CASE("gradient check: backprop beside finite differences for one weight and for all") {
  bp::Trainer t = seed_trainer(3);
  t.train(10);
  const bp::Network& net = t.network();
  const bp::Dataset& data = t.data();
  const bp::GradientCheck c =
      bp::check_gradient(net, data, bp::Loss::SquaredError, {1, 2, 3}).value();
  // The backprop value is the gradient at the current weights: the next step's dW1(2,3).
  bp::Trainer next = t;
  next.step();
  CHECK(c.backprop == doctest::Approx(next.trace().dW[1](2, 3)).epsilon(1e-14));
  // The numeric value against a central difference of the plain-loop reference's loss.
  ref::Net r = ref::from_core(net);
  const double h = bp::kGradientCheckStep;
  r.W[0][2][3] += h;
  const double up = ref::loss(r, ref::to_mat(data.X), ref::to_mat(data.Y), bp::Loss::SquaredError);
  r.W[0][2][3] -= 2 * h;
  const double down =
      ref::loss(r, ref::to_mat(data.X), ref::to_mat(data.Y), bp::Loss::SquaredError);
  CHECK(c.numeric == doctest::Approx((up - down) / (2 * h)).epsilon(1e-9));
  CHECK(c.rel_error < 1e-6);
  CHECK(c.rel_error == doctest::Approx(std::abs(c.backprop - c.numeric) /
                                       std::max(std::abs(c.backprop), std::abs(c.numeric))));

  const auto all = bp::check_all_gradients(net, data, bp::Loss::SquaredError).value();
  REQUIRE(all.size() == 16);  // 12 in W1, 4 in W2
  CHECK(all[11].weight == bp::WeightRef{1, 2, 3});
  CHECK(all[11].numeric == c.numeric);
  CHECK(all[15].weight == bp::WeightRef{2, 3, 0});
  for (const auto& g : all) CHECK(g.rel_error < 1e-6);

  CHECK(contains(bp::check_gradient(net, data, bp::Loss::SquaredError, {3, 0, 0}).error(),
                 "W3 does not exist"));
  CHECK(contains(bp::check_gradient(net, data, bp::Loss::SquaredError, {2, 0, 1}).error(),
                 "W2 has no entry [0][1]"));
  CHECK(contains(bp::check_gradient(net, data, bp::Loss::SquaredError, {1, 0, 0}, -1).error(),
                 "step"));
}

TEST_CASE("the shape mistake matches numpy's broadcasting of the chapter's commented-out line") {
  bp::Trainer t = seed_trainer(5);
  const bp::Network start = t.network();
  REQUIRE(t.step());
  const bp::ShapeMistake m = bp::shape_mistake(start, t.trace()).value();
  const nlohmann::json want = numpy::run({{"w1", numpy::to_json(start.W(1))},
                                          {"w2", numpy::to_json(start.W(2))},
                                          {"iterations", 1000},
                                          {"learning_rate", 1.0},
                                          {"mode", "shape_mistake"}});
  const double tol = 1e-12;
  CHECK(numpy::compare("t2", want["t2"], m.t2, tol) < tol);
  CHECK(numpy::compare("t1", want["t1"], m.t1, tol) < tol);
  CHECK(numpy::compare("dW1 (mistaken)", want["dw1_wrong"], m.dW1, tol) < tol);
  // The right product has the same shapes where it ends, and other numbers.
  CHECK(m.t1.rows() == m.t1_right.rows());
  CHECK(m.t1.cols() == m.t1_right.cols());
  CHECK(m.dW1_right == t.trace().dW[1]);
  CHECK((m.dW1 - m.dW1_right).cwiseAbs().maxCoeff() > 1e-4);

  // Training with it: numpy and the core agree, and the network does not learn the table.
  const bp::MistakeRun run =
      bp::train_with_shape_mistake(start, bp::seed_dataset(), 1.0, 1000).value();
  REQUIRE(run.loss.size() == 1000);
  CHECK(numpy::compare("w1", want["w1"], run.network.W(1), 1e-9) < 1e-9);
  CHECK(numpy::compare("outputs", want["outputs"], run.outputs, 1e-9) < 1e-9);
  CHECK(run.loss.back() == doctest::Approx(want["losses"].back().get<double>()).epsilon(1e-9));
  CHECK(std::abs(run.outputs(1, 0) - 1.0) > 0.3);  // far from its target of 1

  // Where the shapes do not line up, numpy's own complaint.
  bp::NetworkSpec wide;
  wide.sizes = {3, 5, 1};
  bp::Rng rng(1);
  bp::Trainer w =
      bp::Trainer::create(bp::Network::random(wide, rng).value(), bp::seed_dataset()).value();
  w.step();
  CHECK(contains(bp::shape_mistake(w.network(), w.trace()).error(),
                 "could not be broadcast together with shapes (5,1) (4,1)"));
}

TEST_CASE("the loss history stays bounded and spans the whole run") {
  bp::LossHistory h(64);
  for (long i = 1; i <= 100000; ++i) {
    h.add(i, 1.0 / static_cast<double>(i));
    REQUIRE(h.points().size() <= 64);
  }
  CHECK(h.points().size() >= 32);
  CHECK(h.points().front().iteration <= h.stride());
  CHECK(h.points().back().iteration > 100000 - h.stride());
  CHECK(h.points().capacity() == 64);  // never reallocated
  for (std::size_t i = 1; i < h.points().size(); ++i)
    CHECK(h.points()[i].iteration - h.points()[i - 1].iteration == h.stride());
  const auto p = h.nearest(50000).value();
  CHECK(std::labs(p.iteration - 50000) <= h.stride() / 2);
  CHECK(p.loss == 1.0 / static_cast<double>(p.iteration));
  h.clear();
  CHECK(h.points().empty());
  CHECK_FALSE(h.nearest(3).has_value());
  CHECK(h.stride() == 1);
}

TEST_CASE("saturated units: a learning rate of 50 saturates the hidden layer, 1 does not") {
  bp::Trainer ok = seed_trainer(1, 1.0), hot = seed_trainer(1, 50.0);
  ok.train(1000);
  hot.train(1000);
  CHECK(bp::saturated_units(ok.trace(), 1).empty());
  CHECK_FALSE(bp::saturated_units(hot.trace(), 1).empty());
  CHECK_FALSE(hot.diverged());  // sigmoids saturate; they do not overflow
  CHECK(hot.full_loss() > 0.3);
  CHECK(bp::saturated_units(hot.trace(), 7).empty());  // no such layer: nothing
}

TEST_CASE("compute_gradients into a trace reuses it and matches the next step") {
  bp::Trainer t = seed_trainer(6);
  t.train(5);
  bp::StepTrace view;
  bp::compute_gradients(t.network(), bp::Loss::SquaredError, t.data().X, t.data().Y, view);
  const double* buffer = view.dW[1].data();
  bp::compute_gradients(t.network(), bp::Loss::SquaredError, t.data().X, t.data().Y, view);
  CHECK(view.dW[1].data() == buffer);  // same storage: nothing reallocated
  t.step();
  CHECK(view.dW[1] == t.trace().dW[1]);
  CHECK(view.dW[2] == t.trace().dW[2]);
  CHECK(view.loss == t.trace().loss);
}

TEST_CASE("set_data keeps the weights and the iteration and checks the new data") {
  bp::Trainer t = seed_trainer(7);
  t.train(10);
  const bp::Matrix w1 = t.network().W(1);
  bp::Dataset five = bp::seed_dataset();
  five.X.conservativeResize(5, 3);
  five.Y.conservativeResize(5, 1);
  five.X.row(4) << 0.5, 0.5, 1;
  five.Y(4, 0) = 0.5;
  REQUIRE(t.set_data(five).ok());
  CHECK(t.data().size() == 5);
  CHECK(t.iteration() == 10);
  CHECK(t.network().W(1) == w1);
  CHECK(t.step());
  CHECK(t.trace().a[0].rows() == 5);
  bp::Dataset bad = bp::seed_dataset();
  bad.X = bp::Matrix::Zero(4, 2);
  CHECK(contains(t.set_data(bad).error(), "2 input columns"));
  CHECK(t.data().size() == 5);  // unchanged
  t.restart();
  CHECK(t.network().W(1) == seed_trainer(7).network().W(1));
}
