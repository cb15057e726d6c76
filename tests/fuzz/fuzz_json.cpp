// libFuzzer target: JSON documents. The reader must refuse bad input with a message and
// never crash; a value it reads must be written and read back to the same text; a Config it
// reads must be valid and survive config_to_json / config_from_json exactly.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "config/json.hpp"
#include "fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const bp::Result<bp::JsonValue> value = bp::parse_json(text);
  if (value.ok()) {
    const std::string written = bp::write_json(value.value());
    const bp::Result<bp::JsonValue> again = bp::parse_json(written);
    if (!again.ok()) __builtin_trap();
    if (bp::write_json(again.value()) != written) __builtin_trap();
  } else if (value.error().empty()) {
    __builtin_trap();
  }

  // A script's settings object, applied on top of the defaults.
  const bp::Result<bp::Config> set = bp::apply_settings_json(text, bp::Config{});
  if (set.ok()) {
    if (!bp::validate(set.value()).ok()) __builtin_trap();
    const bp::Result<bp::Config> got =
        bp::apply_settings_json(bp::settings_to_json(set.value()), bp::Config{});
    if (!got.ok() || !(got.value() == set.value())) __builtin_trap();
  } else if (set.error().empty()) {
    __builtin_trap();
  }

  const bp::Result<bp::Config> parsed = bp::config_from_json(text);
  if (!parsed.ok()) {
    if (parsed.error().empty()) __builtin_trap();
    return 0;
  }
  const bp::Config& c = parsed.value();
  if (!bp::validate(c).ok()) __builtin_trap();
  const std::string json = bp::config_to_json(c);
  const bp::Result<bp::Config> back = bp::config_from_json(json);
  if (!back.ok() || !(back.value() == c)) __builtin_trap();
  if (bp::config_to_json(back.value()) != json) __builtin_trap();
  // And the link form of the same Config.
  const bp::Result<bp::Config> from_query = bp::parse_query(bp::to_query(c, true));
  if (!from_query.ok() || !(from_query.value() == c)) __builtin_trap();
  return 0;
}
