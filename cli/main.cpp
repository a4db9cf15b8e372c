// retort's entry point: the one place where errors become messages and exit codes.
#include <exception>
#include <iostream>

#include "app.hpp"
#include "exit_codes.hpp"
#include "retort/error.hpp"

int main(int argc, char** argv) {
  try {
    return retort::cli::run(argc, argv);
  } catch (const retort::Error& e) {
    std::cerr << "retort: " << e.what() << '\n';
    return retort::cli::exit_code_for(e.kind());
  } catch (const std::exception& e) {
    std::cerr << "retort: internal error: " << e.what() << '\n';
    return retort::cli::kExitInternal;
  }
}
