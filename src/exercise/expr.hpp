// The exercise's expression reader and evaluator: the numpy a student types into the
// chapter's blanks ("a0.dot(weight1)", "np.dot(a1.T, k2)", "weight2 * k2"), read once into a
// small tree and evaluated with numpy's rules on 2-D double arrays.
//
// What it reads: names of the chapter (x, y, a0, z1, a1, z2, a2, k2, t1, weight1, weight2,
// learningRate), numbers, + - * / (elementwise, with numpy's broadcasting), @ and .dot(...)
// and np.dot(.., ..) (matrix products), .T, unary minus and plus, parentheses, sigmoid(..),
// derv_sigmoid(..) (the chapter's: s * (1 - s) of an activation s) and np.exp(..).
// A number is a scalar (numpy's shape ()): it combines with any array.
// Bounded: at most kMaxLength characters and kMaxDepth nested levels; no loops or calls of
// anything else, so evaluating costs at most a few matrix operations per character.
// Errors read like numpy's, in plain words, and name the column (counted from 1).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/broadcast.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace bp::exercise {

inline constexpr std::size_t kMaxLength = 200;
inline constexpr int kMaxDepth = 16;  // parentheses, calls and unary signs

// The chapter's names, in the order its loop computes them.
enum class Var { x, y, a0, weight1, weight2, learningRate, z1, a1, z2, a2, k2, t1, count };
inline constexpr int kVars = static_cast<int>(Var::count);
std::string_view name(Var v);

// A value: a 2-D array, or a number (scalar; then m is 1x1).
struct Value {
  Matrix m;
  bool scalar = false;
  Shape shape() const { return shape_of(m); }
};

// The values the names have on the line being evaluated; nullptr for a name the loop
// has not computed yet at that line (using it is an error saying so).
struct Env {
  std::array<const Value*, kVars> vars{};
  const Value*& operator[](Var v) { return vars[static_cast<std::size_t>(v)]; }
  const Value* operator[](Var v) const { return vars[static_cast<std::size_t>(v)]; }
};

// An error with the column (from 1) where it was found; column 0: the whole expression.
struct ExprError {
  int column = 0;
  std::string message;       // without the column
  std::string text() const;  // "column 7: unknown name 'wieght1' ..."
};

class Expr {
 public:
  // Reads text; the error reads "column N: what is wrong".
  static Result<Expr> parse(std::string_view text);
  // Evaluates on env. On a shape error or a name not yet known, error (when not null) gets
  // the column and message; the result is then not ok.
  Result<Value> eval(const Env& env, ExprError* error = nullptr) const;
  // The names it reads, each once, in the order they first appear.
  const std::vector<Var>& names() const { return names_; }
  const std::string& text() const { return text_; }

  enum class Op {
    Number,
    Name,
    Neg,
    Add,
    Sub,
    Mul,
    Div,
    MatMul,
    Dot,
    NpDot,
    Transpose,
    Sigmoid,
    DervSigmoid,
    Exp
  };
  struct Node {
    Op op = Op::Number;
    int col = 0;         // column of the token it comes from (from 1)
    int a = -1, b = -1;  // operands (node indices)
    double number = 0.0;
    Var var = Var::x;
  };

 private:
  friend class Parser;
  std::string text_;
  std::vector<Node> nodes_;
  std::vector<Var> names_;
  int root_ = -1;
};

}  // namespace bp::exercise
