// Command-line options of backprop-cli, parsed and checked before anything runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/types.hpp"

namespace bp::cli {

struct Options {
  long iterations = 1000;      // the chapter's count
  double learning_rate = 1.0;  // the chapter's rate
  std::uint64_t seed = 1;      // initial weights, when --w1/--w2 are not given
  std::optional<Matrix> w1;    // [3 x 4]
  std::optional<Matrix> w2;    // [4 x 1]
  bool json = false;
  bool numpy = false;  // print the chapter's program as Python with numpy instead of training
  bool help = false;
  // A setup in the JSON format of docs/format.md to train from, and where to write the
  // trained state in the same format.
  std::optional<std::string> load;
  std::optional<std::string> save;
  // Whether --iters, --lr, --seed were given (with --load they override the file's values).
  bool iterations_given = false;
  bool learning_rate_given = false;
  bool seed_given = false;
};

inline constexpr long kMaxIterations = 100'000'000;

// Parses argv (without the program name). Errors name the option and the problem.
Result<Options> parse_options(const std::vector<std::string>& args);

// Parses a weight matrix given as JSON nested arrays, rows x cols; `what` names it in errors.
Result<Matrix> parse_matrix_json(const std::string& what, const std::string& text, int rows,
                                 int cols);

const char* usage();

}  // namespace bp::cli
