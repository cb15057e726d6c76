// backprop-cli: trains the chapter's network from the command line and prints what the
// chapter prints (the output before training, after training, and for a new input),
// or, with --json, one JSON object for scripts and tests.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "core/dataset.hpp"
#include "core/network.hpp"
#include "core/trainer.hpp"

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

nlohmann::json column_to_json(const bp::Matrix& m) {
  nlohmann::json out = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) out.push_back(m(i, 0));
  return out;
}

// A column of outputs, three decimals, one per line, as numpy prints a [4x1] array.
void print_column(const bp::Matrix& m) {
  for (Eigen::Index i = 0; i < m.rows(); ++i) std::printf("  [% .3f]\n", m(i, 0));
}

int fail(const std::string& message) {
  std::cerr << "backprop-cli: " << message << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  bp::Result<bp::cli::Options> parsed = bp::cli::parse_options(args);
  if (!parsed) return fail(parsed.error());
  const bp::cli::Options& opt = *parsed;
  if (opt.help) {
    std::cout << bp::cli::usage();
    return 0;
  }

  bp::Rng rng(opt.seed);
  bp::Result<bp::Network> net = bp::Network::random(bp::NetworkSpec{}, rng);
  if (!net) return fail(net.error());
  if (opt.w1) {
    if (bp::Status s = net->set_weight(1, *opt.w1); !s) return fail("--w1: " + s.error());
    if (bp::Status s = net->set_weight(2, *opt.w2); !s) return fail("--w2: " + s.error());
  }
  bp::TrainerOptions topt;
  topt.learning_rate = opt.learning_rate;
  bp::Result<bp::Trainer> trainer = bp::Trainer::create(std::move(*net), bp::seed_dataset(), topt);
  if (!trainer) return fail("--lr: " + trainer.error());

  const bp::Matrix initial = trainer->outputs();
  trainer->train(opt.iterations);
  const bp::Network& trained = trainer->network();
  const bp::Matrix outputs = trainer->outputs();
  const bp::Matrix x_new = bp::seed_new_input();
  const bp::Matrix y_new = trained.predict(x_new).value();

  if (opt.json) {
    nlohmann::json j;
    j["iterations"] = trainer->iteration();
    j["learning_rate"] = opt.learning_rate;
    j["seed"] = opt.seed;
    j["w1"] = to_json(trained.W(1));
    j["w2"] = to_json(trained.W(2));
    j["initial_outputs"] = column_to_json(initial);
    j["outputs"] = column_to_json(outputs);
    j["targets"] = column_to_json(trainer->data().Y);
    j["loss"] = trainer->full_loss();
    j["new_input"] = {{"x", {1, 0, 1}}, {"output", y_new(0, 0)}};
    j["diverged"] = trainer->diverged();
    if (trainer->diverged()) j["message"] = trainer->divergence();
    // NaN and infinity have no JSON form; nlohmann writes them as null.
    std::cout << j.dump() << "\n";
  } else {
    std::printf("Initial output (a2 for the four inputs, weights from seed %llu):\n",
                static_cast<unsigned long long>(opt.seed));
    print_column(initial);
    std::printf("Output after training (%ld iterations, learning rate %g, loss %.6f):\n",
                trainer->iteration(), opt.learning_rate, trainer->full_loss());
    print_column(outputs);
    std::printf("Output for the new input [1, 0, 1] (two ones, so the target is 1):\n");
    print_column(y_new);
  }
  if (trainer->diverged()) {
    std::cerr << "backprop-cli: " << trainer->divergence() << "\n";
    return 1;
  }
  return 0;
}
