// The exercise's expression reader (recursive descent over Python's precedence) and its
// evaluator (numpy's rules on 2-D arrays).
#include "expr.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/activation.hpp"

namespace bp::exercise {

namespace {

constexpr std::array<std::string_view, kVars> kNames = {
    "x", "y", "a0", "weight1", "weight2", "learningRate", "z1", "a1", "z2", "a2", "k2", "t1"};

}  // namespace

std::string_view name(Var v) {
  return kNames[static_cast<std::size_t>(v)];
}

std::string ExprError::text() const {
  return column > 0 ? "column " + std::to_string(column) + ": " + message : message;
}

// --- reading ----------------------------------------------------------------------------

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Result<Expr> run() {
    if (s_.size() > kMaxLength)
      return Error{"the expression is " + std::to_string(s_.size()) + " characters long; at most " +
                   std::to_string(kMaxLength) + " are read"};
    skip();
    if (pos_ == s_.size()) return Error{"the field is empty: type an expression"};
    const int root = sum(0);
    if (root >= 0 && pos_ < s_.size())
      fail(col(), "unexpected " + describe() + " after a whole expression");
    if (!error_.empty()) return Error{error_};
    e_.text_ = std::string(s_);
    e_.root_ = root;
    return std::move(e_);
  }

 private:
  using Op = Expr::Op;

  std::string_view s_;
  std::size_t pos_ = 0;
  Expr e_;
  std::string error_;

  int col() const { return static_cast<int>(pos_) + 1; }
  void skip() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  int fail(int column, const std::string& message) {
    if (error_.empty()) error_ = ExprError{column, message}.text();
    return -1;
  }
  std::string describe() const {
    if (pos_ >= s_.size()) return "end";
    const char c = s_[pos_];
    if (std::isprint(static_cast<unsigned char>(c))) return std::string("'") + c + "'";
    return "character " + std::to_string(static_cast<unsigned char>(c));
  }
  bool peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool peek2(const char* two) const {
    return pos_ + 1 < s_.size() && s_[pos_] == two[0] && s_[pos_ + 1] == two[1];
  }
  bool eat(char c) {
    if (!peek(c)) return false;
    ++pos_;
    skip();
    return true;
  }
  int node(Op op, int column, int a = -1, int b = -1) {
    Expr::Node n;
    n.op = op;
    n.col = column;
    n.a = a;
    n.b = b;
    e_.nodes_.push_back(n);
    return static_cast<int>(e_.nodes_.size()) - 1;
  }
  bool too_deep(int depth) {
    if (depth <= kMaxDepth) return false;
    fail(col(), "the expression nests more than " + std::to_string(kMaxDepth) + " levels deep");
    return true;
  }

  // sum := term (('+' | '-') term)*
  int sum(int depth) {
    if (too_deep(depth)) return -1;
    int left = term(depth);
    while (left >= 0 && (peek('+') || peek('-'))) {
      const Op op = peek('+') ? Op::Add : Op::Sub;
      const int c = col();
      eat(s_[pos_]);
      const int right = term(depth);
      if (right < 0) return -1;
      left = node(op, c, left, right);
    }
    return left;
  }
  // term := unary (('*' | '/' | '@') unary)*
  int term(int depth) {
    int left = unary(depth);
    while (left >= 0 && (peek('*') || peek('/') || peek('@'))) {
      if (peek2("**")) return fail(col(), "** (a power) is not part of this exercise");
      if (peek2("//"))
        return fail(col(), "// (whole-number division) is not part of this exercise");
      const Op op = peek('*') ? Op::Mul : peek('/') ? Op::Div : Op::MatMul;
      const int c = col();
      eat(s_[pos_]);
      const int right = unary(depth);
      if (right < 0) return -1;
      left = node(op, c, left, right);
    }
    return left;
  }
  // unary := ('-' | '+') unary | postfix
  int unary(int depth) {
    if (too_deep(depth)) return -1;
    if (peek('-') || peek('+')) {
      const bool neg = peek('-');
      const int c = col();
      eat(s_[pos_]);
      const int operand = unary(depth + 1);
      if (operand < 0 || !neg) return operand;
      return node(Op::Neg, c, operand);
    }
    return postfix(depth);
  }
  // postfix := primary ('.T' | '.dot(' sum ')')*
  int postfix(int depth) {
    int left = primary(depth);
    while (left >= 0 && peek('.')) {
      const int c = col();
      ++pos_;
      skip();
      const std::string_view id = identifier();
      if (id == "T") {
        left = node(Op::Transpose, c, left);
      } else if (id == "dot") {
        if (!eat('(')) return fail(col(), "expected '(' after .dot");
        const int arg = sum(depth + 1);
        if (arg < 0) return -1;
        if (!eat(')'))
          return fail(col(), "expected ')' to close .dot( at column " + std::to_string(c));
        left = node(Op::Dot, c, left, arg);
      } else if (id.empty()) {
        return fail(col(), "expected T or dot after '.'");
      } else {
        return fail(c + 1,
                    "." + std::string(id) + " is not part of this exercise (it knows .T and .dot)");
      }
    }
    return left;
  }
  std::string_view identifier() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      ++pos_;
    const std::string_view id = s_.substr(start, pos_ - start);
    skip();
    return id;
  }
  // One argument in parentheses (after a function's name), or two separated by a comma.
  int call(int depth, const char* what, int column, int* second) {
    if (!eat('(')) return fail(col(), std::string("expected '(' after ") + what);
    const int a = sum(depth + 1);
    if (a < 0) return -1;
    if (second) {
      if (!eat(',')) return fail(col(), std::string(what) + " takes two arguments: expected ','");
      *second = sum(depth + 1);
      if (*second < 0) return -1;
    } else if (peek(',')) {
      return fail(col(), std::string(what) + " takes one argument");
    }
    if (!eat(')'))
      return fail(col(), "expected ')' to close " + std::string(what) + "( at column " +
                             std::to_string(column));
    return a;
  }
  int number() {
    const int c = col();
    const std::size_t start = pos_;
    while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    if (peek('.')) {
      ++pos_;
      while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      std::size_t p = pos_ + 1;
      if (p < s_.size() && (s_[p] == '+' || s_[p] == '-')) ++p;
      if (p < s_.size() && std::isdigit(static_cast<unsigned char>(s_[p]))) {
        pos_ = p;
        while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      }
    }
    const std::string text(s_.substr(start, pos_ - start));
    if (text == ".") return fail(c, "a '.' needs a name before it");
    if (pos_ < s_.size() && (std::isalpha(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      return fail(col(), "a number cannot be followed by a letter");
    skip();
    const int n = node(Op::Number, c);
    e_.nodes_[static_cast<std::size_t>(n)].number = std::strtod(text.c_str(), nullptr);
    return n;
  }
  // primary := number | name | function '(' sum ')' | np.dot(sum, sum) | np.exp(sum) | '(' sum ')'
  int primary(int depth) {
    const int c = col();
    if (pos_ >= s_.size())
      return fail(c, "the expression ends too early: expected a name, a number or '('");
    const char ch = s_[pos_];
    if (ch == '(') {
      eat('(');
      const int inner = sum(depth + 1);
      if (inner < 0) return -1;
      if (!eat(')'))
        return fail(col(), "expected ')' to close the '(' at column " + std::to_string(c));
      return inner;
    }
    if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '.') return number();
    if (!std::isalpha(static_cast<unsigned char>(ch)) && ch != '_')
      return fail(c, "unexpected " + describe() + ": expected a name, a number or '('");
    const std::string_view id = identifier();
    if (id == "np") {
      if (!eat('.')) return fail(col(), "expected '.' after np (np.dot or np.exp)");
      const int fc = col();
      const std::string_view f = identifier();
      if (f == "dot") {
        int second = -1;
        const int a = call(depth, "np.dot", c, &second);
        if (a < 0) return -1;
        return node(Op::NpDot, c, a, second);
      }
      if (f == "exp") {
        const int a = call(depth, "np.exp", c, nullptr);
        return a < 0 ? -1 : node(Op::Exp, c, a);
      }
      return fail(fc, "np." + std::string(f) +
                          " is not part of this exercise (it knows np.dot and np.exp)");
    }
    if (id == "sigmoid" || id == "derv_sigmoid") {
      const int a = call(depth, id == "sigmoid" ? "sigmoid" : "derv_sigmoid", c, nullptr);
      return a < 0 ? -1 : node(id == "sigmoid" ? Op::Sigmoid : Op::DervSigmoid, c, a);
    }
    for (int v = 0; v < kVars; ++v)
      if (id == kNames[static_cast<std::size_t>(v)]) {
        if (peek('('))
          return fail(col(), std::string(id) + " is an array, not a function: it cannot be called");
        const int n = node(Op::Name, c);
        const Var var = static_cast<Var>(v);
        e_.nodes_[static_cast<std::size_t>(n)].var = var;
        bool seen = false;
        for (Var u : e_.names_) seen = seen || u == var;
        if (!seen) e_.names_.push_back(var);
        return n;
      }
    std::string known;
    for (std::string_view k : kNames) known += (known.empty() ? "" : ", ") + std::string(k);
    return fail(c, "unknown name '" + std::string(id) + "' (the names here are " + known +
                       ", and sigmoid, derv_sigmoid, np.dot, np.exp)");
  }
};

Result<Expr> Expr::parse(std::string_view text) {
  return Parser(text).run();
}

// --- evaluating --------------------------------------------------------------------------

namespace {

// out = op(A) op(B) for the chapter's sizes with fixed-size maps, as the trainer's kernels
// (src/core/backprop.cpp) compute them: Eigen sums a fixed-size product in another order than
// a dynamic one, and the student's correct code must give the trainer's numbers to the bit.
template <int R, int K, int C, bool AT, bool BT>
bool fixed_product(const Matrix& a, const Matrix& b, Matrix& out) {
  constexpr int ar = AT ? K : R, ac = AT ? R : K, br = BT ? C : K, bc = BT ? K : C;
  if (a.rows() != ar || a.cols() != ac || b.rows() != br || b.cols() != bc) return false;
  const Eigen::Map<const Eigen::Matrix<double, ar, ac>> A(a.data());
  const Eigen::Map<const Eigen::Matrix<double, br, bc>> B(b.data());
  out.resize(R, C);
  Eigen::Map<Eigen::Matrix<double, R, C>> O(out.data());
  if constexpr (AT && BT) {
    O.noalias() = A.transpose() * B.transpose();
  } else if constexpr (AT) {
    O.noalias() = A.transpose() * B;
  } else if constexpr (BT) {
    O.noalias() = A * B.transpose();
  } else {
    O.noalias() = A * B;
  }
  return true;
}

// The five products of the chapter's loop at its sizes (4 examples, 3-4-1), in the trainer's
// forms: z1 = a0 W1, z2 = a1 W2, dW2 = a1^T k2, k2 W2^T, dW1 = a0^T t1. Other sizes and forms
// take Eigen's dynamic product (as the trainer does off the chapter's sizes).
bool chapter_product(const Matrix& a, bool at, const Matrix& b, bool bt, Matrix& out) {
  if (!at && !bt)
    return fixed_product<4, 3, 4, false, false>(a, b, out) ||
           fixed_product<4, 4, 1, false, false>(a, b, out);
  if (at && !bt)
    return fixed_product<4, 4, 1, true, false>(a, b, out) ||
           fixed_product<3, 4, 4, true, false>(a, b, out);
  if (!at && bt) return fixed_product<4, 1, 4, false, true>(a, b, out);
  return false;
}

// out = op(a) op(b), op transposing when at / bt; the shapes must fit. Off the chapter's
// sizes, Eigen's coefficient-based product: the matrices here are small, and its code is a
// fraction of the blocked one's in the page's .wasm.
void matrix_product(const Matrix& a, bool at, const Matrix& b, bool bt, Matrix& out) {
  if (chapter_product(a, at, b, bt, out)) return;
  if (at && bt)
    out.noalias() = a.transpose().lazyProduct(b.transpose());
  else if (at)
    out.noalias() = a.transpose().lazyProduct(b);
  else if (bt)
    out.noalias() = a.lazyProduct(b.transpose());
  else
    out.noalias() = a.lazyProduct(b);
}

struct Evaluator {
  const std::vector<Expr::Node>& nodes;
  const Env& env;
  ExprError error;

  bool fail(int column, std::string message) {
    if (error.message.empty()) error = ExprError{column, std::move(message)};
    return false;
  }

  template <class F>
  bool elementwise(const Expr::Node& n, const char* sign, Value& a, const Value& b, F f,
                   Value& out) {
    auto s = broadcast_shape(a.shape(), b.shape());
    if (!s) return fail(n.col, s.error() + " (at '" + sign + "')");
    broadcast_into(a.m, b.m, f, out.m);
    out.scalar = a.scalar && b.scalar;
    return true;
  }

  // a.dot(b) where a and b are a and b transposed when at / bt (the operands of a product
  // are often written with .T: it is folded into the product instead of copied first).
  bool product(const Expr::Node& n, const Value& a, bool at, const Value& b, bool bt, Value& out) {
    if (n.op == Expr::Op::MatMul && (a.scalar || b.scalar))
      return fail(n.col, "@ multiplies two arrays, and one side here is a number: use * for that");
    if (a.scalar || b.scalar) {  // np.dot with a number multiplies by it
      const Matrix am = at ? Matrix(a.m.transpose()) : a.m;
      const Matrix bm = bt ? Matrix(b.m.transpose()) : b.m;
      broadcast_into(
          am, bm, [](double u, double v) { return u * v; }, out.m);
      out.scalar = a.scalar && b.scalar;
      return true;
    }
    const Shape as = at ? Shape{a.m.cols(), a.m.rows()} : a.shape();
    const Shape bs = bt ? Shape{b.m.cols(), b.m.rows()} : b.shape();
    if (as.cols != bs.rows)
      return fail(n.col, "shapes " + to_string(as) + " and " + to_string(bs) +
                             " not aligned: " + std::to_string(as.cols) +
                             " (dim 1) != " + std::to_string(bs.rows) + " (dim 0)");
    matrix_product(a.m, at, b.m, bt, out.m);
    out.scalar = false;
    return true;
  }

  // An operand of a product: x.T is read as x with a flag (not for numbers: they have no .T).
  bool operand(int i, Value& v, bool& transposed) {
    const Expr::Node& n = nodes[static_cast<std::size_t>(i)];
    transposed = false;
    if (n.op != Expr::Op::Transpose) return eval(i, v);
    if (!eval(n.a, v)) return false;
    if (v.scalar) return fail(n.col, "a number has no .T (only arrays do)");
    transposed = true;
    return true;
  }

  bool eval(int i, Value& out) {
    const Expr::Node& n = nodes[static_cast<std::size_t>(i)];
    using Op = Expr::Op;
    switch (n.op) {
      case Op::Number:
        out.m.resize(1, 1);
        out.m(0, 0) = n.number;
        out.scalar = true;
        return true;
      case Op::Name: {
        const Value* v = env[n.var];
        if (!v)
          return fail(n.col,
                      std::string(name(n.var)) +
                          " is not known yet on this line: the loop computes it further down");
        out = *v;
        return true;
      }
      default: break;
    }
    if (n.op == Op::Dot || n.op == Op::NpDot || n.op == Op::MatMul) {
      Value a, b;
      bool at = false, bt = false;
      if (!operand(n.a, a, at)) return false;
      if (n.op == Op::Dot && a.scalar) return fail(n.col, "a number has no .dot (only arrays do)");
      if (!operand(n.b, b, bt)) return false;
      return product(n, a, at, b, bt, out);
    }
    Value a;
    if (!eval(n.a, a)) return false;
    switch (n.op) {
      case Op::Neg:
        out.m = -a.m;
        out.scalar = a.scalar;
        return true;
      case Op::Transpose:
        if (a.scalar) return fail(n.col, "a number has no .T (only arrays do)");
        out.m = a.m.transpose();
        out.scalar = false;
        return true;
      case Op::Sigmoid:
        out.m.resize(a.m.rows(), a.m.cols());
        bp::sigmoid(a.m, out.m);
        out.scalar = a.scalar;
        return true;
      case Op::DervSigmoid:
        out.m = (a.m.array() * (1.0 - a.m.array())).matrix();
        out.scalar = a.scalar;
        return true;
      case Op::Exp:
        out.m = a.m.array().exp().matrix();
        out.scalar = a.scalar;
        return true;
      default: break;
    }
    Value b;
    if (!eval(n.b, b)) return false;
    switch (n.op) {
      case Op::Add:
        return elementwise(
            n, "+", a, b, [](double u, double v) { return u + v; }, out);
      case Op::Sub:
        return elementwise(
            n, "-", a, b, [](double u, double v) { return u - v; }, out);
      case Op::Mul:
        return elementwise(
            n, "*", a, b, [](double u, double v) { return u * v; }, out);
      case Op::Div:
        return elementwise(
            n, "/", a, b, [](double u, double v) { return u / v; }, out);
      default: return fail(n.col, "internal: unknown operation");
    }
  }
};

}  // namespace

Result<Value> Expr::eval(const Env& env, ExprError* error) const {
  Evaluator ev{nodes_, env, {}};
  Value out;
  if (root_ < 0 || !ev.eval(root_, out)) {
    if (error) *error = ev.error;
    return Error{ev.error.text()};
  }
  return out;
}

}  // namespace bp::exercise
