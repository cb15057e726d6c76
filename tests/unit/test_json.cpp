// The core's JSON reader and writer: values, escapes and surrogates, exact positions in
// messages, limits (depth, size, 1e999), and a write-read round trip.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "common.hpp"
#include "config/json.hpp"
#include "config/text.hpp"

using bp_test::contains;

namespace {

std::string parse_error(const std::string& text) {
  bp::Result<bp::JsonValue> r = bp::parse_json(text);
  REQUIRE_FALSE(r.ok());
  return r.error();
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
  CHECK(contains(parse_error(R"("\ud83d")"), "low one"));
  CHECK(contains(parse_error(R"("\ude00")"), "without a high one"));
  CHECK(contains(parse_error(R"("\u12g4")"), "4 hex digits"));
  CHECK(contains(parse_error("\"\xff\""), "invalid UTF-8"));
  CHECK(contains(parse_error("\"a\nb\""), "control character"));
}

TEST_CASE("JSON: errors name line and column") {
  CHECK(parse_error("{\n  \"a\": 1,\n  \"b\" 2\n}") ==
        "line 3, column 7: expected ':' after the field name");
  CHECK(contains(parse_error("[1, 2"), "line 1, column 6: unexpected end of text"));
  CHECK(contains(parse_error("[1,]"), "line 1, column 4"));
  CHECK(contains(parse_error("{\"a\": 1, \"a\": 2}"), "appears twice"));
  CHECK(contains(parse_error("[01]"), "must not start with 0"));
  CHECK(contains(parse_error("[1] x"), "after the end"));
  CHECK(contains(parse_error(""), "a value is missing"));
  CHECK(contains(parse_error("NaN"), "NaN and Infinity"));
}

TEST_CASE("JSON: numbers too large or too small are refused, subnormal ones kept") {
  CHECK(contains(parse_error("[1e999]"), "too large"));
  CHECK(contains(parse_error("-1e400"), "too large"));
  CHECK(contains(parse_error("1e-400"),
                 "'1e-400' is too small for a number: it would round to 0 (underflow)"));
  CHECK(bp::parse_json("5e-324").value().number > 0.0);
}

TEST_CASE("JSON: nesting beyond the depth limit is an error not a crash") {
  const std::string deep(100000, '[');
  CHECK(contains(parse_error(deep), "nested deeper than 64"));
  std::string ok;
  for (int i = 0; i < 64; ++i) ok += '[';
  for (int i = 0; i < 64; ++i) ok += ']';
  CHECK(bp::parse_json(ok).ok());
  CHECK_FALSE(bp::parse_json("[" + ok + "]").ok());
}

TEST_CASE("JSON: the size limit") {
  const std::string big(bp::kMaxJsonBytes + 1, ' ');
  CHECK(contains(parse_error(big), "bytes"));
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
  for (const char* bad : {"", "-", ".", "1e", "1e+", "nan", "inf", "0x10", " 1", "1 ", "+1",
                          "1e999", "1,5", "1.5x", ".5", "5.", "01", "-01", "1e-400"})
    CHECK_FALSE(bp::parse_number(bad).has_value());
  CHECK(bp::parse_number("0.5").value() == 0.5);
  CHECK(bp::parse_number("-0").value() == 0.0);
  CHECK(bp::parse_number("0e-999").value() == 0.0);  // zero written small is still zero
  CHECK(bp::parse_number("1E+2").value() == 100.0);
  CHECK(bp::parse_whole("18446744073709551615").value() == UINT64_MAX);
  CHECK_FALSE(bp::parse_whole("18446744073709551616").has_value());
  CHECK_FALSE(bp::parse_whole("-1").has_value());
  CHECK_FALSE(bp::parse_whole("11", 10).has_value());
  CHECK_FALSE(bp::parse_whole("007").has_value());
}

TEST_CASE("Numbers: the reason a text is not a number is named") {
  CHECK(bp::read_number("1e-400").error() ==
        "'1e-400' is too small for a number: it would round to 0 (underflow)");
  CHECK(bp::read_number("-1e-400").error() ==
        "'-1e-400' is too small for a number: it would round to 0 (underflow)");
  CHECK(bp::read_number("1e400").error() == "'1e400' is too large for a number");
  CHECK(bp::read_number("0x10").error() ==
        "'0x10' is not a number (write numbers like 2, -0.5 or 1e-3)");
  CHECK(bp::read_number("\xE2\x88\x92"
                        "1")
            .error() == "'<U+2212>1' is not a number (write numbers like 2, -0.5 or 1e-3)");
  CHECK(bp::read_number("").error() == "an empty text is not a number");
  CHECK(bp::read_whole("1.9").error() ==
        "'1.9' is not a whole number from 0 (write it with digits only)");
  CHECK(bp::read_whole("4294967298", 2147483647).error() == "'4294967298' is more than 2147483647");
  CHECK(bp::read_whole("abc").error() ==
        "'abc' is not a number (write numbers like 2, -0.5 or 1e-3)");
}

TEST_CASE("Messages show what was there: ASCII as itself, the rest by code point") {
  CHECK(bp::quoted("abc") == "'abc'");
  CHECK(bp::quoted("\xE2\x88\x92"
                   "1") == "'<U+2212>1'");  // a Unicode minus
  CHECK(bp::quoted("caf\xC3\xA9") == "'caf<U+00E9>'");
  CHECK(bp::quoted("\xF0\x9F\x98\x80") == "'<U+1F600>'");  // 4 bytes
  CHECK(bp::quoted(std::string("a\0b", 3)) == "'a<U+0000>b'");
  CHECK(bp::quoted("\xFF\xC3") == "'<0xFF><0xC3>'");  // not UTF-8
  CHECK(bp::quoted("\xC0\x80") == "'<0xC0><0x80>'");  // overlong
  CHECK(bp::quoted(std::string(50, 'x')) == "'" + std::string(37, 'x') + "...'");
}

TEST_CASE("Sizes in messages are exact") {
  CHECK(bp::describe_bytes(0) == "0 bytes");
  CHECK(bp::describe_bytes(1) == "1 byte");
  CHECK(bp::describe_bytes(1048576) == "1,048,576 bytes (1 MiB)");
  CHECK(bp::describe_bytes(1048577) == "1,048,577 bytes (1.0 MiB)");
  CHECK(bp::describe_bytes(2147483648ULL) == "2,147,483,648 bytes (2 GiB)");
  CHECK(bp::describe_bytes(104857600) == "104,857,600 bytes (100 MiB)");
}

TEST_CASE("JSON: a byte order mark at the start is skipped") {
  const bp::Result<bp::JsonValue> v = bp::parse_json("\xEF\xBB\xBF{\"a\": 1}");
  REQUIRE(v.ok());
  CHECK(v->fields.at(0).second.number == 1.0);
  CHECK(bp::parse_json("{\"a\": 1e-400}").error().find("underflow") != std::string::npos);
}

TEST_CASE("Numbers: whole numbers are written without an exponent") {
  CHECK(bp::format_number(50) == "50");
  CHECK(bp::format_number(200) == "200");
  CHECK(bp::format_number(-1234.5) == "-1234.5");
  CHECK(bp::format_number(1e20) == "1e+20");
  CHECK(bp::format_number(1e-7) == "1e-07");
  CHECK(bp::format_number(0.0001) == "0.0001");
}

TEST_CASE("JsonWriter: what it writes reads back exactly, with the reader's own rules") {
  bp::JsonWriter j;
  j.begin_object();
  j.key("x").number(0.1);
  j.key("tiny").number(5e-324);
  j.key("nan").number(std::nan(""));
  j.key("big").unsigned_integer(UINT64_MAX);
  j.key("n").integer(-42);
  j.key("list").begin_array().number(-0.0).boolean(true).null().end_array();
  j.key("text").string("a \"quoted\" \\ line\nand a tab\t\x01 and \xc3\xa9");
  j.key("empty").begin_object().end_object();
  j.end_object();
  const std::string& s = j.str();
  const bp::Result<bp::JsonValue> v = bp::parse_json(s);
  REQUIRE_MESSAGE(v, s);
  CHECK(v->find("x")->number == 0.1);
  CHECK(v->find("tiny")->number == 5e-324);
  CHECK(v->find("nan")->type == bp::JsonValue::Type::Null);
  CHECK(v->find("big")->text == "18446744073709551615");
  CHECK(v->find("n")->number == -42);
  REQUIRE(v->find("list")->items.size() == 3);
  CHECK(std::signbit(v->find("list")->items[0].number));
  CHECK(v->find("text")->text == "a \"quoted\" \\ line\nand a tab\t\x01 and \xc3\xa9");
  CHECK(v->find("empty")->type == bp::JsonValue::Type::Object);
}
