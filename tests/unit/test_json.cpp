// The core's JSON reader and writer: values, escapes and surrogates, exact positions in
// messages, limits (depth, size, 1e999), and a write-read round trip.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "config/json.hpp"
#include "config/text.hpp"

namespace {

std::string error_of(const std::string& text) {
  bp::Result<bp::JsonValue> r = bp::parse_json(text);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("JSON: scalars arrays and objects") {
  const bp::JsonValue v =
      bp::parse_json(R"( {"a": [1, -2.5e3, true, false, null], "b": {"c": "d"}} )").value();
  REQUIRE(v.type == bp::JsonValue::Type::Object);
  const bp::JsonValue* a = v.find("a");
  REQUIRE(a != nullptr);
  REQUIRE(a->items.size() == 5);
  CHECK(a->items[1].number == -2500.0);
  CHECK(a->items[1].text == "-2.5e3");
  CHECK(a->items[2].boolean);
  CHECK(a->items[4].type == bp::JsonValue::Type::Null);
  CHECK(v.find("b")->find("c")->text == "d");
}

TEST_CASE("JSON: escapes and surrogate pairs decode to UTF-8") {
  const bp::JsonValue v = bp::parse_json(R"("a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00")").value();
  CHECK(v.text == "a\"\\/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80");
  CHECK(contains(error_of(R"("\ud83d")"), "low one"));
  CHECK(contains(error_of(R"("\ude00")"), "without a high one"));
  CHECK(contains(error_of(R"("\u12g4")"), "4 hex digits"));
  CHECK(contains(error_of("\"\xff\""), "invalid UTF-8"));
  CHECK(contains(error_of("\"a\nb\""), "control character"));
}

TEST_CASE("JSON: errors name line and column") {
  CHECK(error_of("{\n  \"a\": 1,\n  \"b\" 2\n}") ==
        "line 3, column 7: expected ':' after the field name");
  CHECK(contains(error_of("[1, 2"), "line 1, column 6: unexpected end of text"));
  CHECK(contains(error_of("[1,]"), "line 1, column 4"));
  CHECK(contains(error_of("{\"a\": 1, \"a\": 2}"), "appears twice"));
  CHECK(contains(error_of("[01]"), "must not start with 0"));
  CHECK(contains(error_of("[1] x"), "after the end"));
  CHECK(contains(error_of(""), "a value is missing"));
  CHECK(contains(error_of("NaN"), "NaN and Infinity"));
}

TEST_CASE("JSON: numbers too large are refused and tiny ones kept") {
  CHECK(contains(error_of("[1e999]"), "too large"));
  CHECK(contains(error_of("-1e400"), "too large"));
  CHECK(bp::parse_json("1e-400").value().number == 0.0);
  CHECK(bp::parse_json("5e-324").value().number > 0.0);
}

TEST_CASE("JSON: nesting beyond the depth limit is an error not a crash") {
  const std::string deep(100000, '[');
  CHECK(contains(error_of(deep), "nested deeper than 64"));
  std::string ok;
  for (int i = 0; i < 64; ++i) ok += '[';
  for (int i = 0; i < 64; ++i) ok += ']';
  CHECK(bp::parse_json(ok).ok());
  CHECK_FALSE(bp::parse_json("[" + ok + "]").ok());
}

TEST_CASE("JSON: the size limit") {
  const std::string big(bp::kMaxJsonBytes + 1, ' ');
  CHECK(contains(error_of(big), "bytes"));
}

TEST_CASE("JSON: writing what was read gives the same text") {
  const std::string text =
      "{\n  \"a\": [1, 2.5, \"x\"],\n  \"b\": [\n    [1, 2],\n    []\n  ],\n  \"c\": {}\n}";
  CHECK(bp::write_json(bp::parse_json(text).value()) == text);
}

TEST_CASE("Numbers: shortest exact text and strict parsing") {
  for (double v : {0.1, 1.0 / 3.0, -2.5e-308, 5e-324, 1.7976931348623157e308, 123456789.0, -0.0}) {
    const std::string s = bp::format_number(v);
    const std::optional<double> back = bp::parse_number(s);
    REQUIRE(back.has_value());
    CHECK(std::memcmp(&*back, &v, sizeof v) == 0);
  }
  CHECK(bp::format_number(0.1) == "0.1");
  CHECK(bp::format_number(-0.0) == "-0");
  for (const char* bad :
       {"", "-", ".", "1e", "1e+", "nan", "inf", "0x10", " 1", "1 ", "+1", "1e999", "1,5", "1.5x"})
    CHECK_FALSE(bp::parse_number(bad).has_value());
  CHECK(bp::parse_number(".5").value() == 0.5);
  CHECK(bp::parse_whole("18446744073709551615").value() == UINT64_MAX);
  CHECK_FALSE(bp::parse_whole("18446744073709551616").has_value());
  CHECK_FALSE(bp::parse_whole("-1").has_value());
  CHECK_FALSE(bp::parse_whole("11", 10).has_value());
}

TEST_CASE("Numbers: whole numbers are written without an exponent") {
  CHECK(bp::format_number(50) == "50");
  CHECK(bp::format_number(200) == "200");
  CHECK(bp::format_number(-1234.5) == "-1234.5");
  CHECK(bp::format_number(1e20) == "1e+20");
  CHECK(bp::format_number(1e-7) == "1e-07");
  CHECK(bp::format_number(0.0001) == "0.0001");
}

TEST_CASE("Numbers: the JSON grammar, for the command line") {
  for (const char* good : {"0", "-0", "2", "0.5", "-3.25", "1e-3", "1E+5", "10", "5e-324"}) {
    INFO(good);
    const bp::NumberText x = bp::read_json_number(good);
    CHECK(x.value.has_value());
    CHECK(x.problem.empty());
  }
  CHECK(*bp::read_json_number("0.1").value == 0.1);
  CHECK(*bp::read_json_number("-2.5e2").value == -250.0);
  for (const char* bad : {"", " 0.5", "0.5 ", "+5", "0x10", ".5", "5.", "007", "-", "1e", "1e+",
                          "nan", "inf", "Infinity", "1,5", "1_000", "0.5x", "--1", "1e3.5"}) {
    INFO(bad);
    const bp::NumberText x = bp::read_json_number(bad);
    CHECK_FALSE(x.value.has_value());
    CHECK(contains(x.problem, "is not a number as JSON writes one"));
  }
  CHECK(contains(bp::read_json_number("1e999").problem, "too large"));
  CHECK(contains(bp::read_json_number("-1e400").problem, "too large"));
  // Too close to 0 for a double: underflow, named as such (not "0").
  for (const char* tiny : {"1e-400", "-2.5e-999", "0.000001e-330"}) {
    INFO(tiny);
    CHECK(contains(bp::read_json_number(tiny).problem, "underflows"));
  }
  // 0 written as 0 is 0; a subnormal is kept as strtod rounds it.
  CHECK(*bp::read_json_number("0e-400").value == 0.0);
  CHECK(*bp::read_json_number("1e-310").value > 0.0);
}

TEST_CASE("Numbers: whole numbers in JSON form within a range") {
  CHECK(*bp::read_json_whole("0", 10).value == 0);
  CHECK(*bp::read_json_whole("-0", 10).value == 0);
  CHECK(*bp::read_json_whole("10", 10).value == 10);
  CHECK(*bp::read_json_whole("18446744073709551615", UINT64_MAX).value == UINT64_MAX);
  CHECK(bp::read_json_whole("11", 10).problem == "is out of range (0 to 10)");
  CHECK(bp::read_json_whole("-1", 10).problem == "is out of range (0 to 10)");
  CHECK(contains(bp::read_json_whole("18446744073709551616", UINT64_MAX).problem, "out of range"));
  for (const char* fraction : {"1e3", "2.5", "1.0", "1E0"}) {
    INFO(fraction);
    CHECK(contains(bp::read_json_whole(fraction, 10000).problem, "is not a whole number"));
  }
  for (const char* bad : {"", "+5", " 5", "05", "0x10", "five"}) {
    INFO(bad);
    CHECK(contains(bp::read_json_whole(bad, 10000).problem, "is not a number"));
  }
}
