// The CSV reader and writer: good input in its accepted forms, each kind of malformed input
// with the line (and column) its message names, caps, random byte strings (never a crash),
// and a write-read round trip that gives back every value bit for bit.
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "common.hpp"
#include "config/config.hpp"
#include "config/csv.hpp"
#include "core/datasets.hpp"
#include "core/rng.hpp"

using bp_test::contains;

namespace {

std::string csv_error(const std::string& text) {
  bp::Result<bp::Dataset> r = bp::read_csv(text);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

}  // namespace

TEST_CASE("CSV: a plain file with a header") {
  const bp::Dataset d = bp::read_csv("x1,x2,label\n1,2,0\n-3.5,4e-1,1\n").value();
  REQUIRE(d.X.rows() == 2);
  REQUIRE(d.X.cols() == 2);
  REQUIRE(d.Y.cols() == 1);
  CHECK(d.X(0, 0) == 1.0);
  CHECK(d.X(0, 1) == 2.0);
  CHECK(d.Y(0, 0) == 0.0);
  CHECK(d.X(1, 0) == -3.5);
  CHECK(d.X(1, 1) == 0.4);
  CHECK(d.Y(1, 0) == 1.0);
}

TEST_CASE("CSV: no header, spaces, tabs, CRLF and CR line ends, blank lines, comments, BOM") {
  const std::string text =
      "\xEF\xBB\xBF# my points\r\n"
      "\r\n"
      "  1 ,\t2,  1  \r\n"
      "   \n"
      "0.5,-0.25,0\r"
      "# another comment\n"
      "3,1E+2,-1";  // no final line end; a label of -1 is kept as it is
  const bp::Dataset d = bp::read_csv(text).value();
  REQUIRE(d.size() == 3);
  bp::Matrix x(3, 2);
  x << 1, 2, 0.5, -0.25, 3, 100;
  CHECK(d.X == x);
  CHECK(d.Y(0, 0) == 1.0);
  CHECK(d.Y(1, 0) == 0.0);
  CHECK(d.Y(2, 0) == -1.0);
  // Any header whose values are all non-numbers.
  CHECK(bp::read_csv("x, y, class\n0,0,1\n").value().size() == 1);
}

TEST_CASE("CSV: malformed rows name the first bad line and column") {
  CHECK(csv_error("x1,x2,label\n1,2,0\n1,2\n") ==
        "line 3: expected 3 values (x1, x2, label), got 2");
  CHECK(csv_error("1,2,0,\n") == "line 1: expected 3 values (x1, x2, label), got 4");
  CHECK(csv_error("1,2,0\n1,abc,0\n") ==
        "line 2, column 2: 'abc' is not a number (write numbers like 2, -0.5 or 1e-3)");
  CHECK(
      contains(csv_error("abc,1,0\n"), "line 1, column 1: 'abc' is not a number"));  // not a header
  CHECK(csv_error("1,2,0\n\n# c\n3,,1\n") == "line 4, column 2: empty value");
  CHECK(csv_error("1,2,nan\n") == "line 1, column 3: 'nan' is not a finite number");
  CHECK(csv_error("1,-Inf,0\n") == "line 1, column 2: '-Inf' is not a finite number");
  CHECK(csv_error("1e999,2,0\n") == "line 1, column 1: '1e999' is too large for a number");
  CHECK(csv_error("1001,2,0\n") ==
        "line 1, column 1: '1001' is outside -1000 to 1000, the values data may have");
  CHECK(contains(csv_error("0x10,2,0\n"), "line 1, column 1: '0x10' is not a number ("));
  CHECK(contains(csv_error("1.2.3,2,0\n"), "line 1, column 1: '1.2.3' is not a number"));
  CHECK(contains(csv_error("1e,2,0\n"), "line 1, column 1: '1e' is not a number"));
  CHECK(contains(csv_error("1 2,2,0\n"), "line 1, column 1: '1 2' is not a number"));
  // The one number syntax of every form (JSON's): no '+', no ".5" or "5.", no leading zeros.
  CHECK(contains(csv_error("+1,2,0\n"), "'+1' is not a number"));
  CHECK(contains(csv_error(".5,2,0\n"), "'.5' is not a number"));
  CHECK(contains(csv_error("5.,2,0\n"), "'5.' is not a number"));
  CHECK(contains(csv_error("007,2,0\n"), "'007' is not a number: it must not start with 0"));
  CHECK(csv_error("1;2;0\n") ==
        "line 1: expected 3 values (x1, x2, label), got 1 (separate the values with commas)");
  CHECK(csv_error("a,b\n1,2,3\n") == "line 1: expected 3 values (x1, x2, label), got 2");
  // Characters other than printable ASCII are shown by code point, bytes that are not UTF-8
  // by value; long values are cut short.
  CHECK(contains(csv_error("1,\xff,0\n"), "line 1, column 2: '<0xFF>' is not a number"));
  CHECK(contains(csv_error("\xE2\x88\x92"
                           "1,2,0\n"),
                 "line 1, column 1: '<U+2212>1' is not a number"));
  CHECK(contains(csv_error("1," + std::string(100, 'z') + ",0"),
                 "'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz...'"));
  // A number too small for a double is named as such, not read as 0; subnormals are kept.
  CHECK(csv_error("1e-400,2,0\n") ==
        "line 1, column 1: '1e-400' is too small for a number: it would round to 0 (underflow)");
  CHECK(bp::read_csv("5e-324,2,0\n").value().X(0, 0) > 0.0);
  CHECK(bp::read_csv("0e-400,2,0\n").value().X(0, 0) == 0.0);
  // The same limit of data values as links and JSON: 1000 in size (not the plot's 6).
  CHECK(bp::read_csv("7,-1000,1000\n").value().X(0, 0) == 7.0);
}

TEST_CASE("CSV: empty input, only a header, too many rows, too many bytes") {
  for (const char* empty : {"", "\n\n", "# nothing\n", "x1,x2,label\n", "  \r\n\t\r\n"}) {
    INFO("input '" << empty << "'");
    CHECK(csv_error(empty) == "the CSV has no data rows (expected lines of x1, x2, label)");
  }
  std::string many;
  for (int i = 0; i < 10000; ++i) many += "1,2,0\n";
  CHECK(bp::read_csv(many).value().size() == 10000);
  CHECK(csv_error(many + "1,2,0\n") ==
        "line 10001: more than 10000 data rows; at most 10000 are allowed");
  CHECK(csv_error("x1,x2,label\n" + many + "1,2,0\n") ==
        "line 10002: more than 10000 data rows; at most 10000 are allowed");
  CHECK(
      csv_error(std::string(bp::kMaxCsvBytes + 1, ' ')) ==
      "the CSV text is 1,048,577 bytes (1.0 MiB), more than the 1,048,576 bytes (1 MiB) accepted");
}

TEST_CASE("CSV: a NUL or another control character is named with its line, nothing is read") {
  std::string text = "x1,x2,label\n";
  for (int i = 0; i < 100; ++i) {
    text += std::to_string(i % 5) + ",1,0\n";
    if (i == 9) text += std::string(1, '\0');  // after data row 10: line 12, column 1
  }
  CHECK(csv_error(text) ==
        "line 12, column 1: a NUL character (U+0000); this looks like a binary file, not text, "
        "so nothing was read");
  CHECK(contains(csv_error("1,2,0\r\n1,2\x1b,0\n"),
                 "line 2, column 4: an escape character (U+001B)"));
  // Columns count characters, not bytes.
  CHECK(
      contains(csv_error("\xC3\xA9,2\x01,0\n"), "line 1, column 4: a control character (U+0001)"));
}

TEST_CASE("CSV: write then read gives back every value bit for bit") {
  bp::DataSetOptions o;
  o.kind = bp::DataSetKind::Spiral;
  o.points = 400;
  o.noise_percent = 35;
  o.seed = 3;
  bp::Dataset d = bp::generate_dataset(o).value();
  d.X(0, 0) = 1000;  // extremes of the accepted range
  d.X(1, 1) = -1e-300;
  d.Y(2, 0) = 0.1;
  const std::string text = bp::write_csv(d).value();
  CHECK(text.rfind("x1,x2,label\n", 0) == 0);
  const bp::Dataset back = bp::read_csv(text).value();
  CHECK(back.X == d.X);
  CHECK(back.Y == d.Y);
  // Regression targets too.
  o.kind = bp::DataSetKind::GaussianBump;
  const bp::Dataset r = bp::generate_dataset(o).value();
  CHECK(bp::read_csv(bp::write_csv(r).value()).value().Y == r.Y);
  // The writer's exact text for small values.
  bp::Dataset s;
  s.X.resize(2, 2);
  s.X << 1, -2.5, 0.5, 3;
  s.Y.resize(2, 1);
  s.Y << 1, 0;
  CHECK(bp::write_csv(s).value() == "x1,x2,label\n1,-2.5,1\n0.5,3,0\n");
  bp::Dataset wide;
  wide.X = bp::Matrix::Zero(1, 3);
  wide.Y = bp::Matrix::Zero(1, 1);
  CHECK(contains(bp::write_csv(wide).error(), "needs 2 input columns and 1 target column"));
  CHECK(contains(bp::write_csv(bp::Dataset{}).error(), "no examples"));
}

TEST_CASE("CSV: random byte strings never crash and give a data set or a located error") {
  bp::Rng rng(2024);
  const std::string alphabet = "0123456789.,,,-+eE \t\r\n\n#xnaif";
  const std::string good = "x1,x2,label\n1.5,-2,1\r\n# c\n\n0.25,3e-1,0\n-4,0.5,1\n";
  int ok = 0, failed = 0;
  for (int trial = 0; trial < 6000; ++trial) {
    std::string text;
    if (trial % 2 == 0) {  // a good file with a few bytes replaced, inserted or deleted
      text = good;
      const auto edits = 1 + rng.below(3);
      for (std::uint64_t e = 0; e < edits && !text.empty(); ++e) {
        const auto at = static_cast<std::size_t>(rng.below(text.size()));
        const char c = trial % 4 == 0
                           ? static_cast<char>(rng.below(256))
                           : alphabet[static_cast<std::size_t>(rng.below(alphabet.size()))];
        switch (rng.below(3)) {
          case 0: text[at] = c; break;
          case 1: text.insert(at, 1, c); break;
          default: text.erase(at, 1); break;
        }
      }
    } else {  // random bytes, or random characters of the CSV's alphabet
      const auto len = rng.below(80);
      for (std::uint64_t i = 0; i < len; ++i)
        text += trial % 3 == 0 ? static_cast<char>(rng.below(256))
                               : alphabet[static_cast<std::size_t>(rng.below(alphabet.size()))];
    }
    bp::Result<bp::Dataset> r = bp::read_csv(text);
    if (r.ok()) {
      ++ok;
      CHECK(r->X.cols() == 2);
      CHECK(r->Y.rows() == r->X.rows());
      CHECK(bp::validate(r.value()).ok());
      CHECK(r->X.cwiseAbs().maxCoeff() <= bp::kMaxCustomValue);
    } else {
      ++failed;
      const bool located = r.error().rfind("line ", 0) == 0 || r.error().rfind("the CSV", 0) == 0;
      INFO("error: " << r.error());
      CHECK(located);
    }
  }
  MESSAGE(ok << " random inputs read, " << failed << " refused");
  CHECK(failed > 1000);
  CHECK(ok > 500);
}
