// libFuzzer target: the link's query string. Any input must parse or be refused without a
// crash; what parses must be valid and come back from to_query exactly, read as a plain
// Config and as the page reads it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "config/page_config.hpp"
#include "fuzz_target.hpp"

namespace {

// The page's reading of the same link (2-D data against the setup panel's defaults): what
// parses is valid and comes back from page_query exactly.
void check_page_link(std::string_view text) {
  const bp::Result<bp::Config> parsed = bp::parse_page_query(text);
  if (!parsed.ok()) {
    if (parsed.error().empty()) __builtin_trap();
    return;
  }
  if (!bp::validate(parsed.value()).ok()) __builtin_trap();
  const bp::Result<bp::Config> back = bp::parse_page_query(bp::page_query(parsed.value(), true));
  if (!back.ok() || !(back.value() == parsed.value())) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_page_link(text);
  const bp::Result<bp::Config> parsed = bp::parse_query(text);
  if (!parsed.ok()) {
    if (parsed.error().empty()) __builtin_trap();  // every refusal says why
    return 0;
  }
  const bp::Config& c = parsed.value();
  if (!bp::validate(c).ok()) __builtin_trap();
  for (bool weights : {true, false}) {
    const std::string q = bp::to_query(c, weights);
    const bp::Result<bp::Config> back = bp::parse_query(q);
    if (!back.ok()) __builtin_trap();
    bp::Config expected = c;
    if (!weights) {
      expected.weights.clear();
      expected.bias_values.clear();
    }
    if (!(back.value() == expected)) __builtin_trap();
    if (bp::to_query(back.value(), weights) != q) __builtin_trap();
  }
  // The JSON form of the same Config round-trips too.
  const std::string json = bp::config_to_json(c);
  const bp::Result<bp::Config> from_json = bp::config_from_json(json);
  if (!from_json.ok() || !(from_json.value() == c)) __builtin_trap();
  return 0;
}
