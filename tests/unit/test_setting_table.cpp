// The table of settings (src/config/setting_table.hpp): docs/format.md lists exactly its rows,
// and every setting of a simple kind goes through the link and JSON loops both ways.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "config/config.hpp"
#include "config/setting_table.hpp"

namespace {

// The names in the first column of docs/format.md's "## Settings" table.
std::set<std::string> documented_settings() {
  std::ifstream in(BP_FORMAT_DOC);
  REQUIRE(in);
  std::set<std::string> names;
  std::string line;
  bool in_section = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## Settings";
    if (in_section && line.rfind("| `", 0) == 0) {
      const auto end = line.find('`', 3);
      names.insert(line.substr(3, end - 3));
    }
  }
  return names;
}

// A value of each simple setting other than the default, valid together.
std::string other_value(const bp::Setting& row) {
  const std::string key(row.key);
  if (key == "seed") return "7";
  if (key == "init") return "scaled";
  if (key == "points") return "300";
  if (key == "noise") return "12.5";
  if (key == "train") return "70";
  if (key == "dataseed") return "9";
  if (key == "out") return "tanh";
  if (key == "bias") return "1";
  if (key == "lr") return "0.03";
  if (key == "batch") return "10";
  if (key == "loss") return "ce";
  if (key == "reg") return "l2";
  if (key == "regrate") return "0.001";
  if (key == "stop_loss") return "0.05";
  if (key == "stop_iters") return "5000";
  if (key == "speed") return "max";
  if (key == "tab") return "matrices";
  if (key == "theme") return "light";
  if (key == "test") return "0";  // shown by default
  return "1";                     // the view's flags
}

}  // namespace

TEST_CASE("Setting table: docs/format.md lists exactly the table's settings") {
  std::set<std::string> table;
  for (const bp::Setting& row : bp::kSettings) table.insert(std::string(row.key));
  table.insert("activations");  // the chapter page's link-only key, documented with the rest
  CHECK(documented_settings() == table);
  for (const bp::Setting& row : bp::kSettings) {
    INFO(row.key);
    CHECK(bp::find_setting(row.key) == &row);
    CHECK((row.kind == bp::SettingKind::Special) == (row.get == nullptr));
  }
}

TEST_CASE("Setting table: each simple setting is read and written by the link and JSON loops") {
  // 2-D data (labels 0 and 1, a sigmoid output), so that every setting applies.
  const bp::Config base = bp::parse_query("data=circle&hidden=4").value();
  for (const bp::Setting& row : bp::kSettings) {
    if (row.kind == bp::SettingKind::Special) continue;
    const std::string link = std::string(row.key) + "=" + other_value(row);
    INFO(link);
    const bp::Result<bp::Config> c = bp::parse_query("data=circle&hidden=4&" + link);
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? std::string() : c.error()));
    // Written back as what differs from base, the link holds this setting as given.
    const std::string written = bp::to_query(c.value(), false, base);
    CHECK(written.find(link) != std::string::npos);
    // The JSON document carries it too, and reads back to the same Config.
    const bp::Result<bp::Config> again = bp::config_from_json(bp::config_to_json(c.value()));
    REQUIRE_MESSAGE(again.ok(), (again.ok() ? std::string() : again.error()));
    CHECK(row.get(again.value()) == row.get(c.value()));
    CHECK(again.value() == c.value());
  }
}

TEST_CASE("Setting table: a bad value is named by the loops in each form's words") {
  CHECK(bp::parse_query("bias=yes").error() == "bias must be 1 or 0, not 'yes'");
  CHECK(bp::parse_query("init=gauss").error() == "init must be uniform01 or scaled, not 'gauss'");
  CHECK(bp::parse_query("stop_iters=-3").error() ==
        "stop_iters must be a whole number from 1 to 1000000000, or none, not '-3'");
  CHECK(bp::parse_query("speed=fast")
            .error()
            .rfind("speed (iterations per second) must be a number from 1 to 100000, or max: ",
                   0) == 0);
  const std::string json = R"({"lr": "fast"})";
  CHECK(bp::apply_settings_json(json, bp::Config{}).error() ==
        "settings.lr: expected a number, got the string 'fast' (line 1, column 8)");
  CHECK(bp::apply_settings_json(R"({"walk": 1})", bp::Config{})
            .error()
            .rfind("settings.walk: expected true or false, got 1", 0) == 0);
  CHECK(bp::apply_settings_json(R"({"reg": "l3"})", bp::Config{})
            .error()
            .rfind("settings.reg: expected \"none\", \"l1\" or \"l2\", got the string 'l3'", 0) ==
        0);
}

TEST_CASE(
    "Setting table: a setting added as one row (theme) is read, written and refused by name") {
  const bp::Result<bp::Config> light = bp::parse_query("theme=light");
  REQUIRE(light.ok());
  CHECK(light->view.theme == bp::Theme::Light);
  CHECK(bp::to_query(light.value(), false) == "theme=light");
  CHECK(bp::to_query(bp::Config{}, false).find("theme") == std::string::npos);  // dark: default
  const bp::Result<bp::Config> blue = bp::parse_query("theme=blue");
  REQUIRE_FALSE(blue.ok());
  CHECK(blue.error() == "theme must be dark, light or system, not 'blue'");
  const bp::Result<bp::Config> json = bp::apply_settings_json(R"({"theme": 1})", bp::Config{});
  REQUIRE_FALSE(json.ok());
  CHECK(json.error().find("settings.theme") != std::string::npos);
  CHECK(json.error().find(R"("dark", "light" or "system")") != std::string::npos);
}
