// The numpy reference, run as a separate process.
#include "numpy_reference.hpp"

#include <doctest/doctest.h>

#include <unistd.h>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace numpy {

nlohmann::json to_json(const bp::Matrix& m) {
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(m(i, j));
    rows.push_back(row);
  }
  return rows;
}

nlohmann::json run_script(const char* script, const nlohmann::json& cfg) {
  namespace fs = std::filesystem;
  static std::atomic<int> counter{0};
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const fs::path in = fs::temp_directory_path() / ("bp-numpy-in-" + tag + ".json");
  const fs::path out = fs::temp_directory_path() / ("bp-numpy-out-" + tag + ".json");
  std::ofstream(in) << cfg.dump();
  const std::string cmd =
      std::string(BP_PYTHON) + " " + script + " < " + in.string() + " > " + out.string();
  const int rc = std::system(cmd.c_str());
  std::stringstream text;
  text << std::ifstream(out).rdbuf();
  fs::remove(in);
  fs::remove(out);
  INFO("command: " << cmd);
  REQUIRE(rc == 0);
  return nlohmann::json::parse(text.str());
}

nlohmann::json run(const nlohmann::json& cfg) {
  return run_script(BP_NUMPY_REFERENCE, cfg);
}

// Largest |json[i][j] - m(i, j)|, with the first mismatches above tol printed.
double compare(const std::string& what, const nlohmann::json& expected, const bp::Matrix& m,
               double tol) {
  double worst = 0.0;
  int printed = 0;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      const auto& row = expected[static_cast<std::size_t>(i)];
      const double e =
          row.is_array() ? row[static_cast<std::size_t>(j)].get<double>() : row.get<double>();
      const double diff = std::abs(e - m(i, j));
      worst = std::max(worst, diff);
      if (diff > tol && printed++ < 5)
        MESSAGE(what << "(" << i << "," << j << "): core " << m(i, j) << ", reference " << e);
    }
  return worst;
}

}  // namespace numpy
