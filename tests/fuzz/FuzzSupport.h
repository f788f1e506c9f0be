#pragma once
// Shared by the fuzz targets (libFuzzer entry points, one parser each). An expected refusal of
// bad input (lamina::Error, or another std::exception a parser documents) is not a finding;
// crashes, hangs, sanitizer reports and leaks are. Parsers that only read files get the input
// through a file on tmpfs, rewritten for each input.
// Thread-safety: libFuzzer calls a target from one thread.

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>

namespace lamina::fuzz {

// The parsers' warnings about each mutated input would be most of the run's time: silenced.
inline const bool kQuiet = [] {
    logger().set_level(spdlog::level::off);
    return true;
}();

// A file of this process's own holding `data`, named with `extension`.
inline std::filesystem::path asFile(std::span<const uint8_t> data, const std::string& extension) {
    const std::filesystem::path folder =
        std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    const auto path = folder / ("lamina-fuzz-" + std::to_string(::getpid()) + extension);
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data.data()), std::streamsize(data.size()));
    return path;
}

// Runs `parse`; refusals are expected, anything else reaches the fuzzer.
template <typename F>
void refusalsAreFine(F&& parse) {
    try {
        parse();
    } catch (const Error&) {
    } catch (const std::runtime_error&) { // some parsers document runtime_error / out_of_range
    } catch (const std::logic_error&) {
    }
}

} // namespace lamina::fuzz
