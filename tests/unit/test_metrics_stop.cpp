// Evaluation metrics (loss and accuracy, checked against values computed by hand) and stop
// rules, then the pieces together: a generated data set, features, a regularized trainer,
// train and test metrics, and a stop rule, as the page will use them.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "common.hpp"
#include "core/datasets.hpp"
#include "core/features.hpp"
#include "core/metrics.hpp"
#include "core/stop.hpp"
#include "core/trainer.hpp"

using bp_test::contains;

namespace {

// A 2-1 sigmoid unit with W = [1, -1]^T and four points whose outputs are
// s(0) = 0.5, s(2) = 0.8808, s(-1) = 0.2689, s(-2) = 0.1192 against targets 1, 1, 0, 1.
struct HandCase {
  bp::Network net = [] {
    bp::NetworkSpec s;
    s.sizes = {2, 1};
    s.activations = {bp::Activation::Sigmoid};
    bp::Network n = bp::Network::create(s).value();
    n.W(1) << 1.0, -1.0;
    return n;
  }();
  bp::Dataset data = [] {
    bp::Dataset d;
    d.X.resize(4, 2);
    d.X << 0, 0, 2, 0, 0, 1, 1, 3;
    d.Y.resize(4, 1);
    d.Y << 1, 1, 0, 1;
    return d;
  }();
};

}  // namespace

TEST_CASE("metrics by hand: loss, mean loss and accuracy (0.5 counts as class 0)") {
  const HandCase h;
  // 1/2 [(1 - 0.5)^2 + (1 - s(2))^2 + s(-1)^2 + (1 - s(-2))^2], computed in Python's math.
  const bp::Metrics se = bp::evaluate(h.net, h.data, bp::Loss::SquaredError).value();
  CHECK(se.examples == 4);
  CHECK(se.loss == doctest::Approx(0.5561711586607501).epsilon(1e-14));
  CHECK(se.mean_loss == doctest::Approx(0.13904278966518752).epsilon(1e-14));
  // Correct: s(2) > 0.5 for target 1, s(-1) <= 0.5 for target 0; wrong: 0.5 and s(-2) for 1.
  REQUIRE(se.accuracy.has_value());
  CHECK(*se.accuracy == 0.5);
  // -[ln 0.5 + ln s(2) + ln(1 - s(-1)) + ln s(-2)]
  const bp::Metrics ce = bp::evaluate(h.net, h.data, bp::Loss::CrossEntropy).value();
  CHECK(ce.loss == doctest::Approx(3.2602648901641134).epsilon(1e-14));
  CHECK(ce.mean_loss == doctest::Approx(0.8150662225410283).epsilon(1e-14));
  CHECK(*ce.accuracy == 0.5);
}

TEST_CASE("measure from outputs already computed gives the same metrics as evaluate") {
  const HandCase h;
  const bp::Matrix out = h.net.predict(h.data.X).value();
  for (bp::Loss loss : {bp::Loss::SquaredError, bp::Loss::CrossEntropy}) {
    const bp::Metrics a = bp::evaluate(h.net, h.data, loss).value();
    const bp::Metrics b = bp::measure(out, h.data.Y, loss);
    CHECK(b.examples == 4);
    CHECK(b.loss == a.loss);
    CHECK(b.mean_loss == a.mean_loss);
    CHECK(b.accuracy == a.accuracy);
  }
  // Regression targets: no accuracy; mismatched shapes: nothing measured.
  bp::Matrix y = h.data.Y;
  y(0, 0) = 0.25;
  CHECK_FALSE(bp::measure(out, y, bp::Loss::SquaredError).accuracy.has_value());
  const bp::Metrics none = bp::measure(out, bp::Matrix::Zero(3, 1), bp::Loss::SquaredError);
  CHECK(none.examples == 0);
  CHECK(std::isnan(none.mean_loss));
}

TEST_CASE("metrics: regression targets have no accuracy, nor empty or bad data") {
  HandCase h;
  h.data.Y << 0.3, 1, 0, 1;  // not all 0/1
  const bp::Metrics m = bp::evaluate(h.net, h.data, bp::Loss::SquaredError).value();
  CHECK_FALSE(m.accuracy.has_value());
  CHECK(m.loss == doctest::Approx(0.5561711586607501 - 0.5 * 0.25 + 0.5 * 0.04).epsilon(1e-14));
  CHECK(bp::has_binary_labels(bp::seed_dataset()));
  CHECK_FALSE(bp::has_binary_labels(h.data));

  bp::Dataset empty;
  empty.X.resize(0, 2);
  empty.Y.resize(0, 1);
  const bp::Metrics e = bp::evaluate(h.net, empty, bp::Loss::SquaredError).value();
  CHECK(e.examples == 0);
  CHECK(e.loss == 0.0);
  CHECK(std::isnan(e.mean_loss));
  CHECK_FALSE(e.accuracy.has_value());

  bp::Dataset wide = HandCase().data;
  wide.X = bp::Matrix::Zero(4, 3);
  CHECK(contains(bp::evaluate(h.net, wide, bp::Loss::SquaredError).error(), "3 columns"));
  bp::Dataset nan = HandCase().data;
  nan.Y(1, 0) = std::numeric_limits<double>::quiet_NaN();
  CHECK(contains(bp::evaluate(h.net, nan, bp::Loss::SquaredError).error(), "NaN"));
  bp::Dataset rows = HandCase().data;
  rows.Y = bp::Matrix::Zero(3, 1);
  CHECK(contains(bp::evaluate(h.net, rows, bp::Loss::SquaredError).error(),
                 "inputs have 4 rows but targets have 3"));
}

TEST_CASE("metrics agree with the trainer's full loss") {
  bp::Rng rng(3);
  bp::Trainer t =
      bp::Trainer::create(bp::Network::random(bp::NetworkSpec{}, rng).value(), bp::seed_dataset())
          .value();
  t.train(500);
  const bp::Metrics m = bp::evaluate(t.network(), t.data(), bp::Loss::SquaredError).value();
  CHECK(m.loss == doctest::Approx(t.full_loss()).epsilon(1e-14));
  CHECK(*m.accuracy == 1.0);  // the chapter's outputs after 500 iterations are on the right side
}

TEST_CASE("stop rules: target loss, iterations, neither, both, and their messages") {
  bp::StopRule none;
  CHECK_FALSE(bp::check_stop(none, 1000000, 0.0));

  bp::StopRule target;
  target.target_loss = 0.01;
  CHECK_FALSE(bp::check_stop(target, 10, 0.0100001));
  const bp::StopCheck hit = bp::check_stop(target, 12, 0.01);  // "at or below"
  CHECK(hit.reason == bp::StopReason::TargetLoss);
  CHECK(hit.message == "stopped at iteration 12: the loss 0.01 reached the target 0.01");
  CHECK_FALSE(bp::check_stop(target, 12, std::numeric_limits<double>::quiet_NaN()));

  bp::StopRule count;
  count.max_iterations = 300;
  CHECK_FALSE(bp::check_stop(count, 299, 5.0));
  const bp::StopCheck done = bp::check_stop(count, 300, 5.0);
  CHECK(done.reason == bp::StopReason::MaxIterations);
  CHECK(done.message == "stopped after 300 iterations, as asked");
  CHECK(bp::check_stop(count, 301, 5.0).reason == bp::StopReason::MaxIterations);

  bp::StopRule both = count;
  both.target_loss = 0.5;
  CHECK(bp::check_stop(both, 300, 0.25).reason == bp::StopReason::TargetLoss);
  CHECK(bp::check_stop(both, 300, 0.75).reason == bp::StopReason::MaxIterations);
  CHECK(bp::check_stop(both, 100, 0.75).message.empty());
}

TEST_CASE("stop rules: bad values are refused with the field named") {
  bp::StopRule r;
  CHECK(bp::validate(r).ok());
  r.target_loss = -0.1;
  CHECK(contains(bp::validate(r).error(), "target loss must be 0 or more"));
  r.target_loss = std::numeric_limits<double>::infinity();
  CHECK(contains(bp::validate(r).error(), "target loss must be a finite number"));
  r.target_loss = 0.0;
  CHECK(bp::validate(r).ok());
  r.max_iterations = 0;
  CHECK(contains(bp::validate(r).error(), "number of iterations to stop at"));
  r.max_iterations = bp::kMaxStopIterations + 1;
  CHECK_FALSE(bp::validate(r).ok());
  r.max_iterations = 1;
  CHECK(bp::validate(r).ok());
}

TEST_CASE("together: circle data, x1^2 and x2^2 features, L2, stop at a target test loss") {
  bp::DataSetOptions o;
  o.kind = bp::DataSetKind::Circle;
  o.points = 400;
  o.noise_percent = 5;
  o.seed = 17;
  const bp::SplitDataset split = bp::make_dataset(o).value();
  bp::FeatureSet f = bp::FeatureSet::none();
  f.set(bp::Feature::X1Squared).set(bp::Feature::X2Squared);
  const bp::Dataset train = bp::apply_features(f, split.train).value();
  const bp::Dataset test = bp::apply_features(f, split.test).value();

  bp::NetworkSpec spec;
  spec.sizes = {f.count(), 4, 1};
  spec.activations = {bp::Activation::Tanh, bp::suggested_output(o.kind)};
  spec.biases = true;
  bp::Rng rng(1);
  bp::TrainerOptions to;
  to.loss = bp::suggested_loss(o.kind);
  to.learning_rate = 0.01;
  to.batch_size = 10;
  to.regularization = bp::Regularization::L2;
  to.regularization_rate = 0.001;
  bp::Trainer t =
      bp::Trainer::create(bp::Network::random(spec, rng, bp::Init::Scaled).value(), train, to)
          .value();
  bp::StopRule rule;
  rule.target_loss = 0.1;  // mean cross-entropy on the test set
  rule.max_iterations = 20000;
  bp::StopCheck stop;
  while (!stop) {
    REQUIRE(t.step());
    if (t.iteration() % 20 == 0 || t.iteration() == *rule.max_iterations) {
      const bp::Metrics m = bp::evaluate(t.network(), test, to.loss).value();
      stop = bp::check_stop(rule, t.iteration(), m.mean_loss);
    }
  }
  MESSAGE(stop.message);
  CHECK(stop.reason == bp::StopReason::TargetLoss);
  const bp::Metrics tr = bp::evaluate(t.network(), train, to.loss).value();
  const bp::Metrics te = bp::evaluate(t.network(), test, to.loss).value();
  CHECK(te.mean_loss <= 0.1);
  CHECK(*tr.accuracy >= 0.95);
  CHECK(*te.accuracy >= 0.95);
  CHECK(t.penalty() > 0.0);
}
