#include <lamina/core/Error.h>
#include <lamina/core/Log.h>

#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdlib>
#include <mutex>

namespace lamina {
namespace {

std::shared_ptr<spdlog::logger> makeLogger() {
    auto existing = spdlog::get("lamina");
    if (existing)
        return existing;
    auto created = spdlog::stderr_color_mt("lamina");
    created->set_pattern("[%H:%M:%S.%e] [%^%l%$] %v");
    created->set_level(spdlog::level::warn);
    return created;
}

std::shared_ptr<spdlog::logger>& sharedLogger() {
    static std::shared_ptr<spdlog::logger> instance = makeLogger();
    return instance;
}

} // namespace

std::optional<spdlog::level::level_enum> parseLogLevel(const std::string& name) {
    static const std::pair<const char*, spdlog::level::level_enum> names[] = {
        {"trace", spdlog::level::trace},       {"debug", spdlog::level::debug},
        {"info", spdlog::level::info},         {"warn", spdlog::level::warn},
        {"warning", spdlog::level::warn},      {"error", spdlog::level::err},
        {"critical", spdlog::level::critical}, {"off", spdlog::level::off}};
    for (const auto& [text, level] : names)
        if (name == text)
            return level;
    return std::nullopt;
}

void initLogging(const std::optional<std::string>& level) {
    std::string chosen = "warn";
    if (const char* env = std::getenv("LAMINA_LOG"); env && *env)
        chosen = env;
    if (level)
        chosen = *level;
    const auto parsed = parseLogLevel(chosen);
    if (!parsed)
        throw Error(ErrorKind::InvalidArgument, {},
                    "unknown log level '" + chosen +
                        "' (use trace, debug, info, warn, error, critical or off)");
    logger().set_level(*parsed);
}

spdlog::logger& logger() {
    return *sharedLogger();
}

} // namespace lamina
