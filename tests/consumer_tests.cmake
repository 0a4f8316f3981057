# Consumers built by the tests: one against the *installed* tree (find_package + pkg-config),
# one through add_subdirectory.
set(_stage ${PROJECT_BINARY_DIR}/consumer-stage)
add_test(NAME consumer.install
  COMMAND ${CMAKE_COMMAND} --install ${PROJECT_BINARY_DIR} --prefix ${_stage})
set_tests_properties(consumer.install PROPERTIES FIXTURES_SETUP da06_installed)
add_test(NAME consumer.find_package
  COMMAND ${CMAKE_COMMAND} -E env CMAKE_PREFIX_PATH=${_stage}
    ${CMAKE_CTEST_COMMAND} --build-and-test ${CMAKE_CURRENT_SOURCE_DIR}/consumer/find_package
      ${PROJECT_BINARY_DIR}/consumer-find-package --build-generator ${CMAKE_GENERATOR}
      --build-options -DCMAKE_PREFIX_PATH=${_stage} -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
      --test-command consumer)
set_tests_properties(consumer.find_package PROPERTIES FIXTURES_REQUIRED da06_installed)
add_test(NAME consumer.pkg_config
  COMMAND sh -c "PKG_CONFIG_PATH=${_stage}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_CXX_COMPILER} ${CMAKE_CURRENT_SOURCE_DIR}/consumer/consumer.cpp $(PKG_CONFIG_PATH=${_stage}/${CMAKE_INSTALL_LIBDIR}/pkgconfig pkg-config --cflags --libs da06) -o ${PROJECT_BINARY_DIR}/consumer-pkg-config && ${PROJECT_BINARY_DIR}/consumer-pkg-config")
set_tests_properties(consumer.pkg_config PROPERTIES FIXTURES_REQUIRED da06_installed)
# This one compiles the library again inside the consumer's tree, so only the consumer's target is
# built, unoptimised: the test is about the CMake interface, not about code generation.
add_test(NAME consumer.add_subdirectory
  COMMAND ${CMAKE_CTEST_COMMAND} --build-and-test ${CMAKE_CURRENT_SOURCE_DIR}/consumer/subdirectory
    ${PROJECT_BINARY_DIR}/consumer-subdirectory --build-generator ${CMAKE_GENERATOR} --build-target consumer
    --build-options -DDA06_SOURCE_DIR=${PROJECT_SOURCE_DIR} -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
      -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O0 -g0"
    --test-command consumer)
