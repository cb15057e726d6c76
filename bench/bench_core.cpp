// Timing of the core (make bench): the chapter's 3-4-1 step, a 2-8-8-1 tanh step on 500
// points (also with L2 on the circle set), a step of 8 hidden layers of 16 on 2000 points,
// and one 100x100 grid evaluation through the 2-8-8-1 network
// (what a decision-boundary heatmap costs). Built natively and as WebAssembly (run under node) from
// the same source. Prints one line per case, or with --json one JSON object. Not a test: figures
// vary by machine; scripts/bench.mjs compares them with the budgets.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "core/dataset.hpp"
#include "core/datasets.hpp"
#include "core/grid.hpp"
#include "core/network.hpp"
#include "core/trainer.hpp"
#include "exercise/exercise.hpp"

namespace {

struct Case {
  std::string name;
  double microseconds;  // per iteration (or per evaluation), best of the rounds
};

// Best of 7 rounds of `repeats` calls of fn, in microseconds per call.
double best_time(long repeats, const std::function<void()>& setup,
                 const std::function<void()>& fn) {
  double best = 1e300;
  for (int round = 0; round < 7; ++round) {
    setup();
    const auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < repeats; ++i) fn();
    const auto t1 = std::chrono::steady_clock::now();
    const double us =
        std::chrono::duration<double, std::micro>(t1 - t0).count() / static_cast<double>(repeats);
    if (us < best) best = us;
  }
  return best;
}

bp::Dataset quadrant_points(bp::Rng& rng, Eigen::Index n) {
  bp::Dataset d;
  d.X.resize(n, 2);
  d.Y.resize(n, 1);
  for (Eigen::Index i = 0; i < n; ++i) {
    d.X(i, 0) = rng.uniform(-5, 5);
    d.X(i, 1) = rng.uniform(-5, 5);
    d.Y(i, 0) = d.X(i, 0) * d.X(i, 1) > 0 ? 1.0 : 0.0;
  }
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  const bool json = argc > 1 && std::strcmp(argv[1], "--json") == 0;
  std::vector<Case> cases;
  bp::Rng rng(1);

  // The chapter's network and data, full batch, learning rate 1.
  bp::Trainer seed =
      bp::Trainer::create(bp::Network::random(bp::NetworkSpec{}, rng).value(), bp::seed_dataset())
          .value();
  cases.push_back({"seed_step", best_time(
                                    200000, [&] { seed.restart(); }, [&] { seed.step(); })});

  // The exercise: one iteration of Train with the student's code, as the page runs it: their
  // expressions (the correct forms, read once) give the gradients at the trainer's weights
  // (bp::exercise::gradients) and the trainer applies them (Trainer::step_with). The issue
  // asks for 20,000 iterations a second in the page.
  {
    namespace ex = bp::exercise;
    const ex::StepValues v = ex::step_values(seed.initial_network(), seed.data(), 1.0).value();
    const ex::Program program = ex::compile(ex::answers(), v).value();
    bp::Trainer mine = seed;
    cases.push_back({"exercise_step",
                     best_time(
                         20000, [&] { mine.restart(); },
                         [&] {
                           const std::vector<bp::Matrix> dW =
                               ex::gradients(program, mine.network(), mine.data(), 1.0).value();
                           (void)mine.step_with(dW);
                         })});
  }

  // 2-8-8-1 tanh (sigmoid output, biases) on 500 points, full batch.
  bp::NetworkSpec deep;
  deep.sizes = {2, 8, 8, 1};
  deep.activations = {bp::Activation::Tanh, bp::Activation::Tanh, bp::Activation::Sigmoid};
  deep.biases = true;
  bp::TrainerOptions o;
  o.learning_rate = 0.01;
  bp::Trainer big = bp::Trainer::create(bp::Network::random(deep, rng, bp::Init::Scaled).value(),
                                        quadrant_points(rng, 500), o)
                        .value();
  cases.push_back({"deep_step_500", best_time(
                                        2000, [&] { big.restart(); }, [&] { big.step(); })});

  // The same network with L2 regularization on Playground's circle set (500 points, full
  // batch): what the regularization adds to a step.
  bp::DataSetOptions circle;
  circle.points = 500;
  circle.noise_percent = 10;
  circle.seed = 1;
  o.regularization = bp::Regularization::L2;
  o.regularization_rate = 0.001;
  bp::Trainer reg =
      bp::Trainer::create(big.initial_network(), bp::generate_dataset(circle).value(), o).value();
  cases.push_back({"circle_l2_step_500", best_time(
                                             2000, [&] { reg.restart(); }, [&] { reg.step(); })});

  // The deep case: 8 hidden tanh layers of 16 (sigmoid output, biases) on 2000 points, full
  // batch. make bench turns it into iterations per second.
  bp::NetworkSpec deepest;
  deepest.sizes = {2, 16, 16, 16, 16, 16, 16, 16, 16, 1};
  deepest.activations.assign(8, bp::Activation::Tanh);
  deepest.activations.push_back(bp::Activation::Sigmoid);
  deepest.biases = true;
  bp::TrainerOptions deep_o;
  deep_o.learning_rate = 0.01;
  bp::Trainer deep8 =
      bp::Trainer::create(bp::Network::random(deepest, rng, bp::Init::Scaled).value(),
                          quadrant_points(rng, 2000), deep_o)
          .value();
  cases.push_back({"deep8x16_step_2000", best_time(
                                             20, [&] { deep8.restart(); }, [&] { deep8.step(); })});

  // One evaluation of a 100x100 grid over [-5, 5]^2 through that network, as the heatmap
  // does it (single precision, buffers reused).
  const bp::MatrixF grid = bp::grid_points(-5, 5, -5, 5, 100, 100).value();
  bp::BatchEvaluator eval;
  double sink = 0.0;
  cases.push_back({"grid_100x100", best_time(
                                       50, [] {},
                                       [&] {
                                         sink += static_cast<double>(
                                             (*eval.evaluate(big.network(), grid).value())(0, 0));
                                       })});

  // The chapter's run (seed 1, 1000 iterations, learning rate 1), printed to the last bit so
  // that native and WebAssembly results can be compared (tests/wasm/parity.test.mjs).
  bp::Rng seed_rng(1);
  bp::Trainer run = bp::Trainer::create(bp::Network::random(bp::NetworkSpec{}, seed_rng).value(),
                                        bp::seed_dataset())
                        .value();
  run.train(1000);

  if (json) {
    std::printf("{");
    for (std::size_t i = 0; i < cases.size(); ++i)
      std::printf("%s\"%s\": %.6g", i ? ", " : "", cases[i].name.c_str(), cases[i].microseconds);
    std::printf(", \"seed_run\": [");
    for (int l = 1; l <= 2; ++l)
      for (Eigen::Index k = 0; k < run.network().W(l).size(); ++k)
        std::printf("%s%.17g", l + k > 1 ? ", " : "", run.network().W(l)(k));
    std::printf("], \"checksum\": %.17g}\n", sink * 0.0);
  } else {
    for (const Case& c : cases) std::printf("%-20s %12.3f us\n", c.name.c_str(), c.microseconds);
  }
  return 0;
}
