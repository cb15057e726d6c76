// Reading a student's own 2-D data from CSV text (columns x1, x2, label) and writing a data
// set back as CSV. Only strings in and out: the page hands in what was pasted or loaded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "config/text.hpp"
#include "core/dataset.hpp"
#include "core/result.hpp"

namespace bp {

inline constexpr Eigen::Index kMaxCsvRows = 10000;          // data rows
inline constexpr std::size_t kMaxCsvBytes = kMaxTextBytes;  // the page's one text limit
// Values: within +-kMaxCustomValue (config.hpp), the one limit of data values in every form.

// Reads lines of three numbers "x1, x2, label" into a Dataset (X [n x 2], Y [n x 1]).
//   - values separated by commas, spaces and tabs around them ignored;
//   - lines end in \n, \r\n or \r; blank lines and lines starting with # are skipped;
//   - an optional header: a first line of three values none of which is a number
//     (e.g. x1,x2,label);
//   - numbers in the one number syntax of every form (read_number, text.hpp: "-1.5", "2e-3");
//     NaN, infinity, ".5", "+1" and values beyond +-kMaxCustomValue (1000) are refused;
//   - a UTF-8 byte order mark at the start is skipped; a NUL or another control character
//     anywhere is refused with its line and column (a binary file, not text);
//   - at most kMaxCsvRows data rows and kMaxCsvBytes bytes; at least one data row.
// Labels may be any number (0/1 for classification, a value for regression).
// On the first problem returns an Error naming the line (and column) and what is wrong:
// "line 7: expected 3 values (x1, x2, label), got 2", "line 3, column 2: 'abc' is not a
// number". Any byte string is safe to hand in (its length is given, so a NUL is seen).
Result<Dataset> read_csv(std::string_view text);

// "x1,x2,label" then one line per example, each number with 17 significant digits so that
// read_csv gives back exactly the same values. data must have 2 input columns and 1 target.
Result<std::string> write_csv(const Dataset& data);

}  // namespace bp
