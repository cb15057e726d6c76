// The chapter's exercise: its training loop with five blanks the student fills in with numpy
// expressions. Each blank is checked by value against the trainer's own quantities on the
// current data and weights, known mistakes are named, hints come in steps, and a run trains
// the network with the student's own expressions every iteration.
//
// The loop, in the chapter's names (blanks in brackets):
//   z1 = [z1]                       a1 = sigmoid(z1)
//   z2 = [z2]                       a2 = sigmoid(z2)
//   k2 = (a2-y)*derv_sigmoid(a2)
//   dC_dw2 = [dC_dw2]
//   t1 = [t1] * derv_sigmoid(a1)     (the blank is t1's first factor)
//   dC_dw1 = [dC_dw1]
//   weight2 = weight2 - learningRate*dC_dw2
//   weight1 = weight1 - learningRate*dC_dw1
// It is written for the chapter's network: two sigmoid layers without biases, one output,
// squared error, full batch (any number of inputs, hidden units and examples).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset.hpp"
#include "core/network.hpp"
#include "core/result.hpp"
#include "expr.hpp"

namespace bp::exercise {

enum class Blank { z1, z2, dC_dw2, t1, dC_dw1 };
inline constexpr int kBlanks = 5;
inline constexpr std::array<Blank, kBlanks> kAllBlanks = {Blank::z1, Blank::z2, Blank::dC_dw2,
                                                          Blank::t1, Blank::dC_dw1};
using Texts = std::array<std::string, kBlanks>;

struct BlankInfo {
  std::string_view name;    // "dC_dw2"
  std::string_view before;  // the line's text before the field: "dC_dw2 = "
  std::string_view after;   // and after it: " * derv_sigmoid(a1)" for t1, else ""
  std::string_view answer;  // one correct form: "a1.T.dot(k2)"
};
const BlankInfo& info(Blank b);
// The correct forms of all five blanks.
Texts answers();

// Whether the network is one the exercise is written for; otherwise why not.
Status applicable(const Network& net, const Dataset& data);

// Every name's value at one step of the chapter's loop at the given weights (the trainer's
// own forward and backward pass), and the two gradients.
struct StepValues {
  std::array<Value, kVars> vars;
  Matrix dC_dw2, dC_dw1;
  const Value& operator[](Var v) const { return vars[static_cast<std::size_t>(v)]; }
};
Result<StepValues> step_values(const Network& net, const Dataset& data, double learning_rate);

// The names known on a blank's line: those the loop has computed before it.
Env env_for(Blank b, const StepValues& v);
// The shape the blank must have (for t1: the whole of t1).
Shape required_shape(Blank b, const StepValues& v);

struct Check {
  enum class Verdict { Empty, Error, WrongShape, WrongValues, Correct };
  Verdict verdict = Verdict::Empty;
  std::string message;  // what a student reads under the field
  std::string mistake;  // the known mistake it matches ("" if none): a short name
  bool runnable() const { return verdict == Verdict::WrongValues || verdict == Verdict::Correct; }
};
std::string_view name(Check::Verdict v);  // "empty", "error", "wrong shape", ...

// Reads and evaluates text in the blank's line and compares it with the right quantity.
Check check(Blank b, std::string_view text, const StepValues& v);

// Hints in steps: level 1 the shape the blank must have, 2 the shapes of the names on its
// line, 3 the equation it comes from. Levels above 3 give 3.
std::string hint(Blank b, int level, const StepValues& v);

// --- running the student's code ----------------------------------------------------------

// The five blanks, read; each must evaluate to the shape its line needs.
struct Program {
  std::array<Expr, kBlanks> blanks;
};
Result<Program> compile(const Texts& texts, const StepValues& v);

struct Run {
  Network network;           // after the run
  std::vector<double> loss;  // C = 1/2 sum (y - a2)^2 before each update
  Matrix outputs;            // a2 of the final weights
  int iterations = 0;        // done (fewer if the numbers overflowed)
  std::string stopped;       // why it stopped early ("" if it did not)
};
// Trains from start with the student's expressions every iteration, as the chapter's loop.
Result<Run> train(const Program& p, const Network& start, const Dataset& data, double learning_rate,
                  int iterations);

// The student's dC_dw1 and dC_dw2 at net's weights (one pass of the loop, no update): what
// Trainer::step_with applies when Train runs the student's code.
Result<std::vector<Matrix>> gradients(const Program& p, const Network& net, const Dataset& data,
                                      double learning_rate);

// The student's gradients at net's weights beside the slope of the loss measured by nudging
// each weight (the gradient check): per layer, the largest relative difference.
struct GradientVerdict {
  double rel_error_w1 = 0.0, rel_error_w2 = 0.0;
  bool w1_ok = true, w2_ok = true;
  std::string message;
};
Result<GradientVerdict> gradient_check(const Program& p, const Network& net, const Dataset& data);

}  // namespace bp::exercise
