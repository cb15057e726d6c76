// The page's link and files: 2-D data read against the setup panel's defaults for that data,
// and the round trip page state -> link -> page state for the shapes the page offers.
#include <doctest/doctest.h>

#include <string>

#include "config/page_config.hpp"
#include "core/rng.hpp"

namespace {

bp::Config parsed(const std::string& query) {
  bp::Result<bp::Config> r = bp::parse_page_query(query);
  INFO(query);
  REQUIRE_MESSAGE(r.ok(), r.error());
  return r.value();
}

}  // namespace

TEST_CASE("a link without data is the chapter's run") {
  CHECK(parsed("") == bp::Config{});
  CHECK(parsed("?seed=1") == bp::Config{});
  CHECK(bp::page_query(bp::Config{}, true) == "");
}

TEST_CASE("a link naming 2-D data starts from the setup panel's network for that data") {
  const bp::Config spiral = parsed("data=spiral");
  CHECK(spiral.source == bp::DataSource::Generated);
  CHECK(spiral.data.kind == bp::DataSetKind::Spiral);
  CHECK(spiral.hidden == std::vector<int>{4, 4});
  CHECK(spiral.activations ==
        std::vector<bp::Activation>{bp::Activation::Tanh, bp::Activation::Tanh});
  CHECK(spiral.biases);
  CHECK(spiral.init == bp::Init::Scaled);
  CHECK(spiral.training.learning_rate == bp::kPlaygroundLearningRate);
  CHECK(spiral.output == bp::Activation::Sigmoid);
  CHECK(spiral.training.loss == bp::Loss::CrossEntropy);

  const bp::Config plane = parsed("data=plane");
  CHECK(plane.output == bp::suggested_output(bp::DataSetKind::Plane));
  CHECK(plane.training.loss == bp::Loss::SquaredError);

  // Two activations fit the default two layers (against the chapter's one layer they would not).
  const bp::Config two = parsed("act=relu,tanh&data=circle");
  CHECK(two.activations == std::vector<bp::Activation>{bp::Activation::Relu, bp::Activation::Tanh});
  // Given keys win over the defaults.
  const bp::Config given = parsed("data=xor&hidden=8&act=relu&lr=0.1&bias=0&init=uniform01");
  CHECK(given.hidden == std::vector<int>{8});
  CHECK(given.training.learning_rate == 0.1);
  CHECK_FALSE(given.biases);
  CHECK(given.init == bp::Init::Uniform01);
}

TEST_CASE("custom rows get the output and loss their labels suit") {
  const bp::Config classes = parsed("data=custom&rows=1,2,0,3,4,1");
  CHECK(classes.output == bp::Activation::Sigmoid);
  CHECK(classes.training.loss == bp::Loss::CrossEntropy);
  const bp::Config small = parsed("data=custom&rows=1,2,0.5,3,4,-0.25");
  CHECK(small.output == bp::Activation::Tanh);
  CHECK(small.training.loss == bp::Loss::SquaredError);
  const bp::Config large = parsed("data=custom&rows=1,2,5,3,4,-7");
  CHECK(large.output == bp::Activation::Linear);
}

TEST_CASE("bad data in a link is named, whatever the other keys") {
  for (const char* q :
       {"data=moon", "data=spiral&data=xor", "rows=1,2,3", "data=custom&rows=1,x,0"}) {
    bp::Result<bp::Config> r = bp::parse_page_query(q);
    INFO(q);
    REQUIRE_FALSE(r.ok());
    CHECK((r.error().find("data") != std::string::npos ||
           r.error().find("rows") != std::string::npos));
  }
}

TEST_CASE("page state -> link -> page state, weights included, bit for bit") {
  std::vector<bp::Config> configs;
  configs.push_back(bp::Config{});
  configs.push_back(parsed("data=spiral&features=x1,x2,sin(x1),sin(x2)&hidden=8,8&seed=9"));
  configs.push_back(parsed("data=plane&noise=20&train=70&dataseed=4&reg=l2&regrate=0.01&batch=10"));
  configs.push_back(parsed("data=custom&rows=1,2,0,3,4,1,-2,0.5,1&hide=seed,lr&tab=matrices"));
  configs.push_back(parsed("data=custom&rows=1,2,0,3,4,1,-2,0.5,1&testrows=2"));
  configs.push_back(parsed("hidden=3,2&act=tanh,relu&bias=1&lr=0.25&stop_loss=0.01&walk=1"));
  configs.push_back(parsed("data=circle&test=0&discretize=1&speed=max&autoplay=1"));
  CHECK_FALSE(configs.back().view.show_test);
  configs.push_back(parsed("data=xor&open=share,recursion"));
  configs.push_back(parsed("open=setup,share"));
  for (bp::Config c : configs) {
    bp::Result<bp::Network> net = bp::make_network(c);
    REQUIRE(net.ok());
    for (int l = 1; l <= net->layers(); ++l) {
      bp::Matrix w = net->W(l);
      w(0, 0) = 0.1 + 1.0 / 3.0 * l;  // a number with no short decimal form
      c.weights.push_back(w);
      if (c.biases) c.bias_values.push_back(bp::RowVector::Constant(w.cols(), -2.0 / 7.0));
    }
    const std::string link = bp::page_query(c, true);
    INFO(link);
    CHECK(parsed(link) == c);
    // Without weights: the same settings, weights drawn from the seed again.
    bp::Config plain = c;
    plain.weights.clear();
    plain.bias_values.clear();
    CHECK(parsed(bp::page_query(c, false)) == plain);
  }
}

TEST_CASE("open sections: setup for 2-D data unless the link says otherwise") {
  CHECK(parsed("").view.open.empty());
  CHECK(parsed("data=spiral").view.open == std::vector<std::string>{"setup"});
  CHECK(bp::page_query(parsed("data=spiral"), false) == "data=spiral");
  const bp::Config closed = parsed("data=spiral&open=");
  CHECK(closed.view.open.empty());
  CHECK_FALSE(bp::is_open(closed.view, "setup"));
  CHECK(bp::page_query(closed, false) == "data=spiral&open=");
  const bp::Config both = parsed("open=share,setup");
  CHECK(bp::is_open(both.view, "share"));
  CHECK(bp::is_open(both.view, "setup"));
  CHECK_FALSE(bp::is_open(both.view, "recursion"));
  CHECK(bp::page_query(both, false) == "open=share,setup");
  // JSON: read and written under settings.open.
  const bp::Config from_json =
      bp::page_config_from_json(
          R"({"format": "backprop", "version": 1, "settings": {"open": ["recursion"]}})")
          .value();
  CHECK(from_json.view.open == std::vector<std::string>{"recursion"});
  CHECK(bp::page_config_from_json(bp::config_to_json(from_json)).value() == from_json);
  bp::Result<bp::Config> bad = bp::page_config_from_json(
      R"({"format": "backprop", "version": 1, "settings": {"open": ["setup", 3]}})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().find("settings.open[1]") != std::string::npos);
}

TEST_CASE("a JSON document naming 2-D data reads its missing settings as a link would") {
  bp::Result<bp::Config> r = bp::page_config_from_json(
      R"({"format": "backprop", "version": 1, "settings": {"data": "gaussians", "lr": 0.01}})");
  REQUIRE_MESSAGE(r.ok(), r.error());
  CHECK(r->hidden == std::vector<int>{4, 4});
  CHECK(r->training.learning_rate == 0.01);
  CHECK(r->biases);
  CHECK(bp::page_config_from_json(bp::config_to_json(r.value())).value() == r.value());
}

TEST_CASE("a setting out of range is refused in the link as in JSON, whatever the data") {
  // Found by fuzz_query: the link took points=20002000 with the chapter's data (points unused
  // there) and the JSON reader then refused the document the page wrote.
  bp::Result<bp::Config> link = bp::parse_query("points=20002000");
  REQUIRE_FALSE(link.ok());
  CHECK(link.error().find("points must be 2 to 2000") != std::string::npos);
  bp::Result<bp::Config> json = bp::config_from_json(
      R"({"format": "backprop", "version": 1, "settings": {"points": 20002000}})");
  CHECK_FALSE(json.ok());
}
