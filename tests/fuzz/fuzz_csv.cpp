// libFuzzer target: CSV data. read_csv must refuse bad input with a message and never crash;
// what it reads must be written and read back bit for bit; rows the page accepts must make a
// valid custom-data Config whose link and JSON forms round-trip.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "config/csv.hpp"
#include "fuzz_target.hpp"

namespace {

bool same_bits(const bp::Matrix& a, const bp::Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         (a.size() == 0 || std::memcmp(a.data(), b.data(),
                                       static_cast<std::size_t>(a.size()) * sizeof(double)) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bp::Result<bp::Dataset> parsed = bp::read_csv(text);
  if (!parsed.ok()) {
    if (parsed.error().empty()) __builtin_trap();
    return 0;
  }
  const bp::Dataset& d = parsed.value();
  const bp::Result<std::string> csv = bp::data_to_csv(d);
  if (!csv.ok()) __builtin_trap();
  const bp::Result<bp::Dataset> back = bp::read_csv(csv.value());
  if (!back.ok() || !same_bits(back->X, d.X) || !same_bits(back->Y, d.Y)) __builtin_trap();

  bp::Config c;
  c.source = bp::DataSource::Custom;
  c.rows = d;
  c.hidden = {3};
  c.output = bp::Activation::Linear;
  const bool fits = d.X.rows() <= bp::kMaxCustomRows &&
                    (d.X.array().abs() <= bp::kMaxCustomValue).all() &&
                    (d.Y.array().abs() <= bp::kMaxCustomValue).all();
  if (bp::validate(c).ok() != fits) __builtin_trap();
  if (!fits) return 0;
  const bp::Result<bp::Config> from_query = bp::parse_query(bp::to_query(c, true));
  if (!from_query.ok() || !(from_query.value() == c)) __builtin_trap();
  const bp::Result<bp::Config> from_json = bp::config_from_json(bp::config_to_json(c));
  if (!from_json.ok() || !(from_json.value() == c)) __builtin_trap();
  if (!bp::make_data(c).ok()) __builtin_trap();
  const bp::Result<bp::Config> applied = bp::apply_csv(text, bp::Config{});
  if (!applied.ok() || !(applied->rows.X.size() == d.X.size())) __builtin_trap();
  return 0;
}
