#include "logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace retort::cli {
namespace {

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return spdlog::level::trace;
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarning:
      return spdlog::level::warn;
    case LogLevel::kError:
      break;
  }
  return spdlog::level::err;
}

spdlog::level::level_enum threshold(Verbosity verbosity) {
  switch (verbosity) {
    case Verbosity::kQuiet:
      return spdlog::level::warn;
    case Verbosity::kVerbose:
      return spdlog::level::debug;
    case Verbosity::kNormal:
      break;
  }
  return spdlog::level::info;
}

}  // namespace

LogSink setup_logging(Verbosity verbosity) {
  auto logger = spdlog::stderr_color_st("retort");
  logger->set_pattern("%^%l%$: %v");
  logger->set_level(threshold(verbosity));
  spdlog::set_default_logger(logger);
  return [logger](LogLevel level, std::string_view message) {
    logger->log(to_spdlog(level), "{}", message);
  };
}

}  // namespace retort::cli
