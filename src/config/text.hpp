// Numbers as text, strictly: the one place where the link, JSON and export code turn numbers
// into text and back, so that every form round-trips bit for bit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bp {

// Shortest decimal text that parse_number reads back as exactly v (v finite): "0.1", "-0",
// "1e+300", "5e-324". Independent of the C locale's decimal point only in the "C" locale,
// which is what a program has unless it calls setlocale.
std::string format_number(double v);

// A whole token in decimal or exponent notation: optional '-', digits with an optional '.'
// and fraction (".5" and "5." allowed), optional exponent. No spaces, no '+' sign in front,
// no hex, no NaN or infinity; a value too large for a double is refused, one too small to
// be normal is rounded as strtod does.
std::optional<double> parse_number(std::string_view text);

// A number written as JSON writes one (RFC 8259), for a command line or a script: an optional
// '-', then 0 or digits not starting with 0, an optional '.' with at least one digit, an
// optional exponent; nothing before or after (no spaces, no '+' in front, no hex, no ".5").
// value is set when text is one and is a double; otherwise problem says why, in words that
// follow the quoted text: "is not a number ...", "is too large ...", "underflows to 0 ...".
struct NumberText {
  std::optional<double> value;
  std::string problem;
};
NumberText read_json_number(std::string_view text);

// A whole number in JSON's integer form (an optional '-' and digits, no leading zeros, no
// fraction or exponent) from 0 to max; otherwise problem says why, as for read_json_number:
// "is not a whole number ...", "is out of range (0 to max)".
struct WholeText {
  std::optional<std::uint64_t> value;
  std::string problem;
};
WholeText read_json_whole(std::string_view text, std::uint64_t max);

// Digits only (no sign, no spaces), at most max.
std::optional<std::uint64_t> parse_whole(std::string_view text, std::uint64_t max = UINT64_MAX);

// text in single quotes for a message, cut to 40 bytes with "..." and with control bytes
// shown as '?', so that a hostile value cannot flood or garble the message.
std::string quoted(std::string_view text);

}  // namespace bp
