// The chapter's exercise (src/exercise): the expression evaluator against numpy itself
// (tests/reference/expr_numpy.py, run by Debian's python3), the checks by value, the known
// mistakes, the hints, and training with the student's expressions.
#include <doctest/doctest.h>

#include <unistd.h>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "app_session.hpp"
#include "core/dataset.hpp"
#include "core/rng.hpp"
#include "core/shape_mistake.hpp"
#include "core/trainer.hpp"
#include "exercise/exercise.hpp"
#include "exercise/export.hpp"
#include "numpy_reference.hpp"

namespace ex = bp::exercise;
using ex::Blank;

namespace {

// Runs an exported program with --json and returns its last line, parsed.
nlohmann::json run_program(const std::string& program) {
  namespace fs = std::filesystem;
  const fs::path file =
      fs::temp_directory_path() / ("bp-general-" + std::to_string(::getpid()) + ".py");
  const fs::path out = fs::path(file).replace_extension(".out");
  std::ofstream(file) << program;
  const std::string cmd =
      std::string(BP_PYTHON) + " " + file.string() + " --json > " + out.string();
  const int rc = std::system(cmd.c_str());
  std::stringstream text;
  text << std::ifstream(out).rdbuf();
  fs::remove(file);
  fs::remove(out);
  REQUIRE(rc == 0);
  std::string last = text.str();
  last.pop_back();
  return nlohmann::json::parse(last.substr(last.rfind('\n') + 1));
}

bp::Network chapter_network(std::uint64_t seed) {
  bp::Rng rng(seed);
  return bp::Network::random(bp::NetworkSpec{}, rng).value();
}

ex::StepValues chapter_values(std::uint64_t seed = 1) {
  return ex::step_values(chapter_network(seed), bp::seed_dataset(), 1.0).value();
}

// Everything known: the names of the last blank's line plus t1.
ex::Env all_names(const ex::StepValues& v) {
  return ex::env_for(Blank::dC_dw1, v);
}

double number_of(const nlohmann::json& j) {
  if (j.is_string()) {
    const std::string s = j.get<std::string>();
    return s == "nan" ? NAN : s == "inf" ? INFINITY : -INFINITY;
  }
  return j.get<double>();
}

bool same(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b));
}

// Random expressions over the chapter's names, with numpy's grammar.
struct Generator {
  std::mt19937 rng{20261201};
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  // scalar: whether the generated expression is a plain number (numbers have no .T or .dot)
  std::string gen(int depth, bool& scalar) {
    static const char* names[] = {"x",  "y",  "a0", "weight1", "weight2", "z1",
                                  "a1", "z2", "a2", "k2",      "t1"};
    const int r = depth <= 0 ? pick(3) : pick(13);
    scalar = false;
    switch (r) {
      case 0:
      case 1: return names[pick(11)];
      case 2: {
        scalar = true;
        static const char* numbers[] = {"1", "2", "0.5", "3.25", "1e-1", "learningRate"};
        return numbers[pick(6)];
      }
      case 3: {
        bool s;
        const std::string a = gen(depth - 1, s);
        if (s) return "-" + a;
        return "(" + a + ").T";
      }
      case 4:
      case 5: {
        bool s1, s2;
        const std::string a = gen(depth - 1, s1), b = gen(depth - 1, s2);
        if (s1) return "np.dot(" + a + ", " + b + ")";
        scalar = false;
        return "(" + a + ").dot(" + b + ")";
      }
      case 6: {
        bool s1, s2;
        const std::string a = gen(depth - 1, s1), b = gen(depth - 1, s2);
        return "np.dot(" + a + ", " + b + ")";
      }
      case 7: {
        bool s1, s2;
        const std::string a = gen(depth - 1, s1), b = gen(depth - 1, s2);
        return a + " @ " + b;
      }
      case 8:
      case 9:
      case 10: {
        bool s1, s2;
        const std::string a = gen(depth - 1, s1), b = gen(depth - 1, s2);
        static const char* ops[] = {" + ", " - ", " * "};
        scalar = s1 && s2;
        return "(" + a + ops[pick(3)] + b + ")";
      }
      case 11: {
        bool s;
        const std::string a = gen(depth - 1, s);
        static const char* fs[] = {"sigmoid(", "derv_sigmoid(", "np.exp(", "-("};
        scalar = s;
        return fs[pick(4)] + a + ")";
      }
      default: {
        bool s;
        const std::string a = gen(depth - 1, s);
        scalar = s;
        return "1/(1 + np.exp(-" + a + "))";
      }
    }
  }
};

}  // namespace

TEST_CASE(
    "the exercise's evaluator gives numpy's values and refusals on 400 generated expressions") {
  const ex::StepValues v = chapter_values(7);
  const ex::Env env = all_names(v);
  nlohmann::json names = nlohmann::json::object();
  for (int i = 0; i < ex::kVars; ++i) {
    const auto var = static_cast<ex::Var>(i);
    names[std::string(ex::name(var))] =
        env[var]->scalar ? nlohmann::json(env[var]->m(0, 0)) : numpy::to_json(env[var]->m);
  }
  Generator g;
  std::vector<std::string> exprs = {// the chapter's own forms and the issue's examples
                                    "a0.dot(weight1)",
                                    "a1.T.dot(k2)",
                                    "k2.dot(weight2.T)",
                                    "np.dot(a0.T, t1)",
                                    "weight2 * k2",
                                    "(a1.T).dot(k2)",
                                    "np.dot(a1.T, k2)",
                                    "a1.T @ k2",
                                    "k2.dot(weight2)",
                                    "a0 * weight1",
                                    "weight1.dot(a0)",
                                    "x.dot(weight1) - z1",
                                    "1/(1+np.exp(-z1)) - a1",
                                    "-a1.T.dot(k2)",
                                    "2 @ x",
                                    "x @ 2",
                                    "np.dot(2, x)",
                                    "np.dot(x, 0.5)",
                                    "- - x",
                                    "+x",
                                    "sigmoid(0)",
                                    "derv_sigmoid(a2) * (a2 - y)",
                                    "y - a2 * 2",
                                    "k2 * weight2.T"};
  int refused = 0;
  while (exprs.size() < 400) {
    bool s;
    exprs.push_back(g.gen(1 + g.pick(4), s));
  }
  const nlohmann::json expected =
      numpy::run_script(BP_EXPR_NUMPY, {{"names", names}, {"exprs", exprs}});
  REQUIRE(expected.size() == exprs.size());
  for (std::size_t i = 0; i < exprs.size(); ++i) {
    INFO("expression: " << exprs[i]);
    INFO("numpy: " << expected[i].dump().substr(0, 300));
    auto e = ex::Expr::parse(exprs[i]);
    REQUIRE_MESSAGE(e.ok(), e.error());
    auto got = e->eval(env);
    const bool numpy_ok = expected[i]["ok"].get<bool>();
    INFO("ours: " << (got ? std::string("a value") : got.error()));
    REQUIRE(got.ok() == numpy_ok);
    if (!numpy_ok) {
      ++refused;
      const std::string err = expected[i]["error"].get<std::string>();
      // Our refusal of a matrix product repeats numpy's own words.
      if (err.rfind("shapes (", 0) == 0) CHECK(got.error().find(err) != std::string::npos);
      continue;
    }
    const nlohmann::json& value = expected[i]["value"];
    if (!value.is_array()) {
      REQUIRE(got->scalar);
      CHECK(same(got->m(0, 0), number_of(value)));
      continue;
    }
    REQUIRE(!got->scalar);
    REQUIRE(got->m.rows() == static_cast<Eigen::Index>(value.size()));
    REQUIRE(got->m.cols() == static_cast<Eigen::Index>(value[0].size()));
    for (Eigen::Index r = 0; r < got->m.rows(); ++r)
      for (Eigen::Index c = 0; c < got->m.cols(); ++c) {
        const double want =
            number_of(value[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)]);
        INFO("at [" << r << "][" << c << "]: ours " << got->m(r, c) << ", numpy " << want);
        CHECK(same(got->m(r, c), want));
      }
  }
  // The generated mix exercises both answers.
  MESSAGE(refused << " of " << exprs.size() << " refused by numpy and by the evaluator");
  CHECK(refused > 40);
  CHECK(refused < 360);
}

TEST_CASE("the evaluator's errors name the column, the shapes and the rule") {
  const ex::StepValues v = chapter_values();
  const ex::Env env = all_names(v);
  const auto error_of = [&](const char* text) -> std::string {
    auto e = ex::Expr::parse(text);
    if (!e) return e.error();
    auto r = e->eval(env);
    return r ? std::string("(no error)") : r.error();
  };
  CHECK(error_of("k2.dot(weight2)") ==
        "column 3: shapes (4,1) and (4,1) not aligned: 1 (dim 1) != 4 (dim 0)");
  CHECK(error_of("a0 * weight1") ==
        "column 4: operands could not be broadcast together with shapes (4,3) (3,4) (at '*')");
  CHECK(error_of("a0.dot(wieght1)").rfind("column 8: unknown name 'wieght1'", 0) == 0);
  CHECK(error_of("a0.dot(weight1") == "column 15: expected ')' to close .dot( at column 3");
  CHECK(error_of("(a0 + 1") == "column 8: expected ')' to close the '(' at column 1");
  CHECK(error_of("a0 $ 2") == "column 4: unexpected '$' after a whole expression");
  CHECK(error_of("a0.sum()") ==
        "column 4: .sum is not part of this exercise (it knows .T and .dot)");
  CHECK(error_of("np.mean(a0)") ==
        "column 4: np.mean is not part of this exercise (it knows np.dot and np.exp)");
  CHECK(error_of("a0 ** 2") == "column 4: ** (a power) is not part of this exercise");
  CHECK(error_of("2 @ a0") ==
        "column 3: @ multiplies two arrays, and one side here is a number: use * for that");
  CHECK(error_of("") == "the field is empty: type an expression");
  CHECK(error_of(std::string(201, 'x').c_str()).find("at most 200") != std::string::npos);
  std::string deep;
  for (int i = 0; i < 17; ++i) deep += "(";
  deep += "x";
  for (int i = 0; i < 17; ++i) deep += ")";
  CHECK(error_of(deep.c_str()) == "column 18: the expression nests more than 16 levels deep");
  CHECK(error_of("sigmoid(sigmoid(sigmoid(x)))") == "(no error)");
  // A name the loop computes later than the blank's line.
  auto e = ex::Expr::parse("a0.dot(weight1) + a1");
  REQUIRE(e.ok());
  CHECK(e->eval(ex::env_for(Blank::z1, v)).error() ==
        "column 19: a1 is not known yet on this line: the loop computes it further down");
}

TEST_CASE("each blank is checked by value: any correct form counts") {
  const ex::StepValues v = chapter_values(3);
  const std::vector<std::pair<Blank, const char*>> right = {
      {Blank::z1, "a0.dot(weight1)"},
      {Blank::z1, "np.dot(x, weight1)"},
      {Blank::z1, "a0 @ weight1"},
      {Blank::z2, "a1.dot(weight2)"},
      {Blank::z2, "(weight2.T.dot(a1.T)).T"},
      {Blank::dC_dw2, "a1.T.dot(k2)"},
      {Blank::dC_dw2, "(a1.T).dot(k2)"},
      {Blank::dC_dw2, "np.dot(a1.T, k2)"},
      {Blank::dC_dw2, "a1.T @ k2"},
      {Blank::dC_dw2, "a1.T.dot((a2-y)*derv_sigmoid(a2))"},
      {Blank::t1, "k2.dot(weight2.T)"},
      {Blank::t1, "k2 * weight2.T"},
      {Blank::t1, "np.dot(k2, weight2.T)"},
      {Blank::dC_dw1, "a0.T.dot(t1)"},
      {Blank::dC_dw1, "np.dot(a0.T, t1)"},
      {Blank::dC_dw1, "x.T @ t1"}};
  for (const auto& [b, text] : right) {
    INFO(ex::info(b).name << " = " << text);
    const ex::Check c = ex::check(b, text, v);
    CHECK(c.verdict == ex::Check::Verdict::Correct);
    CHECK(c.message.rfind("Correct:", 0) == 0);
  }
  for (Blank b : ex::kAllBlanks)
    CHECK(ex::check(b, ex::info(b).answer, v).verdict == ex::Check::Verdict::Correct);
  CHECK(ex::check(Blank::z1, "  ", v).verdict == ex::Check::Verdict::Empty);
}

TEST_CASE("a wrong blank says what is wrong, and names a known mistake") {
  const ex::StepValues v = chapter_values(3);
  // The chapter's attempt: numpy runs it and the shapes come out right.
  ex::Check c = ex::check(Blank::t1, "weight2 * k2", v);
  CHECK(c.verdict == ex::Check::Verdict::WrongValues);
  CHECK(c.mistake == "the chapter's weight2 * k2");
  CHECK(c.message.rfind("The shape (4,4) is right, but the values are not", 0) == 0);
  CHECK(c.message.find("the hidden-unit index and the example index get mixed up") !=
        std::string::npos);
  // A missing .T that numpy runs anyway (4 hidden units, 4 examples).
  c = ex::check(Blank::dC_dw2, "a1.dot(k2)", v);
  CHECK(c.verdict == ex::Check::Verdict::WrongValues);
  CHECK(c.mistake == "missing .T");
  // A missing derv_sigmoid.
  c = ex::check(Blank::dC_dw2, "a1.T.dot(a2 - y)", v);
  CHECK(c.mistake == "missing derv_sigmoid");
  c = ex::check(Blank::dC_dw1, "a0.T.dot(k2.dot(weight2.T))", v);
  CHECK(c.mistake == "missing derv_sigmoid");
  // The wrong shape, with a known mistake.
  c = ex::check(Blank::dC_dw2, "k2.T.dot(a1)", v);
  CHECK(c.verdict == ex::Check::Verdict::WrongShape);
  CHECK(c.mistake == "transposed");
  CHECK(c.message.rfind("numpy runs this, but it gives shape (1,4); dC_dw2 must have shape (4,1)",
                        0) == 0);
  c = ex::check(Blank::z1, "weight1.dot(a0)", v);
  CHECK(c.verdict == ex::Check::Verdict::WrongShape);
  CHECK(c.mistake == "order swapped");
  // numpy's refusal, with both shapes and the column.
  c = ex::check(Blank::t1, "k2.dot(weight2)", v);
  CHECK(c.verdict == ex::Check::Verdict::Error);
  CHECK(c.message ==
        "numpy would refuse this: column 3: shapes (4,1) and (4,1) not aligned: 1 (dim 1) != 4 "
        "(dim 0)");
  c = ex::check(Blank::t1, "weight2.T", v);  // (1,4) * (4,4) broadcasts: right shape
  CHECK(c.verdict == ex::Check::Verdict::WrongValues);
  c = ex::check(Blank::t1, "a0", v);  // (4,3) * (4,4) does not
  CHECK(c.verdict == ex::Check::Verdict::Error);
  CHECK(c.message.find("operands could not be broadcast together with shapes (4,3) (4,4)") !=
        std::string::npos);
  c = ex::check(Blank::z2, "a1.dot(weight2) + 1", v);
  CHECK(c.verdict == ex::Check::Verdict::WrongValues);
  CHECK(c.mistake.empty());
}

TEST_CASE("hints come in steps: the shape, the names' shapes, the equation") {
  const ex::StepValues v = chapter_values();
  const std::string h1 = ex::hint(Blank::dC_dw2, 1, v);
  const std::string h2 = ex::hint(Blank::dC_dw2, 2, v);
  const std::string h3 = ex::hint(Blank::dC_dw2, 3, v);
  CHECK(h1 == "1. dC_dw2 must have shape (4,1) (the shape of weight2: one row per hidden unit).");
  CHECK(h2.rfind(h1, 0) == 0);
  CHECK(h2.find("a1 (4,4)") != std::string::npos);
  CHECK(h2.find("k2 (4,1)") != std::string::npos);
  CHECK(h2.find(", t1 (") == std::string::npos);  // not known on this line yet
  CHECK(h3.rfind(h2, 0) == 0);
  CHECK(h3.find("Equation (A)") != std::string::npos);
  CHECK(ex::hint(Blank::t1, 3, v).find("Equation (B)") != std::string::npos);
}

TEST_CASE("the student's correct blanks train bit for bit like the built-in trainer") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    INFO("seed " << seed);
    const bp::Network start = chapter_network(seed);
    const bp::Dataset data = bp::seed_dataset();
    bp::Trainer t = bp::Trainer::create(start, data).value();
    REQUIRE(t.train(1000) == 1000);
    const ex::StepValues v = ex::step_values(start, data, 1.0).value();
    for (const ex::Texts& texts :
         {ex::answers(), ex::Texts{"np.dot(a0, weight1)", "a1 @ weight2", "np.dot(a1.T, k2)",
                                   "k2.dot(weight2.T)", "a0.T.dot(t1)"}}) {
      auto p = ex::compile(texts, v);
      REQUIRE_MESSAGE(p.ok(), p.error());
      auto run = ex::train(*p, start, data, 1.0, 1000);
      REQUIRE_MESSAGE(run.ok(), run.error());
      CHECK(run->iterations == 1000);
      CHECK(run->network.W(1) == t.network().W(1));  // exact: every bit
      CHECK(run->network.W(2) == t.network().W(2));
      CHECK(run->outputs == t.outputs());
      auto g = ex::gradient_check(*p, run->network, data);
      REQUIRE(g.ok());
      CHECK(g->w1_ok);
      CHECK(g->w2_ok);
    }
  }
}

TEST_CASE("the chapter's weight2 * k2 trains, and reproduces its known failure") {
  const bp::Network start = chapter_network(1);
  const bp::Dataset data = bp::seed_dataset();
  const ex::StepValues v = ex::step_values(start, data, 1.0).value();
  ex::Texts texts = ex::answers();
  texts[3] = "weight2 * k2";
  auto p = ex::compile(texts, v);
  REQUIRE_MESSAGE(p.ok(), p.error());
  auto run = ex::train(*p, start, data, 1.0, 1000);
  REQUIRE(run.ok());
  // The same as the core's own reproduction of the mistake, and as numpy's.
  const bp::MistakeRun core = bp::train_with_shape_mistake(start, data, 1.0, 1000).value();
  CHECK((run->network.W(1) - core.network.W(1)).cwiseAbs().maxCoeff() < 1e-12);
  CHECK((run->network.W(2) - core.network.W(2)).cwiseAbs().maxCoeff() < 1e-12);
  const nlohmann::json np = numpy::run({{"w1", numpy::to_json(start.W(1))},
                                        {"w2", numpy::to_json(start.W(2))},
                                        {"iterations", 1000},
                                        {"learning_rate", 1.0},
                                        {"mode", "shape_mistake"}});
  CHECK(numpy::compare("W1", np["w1"], run->network.W(1), 1e-9) < 1e-9);
  // The failure: the outputs stay near 0.5 and the loss barely moves...
  for (Eigen::Index i = 0; i < 4; ++i) CHECK(std::abs(run->outputs(i, 0) - 0.5) < 0.1);
  CHECK(run->loss.back() > 0.45);
  // ... and the gradient check fails for weight1 (the blank that is wrong), not weight2.
  auto g = ex::gradient_check(*p, run->network, data);
  REQUIRE(g.ok());
  CHECK_FALSE(g->w1_ok);
  CHECK(g->w2_ok);
  CHECK(g->message.find("Gradient check weight1: FAILS") != std::string::npos);
  // The right code on the same start learns the table.
  auto good = ex::train(ex::compile(ex::answers(), v).value(), start, data, 1.0, 1000).value();
  CHECK(good.outputs(0, 0) < 0.15);
  CHECK(good.outputs(1, 0) > 0.85);
}

TEST_CASE("running refuses blanks that do not evaluate or have the wrong shape") {
  const ex::StepValues v = chapter_values();
  ex::Texts texts = ex::answers();
  texts[2] = "k2.T.dot(a1)";
  auto p = ex::compile(texts, v);
  REQUIRE_FALSE(p.ok());
  CHECK(p.error() == "dC_dw2 gives shape (1,4) where its line needs (4,1): fix the shape first");
  texts = ex::answers();
  texts[0] = "a0.dot(weight1";
  CHECK(ex::compile(texts, v).error() == "z1: column 15: expected ')' to close .dot( at column 3");
}

TEST_CASE("the exported numpy program with the student's own blanks reproduces their run") {
  const bp::Network start = chapter_network(4);
  const bp::Dataset data = bp::seed_dataset();
  const ex::StepValues v = ex::step_values(start, data, 0.5).value();
  for (const char* t1 : {"weight2 * k2", "np.dot(k2, weight2.T)"}) {
    INFO("t1 = " << t1);
    ex::Texts texts = {"a0 @ weight1", "np.dot(a1, weight2)", "(a1.T).dot(k2)", t1, "x.T.dot(t1)"};
    const std::string program = ex::numpy_program(start, data, 0.5, 800, texts).value();
    CHECK(program.find(std::string("  t1 = ") + t1 + " * derv_sigmoid(a1)\n") != std::string::npos);
    const nlohmann::json got = run_program(program);
    const ex::Run run = ex::train(ex::compile(texts, v).value(), start, data, 0.5, 800).value();
    CHECK(numpy::compare("outputs", got["outputs"], run.outputs, 1e-9) < 1e-9);
    CHECK(numpy::compare("W1", got["weights"][0], run.network.W(1), 1e-9) < 1e-9);
    CHECK(numpy::compare("W2", got["weights"][1], run.network.W(2), 1e-9) < 1e-9);
  }
  // A blank that does not read is written in its correct form, with a comment.
  ex::Texts texts = ex::answers();
  texts[0] = "a0.dot(weight1";
  const std::string program = ex::numpy_program(start, data, 1.0, 10, texts).value();
  CHECK(
      program.find("# your z1 did not read (column 15: expected ')' to close .dot( at column 3)") !=
      std::string::npos);
  CHECK(program.find("a0.dot(weight1\n") == std::string::npos);
}

TEST_CASE("the page's exercise: blanks from a script, all or nothing, then run and Copy as numpy") {
  bp_test::TestSession s;
  const bp::app::ExerciseView& e = s.state().exercise;
  bp::app::exercise_refresh(s.state());
  CHECK(e.not_applicable.empty());
  CHECK(e.checks[0].verdict == ex::Check::Verdict::Empty);
  // Refused, naming the key; nothing changes.
  CHECK(s.set_exercise(R"j({"z1": "a0.dot(weight1)", "z3": "x"})j").error() ==
        "exercise(blanks): 'z3' is not a blank; the blanks are z1, z2, dC_dw2, t1, dC_dw1");
  CHECK(s.set_exercise(R"j({"z1": 3})j").error() ==
        "exercise(blanks): z1 must be a string (the expression)");
  CHECK(e.texts[0].empty());
  // Not all blanks yet: the run says which.
  REQUIRE(s.set_exercise(R"j({"z1": "a0.dot(weight1)", "z2": "a1.dot(weight2)"})j").ok());
  CHECK(e.checks[0].verdict == ex::Check::Verdict::Correct);
  CHECK(s.run_exercise().error() == "Not yet: dC_dw2: the field is empty: type an expression.");
  // The chapter's mistake trains, and fails the gradient check for weight1.
  REQUIRE(s.set_exercise(
               R"j({"dC_dw2": "a1.T.dot(k2)", "t1": "weight2 * k2", "dC_dw1": "a0.T.dot(t1)"})j")
              .ok());
  CHECK(e.checks[3].mistake == "the chapter's weight2 * k2");
  REQUIRE(s.run_exercise().ok());
  CHECK_FALSE(e.bit_for_bit);
  CHECK_FALSE(e.w1_ok);
  CHECK(e.w2_ok);
  // The right factor: the built-in run, bit for bit.
  REQUIRE(s.set_exercise(R"j({"t1": "np.dot(k2, weight2.T)"})j").ok());
  REQUIRE(s.run_exercise().ok());
  CHECK(e.bit_for_bit);
  CHECK(e.w1_ok);
  const std::string json = bp::app::exercise_json(s.state());
  CHECK(json.find("\"bitForBit\": true") != std::string::npos);
  // Copy as numpy has the student's own forms and the chapter's 1000 iterations.
  const std::string program = s.numpy().value();
  CHECK(program.find("  t1 = np.dot(k2, weight2.T) * derv_sigmoid(a1)\n") != std::string::npos);
  CHECK(program.find("iterations = 1000\n") != std::string::npos);
  // On 2-D data the exercise says why it does not apply.
  REQUIRE(s.apply_settings(R"j({"data": "xor"})j").ok());
  bp::app::exercise_refresh(s.state());
  CHECK(e.not_applicable == "the exercise is the chapter's loop: one hidden layer and one output");
  // Copy as numpy then writes the general loop, with the network's layers and the data.
  const std::string general = s.numpy().value();
  CHECK(general.find("class Rng:") != std::string::npos);
  CHECK(general.find("for l in range(L, 0, -1):  # backward") != std::string::npos);
}

TEST_CASE("the general numpy export reproduces 2-D networks' runs to 1e-9") {
  struct Case {
    std::vector<int> sizes;
    bp::Activation hidden, output;
    bool biases;
    bp::Loss loss;
    int batch;
    bp::Regularization reg;
    double rate, lr;
    long iterations;
  };
  using A = bp::Activation;
  const std::vector<Case> cases = {
      {{2, 8, 8, 1},
       A::Tanh,
       A::Sigmoid,
       true,
       bp::Loss::CrossEntropy,
       10,
       bp::Regularization::L2,
       0.001,
       0.03,
       300},
      {{2, 5, 1},
       A::Relu,
       A::Linear,
       true,
       bp::Loss::SquaredError,
       0,
       bp::Regularization::L1,
       0.002,
       0.002,
       200},
      {{2, 4, 1},
       A::Sigmoid,
       A::Sigmoid,
       false,
       bp::Loss::SquaredError,
       7,
       bp::Regularization::None,
       0.0,
       0.5,
       250},
  };
  std::uint64_t seed = 60;
  for (const Case& c : cases) {
    INFO("case " << seed);
    bp::DataSetOptions d;
    d.kind = bp::DataSetKind::Xor;
    d.points = 60;
    d.noise_percent = 10;
    d.seed = seed;
    const bp::Dataset data = bp::make_dataset(d).value().train;
    bp::NetworkSpec spec;
    spec.sizes = c.sizes;
    spec.activations.assign(c.sizes.size() - 1, c.hidden);
    spec.activations.back() = c.output;
    spec.biases = c.biases;
    bp::Rng rng(++seed);
    bp::Network start = bp::Network::random(spec, rng, bp::Init::Scaled).value();
    if (c.biases)
      for (int l = 1; l <= start.layers(); ++l) start.b(l).setConstant(0.1 * l);
    bp::TrainerOptions o;
    o.learning_rate = c.lr;
    o.batch_size = c.batch;
    o.loss = c.loss;
    o.shuffle_seed = seed * 3;
    o.regularization = c.reg;
    o.regularization_rate = c.rate;
    bp::Trainer t = bp::Trainer::create(start, data, o).value();
    REQUIRE(t.train(c.iterations) == c.iterations);
    const nlohmann::json got =
        run_program(ex::numpy_general_program(start, data, o, c.iterations).value());
    for (int l = 1; l <= t.network().layers(); ++l) {
      CHECK(numpy::compare("W", got["weights"][static_cast<std::size_t>(l - 1)], t.network().W(l),
                           1e-9) < 1e-9);
      if (c.biases) {
        const bp::Matrix bl = t.network().b(l).transpose();
        CHECK(numpy::compare("b", got["biases"][static_cast<std::size_t>(l - 1)], bl, 1e-9) < 1e-9);
      }
    }
    CHECK(numpy::compare("outputs", got["outputs"], t.outputs(), 1e-9) < 1e-9);
    CHECK(std::abs(got["loss"].get<double>() - t.full_loss()) < 1e-9);
  }
}

TEST_CASE("Train runs the student's code once every blank evaluates: bit for bit when right") {
  bp_test::TestSession mine;
  bp_test::TestSession builtin;
  const bp::app::ExerciseView& e = mine.state().exercise;
  // Four blanks: Train still runs the built-in trainer.
  REQUIRE(mine.set_exercise(R"j({"z1": "a0.dot(weight1)", "z2": "a1.dot(weight2)",
                                 "dC_dw2": "a1.T.dot(k2)", "t1": "k2.dot(weight2.T)"})j")
              .ok());
  CHECK_FALSE(bp::app::exercise_trains(mine.state()));
  // The fifth: Train runs the student's five lines from now on.
  REQUIRE(mine.set_exercise(R"j({"dC_dw1": "np.dot(a0.T, t1)"})j").ok());
  CHECK(bp::app::exercise_trains(mine.state()));
  CHECK(bp::app::exercise_json(mine.state()).find("\"trainWithCode\": true") != std::string::npos);
  REQUIRE(mine.step(2000) == 2000);
  REQUIRE(builtin.step(2000) == 2000);
  CHECK(mine.trainer().iteration() == 2000);
  CHECK(bp_test::same_weights(mine.trainer().network(), builtin.trainer().network()));
  CHECK(mine.loss() == builtin.loss());
  // Turned off, it is the built-in trainer again, still in step.
  mine.state().exercise.train_with_code = false;
  REQUIRE(mine.step(10) == 10);
  REQUIRE(builtin.step(10) == 10);
  CHECK(bp_test::same_weights(mine.trainer().network(), builtin.trainer().network()));
  CHECK(e.code_error.empty());
}

TEST_CASE(
    "Train with the chapter's weight2 * k2: it trains, the outputs stay near 0.5, and the "
    "gradient check fails for weight1 only") {
  bp_test::TestSession s;
  const bp::app::ExerciseView& e = s.state().exercise;
  REQUIRE(s.set_exercise(R"j({"z1": "a0.dot(weight1)", "z2": "a1.dot(weight2)",
                              "dC_dw2": "a1.T.dot(k2)", "t1": "weight2 * k2",
                              "dC_dw1": "a0.T.dot(t1)"})j")
              .ok());
  REQUIRE(bp::app::exercise_trains(s.state()));
  REQUIRE(s.step(1000) == 1000);
  bp::app::exercise_refresh(s.state());
  // The chapter's failure in its 1000 iterations: the outputs sit near 0.5, and so the loss
  // near 4 x 1/2 x 0.5^2 = 0.5. The built-in trainer gets below 0.05 in these iterations.
  CHECK(s.loss() > 0.45);
  const bp::Matrix out = s.trainer().outputs();
  for (Eigen::Index r = 0; r < out.rows(); ++r) CHECK(std::abs(out(r, 0) - 0.5) < 0.1);
  REQUIRE(e.live_check.has_value());
  CHECK_FALSE(e.live_check->w1_ok);
  CHECK(e.live_check->w2_ok);
  CHECK(e.live_check->message.find("Gradient check weight1: FAILS") != std::string::npos);
}

TEST_CASE(
    "Train with the student's code goes back to the built-in trainer, saying why, when "
    "the loop no longer fits") {
  bp_test::TestSession s;
  const bp::app::ExerciseView& e = s.state().exercise;
  REQUIRE(s.set_exercise(R"j({"z1": "a0.dot(weight1)", "z2": "a1.dot(weight2)",
                              "dC_dw2": "a1.T.dot(k2)", "t1": "k2.dot(weight2.T)",
                              "dC_dw1": "a0.T.dot(t1)"})j")
              .ok());
  REQUIRE(s.apply_settings(R"j({"reg": "l2", "regrate": 0.001})j").ok());
  CHECK(s.step(5) == 0);
  CHECK(e.code_error ==
        "Train runs the built-in trainer again: the exercise's loop has no regularization: "
        "switch it off.");
  CHECK_FALSE(bp::app::exercise_trains(s.state()));
  CHECK(s.step(5) == 5);  // the built-in trainer
}

TEST_CASE("Trainer::step_with applies the given gradients and refuses wrong shapes") {
  bp::Trainer t = bp_test::chapter_trainer(7);
  bp::Trainer u = bp_test::chapter_trainer(7);
  // The trainer's own gradients, given back: the same step as step().
  bp::Trainer probe = t;
  REQUIRE(probe.step());
  const std::vector<bp::Matrix> own = {probe.trace().dW[1], probe.trace().dW[2]};
  REQUIRE(t.step_with(own).ok());
  REQUIRE(u.step());
  CHECK(bp_test::same_weights(t.network(), u.network()));
  CHECK(t.iteration() == 1);
  // Zero gradients: the weights stay; the iteration counts.
  const bp::Network before = t.network();
  REQUIRE(t.step_with({bp::Matrix::Zero(3, 4), bp::Matrix::Zero(4, 1)}).ok());
  CHECK(bp_test::same_weights(t.network(), before));
  CHECK(t.iteration() == 2);
  CHECK(t.step_with({bp::Matrix::Zero(3, 4)}).error() ==
        "step_with needs one weight gradient per layer: 2, not 1");
  CHECK(t.step_with({bp::Matrix::Zero(4, 3), bp::Matrix::Zero(4, 1)}).error() ==
        "the gradient for W1 is 4x3, but W1 is 3x4");
  CHECK(t.iteration() == 2);
}
