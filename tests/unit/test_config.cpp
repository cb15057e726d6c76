// Config: the validator's messages, the link form (good and bad values, round trips page
// state -> link -> state), the JSON document (round trips, bad files), the CSV exports, and
// what a Config builds (network and data).
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "common.hpp"
#include "config/config.hpp"
#include "config/csv.hpp"
#include "config/version.hpp"
#include "core/history.hpp"
#include "core/rng.hpp"

using bp_test::contains;

namespace {

std::string query_error(const std::string& q) {
  bp::Result<bp::Config> r = bp::parse_query(q);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

std::string json_error(const std::string& text) {
  bp::Result<bp::Config> r = bp::config_from_json(text);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

// A Config that differs from the defaults everywhere it can.
bp::Config busy_config() {
  bp::Config c;
  c.seed = 18446744073709551615ull;
  c.init = bp::Init::Scaled;
  c.source = bp::DataSource::Generated;
  c.data.kind = bp::DataSetKind::Spiral;
  c.data.points = 321;
  c.data.noise_percent = 12.5;
  c.data.train_percent = 70;
  c.data.seed = 99;
  c.features = bp::FeatureSet::parse("x1,x2,sin(x1),x1*x2").value();
  c.hidden = {8, 3, 5};
  c.activations = {bp::Activation::Tanh, bp::Activation::Relu, bp::Activation::Tanh};
  c.output = bp::Activation::Sigmoid;
  c.biases = true;
  c.training.learning_rate = 0.03;
  c.training.batch_size = 10;
  c.training.loss = bp::Loss::CrossEntropy;
  c.training.regularization = bp::Regularization::L2;
  c.training.regularization_rate = 0.001;
  c.stop.target_loss = 0.01;
  c.stop.max_iterations = 5000;
  c.view.speed = 37.5;
  c.view.walkthrough = true;
  c.view.autoplay = true;
  c.view.show_gradients = true;
  c.view.discretize = true;
  c.view.show_test = true;
  c.view.selected = bp::WeightRef{2, 7, 2};
  c.view.tab = "matrices";
  c.view.hidden = {"lr", "seed", "matrices"};
  bp::Rng rng(5);
  const bp::NetworkSpec spec = bp::network_spec(c);
  for (std::size_t l = 0; l + 1 < spec.sizes.size(); ++l) {
    bp::Matrix w(spec.sizes[l], spec.sizes[l + 1]);
    for (Eigen::Index i = 0; i < w.size(); ++i) w(i) = rng.uniform(-3, 3) / 7.0;
    c.weights.push_back(w);
    bp::RowVector b(spec.sizes[l + 1]);
    for (Eigen::Index i = 0; i < b.size(); ++i) b(i) = rng.uniform(-1, 1) * 1e-7;
    c.bias_values.push_back(b);
  }
  return c;
}

bp::Config custom_config() {
  bp::Config c;
  c.source = bp::DataSource::Custom;
  c.rows = bp::read_csv("1,2,0\n-3.25,0.1,1\n1e-3,-999.5,1\n").value();
  c.hidden = {};
  c.activations = {};
  c.output = bp::Activation::Tanh;
  return c;
}

}  // namespace

TEST_CASE("Config: the defaults are the chapter and valid") {
  const bp::Config c;
  CHECK(bp::validate(c).ok());
  const bp::NetworkSpec spec = bp::network_spec(c);
  CHECK(spec.sizes == std::vector<int>{3, 4, 1});
  CHECK_FALSE(spec.biases);
  const bp::ConfigData d = bp::make_data(c).value();
  CHECK(d.train.X == bp::seed_dataset().X);
  CHECK(d.test.size() == 0);
  // Same weights as the page makes from seed 1.
  bp::Rng rng(1);
  const bp::Network expected = bp::Network::random(bp::NetworkSpec{}, rng).value();
  const bp::Network net = bp::make_network(c).value();
  CHECK(net.W(1) == expected.W(1));
  CHECK(net.W(2) == expected.W(2));
}

TEST_CASE("Config: seed is the one seed, training.shuffle_seed is not a setting of its own") {
  bp::Config c;
  c.seed = 7;
  c.training.shuffle_seed = 99;  // never read
  const bp::TrainerOptions o = bp::trainer_options(c);
  CHECK(o.shuffle_seed == 7);  // the mini-batch order follows seed
  CHECK(o.learning_rate == 1.0);
  bp::Config same = c;
  same.training.shuffle_seed = 5;
  CHECK(same == c);
  CHECK(bp::to_query(c, false) == "seed=7");
  CHECK(bp::settings_to_json(same) == bp::settings_to_json(c));
}

TEST_CASE("Config: validate names the field") {
  bp::Config c;
  c.hidden = {4, 4, 40};
  c.activations.assign(3, bp::Activation::Tanh);
  CHECK(bp::validate(c).error() == "hidden[2] must be 1 to 16 units, not 40");
  c = bp::Config{};
  c.hidden.assign(9, 2);
  c.activations.assign(9, bp::Activation::Tanh);
  CHECK(contains(bp::validate(c).error(), "hidden has 9 layers, at most 8"));
  c = bp::Config{};
  c.training.learning_rate = std::nan("");
  CHECK(contains(bp::validate(c).error(), "lr must be"));
  c = bp::Config{};
  c.view.hidden = {"lr", "bogus"};
  CHECK(contains(bp::validate(c).error(), "hide: 'bogus'"));
  c.view.hidden = {"lr", "lr"};
  CHECK(contains(bp::validate(c).error(), "named twice"));
  c = bp::Config{};
  c.weights = {bp::Matrix::Zero(2, 4), bp::Matrix::Zero(4, 1)};
  CHECK(bp::validate(c).error() == "weights[0] (W1) must be 3 x 4, not 2 x 4");
  c = custom_config();
  c.rows.X(1, 1) = 1001;
  CHECK(contains(bp::validate(c).error(), "rows[1] x2 must be a number from -1000 to 1000"));
  c = bp::Config{};
  c.training.loss = bp::Loss::CrossEntropy;
  c.output = bp::Activation::Tanh;
  CHECK(contains(bp::validate(c).error(), "needs out=sigmoid"));
  c = bp::Config{};
  c.view.selected = bp::WeightRef{2, 4, 0};
  CHECK(contains(bp::validate(c).error(), "select: W2[4][0]"));
  c = bp::Config{};
  c.view.tab = "nope";
  CHECK(contains(bp::validate(c).error(), "tab must be"));
  c = bp::Config{};
  c.bias_values = {bp::RowVector::Zero(4), bp::RowVector::Zero(1)};
  CHECK(contains(bp::validate(c).error(), "network has none"));
}

TEST_CASE("Link: the chapter page's keys still work") {
  const bp::Config c = bp::parse_query("?seed=7&lr=0.5&activations=tanh,linear&speed=500").value();
  CHECK(c.seed == 7);
  CHECK(c.training.learning_rate == 0.5);
  CHECK(c.activations == std::vector<bp::Activation>{bp::Activation::Tanh});
  CHECK(c.output == bp::Activation::Linear);
  CHECK(c.view.speed == 500);
  CHECK(bp::parse_query("speed=max").value().view.speed_max);
  CHECK(contains(query_error("speed=0"), "speed (iterations per second) must be"));
  CHECK(contains(query_error("activations=tanh"), "activations has 1 names"));
}

TEST_CASE("Link: a Playground-like setup") {
  const bp::Config c =
      bp::parse_query(
          "data=xor&points=200&noise=10&features=x1,x2,x1*x2&hidden=8,8&act=tanh&out="
          "sigmoid&loss=ce&reg=l2&regrate=0.01&batch=10&hide=lr,seed,matrices&tab="
          "gradient_check&select=2,3,4")
          .value();
  CHECK(c.source == bp::DataSource::Generated);
  CHECK(c.data.kind == bp::DataSetKind::Xor);
  CHECK(c.features.count() == 3);
  CHECK(c.hidden == std::vector<int>{8, 8});
  CHECK(c.activations == std::vector<bp::Activation>(2, bp::Activation::Tanh));
  CHECK(c.view.hidden == std::vector<std::string>{"lr", "seed", "matrices"});
  CHECK(bp::is_hidden(c.view, "lr"));
  CHECK_FALSE(bp::is_hidden(c.view, "loss"));
  CHECK(bp::network_spec(c).sizes == std::vector<int>{3, 8, 8, 1});
  const bp::ConfigData d = bp::make_data(c).value();
  CHECK(d.train.size() + d.test.size() == 200);
  CHECK(d.train.X.cols() == 3);
  CHECK(d.train_points.X.cols() == 2);
  // No hidden layers, percent-encoded names, empty pairs.
  const bp::Config e = bp::parse_query("&&data=circle&hidden=&features=x1%5E2,x2%5e2&&").value();
  CHECK(e.hidden.empty());
  CHECK(e.activations.empty());
  CHECK(bp::network_spec(e).sizes == std::vector<int>{2, 1});
}

TEST_CASE("Link: bad values name the key and keep nothing") {
  CHECK(query_error("lr=abc") == "lr: 'abc' is not a number (write numbers like 2, -0.5 or 1e-3)");
  CHECK(contains(query_error("lr=NaN"), "lr: 'NaN' is not a number"));
  CHECK(query_error("lr=1e999") == "lr: '1e999' is too large for a number");
  CHECK(query_error("lr=1e-400") ==
        "lr: '1e-400' is too small for a number: it would round to 0 (underflow)");
  CHECK(contains(query_error("lr=0.5x"), "lr: '0.5x' is not a number"));
  CHECK(contains(query_error("lr=0x10"), "lr: '0x10' is not a number"));
  CHECK(contains(query_error("lr=.5"), "lr: '.5' is not a number"));
  CHECK(contains(query_error("lr=%E2%88%921"), "lr: '<U+2212>1' is not a number"));
  CHECK(contains(query_error("lr=-1"), "lr must be a number above 0"));
  CHECK(contains(query_error("seed=-1"), "seed must be a whole number"));
  CHECK(contains(query_error("seed=18446744073709551616"), "seed must be"));
  CHECK(contains(query_error("points=99999999999999999999"), "points must be"));
  CHECK(contains(query_error("data=circle&points=5000"), "points must be 2 to 2000, not 5000"));
  CHECK(query_error("hidden=4,4,40") == "hidden[2] must be 1 to 16 units, not 40");
  CHECK(contains(query_error("hidden=1,1,1,1,1,1,1,1,1"), "at most 8"));
  CHECK(contains(query_error("colour=red"), "unknown setting 'colour'"));
  CHECK(contains(query_error("lr=1&lr=2"), "lr is given twice"));
  CHECK(contains(query_error("lr=%zz"), "bad %-escape"));
  CHECK(contains(query_error("lr=%4"), "bad %-escape"));
  CHECK(contains(query_error("hide=lr,nothing"), "'nothing' is not a control"));
  CHECK(contains(query_error("tab=x"), "tab must be"));
  CHECK(contains(query_error("open=setup,drawer"), "open: 'drawer' is not a section"));
  CHECK(contains(query_error("open=share,share"), "open: 'share' is named twice"));
  CHECK(contains(query_error("act=tanh,relu"), "act has 2 activations for 1 hidden layers"));
  CHECK(contains(query_error("weights=1,2,3"), "weights has 3 numbers; this network needs 16"));
  CHECK(contains(query_error("biases=1"), "network has none"));
  CHECK(contains(query_error("data=custom"), "needs rows"));
  CHECK(contains(query_error("data=custom&rows=1,2"), "multiple of 3"));
  CHECK(contains(query_error("rows=1,2,3"), "only for data=custom"));
  CHECK(contains(query_error("walk=yes"), "walk must be 1 or 0"));
  CHECK(contains(query_error(std::string(bp::kMaxQueryBytes + 1, 'a')), "bytes"));
}

TEST_CASE("Link: round trip page state to link to state") {
  for (bool weights : {false, true}) {
    bp::Config c = busy_config();
    if (!weights) {
      c.weights.clear();
      c.bias_values.clear();
    }
    REQUIRE(bp::validate(c).ok());
    const std::string q = bp::to_query(c, true);
    const bp::Result<bp::Config> back = bp::parse_query(q);
    INFO(q);
    REQUIRE(back.ok());
    CHECK(back.value() == c);
    CHECK(bp::to_query(back.value(), true) == q);
  }
  const bp::Config custom = custom_config();
  CHECK(bp::parse_query(bp::to_query(custom, true)).value() == custom);
  // Only what differs is written.
  CHECK(bp::to_query(bp::Config{}, true).empty());
  bp::Config c;
  c.seed = 7;
  CHECK(bp::to_query(c, false) == "seed=7");
  // Without weights the link leaves them out.
  CHECK_FALSE(contains(bp::to_query(busy_config(), false), "weights="));
}

TEST_CASE("JSON: round trip core to JSON to core to JSON") {
  for (const bp::Config& c : {bp::Config{}, busy_config(), custom_config()}) {
    const std::string text = bp::config_to_json(c);
    const bp::Result<bp::Config> back = bp::config_from_json(text);
    INFO(text);
    REQUIRE(back.ok());
    CHECK(back.value() == c);
    CHECK(bp::config_to_json(back.value()) == text);
  }
  CHECK(contains(bp::config_to_json(bp::Config{}), "\"format\": \"backprop\""));
  CHECK_FALSE(contains(bp::config_to_json(busy_config(), false), "weights"));
}

TEST_CASE("JSON: bad documents name the path") {
  const std::string head = R"({"format": "backprop", "version": 1, )";
  CHECK(contains(json_error(head + R"("settings": {"hidden": [4, "x"]}})"),
                 "settings.hidden[1]: expected a whole number"));
  CHECK(contains(json_error(head + R"("settings": {"hidden": [4, 40], "act": "tanh"}})"),
                 "hidden[1] must be 1 to 16 units, not 40"));
  CHECK(contains(json_error(head + R"("settings": {"colour": 1}})"),
                 "settings.colour: unknown field"));
  CHECK(contains(json_error(head + R"("extra": 1})"), "extra: unknown field"));
  CHECK(contains(json_error(head + R"("settings": {"lr": 1e999}})"), "too large"));
  CHECK(contains(json_error(head + R"("settings": {"lr": "fast"}})"),
                 "settings.lr: expected a number"));
  CHECK(contains(json_error(R"({"format": "backprop", "version": 2})"), "newer"));
  CHECK(contains(json_error(R"({"format": "other", "version": 1})"), "not a backprop file"));
  CHECK(contains(json_error(R"({"format": "backprop"})"), "version: missing"));
  CHECK(contains(json_error(head + R"("network": {"weights": [[[1, 2], [3]]]}})"),
                 "network.weights[0][1]: a row of 1 numbers"));
  CHECK(contains(json_error(head + R"("network": {"weights": [[[1, 2, 3, 4]], [[1]]]}})"),
                 "weights[0] (W1) must be 3 x 4, not 1 x 4"));
  CHECK(contains(json_error(head + R"("settings": {"data": "custom"}})"), "needs rows"));
  CHECK(
      contains(json_error(head + R"("settings": {"data": "custom"}, "data": {"rows": [[1, 2]]}})"),
               "[x1, x2, label]"));
  CHECK(contains(json_error(head + R"("settings": {"seed": 1.5}})"), "settings.seed"));
  CHECK(contains(json_error(head + R"("settings": {"seed": 1)"), "unexpected end"));
  CHECK(contains(json_error(std::string(100000, '[')), "nested deeper"));
  CHECK(contains(json_error("{\n  \"format\": \"backprop\",\n  \"version\": 1,\n  \"settings\": "
                            "{\"hidden\": [true]}\n}"),
                 "settings.hidden[0]: expected a whole number, got true (line 4, column 27)"));
}

TEST_CASE("JSON: settings not given keep the defaults") {
  bp::Config defaults;
  defaults.training.learning_rate = 0.25;
  const bp::Config c =
      bp::config_from_json(R"({"format": "backprop", "version": 1, "settings": {"seed": 3}})",
                           defaults)
          .value();
  CHECK(c.seed == 3);
  CHECK(c.training.learning_rate == 0.25);
}

TEST_CASE("CSV exports: data and loss curve") {
  const bp::Config c = custom_config();
  const std::string csv = bp::data_to_csv(c.rows).value();
  CHECK(bp::read_csv(csv).value().X == c.rows.X);
  bp::LossHistory h(16);
  h.add(1, 0.5);
  h.add(2, 0.25);
  h.add(3, std::nan(""));
  // A loss that is not a number has no number to write: an empty cell.
  CHECK(bp::loss_history_to_csv(h) == "iteration,loss\n1,0.5\n2,0.25\n3,\n");
}

TEST_CASE("Scripts: settings objects apply on top of the current Config") {
  bp::Config current;
  current.weights = {bp::Matrix::Constant(3, 4, 0.5), bp::Matrix::Constant(4, 1, 0.25)};
  // A learning rate only: the weights stay.
  bp::Config c = bp::apply_settings_json(R"({"lr": 0.5, "hide": ["seed"]})", current).value();
  CHECK(c.training.learning_rate == 0.5);
  CHECK(c.weights.size() == 2);
  CHECK(bp::is_hidden(c.view, "seed"));
  // A new shape: the old weights no longer fit and are dropped.
  c = bp::apply_settings_json(R"({"hidden": [8, 8], "act": "tanh"})", current).value();
  CHECK(c.weights.empty());
  CHECK(c.activations == std::vector<bp::Activation>(2, bp::Activation::Tanh));
  // Errors name the path and keep nothing.
  CHECK(contains(bp::apply_settings_json(R"({"hidden": [8, "x"]})", current).error(),
                 "settings.hidden[1]"));
  CHECK(contains(bp::apply_settings_json(R"({"nope": 1})", current).error(),
                 "settings.nope: unknown field"));
  CHECK(contains(bp::apply_settings_json("[1]", current).error(), "settings: expected an object"));
  // get() then set() gives the same Config.
  const bp::Config busy = busy_config();
  bp::Config back = bp::apply_settings_json(bp::settings_to_json(busy), bp::Config{}).value();
  back.weights = busy.weights;
  back.bias_values = busy.bias_values;
  CHECK(back == busy);
}

TEST_CASE("Custom rows keep the split the page had: the last testrows rows are the test set") {
  bp::Config c = custom_config();
  c.rows = bp::read_csv("1,2,0\n3,4,1\n5,6,0\n7,8,1\n").value();
  c.test_rows = 1;
  REQUIRE(bp::validate(c).ok());
  const bp::ConfigData d = bp::make_data(c).value();
  REQUIRE(d.train_points.size() == 3);
  REQUIRE(d.test_points.size() == 1);
  CHECK(d.train_points.X(2, 0) == 5);
  CHECK(d.test_points.X(0, 0) == 7);
  CHECK(d.test_points.Y(0, 0) == 1);
  c.test_rows = 0;
  CHECK(bp::make_data(c).value().test_points.size() == 0);
  // The link and the JSON document carry it; rows given without it are split by train.
  c.test_rows = 1;
  const std::string q = bp::to_query(c, false);
  CHECK(contains(q, "testrows=1"));
  CHECK(bp::parse_query(q).value() == c);
  CHECK_FALSE(bp::parse_query("data=custom&rows=1,2,0,3,4,1").value().test_rows.has_value());
  const std::string text = bp::config_to_json(c);
  CHECK(contains(text, "\"testrows\": 1"));
  CHECK(bp::config_from_json(text).value() == c);
  // Out of range or for other data: named.
  CHECK(contains(query_error("data=custom&rows=1,2,0,3,4,1&testrows=2"),
                 "testrows must be 0 to 1 (the last rows are the test set, at least one row "
                 "trains), not 2"));
  CHECK(contains(query_error("data=custom&rows=1,2,0&testrows=-1"), "testrows must be a whole"));
  CHECK(contains(query_error("data=circle&testrows=1"), "testrows is only for data=custom"));
  CHECK(contains(json_error(R"({"format": "backprop", "version": 1, "settings": {"data": )"
                            R"("custom"}, "data": {"rows": [[1, 2, 0]], "testrows": "x"}})"),
                 "data.testrows: expected a whole number"));
  // A script's set(): a new learning rate keeps the split, a new train share redoes it.
  CHECK(bp::apply_settings_json(R"({"lr": 0.5})", c).value().test_rows == 1);
  CHECK_FALSE(bp::apply_settings_json(R"({"train": 75})", c).value().test_rows.has_value());
  CHECK_FALSE(bp::apply_settings_json(R"({"data": "xor"})", c).value().test_rows.has_value());
}

TEST_CASE("CSV import: rows become custom data or are refused whole") {
  const bp::Config chapter;
  const bp::Config c = bp::apply_csv("x1,x2,label\n1,2,0\n3,4,1\n", chapter).value();
  CHECK(c.source == bp::DataSource::Custom);
  CHECK(c.rows.size() == 2);
  CHECK(bp::network_spec(c).sizes == std::vector<int>{2, 4, 1});
  CHECK(contains(bp::apply_csv("1,2\n", chapter).error(), "line 1"));
  // The one limit of data values, the same as links and JSON (docs/format.md).
  CHECK(bp::apply_csv("1,2,0\n1,1001,0\n", chapter).error() ==
        "line 2, column 2: '1001' is outside -1000 to 1000, the values data may have");
  CHECK(bp::apply_csv("7,-6.5,0\n1000,2,1\n", chapter).ok());
  std::string many;
  for (int i = 0; i < 2001; ++i) many += "1,2,0\n";
  CHECK(contains(bp::apply_csv(many, chapter).error(), "at most 2000 rows"));
}

// The build's version as get() and the About line show it (cmake/git_version.cmake writes it;
// tests/version/check_git_version.cmake checks the clean, -dirty and no-git cases on scratch
// repositories): the project's version, then the commit, marked -dirty if the work tree had
// changes not committed when CMake configured.
TEST_CASE("version: the project's version, the git commit and -dirty for uncommitted changes") {
  const std::string v = bp::version();
  INFO("version: '" << v << "'");
  CHECK(std::regex_match(v, std::regex(R"(\d+\.\d+\.\d+( \(git [0-9a-f]{7,40}(-dirty)?\))?)")));
}
