// What is saved can be loaded: after a run diverges (weights NaN or infinite), every writer
// (the JSON document, the link, the CSV exports) writes only finite numbers, the document
// marks the run as diverged and leaves the weights out, and the student's data survives.
#include <doctest/doctest.h>

#include <cctype>
#include <cmath>
#include <limits>
#include <string>

#include "common.hpp"
#include "config/config.hpp"
#include "config/csv.hpp"
#include "config/page_config.hpp"
#include "core/history.hpp"
#include "core/trainer.hpp"

using bp_test::contains;
using bp_test::kDivergingLink;

namespace {

// No "nan", "inf" or "-nan" token anywhere in the text (case-insensitive).
bool has_non_finite_token(std::string text) {
  for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return contains(text, "nan") || contains(text, "inf");
}

// The page's state after step(50): the Config the link gives, with the trained weights.
struct Diverged {
  bp::Config start;    // as the link opened it
  bp::Config trained;  // with the weights after 50 steps (not finite)
  bp::LossHistory history{64};
};

Diverged diverge() {
  Diverged d;
  d.start = bp::parse_page_query(kDivergingLink).value();
  const bp::ConfigData data = bp::make_data(d.start).value();
  bp::Trainer t = bp::Trainer::create(bp::make_network(d.start).value(), data.train,
                                      bp::trainer_options(d.start))
                      .value();
  for (int i = 0; i < 50; ++i) {
    const bool ok = t.step();
    d.history.add(t.iteration(), t.loss());
    if (!ok) break;
  }
  REQUIRE(t.diverged());
  REQUIRE_FALSE(std::isfinite(d.history.points().back().loss));
  d.trained = d.start;
  d.trained.weights.clear();
  d.trained.bias_values.clear();
  const bp::Network& net = t.network();
  bool finite = true;
  for (int l = 1; l <= net.layers(); ++l) {
    d.trained.weights.push_back(net.W(l));
    finite = finite && net.W(l).allFinite();
    if (net.has_biases()) {
      d.trained.bias_values.push_back(net.b(l));
      finite = finite && net.b(l).allFinite();
    }
  }
  REQUIRE_FALSE(finite);  // the case the writers must handle
  return d;
}

}  // namespace

TEST_CASE("After divergence the JSON document keeps settings and data, marks it, no weights") {
  const Diverged d = diverge();
  const std::string json = bp::config_to_json(d.trained);
  CHECK_FALSE(has_non_finite_token(json));
  CHECK(contains(json, "\"diverged\": true"));
  CHECK_FALSE(contains(json, "\"network\""));
  CHECK(contains(json, "\"rows\""));

  // Read back: the same settings and data, no weights (so the seed's initial ones), marked.
  const bp::Result<bp::Config> back = bp::config_from_json(json);
  REQUIRE_MESSAGE(back.ok(), back.error());
  CHECK(back->diverged);
  CHECK(back->weights.empty());
  CHECK(back->bias_values.empty());
  bp::Config expected = d.start;
  expected.weights.clear();
  expected.bias_values.clear();
  CHECK(back.value() == expected);
  CHECK(back->rows.X == d.start.rows.X);
  CHECK(back->rows.Y == d.start.rows.Y);
  // make_network gives the seed's initial weights, the ones the run started from.
  const bp::Network fresh = bp::make_network(back.value()).value();
  const bp::Network initial = bp::make_network(d.start).value();
  for (int l = 1; l <= fresh.layers(); ++l) CHECK(fresh.W(l) == initial.W(l));
  // Writing what was read gives the same text (the mark stays with the document).
  CHECK(bp::config_to_json(back.value()) == json);
  // The page's reader takes it too.
  const bp::Result<bp::Config> page = bp::page_config_from_json(json);
  REQUIRE_MESSAGE(page.ok(), page.error());
  CHECK(page->diverged);
  CHECK(page->rows.X == d.start.rows.X);
}

TEST_CASE("After divergence the link leaves the weights out and keeps the points") {
  const Diverged d = diverge();
  for (bool with_weights : {true, false}) {
    const std::string q = bp::page_query(d.trained, with_weights);
    CHECK_FALSE(has_non_finite_token(q));
    CHECK_FALSE(contains(q, "weights="));
    CHECK(contains(q, "rows="));
    const bp::Result<bp::Config> back = bp::parse_page_query(q);
    REQUIRE_MESSAGE(back.ok(), back.error());
    CHECK(back->rows.X == d.start.rows.X);
    CHECK(back->rows.Y == d.start.rows.Y);
    CHECK(back->weights.empty());
    CHECK(back->training.learning_rate == d.start.training.learning_rate);
    CHECK(back->hidden == d.start.hidden);
  }
  // The plain link writer too.
  const std::string q = bp::to_query(d.trained, true);
  CHECK_FALSE(has_non_finite_token(q));
  CHECK_FALSE(contains(q, "weights="));
  CHECK(bp::parse_query(q).ok());
}

TEST_CASE("After divergence the CSV exports hold only finite numbers") {
  const Diverged d = diverge();
  const std::string data = bp::data_to_csv(d.trained.rows).value();
  CHECK_FALSE(has_non_finite_token(data));
  CHECK(bp::read_csv(data).value().X == d.start.rows.X);
  // The loss curve: a loss that is not a number is an empty cell.
  const std::string curve = bp::loss_history_to_csv(d.history);
  CHECK_FALSE(has_non_finite_token(curve));
  CHECK(contains(curve, "iteration,loss\n1,"));
  const std::string last = curve.substr(curve.rfind('\n', curve.size() - 2) + 1);
  CHECK(last == std::to_string(d.history.points().back().iteration) + ",\n");
}

TEST_CASE("A document marked diverged: read, checked, refused with weights") {
  const std::string head = R"({"format": "backprop", "version": 1, "settings": {"seed": 5}, )";
  const bp::Result<bp::Config> marked = bp::config_from_json(head + R"("diverged": true})");
  REQUIRE_MESSAGE(marked.ok(), marked.error());
  CHECK(marked->diverged);
  CHECK(marked->seed == 5);
  const bp::Result<bp::Config> unmarked = bp::config_from_json(head + R"("diverged": false})");
  REQUIRE_MESSAGE(unmarked.ok(), unmarked.error());
  CHECK_FALSE(unmarked->diverged);
  CHECK_FALSE(contains(bp::config_to_json(unmarked.value()), "diverged"));

  const bp::Result<bp::Config> both = bp::config_from_json(
      head + R"("diverged": true, "network": {"weights": [[[1,1,1,1],[1,1,1,1],[1,1,1,1]],)" +
      R"([[1],[1],[1],[1]]]}})");
  REQUIRE_FALSE(both.ok());
  CHECK(contains(both.error(), "diverged"));
  CHECK(contains(both.error(), "network"));

  const bp::Result<bp::Config> text = bp::config_from_json(head + R"("diverged": "yes"})");
  REQUIRE_FALSE(text.ok());
  CHECK(contains(text.error(), "diverged: expected true or false, got the string 'yes'"));
}

TEST_CASE("The JSON writer never writes a non-finite number, whatever it is given") {
  bp::Config c;
  c.weights = {bp::Matrix::Constant(3, 4, 0.5), bp::Matrix::Constant(4, 1, 0.25)};
  c.weights[1](2, 0) = std::numeric_limits<double>::infinity();
  const std::string json = bp::config_to_json(c);
  CHECK_FALSE(has_non_finite_token(json));
  CHECK(contains(json, "\"diverged\": true"));
  CHECK(bp::config_from_json(json).ok());
  // Finite weights are written as before, with no mark.
  c.weights[1](2, 0) = 1.5;
  const std::string ok = bp::config_to_json(c);
  CHECK_FALSE(contains(ok, "diverged"));
  CHECK(contains(ok, "\"network\""));
  CHECK(bp::config_from_json(ok).value() == c);
}
