// libFuzzer target: the exercise's expression reader and evaluator (src/exercise/expr.hpp),
// which reads whatever a student types. Any text must be read or refused with a message
// (never a crash, a hang or an empty message); a refusal names a column inside the text (or
// none); what reads must evaluate on the chapter's names or be refused with a message; the
// checks, hints and the export must work on it; and a text that reads goes into the exported
// program unchanged (so the Python file never holds what the reader did not accept).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/dataset.hpp"
#include "core/rng.hpp"
#include "exercise/exercise.hpp"
#include "exercise/export.hpp"
#include "fuzz_target.hpp"

namespace ex = bp::exercise;

namespace {

const ex::StepValues& values() {
  static const ex::StepValues v = [] {
    bp::Rng rng(1);
    return ex::step_values(bp::Network::random(bp::NetworkSpec{}, rng).value(), bp::seed_dataset(),
                           1.0)
        .value();
  }();
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ex::StepValues& v = values();
  const auto blank = static_cast<ex::Blank>(size % ex::kBlanks);
  bp::Result<ex::Expr> e = ex::Expr::parse(text);
  if (!e) {
    const std::string& why = e.error();
    if (why.empty()) __builtin_trap();
    if (why.rfind("column ", 0) == 0) {
      const long col = std::strtol(why.c_str() + 7, nullptr, 10);
      if (col < 1 || static_cast<std::size_t>(col) > size + 1) __builtin_trap();
    }
  } else {
    if (text.size() > ex::kMaxLength) __builtin_trap();
    ex::ExprError where;
    bp::Result<ex::Value> r = e->eval(ex::env_for(ex::Blank::dC_dw1, v), &where);
    if (!r && (r.error().empty() || where.message.empty())) __builtin_trap();
    if (r && (r->m.rows() < 1 || r->m.cols() < 1)) __builtin_trap();
  }
  const ex::Check c = ex::check(blank, text, v);
  if (c.message.empty()) __builtin_trap();
  if (ex::hint(blank, static_cast<int>(size % 4), v).empty()) __builtin_trap();
  ex::Texts texts = ex::answers();
  texts[static_cast<std::size_t>(blank)] = std::string(text);
  bp::Rng rng(2);
  const bp::Network net = bp::Network::random(bp::NetworkSpec{}, rng).value();
  bp::Result<std::string> program = ex::numpy_program(net, bp::seed_dataset(), 1.0, 3, texts);
  if (!program) __builtin_trap();
  const std::string line = std::string(ex::info(blank).before) + std::string(text);
  if (e && program->find(line) == std::string::npos) __builtin_trap();
  if (!e && program->find("  # your " + std::string(ex::info(blank).name) + " did not read (") ==
                std::string::npos)
    __builtin_trap();
  bp::Result<ex::Program> p = ex::compile(texts, v);
  if (p) {
    bp::Result<ex::Run> run = ex::train(*p, net, bp::seed_dataset(), 1.0, 3);
    if (!run && run.error().empty()) __builtin_trap();
  }
  return 0;
}
