// A program outside the da06 tree: uses the installed (or added) library through CMake.
#include <da06/io.hpp>

#include <iostream>

int main() {
  da06::Framework fw = da06::default_framework();
  std::cout << fw.tasks().size() << " tasks\n";
  return fw.tasks().size() == 72 ? 0 : 1;
}
