// The exercise tab's logic.
#include "exercise_state.hpp"

#include <cmath>
#include <cstdio>

#include "config/json.hpp"
#include "exercise/export.hpp"
#include "state.hpp"

namespace bp::app {

namespace ex = bp::exercise;

namespace {

bool same(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && a == b;
}

void check_all(AppState& s) {
  ExerciseView& e = s.exercise;
  const Trainer& t = s.t();
  e.checked_w1 = t.network().W(1);
  e.checked_w2 = t.network().layers() >= 2 ? t.network().W(2) : Matrix();
  e.checked_x = t.data().X;
  e.checked_y = t.data().Y;
  e.checked = true;
  auto v = ex::step_values(t.network(), t.data(), t.options().learning_rate);
  if (!v) {
    e.not_applicable = v.error();
    for (auto& c : e.checks) c = ex::Check{};
    return;
  }
  e.not_applicable.clear();
  bool all = true;
  for (ex::Blank b : ex::kAllBlanks) {
    ex::Check& c = e.checks[static_cast<std::size_t>(b)];
    c = ex::check(b, e.texts[static_cast<std::size_t>(b)], *v);
    all = all && c.runnable();
  }
  // The program Train runs: read again only when the texts changed. The first time every
  // blank evaluates, Train runs it.
  if (!all) {
    e.program.reset();
  } else if (!e.program || e.compiled != e.texts) {
    const bool first = !e.program;
    auto p = ex::compile(e.texts, *v);
    e.program.reset();
    if (p) {
      e.program = std::move(*p);
      e.compiled = e.texts;
      if (first) {
        e.train_with_code = true;
        e.code_error.clear();
      }
    }
  }
  e.live_check.reset();
  if (e.program)
    if (auto g = ex::gradient_check(*e.program, t.network(), t.data()); g)
      e.live_check = std::move(*g);
}

// Why the trainer's options are not the chapter's loop ("" if they are).
std::string loop_mismatch(const Trainer& t) {
  if (t.options().batch_size != 0 && t.options().batch_size < t.data().size())
    return "the exercise trains on the whole data at once (full batch), as the chapter does: "
           "set the batch size to all";
  if (t.options().regularization != Regularization::None)
    return "the exercise's loop has no regularization: switch it off";
  if (t.options().loss != Loss::SquaredError)
    return "the exercise's loop uses the squared error loss";
  return {};
}

}  // namespace

void exercise_refresh(AppState& s) {
  const ExerciseView& e = s.exercise;
  const Trainer& t = s.t();
  const Network& n = t.network();
  if (e.checked && same(e.checked_w1, n.W(1)) && (n.layers() < 2 || same(e.checked_w2, n.W(2))) &&
      same(e.checked_x, t.data().X) && same(e.checked_y, t.data().Y))
    return;
  check_all(s);
}

void exercise_set(AppState& s, ex::Blank b, std::string_view text) {
  const std::size_t limit = ex::kMaxLength + 100;  // longer is refused by the reader anyway
  s.exercise.texts[static_cast<std::size_t>(b)] = std::string(text.substr(0, limit));
  check_all(s);
}

Status exercise_set_json(AppState& s, std::string_view json) {
  auto v = parse_json(json);
  if (!v) return Error{"exercise(blanks): " + v.error()};
  if (v->type != JsonValue::Type::Object)
    return Error{"exercise(blanks) takes an object, e.g. { z1: 'a0.dot(weight1)' }"};
  ex::Texts texts = s.exercise.texts;
  for (const auto& [key, value] : v->fields) {
    int found = -1;
    for (ex::Blank b : ex::kAllBlanks)
      if (key == ex::info(b).name) found = static_cast<int>(b);
    if (found < 0)
      return Error{"exercise(blanks): '" + key +
                   "' is not a blank; the blanks are z1, z2, dC_dw2, t1, dC_dw1"};
    if (value.type != JsonValue::Type::String)
      return Error{"exercise(blanks): " + key + " must be a string (the expression)"};
    if (value.text.size() > ex::kMaxLength)
      return Error{"exercise(blanks): " + key + " is " + std::to_string(value.text.size()) +
                   " characters long; at most " + std::to_string(ex::kMaxLength) + " are read"};
    texts[static_cast<std::size_t>(found)] = value.text;
  }
  s.exercise.texts = texts;
  check_all(s);
  return {};
}

bool exercise_trains(const AppState& s) {
  return s.exercise.train_with_code && s.exercise.program.has_value();
}

bool exercise_step(AppState& s) {
  ExerciseView& e = s.exercise;
  Trainer& t = s.t();
  const auto stop = [&e](std::string why) {
    e.code_error = "Train runs the built-in trainer again: " + why + ".";
    e.train_with_code = false;
    return false;
  };
  if (!e.program) return stop("not every blank evaluates");
  if (std::string why = loop_mismatch(t); !why.empty()) return stop(why);
  auto dW = ex::gradients(*e.program, t.network(), t.data(), t.options().learning_rate);
  if (!dW) return stop(dW.error());
  if (Status st = t.step_with(*dW); !st) return stop(st.error());
  return true;
}

Status exercise_run(AppState& s) {
  ExerciseView& e = s.exercise;
  const Trainer& t = s.t();
  e.run_done = true;
  e.run_error.clear();
  e.run.reset();
  const double lr = t.options().learning_rate;
  auto v = ex::step_values(t.initial_network(), t.data(), lr);
  if (!v) return Error{e.run_error = v.error()};
  if (std::string why = loop_mismatch(t); !why.empty()) return Error{e.run_error = why};
  auto p = ex::compile(e.texts, *v);
  if (!p) return Error{e.run_error = "Not yet: " + p.error() + "."};
  auto run = ex::train(*p, t.initial_network(), t.data(), lr, kExerciseIterations);
  if (!run) return Error{e.run_error = run.error()};
  e.run = std::move(*run);
  const ex::Run& r = *e.run;
  TrainerOptions o = t.options();
  auto builtin = Trainer::create(t.initial_network(), t.data(), o);
  if (!builtin) return Error{e.run_error = builtin.error()};
  builtin->train(kExerciseIterations);
  e.builtin_loss = builtin->full_loss();
  e.bit_for_bit =
      r.network.W(1) == builtin->network().W(1) && r.network.W(2) == builtin->network().W(2);
  auto g = ex::gradient_check(*p, r.network, t.data());
  if (!g) return Error{e.run_error = g.error()};
  e.gradient_message = g->message;
  e.w1_ok = g->w1_ok;
  e.w2_ok = g->w2_ok;
  return {};
}

Result<std::string> exercise_numpy(const AppState& s) {
  const Trainer& t = s.t();
  const long iterations = t.iteration() > 0 ? t.iteration() : kExerciseIterations;
  const bool full_batch = t.options().batch_size == 0 || t.options().batch_size >= t.data().size();
  // Off the chapter's loop (2-D data, deeper networks, biases, mini-batches, a penalty, another
  // loss): the general loop, with the network, the batches and the data written out.
  if (!ex::applicable(t.initial_network(), t.data()) || !full_batch ||
      t.options().regularization != Regularization::None || t.options().loss != Loss::SquaredError)
    return ex::numpy_general_program(t.initial_network(), t.data(), t.options(), iterations);
  ex::Texts texts = s.exercise.texts;
  for (ex::Blank b : ex::kAllBlanks) {
    std::string& text = texts[static_cast<std::size_t>(b)];
    if (text.find_first_not_of(" \t") == std::string::npos) text = std::string(ex::info(b).answer);
  }
  return ex::numpy_program(t.initial_network(), t.data(), t.options().learning_rate,
                           static_cast<int>(std::min<long>(iterations, 100'000'000)), texts);
}

std::string exercise_json(const AppState& s) {
  const ExerciseView& e = s.exercise;
  JsonValue o = JsonValue::object();
  o.add("applicable", JsonValue::of(e.not_applicable.empty()));
  o.add("notApplicable", JsonValue::of(e.not_applicable));
  JsonValue blanks = JsonValue::object();
  for (ex::Blank b : ex::kAllBlanks) {
    const auto i = static_cast<std::size_t>(b);
    JsonValue one = JsonValue::object();
    one.add("text", JsonValue::of(e.texts[i]));
    one.add("verdict", JsonValue::of(ex::name(e.checks[i].verdict)));
    one.add("message", JsonValue::of(e.checks[i].message));
    one.add("mistake", JsonValue::of(e.checks[i].mistake));
    one.add("hintLevel", JsonValue::integer(static_cast<unsigned long long>(e.hint_level[i])));
    blanks.add(std::string(ex::info(b).name), std::move(one));
  }
  o.add("blanks", std::move(blanks));
  JsonValue run = JsonValue::object();
  run.add("done", JsonValue::of(e.run_done));
  run.add("error", JsonValue::of(e.run_error));
  if (e.run_done && e.run_error.empty() && e.run) {
    const ex::Run& r = *e.run;
    run.add("iterations", JsonValue::integer(static_cast<unsigned long long>(r.iterations)));
    run.add("loss", JsonValue::of(r.loss.empty() ? 0.0 : r.loss.back()));
    run.add("firstLoss", JsonValue::of(r.loss.empty() ? 0.0 : r.loss.front()));
    run.add("builtinLoss", JsonValue::of(e.builtin_loss));
    run.add("bitForBit", JsonValue::of(e.bit_for_bit));
    JsonValue outputs = JsonValue::array();
    for (Eigen::Index i = 0; i < r.outputs.rows(); ++i)
      outputs.push(JsonValue::of(r.outputs(i, 0)));
    run.add("outputs", std::move(outputs));
    run.add("gradientW1Ok", JsonValue::of(e.w1_ok));
    run.add("gradientW2Ok", JsonValue::of(e.w2_ok));
    run.add("gradientMessage", JsonValue::of(e.gradient_message));
  }
  o.add("run", std::move(run));
  o.add("trainWithCode", JsonValue::of(exercise_trains(s)));
  o.add("codeError", JsonValue::of(e.code_error));
  if (e.live_check) {
    JsonValue live = JsonValue::object();
    live.add("w1Ok", JsonValue::of(e.live_check->w1_ok));
    live.add("w2Ok", JsonValue::of(e.live_check->w2_ok));
    live.add("message", JsonValue::of(e.live_check->message));
    o.add("gradientCheck", std::move(live));
  }
  return write_json(o);
}

}  // namespace bp::app
