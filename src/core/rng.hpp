// The project's own random number generator: xoshiro256** seeded through SplitMix64.
// Owning the algorithm keeps runs identical across standard libraries, compilers and
// WebAssembly: the same seed gives the same initial weights everywhere.
#pragma once

#include <cstdint>

namespace bp {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

  void reseed(std::uint64_t seed);

  // 64 random bits.
  std::uint64_t next_u64();

  // Uniform in [0, 1), with 53 random bits (every double of the form k / 2^53).
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  // Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n);

 private:
  std::uint64_t s_[4];
};

}  // namespace bp
