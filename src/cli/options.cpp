// Argument parsing for backprop-cli. Every number is written as JSON writes one, whole
// ("1e3x" is an error, not 1000): options through read_number and read_whole (the link's and
// the files' reader), weight matrices through the project's strict JSON reader.
#include "options.hpp"

#include <cmath>
#include <cstdint>

#include "config/json.hpp"
#include "config/text.hpp"

namespace bp::cli {
namespace {

// Numbers on the command line are written as JSON writes them (read_number), the same
// grammar as --w1, --w2, the files --load reads and the page's link.
Result<double> parse_double(const std::string& option, const std::string& text) {
  if (text.empty()) return Error{option + ": expected a number, got an empty value"};
  Result<double> x = read_number(text);
  if (!x) return Error{option + ": " + x.error()};
  return x.value();
}

Result<std::uint64_t> parse_integer(const std::string& option, const std::string& text,
                                    std::uint64_t max) {
  if (text.empty()) return Error{option + ": expected a whole number, got an empty value"};
  Result<std::uint64_t> x = read_whole(text, max);
  if (!x) return Error{option + ": " + x.error()};
  return x.value();
}

}  // namespace

Result<Matrix> parse_matrix_json(const std::string& what, const std::string& text, int rows,
                                 int cols) {
  const std::string shape = std::to_string(rows) + " rows of " + std::to_string(cols) + " numbers";
  // The project's strict reader (bounded in size and depth): the same JSON as the files.
  Result<JsonValue> parsed = parse_json(text);
  if (!parsed)
    return Error{what + ": not valid JSON (expected " + shape +
                 ", e.g. [[1,2],[3,4]]): " + parsed.error()};
  const JsonValue& j = parsed.value();
  if (j.type != JsonValue::Type::Array) return Error{what + ": expected an array of " + shape};
  if (j.items.size() != static_cast<std::size_t>(rows))
    return Error{what + ": expected " + shape + ", got " + std::to_string(j.items.size()) +
                 " rows"};
  Matrix m(rows, cols);
  for (int r = 0; r < rows; ++r) {
    const JsonValue& row = j.items[static_cast<std::size_t>(r)];
    const std::string where = what + " row " + std::to_string(r + 1);
    if (row.type != JsonValue::Type::Array)
      return Error{where + ": expected an array of " + std::to_string(cols) + " numbers"};
    if (row.items.size() != static_cast<std::size_t>(cols))
      return Error{where + ": expected " + std::to_string(cols) + " numbers, got " +
                   std::to_string(row.items.size())};
    for (int c = 0; c < cols; ++c) {
      const JsonValue& v = row.items[static_cast<std::size_t>(c)];
      const std::string at = where + ", column " + std::to_string(c + 1);
      if (v.type != JsonValue::Type::Number) {
        const std::string got = v.type == JsonValue::Type::String ? json_quote(v.text)
                                : v.type == JsonValue::Type::Null ? "null"
                                : v.type == JsonValue::Type::Bool ? (v.boolean ? "true" : "false")
                                                                  : "an array or object";
        return Error{at + ": expected a number, got " + got};
      }
      m(r, c) = v.number;  // read by parse_json with read_number, as every number here
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
      Result<std::uint64_t> n =
          parse_integer(key, *value, static_cast<std::uint64_t>(kMaxIterations));
      if (!n) return Error{n.error()};
      o.iterations = static_cast<long>(*n);
      o.iterations_given = true;
    } else if (key == "--lr") {
      Result<double> x = parse_double(key, *value);
      if (!x) return Error{x.error()};
      o.learning_rate = *x;
      o.learning_rate_given = true;
    } else if (key == "--seed") {
      Result<std::uint64_t> n = parse_integer(key, *value, UINT64_MAX);
      if (!n) return Error{n.error()};
      o.seed = *n;
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
    } else if (key == "--numpy") {
      o.numpy = true;
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
         "  --w1 JSON     initial W1 as 3 rows of 4 numbers (see the examples below)\n"
         "  --w2 JSON     initial W2 as 4 rows of 1 number, e.g. [[0.5],[0.6],[0.7],[0.8]]\n"
         "  --load FILE   train the setup in FILE (JSON, docs/format.md: any network and\n"
         "                data); --iters, --lr and --seed override the file's values\n"
         "                (--seed then draws new initial weights)\n"
         "  --save FILE   write the trained state to FILE in the same format (all or\n"
         "                nothing: a failed write leaves an existing FILE as it was)\n"
         "  --json        print one JSON object: w1, w2, outputs, loss, iterations, ...\n"
         "  --numpy       print the chapter's program in Python with numpy instead, with\n"
         "                these initial weights, --lr and --iters (the page's Copy as\n"
         "                numpy); python3 it prints the same numbers, --json too;\n"
         "                with --load, the general loop of the file's network and data\n"
         "  -h, --help    this text\n"
         "\n"
         "Numbers are written as JSON writes them: 0.5, 2, 1e-3 (not .5, +5 or 0x10).\n"
         "--iters and --seed take whole numbers, digits only (1000, not 1e3).\n"
         "\n"
         "Examples:\n"
         "  backprop-cli --iters 5000 --lr 0.5 --seed 7\n"
         "  backprop-cli --json --w1 '[[0.1,0.2,0.3,0.4],[0.5,0.6,0.7,0.8],[0.9,0.1,0.2,0.3]]' "
         "--w2 '[[0.5],[0.6],[0.7],[0.8]]'\n"
         "  backprop-cli --iters 300 --save run.json\n"
         "  backprop-cli --load run.json --iters 700 --save run.json\n"
         "\n"
         "Exit codes: 0 trained, 1 training diverged, 2 bad arguments or a file that\n"
         "cannot be read or written.\n";
}

}  // namespace bp::cli
