// The CSV reader (line by line, stopping at the first problem with its line and column)
// and writer.
#include "csv.hpp"

#include "config.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

namespace bp {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct Field {
  double value = 0.0;
  std::string problem;  // empty when the field is a good number
};

bool names_non_finite(std::string_view s) {
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  std::string lower;
  for (char c : s) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower == "nan" || lower == "inf" || lower == "infinity";
}

Field parse_field(std::string_view raw) {
  const std::string_view s = trim(raw);
  if (s.empty()) return {0.0, "empty value"};
  if (names_non_finite(s)) return {0.0, quoted(s) + " is not a finite number"};
  const Result<double> v = read_number(s);
  if (!v) return {0.0, v.error()};
  if (std::abs(v.value()) > kMaxCustomValue)
    return {0.0, quoted(s) + " is outside -" + format_number(kMaxCustomValue) + " to " +
                     format_number(kMaxCustomValue) + ", the values data may have"};
  return {v.value(), ""};
}

std::vector<std::string_view> split_commas(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

}  // namespace

Result<Dataset> read_csv(std::string_view text) {
  if (text.size() > kMaxCsvBytes)
    return Error{"the CSV text is " + describe_bytes(text.size()) + ", more than the " +
                 describe_bytes(kMaxCsvBytes) + " accepted"};
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  if (std::string binary = find_binary(text); !binary.empty()) return Error{std::move(binary)};

  std::vector<double> values;  // x1, x2, label of each data row
  bool first_content = true;
  long line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    ++line_no;
    std::size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + ((end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n') ? 2 : 1);
    if (line.empty() || line.front() == '#') continue;

    const std::string where = "line " + std::to_string(line_no);
    const std::vector<std::string_view> fields = split_commas(line);
    const bool was_first = first_content;
    first_content = false;
    if (was_first && fields.size() == 3) {  // a header if none of its values is a number
      bool any_number = false;
      for (std::string_view f : fields) any_number = any_number || parse_field(f).problem.empty();
      if (!any_number) continue;
    }
    if (fields.size() != 3) {
      std::string msg =
          where + ": expected 3 values (x1, x2, label), got " + std::to_string(fields.size());
      if (fields.size() == 1 && line.find_first_of(";\t ") != std::string_view::npos)
        msg += " (separate the values with commas)";
      return Error{msg};
    }
    if (static_cast<Eigen::Index>(values.size() / 3) == kMaxCsvRows)
      return Error{where + ": more than " + std::to_string(kMaxCsvRows) + " data rows; at most " +
                   std::to_string(kMaxCsvRows) + " are allowed"};
    for (std::size_t c = 0; c < 3; ++c) {
      const Field f = parse_field(fields[c]);
      if (!f.problem.empty())
        return Error{where + ", column " + std::to_string(c + 1) + ": " + f.problem};
      values.push_back(f.value);
    }
  }
  if (values.empty()) return Error{"the CSV has no data rows (expected lines of x1, x2, label)"};

  const auto n = static_cast<Eigen::Index>(values.size() / 3);
  Dataset d;
  d.X.resize(n, 2);
  d.Y.resize(n, 1);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(3 * i);
    d.X(i, 0) = values[k];
    d.X(i, 1) = values[k + 1];
    d.Y(i, 0) = values[k + 2];
  }
  return d;
}

Result<std::string> write_csv(const Dataset& data) {
  if (Status s = validate(data); !s) return Error{s.error()};
  if (data.X.cols() != 2 || data.Y.cols() != 1)
    return Error{"CSV export needs 2 input columns and 1 target column, the data has " +
                 std::to_string(data.X.cols()) + " and " + std::to_string(data.Y.cols())};
  // 17 significant digits read back bit for bit. snprintf in the "C" locale (the program never
  // calls setlocale), not a string stream, whose locale code would add about 50 KB to the page.
  std::string out = "x1,x2,label\n";
  char line[96];
  for (Eigen::Index i = 0; i < data.size(); ++i) {
    std::snprintf(line, sizeof line, "%.17g,%.17g,%.17g\n", data.X(i, 0), data.X(i, 1),
                  data.Y(i, 0));
    out += line;
  }
  return out;
}

}  // namespace bp
