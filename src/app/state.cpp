// The actions of the page, shared by its buttons and its scripting API.
#include "state.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>

namespace bp::app {

double steady_clock_ms() {
  const auto since_start = std::chrono::steady_clock::now().time_since_epoch();
  return std::chrono::duration<double, std::milli>(since_start).count();
}

std::optional<WidgetRect> AppState::rect(std::string_view name) const {
  for (const WidgetRect& r : rects)
    if (r.name == name) return r;
  return std::nullopt;
}

void AppState::train() {
  stop_message.clear();
  end_steps("cancelled");
  if (t().diverged()) return;
  if (context_lost)
    train_after_context = true;  // nobody could watch it: it starts when the page draws again
  else
    training = true;
}

void AppState::set_context_lost(bool lost) {
  if (lost == context_lost) return;
  if (lost) {
    const bool was_training = training;
    pause();
    train_after_context = was_training;
    context_lost = true;
  } else {
    context_lost = false;
    if (std::exchange(train_after_context, false)) train();
  }
}

void AppState::pause() {
  training = false;
  train_after_context = false;
  end_steps("cancelled");
}

void AppState::end_steps(const char* why) {
  if (!stepping) return;
  stepping->end = why;
  stepping->iteration = t().iteration();
  steps_finished.push_back(std::move(*stepping));
  stepping.reset();
}

double AppState::train_budget_ms() const {
  return std::clamp(kFrameAppTargetMs - frame_other_ms, kMinTrainMs, kFrameBudgetMs);
}

void AppState::frame_done(double app_ms) {
  if (std::isfinite(app_ms)) frame_other_ms = std::max(0.0, app_ms - frame_train_ms);
}

AppState::Budgeted AppState::run_budgeted(long want, long floor) {
  const Clock& now = clock ? clock : steady_clock_ms;
  const double budget = frame_budget_ms = train_budget_ms();
  const double start = now();
  const auto ms_since_start = [&now, start] { return now() - start; };
  Budgeted b;
  // Runs n more; false once one did not run (divergence, a stop rule).
  const auto go = [this, &b](long n) {
    const long ran = run(n);
    b.done += ran;
    return ran == n;
  };
  bool more = want > 0 && (floor <= 0 || go(std::min(want, floor)));
  while (more && b.done < want) {
    const double elapsed = ms_since_start();
    if (elapsed >= budget) {
      b.out_of_time = true;
      break;
    }
    // Chunks that double while the clock cannot tell the time yet (it may tick in 0.1 ms),
    // and otherwise fill half of what is left of the budget at the speed seen so far, so
    // that a frame overshoots by at most about one iteration.
    double chunk = std::max(1.0, static_cast<double>(b.done));
    if (b.done > 0 && elapsed > 0)
      chunk = std::min(chunk, (budget - elapsed) / (elapsed / static_cast<double>(b.done)) / 2);
    more = go(static_cast<long>(std::clamp(chunk, 1.0, static_cast<double>(want - b.done))));
  }
  b.ms = ms_since_start();
  return b;
}

long AppState::step_floor() const {
  const Network& net = t().network();
  double parameters = 0;
  for (int l = 1; l <= net.layers(); ++l)
    parameters += static_cast<double>(net.W(l).size() + (net.has_biases() ? net.b(l).size() : 0));
  const double work = parameters * std::max(1, t().batch_size());
  return static_cast<long>(std::max(1.0, std::floor(kStepFloorWork / work)));
}

long AppState::run(long n) {
  long done = 0;
  Trainer& tr = t();
  if (const auto& most = config.stop.max_iterations)
    n = std::min(n, std::max(0L, *most - tr.iteration()));
  // 2-D data is plotted as the mean loss per example, comparable with the test set's.
  const bool mean = two_d();
  while (done < n && !tr.diverged()) {
    if (!exercise_trains(*this))
      tr.step();
    else if (!exercise_step(*this)) {
      training = false;  // the student's code no longer fits: code_error says why
      break;
    }
    history.add(tr.iteration(), mean ? tr.loss() / tr.batch_size() : tr.loss());
    ++done;
  }
  if (tr.diverged()) training = false;
  return done;
}

long AppState::step(long n) {
  pause();
  long done = 0;
  if (n > 0) {
    const Budgeted b = run_budgeted(n, step_floor());
    done = b.done;
    frame_train_ms = b.ms;
    if (b.out_of_time) stepping = StepRun{n, done, {}, 0};
  }
  evaluate();
  return done;
}

void AppState::reset() {
  set_seed(config.seed + 1);
}

void AppState::set_text_size(double size) {
  if (!std::isfinite(size)) return;
  text_size = std::clamp(std::round(size * 20.0) / 20.0, kMinTextSize, kMaxTextSize);
}

void AppState::set_seed(std::uint64_t new_seed) {
  pause();
  config.seed = edit.seed = seed_edit = new_seed;
  Rng rng(new_seed);
  Result<Network> net = Network::random(spec(), rng, init());
  if (net) {
    // The seed also orders the mini-batches, as it does when the page's link is opened.
    Result<Trainer> made =
        Trainer::create(std::move(net.value()), t().data(), trainer_options(config));
    if (made)
      trainer.emplace(std::move(made.value()));
    else
      lr_error = made.error();
  }
  rewound();
}

void AppState::advance_training(double dt) {
  ++frames;
  frame_iterations = 0;
  frame_asked = 0;
  frame_cut = false;
  frame_train_ms = 0;
  if (training) {
    // What the speed asks of this frame ("max": no limit but the budget). A frame that took
    // long (a hidden tab) does not owe more than a quarter second.
    long owed = std::numeric_limits<long>::max();
    double carry = 0.0;
    if (!config.view.speed_max) {
      const double wanted = speed_carry + config.view.speed * std::clamp(dt, 0.0, 0.25);
      const double whole = std::floor(wanted);
      carry = wanted - whole;
      owed = static_cast<long>(whole);
    }
    const Budgeted b = run_budgeted(owed, owed > 0 ? 1 : 0);
    frame_iterations = b.done;
    frame_asked = config.view.speed_max ? -1 : owed;
    frame_cut = b.out_of_time;
    frame_train_ms = b.ms;
    // A speed the device cannot keep up with runs as fast as it can, owing nothing.
    speed_carry = b.out_of_time ? 0.0 : carry;
    if (config.view.speed_max)
      speed_limited_frames = 0;
    else if (b.out_of_time)
      speed_limited_frames = 30;
    else if (owed > 0)
      speed_limited_frames = std::max(0, speed_limited_frames - 1);
  } else {
    speed_limited_frames = 0;
    if (stepping) {
      const long left = steps_left();
      const Budgeted b = run_budgeted(left, 1);
      stepping->done += b.done;
      frame_iterations = b.done;
      frame_asked = left;
      frame_cut = b.out_of_time;
      frame_train_ms = b.ms;
      if (stepping->done >= stepping->asked)
        end_steps("done");
      else if (t().diverged())
        end_steps("diverged");
      else if (!b.out_of_time)
        end_steps("stopped");  // the stop rule's iteration count
    }
  }
  // While training, a costly evaluation waits for its frame (kEvaluateMsPerFrame); the stop
  // rules are checked against the loss it gives, so on those frames too.
  ++evaluate_age;
  if (!training || evaluate_age >= evaluate_every || !evaluated_from.valid) {
    const Clock& now = clock ? clock : steady_clock_ms;
    const long before = evaluations;
    const double start = now();
    evaluate();
    if (evaluations != before) {
      // The smaller of the last two times: one evaluation that waited for a busy core does not
      // hold the pictures back for the next ten frames.
      const double took = now() - start;
      const double cost = evaluate_last_ms >= 0.0 ? std::min(took, evaluate_last_ms) : took;
      evaluate_last_ms = took;
      evaluate_ms = cost;
      evaluate_age = 0;
      evaluate_every =
          static_cast<int>(std::clamp(std::ceil(cost / kEvaluateMsPerFrame), 1.0,
                                      static_cast<double>(kMaxFramesBetweenEvaluations)));
    }
    check_stop_rules();
  }
  if (!training) evaluate_age = kMaxFramesBetweenEvaluations;  // training starts with one
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
  if (s) {
    config.training.learning_rate = edit.training.learning_rate = learning_rate;
    stall_stopped = false;
  }
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
  config.view.walkthrough = on;
  if (on) pause();
  if (!on) walk_phase.reset();
}

Status AppState::select(WeightRef w) {
  if (Status s = t().network().check(w); !s) return s;
  config.view.selected = w;
  return {};
}

void AppState::select_next(int delta) {
  const Network& net = t().network();
  long total = 0, at = 0;
  for (int l = 1; l <= net.layers(); ++l) {
    if (l == config.view.selected.layer)
      at = total + config.view.selected.row * net.W(l).cols() + config.view.selected.col;
    total += static_cast<long>(net.W(l).size());
  }
  long k = ((at + delta) % total + total) % total;
  for (int l = 1; l <= net.layers(); ++l) {
    const long n = static_cast<long>(net.W(l).size());
    if (k < n) {
      const auto cols = static_cast<long>(net.W(l).cols());
      config.view.selected = WeightRef{l, static_cast<int>(k / cols), static_cast<int>(k % cols)};
      return;
    }
    k -= n;
  }
}

void AppState::select_row(int delta) {
  const auto rows = static_cast<int>(t().network().W(config.view.selected.layer).rows());
  config.view.selected.row = ((config.view.selected.row + delta) % rows + rows) % rows;
}

Status AppState::set_example(int row) {
  const auto n = t().data().size();
  if (row < 0 || row >= n)
    return Error{"there is no example " + std::to_string(row) + ": the data has rows 0 to " +
                 std::to_string(n - 1)};
  example = row;
  return {};
}

bool AppState::evaluation_stale() const {
  const EvaluatedFrom& e = evaluated_from;
  const Trainer& tr = t();
  const Network& net = tr.network();
  const auto same = [](const Matrix& a, const Matrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() && (a.array() == b.array()).all();
  };
  if (!e.valid || e.iteration != tr.iteration() || e.two_d != two_d() ||
      e.loss != tr.options().loss || !(e.features == config.features) ||
      e.spec.sizes != net.spec().sizes || e.spec.activations != net.spec().activations ||
      e.spec.biases != net.has_biases() || (two_d() && !heat.valid))
    return true;
  for (int l = 1; l <= net.layers(); ++l) {
    const auto i = static_cast<std::size_t>(l - 1);
    if (!same(e.weights[i], net.W(l))) return true;
    if (net.has_biases() && !same(e.biases[i], net.b(l))) return true;
  }
  return !same(e.x, tr.data().X) || !same(e.y, tr.data().Y) || !same(e.test_x, test.X) ||
         !same(e.test_y, test.Y);
}

void AppState::evaluate() {
  const Trainer& tr = t();
  stalled = loss_stalled(history, kStallIterations, kStallDrop);
  if (!evaluation_stale()) {
    if (two_d()) evaluate_2d_history();
    return;
  }
  ++evaluations;
  compute_gradients(tr.network(), tr.options().loss, tr.data().X, tr.data().Y, preview);
  loss = preview.loss;
  saturated_hidden = 0;
  for (int l = 1; l < tr.network().layers(); ++l)
    saturated_hidden += static_cast<int>(saturated_units(preview, l).size());
  train_metrics = measure(preview.a.back(), tr.data().Y, tr.options().loss);
  if (two_d()) evaluate_2d();
  EvaluatedFrom& e = evaluated_from;
  const Network& net = tr.network();
  e.iteration = tr.iteration();
  e.two_d = two_d();
  e.loss = tr.options().loss;
  e.features = config.features;
  e.spec = net.spec();
  e.weights.resize(static_cast<std::size_t>(net.layers()));
  e.biases.resize(static_cast<std::size_t>(net.layers()));
  for (int l = 1; l <= net.layers(); ++l) {
    e.weights[static_cast<std::size_t>(l - 1)] = net.W(l);
    if (net.has_biases()) e.biases[static_cast<std::size_t>(l - 1)] = net.b(l);
  }
  e.x = tr.data().X;
  e.y = tr.data().Y;
  e.test_x = test.X;
  e.test_y = test.Y;
  // Not valid after a divergence: NaN weights never compare equal anyway.
  e.valid = true;
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
  if (context_lost) return kContextLostMessage;
  if (t().diverged()) return t().divergence();
  if (!lr_error.empty()) return lr_error;
  return settings_error;
}

}  // namespace bp::app
