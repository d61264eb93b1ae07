# Cross build for aarch64 Linux with Debian's aarch64-linux-gnu toolchain
# (g++-aarch64-linux-gnu), arm64 packages in sysroot/aarch64, qemu-aarch64.
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(_q8nn_triple aarch64-linux-gnu)
set(_q8nn_sysroot aarch64)
set(_q8nn_qemu qemu-aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-arm-cross.cmake)
