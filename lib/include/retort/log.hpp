// The library logs through a sink given in its options; it never writes to a terminal or
// configures a logging library itself (that is the CLI's job).
#pragma once

#include <functional>
#include <string_view>

namespace retort {

enum class LogLevel { kTrace, kDebug, kInfo, kWarning, kError };

using LogSink = std::function<void(LogLevel level, std::string_view message)>;

}  // namespace retort
