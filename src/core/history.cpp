// Bounded loss history by decimation.
#include "history.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace bp {

LossHistory::LossHistory(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 2)) {
  points_.reserve(capacity_);
}

void LossHistory::add(long iteration, double loss) {
  if (iteration % stride_ != 0) return;
  while (points_.size() >= capacity_) {
    // Keep the points on the coarser grid of 2 * stride, then record on that grid.
    stride_ *= 2;
    std::size_t kept = 0;
    for (const Point& p : points_)
      if (p.iteration % stride_ == 0) points_[kept++] = p;
    points_.resize(kept);
    if (iteration % stride_ != 0) return;
  }
  points_.push_back({iteration, loss});
}

void LossHistory::clear() {
  points_.clear();
  stride_ = 1;
}

std::optional<LossHistory::Point> LossHistory::nearest(long iteration) const {
  if (points_.empty()) return std::nullopt;
  auto it = std::lower_bound(points_.begin(), points_.end(), iteration,
                             [](const Point& p, long i) { return p.iteration < i; });
  if (it == points_.end()) return points_.back();
  if (it != points_.begin() &&
      std::labs(std::prev(it)->iteration - iteration) <= std::labs(it->iteration - iteration))
    --it;
  return *it;
}

bool loss_stalled(const LossHistory& history, long over, double min_relative_drop) {
  const std::vector<LossHistory::Point>& p = history.points();
  if (p.size() < 2 || over < 1) return false;
  const LossHistory::Point last = p.back();
  // The last point at or before last.iteration - over.
  auto it = std::upper_bound(p.begin(), p.end(), last.iteration - over,
                             [](long i, const LossHistory::Point& q) { return i < q.iteration; });
  if (it == p.begin()) return false;
  const LossHistory::Point earlier = *std::prev(it);
  if (!std::isfinite(earlier.loss) || !std::isfinite(last.loss)) return false;
  return last.loss >= (1.0 - min_relative_drop) * earlier.loss;
}

}  // namespace bp
