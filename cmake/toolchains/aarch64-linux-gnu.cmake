# Cross build for aarch64 Linux with Debian's aarch64-linux-gnu toolchain (g++-aarch64-linux-gnu).
# cpuinfo and pthreadpool come from a sysroot folder into which
# scripts/arm-sysroot.sh unpacks Debian's arm64 packages (default:
# sysroot/aarch64 at the repo root; override with -DQ8NN_ARM_SYSROOT=...).
# Programs (tests, try-runs) run under qemu-aarch64 (qemu-user).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

if(NOT Q8NN_ARM_SYSROOT)
  get_filename_component(Q8NN_ARM_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/../../sysroot/aarch64" ABSOLUTE)
endif()
set(Q8NN_ARM_SYSROOT "${Q8NN_ARM_SYSROOT}" CACHE PATH "Unpacked aarch64 cpuinfo/pthreadpool packages")
# Try-compiles re-read this file: pass the sysroot on.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES Q8NN_ARM_SYSROOT)

set(CMAKE_FIND_ROOT_PATH "${Q8NN_ARM_SYSROOT}" /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# The sysroot's shared libraries: found by the linker (dependencies of
# dependencies) and by the loader under qemu.
set(_q8nn_arm_libdir "${Q8NN_ARM_SYSROOT}/usr/lib/aarch64-linux-gnu")
string(APPEND CMAKE_EXE_LINKER_FLAGS_INIT " -Wl,-rpath-link,${_q8nn_arm_libdir}")
string(APPEND CMAKE_SHARED_LINKER_FLAGS_INIT " -Wl,-rpath-link,${_q8nn_arm_libdir}")
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu -cpu max
    -E LD_LIBRARY_PATH=${_q8nn_arm_libdir})
