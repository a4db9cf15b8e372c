// Placeholder until the CLI lands.
#include <cstdio>

int main() {
  std::puts("retort");
  return 0;
}
