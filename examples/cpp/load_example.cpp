// load_example — docs/model.md's example: the embedded framework, a strict and a lenient load. ctest runs it
// from the repository root, so the paths are the repository's.
// docs/model.md shows this file from its first #include (tests/python/test_docs.py checks it); ctest builds and runs it.

#include <da06/io.hpp>

#include <iostream>

int main() {
  da06::Framework fw = da06::default_framework();                                    // embedded: Thanh Hóa H1/2024
  da06::Framework other = da06::read_framework_file("examples/data/minimal.json");   // throws da06::LoadError listing every error
  da06::LoadResult r = da06::load_framework_file("tests/data/bad/feb30.json");        // never throws on bad content
  for (const da06::Diagnostic& d : r.diagnostics) std::cout << d.to_string() << '\n';
  std::cout << fw.tasks().size() << " and " << other.tasks().size() << " tasks\n";    // 72 and 1 tasks
}
