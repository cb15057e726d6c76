// Argument parsing for backprop-cli. JSON goes through nlohmann::json; numbers must be
// whole tokens ("1e3x" is an error, not 1000).
#include "options.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace bp::cli {
namespace {

Result<double> parse_double(const std::string& option, const std::string& text) {
  if (text.empty()) return Error{option + ": expected a number, got an empty value"};
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0')
    return Error{option + ": expected a number, got '" + text + "'"};
  if (errno == ERANGE || !std::isfinite(value))
    return Error{option + ": '" + text + "' is not a finite number"};
  return value;
}

Result<long long> parse_integer(const std::string& option, const std::string& text, long long min,
                                long long max) {
  if (text.empty()) return Error{option + ": expected a whole number, got an empty value"};
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0')
    return Error{option + ": expected a whole number, got '" + text + "'"};
  if (errno == ERANGE || value < min || value > max)
    return Error{option + ": " + text + " is out of range (" + std::to_string(min) + " to " +
                 std::to_string(max) + ")"};
  return value;
}

}  // namespace

Result<Matrix> parse_matrix_json(const std::string& what, const std::string& text, int rows,
                                 int cols) {
  const std::string shape = std::to_string(rows) + " rows of " + std::to_string(cols) + " numbers";
  // Depth is bounded by the shape check below; the parser itself is given no callbacks.
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return Error{what + ": not valid JSON (expected " + shape + ", e.g. [[1,2],[3,4]])"};
  if (!j.is_array()) return Error{what + ": expected an array of " + shape};
  if (j.size() != static_cast<std::size_t>(rows))
    return Error{what + ": expected " + shape + ", got " + std::to_string(j.size()) + " rows"};
  Matrix m(rows, cols);
  for (int r = 0; r < rows; ++r) {
    const nlohmann::json& row = j[static_cast<std::size_t>(r)];
    const std::string where = what + " row " + std::to_string(r + 1);
    if (!row.is_array())
      return Error{where + ": expected an array of " + std::to_string(cols) + " numbers"};
    if (row.size() != static_cast<std::size_t>(cols))
      return Error{where + ": expected " + std::to_string(cols) + " numbers, got " +
                   std::to_string(row.size())};
    for (int c = 0; c < cols; ++c) {
      const nlohmann::json& v = row[static_cast<std::size_t>(c)];
      if (!v.is_number())
        return Error{where + ", column " + std::to_string(c + 1) + ": expected a number, got " +
                     v.dump()};
      const double x = v.get<double>();
      if (!std::isfinite(x))
        return Error{where + ", column " + std::to_string(c + 1) + ": number is too large"};
      m(r, c) = x;
    }
  }
  return m;
}

Result<Options> parse_options(const std::vector<std::string>& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    // Options that take a value accept both "--lr 0.5" and "--lr=0.5".
    std::string key = arg;
    std::optional<std::string> value;
    if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      key = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    const bool takes_value = key == "--iters" || key == "--lr" || key == "--seed" ||
                             key == "--w1" || key == "--w2" || key == "--load" || key == "--save";
    if (takes_value && !value) {
      if (i + 1 >= args.size()) return Error{key + ": missing value"};
      value = args[++i];
    }
    if (!takes_value && value) return Error{key + ": takes no value"};

    if (key == "--iters") {
      Result<long long> n = parse_integer(key, *value, 0, kMaxIterations);
      if (!n) return Error{n.error()};
      o.iterations = static_cast<long>(*n);
      o.iterations_given = true;
    } else if (key == "--lr") {
      Result<double> x = parse_double(key, *value);
      if (!x) return Error{x.error()};
      o.learning_rate = *x;
      o.learning_rate_given = true;
    } else if (key == "--seed") {
      if (!value->empty() && (*value)[0] == '-')
        return Error{"--seed: expected a whole number 0 or more, got '" + *value + "'"};
      char* end = nullptr;
      errno = 0;
      const unsigned long long s = std::strtoull(value->c_str(), &end, 10);
      if (value->empty() || *end != '\0' || errno == ERANGE)
        return Error{"--seed: expected a whole number 0 or more, got '" + *value + "'"};
      o.seed = s;
      o.seed_given = true;
    } else if (key == "--w1") {
      Result<Matrix> m = parse_matrix_json("--w1", *value, 3, 4);
      if (!m) return Error{m.error()};
      o.w1 = *m;
    } else if (key == "--w2") {
      Result<Matrix> m = parse_matrix_json("--w2", *value, 4, 1);
      if (!m) return Error{m.error()};
      o.w2 = *m;
    } else if (key == "--load" || key == "--save") {
      if (value->empty()) return Error{key + ": expected a file name, got an empty value"};
      (key == "--load" ? o.load : o.save) = *value;
    } else if (key == "--json") {
      o.json = true;
    } else if (key == "--help" || key == "-h") {
      o.help = true;
    } else {
      return Error{"unknown option '" + arg + "' (see --help)"};
    }
  }
  if (o.load && o.w1)
    return Error{"--w1 and --w2 set the chapter's weights: with --load the file gives the network"};
  if (o.w1.has_value() != o.w2.has_value())
    return Error{o.w1 ? "--w1 given without --w2: give both initial weight matrices"
                      : "--w2 given without --w1: give both initial weight matrices"};
  return o;
}

const char* usage() {
  return "Usage: backprop-cli [options]\n"
         "Trains the chapter's 3-4-1 sigmoid network on its four rows of data by full-batch\n"
         "gradient descent and prints the outputs before and after training.\n"
         "\n"
         "Options:\n"
         "  --iters N     iterations (default 1000)\n"
         "  --lr X        learning rate (default 1)\n"
         "  --seed S      seed of the initial weights, uniform in [0,1) (default 1)\n"
         "  --w1 JSON     initial W1 as 3 rows of 4 numbers, e.g. [[.1,.2,.3,.4],...]\n"
         "  --w2 JSON     initial W2 as 4 rows of 1 number, e.g. [[.5],[.6],[.7],[.8]]\n"
         "  --load FILE   train the setup in FILE (JSON, docs/format.md: any network and\n"
         "                data); --iters, --lr and --seed override the file's values\n"
         "                (--seed then draws new initial weights)\n"
         "  --save FILE   write the trained state to FILE in the same format (all or\n"
         "                nothing: a failed write leaves an existing FILE as it was)\n"
         "  --json        print one JSON object: w1, w2, outputs, loss, iterations, ...\n"
         "  -h, --help    this text\n"
         "\n"
         "Exit codes: 0 trained, 1 training diverged, 2 bad arguments or a file that\n"
         "cannot be read or written.\n";
}

}  // namespace bp::cli
