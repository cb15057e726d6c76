// The generator must give the same numbers everywhere: pinned against an independent
// Python implementation of SplitMix64 + xoshiro256**.
#include <doctest/doctest.h>

#include <set>

#include "core/rng.hpp"

TEST_CASE("Rng matches an independent xoshiro256** implementation") {
  bp::Rng zero(0);
  CHECK(zero.next_u64() == 0x99ec5f36cb75f2b4ULL);
  CHECK(zero.next_u64() == 0xbf6e1f784956452aULL);
  CHECK(zero.next_u64() == 0x1a5f849d4933e6e0ULL);
  bp::Rng other(12345);
  CHECK(other.next_u64() == 0xbe6a36374160d49bULL);
  CHECK(other.next_u64() == 0x214aaa0637a688c6ULL);
  CHECK(other.next_u64() == 0xf69d16de9954d388ULL);
}

TEST_CASE("Rng is deterministic per seed and reseedable") {
  bp::Rng a(7), b(7), c(8);
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next_u64();
    CHECK(x == b.next_u64());
    CHECK(x != c.next_u64());
  }
  a.reseed(7);
  b.reseed(7);
  CHECK(a.uniform() == b.uniform());
}

TEST_CASE("uniform() stays in 0..1 (1 excluded) with a plausible mean") {
  bp::Rng rng(3);
  double sum = 0.0, lo = 1.0, hi = 0.0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    lo = std::min(lo, u);
    hi = std::max(hi, u);
  }
  // The mean of n uniforms has standard deviation sqrt(1/12/n) ~ 0.0009: allow 5 of them.
  CHECK(sum / n == doctest::Approx(0.5).epsilon(0.0046 / 0.5));
  CHECK(lo < 1e-3);
  CHECK(hi > 1.0 - 1e-3);
}

TEST_CASE("below(n) covers 0..n-1 and nothing else") {
  bp::Rng rng(11);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const auto k = rng.below(7);
    REQUIRE(k < 7);
    seen.insert(k);
  }
  CHECK(seen.size() == 7);
  CHECK(rng.below(1) == 0);
}
