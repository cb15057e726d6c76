// Query-string settings: split, parse each value, and let the core validate the result.
#include "settings.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

namespace bp::app {
namespace {

// Splits text at the first sep: returns the part before it and leaves the rest in text.
std::string_view take_until(std::string_view& text, char sep) {
  const std::size_t at = text.find(sep);
  const std::string_view head = text.substr(0, at);
  text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
  return head;
}

bool parse_double(std::string_view text, double& out) {
  const std::string s(text);
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtod(s.c_str(), &end);
  return errno == 0 && end == s.c_str() + s.size() && std::isfinite(out);
}

bool parse_u64(std::string_view text, std::uint64_t& out) {
  if (text.empty() || text.size() > 19) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

}  // namespace

Result<Settings> parse_settings(std::string_view query) {
  Settings s;
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  while (!query.empty()) {
    std::string_view value = take_until(query, '&');
    if (value.empty()) continue;
    const std::string key(take_until(value, '='));
    if (key == "seed") {
      if (!parse_u64(value, s.seed))
        return Error{"seed must be a whole number, not '" + std::string(value) + "'"};
    } else if (key == "lr") {
      if (!parse_double(value, s.options.learning_rate))
        return Error{"lr must be a number, not '" + std::string(value) + "'"};
    } else if (key == "speed") {
      double v = 0.0;
      if (value == "max") {
        s.speed_max = true;
      } else if (parse_double(value, v) && v >= kMinSpeed && v <= kMaxSpeed) {
        s.speed = v;
        s.speed_max = false;
      } else {
        return Error{"speed (iterations per second) must be a number from 1 to 100000, or max"};
      }
    } else if (key == "activations") {
      s.spec.activations.clear();
      while (!value.empty()) {
        const std::string_view item = take_until(value, ',');
        const std::optional<Activation> f = parse_activation(item);
        if (!f)
          return Error{"unknown activation '" + std::string(item) +
                       "' (use sigmoid, tanh, relu or linear)"};
        s.spec.activations.push_back(*f);
      }
    } else {
      return Error{"unknown setting '" + key +
                   "' in the link (known: seed, lr, activations, speed)"};
    }
  }
  if (Status ok = validate(s.spec); !ok) return Error{ok.error()};
  if (Status ok = validate(s.options); !ok) return Error{ok.error()};
  return s;
}

}  // namespace bp::app
