// The actions of the page, shared by its buttons and its scripting API.
#include "state.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace bp::app {

void AppState::track(std::string_view name) {
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  rects.push_back(WidgetRect{std::string(name), a.x, a.y, b.x - a.x, b.y - a.y});
}

std::optional<WidgetRect> AppState::rect(std::string_view name) const {
  for (const WidgetRect& r : rects)
    if (r.name == name) return r;
  return std::nullopt;
}

void AppState::train() {
  stop_message.clear();
  if (!t().diverged()) training = true;
}

void AppState::pause() {
  training = false;
}

long AppState::run(long n) {
  long done = 0;
  Trainer& tr = t();
  if (stop_at_iterations) n = std::min(n, std::max(0L, stop_iterations - tr.iteration()));
  // 2-D data is plotted as the mean loss per example, comparable with the test set's.
  const bool mean = two_d();
  while (done < n && !tr.diverged()) {
    tr.step();
    history.add(tr.iteration(), mean ? tr.loss() / tr.batch_size() : tr.loss());
    ++done;
  }
  if (tr.diverged()) training = false;
  return done;
}

long AppState::step(long n) {
  pause();
  const long done = n > 0 ? run(n) : 0;
  evaluate();
  return done;
}

void AppState::reset() {
  set_seed(seed + 1);
}

void AppState::set_seed(std::uint64_t new_seed) {
  pause();
  seed = new_seed;
  seed_edit = new_seed;
  Rng rng(seed);
  Result<Network> net = Network::random(spec(), rng, init());
  if (net) {
    if (Status s = t().set_network(std::move(net.value())); !s) lr_error = s.error();
  }
  rewound();
}

void AppState::advance_training(double dt) {
  frame_iterations = 0;
  if (training) {
    if (speed_max) {
      // As many as fit in the frame budget, looking at the clock every few iterations.
      using Clock = std::chrono::steady_clock;
      const Clock::time_point start = Clock::now();
      const auto budget = std::chrono::duration<double, std::milli>(kFrameBudgetMs);
      do {
        const long done = run(64);
        frame_iterations += done;
        if (done < 64) break;
      } while (Clock::now() - start < budget);
      speed_carry = 0.0;
    } else {
      // A frame that took long (a hidden tab) does not owe more than a quarter second.
      const double owed = speed_carry + speed * std::clamp(dt, 0.0, 0.25);
      const double whole = std::floor(owed);
      speed_carry = owed - whole;
      frame_iterations = run(static_cast<long>(whole));
    }
  }
  evaluate();
  check_stop_rules();
  if (training && !stall_stopped && saturated_hidden > 0 && stalled) {
    training = false;
    stall_stopped = true;
  }
}

Status AppState::set_data(Dataset data) {
  const auto fail = [this](std::string why) -> Status {
    data_error = why;
    return Error{std::move(why)};
  };
  const Eigen::Index rows = data.X.rows();
  if (rows < 1 || rows > kMaxRows)
    return fail("the table needs 1 to " + std::to_string(kMaxRows) + " rows, not " +
                std::to_string(rows));
  if (data.Y.rows() != rows)
    return fail("the targets have " + std::to_string(data.Y.rows()) + " rows and the inputs " +
                std::to_string(rows));
  const auto value_problem = [](double v) -> std::string {
    if (!std::isfinite(v)) return "is not a finite number";
    if (std::fabs(v) > kMaxDataValue) return "is outside -1000 to 1000";
    return {};
  };
  const auto cell = [](Eigen::Index r, std::string column, double v) {
    char num[32];
    std::snprintf(num, sizeof num, "%g", v);
    return "row " + std::to_string(r + 1) + ", " + column + ": " + num + " ";
  };
  const Activation out = t().network().spec().activations.back();
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (Eigen::Index c = 0; c < data.X.cols(); ++c)
      if (std::string p = value_problem(data.X(r, c)); !p.empty())
        return fail(cell(r, "x" + std::to_string(c + 1), data.X(r, c)) + p);
    for (Eigen::Index c = 0; c < data.Y.cols(); ++c) {
      const double y = data.Y(r, c);
      if (std::string p = value_problem(y); !p.empty()) return fail(cell(r, "target y", y) + p);
      if (out == Activation::Sigmoid && (y < 0.0 || y > 1.0))
        return fail(cell(r, "target y", y) +
                    "is outside 0 to 1: a sigmoid output can never reach it");
      if (out == Activation::Tanh && (y < -1.0 || y > 1.0))
        return fail(cell(r, "target y", y) +
                    "is outside -1 to 1: a tanh output can never reach it");
      if (out == Activation::Relu && y < 0.0)
        return fail(cell(r, "target y", y) + "is below 0: a relu output can never reach it");
    }
  }
  if (Status s = t().set_data(std::move(data)); !s) return fail(s.error());
  data_error.clear();
  cell_edit.reset();
  walk_phase.reset();
  example = std::min(example, static_cast<int>(rows) - 1);
  evaluate();
  return {};
}

void AppState::restart() {
  pause();
  t().restart();
  rewound();
}

Status AppState::set_learning_rate(double learning_rate) {
  lr_edit = learning_rate;
  Status s = t().set_learning_rate(learning_rate);
  lr_error = s ? std::string{} : s.error();
  if (s) stall_stopped = false;
  return s;
}

Phase AppState::advance_phase() {
  pause();
  Trainer& tr = t();
  if (tr.phases_done() == 0) walk_loss_before = loss;
  const Phase p = tr.advance_phase();
  walk_phase = p;
  if (p.kind == PhaseKind::Update && !tr.diverged()) history.add(tr.iteration(), tr.loss());
  evaluate();
  return p;
}

void AppState::set_walkthrough(bool on) {
  walkthrough = on;
  if (on) pause();
  if (!on) walk_phase.reset();
}

Status AppState::select(WeightRef w) {
  if (Status s = t().network().check(w); !s) return s;
  selected = w;
  return {};
}

void AppState::select_next(int delta) {
  const Network& net = t().network();
  long total = 0, at = 0;
  for (int l = 1; l <= net.layers(); ++l) {
    if (l == selected.layer) at = total + selected.row * net.W(l).cols() + selected.col;
    total += static_cast<long>(net.W(l).size());
  }
  long k = ((at + delta) % total + total) % total;
  for (int l = 1; l <= net.layers(); ++l) {
    const long n = static_cast<long>(net.W(l).size());
    if (k < n) {
      const auto cols = static_cast<long>(net.W(l).cols());
      selected = WeightRef{l, static_cast<int>(k / cols), static_cast<int>(k % cols)};
      return;
    }
    k -= n;
  }
}

void AppState::select_row(int delta) {
  const auto rows = static_cast<int>(t().network().W(selected.layer).rows());
  selected.row = ((selected.row + delta) % rows + rows) % rows;
}

Status AppState::set_example(int row) {
  const auto n = t().data().size();
  if (row < 0 || row >= n)
    return Error{"there is no example " + std::to_string(row) + ": the data has rows 0 to " +
                 std::to_string(n - 1)};
  example = row;
  return {};
}

void AppState::evaluate() {
  const Trainer& tr = t();
  compute_gradients(tr.network(), tr.options().loss, tr.data().X, tr.data().Y, preview);
  loss = preview.loss;
  saturated_hidden = 0;
  for (int l = 1; l < tr.network().layers(); ++l)
    saturated_hidden += static_cast<int>(saturated_units(preview, l).size());
  stalled = loss_stalled(history, kStallIterations, kStallDrop);
  train_metrics = measure(preview.a.back(), tr.data().Y, tr.options().loss);
  if (two_d()) evaluate_2d();
}

void AppState::rewound() {
  history.clear();
  test_history.clear();
  stop_message.clear();
  stall_stopped = false;
  speed_carry = 0.0;
  walk_phase.reset();
  evaluate();
}

std::string AppState::message() const {
  if (t().diverged()) return t().divergence();
  if (!lr_error.empty()) return lr_error;
  return settings_error;
}

}  // namespace bp::app
