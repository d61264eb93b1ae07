# Cross build for armv7 Linux with Debian's arm-linux-gnueabihf toolchain (g++-arm-linux-gnueabihf).
# cpuinfo and pthreadpool come from a sysroot folder into which
# scripts/arm-sysroot.sh unpacks Debian's armhf packages (default:
# sysroot/armv7 at the repo root; override with -DQ8NN_ARM_SYSROOT=...).
# Programs (tests, try-runs) run under qemu-arm (qemu-user).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR armv7l)

set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)
# ARMv7-A with NEON, hard-float ABI (Debian armhf defaults to vfpv3-d16).
set(CMAKE_C_FLAGS_INIT "-march=armv7-a -mfpu=neon -mfloat-abi=hard")
set(CMAKE_CXX_FLAGS_INIT "-march=armv7-a -mfpu=neon -mfloat-abi=hard")

if(NOT Q8NN_ARM_SYSROOT)
  get_filename_component(Q8NN_ARM_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/../../sysroot/armv7" ABSOLUTE)
endif()
set(Q8NN_ARM_SYSROOT "${Q8NN_ARM_SYSROOT}" CACHE PATH "Unpacked armv7 cpuinfo/pthreadpool packages")
# Try-compiles re-read this file: pass the sysroot on.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES Q8NN_ARM_SYSROOT)

set(CMAKE_FIND_ROOT_PATH "${Q8NN_ARM_SYSROOT}" /usr/arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)

# The sysroot's shared libraries: found by the linker (dependencies of
# dependencies) and by the loader under qemu.
set(_q8nn_arm_libdir "${Q8NN_ARM_SYSROOT}/usr/lib/arm-linux-gnueabihf")
string(APPEND CMAKE_EXE_LINKER_FLAGS_INIT " -Wl,-rpath-link,${_q8nn_arm_libdir}")
string(APPEND CMAKE_SHARED_LINKER_FLAGS_INIT " -Wl,-rpath-link,${_q8nn_arm_libdir}")
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm -L /usr/arm-linux-gnueabihf -cpu max
    -E LD_LIBRARY_PATH=${_q8nn_arm_libdir})
