// What a frame does and does not redo (issue 16): the test set's outputs come from a forward
// pass equal to predict's, nothing is recomputed while paused with nothing changed, the
// heatmaps follow the weights, and "max" trains for what the frame's other work left.
// Counts and values only: no test here reads a clock of the machine.
#include <doctest/doctest.h>

#include "app_session.hpp"
#include "config/page_config.hpp"
#include "core/backprop.hpp"
#include "core/grid.hpp"

using bp_test::TestSession;

TEST_CASE("app frame: the test set's outputs are a forward pass, equal to predict's") {
  TestSession s(bp::parse_page_query("data=circle&hidden=8,8&act=tanh").value());
  const bp::app::AppState& st = s.state();
  REQUIRE(st.test.size() > 0);
  s.train();
  s.advance(1.0 / 60);
  s.pause();
  const bp::Matrix want = s.trainer().network().predict(st.test.X).value();
  const bp::Matrix& got = st.test_preview.a.back();
  REQUIRE(got.rows() == want.rows());
  CHECK((got.array() == want.array()).all());  // the same layer_forward: bit for bit
  // Its loss is the core's, and no gradient was needed for it.
  CHECK(st.test_metrics.mean_loss ==
        doctest::Approx(bp::loss_forward(s.trainer().options().loss, want, st.test.Y) /
                        static_cast<double>(want.rows()))
            .epsilon(1e-12));
}

TEST_CASE("app frame: paused, frames recompute nothing, and a change of the weights recomputes") {
  TestSession s(bp::parse_page_query("data=circle&hidden=4,4&act=tanh").value());
  bp::app::AppState& st = s.state();
  REQUIRE(st.heat.valid);
  const long evals = st.evaluations, heats = st.heat_evaluations;
  for (int i = 0; i < 10; ++i) s.advance(1.0 / 60);
  CHECK(st.evaluations == evals);
  CHECK(st.heat_evaluations == heats);
  CHECK(st.heat.valid);
  // Training changes the weights: every frame that trained recomputes once.
  s.train();
  s.advance(1.0 / 60);
  s.advance(1.0 / 60);
  CHECK(st.evaluations == evals + 2);
  CHECK(st.heat_evaluations == heats + 2);
  s.pause();
  s.advance(1.0 / 60);
  CHECK(st.heat_evaluations == heats + 2);
  // The heatmap is the core's batch evaluation of the current weights.
  bp::BatchEvaluator ref;
  const bp::MatrixF& out = *ref.evaluate(s.trainer().network(), st.heat.inputs).value();
  CHECK((out.array() == st.heat.layer(s.trainer().network().layers()).array()).all());
  // A typed weight changes the picture, once.
  REQUIRE(st.set_weight(bp::WeightRef{1, 0, 0}, 0.25).ok());
  s.advance(1.0 / 60);
  s.advance(1.0 / 60);
  CHECK(st.heat_evaluations == heats + 3);
  CHECK(st.t().network().W(1)(0, 0) == 0.25);
  // So does a typed bias, though no weight moved.
  REQUIRE(st.set_bias(1, 0, 0.5).ok());
  s.advance(1.0 / 60);
  CHECK(st.heat_evaluations == heats + 4);
  // And the preview of the training set still equals a fresh pass of the core.
  const bp::StepTrace fresh =
      bp::compute_gradients(s.trainer().network(), s.trainer().options().loss, s.trainer().data().X,
                            s.trainer().data().Y);
  CHECK((fresh.dW[1].array() == st.preview.dW[1].array()).all());
}

TEST_CASE("app frame: the chapter's preview is not recomputed while paused, is after an edit") {
  TestSession s;
  bp::app::AppState& st = s.state();
  const long evals = st.evaluations;
  s.advance(1.0 / 60);
  s.advance(1.0 / 60);
  CHECK(st.evaluations == evals);
  bp::Dataset d = s.trainer().data();
  d.X(0, 0) = 0.5;
  REQUIRE(st.set_data(d).ok());
  CHECK(st.evaluations == evals + 1);
  CHECK(st.preview.a[0](0, 0) == 0.5);
  s.step(1);
  CHECK(st.evaluations == evals + 2);
  s.restart();  // back to iteration 0: the initial weights' preview again
  CHECK(st.evaluations == evals + 3);
  const bp::Matrix want = s.trainer().network().predict(s.trainer().data().X).value();
  CHECK((st.outputs().array() == want.array()).all());
}

TEST_CASE("app frame: max trains for what the frame's other work left of the target") {
  TestSession s;  // the injected clock: 1 us per iteration (1000 iterations a millisecond)
  bp::app::AppState& st = s.state();
  s.state().config.view.speed_max = true;
  s.train();
  // Nothing measured yet: the whole budget, 8 ms = 8000 iterations.
  s.advance(1.0 / 60);
  CHECK(st.frame_budget_ms == bp::app::kFrameBudgetMs);
  CHECK(st.frame_iterations == 8000);
  // The platform says the frame's app work was 12 ms, 8 of them training: 4 ms of pictures
  // and UI, so the next frame trains for 11 - 4 = 7 ms.
  st.frame_done(st.frame_train_ms + 4.0);
  CHECK(st.train_budget_ms() == doctest::Approx(bp::app::kFrameAppTargetMs - 4.0));
  s.advance(1.0 / 60);
  CHECK(st.frame_budget_ms == doctest::Approx(7.0));
  CHECK(st.frame_iterations == 7000);
  // A heavy frame (20 ms besides training) still trains for the floor, 1 ms.
  st.frame_done(st.frame_train_ms + 20.0);
  s.advance(1.0 / 60);
  CHECK(st.frame_iterations == static_cast<long>(bp::app::kMinTrainMs * 1000));
  // A light one gets the whole budget back, never more.
  st.frame_done(st.frame_train_ms + 0.5);
  s.advance(1.0 / 60);
  CHECK(st.frame_iterations == 8000);
}

TEST_CASE(
    "app frame: while training, a costly evaluation is done every few frames, and at once when "
    "paused") {
  TestSession s;
  bp::app::AppState& st = s.state();
  // A clock where each iteration takes 1 us and each evaluation 5 ms: 5 / kEvaluateMsPerFrame
  // (2 ms) = 2.5, so while training the outputs and pictures are worked out every 3 frames.
  s.set_clock([&s, &st] {
    return static_cast<double>(s.trainer().iteration()) / bp_test::kIterationsPerMs +
           5.0 * static_cast<double>(st.evaluations);
  });
  st.config.view.speed = 60;  // one iteration a frame at 60 fps
  s.train();
  s.advance(1.0 / 60);  // the first frame evaluates and measures it
  REQUIRE(st.training);
  CHECK(st.evaluate_ms == doctest::Approx(5.0));
  CHECK(st.evaluate_every == 3);
  const long evals = st.evaluations;
  for (int f = 0; f < 12; ++f) s.advance(1.0 / 60);
  CHECK(st.evaluations == evals + 4);  // frames 3, 6, 9 and 12 of the twelve
  CHECK(st.evaluated_from.iteration == s.trainer().iteration());
  // Between them the preview is an older iteration's; paused, it is the current one at once.
  s.advance(1.0 / 60);
  CHECK(st.evaluated_from.iteration < s.trainer().iteration());
  s.pause();
  s.advance(1.0 / 60);
  CHECK(st.evaluated_from.iteration == s.trainer().iteration());
  const bp::Matrix want = s.trainer().network().predict(s.trainer().data().X).value();
  CHECK((st.outputs().array() == want.array()).all());
  // A cheap evaluation (the injected clock without it) is done every frame again.
  s.set_clock(
      [&s] { return static_cast<double>(s.trainer().iteration()) / bp_test::kIterationsPerMs; });
  s.train();
  const long before = st.evaluations;
  for (int f = 0; f < 5; ++f) s.advance(1.0 / 60);
  CHECK(st.evaluate_every == 1);
  CHECK(st.evaluations == before + 5);
  // One slow evaluation (a busy core: 30 ms once) does not hold the next ones back.
  bool slow = true;
  s.set_clock([&s, &st, &slow] {
    return static_cast<double>(s.trainer().iteration()) / bp_test::kIterationsPerMs +
           (slow ? 30.0 * static_cast<double>(st.evaluations) : 0.0);
  });
  s.advance(1.0 / 60);
  slow = false;
  CHECK(st.evaluate_every == 1);
  const long after_slow = st.evaluations;
  s.advance(1.0 / 60);
  CHECK(st.evaluations == after_slow + 1);
}
