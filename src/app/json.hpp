// A minimal JSON writer for the page's state: objects, arrays, numbers (%.17g, so a
// double survives the round trip; NaN and infinities become null), booleans, strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bp::app {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);  // inside an object, before each value
  JsonWriter& number(double value);
  JsonWriter& integer(long long value);
  JsonWriter& unsigned_integer(std::uint64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& string(std::string_view text);
  JsonWriter& null();

  const std::string& str() const { return out_; }

 private:
  void before_value();

  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace bp::app
