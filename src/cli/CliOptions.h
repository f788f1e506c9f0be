#pragma once
// The options several lamina-cli commands share, parsed in one place so they mean the same
// and fail with the same words: --viewport WxH (device pixels), --threads N (0 = every
// core) and --param NAME=VALUE (plugin parameters, repeatable).
// Thread-safety: stateless functions.

#include <CLI/CLI.hpp>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace lamina::cli {

struct ViewportSize {
    int width = 0, height = 0;
};

void addViewportOption(CLI::App* sub, std::string& viewport);
void addThreadsOption(CLI::App* sub, int& threads, const std::string& what);
void addParamOption(CLI::App* sub, std::vector<std::string>& params);

// "WxH", each side 64..16384. Throws lamina::Error(InvalidArgument).
ViewportSize parseViewport(const std::string& text);
// 0 (or less): defaultThreadCount().
size_t threadCountOrDefault(int threads);
// NAME=VALUE pairs; throws lamina::Error(InvalidArgument) naming a malformed one.
std::map<std::string, std::string> parseParams(const std::vector<std::string>& params);

} // namespace lamina::cli
