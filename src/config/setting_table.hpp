// The settings of a run, described once: one row per setting, in the order the link and the
// JSON document write them. The link reader and writer (config_query.cpp) and the JSON reader
// and writer (config_json.cpp) loop over this table; a setting whose value is one number, flag
// or name is handled entirely by those loops, from its row. The few settings with a structure
// of their own (data, features, hidden, act, select, hide, open) are rows of kind Special,
// read and written by code written once for each form. docs/format.md lists the same rows (a
// unit test checks it).
//
// Adding a setting of a simple kind: a field in Config, a row here, a line in docs/format.md,
// and its widget in the page.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "config.hpp"

namespace bp {

enum class SettingKind {
  Number,        // a finite number
  Whole,         // a whole number from 0 to Setting::max
  Flag,          // link 1 or 0 (also true or false), JSON true or false
  Name,          // one of a few names (Setting::set refuses the others)
  NumberOrNone,  // a number, or none (link none, JSON null)
  WholeOrNone,   // a whole number from 0 to Setting::max, or none
  NumberOrMax,   // a number, or max (link max, JSON "max")
  Special,       // read and written by its own code in each form
};

// A setting's value as both forms carry it.
struct SettingValue {
  enum class Type { None, Max, Number, Whole, Flag, Name };
  Type type = Type::None;
  double number = 0.0;
  std::uint64_t whole = 0;
  bool flag = false;
  std::string name;

  static SettingValue none() { return {}; }
  static SettingValue max() { return {Type::Max, 0.0, 0, false, {}}; }
  static SettingValue of(double v) { return {Type::Number, v, 0, false, {}}; }
  static SettingValue of_whole(std::uint64_t v) { return {Type::Whole, 0.0, v, false, {}}; }
  static SettingValue of_flag(bool v) { return {Type::Flag, 0.0, 0, v, {}}; }
  static SettingValue of_name(std::string_view v) {
    return {Type::Name, 0.0, 0, false, std::string(v)};
  }
};
// Equal as a link would write them: numbers bit for bit (0 and -0 differ).
bool operator==(const SettingValue& a, const SettingValue& b);
inline bool operator!=(const SettingValue& a, const SettingValue& b) {
  return !(a == b);
}

struct Setting {
  std::string_view key;  // the link's and the JSON settings' name
  SettingKind kind;
  std::uint64_t max;  // Whole, WholeOrNone: the largest value read (validate() checks ranges)
  // What the value must be, in the link's messages ("points must be <this>, not 'x'") and in
  // the JSON's ("settings.points: expected <this>, got ..."); empty: the kind's own words.
  std::string_view link_expects;
  std::string_view json_expects;
  // The value in config, and setting it (false: a Name that is not one of the setting's).
  SettingValue (*get)(const Config&);
  bool (*set)(Config&, const SettingValue&);
};

inline constexpr std::size_t kSettingCount = 30;
extern const std::array<Setting, kSettingCount> kSettings;

// The data setting's one name ("chapter", "custom" or a generated set's), and setting it from
// one (false: not a name of data); the link and the JSON use these.
std::string data_name(const Config& config);
bool set_data_name(Config& config, std::string_view name);

// The row of a setting, or nullptr.
const Setting* find_setting(std::string_view key);

// Every name a link may hold: the settings, then the link-only keys (rows, testrows,
// activations, weights, biases), comma-separated.
const std::string& link_keys();

}  // namespace bp
