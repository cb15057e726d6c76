// The page's actions without a browser: train, pause and step(n) over frames with the frame
// budget read from an injected clock, reset and restart, the stop rules, the walkthrough, a
// data cell edited, and 2-D data chosen in the setup panel. References come from the core.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "app_session.hpp"
#include "config/page_config.hpp"
#include "core/datasets.hpp"
#include "core/features.hpp"

using bp_test::chapter_trainer;
using bp_test::contains;
using bp_test::same_weights;
using bp_test::TestSession;

TEST_CASE("app: step(n) runs the floor now, the rest 8000 a frame, and equals one plain run") {
  TestSession s;
  const bp::app::AppState& st = s.state();
  // The floor of kStepFloorWork: 1e6 / (16 weights x 4 examples) = 15625 iterations at once;
  // then the injected clock says 15.6 ms went by, past the 8 ms budget.
  CHECK(s.step(50000) == 15625);
  CHECK(s.trainer().iteration() == 15625);
  CHECK(s.steps_left() == 50000 - 15625);
  CHECK_FALSE(s.training());
  // Each frame then runs until the clock reads 8 ms: 8000 iterations of 1 us, no more.
  int frames = 0;
  while (s.steps_left() > 0 && frames < 100) {
    const long before = s.trainer().iteration();
    const long left = s.steps_left();
    s.advance(1.0 / 60);
    ++frames;
    const long ran = s.trainer().iteration() - before;
    CHECK(st.frame_iterations == ran);
    CHECK(st.frame_asked == left);
    if (left > 8000) {
      CHECK(ran == 8000);
      CHECK(st.frame_cut);
      CHECK(st.frame_train_ms == doctest::Approx(8.0).epsilon(1e-9));
    } else {
      CHECK(ran == left);
      CHECK_FALSE(st.frame_cut);
    }
  }
  CHECK(frames == 5);  // 34375 = 4 x 8000 + 2375
  CHECK(s.trainer().iteration() == 50000);
  const auto runs = s.take_finished_steps();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].end == "done");
  CHECK(runs[0].asked == 50000);
  CHECK(runs[0].done == 50000);
  CHECK(runs[0].iteration == 50000);
  CHECK(s.take_finished_steps().empty());
  // Split over 6 calls, the run is the same as 50000 steps of a fresh core Trainer.
  const bp::Trainer ref = chapter_trainer(1, 50000);
  CHECK(same_weights(s.trainer().network(), ref.network()));
  CHECK(st.history.points().back().iteration == 50000);
}

TEST_CASE("app: pause() and train() cancel a step(n) still running over the frames") {
  TestSession s;
  CHECK(s.step(50000) == 15625);
  s.advance(1.0 / 60);
  CHECK(s.trainer().iteration() == 15625 + 8000);
  s.pause();
  CHECK(s.steps_left() == 0);
  auto runs = s.take_finished_steps();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].end == "cancelled");
  CHECK(runs[0].done == 23625);
  CHECK(runs[0].iteration == 23625);
  s.advance(1.0 / 60);  // nothing owed any more
  CHECK(s.trainer().iteration() == 23625);
  CHECK(s.state().frame_iterations == 0);

  CHECK(s.step(20000) == 15625);
  s.train();  // training takes over; the step(n) ends
  runs = s.take_finished_steps();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].end == "cancelled");
  CHECK(runs[0].done == 15625);
  CHECK(s.training());
}

TEST_CASE("app: training runs speed x dt iterations a frame, carrying the fraction") {
  TestSession s;
  REQUIRE(s.state().config.view.speed == 200.0);
  s.train();
  CHECK(s.training());
  // 200 iterations/s in frames of 1/64 s: 3.125 a frame, so 3, 3, ... and a 4th every 8th.
  const long expected[8] = {3, 6, 9, 12, 15, 18, 21, 25};
  for (long want : expected) {
    s.advance(1.0 / 64);
    CHECK(s.trainer().iteration() == want);
    CHECK_FALSE(s.state().frame_cut);
  }
  CHECK_FALSE(s.state().speed_limited());
  // A frame that took long (a hidden tab) owes at most a quarter of a second: 50.
  s.advance(3.0);
  CHECK(s.trainer().iteration() == 75);
  s.pause();
  s.advance(1.0);
  CHECK(s.trainer().iteration() == 75);
  CHECK(same_weights(s.trainer().network(), chapter_trainer(1, 75).network()));
}

TEST_CASE("app: a speed the budget cannot keep up with runs 8000 a frame and says so") {
  TestSession s;
  REQUIRE(s.apply_settings(R"({"speed": 100000})").ok());
  s.train();
  s.advance(0.25);  // asks for 25000
  CHECK(s.state().frame_asked == 25000);
  CHECK(s.state().frame_iterations == 8000);
  CHECK(s.state().frame_cut);
  CHECK(s.state().speed_limited());
  CHECK(s.state().speed_carry == 0.0);  // what did not fit is not owed later
  // "max": as many as the budget allows, and no message about a limit.
  REQUIRE(s.apply_settings(R"({"speed": "max"})").ok());
  s.advance(0.25);
  CHECK(s.state().frame_asked == -1);
  CHECK(s.state().frame_iterations == 8000);
  CHECK_FALSE(s.state().speed_limited());
  CHECK(s.trainer().iteration() == 16000);
  CHECK(same_weights(s.trainer().network(), chapter_trainer(1, 16000).network()));
}

TEST_CASE("app: reset moves to the next seed's weights, restart back to this seed's") {
  TestSession s;
  CHECK(s.step(40) == 40);
  s.restart();
  CHECK(s.trainer().iteration() == 0);
  CHECK(s.state().history.points().empty());
  CHECK(same_weights(s.trainer().network(), chapter_trainer(1).network()));
  s.reset();
  CHECK(s.state().config.seed == 2);
  CHECK(s.trainer().iteration() == 0);
  CHECK(same_weights(s.trainer().network(), chapter_trainer(2).network()));
  CHECK(s.step(30) == 30);
  s.restart();
  CHECK(same_weights(s.trainer().network(), chapter_trainer(2).network()));
  CHECK(s.reset_to_seed("7").ok());
  CHECK(s.state().config.seed == 7);
  CHECK(same_weights(s.trainer().network(), chapter_trainer(7).network()));
  // A bad seed is refused and changes nothing.
  const bp::Status bad = s.reset_to_seed("-3");
  CHECK_FALSE(bad.ok());
  CHECK(contains(bad.error(), "seed"));
  CHECK(s.state().config.seed == 7);
  // Both pause training.
  s.train();
  s.reset();
  CHECK_FALSE(s.training());
}

TEST_CASE("app: the stop rule on iterations stops training at that iteration, with its message") {
  TestSession s;
  REQUIRE(s.apply_settings(R"({"stop_iters": 300, "speed": 1000})").ok());
  s.train();
  int frames = 0;
  while (s.training() && frames < 100) {
    s.advance(0.125);  // 125 a frame: the rule cuts the third frame's to 50
    ++frames;
  }
  CHECK(frames == 3);
  CHECK(s.trainer().iteration() == 300);
  CHECK(s.state().stop_message == "stopped after 300 iterations, as asked");
  CHECK(same_weights(s.trainer().network(), chapter_trainer(1, 300).network()));
  // train() again does nothing more: the rule still holds (message cleared, then said again).
  s.train();
  s.advance(0.125);
  CHECK(s.trainer().iteration() == 300);
  CHECK_FALSE(s.training());
  CHECK(s.state().stop_message == "stopped after 300 iterations, as asked");
}

TEST_CASE("app: the stop rule on the loss stops at the first frame whose C is at the target") {
  TestSession s;
  REQUIRE(s.apply_settings(R"({"stop_loss": 0.05, "speed": 200})").ok());
  // The reference: the chapter's run checked every 10 iterations, as frames of 0.05 s are.
  bp::Trainer ref = chapter_trainer(1);
  long expected = 0;
  while (ref.full_loss() > 0.05 && expected < 100000 && ref.train(10) == 10) expected += 10;
  REQUIRE(ref.full_loss() <= 0.05);
  s.train();
  int frames = 0;
  while (s.training() && frames < 100000) {
    s.advance(0.05);
    ++frames;
  }
  CHECK(s.trainer().iteration() == expected);
  CHECK(frames == expected / 10);
  CHECK(s.state().loss <= 0.05);
  CHECK(s.state().loss == doctest::Approx(ref.full_loss()).epsilon(1e-12));
  CHECK(contains(s.state().stop_message,
                 "stopped at iteration " + std::to_string(expected) + ": the loss"));
  CHECK(contains(s.state().stop_message, "reached the target"));
  CHECK(same_weights(s.trainer().network(), ref.network()));
}

TEST_CASE("app: walk_to runs phases that add up to a plain step, bit for bit") {
  TestSession walked, stepped;
  // 3-4-1: forward 1, forward 2, loss, backward 2, backward 1, update.
  bp::Result<bp::Phase> p = walked.walk_to("loss");
  REQUIRE(p.ok());
  CHECK(p->kind == bp::PhaseKind::Loss);
  CHECK(walked.trainer().phases_done() == 3);
  CHECK(walked.state().config.view.walkthrough);
  p = walked.walk_to("backward");
  REQUIRE(p.ok());
  CHECK(p->kind == bp::PhaseKind::Backward);
  CHECK(p->layer == 2);
  p = walked.walk_to("next");
  REQUIRE(p.ok());
  CHECK(p->kind == bp::PhaseKind::Backward);
  CHECK(p->layer == 1);
  CHECK(walked.trainer().iteration() == 0);
  p = walked.walk_to("update");
  REQUIRE(p.ok());
  CHECK(p->kind == bp::PhaseKind::Update);
  CHECK(walked.trainer().iteration() == 1);
  CHECK(walked.trainer().phases_done() == 0);
  // A whole iteration from its start: "update" runs all six phases.
  REQUIRE(walked.walk_to("update").ok());
  CHECK(stepped.step(2) == 2);
  CHECK(walked.trainer().iteration() == 2);
  CHECK(same_weights(walked.trainer().network(), stepped.trainer().network()));
  CHECK(same_weights(walked.trainer().network(), chapter_trainer(1, 2).network()));
  CHECK(walked.state().history.points().size() == 2);
  CHECK(walked.state().history.points().back().loss ==
        stepped.state().history.points().back().loss);
  // An unknown phase is refused and runs nothing.
  const bp::Result<bp::Phase> bad = walked.walk_to("sideways");
  CHECK_FALSE(bad.ok());
  CHECK(contains(bad.error(), "unknown phase 'sideways'"));
  CHECK(walked.trainer().phases_done() == 0);
}

TEST_CASE("app: editing a data cell keeps the weights, a bad value is refused and named") {
  TestSession s;
  CHECK(s.step(25) == 25);
  const bp::Network before = s.trainer().network();
  bp::app::AppState& st = s.state();
  bp::Dataset d = s.trainer().data();
  d.X(1, 2) = 0.5;
  REQUIRE(st.set_data(d).ok());
  CHECK(s.trainer().data().X(1, 2) == 0.5);
  CHECK(s.trainer().iteration() == 25);
  CHECK(same_weights(s.trainer().network(), before));
  CHECK(st.data_error.empty());
  // The outputs shown are the core's for the new data, at the same weights.
  const bp::Matrix out = before.predict(d.X).value();
  CHECK(st.outputs()(1, 0) == doctest::Approx(out(1, 0)).epsilon(1e-14));
  // A sigmoid cannot reach 2: refused, named, and the data stays as it was.
  bp::Dataset bad = s.trainer().data();
  bad.Y(3, 0) = 2.0;
  const bp::Status refused = st.set_data(bad);
  CHECK_FALSE(refused.ok());
  CHECK(refused.error() ==
        "row 4, target y: 2 is outside 0 to 1: a sigmoid output can never reach it");
  CHECK(st.data_error == refused.error());
  CHECK(s.trainer().data().Y(3, 0) == bp::seed_dataset().Y(3, 0));
  CHECK(s.trainer().data().X(1, 2) == 0.5);
  bad = s.trainer().data();
  bad.X(0, 0) = 1e4;
  CHECK(st.set_data(bad).error() == "row 1, x1: 10000 is outside -1000 to 1000");
}

TEST_CASE("app: choosing 2-D data in the setup panel builds its data and network from the seed") {
  TestSession s;
  bp::app::AppState& st = s.state();
  const bp::Config next = bp::app::with_data_set(st.config, bp::DataSetKind::Circle);
  REQUIRE(st.apply_setup(next).ok());
  CHECK(st.two_d());
  CHECK(st.config.source == bp::DataSource::Generated);
  CHECK(s.trainer().iteration() == 0);
  // The data: the core's circle from the default data options, split, with x1 and x2.
  const bp::SplitDataset split = bp::make_dataset(next.data).value();
  const bp::Dataset train = bp::apply_features(next.features, split.train).value();
  CHECK(s.trainer().data().X == train.X);
  CHECK(s.trainer().data().Y == train.Y);
  CHECK(st.test.size() == split.test.size());
  CHECK(st.points.train.size() + st.points.test.size() == 500);
  // The network: two tanh layers of 4 with biases and Glorot-scaled weights from seed 1, a
  // sigmoid output; the learning rate for many points; cross-entropy for the classes.
  const bp::Network& net = s.trainer().network();
  REQUIRE(net.layers() == 3);
  CHECK(net.size(0) == 2);
  CHECK(net.size(1) == 4);
  CHECK(net.size(2) == 4);
  CHECK(net.has_biases());
  CHECK(net.activation(1) == bp::Activation::Tanh);
  CHECK(net.activation(3) == bp::Activation::Sigmoid);
  CHECK(s.trainer().options().learning_rate == bp::kPlaygroundLearningRate);
  CHECK(s.trainer().options().loss == bp::Loss::CrossEntropy);
  bp::Rng rng(1);
  const bp::Network ref = bp::Network::random(net.spec(), rng, bp::Init::Scaled).value();
  CHECK(same_weights(net, ref));
  // The same page as the link ?data=circle opens (page_defaults), weights and all.
  TestSession linked(bp::parse_page_query("data=circle").value());
  CHECK(same_weights(linked.trainer().network(), net));
  CHECK(linked.trainer().data().X == s.trainer().data().X);
  // The test set's metrics and the heatmap are evaluated from the core.
  CHECK(st.test_metrics.examples == split.test.size());
  CHECK(st.heat.valid);
  CHECK(st.classification());
}

TEST_CASE("app: the page's settings are its one Config, which get(), the link and panels share") {
  TestSession s;
  // Sections open in kSections' order whatever order the link gave; a header closed by the
  // student is gone from what get() says.
  REQUIRE(s.apply_settings(R"({"open": ["share", "setup"], "stop_loss": 0.02})").ok());
  CHECK(contains(s.settings_json(), R"("open": ["setup", "share"])"));
  s.state().set_section_open("share", false);
  CHECK(contains(s.settings_json(), R"("open": ["setup"])"));
  CHECK(s.state().section_open("setup"));
  CHECK_FALSE(s.state().section_open("share"));
  // The stop rule is the config's, and so is the loss the converged event reports.
  REQUIRE(s.state().config.stop.target_loss.has_value());
  CHECK(*s.state().config.stop.target_loss == 0.02);
  CHECK(s.converged_loss() == 0.02);
  REQUIRE(s.apply_settings(R"({"stop_loss": null})").ok());
  CHECK(s.converged_loss() == bp::app::Session::kConvergedLoss);
  // The trainer's options follow the config.
  REQUIRE(s.set_learning_rate(0.5).ok());
  CHECK(s.state().config.training.learning_rate == 0.5);
  CHECK(s.trainer().options().learning_rate == 0.5);
  CHECK(contains(s.link(false), "lr=0.5"));
}

TEST_CASE(
    "app: after Reset, the page's link reproduces a mini-batch run (the seed orders batches)") {
  TestSession s;
  REQUIRE(s.apply_settings(R"({"batch": 2})").ok());
  s.reset();
  s.reset();  // seed 3
  const std::string link = s.link(false);
  CHECK(contains(link, "seed=3"));
  REQUIRE(s.step(25) == 25);
  bp::Result<bp::Config> opened = bp::parse_query(link);
  REQUIRE(opened.ok());
  TestSession again(opened.value());
  REQUIRE(again.step(25) == 25);
  CHECK(same_weights(s.trainer().network(), again.trainer().network()));
}

TEST_CASE(
    "app: a stall with saturated units stops training once, and a lower rate with Restart trains") {
  TestSession s;
  REQUIRE(s.apply_settings(R"({"lr": 50, "speed": 2000})").ok());
  s.train();
  int frames = 0;
  while (s.training() && frames < 1000) {
    s.advance(0.05);  // 100 iterations a frame
    ++frames;
  }
  const bp::app::AppState& st = s.state();
  const long stopped_at = s.trainer().iteration();
  CHECK_FALSE(s.training());
  CHECK(st.stall_stopped);
  CHECK_FALSE(s.trainer().diverged());
  CHECK(stopped_at == 100L * frames);
  CHECK(stopped_at >= bp::app::kStallIterations);  // a stall needs that much history
  // The core's run at that rate, and what it says of the weights the stop left.
  bp::Trainer ref = chapter_trainer(1);
  REQUIRE(ref.set_learning_rate(50).ok());
  REQUIRE(ref.train(stopped_at) == stopped_at);
  CHECK(same_weights(s.trainer().network(), ref.network()));
  bp::StepTrace trace;
  bp::compute_gradients(ref.network(), ref.options().loss, ref.data().X, ref.data().Y, trace);
  const auto saturated = bp::saturated_units(trace, 1);
  CHECK(st.saturated_hidden == static_cast<int>(saturated.size()));
  CHECK(st.saturated_hidden > 0);
  CHECK(st.loss == trace.loss);
  CHECK(st.loss > 0.3);

  // Train again: the stall is said once, so training goes on until the student pauses.
  s.train();
  for (int i = 0; i < 5; ++i) s.advance(0.05);
  CHECK(s.training());
  CHECK(s.trainer().iteration() == stopped_at + 500);
  s.pause();

  // The way back the page offers ("Lower learning rate"): a tenth of the rate, then Restart.
  REQUIRE(s.set_learning_rate(5.0).ok());
  s.restart();
  CHECK_FALSE(st.stall_stopped);
  CHECK(s.trainer().iteration() == 0);
  CHECK(s.step(3000) == 3000);
  CHECK(st.loss < 0.01);
  CHECK(st.saturated_hidden == 0);
}

TEST_CASE("app: a weight or bias typed outside -1e6 to 1e6 is refused and named, nothing changes") {
  TestSession s;
  REQUIRE(s.step(10) == 10);
  bp::app::AppState& st = s.state();
  const bp::Network before = s.trainer().network();
  bp::Status r = st.set_weight(bp::WeightRef{1, 0, 0}, 1e9);
  CHECK(r.error() == "a weight must be a number from -1e6 to 1e6, not 1e+09");
  r = st.set_weight(bp::WeightRef{2, 3, 0}, -std::numeric_limits<double>::infinity());
  CHECK(r.error() == "a weight must be a number from -1e6 to 1e6, not -inf");
  r = st.set_weight(bp::WeightRef{1, 0, 0}, std::nan(""));
  CHECK(contains(r.error(), "a weight must be a number from -1e6 to 1e6"));
  CHECK(same_weights(s.trainer().network(), before));
  // The chapter's network has no biases: the core says so.
  CHECK(contains(st.set_bias(1, 0, 0.5).error(), "no biases"));
  // At the edge of the range a weight is taken as typed.
  REQUIRE(st.set_weight(bp::WeightRef{2, 3, 0}, -1e6).ok());
  CHECK(s.trainer().network().W(2)(3, 0) == -1e6);
  CHECK(s.trainer().iteration() == 10);

  // 2-D data has biases: the same range, the same refusal.
  REQUIRE(s.apply_settings(R"({"data": "circle"})").ok());
  const bp::Network biased = s.trainer().network();
  REQUIRE(biased.has_biases());
  CHECK(st.set_bias(1, 0, -2e6).error() == "a bias must be a number from -1e6 to 1e6, not -2e+06");
  CHECK(same_weights(s.trainer().network(), biased));
  REQUIRE(st.set_bias(1, 0, 0.75).ok());
  CHECK(s.trainer().network().b(1)(0) == 0.75);
}
