// Runs tests/reference/seed_numpy.py (numpy, through Debian's python3) from a doctest test
// and compares its JSON answer with the core's matrices.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/types.hpp"

namespace numpy {

// Nested arrays, row by row.
nlohmann::json to_json(const bp::Matrix& m);

// Sends cfg to a Python script on stdin (run by Debian's python3, which has numpy) and returns
// the JSON it printed; fails the test if the script fails.
nlohmann::json run_script(const char* script, const nlohmann::json& cfg);
// The same with the numpy reference, tests/reference/seed_numpy.py.
nlohmann::json run(const nlohmann::json& cfg);

// Largest |expected[i][j] - m(i, j)| (expected may also be a flat array for a column),
// printing the first mismatches above tol.
double compare(const std::string& what, const nlohmann::json& expected, const bp::Matrix& m,
               double tol);

}  // namespace numpy
