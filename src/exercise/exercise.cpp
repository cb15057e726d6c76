// The chapter's exercise: blanks, checks by value, known mistakes, hints, and the run.
#include "exercise.hpp"

#include <cmath>
#include <cstdio>

#include "core/activation.hpp"
#include "core/backprop.hpp"
#include "core/gradient_check.hpp"
#include "core/loss.hpp"

namespace bp::exercise {

namespace {

constexpr std::array<BlankInfo, kBlanks> kInfo = {{
    {"z1", "z1 = ", "", "a0.dot(weight1)"},
    {"z2", "z2 = ", "", "a1.dot(weight2)"},
    {"dC_dw2", "dC_dw2 = ", "", "a1.T.dot(k2)"},
    {"t1", "t1 = ", " * derv_sigmoid(a1)", "k2.dot(weight2.T)"},
    {"dC_dw1", "dC_dw1 = ", "", "a0.T.dot(t1)"},
}};

std::size_t idx(Blank b) {
  return static_cast<std::size_t>(b);
}

// A wrong form a student often writes, with what it means.
struct Mistake {
  const char* expr;
  const char* name;
  const char* explain;
};

const std::vector<Mistake>& mistakes(Blank b) {
  static const std::array<std::vector<Mistake>, kBlanks> table = {{
      {{"sigmoid(a0.dot(weight1))", "sigmoid applied",
        "This is a1 = sigmoid(z1). z1 is the sum before the sigmoid: leave the sigmoid out."},
       {"weight1.dot(a0)", "order swapped",
        "The product is in the wrong order: a0 [examples x inputs] comes first, then weight1 "
        "[inputs x hidden]."}},
      {{"sigmoid(a1.dot(weight2))", "sigmoid applied",
        "This is a2 = sigmoid(z2). z2 is the sum before the sigmoid: leave the sigmoid out."},
       {"z1.dot(weight2)", "z1 instead of a1",
        "This uses z1, the hidden layer's sum before its sigmoid. The second layer's input is "
        "the hidden layer's output a1 = sigmoid(z1)."},
       {"weight2.T.dot(a1.T)", "transposed",
        "This is z2 transposed: one column per example instead of one row. Put a1 first."}},
      {{"a1.dot(k2)", "missing .T",
        "a1 is missing its .T. Without it numpy still multiplies (there are as many hidden "
        "units as examples), but it sums over the wrong index: a1.T.dot(k2) sums over the "
        "examples."},
       {"k2.T.dot(a1)", "transposed",
        "This is the answer transposed: dC_dw2 must have the shape of weight2, one row per "
        "hidden unit."},
       {"a1.T.dot(a2 - y)", "missing derv_sigmoid",
        "derv_sigmoid(a2) is missing: equation (A) has the sigmoid's slope at the output. "
        "k2 = (a2-y)*derv_sigmoid(a2) already includes it."},
       {"a0.T.dot(k2)", "a0 instead of a1",
        "This uses a0, the network's input. The second layer's input is a1."},
       {"-a1.T.dot(k2)", "sign flipped",
        "The sign is flipped: dC_dw2 is the gradient itself; the update line subtracts it."}},
      {{"weight2 * k2", "the chapter's weight2 * k2",
        "This is the chapter's own attempt, t2 = weight2 * k2. * multiplies element by "
        "element: weight2 [hidden x 1] and k2 [examples x 1] only fit because there are as "
        "many hidden units as examples, and numpy then repeats that column across "
        "derv_sigmoid(a1)'s columns, so the hidden-unit index and the example index get "
        "mixed up. The shapes come out right and the values wrong. The error goes back "
        "through weight2 as a matrix product."},
       {"k2 * weight2", "the chapter's weight2 * k2",
        "This is the chapter's own attempt, t2 = weight2 * k2, written the other way round: "
        "* multiplies element by element and mixes the hidden-unit index with the example "
        "index. The error goes back through weight2 as a matrix product."},
       {"weight2.dot(k2.T)", "transposed",
        "This is the right product transposed: t1 needs one row per example and one column "
        "per hidden unit. Put k2 first."},
       {"k2.dot(weight2.T) * derv_sigmoid(a1)", "derv_sigmoid twice",
        "derv_sigmoid(a1) is already on the line after the field: now it is applied twice."},
       {"(a2 - y).dot(weight2.T)", "missing derv_sigmoid",
        "derv_sigmoid(a2) is missing: start from k2, which includes the output's slope."},
       {"k2", "not through weight2",
        "k2 has to go back through weight2 to reach the hidden layer: a matrix product with "
        "weight2, transposed."}},
      {{"t1.T.dot(a0)", "transposed",
        "This is the answer transposed: dC_dw1 must have the shape of weight1, one row per "
        "input."},
       {"a0.T.dot(k2.dot(weight2.T))", "missing derv_sigmoid",
        "derv_sigmoid(a1) is missing: use t1, which includes the hidden layer's slope."},
       {"a0.T.dot(k2)", "k2 instead of t1",
        "This uses k2, the output layer's error. The first layer's error is t1."},
       {"a1.T.dot(t1)", "a1 instead of a0",
        "This uses a1. The first layer's input is a0 (the data x)."},
       {"a0.dot(t1)", "missing .T", "a0 is missing its .T: a0.T.dot(t1) sums over the examples."},
       {"-a0.T.dot(t1)", "sign flipped",
        "The sign is flipped: dC_dw1 is the gradient itself; the update line subtracts it."}},
  }};
  return table[idx(b)];
}

std::string shape_words(Blank b) {
  switch (b) {
    case Blank::z1: return "one row per example, one column per hidden unit";
    case Blank::z2: return "one row per example, one column for the output";
    case Blank::dC_dw2: return "the shape of weight2: one row per hidden unit";
    case Blank::t1: return "one row per example, one column per hidden unit";
    case Blank::dC_dw1:
      return "the shape of weight1: one row per input, one column per hidden unit";
  }
  return "";
}

bool close(const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    const double x = a.data()[i], y = b.data()[i];
    if (!(std::abs(x - y) <= 1e-9 * std::max(1.0, std::abs(y)))) return false;
  }
  return true;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// t1 = factor * derv_sigmoid(a1), with numpy's broadcasting.
Result<Matrix> whole_t1(const Matrix& factor, const StepValues& v) {
  const Matrix& a1 = v[Var::a1].m;
  const Matrix ds = (a1.array() * (1.0 - a1.array())).matrix();
  auto s = broadcast_shape(shape_of(factor), shape_of(ds));
  if (!s) return Error{s.error() + " (at the '*' before derv_sigmoid(a1))"};
  Matrix t1;
  broadcast_into(
      factor, ds, [](double p, double q) { return p * q; }, t1);
  return t1;
}

const Matrix& right_value(Blank b, const StepValues& v) {
  switch (b) {
    case Blank::z1: return v[Var::z1].m;
    case Blank::z2: return v[Var::z2].m;
    case Blank::dC_dw2: return v.dC_dw2;
    case Blank::t1: return v[Var::t1].m;
    case Blank::dC_dw1: return v.dC_dw1;
  }
  return v.dC_dw1;
}

}  // namespace

const BlankInfo& info(Blank b) {
  return kInfo[idx(b)];
}

Texts answers() {
  Texts t;
  for (Blank b : kAllBlanks) t[idx(b)] = std::string(info(b).answer);
  return t;
}

std::string_view name(Check::Verdict v) {
  switch (v) {
    case Check::Verdict::Empty: return "empty";
    case Check::Verdict::Error: return "error";
    case Check::Verdict::WrongShape: return "wrong shape";
    case Check::Verdict::WrongValues: return "wrong values";
    case Check::Verdict::Correct: return "correct";
  }
  return "";
}

Status applicable(const Network& net, const Dataset& data) {
  if (net.layers() != 2 || net.outputs() != 1)
    return Error{"the exercise is the chapter's loop: one hidden layer and one output"};
  if (net.activation(1) != Activation::Sigmoid || net.activation(2) != Activation::Sigmoid)
    return Error{"the exercise is the chapter's loop: sigmoid in both layers"};
  if (net.has_biases()) return Error{"the exercise is the chapter's loop: no biases"};
  if (data.X.cols() != net.inputs() || data.Y.cols() != 1 || data.size() == 0)
    return Error{"the data does not fit the network"};
  return {};
}

Result<StepValues> step_values(const Network& net, const Dataset& data, double learning_rate) {
  if (Status s = applicable(net, data); !s) return Error{s.error()};
  const StepTrace t = compute_gradients(net, Loss::SquaredError, data.X, data.Y);
  StepValues v;
  const auto set = [&](Var var, const Matrix& m) {
    v.vars[static_cast<std::size_t>(var)] = Value{m, false};
  };
  set(Var::x, data.X);
  set(Var::y, data.Y);
  set(Var::a0, t.a[0]);
  set(Var::weight1, net.W(1));
  set(Var::weight2, net.W(2));
  v.vars[static_cast<std::size_t>(Var::learningRate)] =
      Value{Matrix::Constant(1, 1, learning_rate), true};
  set(Var::z1, t.z[1]);
  set(Var::a1, t.a[1]);
  set(Var::z2, t.z[2]);
  set(Var::a2, t.a[2]);
  set(Var::k2, t.delta[2]);
  set(Var::t1, t.delta[1]);
  v.dC_dw2 = t.dW[2];
  v.dC_dw1 = t.dW[1];
  return v;
}

Env env_for(Blank b, const StepValues& v) {
  Env e;
  const auto put = [&](Var var) { e[var] = &v[var]; };
  for (Var var : {Var::x, Var::y, Var::a0, Var::weight1, Var::weight2, Var::learningRate}) put(var);
  if (b == Blank::z1) return e;
  put(Var::z1);
  put(Var::a1);
  if (b == Blank::z2) return e;
  put(Var::z2);
  put(Var::a2);
  put(Var::k2);
  if (b == Blank::dC_dw2 || b == Blank::t1) return e;
  put(Var::t1);
  return e;
}

Shape required_shape(Blank b, const StepValues& v) {
  return shape_of(right_value(b, v));
}

Check check(Blank b, std::string_view text, const StepValues& v) {
  Check c;
  bool blank = true;
  for (char ch : text) blank = blank && (ch == ' ' || ch == '\t');
  if (blank) {
    c.message = "Type the expression for " + std::string(info(b).name) + ".";
    return c;
  }
  c.verdict = Check::Verdict::Error;
  auto e = Expr::parse(text);
  if (!e) {
    c.message = e.error();
    return c;
  }
  const Env env = env_for(b, v);
  auto value = e->eval(env);
  if (!value) {
    c.message = "numpy would refuse this: " + value.error();
    return c;
  }
  Matrix got = value->m;
  if (b == Blank::t1) {
    auto t1 = whole_t1(got, v);
    if (!t1) {
      c.message = "numpy would refuse this line: " + t1.error();
      return c;
    }
    got = std::move(*t1);
  }
  const Matrix& right = right_value(b, v);
  const Shape need = shape_of(right);
  // A known mistake, compared by value on the same names.
  for (const Mistake& m : mistakes(b)) {
    auto me = Expr::parse(m.expr);
    if (!me) continue;
    auto mv = me->eval(env);
    if (mv && !mv->scalar && close(mv->m, value->m)) {
      c.mistake = m.name;
      c.message = m.explain;
      break;
    }
  }
  std::string what;
  if (shape_of(got) != need) {
    c.verdict = Check::Verdict::WrongShape;
    what = (b == Blank::t1 ? "numpy runs this, but t1 comes out with shape "
                           : "numpy runs this, but it gives shape ") +
           to_string(shape_of(got)) + "; " + std::string(info(b).name) + " must have shape " +
           to_string(need) + " (" + shape_words(b) + ").";
  } else if (!close(got, right)) {
    c.verdict = Check::Verdict::WrongValues;
    Eigen::Index r = 0, col = 0;
    const double worst = (got - right).cwiseAbs().maxCoeff(&r, &col);
    what = "The shape " + to_string(need) + " is right, but the values are not: at [" +
           std::to_string(r) + "][" + std::to_string(col) + "] it gives " + fmt(got(r, col)) +
           " where " + std::string(info(b).name) + " is " + fmt(right(r, col)) +
           (std::isfinite(worst) ? "" : " (not a finite number)") + ".";
  } else {
    c.verdict = Check::Verdict::Correct;
    c.mistake.clear();
    c.message = "Correct: " + std::string(info(b).name) + " has the right shape " +
                to_string(need) + " and the right values.";
    return c;
  }
  c.message = c.mistake.empty() ? what : what + " " + c.message;
  return c;
}

std::string hint(Blank b, int level, const StepValues& v) {
  const std::string n(info(b).name);
  std::string out = "1. " + n + " must have shape " + to_string(required_shape(b, v)) + " (" +
                    shape_words(b) + ")" +
                    (b == Blank::t1 ? ", after the * derv_sigmoid(a1)." : ".");
  if (level < 2) return out;
  out += "\n2. On this line: ";
  const Env env = env_for(b, v);
  bool first = true;
  for (int i = 0; i < kVars; ++i) {
    const Var var = static_cast<Var>(i);
    if (!env[var]) continue;
    out += (first ? "" : ", ") + std::string(name(var)) + " " +
           (env[var]->scalar ? std::string("is a number") : to_string(env[var]->shape()));
    first = false;
  }
  out += ". * multiplies element by element; .dot is the matrix product; .T transposes.";
  if (level < 3) return out;
  out += "\n3. ";
  switch (b) {
    case Blank::z1:
      out +=
          "The hidden layer's sum: each example's inputs times the first layer's weights, "
          "z1 = a0 W1, [examples x inputs].[inputs x hidden] = [examples x hidden].";
      break;
    case Blank::z2:
      out +=
          "The output's sum: the hidden layer's outputs times the second layer's weights, "
          "z2 = a1 W2, [examples x hidden].[hidden x 1] = [examples x 1].";
      break;
    case Blank::dC_dw2:
      out +=
          "Equation (A): dC/dw2 = a1 * s'(z2) * (a2 - y) = a1 . k2, summed over the "
          "examples: a1 transposed times k2, [hidden x examples].[examples x 1].";
      break;
    case Blank::t1:
      out +=
          "Equation (B): the output's error k2 goes back through weight2 to each hidden "
          "unit: k2 times weight2 transposed, [examples x 1].[1 x hidden]; the line then "
          "multiplies by the hidden layer's slope derv_sigmoid(a1).";
      break;
    case Blank::dC_dw1:
      out +=
          "Equation (B): dC/dw1 = a0 . t1, summed over the examples: a0 transposed times "
          "t1, [inputs x examples].[examples x hidden].";
      break;
  }
  return out;
}

Result<Program> compile(const Texts& texts, const StepValues& v) {
  Program p;
  for (Blank b : kAllBlanks) {
    const std::string n(info(b).name);
    auto e = Expr::parse(texts[idx(b)]);
    if (!e) return Error{n + ": " + e.error()};
    auto value = e->eval(env_for(b, v));
    if (!value) return Error{n + ": " + value.error()};
    Matrix got = value->m;
    if (b == Blank::t1) {
      auto t1 = whole_t1(got, v);
      if (!t1) return Error{n + ": " + t1.error()};
      got = std::move(*t1);
    }
    if (shape_of(got) != required_shape(b, v))
      return Error{n + " gives shape " + to_string(shape_of(got)) + " where its line needs " +
                   to_string(required_shape(b, v)) + ": fix the shape first"};
    p.blanks[idx(b)] = std::move(*e);
  }
  return p;
}

namespace {

// One pass of the chapter's loop with the student's expressions, on values kept between
// iterations. Returns false (with the error) if a blank stops evaluating.
struct Loop {
  const Program& p;
  std::array<Value, kVars> vars;
  Matrix dC_dw2, dC_dw1;
  Env env;
  std::string error;

  Loop(const Program& program, const Network& net, const Dataset& data, double lr) : p(program) {
    val(Var::x) = Value{data.X, false};
    val(Var::y) = Value{data.Y, false};
    val(Var::a0) = Value{data.X, false};
    val(Var::weight1) = Value{net.W(1), false};
    val(Var::weight2) = Value{net.W(2), false};
    val(Var::learningRate) = Value{Matrix::Constant(1, 1, lr), true};
    for (int i = 0; i < kVars; ++i)
      env.vars[static_cast<std::size_t>(i)] = &vars[static_cast<std::size_t>(i)];
  }
  Value& val(Var v) { return vars[static_cast<std::size_t>(v)]; }

  bool blank(Blank b, Matrix& out) {
    auto r = p.blanks[idx(b)].eval(env);
    if (!r) {
      error = std::string(info(b).name) + ": " + r.error();
      return false;
    }
    out = std::move(r->m);
    return true;
  }

  // Forward and backward pass at the current weights; the loss before the update.
  bool pass(double& loss) {
    if (!blank(Blank::z1, val(Var::z1).m)) return false;
    Matrix& a1 = val(Var::a1).m;
    a1.resize(val(Var::z1).m.rows(), val(Var::z1).m.cols());
    sigmoid(val(Var::z1).m, a1);
    if (!blank(Blank::z2, val(Var::z2).m)) return false;
    Matrix& a2 = val(Var::a2).m;
    a2.resize(val(Var::z2).m.rows(), val(Var::z2).m.cols());
    sigmoid(val(Var::z2).m, a2);
    const Matrix& y = val(Var::y).m;
    loss = loss_forward(Loss::SquaredError, a2, y);
    // k2 = (a2-y)*derv_sigmoid(a2), as the trainer computes it
    val(Var::k2).m = ((a2 - y).array() * (a2.array() * (1.0 - a2.array()))).matrix();
    if (!blank(Blank::dC_dw2, dC_dw2)) return false;
    Matrix factor;
    if (!blank(Blank::t1, factor)) return false;
    const Matrix ds = (a1.array() * (1.0 - a1.array())).matrix();
    if (!broadcast_shape(shape_of(factor), shape_of(ds))) {
      error = "t1: the factor's shape changed";
      return false;
    }
    broadcast_into(
        factor, ds, [](double u, double w) { return u * w; }, val(Var::t1).m);
    if (!blank(Blank::dC_dw1, dC_dw1)) return false;
    if (shape_of(dC_dw2) != val(Var::weight2).shape() ||
        shape_of(dC_dw1) != val(Var::weight1).shape()) {
      error = "a gradient's shape changed";
      return false;
    }
    return true;
  }
};

}  // namespace

Result<Run> train(const Program& p, const Network& start, const Dataset& data, double learning_rate,
                  int iterations) {
  if (Status s = applicable(start, data); !s) return Error{s.error()};
  if (iterations < 0 || iterations > 10'000'000) return Error{"iterations must be 0 to 10000000"};
  if (!std::isfinite(learning_rate)) return Error{"the learning rate must be a finite number"};
  Loop loop(p, start, data, learning_rate);
  Run run{start, {}, {}, 0, {}};
  run.loss.reserve(static_cast<std::size_t>(iterations));
  for (int i = 0; i < iterations; ++i) {
    double loss = 0.0;
    if (!loop.pass(loss)) return Error{loop.error};
    run.loss.push_back(loss);
    Matrix& w2 = loop.val(Var::weight2).m;
    Matrix& w1 = loop.val(Var::weight1).m;
    w2 = w2 - learning_rate * loop.dC_dw2;
    w1 = w1 - learning_rate * loop.dC_dw1;
    run.iterations = i + 1;
    if (!std::isfinite(loss) || !w1.allFinite() || !w2.allFinite()) {
      run.stopped = "the numbers overflowed after " + std::to_string(i + 1) + " iterations";
      break;
    }
  }
  run.network.W(1) = loop.val(Var::weight1).m;
  run.network.W(2) = loop.val(Var::weight2).m;
  run.outputs = run.network.predict(data.X).value();
  return run;
}

Result<std::vector<Matrix>> gradients(const Program& p, const Network& net, const Dataset& data,
                                      double learning_rate) {
  if (Status s = applicable(net, data); !s) return Error{s.error()};
  Loop loop(p, net, data, learning_rate);
  double loss = 0.0;
  if (!loop.pass(loss)) return Error{loop.error};
  return std::vector<Matrix>{std::move(loop.dC_dw1), std::move(loop.dC_dw2)};
}

Result<GradientVerdict> gradient_check(const Program& p, const Network& net, const Dataset& data) {
  if (Status s = applicable(net, data); !s) return Error{s.error()};
  Loop loop(p, net, data, 0.0);
  double loss = 0.0;
  if (!loop.pass(loss)) return Error{loop.error};
  auto checks = check_all_gradients(net, data, Loss::SquaredError);
  if (!checks) return Error{checks.error()};
  GradientVerdict g;
  for (const GradientCheck& c : *checks) {
    const Matrix& mine = c.weight.layer == 1 ? loop.dC_dw1 : loop.dC_dw2;
    const double s = mine(c.weight.row, c.weight.col);
    const double diff = std::abs(s - c.numeric);
    const double rel = diff / std::max({std::abs(s), std::abs(c.numeric), 1e-12});
    const bool ok = diff <= 1e-7 || rel <= 1e-4;
    if (c.weight.layer == 1) {
      g.rel_error_w1 = std::max(g.rel_error_w1, rel);
      g.w1_ok = g.w1_ok && ok;
    } else {
      g.rel_error_w2 = std::max(g.rel_error_w2, rel);
      g.w2_ok = g.w2_ok && ok;
    }
  }
  const auto line = [](const char* w, const char* d, bool ok, double rel) {
    return std::string("Gradient check ") + w + ": " +
           (ok ? std::string("passes (") + d + " matches the measured slope)"
               : std::string("FAILS: ") + d + " differs from the measured slope by up to " +
                     fmt(rel * 100.0) + "%");
  };
  g.message = line("weight1", "dC_dw1", g.w1_ok, g.rel_error_w1) + ". " +
              line("weight2", "dC_dw2", g.w2_ok, g.rel_error_w2) + ".";
  return g;
}

}  // namespace bp::exercise
