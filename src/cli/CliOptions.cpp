#include "CliOptions.h"

#include <lamina/core/Error.h>
#include <lamina/core/ThreadPool.h>

#include <cstdio>

namespace lamina::cli {

void addViewportOption(CLI::App* sub, std::string& viewport) {
    sub->add_option("--viewport", viewport, "Viewport WxH in device pixels")->capture_default_str();
}

void addThreadsOption(CLI::App* sub, int& threads, const std::string& what) {
    sub->add_option("--threads", threads, what + " (0 = all cores)")->capture_default_str();
}

void addParamOption(CLI::App* sub, std::vector<std::string>& params) {
    sub->add_option("--param", params, "Plugin parameter NAME=VALUE (repeatable)");
}

ViewportSize parseViewport(const std::string& text) {
    ViewportSize v;
    char rest = 0;
    if (std::sscanf(text.c_str(), "%dx%d%c", &v.width, &v.height, &rest) != 2 || v.width < 64 ||
        v.height < 64 || v.width > 16384 || v.height > 16384)
        throw Error(ErrorKind::InvalidArgument, {},
                    "--viewport must be WxH between 64 and 16384 pixels a side, e.g. 1920x1080, "
                    "not '" +
                        text + "'");
    return v;
}

size_t threadCountOrDefault(int threads) {
    return threads > 0 ? size_t(threads) : defaultThreadCount();
}

std::map<std::string, std::string> parseParams(const std::vector<std::string>& params) {
    std::map<std::string, std::string> given;
    for (const std::string& p : params) {
        const size_t eq = p.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Error(ErrorKind::InvalidArgument, {},
                        "--param must be NAME=VALUE, not \"" + p + "\"");
        given[p.substr(0, eq)] = p.substr(eq + 1);
    }
    return given;
}

} // namespace lamina::cli
