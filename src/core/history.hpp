// The loss per iteration, kept in bounded memory however long training runs: when the
// buffer is full, every other point is dropped and only every 2nd (4th, 8th...) iteration
// is recorded from then on, so the curve always spans the whole run.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace bp {

class LossHistory {
 public:
  struct Point {
    long iteration = 0;
    double loss = 0.0;
  };

  // capacity: most points kept (at least 2; memory is reserved once, here).
  explicit LossHistory(std::size_t capacity = 4096);

  // Records the loss of an iteration (iterations must increase); O(1) amortised.
  void add(long iteration, double loss);
  void clear();

  const std::vector<Point>& points() const { return points_; }
  std::size_t capacity() const { return capacity_; }
  // Iterations between recorded points (1, 2, 4, ...).
  long stride() const { return stride_; }
  // The recorded point nearest to an iteration, if any were recorded.
  std::optional<Point> nearest(long iteration) const;

 private:
  std::size_t capacity_;
  long stride_ = 1;
  std::vector<Point> points_;
};

// Whether training has stopped making progress: true when the history spans at least
// `over` iterations and its latest loss is not below (1 - min_relative_drop) times the
// loss recorded at the last point at least `over` iterations earlier. False while the
// history is shorter, or when either loss is not finite (divergence is reported otherwise).
bool loss_stalled(const LossHistory& history, long over, double min_relative_drop);

}  // namespace bp
