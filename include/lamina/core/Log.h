#pragma once
// Logging through spdlog. Every module logs to one logger named "lamina" (stderr by default).
// The level comes from --log-level or the LAMINA_LOG environment variable
// (trace, debug, info, warn, error, critical, off).
// Thread-safety: spdlog loggers are thread-safe; call initLogging() once at start-up.

#include <spdlog/spdlog.h>

#include <optional>
#include <string>

namespace lamina {

// Parses a level name; std::nullopt when the name is not a known level.
std::optional<spdlog::level::level_enum> parseLogLevel(const std::string& name);

// Sets up the "lamina" logger. `level` wins over LAMINA_LOG; default is "warn".
// Throws lamina::Error(InvalidArgument) on an unknown level name.
void initLogging(const std::optional<std::string>& level = std::nullopt);

// The shared logger (created with defaults if initLogging() was not called).
spdlog::logger& logger();

} // namespace lamina
