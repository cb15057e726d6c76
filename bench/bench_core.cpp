// Timing of the core's training step (make bench). Not a test: figures vary with the
// machine; the performance issue's benchmark will grow from here.
#include <chrono>
#include <cstdio>

#include "core/dataset.hpp"
#include "core/network.hpp"
#include "core/trainer.hpp"

namespace {

// Best of several rounds, in microseconds per step.
double time_steps(bp::Trainer& trainer, long steps_per_round) {
  double best = 1e300;
  for (int round = 0; round < 7; ++round) {
    trainer.restart();
    const auto t0 = std::chrono::steady_clock::now();
    trainer.train(steps_per_round);
    const auto t1 = std::chrono::steady_clock::now();
    const double us = std::chrono::duration<double, std::micro>(t1 - t0).count();
    if (us / static_cast<double>(steps_per_round) < best)
      best = us / static_cast<double>(steps_per_round);
  }
  return best;
}

}  // namespace

int main() {
  bp::Rng rng(1);
  bp::Trainer seed =
      bp::Trainer::create(bp::Network::random(bp::NetworkSpec{}, rng).value(), bp::seed_dataset())
          .value();
  std::printf("%-52s %10.3f us/iteration\n", "seed 3-4-1 sigmoid, 4 rows, full batch",
              time_steps(seed, 200000));

  bp::NetworkSpec deep;
  deep.sizes = {2, 8, 8, 1};
  deep.activations = {bp::Activation::Tanh, bp::Activation::Tanh, bp::Activation::Sigmoid};
  deep.biases = true;
  bp::Dataset points;
  points.X.resize(500, 2);
  points.Y.resize(500, 1);
  for (Eigen::Index i = 0; i < 500; ++i) {
    points.X(i, 0) = rng.uniform(-5, 5);
    points.X(i, 1) = rng.uniform(-5, 5);
    points.Y(i, 0) = points.X(i, 0) * points.X(i, 1) > 0 ? 1.0 : 0.0;
  }
  bp::TrainerOptions o;
  o.learning_rate = 0.01;
  bp::Trainer big =
      bp::Trainer::create(bp::Network::random(deep, rng, bp::Init::Scaled).value(), points, o)
          .value();
  std::printf("%-52s %10.3f us/iteration\n", "2-8-8-1 tanh, 500 rows, full batch",
              time_steps(big, 2000));
  return 0;
}
