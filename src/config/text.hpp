// Numbers as text, strictly: the one place where the link, JSON and export code turn numbers
// into text and back, so that every form round-trips bit for bit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bp {

// The most text the page takes in one piece, whichever way it comes: a file opened or dropped,
// a paste, a script's load() or set(), a message from a lesson page, the link. 1 MiB of UTF-8
// holds the largest document the page can make (2000 custom rows and 8 layers of 16x16
// weights, about 250 KB) four times over, and copying it into the WebAssembly heap takes a
// millisecond. The page's JavaScript checks it before copying anything (web/backprop-api.js);
// the JSON and CSV readers refuse longer text too.
inline constexpr std::size_t kMaxTextBytes = 1024 * 1024;

// "1,048,576 bytes (1 MiB)": a size for a message, exact, with a rounded unit for reading.
std::string describe_bytes(std::uint64_t bytes);

// Shortest decimal text that parse_number reads back as exactly v (v finite): "0.1", "-0",
// "1e+300", "5e-324". Independent of the C locale's decimal point only in the "C" locale,
// which is what a program has unless it calls setlocale.
std::string format_number(double v);

// The one number syntax of every form (link, JSON, CSV, script arguments): a whole token in
// the JSON grammar (RFC 8259): optional '-', 0 or digits not starting with 0, an optional '.'
// with digits after it, an optional exponent. No spaces, no '+' in front, no ".5" or "5.", no
// hex, no NaN or infinity. A value too large for a double is refused, and so is one so small
// that it would round to 0 (underflow); a subnormal one is kept as strtod rounds it.
// The error says which of these it is: "'1e-400' is too small: it would round to 0".
Result<double> read_number(std::string_view text);
std::optional<double> parse_number(std::string_view text);  // read_number without the why

// A whole number in the same syntax: digits only (no sign, fraction or exponent), at most max.
// The error says what is wrong: "'1.9' is not a whole number".
Result<std::uint64_t> read_whole(std::string_view text, std::uint64_t max = UINT64_MAX);
std::optional<std::uint64_t> parse_whole(std::string_view text, std::uint64_t max = UINT64_MAX);

// text in single quotes for a message, cut to 40 bytes with "...". Printable ASCII is shown as
// itself, every other character as its code point, "<U+2212>" for a Unicode minus, and a byte
// that is not UTF-8 as "<0xFF>", so that a hostile value can neither flood nor garble the
// message and what was really there can be read (the page's font has only ASCII).
std::string quoted(std::string_view text);

// Where text holds a character no text file has (NUL or another control character other than
// tab, CR, LF and form feed): "line 11, column 1: a NUL character (U+0000)". Empty if none.
// Binary content, or text cut at a NUL by C string handling, is caught here before a reader
// stops at it silently.
std::string find_binary(std::string_view text);

}  // namespace bp
