// The entry point every fuzz target defines: libFuzzer calls it (`make fuzz`), and so does
// replay_main.cpp (the replay tests of `make test`).
#pragma once
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
