// A driver for the fuzz targets without libFuzzer, so that `make test` checks them with the
// project's own compiler (GCC) under AddressSanitizer and UndefinedBehaviorSanitizer in
// seconds: every file of the seed corpus, then a fixed number of inputs made from them by a
// seeded mutator (flip, insert, erase, repeat and splice bytes). The same seed gives the same
// inputs on every run, so a failure repeats; `make fuzz` is the coverage-guided search.
//   replay_<target> [--mutations N] [--seed S] <corpus folder>...
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_target.hpp"

namespace {

// splitmix64: small, seeded and the same everywhere.
struct Mix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31U);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

// Bytes the parsers give meaning to, so that mutations reach past the first refusal.
constexpr char kTokens[] = "0123456789.-+eE,;=&?{}[]\":\n\r\t #/*()^_abcdefghijklmnopqrstuvwxyz";

std::string mutate(std::string text, const std::vector<std::string>& corpus, Mix& rng) {
  const std::size_t edits = 1 + rng.below(4);
  for (std::size_t e = 0; e < edits; ++e) {
    const std::size_t at = rng.below(text.size() + 1);
    switch (rng.below(6)) {
      case 0:  // replace a byte with any byte
        if (!text.empty())
          text[std::min(at, text.size() - 1)] = static_cast<char>(rng.next() & 0xffU);
        break;
      case 1:  // insert a meaningful byte
        text.insert(at, 1, kTokens[rng.below(sizeof kTokens - 1)]);
        break;
      case 2:  // erase a run
        text.erase(std::min(at, text.size()), rng.below(8) + 1);
        break;
      case 3: {  // repeat a run
        const std::size_t from = rng.below(text.size() + 1);
        const std::string run = text.substr(from, rng.below(16) + 1);
        for (std::size_t k = rng.below(4) + 1; k > 0; --k) text.insert(at, run);
        break;
      }
      case 4: {  // splice a piece of another input
        const std::string& other = corpus[rng.below(corpus.size())];
        const std::size_t from = rng.below(other.size() + 1);
        text.insert(at, other.substr(from, rng.below(32) + 1));
        break;
      }
      default:  // cut the end
        text.resize(std::min(text.size(), at));
        break;
    }
  }
  if (text.size() > 4096) text.resize(4096);
  return text;
}

int run(const std::string& input) {
  return LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

}  // namespace

int main(int argc, char** argv) {
  unsigned long long mutations = 0;
  unsigned long long seed = 1;
  std::vector<std::string> corpus;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--mutations" || arg == "--seed") && i + 1 < argc) {
      char* end = nullptr;
      const unsigned long long value = std::strtoull(argv[++i], &end, 10);
      if (end == argv[i] || *end != '\0') {
        std::fprintf(stderr, "%s needs a whole number, not '%s'\n", arg.c_str(), argv[i]);
        return 2;
      }
      (arg == "--mutations" ? mutations : seed) = value;
      continue;
    }
    std::error_code error;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(arg, error))
      if (entry.is_regular_file()) files.push_back(entry.path());
    if (error) {
      std::fprintf(stderr, "cannot read the corpus folder '%s': %s\n", arg.c_str(),
                   error.message().c_str());
      return 2;
    }
    std::sort(files.begin(), files.end());  // the same order, so the same mutations, everywhere
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  if (corpus.empty()) {
    std::fprintf(stderr, "no corpus inputs: name at least one folder with files in it\n");
    return 2;
  }
  for (const std::string& input : corpus) run(input);
  Mix rng{seed};
  for (unsigned long long k = 0; k < mutations; ++k)
    run(mutate(corpus[rng.below(corpus.size())], corpus, rng));
  std::printf("%zu corpus inputs and %llu mutations (seed %llu) ran without a fault\n",
              corpus.size(), mutations, seed);
  return 0;
}
