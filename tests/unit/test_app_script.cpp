// The page's scripting side without a browser: the events scripts listen to, get() and set()
// (settings_json, apply_settings) with their all-or-nothing refusals, files opened or dropped
// (a JSON document, CSV rows, bad text, a document saved after divergence), and the script
// arguments read as text. References come from the core and from nlohmann-json.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "app_session.hpp"
#include "config/page_config.hpp"
#include "config/text.hpp"

using bp_test::chapter_trainer;
using bp_test::contains;
using bp_test::kDivergingLink;
using bp_test::same_weights;
using bp_test::TestSession;
using Session = bp::app::Session;

namespace {

// Iterations of the chapter's run (seed 1) until C at the current weights is at most target.
long iterations_to(double target) {
  bp::Trainer t = chapter_trainer(1);
  long n = 0;
  while (t.full_loss() > target && n < 1000000 && t.step()) ++n;
  REQUIRE(t.full_loss() <= target);
  return n;
}

}  // namespace

TEST_CASE("app: poll_events reports a step, and convergence once C reaches 0.01") {
  TestSession s;
  Session::EventWatch watch;
  CHECK(s.poll_events(watch) == 0);
  CHECK(s.converged_loss() == 0.01);
  const long n = iterations_to(0.01);
  REQUIRE(n > 1);
  CHECK(s.step(n - 1) == n - 1);
  CHECK(s.poll_events(watch) == Session::kEventStep);
  CHECK(s.poll_events(watch) == 0);  // nothing new
  CHECK(s.step(1) == 1);
  CHECK(s.loss() <= 0.01);
  CHECK(s.poll_events(watch) == (Session::kEventStep | Session::kEventConverged));
  CHECK(s.step(1) == 1);
  CHECK(s.poll_events(watch) == Session::kEventStep);  // still converged: said once
  CHECK(watch.iteration == n + 1);
  s.restart();  // a rewind to 0 is a step too, and not converged
  CHECK(s.poll_events(watch) == Session::kEventStep);
  CHECK_FALSE(watch.converged);
}

TEST_CASE("app: the converged event uses the student's stop loss as its threshold") {
  TestSession s;
  REQUIRE(s.apply_settings(R"({"stop_loss": 0.05})").ok());
  CHECK(s.converged_loss() == 0.05);
  Session::EventWatch watch;
  CHECK(s.poll_events(watch) == 0);
  const long n = iterations_to(0.05);
  CHECK(s.step(n - 1) == n - 1);
  CHECK(s.poll_events(watch) == Session::kEventStep);
  CHECK(s.step(1) == 1);
  CHECK(s.poll_events(watch) == (Session::kEventStep | Session::kEventConverged));
  CHECK(s.loss() > 0.01);  // the default threshold was not what counted
  REQUIRE(s.apply_settings(R"({"stop_loss": null})").ok());
  CHECK(s.converged_loss() == Session::kConvergedLoss);
}

TEST_CASE("app: poll_events reports divergence once, and training then does not start") {
  TestSession s(bp::parse_page_query(kDivergingLink).value());
  Session::EventWatch watch;
  const long ran = s.step(50);
  CHECK(ran < 50);
  CHECK(s.trainer().diverged());
  CHECK(s.trainer().iteration() == ran);
  CHECK(s.poll_events(watch) == (Session::kEventStep | Session::kEventDiverged));
  CHECK(s.poll_events(watch) == 0);
  CHECK(contains(s.message(), "diverged"));
  CHECK(s.state().run_diverged());
  s.train();
  CHECK_FALSE(s.training());
}

TEST_CASE("app: get() and set() round trip the settings, and set() changes only what differs") {
  TestSession a;
  REQUIRE(a.apply_settings(R"({"hidden": [5, 3], "act": "tanh", "lr": 0.5, "stop_loss": 0.02,
                               "speed": 50, "walk": true, "tab": "matrices", "seed": 4})")
              .ok());
  const std::string got = a.settings_json();
  const nlohmann::json j = nlohmann::json::parse(got);
  CHECK(j.at("hidden") == nlohmann::json::array({5, 3}));
  CHECK(j.at("lr").get<double>() == 0.5);
  CHECK(j.at("stop_loss").get<double>() == 0.02);
  CHECK(j.at("speed").get<double>() == 50.0);
  CHECK(j.at("walk").get<bool>());
  CHECK(j.at("tab") == "matrices");
  CHECK(j.at("seed").get<int>() == 4);
  // Another page given these settings is the same page, with the same initial weights.
  TestSession b;
  REQUIRE(b.apply_settings(got).ok());
  CHECK(b.settings_json() == got);
  CHECK(same_weights(a.trainer().network(), b.trainer().network()));
  bp::Rng rng(4);
  bp::NetworkSpec spec;
  spec.sizes = {3, 5, 3, 1};
  spec.activations = {bp::Activation::Tanh, bp::Activation::Tanh, bp::Activation::Sigmoid};
  CHECK(same_weights(a.trainer().network(), bp::Network::random(spec, rng).value()));
  // Setting what is already set changes nothing, not even the iteration.
  a.set_walkthrough(false);
  CHECK(a.step(12) == 12);
  REQUIRE(a.apply_settings(a.settings_json()).ok());
  CHECK(a.trainer().iteration() == 12);
}

TEST_CASE("app: set() of a learning rate keeps the weights and the iteration") {
  TestSession s;
  CHECK(s.step(20) == 20);
  const bp::Network before = s.trainer().network();
  s.train();
  REQUIRE(s.apply_settings(R"({"lr": 0.5})").ok());
  CHECK(s.training());  // options keep training going
  s.pause();
  CHECK(s.trainer().iteration() == 20);
  CHECK(same_weights(s.trainer().network(), before));
  CHECK(s.trainer().options().learning_rate == 0.5);
  CHECK(s.step(10) == 10);
  bp::Trainer ref = chapter_trainer(1, 20);
  REQUIRE(ref.set_learning_rate(0.5).ok());
  REQUIRE(ref.train(10) == 10);
  CHECK(same_weights(s.trainer().network(), ref.network()));
  // The scripts' setLearningRate reads its argument with the one number syntax.
  const bp::Status hex = s.set_learning_rate(std::string_view("0x10"));
  CHECK_FALSE(hex.ok());
  CHECK(contains(hex.error(), "the learning rate must be a number"));
  CHECK(s.trainer().options().learning_rate == 0.5);
  CHECK(s.set_learning_rate(std::string_view("0.25")).ok());
  CHECK(s.trainer().options().learning_rate == 0.25);
}

TEST_CASE("app: set() of a new shape starts again at iteration 0 from the seed") {
  TestSession s;
  CHECK(s.step(20) == 20);
  REQUIRE(s.apply_settings(R"({"hidden": [8, 8]})").ok());
  CHECK(s.trainer().iteration() == 0);
  CHECK(s.state().history.points().empty());
  bp::NetworkSpec spec;
  spec.sizes = {3, 8, 8, 1};
  spec.activations = {bp::Activation::Sigmoid, bp::Activation::Sigmoid, bp::Activation::Sigmoid};
  bp::Rng rng(1);
  CHECK(same_weights(s.trainer().network(), bp::Network::random(spec, rng).value()));
}

TEST_CASE("app: set() is all or nothing and names the field it refuses") {
  TestSession s;
  CHECK(s.step(15) == 15);
  const std::string before = s.settings_json();
  const bp::Network weights = s.trainer().network();
  const auto unchanged = [&] {
    CHECK(s.settings_json() == before);
    CHECK(s.trainer().iteration() == 15);
    CHECK(same_weights(s.trainer().network(), weights));
  };
  bp::Status st = s.apply_settings(R"({"lr": 0.5, "hidden": [99]})");
  CHECK_FALSE(st.ok());
  CHECK(contains(st.error(), "hidden"));
  CHECK(contains(st.error(), "99"));
  unchanged();
  st = s.apply_settings(R"({"speed": 20, "lr": -1})");
  CHECK_FALSE(st.ok());
  CHECK(contains(st.error(), "lr"));
  unchanged();
  st = s.apply_settings(R"({"colour": "red"})");
  CHECK_FALSE(st.ok());
  CHECK(contains(st.error(), "colour"));
  unchanged();
  st = s.apply_settings(R"({"select": [3, 0, 0]})");  // the chapter's network has 2 layers
  CHECK_FALSE(st.ok());
  CHECK(contains(st.error(), "select"));
  unchanged();
  // Each of these is refused whole, naming what is wrong, and the lr beside it is not applied.
  for (const auto& [json, named] : std::initializer_list<std::pair<const char*, const char*>>{
           {R"({"lr": 0.1, "select": [1, 3, 0]})", "select"},  // W1 is 3 x 4
           {R"({"lr": 0.1, "speed": 0})", "speed"},
           {R"({"lr": 0.1, "seed": 1.5})", "seed"},
           {R"({"lr": 0.1, "seed": null})", "seed"},
           {R"({"lr": 0.1, "act": ["swish"]})", "act"},
           {R"({"lr": 0.1, "walk": "yes"})", "walk"},
           {R"({"lr": 0.1, "data": "moon"})", "moon"},
           {R"({"lr": "fast", "seed": 9})",
            "settings.lr: expected a number, got the string 'fast'"},
       }) {
    CAPTURE(json);
    st = s.apply_settings(json);
    CHECK(contains(st.error(), named));
    unchanged();
  }
  st = s.apply_settings("{\"lr\": }");
  CHECK_FALSE(st.ok());
  CHECK(contains(st.error(), "line 1"));
  unchanged();
  st = s.apply_settings(std::string(bp::kMaxTextBytes + 1, ' '));
  CHECK(st.error() == Session::too_large("the settings", bp::kMaxTextBytes + 1));
  unchanged();
}

TEST_CASE("app: a JSON document loads bit for bit: settings and weights") {
  TestSession a;
  REQUIRE(a.apply_settings(R"({"hidden": [5], "lr": 0.7, "seed": 9})").ok());
  CHECK(a.step(37) == 37);
  const std::string doc = a.document();
  TestSession b;
  const bp::Status loaded = b.load_file("run.json", doc);
  REQUIRE(loaded.ok());
  CHECK(b.state().file_message == "Loaded 'run.json': its settings and weights.");
  CHECK(same_weights(b.trainer().network(), a.trainer().network()));
  CHECK(b.settings_json() == a.settings_json());
  CHECK(b.trainer().iteration() == 0);  // the saved weights are where the run starts again
  CHECK(b.loss() == a.loss());
  // With a UTF-8 byte order mark in front, the same.
  TestSession c;
  REQUIRE(c.load_file("bom.json", "\xEF\xBB\xBF" + doc).ok());
  CHECK(same_weights(c.trainer().network(), a.trainer().network()));
}

TEST_CASE("app: CSV rows load as the student's own 2-D points") {
  TestSession s;
  std::string csv;
  int n = 0;
  for (int i = 0; i < 5; ++i)
    for (int k = 0; k < 4; ++k) {
      const double x1 = -2.0 + i, x2 = -1.5 + k;
      csv += std::to_string(x1) + "," + std::to_string(x2) + "," + (x1 * x2 > 0 ? "1" : "0") + "\n";
      ++n;
    }
  const bp::Status loaded = s.load_file("points.csv", csv);
  REQUIRE(loaded.ok());
  const bp::app::AppState& st = s.state();
  CHECK(st.config.source == bp::DataSource::Custom);
  CHECK(st.points.train.size() + st.points.test.size() == n);
  CHECK(st.points.train.size() == 10);  // the default split, 50%
  CHECK(st.file_message ==
        "Loaded 'points.csv': Loaded 20 points: 10 for training, 10 for testing.");
  // Classes 0 and 1: a sigmoid output and cross-entropy; x1 and x2 as the inputs.
  CHECK(s.trainer().network().size(0) == 2);
  CHECK(s.trainer().network().activation(s.trainer().network().layers()) ==
        bp::Activation::Sigmoid);
  CHECK(s.trainer().options().loss == bp::Loss::CrossEntropy);
  CHECK(s.trainer().data().X == st.points.train.X);
  // Every row read is one of the page's points: x1 and x2 each sum to 0, and 8 of the 20
  // labels are 1 (x1 and x2 of the same sign).
  double x_sum = 0, y_sum = 0;
  for (const bp::Dataset* d : {&st.points.train, &st.points.test}) {
    x_sum += d->X.cwiseAbs().sum();
    y_sum += d->Y.sum();
  }
  CHECK(x_sum == doctest::Approx(4 * (2 + 1 + 0 + 1 + 2) + 5 * (1.5 + 0.5 + 0.5 + 1.5)));
  CHECK(y_sum == 8);
}

TEST_CASE("app: bad files are refused with the reason and change nothing") {
  TestSession s;
  CHECK(s.step(15) == 15);
  const std::string before = s.settings_json();
  const bp::Network weights = s.trainer().network();
  const auto unchanged = [&] {
    CHECK(s.settings_json() == before);
    CHECK(s.trainer().iteration() == 15);
    CHECK(same_weights(s.trainer().network(), weights));
    CHECK_FALSE(s.state().two_d());
  };
  bp::Status st = s.load_file("broken.json", "{\"settings\": {\"lr\": }}");
  CHECK_FALSE(st.ok());
  CHECK(contains(s.state().file_message, "Not loaded 'broken.json': "));
  CHECK(contains(st.error(), "line 1"));
  unchanged();
  st = s.load_file("other.json", R"({"settings": {"lr": 0.5}})");
  CHECK(st.error() == "format: not a backprop file (it needs \"format\": \"backprop\")");
  unchanged();
  st =
      s.load_file("wrong.json",
                  R"({"format": "backprop", "version": 1, "settings": {"lr": 2, "hidden": [99]}})");
  CHECK_FALSE(st.ok());
  CHECK(contains(st.error(), "hidden"));
  unchanged();
  st = s.load_file("rows.csv", "1,2,0\n3,oops,1\n");
  CHECK_FALSE(st.ok());
  CHECK(contains(st.error(), "line 2"));
  CHECK(contains(s.state().csv_message, "Not loaded: "));
  unchanged();
  st = s.load_file("one.csv", "1,2,0\n");
  CHECK_FALSE(st.ok());
  CHECK(contains(st.error(), "2 to 2000 points"));
  unchanged();
  st = s.load_file("picture.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  CHECK_FALSE(st.ok());
  CHECK(contains(s.state().file_message, "Not loaded 'picture.png'"));
  unchanged();
  st = s.load_file("huge.csv", std::string(bp::kMaxTextBytes + 1, '1'));
  CHECK(st.error() == Session::too_large("the file", bp::kMaxTextBytes + 1));
  unchanged();
}

TEST_CASE("app: a document saved after divergence loads its settings and data, no weights") {
  TestSession d(bp::parse_page_query(kDivergingLink).value());
  CHECK(d.step(50) < 50);
  REQUIRE(d.trainer().diverged());
  const std::string doc = d.document();
  CHECK(contains(doc, "\"diverged\": true"));
  TestSession e;
  const bp::Status loaded = e.load_file("diverged.json", doc);
  REQUIRE(loaded.ok());
  CHECK(contains(e.state().file_message, "Its run had diverged, so it holds no weights"));
  CHECK(contains(e.state().file_message, "from seed 1's initial weights"));
  CHECK_FALSE(e.trainer().diverged());
  CHECK(e.trainer().iteration() == 0);
  CHECK(same_weights(e.trainer().network(), d.trainer().initial_network()));
  CHECK(e.trainer().data().X == d.trainer().data().X);
  CHECK(e.trainer().data().Y == d.trainer().data().Y);
  CHECK(e.trainer().options().learning_rate == 1e6);
}

TEST_CASE("app: script arguments arrive as text and are read with the one number syntax") {
  TestSession s;
  CHECK(s.select("2", "3", "0").ok());
  CHECK(s.state().config.view.selected.layer == 2);
  CHECK(s.state().config.view.selected.row == 3);
  bp::Status st = s.select("1.9", "0", "0");
  CHECK(contains(st.error(), "layer must be a whole number"));
  st = s.select("1", "4", "0");  // W1 is 3 x 4
  CHECK_FALSE(st.ok());
  CHECK(contains(st.error(), "W1"));
  CHECK(s.state().config.view.selected.layer == 2);  // unchanged
  CHECK(s.set_example("3").ok());
  CHECK(s.state().example == 3);
  st = s.set_example("4");
  CHECK(st.error() == "there is no example 4: the data has rows 0 to 3");
  CHECK(s.state().example == 3);
  // What a script may pass as an index, read as text: not a number, past int, negative.
  CHECK(s.set_example("abc").error() ==
        "row must be a whole number: 'abc' is not a number (write numbers like 2, -0.5 or 1e-3)");
  CHECK(s.set_example("4294967299").error() ==
        "row must be a whole number: '4294967299' is more than 2147483647");
  CHECK(contains(s.set_example("-1").error(),
                 "row must be a whole number: '-1' is not a whole number from 0"));
  CHECK(s.select("4294967298", "0", "0").error() ==
        "layer must be a whole number: '4294967298' is more than 2147483647");
  CHECK(s.state().example == 3);
  CHECK(s.state().config.view.selected.layer == 2);
}

TEST_CASE("app: a refused link leaves the chapter's page with the reason to show") {
  Session s;
  bp::Config wanted;
  wanted.training.learning_rate = 0.5;
  REQUIRE(s.start(wanted, "lr: must be above 0").ok());
  CHECK(s.state().settings_error == "lr: must be above 0");
  CHECK(s.trainer().options().learning_rate == 1.0);  // not applied
  CHECK(same_weights(s.trainer().network(), chapter_trainer(1).network()));
  bp::Config autoplay;
  autoplay.view.autoplay = true;
  Session t;
  REQUIRE(t.start(autoplay).ok());
  CHECK(t.training());
}

TEST_CASE("app: the text size: a script's number is checked and named, buttons and pinch clamp") {
  TestSession s;
  CHECK(s.text_size() == 1.0);
  CHECK(s.set_text_size(std::string_view("1.5")));
  CHECK(s.text_size() == 1.5);
  // Refused, named, and the size stays.
  const bp::Status big = s.set_text_size(std::string_view("3"));
  REQUIRE_FALSE(big);
  CHECK(contains(big.error(), "from 0.75 (75 %) to 2.5 (250 %)"));
  CHECK(contains(big.error(), "not 3"));
  const bp::Status word = s.set_text_size(std::string_view("big"));
  REQUIRE_FALSE(word);
  CHECK(contains(word.error(), "the text size must be a number"));
  CHECK(s.text_size() == 1.5);
  // The clamping form (A- / A+ and a pinch): to the range, in steps of 5 %.
  s.set_text_size(9.0);
  CHECK(s.text_size() == 2.5);
  s.set_text_size(0.1);
  CHECK(s.text_size() == 0.75);
  s.set_text_size(1.234);
  CHECK(s.text_size() == doctest::Approx(1.25).epsilon(1e-12));
  s.set_text_size(std::nan(""));
  CHECK(s.text_size() == doctest::Approx(1.25).epsilon(1e-12));
}
