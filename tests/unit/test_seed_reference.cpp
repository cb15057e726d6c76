// The chapter's run (3-4-1 sigmoid, its four rows, learning rate 1, 1000 iterations) against
// two independent references: the numpy code in tests/reference/seed_numpy.py, run here by
// Debian's python3, and the plain-loop reference; plus the plain-loop reference on other
// shapes, activations, biases, losses and learning rates.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/dataset.hpp"
#include "core/trainer.hpp"
#include "reference.hpp"

using bp::Activation;

namespace {

nlohmann::json to_json(const bp::Matrix& m) {
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(m(i, j));
    rows.push_back(row);
  }
  return rows;
}

// Runs the numpy reference on the given initial weights; returns its JSON answer.
nlohmann::json run_numpy(const bp::Network& initial, long iterations, double learning_rate) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path();
  const std::string tag = std::to_string(reinterpret_cast<std::uintptr_t>(&initial)) + "-" +
                          std::to_string(std::rand());
  const fs::path in = dir / ("bp-ref-in-" + tag + ".json");
  const fs::path out = dir / ("bp-ref-out-" + tag + ".json");
  {
    std::ofstream f(in);
    nlohmann::json cfg = {{"w1", to_json(initial.W(1))},
                          {"w2", to_json(initial.W(2))},
                          {"iterations", iterations},
                          {"learning_rate", learning_rate}};
    f << cfg.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  }
  const std::string cmd = std::string(BP_PYTHON) + " " + BP_NUMPY_REFERENCE + " < " + in.string() +
                          " > " + out.string();
  const int rc = std::system(cmd.c_str());
  std::ifstream f(out);
  std::stringstream text;
  text << f.rdbuf();
  fs::remove(in);
  fs::remove(out);
  INFO("command: " << cmd);
  REQUIRE(rc == 0);
  return nlohmann::json::parse(text.str());
}

// Largest |json[i][j] - m(i, j)|, with the first mismatches above tol printed.
double compare(const std::string& what, const nlohmann::json& expected, const bp::Matrix& m,
               double tol) {
  double worst = 0.0;
  int printed = 0;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      const auto& row = expected[static_cast<std::size_t>(i)];
      const double e =
          row.is_array() ? row[static_cast<std::size_t>(j)].get<double>() : row.get<double>();
      const double diff = std::abs(e - m(i, j));
      worst = std::max(worst, diff);
      if (diff > tol && printed++ < 5)
        MESSAGE(what << "(" << i << "," << j << "): core " << m(i, j) << ", reference " << e);
    }
  return worst;
}

}  // namespace

TEST_CASE("the chapter's run matches numpy to 1e-9 in every weight and output") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    bp::Rng rng(seed);
    bp::Trainer t =
        bp::Trainer::create(bp::Network::random(bp::NetworkSpec{}, rng).value(), bp::seed_dataset())
            .value();
    const nlohmann::json expected = run_numpy(t.initial_network(), 1000, 1.0);
    REQUIRE(t.train(1000) == 1000);
    INFO("seed " << seed);
    const double tol = 1e-9;
    CHECK(compare("W1", expected["w1"], t.network().W(1), tol) < tol);
    CHECK(compare("W2", expected["w2"], t.network().W(2), tol) < tol);
    CHECK(compare("outputs", expected["outputs"], t.outputs(), tol) < tol);
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
